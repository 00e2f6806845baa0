import { checkBinary } from './checkBinary.js';
import { NeumaierSum } from '../internal/neumaier.js';

/** Machine epsilon of float64, 2⁻⁵²: scikit-learn's default clip for `log_loss`. */
const EPS = 2 ** -52;

/**
 * Mean binary cross-entropy (log loss) of churn probabilities; lower is better.
 *
 * The loss most churn learners minimise; it punishes confident mistakes without limit, so
 * it is the metric to watch when the probabilities themselves feed money decisions (see
 * {@link profitCurve}). A model that predicts the base rate p̄ for everyone scores the
 * entropy −p̄·ln p̄ − (1−p̄)·ln(1−p̄).
 *
 * Maths: −(1/n) Σ [yᵢ ln pᵢ + (1−yᵢ) ln(1−pᵢ)]. Following scikit-learn 1.2 (`eps="auto"`):
 * each p is clipped to [ε, 1−ε] with ε = 2⁻⁵² (float64 machine epsilon) and the pair (1−p, p)
 * is renormalised to sum to 1; the mean uses a compensated sum. From 1.5 on the `eps` parameter
 * is gone and scikit-learn clips (1−p, p) to the same ε without renormalising, which differs by
 * less than 1e-15 (older releases clipped at 1e-15). Labels are 0/1 by contract, so a single class is fine (scikit-learn needs `labels=[0,1]`
 * there). Checked against scikit-learn 1.2.1 within 1e-9, including p = 0 and p = 1.
 *
 * @param y - labels, 1 = churned, 0 = stayed
 * @param probabilities - predicted churn probabilities in [0, 1]
 * @returns the mean loss in nats, ≥ 0 (at most ln(2⁵²) ≈ 36.04 per customer)
 * @throws ChurnkitError `LENGTH_MISMATCH`, `EMPTY_INPUT`, `INVALID_INPUT` (a label not 0/1,
 *   or a probability that is NaN or outside [0, 1], with its row; scikit-learn clips those silently)
 * @example
 * ```ts
 * logLoss([1, 0], [0.8, 0.1]); // (−ln 0.8 − ln 0.9) / 2 = 0.1643…
 * ```
 * @category Evaluate
 */
export function logLoss(y: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  const { n } = checkBinary('logLoss', y, probabilities, { probability: true });
  const total = new NeumaierSum();
  for (let i = 0; i < n; i++) {
    const p = Math.min(Math.max(probabilities[i]!, EPS), 1 - EPS);
    const q = 1 - p;
    const sum = q + p;
    total.add(-Math.log((y[i] === 1 ? p : q) / sum));
  }
  return total.value / n;
}
