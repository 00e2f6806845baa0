/**
 * A calendar period on the UTC calendar: `day`, `week` (7 days from `weekStartsOn`),
 * `month`, `quarter` (Jan/Apr/Jul/Oct) or `year`.
 *
 * @category Time
 */
export type CalendarPeriod = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** Day a week starts on: 0 = Sunday … 6 = Saturday (as in date-fns `weekStartsOn`). @category Time */
export type WeekStartsOn = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** Options of the calendar-period functions. @category Time */
export interface PeriodOptions {
  /** First day of a week: 0 = Sunday … 6 = Saturday. Default 1 (Monday, ISO 8601). */
  weekStartsOn?: WeekStartsOn;
}
