import { checkBinary } from './checkBinary.js';
import { NeumaierSum } from '../internal/neumaier.js';

/**
 * Brier score: the mean squared difference between churn probability and outcome; lower is better.
 *
 * A bounded, proper score for probability forecasts: it rewards both ranking and
 * calibration, is less dominated by a few confident mistakes than {@link logLoss}, and
 * decomposes into reliability, resolution and uncertainty (Murphy 1973), the reliability part
 * being what {@link calibrationCurve} shows bin by bin.
 *
 * Maths: (1/n) Σ (pᵢ − yᵢ)² (Brier 1950, Monthly Weather Review 78(1)), with a compensated
 * sum. Same as scikit-learn's `brier_score_loss`; checked against scikit-learn 1.2.1 within 1e-9.
 *
 * @param y - labels, 1 = churned, 0 = stayed
 * @param probabilities - predicted churn probabilities in [0, 1]
 * @returns the score, in [0, 1]
 * @throws ChurnkitError `LENGTH_MISMATCH`, `EMPTY_INPUT`, `INVALID_INPUT` (a label not 0/1, or a
 *   probability NaN or outside [0, 1], with its row)
 * @example
 * ```ts
 * brierScore([1, 0], [0.8, 0.1]); // (0.04 + 0.01) / 2 = 0.025
 * ```
 * @category Evaluate
 */
export function brierScore(y: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  const { n } = checkBinary('brierScore', y, probabilities, { probability: true });
  const total = new NeumaierSum();
  for (let i = 0; i < n; i++) {
    const d = probabilities[i]! - y[i]!;
    total.add(d * d);
  }
  return total.value / n;
}
