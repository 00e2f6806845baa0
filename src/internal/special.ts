/**
 * Special functions shared by the statistical models: log-gamma, log-beta, the Gauss
 * hypergeometric function 2F1 and log-sum-exp. Pure numerics, no allocation in the hot paths.
 *
 * @module
 * @internal
 */
import { neumaierError } from './neumaier.js';

const HALF_LOG_2PI = 0.9189385332046728; // ln(2π)/2

// Lanczos approximation, g = 7, n = 9 (coefficients as tabulated by P. Godfrey; see
// Lanczos, "A precision approximation of the gamma function", SIAM J. Numer. Anal. B 1 (1964)).
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * ln|Γ(x)| for real x (+Infinity at 0 and the negative integers, NaN for NaN).
 * Lanczos (g = 7) for small arguments, Stirling's series for x ≥ 15, the reflection
 * formula Γ(x)Γ(1−x) = π / sin(πx) for x < 0.5. Absolute error about 1e-14 on (0, 1e6].
 * @internal
 */
export function lgamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x < 0.5) {
    if (x === Math.floor(x)) return Infinity;
    // reflection: ln|Γ(x)| = ln π − ln|sin(πx)| − ln|Γ(1−x)|
    return Math.log(Math.PI / Math.abs(sinPi(x))) - lgamma(1 - x);
  }
  if (x >= 15) {
    // Stirling: (x−½)ln x − x + ½ln 2π + 1/(12x) − 1/(360x³) + 1/(1260x⁵) − 1/(1680x⁷)
    const inv = 1 / x;
    const inv2 = inv * inv;
    const series = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 / 1680)));
    return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series;
  }
  const y = x - 1;
  let a = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i]! / (y + i);
  const t = y + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** sin(πx) with exact zeros at the integers. */
function sinPi(x: number): number {
  const r = x - 2 * Math.floor(x / 2); // in [0, 2)
  if (r === 0 || r === 1) return 0;
  return Math.sin(Math.PI * r);
}

/** Sign of Γ(x): 1 for x > 0, ±1 for negative non-integers, NaN at poles and NaN. @internal */
export function gammaSign(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 0) return 1;
  if (x === Math.floor(x)) return NaN;
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0. @internal */
export function logBeta(a: number, b: number): number {
  return lgamma(a) + lgamma(b) - lgamma(a + b);
}

/** ln(e^a + e^b) without overflow; −Infinity when both are −Infinity. @internal */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** ln Σ e^{v_i} over an array (−Infinity for an empty one). @internal */
export function logSumExp(values: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i]! > m) m = values[i]!;
  if (m === -Infinity || m === Infinity || Number.isNaN(m)) return m;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += Math.exp(values[i]! - m);
  return m + Math.log(s);
}

const MAX_TERMS = 2_000_000;

/** Power series Σ (a)_k (b)_k / ((c)_k k!) z^k; NaN when it does not settle within MAX_TERMS. */
function series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  let comp = 0;
  for (let k = 0; k < MAX_TERMS; k++) {
    term *= ((a + k) * (b + k)) / ((c + k) * (k + 1)) * z;
    if (term === 0) return sum + comp;
    const s = sum + term;
    comp += neumaierError(sum, term, s);
    sum = s;
    if (k > 2 && Math.abs(term) <= 1e-12 * Math.abs(sum)) {
      // Later term ratios tend to |z| monotonically from the current ratio, so the tail is at most
      // |term|·q/(1−q) with q = max(ratio, |z|) < 1.
      const ratio = Math.abs(((a + k + 1) * (b + k + 1)) / ((c + k + 1) * (k + 2)) * z);
      const q = Math.max(ratio, Math.abs(z));
      if (q < 1 && (Math.abs(term) * q) / (1 - q) <= 1e-16 * Math.abs(sum)) return sum + comp;
    }
    if (!Number.isFinite(sum)) return sum;
  }
  return NaN;
}

