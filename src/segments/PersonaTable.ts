import type { PersonaName } from './PersonaName.js';

/**
 * One reason a persona fits a customer: the feature, its value, and the threshold it was held against.
 *
 * @category Segments
 */
export interface PersonaReason {
  /** Feature column the reason reads (`coupon_order_share`, `complaint_count_90d`, ...). */
  feature: string;
  /** The customer's value of it. */
  value: number;
  /** The threshold of the option it was compared with. */
  threshold: number;
  /** One plain-language line, e.g. "72% of orders used a coupon (≥ 50%)". */
  text: string;
}

/**
 * The result of `assignPersonas`: at most one primary persona per customer, a score per
 * persona (0..1; how strongly each fits) and the reasons for the primary one.
 *
 * @category Segments
 */
export interface PersonaTable {
  /** Customer id per row (the rows of the input matrix that were assessed). */
  readonly customerIds: readonly string[];
  /** Primary persona per row (`none` when no persona fits). */
  readonly persona: readonly PersonaName[];
  /** Score per persona per row, 0..1. */
  readonly scores: Readonly<Record<Exclude<PersonaName, 'none'>, Float64Array>>;
  /** Reasons for the primary persona per row (empty for `none`). */
  readonly reasons: readonly (readonly PersonaReason[])[];
  /** Customers per persona, `none` included. */
  readonly counts: Readonly<Record<PersonaName, number>>;
}
