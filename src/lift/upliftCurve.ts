import { checkUplift, curvePoints, curveThresholds, thresholdCounts } from './_upliftCore.js';

/**
 * Points of an uplift curve: incremental retained customers against customers targeted.
 * @category Lift
 */
export interface UpliftCurve {
  /** Customers targeted (0, then the count with score ≥ each distinct threshold, up to n). */
  targeted: Float64Array;
  /** (Y_T/N_T − Y_C/N_C)·N at each point: the response-rate difference scaled to the targeted count. */
  uplift: Float64Array;
  /** Score cut-off of each point: target everyone with score ≥ threshold (`Infinity` at the origin). */
  threshold: Float64Array;
}

/**
 * Uplift curve of a treatment-effect score over a treatment/control experiment.
 *
 * Ranks customers by the uplift score (highest first: the ones the model thinks the
 * retention action helps most) and, for each cut-off, compares the retention rate of the
 * treated against the control customers above it. Use it to decide how deep into the ranking
 * a win-back campaign should go. In the churn setting pass **y = 1 for retained** (the
 * outcome the action should raise), not churned.
 *
 * Maths (Radcliffe 2007, "Using control groups to target on predicted lift", §3; the
 * `uplift_curve` of scikit-uplift): at the k-th distinct score, with N customers at or above
 * it, N_T treated, N_C = N − N_T control, Y_T and Y_C retained in each arm,
 * value = (Y_T/N_T − Y_C/N_C)·N, each ratio taken as 0 when its denominator is 0. Ties in
 * the score are a block: one point per distinct score, so the curve does not depend on the
 * input order. The curve starts at (0, 0). O(n log n).
 *
 * @param y - outcome per customer, 1 = retained, 0 = churned
 * @param treatment - 1 = treated (contacted), 0 = control (held out)
 * @param score - predicted uplift (any finite number; higher = target first)
 * @returns the curve as parallel typed arrays
 * @throws ChurnkitError `LENGTH_MISMATCH`, `EMPTY_INPUT`, `INVALID_INPUT` (with the row),
 *   `SINGLE_CLASS_LABELS` when one arm is empty
 * @example
 * ```ts
 * const c = upliftCurve([1, 0, 1, 0], [1, 0, 0, 1], [0.9, 0.9, 0.5, 0.1]);
 * c.targeted; // [0, 2, 3, 4]
 * c.uplift;   // [0, 2, 1.5, 0]
 * ```
 * @category Lift
 */
export function upliftCurve(y: ArrayLike<number>, treatment: ArrayLike<number>, score: ArrayLike<number>): UpliftCurve {
  const { order } = checkUplift('upliftCurve', y, treatment, score);
  const c = thresholdCounts(y, treatment, score, order);
  const [targeted, uplift] = curvePoints(c, 'uplift');
  return { targeted, uplift, threshold: curveThresholds(c) };
}
