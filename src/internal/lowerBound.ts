/**
 * The first index of ascending `a` whose value is not below `x` (`a.length` when every value
 * is): binary search, O(log n). @internal
 */
export function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
