import { checkBinary } from './checkBinary.js';
import { scoreGroups } from './scoreGroups.js';

/**
 * The empirical ROC curve of a churn score: true against false positive rate per cut-off.
 * @category Evaluate
 */
export interface RocCurve {
  /** False positive rate: share of non-churners with score ≥ threshold, from 0 to 1. */
  fpr: Float64Array;
  /** True positive rate (recall): share of churners with score ≥ threshold, from 0 to 1. */
  tpr: Float64Array;
  /** Cut-off of each point, descending: flag everyone with score ≥ threshold (`Infinity` at the origin). */
  threshold: Float64Array;
}

/**
 * ROC curve of a churn score: one vertex per distinct score, tied scores as one step.
 *
 * Shows how many churners a model catches (TPR) for each share of loyal customers it
 * disturbs (FPR) as the cut-off moves down the ranking; the diagonal is a coin. Its area is
 * {@link rocAuc}; plot it with `rocChart` from `churnkit/report`, beside {@link gainsCurve}
 * (same ranking, all customers on the x-axis).
 *
 * Maths: for the distinct scores t₁ > t₂ > … > t_k, tprⱼ = #{churners with score ≥ tⱼ}/P and
 * fprⱼ = #{non-churners with score ≥ tⱼ}/N, after the origin (0, 0). Customers with equal
 * scores enter together, so a tie is one diagonal step and the trapezoidal area equals
 * {@link rocAuc} (Fawcett 2006, "An introduction to ROC analysis", Alg. 1). Same points as
 * scikit-learn's `roc_curve(..., drop_intermediate=False)`; its first threshold is `max + 1`
 * in 1.2 and `inf` from 1.3, here always `Infinity`. O(n log n) for the sort.
 *
 * @param y - labels, 1 = churned, 0 = stayed
 * @param scores - any real-valued score, higher = more likely to churn
 * @returns the curve as parallel typed arrays of length (distinct scores + 1), starting at
 *   (0, 0) and ending at (1, 1)
 * @throws ChurnkitError `LENGTH_MISMATCH`, `EMPTY_INPUT`, `INVALID_INPUT` (a label not 0/1 or
 *   a NaN / infinite score, with its row), `SINGLE_CLASS_LABELS` (one of the rates would divide
 *   by zero)
 * @example
 * ```ts
 * const roc = rocCurve([1, 0, 1, 0], [0.9, 0.8, 0.8, 0.1]);
 * roc.fpr;       // [0, 0, 0.5, 1]
 * roc.tpr;       // [0, 0.5, 1, 1]
 * roc.threshold; // [Infinity, 0.9, 0.8, 0.1]
 * ```
 * @category Evaluate
 */
export function rocCurve(y: ArrayLike<number>, scores: ArrayLike<number>): RocCurve {
  const { n, positives } = checkBinary('rocCurve', y, scores, { needBoth: true });
  const negatives = n - positives;
  const { count, threshold, tp, fp } = scoreGroups(y, scores);
  const fpr = new Float64Array(count + 1);
  const tpr = new Float64Array(count + 1);
  const cut = new Float64Array(count + 1);
  cut[0] = Infinity;
  for (let g = 0; g < count; g++) {
    fpr[g + 1] = fp[g]! / negatives;
    tpr[g + 1] = tp[g]! / positives;
    cut[g + 1] = threshold[g]!;
  }
  return { fpr, tpr, threshold: cut };
}
