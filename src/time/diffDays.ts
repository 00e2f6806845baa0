import { DAY_MS } from '../internal/time.js';

/**
 * Days from `earlier` to `later` on the UTC time line (fractional; negative when `later` is earlier).
 *
 * Used for recencies and gaps between purchases: `(later − earlier) / 86,400,000`.
 *
 * @param later - epoch ms
 * @param earlier - epoch ms
 * @returns the difference in 24-hour days
 * @example
 * ```ts
 * diffDays(Date.UTC(2024, 2, 1), Date.UTC(2024, 1, 1)); // 29 (2024 is a leap year)
 * ```
 * @category Time
 */
export function diffDays(later: number, earlier: number): number {
  return (later - earlier) / DAY_MS;
}
