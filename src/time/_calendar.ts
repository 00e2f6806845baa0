import { ChurnkitError, invalidOption, show } from '../internal/errors.js';
import { DAY_MS, daysFromCivil, daysInMonth } from '../internal/time.js';
import type { CalendarPeriod, PeriodOptions, WeekStartsOn } from './CalendarPeriod.js';

const PERIODS: readonly CalendarPeriod[] = ['day', 'week', 'month', 'quarter', 'year'];

/** Validates a period name. @internal */
export function checkPeriod(fn: string, period: unknown): CalendarPeriod {
  if (typeof period !== 'string' || !PERIODS.includes(period as CalendarPeriod)) invalidOption(fn, 'period', `one of ${PERIODS.join(', ')}`, period);
  return period as CalendarPeriod;
}

/** Validates `weekStartsOn` (default 1, Monday). @internal */
export function checkWeekStart(fn: string, options: PeriodOptions | undefined): WeekStartsOn {
  const w = options?.weekStartsOn ?? 1;
  if (!Number.isInteger(w) || w < 0 || w > 6) {
    throw new ChurnkitError('INVALID_OPTION', `${fn}: option "weekStartsOn" must be an integer 0 (Sunday) to 6 (Saturday); received ${show(w)}.`, {
      path: ['weekStartsOn'],
      field: 'weekStartsOn',
      expected: 'an integer 0-6',
      received: w,
    });
  }
  return w;
}

/**
 * Start of the UTC calendar period containing `t`. Pure arithmetic on the UTC calendar
 * (days since 1970-01-01 and the civil-date formulas of internal/time), so the machine's
 * time zone never matters. @internal
 */
export function periodStart(t: number, period: CalendarPeriod, weekStartsOn: WeekStartsOn): number {
  const day = Math.floor(t / DAY_MS);
  if (period === 'day') return day * DAY_MS;
  if (period === 'week') {
    // 1970-01-01 was a Thursday (weekday 4, Sunday = 0).
    const dow = (((day + 4) % 7) + 7) % 7;
    return (day - ((dow - weekStartsOn + 7) % 7)) * DAY_MS;
  }
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  if (period === 'month') return daysFromCivil(y, m, 1) * DAY_MS;
  if (period === 'quarter') return daysFromCivil(y, m - ((m - 1) % 3), 1) * DAY_MS;
  return daysFromCivil(y, 1, 1) * DAY_MS;
}

/**
 * `t` moved by `n` periods. Days and weeks are fixed lengths; months, quarters and years move
 * the UTC calendar month and clamp the day to the target month's length (31 Jan + 1 month =
 * 28/29 Feb, as date-fns `addMonths`), keeping the UTC time of day. @internal
 */
export function periodAdd(t: number, period: CalendarPeriod, n: number): number {
  if (period === 'day') return t + n * DAY_MS;
  if (period === 'week') return t + 7 * n * DAY_MS;
  const months = period === 'month' ? n : period === 'quarter' ? 3 * n : 12 * n;
  const day = Math.floor(t / DAY_MS);
  const timeOfDay = t - day * DAY_MS;
  const d = new Date(day * DAY_MS);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  const dd = Math.min(d.getUTCDate(), daysInMonth(y, m));
  return daysFromCivil(y, m, dd) * DAY_MS + timeOfDay;
}
