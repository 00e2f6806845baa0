import { checkUplift, curvePoints, curveThresholds, thresholdCounts } from './_upliftCore.js';

/**
 * Points of a Qini curve: incremental retained customers against customers targeted.
 * @category Lift
 */
export interface QiniCurve {
  /** Customers targeted (0, then the count with score ≥ each distinct threshold, up to n). */
  targeted: Float64Array;
  /** Y_T − Y_C·N_T/N_C at each point: retained treated minus the control retention scaled to the treated count. */
  qini: Float64Array;
  /** Score cut-off of each point: target everyone with score ≥ threshold (`Infinity` at the origin). */
  threshold: Float64Array;
}

/**
 * Qini curve of a treatment-effect score over a treatment/control experiment.
 *
 * Reads as "how many extra customers does the retention action keep if we treat the top
 * customers of this ranking?"; compare it with the straight line to the last point (random
 * targeting) and summarise it with {@link qiniCoefficient}. In the churn setting pass
 * **y = 1 for retained**, not churned.
 *
 * Maths (Radcliffe 2007, "Using control groups to target on predicted lift", §3, the Qini
 * curve; scikit-uplift `qini_curve`): at the k-th distinct score, with N customers at or above
 * it, N_T treated, N_C = N − N_T control, Y_T and Y_C retained in each arm,
 * qini = Y_T − Y_C·N_T/N_C (the control term is 0 while N_C = 0). Ties in the score are a
 * block: one point per distinct score. The curve starts at (0, 0) and ends at the overall
 * incremental count. O(n log n).
 *
 * @param y - outcome per customer, 1 = retained, 0 = churned
 * @param treatment - 1 = treated (contacted), 0 = control (held out)
 * @param score - predicted uplift (any finite number; higher = target first)
 * @returns the curve as parallel typed arrays
 * @throws ChurnkitError `LENGTH_MISMATCH`, `EMPTY_INPUT`, `INVALID_INPUT` (with the row),
 *   `SINGLE_CLASS_LABELS` when one arm is empty
 * @example
 * ```ts
 * const q = qiniCurve([1, 0, 1, 0], [1, 0, 0, 1], [0.9, 0.9, 0.5, 0.1]);
 * q.targeted; // [0, 2, 3, 4]
 * q.qini;     // [0, 1, 0.5, 0]
 * ```
 * @category Lift
 */
export function qiniCurve(y: ArrayLike<number>, treatment: ArrayLike<number>, score: ArrayLike<number>): QiniCurve {
  const { order } = checkUplift('qiniCurve', y, treatment, score);
  const c = thresholdCounts(y, treatment, score, order);
  const [targeted, qini] = curvePoints(c, 'qini');
  return { targeted, qini, threshold: curveThresholds(c) };
}
