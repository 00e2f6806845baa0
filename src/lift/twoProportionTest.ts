import { invalidOption } from '../internal/errors.js';
import { optionsOf } from '../internal/args.js';
import { fisherExactTwoSided } from './_fisher.js';
import { erfc } from './_normal.js';
import { checkCounts } from './newcombeInterval.js';

/** Which test {@link twoProportionTest} runs. @category Lift */
export type ProportionTestMethod = 'auto' | 'z' | 'fisher';

/** Options of {@link twoProportionTest}. @category Lift */
export interface TwoProportionTestOptions {
  /**
   * `'auto'` (default): the pooled z-test, or Fisher's exact test when any expected cell of
   * the 2×2 table is below 5; `'z'` or `'fisher'` force one.
   */
  method?: ProportionTestMethod;
}

/** Result of {@link twoProportionTest}. @category Lift */
export interface TwoProportionTestResult {
  /** The test that produced `pValue`. */
  method: 'z' | 'fisher';
  /** The z statistic (p1 − p2)/SE under the pooled null; null for Fisher's test. */
  statistic: number | null;
  /** Two-sided p-value. */
  pValue: number;
  /** Smallest expected cell count of the 2×2 table under independence (what `'auto'` checks). */
  minExpected: number;
}

/**
 * Two-sided test of equal proportions in two independent groups: pooled z-test, or
 * Fisher's exact test when counts are small.
 *
 * In the churn workflow: is the treatment arm's retention rate different from the control's?
 *
 * Maths: the z-test uses the pooled rate p̂ = (x1 + x2)/(n1 + n2),
 * z = (x1/n1 − x2/n2) / √(p̂(1 − p̂)(1/n1 + 1/n2)), p = 2·(1 − Φ(|z|)) (as statsmodels'
 * `proportions_ztest`, which it matches to 1e-9 relative). When p̂ is 0 or 1 both groups are
 * identical, z is reported as 0 and p as 1 (statsmodels returns NaN there). The usual rule
 * of thumb (Cochran 1954) trusts the normal approximation only when every expected cell
 * (row total × column total / n) is at least 5; `'auto'` switches to Fisher's exact
 * test below that (two-sided: the sum of hypergeometric probabilities of all tables no more
 * likely than the observed one, as scipy's `fisher_exact`; O(min(n1, x1 + x2))).
 *
 * @param x1 - successes in group 1 (e.g. retained treated customers), integer in [0, n1]
 * @param n1 - size of group 1, integer ≥ 1
 * @param x2 - successes in group 2 (e.g. retained controls), integer in [0, n2]
 * @param n2 - size of group 2, integer ≥ 1
 * @param options - {@link TwoProportionTestOptions}
 * @returns the method used, the z statistic (z-test only), the two-sided p-value and the
 *   smallest expected cell
 * @throws ChurnkitError `INVALID_INPUT` for counts that are not integers with 0 ≤ x ≤ n, n ≥ 1;
 *   `INVALID_OPTION` for an unknown method
 * @example
 * ```ts
 * twoProportionTest(560, 1000, 500, 1000); // { method: 'z', statistic: 2.6881…, pValue: 0.0071854…, minExpected: 470 }
 * twoProportionTest(6, 7, 2, 7);           // { method: 'fisher', statistic: null, pValue: 0.1025…, minExpected: 4 } (a cell < 5)
 * ```
 * @category Lift
 */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number, options?: TwoProportionTestOptions): TwoProportionTestResult {
  const opts = optionsOf('twoProportionTest', options);
  const method = opts.method ?? 'auto';
  if (method !== 'auto' && method !== 'z' && method !== 'fisher') {
    invalidOption('twoProportionTest', 'method', "'auto', 'z' or 'fisher'", method);
  }
  checkCounts('twoProportionTest', x1, n1, 'x1', 'n1');
  checkCounts('twoProportionTest', x2, n2, 'x2', 'n2');
  return proportionTestUnchecked(x1, n1, x2, n2, method);
}

/** {@link twoProportionTest} without argument checks. @internal */
export function proportionTestUnchecked(x1: number, n1: number, x2: number, n2: number, method: ProportionTestMethod): TwoProportionTestResult {
  const n = n1 + n2;
  const m = x1 + x2;
  const minExpected = (Math.min(n1, n2) * Math.min(m, n - m)) / n;
  const useFisher = method === 'fisher' || (method === 'auto' && minExpected < 5);
  if (useFisher) return { method: 'fisher', statistic: null, pValue: fisherExactTwoSided(x1, n1, x2, n2), minExpected };
  const pooled = m / n;
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (!(variance > 0)) return { method: 'z', statistic: 0, pValue: 1, minExpected };
  const z = (x1 / n1 - x2 / n2) / Math.sqrt(variance);
  // 2·(1 − Φ(|z|)) = erfc(|z|/√2)
  return { method: 'z', statistic: z, pValue: erfc(Math.abs(z) / Math.SQRT2), minExpected };
}
