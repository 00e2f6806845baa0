import { ChurnkitError, show } from '../internal/errors.js';
import { timeOption } from '../internal/args.js';
import { checkPeriod, periodAdd } from './_calendar.js';
import type { CalendarPeriod } from './CalendarPeriod.js';

/**
 * Moves a time by `n` calendar periods on the UTC calendar.
 *
 * Days and weeks are fixed 24-hour steps. Months, quarters and years move the calendar month
 * and clamp the day of month to the target month's length (31 January + 1 month = 28 or
 * 29 February, the rule of date-fns `addMonths`), keeping the UTC time of day. Used to step
 * monthly cutoffs and period boundaries.
 *
 * @param time - a Date, ISO 8601 string or epoch ms
 * @param period - the calendar period
 * @param n - an integer number of periods (negative moves back)
 * @returns epoch ms
 * @throws ChurnkitError `INVALID_TIME` for a bad time, `INVALID_OPTION` for a bad period or a non-integer `n`
 * @example
 * ```ts
 * addPeriods('2024-01-31', 'month', 1); // Date.UTC(2024, 1, 29)
 * addPeriods('2024-03-10', 'quarter', -1); // Date.UTC(2023, 11, 10)
 * ```
 * @category Time
 */
export function addPeriods(time: Date | string | number, period: CalendarPeriod, n: number): number {
  const fn = 'addPeriods';
  const t = timeOption(fn, 'time', time);
  const p = checkPeriod(fn, period);
  if (!Number.isSafeInteger(n)) {
    throw new ChurnkitError('INVALID_OPTION', `${fn}: "n" must be an integer; received ${show(n)}.`, {
      path: ['n'],
      field: 'n',
      expected: 'an integer',
      received: n,
    });
  }
  return periodAdd(t, p, n);
}
