import { checkOptions, timeOption } from '../internal/args.js';
import { ChurnkitError, invalidOption } from '../internal/errors.js';
import { DAY_MS } from '../internal/time.js';

/** Options of {@link cutoffSeries}. @category Time */
export interface CutoffSeriesOptions {
  /** First cutoff. */
  start: Date | string | number;
  /** Last possible cutoff, inclusive. */
  end: Date | string | number;
  /** Step between cutoffs in days (> 0). */
  everyDays: number;
}

/**
 * Evenly spaced cutoffs `start, start + everyDays, …` up to and including `end`.
 *
 * Training on history stacks labels at many cutoffs (see `labelHistory` in `churnkit/churn`); a fixed step
 * in days (say 30) gives snapshots that do not depend on month lengths. For calendar-month
 * cutoffs use {@link calendarPeriods} and take the starts. O(number of cutoffs).
 *
 * @param options - start, inclusive end and step
 * @returns cutoffs in epoch ms, ascending (empty when `end < start`)
 * @throws ChurnkitError `INVALID_TIME` for bad bounds, `INVALID_OPTION` for a step that is not a positive number or gives more than 1,000,000 cutoffs
 * @example
 * ```ts
 * cutoffSeries({ start: '2024-01-01', end: '2024-03-01', everyDays: 30 }).map((t) => new Date(t).toISOString().slice(0, 10));
 * // ['2024-01-01', '2024-01-31', '2024-03-01']   (the end is included when a step lands on it)
 * ```
 * @category Time
 */
export function cutoffSeries(options: CutoffSeriesOptions): number[] {
  const fn = 'cutoffSeries';
  checkOptions(fn, options);
  const start = timeOption(fn, 'start', options.start);
  const end = timeOption(fn, 'end', options.end);
  const everyDays = options.everyDays;
  if (typeof everyDays !== 'number' || !Number.isFinite(everyDays) || everyDays <= 0) invalidOption(fn, 'everyDays', 'a finite number > 0', everyDays);
  const step = everyDays * DAY_MS;
  const n = end < start ? 0 : Math.floor((end - start) / step) + 1;
  if (n > 1_000_000) {
    throw new ChurnkitError('INVALID_OPTION', `${fn}: ${n} cutoffs requested; at most 1,000,000 are allowed (increase "everyDays").`, {
      path: ['everyDays'],
      field: 'everyDays',
      expected: 'a step giving at most 1,000,000 cutoffs',
      received: options.everyDays,
    });
  }
  const out: number[] = [];
  for (let k = 0; k < n; k++) out.push(start + k * step);
  return out;
}
