import { optionsOf } from '../internal/args.js';
import { ChurnkitError, invalidOption } from '../internal/errors.js';
import { checkUplift, curvePoints, thresholdCounts, trapezoid } from './_upliftCore.js';

/** Options of {@link qiniCoefficient}. @category Lift */
export interface QiniCoefficientOptions {
  /**
   * Whether the perfect curve allows the action to hurt some customers ("sleeping dogs",
   * who churn *because* they were contacted). Default `true`, as sklift's `negative_effect`.
   */
  negativeEffect?: boolean;
}

/**
 * Normalised area under the Qini curve: 1 for a perfect uplift ranking, 0 for random targeting.
 *
 * The one-number summary to compare uplift models for a retention campaign (higher ranks the
 * persuadable customers first). In the churn setting pass **y = 1 for retained**, not churned.
 *
 * Maths (Radcliffe 2007 §4, the Qini coefficient; normalised as scikit-uplift's
 * `qini_auc_score`): q = (A_model − A_random) / (A_perfect − A_random), every area by the
 * trapezoidal rule over customers targeted (see {@link qiniCurve}). The random curve is the
 * straight line from (0, 0) to (n, Q), where Q is the perfect curve's end = the overall
 * incremental count Y_T − Y_C·N_T/N_C. The perfect curve is, with `negativeEffect` (default),
 * the Qini curve of the oracle score "retained treated = 1, churned = 0, retained control = −1"
 * (treated responders first, control responders last); without it, the line up to (Q, Q) and
 * then flat to (n, Q) — a curve a model can beat when some customers are hurt by the action,
 * so the coefficient can then exceed 1 (as in sklift). Ties in the model's score are a block.
 * O(n log n).
 *
 * @param y - outcome per customer, 1 = retained, 0 = churned
 * @param treatment - 1 = treated (contacted), 0 = control (held out)
 * @param score - predicted uplift (higher = target first)
 * @param options - `negativeEffect`
 * @returns the coefficient (can be negative when the ranking is worse than random)
 * @throws ChurnkitError `LENGTH_MISMATCH`, `EMPTY_INPUT`, `INVALID_INPUT` (with the row, or
 *   when the perfect curve has no area above random, e.g. no incremental retention at all when
 *   `negativeEffect` is false), `SINGLE_CLASS_LABELS` when one arm is empty, `INVALID_OPTION`
 * @example
 * ```ts
 * qiniCoefficient([1, 0, 1, 0], [1, 0, 0, 1], [0.9, 0.8, 0.2, 0.1]); // 0.8333… (model area 2.5, perfect 3, random 0)
 * ```
 * @category Lift
 */
export function qiniCoefficient(
  y: ArrayLike<number>,
  treatment: ArrayLike<number>,
  score: ArrayLike<number>,
  options?: QiniCoefficientOptions,
): number {
  const fn = 'qiniCoefficient';
  const o = optionsOf(fn, options);
  const negativeEffect = o.negativeEffect ?? true;
  if (typeof negativeEffect !== 'boolean') invalidOption(fn, 'negativeEffect', 'a boolean', negativeEffect);
  const { n, order } = checkUplift(fn, y, treatment, score);
  const [mx, mv] = curvePoints(thresholdCounts(y, treatment, score, order), 'qini');
  const model = trapezoid(mx, mv);
  let perfect: number;
  let total: number;
  if (negativeEffect) {
    // The oracle score takes three values, so its ranking is a three-bucket counting sort
    // (O(n); the order inside a bucket does not matter because ties are blocks).
    const oracle = new Float64Array(n);
    const bucket = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      const v = treatment[i] === 1 ? y[i]! : -y[i]!;
      oracle[i] = v === 0 ? 0 : v; // no −0
      bucket[1 - oracle[i]!]!++;
    }
    const oracleOrder = new Uint32Array(n);
    const next = [0, bucket[0]!, bucket[0]! + bucket[1]!];
    for (let i = 0; i < n; i++) oracleOrder[next[1 - oracle[i]!]!++] = i;
    const [px, pv] = curvePoints(thresholdCounts(y, treatment, oracle, oracleOrder), 'qini');
    perfect = trapezoid(px, pv);
    total = pv[pv.length - 1]!;
  } else {
    total = mv[mv.length - 1]!;
    // Line (0,0)→(Q,Q) then flat (Q,Q)→(n,Q): area Q²/2 + (n − Q)·Q; needs Q > 0.
    perfect = total > 0 ? (total * total) / 2 + (n - total) * total : NaN;
  }
  const random = (n * total) / 2;
  const denominator = perfect - random;
  if (!(denominator > 0)) {
    throw new ChurnkitError(
      'INVALID_INPUT',
      `${fn}: undefined because the perfect Qini curve has no area above random targeting (overall incremental retained = ${total}); ` +
        'the outcomes leave nothing for a ranking to find.',
      { field: 'y', expected: 'outcomes whose perfect Qini curve lies above the random line', received: total },
    );
  }
  return (model - random) / denominator;
}
