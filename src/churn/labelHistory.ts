import { checkLog, checkOptions, daysOption, knownOptions, optionNames, timeOption } from '../internal/args.js';
import { invalidOption } from '../internal/errors.js';
import type { EventLog } from '../data/EventLog.js';
import { cutoffSeries, type CutoffSeriesOptions } from '../time/cutoffSeries.js';
import type { ChurnRule } from './ChurnRule.js';
import type { LabelTable } from './LabelTable.js';
import { labelCore } from './_labelCore.js';

const LABEL_HISTORY_OPTIONS = optionNames<LabelHistoryOptions>()(['cutoffs', 'horizonDays', 'eligible', 'dataEnd']);

/** Options of {@link labelHistory}. @category Churn */
export interface LabelHistoryOptions {
  /** The cutoffs: a list of times, or an evenly spaced series `{ start, end, everyDays }` (end inclusive). */
  cutoffs: readonly (Date | string | number)[] | CutoffSeriesOptions;
  /** Outcome window after each cutoff, in days (> 0). */
  horizonDays: number;
  /** Restrict labelling to these customers. */
  eligible?: Iterable<string | number>;
  /** End of observation, exclusive (default: last event + 1 ms); see {@link LabelOptions}. */
  dataEnd?: Date | string | number;
}

/**
 * Stacks point-in-time labels over many cutoffs into one training table keyed by (customer, cutoff).
 *
 * Models trained on history learn from many snapshots: at each cutoff the same rules as
 * {@link labelCustomers} apply (eligibility from events strictly before the cutoff, label
 * from the horizon after it, censoring at `dataEnd`). Each customer's events are walked
 * once for all cutoffs — O(events + customers × cutoffs), not a scan of the log per cutoff.
 * Rows are sorted by customer, then cutoff.
 *
 * @param log - the event log
 * @param rule - the churn definition
 * @param options - cutoffs (list or series), horizon, eligible customers, end of data
 * @returns a {@link LabelTable} with counts per cutoff in `countsByCutoff`
 * @throws ChurnkitError as {@link labelCustomers}; `INVALID_OPTION` for repeated or empty cutoffs
 * @example
 * ```ts
 * const history = labelHistory(log, rule, { cutoffs: { start: '2023-01-01', end: '2023-12-01', everyDays: 30 }, horizonDays: 90 });
 * history.countsByCutoff.map((k) => k.churned / (k.churned + k.retained)); // churn share per snapshot
 * ```
 * @category Churn
 */
export function labelHistory(log: EventLog, rule: ChurnRule, options: LabelHistoryOptions): LabelTable {
  const fn = 'labelHistory';
  checkLog(fn, log);
  checkOptions(fn, options);
  knownOptions(fn, options, LABEL_HISTORY_OPTIONS);
  const spec = options.cutoffs;
  let cutoffs: number[];
  if (Array.isArray(spec)) cutoffs = spec.map((v, i) => timeOption(fn, 'cutoffs', v, ['cutoffs', i]));
  else if (spec !== null && typeof spec === 'object') cutoffs = cutoffSeries(spec as CutoffSeriesOptions);
  else invalidOption(fn, 'cutoffs', 'a list of times or { start, end, everyDays }', spec);
  const horizon = daysOption(fn, 'horizonDays', options.horizonDays);
  return labelCore(fn, log, rule, cutoffs, horizon, options.eligible, options.dataEnd);
}
