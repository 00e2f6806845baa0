import { checkOptions, timeOption } from '../internal/args.js';
import { ChurnkitError } from '../internal/errors.js';
import { isoDate } from '../internal/time.js';
import { checkPeriod, checkWeekStart, periodAdd, periodStart } from './_calendar.js';
import type { CalendarPeriod, WeekStartsOn } from './CalendarPeriod.js';

/** Options of {@link calendarPeriods}. @category Time */
export interface CalendarPeriodsOptions {
  /** First instant to cover. */
  start: Date | string | number;
  /** End of the range, exclusive. Must be after `start`. */
  end: Date | string | number;
  /** Period length. */
  period: CalendarPeriod;
  /** First day of a week: 0 = Sunday … 6 = Saturday. Default 1 (Monday). */
  weekStartsOn?: WeekStartsOn;
}

/** One calendar period `[start, end)` and its label. @category Time */
export interface PeriodRange {
  /** First instant (epoch ms, 00:00 UTC). */
  start: number;
  /** First instant of the next period (exclusive end). */
  end: number;
  /** `YYYY` for years, `YYYY-Qn` for quarters, `YYYY-MM` for months, `YYYY-MM-DD` (first day) for weeks and days. */
  label: string;
}

/**
 * The UTC calendar periods that overlap `[start, end)`, in order.
 *
 * The first period is the one containing `start` (so it may begin before `start`), the last
 * the one containing the instant just before `end`; every period is whole. This is the
 * x-axis of a churn-rate series or a cohort table. O(number of periods).
 *
 * @param options - range, period and week start
 * @returns periods with exclusive ends and labels
 * @throws ChurnkitError `INVALID_TIME` for bad bounds, `INVALID_OPTION` when `end <= start` or the period is unknown
 * @example
 * ```ts
 * calendarPeriods({ start: '2024-01-15', end: '2024-03-01', period: 'month' }).map((p) => p.label);
 * // ['2024-01', '2024-02']
 * ```
 * @category Time
 */
export function calendarPeriods(options: CalendarPeriodsOptions): PeriodRange[] {
  const fn = 'calendarPeriods';
  checkOptions(fn, options);
  const start = timeOption(fn, 'start', options.start);
  const end = timeOption(fn, 'end', options.end);
  const period = checkPeriod(fn, options.period);
  const w = checkWeekStart(fn, options);
  if (!(end > start)) {
    throw new ChurnkitError('INVALID_OPTION', `${fn}: "end" (${new Date(end).toISOString()}) must be after "start" (${new Date(start).toISOString()}).`, {
      path: ['end'],
      field: 'end',
      expected: 'a time after start',
      received: options.end,
    });
  }
  const out: PeriodRange[] = [];
  let s = periodStart(start, period, w);
  while (s < end) {
    const e = periodAdd(s, period, 1);
    out.push({ start: s, end: e, label: label(s, period) });
    s = e;
  }
  return out;
}

function label(s: number, period: CalendarPeriod): string {
  const iso = isoDate(s);
  if (period === 'year') return iso.slice(0, 4);
  if (period === 'month') return iso.slice(0, 7);
  if (period === 'quarter') return `${iso.slice(0, 4)}-Q${Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1}`;
  return iso;
}
