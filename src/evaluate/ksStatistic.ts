import { checkBinary } from './checkBinary.js';
import { scoreGroups } from './scoreGroups.js';

/**
 * The Kolmogorov–Smirnov separation of a churn score and where it is reached.
 * @category Evaluate
 */
export interface KsResult {
  /** max over cut-offs of |TPR − FPR|, in [0, 1]. */
  statistic: number;
  /** The score at which it is reached (flag score ≥ threshold); the highest such score on ties. */
  threshold: number;
}

/**
 * Kolmogorov–Smirnov statistic: the largest gap between the score distributions of
 * churners and non-churners.
 *
 * Common in credit and churn scorecards as a one-number separation measure with a
 * natural cut-off (where the gap is widest); it equals the maximum of Youden's J = TPR − FPR
 * over cut-offs when churners score higher.
 *
 * Maths: D = supₜ |F₁(t) − F₀(t)| with Fₖ the empirical score CDF of class k (two-sample KS,
 * Smirnov 1939), evaluated at every distinct score. Equals scipy 1.10 `stats.ks_2samp(...).statistic`
 * within 1e-9 on the fixtures. O(n log n) for the sort.
 *
 * @param y - labels, 1 = churned, 0 = stayed
 * @param scores - any real-valued score
 * @returns the statistic and the cut-off where it is reached
 * @throws ChurnkitError `LENGTH_MISMATCH`, `EMPTY_INPUT`, `INVALID_INPUT` (with the row),
 *   `SINGLE_CLASS_LABELS` (both classes are needed)
 * @example
 * ```ts
 * ksStatistic([1, 0, 1, 0], [0.9, 0.8, 0.4, 0.1]); // { statistic: 0.5, threshold: 0.9 }
 * ```
 * @category Evaluate
 */
export function ksStatistic(y: ArrayLike<number>, scores: ArrayLike<number>): KsResult {
  const { n, positives } = checkBinary('ksStatistic', y, scores, { needBoth: true });
  const negatives = n - positives;
  const { count, threshold, tp, fp } = scoreGroups(y, scores);
  let best = -1;
  let at = threshold[0]!;
  for (let g = 0; g < count; g++) {
    // Integer cross-multiplication keeps the comparison exact; divide once at the end.
    const gap = Math.abs(tp[g]! * negatives - fp[g]! * positives);
    if (gap > best) {
      best = gap;
      at = threshold[g]!;
    }
  }
  return { statistic: best / (positives * negatives), threshold: at };
}
