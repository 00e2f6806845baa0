import { DAY_MS } from '../internal/time.js';

/**
 * Midnight UTC of the day containing `time`.
 *
 * Daily logs (CDNOW, POS exports) store dates as UTC midnight; rounding cutoffs to the UTC
 * day keeps them aligned with such data whatever the machine's time zone.
 *
 * @param time - epoch ms
 * @returns epoch ms of 00:00:00.000 UTC on the same UTC date
 * @example
 * ```ts
 * startOfUtcDay(Date.parse('2024-05-17T13:45:00Z')); // Date.parse('2024-05-17T00:00:00Z')
 * ```
 * @category Time
 */
export function startOfUtcDay(time: number): number {
  return Math.floor(time / DAY_MS) * DAY_MS;
}
