import { lgamma, logAddExp } from '../../internal/special.js';
import type { BgNbdParams, BtydCounts } from './types.js';
import { validateCounts, type CheckedCounts } from './validateCounts.js';
import { neumaierError } from '../../internal/neumaier.js';

/**
 * Sum of per-customer BG/NBD log-likelihoods; uses lgamma recurrences over integer x.
 * @internal
 */
export function bgNbdLogLikelihoodChecked(p: BgNbdParams, c: CheckedCounts, cache?: Float64Array): number {
  const { r, alpha, a, b } = p;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || !Number.isFinite(r + alpha + a + b)) return NaN;
  const { x, tx, T, n, w } = c;
  // Constant parts: −ln Γ(r) + r ln α + ln Γ(a+b) − ln Γ(b)
  const base = -lgamma(r) + r * Math.log(alpha) + lgamma(a + b) - lgamma(b);
  const lnA = Math.log(a);
  // For integer x, ln Γ(r+x) − ln Γ(r) etc. by the recurrence ln Γ(z+1) = ln Γ(z) + ln z.
  let table: Float64Array | null = null;
  if (c.integerX && c.maxX <= 1e6) {
    const m = c.maxX + 1;
    table = cache !== undefined && cache.length >= 3 * m ? cache : new Float64Array(3 * m);
    let gr = lgamma(r);
    let gb = lgamma(b);
    let gab = lgamma(a + b);
    for (let k = 0; k < m; k++) {
      table[3 * k] = gr;
      table[3 * k + 1] = gb;
      table[3 * k + 2] = gab;
      gr += Math.log(r + k);
      gb += Math.log(b + k);
      gab += Math.log(a + b + k);
    }
  }
  let sum = 0;
  let comp = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    let lg: number;
    if (table !== null) lg = table[3 * xi]! + table[3 * xi + 1]! - table[3 * xi + 2]!;
    else lg = lgamma(r + xi) + lgamma(b + xi) - lgamma(a + b + xi);
    const rx = r + xi;
    const a3 = -rx * Math.log(alpha + T[i]!);
    const ll = xi > 0 ? logAddExp(a3, lnA - Math.log(b + xi - 1) - rx * Math.log(alpha + tx[i]!)) : a3;
    const v = w === null ? base + lg + ll : w[i]! * (base + lg + ll);
    const s = sum + v;
    comp += neumaierError(sum, v, s);
    sum = s;
  }
  return sum + comp;
}

/**
 * Log-likelihood of BG/NBD parameters for a (x, t_x, T) summary.
 *
 * Used to compare fits and to score a holdout. Fader, Hardie & Lee (2005), eq. 6:
 * L = B(a, b+x)/B(a, b) · Γ(r+x) αʳ / Γ(r) · [(α+T)^{−(r+x)} + δ_{x>0} a/(b+x−1) (α+t_x)^{−(r+x)}],
 * evaluated in logs with log-sum-exp so heavy buyers do not underflow.
 *
 * @param params - r, alpha, a, b (all > 0)
 * @param summary - x, tx, T columns
 * @returns the total log-likelihood (NaN for non-positive parameters)
 * @throws ChurnkitError `INVALID_INPUT` / `LENGTH_MISMATCH` for a malformed summary
 * @example
 * ```ts
 * bgNbdLogLikelihood({ r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 }, cdnowSummary); // −9582.43
 * ```
 * @category BTYD
 */
export function bgNbdLogLikelihood(params: BgNbdParams, summary: BtydCounts): number {
  return bgNbdLogLikelihoodChecked(params, validateCounts('bgNbdLogLikelihood', summary, true));
}