/** Γ(p1)Γ(p2)/(Γ(q1)Γ(q2)) computed through logs with signs (0 when a denominator is a pole). */
function gammaRatio(p1: number, p2: number, q1: number, q2: number): number {
  const sq = gammaSign(q1) * gammaSign(q2);
  if (Number.isNaN(sq)) return 0; // 1/Γ at a pole is 0
  const sp = gammaSign(p1) * gammaSign(p2);
  return sp * sq * Math.exp(lgamma(p1) + lgamma(p2) - lgamma(q1) - lgamma(q2));
}

/** DLMF 15.8.4 connection to 1 − z, for 0 < z < 1 and c − a − b not an integer. */
function connection(a: number, b: number, c: number, z: number): number {
  const w = 1 - z;
  const s = c - a - b;
  const t1 = gammaRatio(c, s, c - a, c - b) * series(a, b, 1 - s, w);
  const t2 = Math.pow(w, s) * gammaRatio(c, -s, a, b) * series(c - a, c - b, 1 + s, w);
  return t1 + t2;
}

/**
 * Gauss hypergeometric function ₂F₁(a, b; c; z) for real parameters and real z < 1.
 *
 * Maths: the power series Σ (a)ₖ(b)ₖ/((c)ₖ k!) zᵏ (DLMF 15.2.1) for 0 ≤ z ≤ 0.9, using Euler's
 * transformation ₂F₁(a,b;c;z) = (1−z)^{c−a−b} ₂F₁(c−a, c−b; c; z) (DLMF 15.8.1) when it gives
 * faster-decaying terms; Pfaff's transformation (DLMF 15.8.1) maps z < 0 into [0, 1); for z > 0.9
 * the connection formula to 1 − z (DLMF 15.8.4); when c − a − b is an integer the series runs up to
 * z ≤ 0.9999 (a few hundred thousand terms at most) and beyond that the connection formula is evaluated by
 * averaging c ± d and c ± 2d (d = 1e-3) with Richardson extrapolation (relative error about 1e-11).
 * Returns NaN outside the domain (z ≥ 1, c a non-positive integer, or non-convergence).
 * @internal
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(c) || Number.isNaN(z)) return NaN;
  if (z >= 1) return NaN;
  if (c <= 0 && c === Math.floor(c)) return NaN;
  if (z === 0 || a === 0 || b === 0) return 1;
  if (z < 0) {
    // Pfaff: (1−z)^{−a} ₂F₁(a, c−b; c; z/(z−1)), argument in [0, 1)
    return Math.pow(1 - z, -a) * hyp2f1(a, c - b, c, z / (z - 1));
  }
  const s = c - a - b;
  const integerGap = Math.abs(s - Math.round(s)) < 1e-6;
  if (z <= 0.9 || (integerGap && z <= 0.9999)) {
    // Terms behave like k^{a+b−c−1} zᵏ; Euler's form behaves like k^{c−a−b−1} zᵏ.
    if (c - a - b < a + b - c && !isNonPositiveInteger(a) && !isNonPositiveInteger(b)) {
      return Math.pow(1 - z, c - a - b) * series(c - a, c - b, c, z);
    }
    return series(a, b, c, z);
  }
  if (isNonPositiveInteger(a) || isNonPositiveInteger(b)) return series(a, b, c, z); // polynomial
  if (integerGap) {
    // symmetric average in c is f + K·d² + O(d⁴); Richardson over d and 2d removes the d² term
    const d = 1e-3;
    const near = 0.5 * (connection(a, b, c + d, z) + connection(a, b, c - d, z));
    const far = 0.5 * (connection(a, b, c + 2 * d, z) + connection(a, b, c - 2 * d, z));
    return (4 * near - far) / 3;
  }
  return connection(a, b, c, z);
}

function isNonPositiveInteger(v: number): boolean {
  return v <= 0 && v === Math.floor(v);
}
