import { checkLog, checkOptions, daysOption, knownOptions, optionNames, timeOption } from '../internal/args.js';
import type { EventLog } from '../data/EventLog.js';
import type { ChurnRule } from './ChurnRule.js';
import type { LabelTable } from './LabelTable.js';
import { labelCore } from './_labelCore.js';

const LABEL_OPTIONS = optionNames<LabelOptions>()(['cutoff', 'horizonDays', 'eligible', 'dataEnd']);

/** Options of {@link labelCustomers}. @category Churn */
export interface LabelOptions {
  /** The "as of" moment: only events strictly before it decide eligibility. */
  cutoff: Date | string | number;
  /** Length of the outcome window `[cutoff, cutoff + horizonDays)` in days (> 0). */
  horizonDays: number;
  /** Restrict labelling to these customers (each must be in the log); they must still pass the default eligibility. */
  eligible?: Iterable<string | number>;
  /**
   * End of observation, exclusive: the data is complete for times before it, and events at or
   * after it are not read. Default: the log's last event time + 1 ms (nothing after the last
   * event is assumed). Churn times at or after `dataEnd` are not observed; a row whose horizon
   * runs past `dataEnd` without an observed churn is censored.
   */
  dataEnd?: Date | string | number;
}

/**
 * Labels who churned within a horizon after a cutoff, without leakage — the target of a churn model.
 *
 * Eligible: customers with an event strictly before `cutoff` who are not already churned at
 * `cutoff` under `rule` (an event exactly at the cutoff belongs to the future). Label 1 when
 * the rule's churn time falls in `[cutoff, cutoff + horizonDays)`, so customers with no
 * activity in the horizon are kept as churners (for an inactivity rule, when their silence
 * reaches the rule's length inside the horizon). A customer not churned by `dataEnd` whose
 * horizon runs past it is censored, never counted as retained. An empty log gives an empty
 * table (with `dataEnd` NaN unless given). One linear pass per customer.
 *
 * @param log - the event log
 * @param rule - the churn definition (validated with {@link validateChurnRule})
 * @param options - cutoff, horizon, eligible customers and end of data
 * @returns a {@link LabelTable}: one row per eligible customer, plus counts
 * @throws ChurnkitError `INVALID_RULE` for a bad rule, `INVALID_TIME`/`INVALID_OPTION` for bad options or a cutoff after `dataEnd`, `UNKNOWN_CUSTOMER` for an eligible id not in the log
 * @example
 * ```ts
 * const labels = labelCustomers(log, { kind: 'inactivity', days: 90, roles: ['purchase'] }, { cutoff: '2024-01-01', horizonDays: 90 });
 * labels.counts; // { eligible: 812, churned: 203, retained: 590, censored: 19, ... }
 * ```
 * @category Churn
 */
export function labelCustomers(log: EventLog, rule: ChurnRule, options: LabelOptions): LabelTable {
  const fn = 'labelCustomers';
  checkLog(fn, log);
  checkOptions(fn, options);
  knownOptions(fn, options, LABEL_OPTIONS);
  const cutoff = timeOption(fn, 'cutoff', options.cutoff);
  const horizon = daysOption(fn, 'horizonDays', options.horizonDays);
  return labelCore(fn, log, rule, [cutoff], horizon, options.eligible, options.dataEnd);
}
