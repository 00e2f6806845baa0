/**
 * Thresholds of the `price_sensitive` persona. @category Segments
 */
export interface PriceSensitiveThresholds {
  /** `coupon_order_share` ≥ this: buys mostly with coupons or discounts. Default 0.5. */
  minCouponOrderShare: number;
  /** `coupon_issue_overdue_ratio` ≥ this: no coupon for this many usual intervals (offers stopped). Default 2. */
  minCouponOverdueRatio: number;
  /** `coupon_redemption_rate` ≥ this: responds to offers. Default 0.5. */
  minCouponRedemptionRate: number;
  /** `price_text_count_180d` ≥ this: price words in complaints or tickets. Default 1. */
  minPriceTexts: number;
}

/** Thresholds of the `disappointed` persona. @category Segments */
export interface DisappointedThresholds {
  /** `complaint_count_180d` ≥ this. Default 1. Also the negative signal that rules out `fading` and `lost_loyal`. */
  minComplaints: number;
  /** `refund_count_180d` ≥ this. Default 1. */
  minRefunds: number;
  /** `survey_last_score` ≤ this (NPS detractor band 0–6, Reichheld 2003). Default 6. */
  maxSurveyScore: number;
  /** `negative_text_share_180d` ≥ this. Default 0.5. */
  minNegativeTextShare: number;
}

/** Thresholds of the `fading` persona. @category Segments */
export interface FadingThresholds {
  /** `session_gap_growth` ≥ this: the last silences grew (required). Default 1.3. */
  minGapGrowth: number;
  /** `session_count_change_90d` ≤ this: fewer active days before the stop. Default 0.75. */
  maxSessionCountChange: number;
}

/**
 * How high "high historical value" is: `monetary_total` at or above the `quantile` of that
 * column over every row of the matrix (assessed or not), or at or above a fixed `amount` in the
 * log's currency.
 *
 * @category Segments
 */
export type HighValueThreshold = { quantile: number } | { amount: number };

/** Thresholds of the `lost_loyal` persona. @category Segments */
export interface LostLoyalThresholds {
  /** `tenure_days` ≥ this (required). Default 365. */
  minTenureDays: number;
  /** `monetary_total` high (required). Default `{ quantile: 0.9 }`: the top 10% of the matrix. */
  highValue: HighValueThreshold;
  /** `session_gap_growth` < this: the silences did not double before the stop (required). Default 2. */
  maxGapGrowth: number;
}

/** Thresholds of every persona. @category Segments */
export interface PersonaThresholds {
  /** See {@link PriceSensitiveThresholds}. */
  price_sensitive: PriceSensitiveThresholds;
  /** See {@link DisappointedThresholds}. */
  disappointed: DisappointedThresholds;
  /** See {@link FadingThresholds}. */
  fading: FadingThresholds;
  /** See {@link LostLoyalThresholds}. */
  lost_loyal: LostLoyalThresholds;
}

/**
 * Only the status fields `assignPersonas` reads from a `StatusTable` (from `churnStatus`).
 *
 * @category Segments
 */
export interface PersonaStatusInput {
  /** Customer id per row. */
  readonly customerIds: readonly string[];
  /** Status per row; rows `at_risk` or `churned` are assessed. */
  readonly status: readonly string[];
}

/**
 * Options of {@link assignPersonas}. Plain data: thresholds and `minScore` survive
 * `JSON.stringify` / `JSON.parse` unchanged.
 *
 * @category Segments
 */
export interface PersonaOptions {
  /** Assess only these customers (ids of the matrix), in this order. Default: every row. Not with `status`. */
  customers?: readonly (string | number)[];
  /** Assess only the rows `at_risk` or `churned` in this status table (in matrix order). Not with `customers`. */
  status?: PersonaStatusInput;
  /** Lowest score (0..1) that makes a persona primary; below it the customer is `none`. Default 0.6. */
  minScore?: number;
  /** Threshold overrides per persona, merged over {@link DEFAULT_PERSONA_OPTIONS}. */
  thresholds?: { [P in keyof PersonaThresholds]?: Partial<PersonaThresholds[P]> };
}

/** {@link PersonaOptions} defaults: `minScore` and every threshold. @category Segments */
export interface PersonaDefaults {
  /** Lowest score that makes a persona primary. */
  readonly minScore: number;
  /** Thresholds per persona. */
  readonly thresholds: Readonly<{ [P in keyof PersonaThresholds]: Readonly<PersonaThresholds[P]> }>;
}

/**
 * The documented defaults of {@link assignPersonas}: round numbers chosen from what each
 * persona means, checked (not fitted) on `simulateShop({ seed: 1 })` and held out on seed 2.
 *
 * - `minScore` 0.6: `price_sensitive` and `disappointed` need their core clause (weight 2)
 *   and one more of weight 1; `fading` needs its growing silences; `lost_loyal` needs all its
 *   required clauses.
 * - `price_sensitive`: half the orders with a coupon; no coupon for twice the usual interval;
 *   half the coupons redeemed; one price text.
 * - `disappointed`: one complaint or refund in 180 days; last survey 6 or lower (NPS
 *   detractor); half the texts negative.
 * - `fading`: no complaint in 180 days; the last three silences 1.3× the usual gap; a quarter
 *   fewer active days in the last 90 days before the stop than in the 90 before.
 * - `lost_loyal`: no complaint in 180 days; a year of tenure; total spend in the top 10% of the
 *   matrix (extract the matrix for the whole customer base); the silences before the stop less
 *   than twice the usual (a stop, not a long fade); mostly full-price orders (below half with a coupon).
 *
 * @example
 * ```ts
 * DEFAULT_PERSONA_OPTIONS.thresholds.fading.minGapGrowth; // 1.3
 * assignPersonas(m, { thresholds: { fading: { minGapGrowth: 2 } } }); // stricter fading
 * ```
 * @category Segments
 */
export const DEFAULT_PERSONA_OPTIONS: PersonaDefaults = Object.freeze({
  minScore: 0.6,
  thresholds: Object.freeze({
    price_sensitive: Object.freeze({ minCouponOrderShare: 0.5, minCouponOverdueRatio: 2, minCouponRedemptionRate: 0.5, minPriceTexts: 1 }),
    disappointed: Object.freeze({ minComplaints: 1, minRefunds: 1, maxSurveyScore: 6, minNegativeTextShare: 0.5 }),
    fading: Object.freeze({ minGapGrowth: 1.3, maxSessionCountChange: 0.75 }),
    lost_loyal: Object.freeze({ minTenureDays: 365, highValue: Object.freeze({ quantile: 0.9 }), maxGapGrowth: 2 }),
  }),
});
