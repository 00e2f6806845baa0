import { knownOptions, optionNames, optionsOf } from '../internal/args.js';
import { invalidOption } from '../internal/errors.js';
import { checkBinary } from './checkBinary.js';
import { scoreGroups } from './scoreGroups.js';

const LIFT_TABLE_OPTIONS = optionNames<LiftTableOptions>()(['bins']);

/**
 * One row of a lift table: a band of customers ranked by churn score.
 * @category Evaluate
 */
export interface LiftRow {
  /** Band number, 1 = highest scores. Bands left empty by ties are omitted (see {@link liftTable}). */
  decile: number;
  /** Customers in the band. */
  customers: number;
  /** Churners in the band. */
  churners: number;
  /** churners / customers. */
  rate: number;
  /** rate / overall churn rate: how many times better than contacting at random. */
  lift: number;
  /** Customers in this band and all higher ones. */
  cumulativeCustomers: number;
  /** Churners in this band and all higher ones. */
  cumulativeChurners: number;
  /** cumulativeChurners / all churners: the share of churners reached by contacting down to here. */
  capture: number;
  /** (cumulativeChurners / cumulativeCustomers) / overall churn rate. */
  cumulativeLift: number;
  /** Lowest score in the band. */
  minScore: number;
  /** Highest score in the band. */
  maxScore: number;
}

/** Options of {@link liftTable}. @category Evaluate */
export interface LiftTableOptions {
  /** Number of bands, an integer ≥ 1 (default 10: deciles). */
  bins?: number;
}

/**
 * Decile lift table: churners, churn rate, lift and cumulative capture per score band.
 *
 * The table a retention manager reads: "the top 10% by risk hold 31% of next quarter's
 * churners, 3.1× the base rate". Use it to size a campaign; {@link gainsCurve} is the same
 * information as a curve and {@link profitCurve} turns it into money.
 *
 * Maths: customers are sorted by descending score. Tied scores always share a band, decided
 * deterministically by the tie group's middle position: a group of g customers starting
 * at rank s (0-based) of n goes to band ⌊(2s + g − 1)·bins / (2n)⌋ + 1. Without ties this is
 * the usual equal split (band ⌊s·bins/n⌋ + 1); with ties bands can be unequal, and a band that
 * receives no group is omitted, so rows are never blank (check `decile`). Lift is the band's
 * rate over the overall rate (Berry & Linoff, "Data Mining Techniques", ch. 5). O(n log n).
 *
 * @param y - labels, 1 = churned, 0 = stayed
 * @param scores - any real-valued score, higher = more likely to churn
 * @param options - {@link LiftTableOptions}
 * @returns one row per non-empty band, highest scores first
 * @throws ChurnkitError `LENGTH_MISMATCH`, `EMPTY_INPUT`, `INVALID_INPUT` (with the row),
 *   `SINGLE_CLASS_LABELS` when nobody churned (lift is undefined), `INVALID_OPTION` for bad `bins`
 * @example
 * ```ts
 * const rows = liftTable([1, 0, 1, 0, 0], [0.9, 0.7, 0.6, 0.2, 0.1], { bins: 5 });
 * rows[0]; // { decile: 1, customers: 1, churners: 1, rate: 1, lift: 2.5, capture: 0.5, ... }
 * ```
 * @category Evaluate
 */
export function liftTable(y: ArrayLike<number>, scores: ArrayLike<number>, options: LiftTableOptions = {}): LiftRow[] {
  options = optionsOf('liftTable', options);
  knownOptions('liftTable', options, LIFT_TABLE_OPTIONS);
  const bins = options.bins ?? 10;
  if (!Number.isInteger(bins) || bins < 1) invalidOption('liftTable', 'bins', 'an integer ≥ 1', bins);
  const { n, positives } = checkBinary('liftTable', y, scores, { needPositive: true });
  const { count, threshold, start, tp } = scoreGroups(y, scores);
  const base = positives / n;
  const rows: LiftRow[] = [];
  let g = 0;
  let prevTp = 0;
  let prevN = 0;
  while (g < count) {
    const band = bandOf(start[g]!, start[g + 1]! - start[g]!, bins, n);
    const maxScore = threshold[g]!;
    while (g + 1 < count && bandOf(start[g + 1]!, start[g + 2]! - start[g + 1]!, bins, n) === band) g++;
    const cumN = start[g + 1]!;
    const cumTp = tp[g]!;
    const customers = cumN - prevN;
    const churners = cumTp - prevTp;
    const rate = churners / customers;
    rows.push({
      decile: band + 1,
      customers,
      churners,
      rate,
      lift: rate / base,
      cumulativeCustomers: cumN,
      cumulativeChurners: cumTp,
      capture: cumTp / positives,
      cumulativeLift: cumTp / cumN / base,
      minScore: threshold[g]!,
      maxScore,
    });
    prevN = cumN;
    prevTp = cumTp;
    g++;
  }
  return rows;
}

/** Band (0-based) of a tie group of size g starting at rank s: its middle member's band. */
function bandOf(s: number, g: number, bins: number, n: number): number {
  return Math.min(bins - 1, Math.floor(((2 * s + g - 1) * bins) / (2 * n)));
}
