/**
 * The standard normal distribution to full double precision, for the lift statistics
 * (intervals, z-tests, power): erfc, the cdf and upper tail, the quantile, and the power
 * equation of a two-sided z-test.
 *
 * - erfc: Taylor series of erf for |x| < 1 (all terms positive:
 *   erf x = 2/√π · e^{−x²} · Σ 2ⁿ x^{2n+1} / (1·3···(2n+1)), Abramowitz & Stegun 7.1.6),
 *   and for |x| ≥ 1 the continued fraction
 *   erfc x = (2x/√π) e^{−x²} / (2x²+1 − 1·2/(2x²+5 − 3·4/(2x²+9 − …))) (A&S 7.1.14, even part),
 *   evaluated with the modified Lentz method (Press et al., Numerical Recipes, §5.2).
 *   Relative error below 1e-14 on [−3, 6] (measured against scipy.special.erfc in a 0.01 grid).
 * - quantile: the rational starting value of A&S 26.2.23 (|error| < 4.5e-4), then Halley steps
 *   on Φ(x) − p until the step is below 1e-15·|x|; converges to the precision of Φ.
 *
 * @module
 * @internal
 */

const TWO_OVER_SQRT_PI = 1.1283791670955126; // 2/√π
const SQRT_2PI = 2.5066282746310002; // √(2π)
const SQRT_HALF = 0.7071067811865476; // 1/√2

/** erf(x) for |x| < 1 by its Taylor series (positive terms only). @internal */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

/** erfc(x) for x ≥ 1 by the continued fraction, modified Lentz. @internal */
function erfcFraction(x: number): number {
  const tiny = 1e-300;
  const x2 = x * x;
  const base = 2 * x2 + 1;
  let f = base;
  let c = base;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = -(2 * k - 1) * (2 * k);
    const b = base + 4 * k;
    d = b + a * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + a / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (TWO_OVER_SQRT_PI * x * Math.exp(-x2)) / f;
}

/** Complementary error function erfc(x) = 1 − erf(x), relative error ≈ 1e-15. @internal */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x >= 1) return x > 27.3 ? 0 : erfcFraction(x);
  if (x > -1) return 1 - erfSeries(x);
  return 2 - (x < -27.3 ? 0 : erfcFraction(-x));
}

/** Standard normal cdf Φ(z), accurate in relative terms in the lower tail. @internal */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z * SQRT_HALF);
}

/** Standard normal upper tail 1 − Φ(z), accurate in relative terms for large z. @internal */
export function normalSf(z: number): number {
  return 0.5 * erfc(z * SQRT_HALF);
}

/** Standard normal density φ(z). */
function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / SQRT_2PI;
}

/** Lower-tail quantile for p ≤ 0.5 (Halley refinement of A&S 26.2.23). */
function lowerQuantile(p: number): number {
  const t = Math.sqrt(-2 * Math.log(p));
  let x = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t));
  for (let i = 0; i < 8; i++) {
    const e = normalCdf(x) - p;
    const u = e * SQRT_2PI * Math.exp(0.5 * x * x);
    const step = u / (1 + 0.5 * x * u);
    x -= step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}

/**
 * Standard normal quantile Φ⁻¹(p) for p in (0, 1); ±Infinity at 0 and 1, NaN outside.
 * @internal
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  return p < 0.5 ? lowerQuantile(p) : -lowerQuantile(1 - p);
}

/**
 * Solves the power equation of a two-sided z-test at level `alpha` for the standardized
 * shift t = |effect|·√n_eff: Φ(t − c) + Φ(−c − t) = power with c = Φ⁻¹(1 − α/2)
 * (both rejection tails, as statsmodels' `normal_power`). Safeguarded Newton on the bracket
 * [0, c + Φ⁻¹(power)], where the first term alone already reaches `power`. Needs
 * 0 < alpha < power < 1. @internal
 */
export function powerShift(alpha: number, power: number): number {
  const c = normalQuantile(1 - alpha / 2);
  const f = (t: number): number => normalSf(c - t) + normalCdf(-c - t) - power;
  let lo = 0;
  let hi = Math.max(c + normalQuantile(power), 1e-8);
  while (f(hi) < 0) hi *= 2; // only for powers where the bracket guess undershoots
  let t = hi;
  for (let i = 0; i < 200; i++) {
    const v = f(t);
    if (v === 0) return t;
    if (v < 0) lo = t;
    else hi = t;
    const slope = normalPdf(t - c) - normalPdf(t + c);
    let next = slope > 0 ? t - v / slope : NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - t) <= 1e-15 * Math.max(1, Math.abs(t))) return next;
    t = next;
  }
  return t;
}
