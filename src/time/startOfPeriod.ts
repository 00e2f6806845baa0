import { timeOption } from '../internal/args.js';
import { checkPeriod, checkWeekStart, periodStart } from './_calendar.js';
import type { CalendarPeriod, PeriodOptions } from './CalendarPeriod.js';

/**
 * Start (00:00 UTC) of the calendar day, week, month, quarter or year containing `time`.
 *
 * Churn-rate series and cohort tables group customers by calendar period; computing the
 * boundaries on the UTC calendar (not the machine's local zone, which is what date-fns
 * `startOfWeek`/`startOfMonth` use) makes the same log give the same periods everywhere.
 * Weeks start on `weekStartsOn` (default Monday, ISO 8601).
 *
 * @param time - a Date, ISO 8601 string or epoch ms
 * @param period - the calendar period
 * @param options - `weekStartsOn` for weeks
 * @returns epoch ms of the period's first instant
 * @throws ChurnkitError `INVALID_TIME` for a bad time, `INVALID_OPTION` for a bad period or week start
 * @example
 * ```ts
 * startOfPeriod('2024-05-17T13:45Z', 'month'); // Date.UTC(2024, 4, 1)
 * startOfPeriod('2024-05-17', 'week');         // Date.UTC(2024, 4, 13): Monday 13 May
 * ```
 * @category Time
 */
export function startOfPeriod(time: Date | string | number, period: CalendarPeriod, options?: PeriodOptions): number {
  const fn = 'startOfPeriod';
  const t = timeOption(fn, 'time', time);
  return periodStart(t, checkPeriod(fn, period), checkWeekStart(fn, options));
}
