/**
 * Time on the UTC line: day arithmetic on epoch ms, cutoff series and calendar periods.
 *
 * @module time
 */
export { addDays } from './addDays.js';
export { diffDays } from './diffDays.js';
export { startOfUtcDay } from './startOfUtcDay.js';
export type { CalendarPeriod, PeriodOptions, WeekStartsOn } from './CalendarPeriod.js';
export { startOfPeriod } from './startOfPeriod.js';
export { addPeriods } from './addPeriods.js';
export { calendarPeriods } from './calendarPeriods.js';
export type { CalendarPeriodsOptions, PeriodRange } from './calendarPeriods.js';
export { cutoffSeries } from './cutoffSeries.js';
export type { CutoffSeriesOptions } from './cutoffSeries.js';
