/**
 * Type-7 quantiles (Hyndman & Fan 1996, numpy's default) over the finite values of a column,
 * shared by churn's purchaseGapQuantiles, the tag rules' `{ quantile: q }` thresholds and the
 * personas' high-value cut (segments). (The median of sorted values is `sortedMedian`.)
 *
 * @module
 */

/** The finite values of `column`, sorted ascending (a fresh array). @internal */
export function sortedFinite(column: Float64Array): Float64Array {
  let n = 0;
  for (let r = 0; r < column.length; r++) if (Number.isFinite(column[r]!)) n++;
  const xs = new Float64Array(n);
  n = 0;
  for (let r = 0; r < column.length; r++) {
    const v = column[r]!;
    if (Number.isFinite(v)) xs[n++] = v;
  }
  return xs.sort();
}

/**
 * Q(q) of ascending values x₀ ≤ … ≤ x₍ₙ₋₁₎: with h = (n − 1)·q,
 * Q(q) = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋); NaN when there are none. @internal
 */
export function quantileSorted(xs: Float64Array, q: number): number {
  if (xs.length === 0) return NaN;
  const h = (xs.length - 1) * q;
  const lo = Math.floor(h);
  const a = xs[lo]!;
  return lo + 1 < xs.length ? a + (h - lo) * (xs[lo + 1]! - a) : a;
}
