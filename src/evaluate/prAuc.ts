import { checkBinary } from './checkBinary.js';
import { NeumaierSum } from '../internal/neumaier.js';
import { scoreGroups } from './scoreGroups.js';

/**
 * Area under the precision–recall curve as average precision: the mean precision at the
 * rank of each churner, with scikit-learn's step (not trapezoidal) definition.
 *
 * Use it when churners are rare: unlike {@link rocAuc} it moves with the base rate (a
 * random model scores the churn rate) and rewards putting churners at the very top of the
 * list, which is where a retention team spends its budget.
 *
 * Maths: AP = Σₖ (Rₖ − Rₖ₋₁) · Pₖ over distinct score thresholds taken from the highest
 * down, where Pₖ and Rₖ are precision and recall of "churn if score ≥ thresholdₖ" (scikit-learn
 * `average_precision_score`; Manning, Raghavan & Schütze 2008, §8.4). Tied scores form one
 * step. Checked against scikit-learn 1.2.1 within 1e-9. O(n log n) for the sort.
 *
 * @param y - labels, 1 = churned, 0 = stayed
 * @param scores - any real-valued score, higher = more likely to churn
 * @returns average precision, in [0, 1] (1 when every customer churned)
 * @throws ChurnkitError `LENGTH_MISMATCH`, `EMPTY_INPUT`, `INVALID_INPUT` (with the row),
 *   `SINGLE_CLASS_LABELS` when no customer churned (recall is undefined; scikit-learn warns
 *   and returns a meaningless value there)
 * @example
 * ```ts
 * prAuc([1, 0, 1, 0], [0.9, 0.8, 0.4, 0.1]); // (1/2)·1 + (1/2)·(2/3) = 0.8333…
 * ```
 * @category Evaluate
 */
export function prAuc(y: ArrayLike<number>, scores: ArrayLike<number>): number {
  const { positives } = checkBinary('prAuc', y, scores, { needPositive: true });
  const { count, tp, fp } = scoreGroups(y, scores);
  const ap = new NeumaierSum();
  let prevTp = 0;
  for (let g = 0; g < count; g++) {
    const t = tp[g]!;
    if (t > prevTp) ap.add(((t - prevTp) / positives) * (t / (t + fp[g]!)));
    prevTp = t;
  }
  return ap.value;
}
