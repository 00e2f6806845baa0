import { knownOptions, optionNames, optionsOf } from '../internal/args.js';
import { invalidOption } from '../internal/errors.js';
import { checkBinary } from './checkBinary.js';
import { incompleteBeta } from '../internal/incompleteBeta.js';
import { NeumaierSum } from '../internal/neumaier.js';
import { scoreGroups } from './scoreGroups.js';

const EMPC_OPTION_NAMES = optionNames<EmpcOptions>()(['clv', 'incentive', 'contact', 'alpha', 'beta', 'acceptanceRate']);

/** Campaign economics for {@link empc}; defaults are the paper's suggested telecom values. @category Evaluate */
export interface EmpcOptions {
  /** Value of a retained churner, the same for all customers (default 200). */
  clv?: number;
  /** Incentive cost d, paid by every contacted customer who accepts (default 10), 0 ≤ d < clv. */
  incentive?: number;
  /** Contact cost f per contacted customer (default 1), ≥ 0. */
  contact?: number;
  /** Shape α of the Beta distribution of the acceptance rate γ (default 6). */
  alpha?: number;
  /** Shape β of the Beta distribution of the acceptance rate γ (default 14; mean α/(α+β) = 0.3). */
  beta?: number;
  /**
   * A known acceptance rate in [0, 1] instead of the Beta distribution (a point mass): the
   * result is then the maximum profit MPC at that rate (paper eq. 13).
   */
  acceptanceRate?: number;
}

/** Expected maximum profit of a churn model. @category Evaluate */
export interface EmpcResult {
  /** Expected maximum profit per customer in the base (paper's EMPC), in the currency of `clv`. */
  empc: number;
  /** Expected share of customers contacted at the profit-maximising cut (paper's η_empc). */
  fraction: number;
  /** Vertices of the ROC convex hull used, including (0, 0) and (1, 1). */
  hullPoints: number;
}

/**
 * Expected maximum profit measure for customer churn (EMPC): the profit per customer a
 * retention campaign makes at its best cut, averaged over an uncertain acceptance rate.
 *
 * Compares churn models in money rather than AUC: it rewards the part of the ranking a
 * campaign actually uses, and its `fraction` says how many customers to contact. Use
 * {@link profitCurve} when CLV varies per customer or the acceptance rate is known.
 *
 * Maths (Verbraken, Verdonck & Baesens 2013, "A novel profit maximizing metric for measuring
 * classification performance of customer churn prediction models", IEEE TKDE 25(5), 961–973):
 * with δ = d/CLV, φ = f/CLV, π₁/π₀ the churn/non-churn shares and F₁, F₀ the shares of each
 * class contacted at a cut, the profit per customer is
 * P(γ) = CLV·[(γ(1−δ) − φ)·π₁F₁ − (δ + φ)·π₀F₀] (eq. 10–12), and
 * EMPC = ∫ P(T(γ); γ) h(γ) dγ with h the Beta(α, β) density and T(γ) the best cut (eq. 16).
 * As in the paper (§4.2) the best cuts are the vertices of the ROC convex hull: vertex i+1
 * beats vertex i once γ > γᵢ = ((δ + φ)·π₀ΔF₀/(π₁ΔF₁) + φ)/(1 − δ), so EMPC is a sum over hull
 * vertices of CLV·[(1−δ)π₁F₁·E(γ; γᵢ₋₁..γᵢ) − (φπ₁F₁ + (δ+φ)π₀F₀)·Pr(γᵢ₋₁ < γ < γᵢ)],
 * computed exactly with the regularized incomplete beta function (E(γ·1{l<γ<u}) =
 * α/(α+β)·[I_u(α+1, β) − I_l(α+1, β)]). Checked against brute-force quadrature over all cuts
 * (scipy 1.10 `quad`) within 1e-9 relative (3.7e-15 measured). O(n log n).
 *
 * @param y - actual outcomes, 1 = churned, 0 = stayed
 * @param scores - churn scores, higher = contact first
 * @param options - {@link EmpcOptions}
 * @returns EMPC per customer, the expected contacted share and the hull size
 * @throws ChurnkitError `LENGTH_MISMATCH`, `EMPTY_INPUT`, `INVALID_INPUT` (with the row),
 *   `SINGLE_CLASS_LABELS` (the ROC curve needs both classes), `INVALID_OPTION` for
 *   costs, shapes or an acceptance rate out of range
 * @example
 * ```ts
 * // two churners ranked first: contact them whenever γ > φ/(1−δ) = 0.00526
 * empc([1, 1, 0, 0], [0.9, 0.8, 0.2, 0.1]); // { empc: ≈ 0.5·(200·0.95·0.3 − 1) = 28.0, fraction: ≈ 0.5, hullPoints: 3 }
 * ```
 * @category Evaluate
 */
