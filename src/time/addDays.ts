import { DAY_MS } from '../internal/time.js';

/**
 * Adds a (possibly fractional or negative) number of 24-hour days to an epoch-ms time.
 *
 * Churn windows are measured in fixed days of 86,400,000 ms on the UTC time line, so a
 * 30-day inactivity window is the same length whatever the calendar or the user's time zone
 * (no daylight-saving shifts). For calendar months use {@link addPeriods}.
 *
 * @param time - epoch ms (UTC)
 * @param days - days to add; may be fractional or negative
 * @returns `time + days × 86,400,000`
 * @example
 * ```ts
 * addDays(Date.UTC(2024, 0, 31), 30); // Date.UTC(2024, 2, 1): 2024-03-01T00:00Z
 * ```
 * @category Time
 */
export function addDays(time: number, days: number): number {
  return time + days * DAY_MS;
}
