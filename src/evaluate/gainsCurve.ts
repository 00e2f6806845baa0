import { checkBinary } from './checkBinary.js';
import { scoreGroups } from './scoreGroups.js';

/**
 * Cumulative gains: share of churners captured against share of customers contacted.
 * @category Evaluate
 */
export interface GainsCurve {
  /** Share of customers contacted, from 0 to 1 (one point per distinct score, plus the origin). */
  fraction: Float64Array;
  /** Share of all churners among them, from 0 to 1. */
  capture: Float64Array;
  /** Cut-off of each point: contact everyone with score ≥ threshold (`Infinity` at the origin). */
  threshold: Float64Array;
}

/**
 * Cumulative gains curve of a churn score.
 *
 * Answers "if we call the riskiest x% of customers, what share of the churners do we
 * reach?"; the diagonal is random targeting. Plot it beside {@link liftTable} (its
 * banded form) or feed the same ranking to {@link profitCurve}.
 *
 * Maths: one vertex per distinct score, descending: fractionₖ = (customers with score ≥ tₖ)/n,
 * captureₖ = (churners with score ≥ tₖ)/P; ties move together, so the curve has no
 * order-dependent steps (Berry & Linoff; the x-axis differs from ROC's FPR by using all
 * customers). O(n log n).
 *
 * @param y - labels, 1 = churned, 0 = stayed
 * @param scores - any real-valued score, higher = more likely to churn
 * @returns the curve as parallel typed arrays, starting at (0, 0) and ending at (1, 1)
 * @throws ChurnkitError `LENGTH_MISMATCH`, `EMPTY_INPUT`, `INVALID_INPUT` (with the row),
 *   `SINGLE_CLASS_LABELS` when nobody churned (capture is undefined)
 * @example
 * ```ts
 * const g = gainsCurve([1, 0, 1, 0], [0.9, 0.8, 0.4, 0.1]);
 * g.fraction; // [0, 0.25, 0.5, 0.75, 1]
 * g.capture;  // [0, 0.5, 0.5, 1, 1]
 * ```
 * @category Evaluate
 */
export function gainsCurve(y: ArrayLike<number>, scores: ArrayLike<number>): GainsCurve {
  const { n, positives } = checkBinary('gainsCurve', y, scores, { needPositive: true });
  const { count, threshold, start, tp } = scoreGroups(y, scores);
  const fraction = new Float64Array(count + 1);
  const capture = new Float64Array(count + 1);
  const cut = new Float64Array(count + 1);
  cut[0] = Infinity;
  for (let g = 0; g < count; g++) {
    fraction[g + 1] = start[g + 1]! / n;
    capture[g + 1] = tp[g]! / positives;
    cut[g + 1] = threshold[g]!;
  }
  return { fraction, capture, threshold: cut };
}