export function empc(y: ArrayLike<number>, scores: ArrayLike<number>, options: EmpcOptions = {}): EmpcResult {
  knownOptions('empc', options, EMPC_OPTION_NAMES);
  const fn = 'empc';
  options = optionsOf(fn, options);
  const clv = options.clv ?? 200;
  const d = options.incentive ?? 10;
  const f = options.contact ?? 1;
  const alpha = options.alpha ?? 6;
  const beta = options.beta ?? 14;
  const point = options.acceptanceRate;
  if (typeof clv !== 'number' || !(clv > 0) || !Number.isFinite(clv)) invalidOption(fn, 'clv', 'a finite number > 0', clv);
  if (typeof d !== 'number' || !(d >= 0 && d < clv)) invalidOption(fn, 'incentive', `a number in [0, clv = ${clv})`, d);
  if (typeof f !== 'number' || !(f >= 0) || !Number.isFinite(f)) invalidOption(fn, 'contact', 'a finite number ≥ 0', f);
  if (typeof alpha !== 'number' || !(alpha > 0) || !Number.isFinite(alpha)) invalidOption(fn, 'alpha', 'a finite number > 0', alpha);
  if (typeof beta !== 'number' || !(beta > 0) || !Number.isFinite(beta)) invalidOption(fn, 'beta', 'a finite number > 0', beta);
  if (point !== undefined && (typeof point !== 'number' || !(point >= 0 && point <= 1))) {
    invalidOption(fn, 'acceptanceRate', 'a number in [0, 1]', point);
  }
  const { n } = checkBinary(fn, y, scores, { needBoth: true });
  const { count, tp, fp } = scoreGroups(y, scores);

  // Upper convex hull of the ROC points in count space (x = false positives, y = true
  // positives), from (0, 0); counts are integers, so the cross products are exact.
  const hx = new Float64Array(count + 1);
  const hy = new Float64Array(count + 1);
  let h = 1; // hx[0] = hy[0] = 0
  for (let g = 0; g < count; g++) {
    const x = fp[g]!;
    const yy = tp[g]!;
    while (h >= 2 && (hx[h - 1]! - hx[h - 2]!) * (yy - hy[h - 2]!) - (hy[h - 1]! - hy[h - 2]!) * (x - hx[h - 2]!) >= 0) h--;
    hx[h] = x;
    hy[h] = yy;
    h++;
  }

  const delta = d / clv;
  const phi = f / clv;
  // Per-customer profit at vertex i is a·γ + b with a = CLV(1−δ)·TPᵢ/n, b = −CLV(φ·TPᵢ + (δ+φ)·FPᵢ)/n.
  const slope = (i: number): number => (clv * (1 - delta) * hy[i]!) / n;
  const offset = (i: number): number => (-clv * (phi * hy[i]! + (delta + phi) * hx[i]!)) / n;
  // γᵢ: the acceptance rate above which vertex i+1 beats vertex i (increasing along the hull).
  const switchAt = (i: number): number => {
    const dTp = hy[i + 1]! - hy[i]!;
    const dFp = hx[i + 1]! - hx[i]!;
    return dTp === 0 ? Infinity : ((delta + phi) * (dFp / dTp) + phi) / (1 - delta);
  };

  if (point !== undefined) {
    // Point mass: the maximum profit at γ (MPC). Walk while the next vertex is better.
    let i = 0;
    while (i + 1 < h && switchAt(i) < point) i++;
    return { empc: slope(i) * point + offset(i), fraction: (hx[i]! + hy[i]!) / n, hullPoints: h };
  }

  const meanGamma = alpha / (alpha + beta);
  const total = new NeumaierSum();
  const share = new NeumaierSum();
  let lower = 0; // vertex 0 (contact nobody, profit 0) holds for γ up to γ₀
  let cdfLo = 0;
  let cdf1Lo = 0;
  for (let i = 0; i < h && lower < 1; i++) {
    const upper = i + 1 < h ? Math.min(1, Math.max(lower, switchAt(i))) : 1;
    if (upper > lower) {
      const cdfHi = upper >= 1 ? 1 : incompleteBeta(upper, alpha, beta);
      const cdf1Hi = upper >= 1 ? 1 : incompleteBeta(upper, alpha + 1, beta);
      if (i > 0) {
        total.add(slope(i) * meanGamma * (cdf1Hi - cdf1Lo) + offset(i) * (cdfHi - cdfLo));
        share.add(((hx[i]! + hy[i]!) / n) * (cdfHi - cdfLo));
      }
      cdfLo = cdfHi;
      cdf1Lo = cdf1Hi;
      lower = upper;
    }
  }
  return { empc: total.value, fraction: share.value, hullPoints: h };
}
