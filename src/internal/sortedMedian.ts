/**
 * Median of the first `n` values of an ascending array: the middle one, or the mean of the two
 * middle ones when `n` is even. NaN when `n` is 0. The one median-of-sorted in churnkit (gap
 * statistics, the rhythm before the stop, overdue rules).
 *
 * @internal
 */
export function sortedMedian(a: ArrayLike<number>, n: number): number {
  if (n <= 0) return NaN;
  const h = n >> 1;
  return (n & 1) === 1 ? a[h]! : (a[h - 1]! + a[h]!) / 2;
}
