import { incompleteBeta } from '../internal/incompleteBeta.js';
import { NeumaierSum } from '../internal/neumaier.js';
import { logBeta } from '../internal/special.js';
import { normalQuantile } from './_normal.js';

/**
 * Welch's interval for a difference of two means, for the money figures of the campaign
 * statistics (incremental revenue and ROI): a two-pass compensated sample variance per arm, the
 * Student-t quantile, and the Welch–Satterthwaite interval itself.
 *
 * - Variance: two passes — Σ(x − mean)² around the caller's compensated mean, summed with
 *   Neumaier's compensated sum (no cancellation of Σx² − n·mean², and, unlike Welford's online
 *   update that STYLE.md names for streaming variance, the same bits for any row order up to the
 *   last rounding — test/lift/revenueInterval.test.ts asserts row-order independence — at the cost of
 *   keeping each arm's revenues, 8 bytes a customer per grouping).
 * - Interval: d ± t_{1−α/2, ν} · √(s₁²/n₁ + s₂²/n₂) with sample variances s² (n − 1 in the
 *   denominator) and ν = (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁ − 1) + (s₂²/n₂)²/(n₂ − 1))
 *   (Welch 1947; Satterthwaite 1946) — what statsmodels' `CompareMeans.tconfint_diff(usevar='unequal')`
 *   computes (checked in test/lift/revenueInterval.test.ts against bench/reference/revenue_interval.py).
 * - Student-t upper quantile: the root t > 0 of P(T > t) = ½·I_{ν/(ν+t²)}(ν/2, ½) = q
 *   (Abramowitz & Stegun 26.7.1 with 26.5.27), by Newton's method on log P(T > t) from the
 *   Cornish–Fisher start (A&S 26.7.5), kept inside a bisection bracket; for ν > 10⁴ the
 *   Cornish–Fisher series to ν⁻⁴ is the answer (there the incomplete beta's log B(ν/2, ½) loses
 *   digits to cancelling lgammas). Within 1e-11 relative of a 40-digit mpmath root on the grid of
 *   bench/reference/revenue_interval.py (scipy 1.10's t.ppf is good to only ~1e-9 there).
 *
 * @module
 * @internal
 */

/**
 * Sample variance (n − 1 in the denominator) of `values[0..n)` around their `mean`: the
 * compensated sum of (x − mean)² / (n − 1). NaN below 2 values. O(n).
 * @internal
 */
export function sampleVariance(values: Float64Array, n: number, mean: number): number {
  if (n < 2) return NaN;
  const s = new NeumaierSum();
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    s.add(d * d);
  }
  return s.value / (n - 1);
}

/** Welch's interval for a difference of means. @internal */
export interface WelchInterval {
  /** The difference of means it is centred on (as given). */
  difference: number;
  /** √(s₁²/n₁ + s₂²/n₂). */
  standardError: number;
  /** Welch–Satterthwaite degrees of freedom; NaN when both variances are 0 (the interval is then the point). */
  df: number;
  /** difference − t·standardError. */
  lower: number;
  /** difference + t·standardError. */
  upper: number;
}

/**
 * Welch's (1 − alpha) interval for mean₁ − mean₂, centred on `difference` (the caller's own,
 * compensated estimate of it). Null when an arm has fewer than 2 values (no variance). When both
 * sample variances are 0 the interval is [difference, difference]: the limit of the formula as
 * the variances go to 0 (ν stays between min(n) − 1 and n₁ + n₂ − 2, the standard error goes to 0);
 * statsmodels returns NaN there. O(1) plus the quantile's iterations.
 * @internal
 */
export function welchInterval(
  difference: number, variance1: number, n1: number, variance2: number, n2: number, alpha: number,
): WelchInterval | null {
  if (n1 < 2 || n2 < 2) return null;
  const a = variance1 / n1;
  const b = variance2 / n2;
  const s = a + b;
  if (s === 0) return { difference, standardError: 0, df: NaN, lower: difference, upper: difference };
  // ν = s² / (a²/(n₁−1) + b²/(n₂−1)), written with the shares a/s and b/s so that huge revenues do not overflow.
  const wa = a / s;
  const wb = b / s;
  const df = 1 / ((wa * wa) / (n1 - 1) + (wb * wb) / (n2 - 1));
  const standardError = Math.sqrt(s);
  const half = studentTUpper(alpha / 2, df) * standardError;
  return { difference, standardError, df, lower: difference - half, upper: difference + half };
}

/**
 * Student-t quantile: the t with P(T ≤ t) = p for T ~ t(df); df > 0 need not be an integer.
 * NaN for p outside (0, 1) or df ≤ 0 / NaN.
 * @internal
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) return NaN;
  if (p === 0.5) return 0;
  return p > 0.5 ? studentTUpper(1 - p, df) : -studentTUpper(p, df);
}

/**
 * P(T > t) for t ≥ 0: ½·I_x(ν/2, ½) with x = ν/(ν+t²), or ½·(1 − I_y(½, ν/2)) with y = t²/(ν+t²)
 * = 1 − x where `incompleteBeta` would switch to the complement itself (x > (a+1)/(a+b+2)):
 * y is then formed directly instead of as 1 − x, which keeps full precision for small t.
 */
function tail(t: number, df: number): number {
  const t2 = t * t;
  const a = df / 2;
  const x = df / (df + t2);
  if (x <= (a + 1) / (a + 2.5)) return 0.5 * incompleteBeta(x, a, 0.5);
  return 0.5 - 0.5 * incompleteBeta(t2 / (df + t2), 0.5, a);
}

/** The t > 0 with P(T > t) = q, for q in (0, ½). */
function studentTUpper(q: number, df: number): number {
  if (!(q > 0 && q < 0.5) || !(df > 0)) return q === 0.5 && df > 0 ? 0 : NaN;
  const z = -normalQuantile(q); // upper normal quantile
  // Cornish–Fisher expansion in 1/ν (A&S 26.7.5): exact enough on its own for large ν, a start otherwise.
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  let t = z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
  if (df > 1e4) return t; // the next term, O(z¹¹/ν⁵), is below 1e-14 relative for z < 5 (α > 6e-7)
  const logQ = Math.log(q);
  // log of the density's constant: f(t) = (1 + t²/ν)^{−(ν+1)/2} / (√ν · B(ν/2, ½))
  const logC = -0.5 * Math.log(df) - logBeta(df / 2, 0.5);
  let lo = 0; // tail(lo) ≥ q
  let hi = Infinity; // tail(hi) < q
  if (!(t > 0 && Number.isFinite(t))) t = z > 0 ? z : 1;
  for (let i = 0; i < 200; i++) {
    const p = tail(t, df);
    if (p === q) return t;
    if (p > q) lo = t;
    else hi = t;
    // Newton on g(t) = log P(T > t) − log q, g'(t) = −f(t) / P(T > t)
    const logF = logC - 0.5 * (df + 1) * Math.log1p((t * t) / df);
    let next = t + (Math.log(p) - logQ) * Math.exp(Math.log(p) - logF);
    if (!(next > lo && next < hi)) next = hi === Infinity ? 2 * t : 0.5 * (lo + hi);
    if (Math.abs(next - t) <= 1e-15 * t) return next;
    t = next;
  }
  return t;
}
