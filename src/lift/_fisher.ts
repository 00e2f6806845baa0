/**
 * Two-sided Fisher exact test for a 2×2 table, for {@link twoProportionTest} when expected
 * counts are small.
 *
 * With margins fixed, the count x of successes in arm 1 is hypergeometric:
 * P(x) ∝ C(n1, x)·C(n2, m − x) on max(0, m − n2) ≤ x ≤ min(n1, m), m = total successes
 * (Fisher 1935; Agresti, "Categorical Data Analysis", §3.5). The two-sided p-value sums the
 * probabilities of every table no more likely than the observed one, P(x) ≤ P(obs)·(1 + 1e-7)
 * (the relative tolerance R's fisher.test uses, so that tables tied in exact arithmetic are not
 * split by rounding; scipy uses 1e-14, which differs only for probabilities within 1e-7).
 *
 * Probabilities are built by the ratio recursion P(x+1)/P(x) = (n1−x)(m−x) / ((x+1)(n2−m+x+1))
 * outward from the mode (value 1), so no factorial or log-gamma is evaluated and nothing
 * overflows; terms that underflow are below 1e-300 of the mode. O(min(n1, m) − max(0, m − n2)).
 *
 * @module
 * @internal
 */
import { NeumaierSum } from '../internal/neumaier.js';

/**
 * Two-sided Fisher exact p-value for x1 successes of n1 against x2 of n2 (integers,
 * 0 ≤ x ≤ n, n1 + n2 ≥ 1). @internal
 */
export function fisherExactTwoSided(x1: number, n1: number, x2: number, n2: number): number {
  const m = x1 + x2;
  const lo = Math.max(0, m - n2);
  const hi = Math.min(n1, m);
  if (hi === lo) return 1;
  // mode of the hypergeometric: ⌊(m + 1)(n1 + 1) / (n + 2)⌋, clamped to the support
  const n = n1 + n2;
  const mode = Math.min(hi, Math.max(lo, Math.floor(((m + 1) * (n1 + 1)) / (n + 2))));
  const size = hi - lo + 1;
  const w = new Float64Array(size);
  w[mode - lo] = 1;
  for (let x = mode; x < hi; x++) {
    const r = ((n1 - x) * (m - x)) / ((x + 1) * (n2 - m + x + 1));
    w[x + 1 - lo] = w[x - lo]! * r;
  }
  for (let x = mode; x > lo; x--) {
    // P(x−1)/P(x) = x(n2 − m + x) / ((n1 − x + 1)(m − x + 1))
    const r = (x * (n2 - m + x)) / ((n1 - x + 1) * (m - x + 1));
    w[x - 1 - lo] = w[x - lo]! * r;
  }
  const observed = w[x1 - lo]! * (1 + 1e-7);
  const total = new NeumaierSum();
  const tail = new NeumaierSum();
  for (let i = 0; i < size; i++) {
    const v = w[i]!;
    total.add(v);
    if (v <= observed) tail.add(v);
  }
  return Math.min(1, tail.value / total.value);
}
