import { logBeta } from './special.js';

/**
 * The regularized incomplete beta function Iₓ(a, b) = B(x; a, b) / B(a, b), the CDF of a
 * Beta(a, b) variable at x. Evaluated by its continued fraction (DLMF 8.17.22) with the modified
 * Lentz algorithm (Thompson & Barnett 1986), using the symmetry Iₓ(a, b) = 1 − I₁₋ₓ(b, a) when
 * x > (a + 1)/(a + b + 2) so the fraction converges fast. Matches scipy.special.betainc within 1e-12
 * on the tested grid. Needs a, b > 0; x outside [0, 1] is clamped.
 * @internal
 */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBeta(1 - x, b, a);
  const lnFront = a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b);
  return (Math.exp(lnFront) / a) * betaFraction(x, a, b);
}

/** The continued fraction of DLMF 8.17.22, 1/(1+ d₁/(1+ d₂/(1+ …))), by modified Lentz. */
function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let f = d;
  for (let m = 1; m <= 100000; m++) {
    const m2 = 2 * m;
    // even term d_{2m}
    let num = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    f *= d * c;
    // odd term d_{2m+1}
    num = -((a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    f *= step;
    if (Math.abs(step - 1) < 1e-16) break;
  }
  return f;
}
