import { checkLog, checkOptions, daysOption, knownOptions, optionNames, timeOption } from '../internal/args.js';
import { invalidOption } from '../internal/errors.js';
import { DAY_MS } from '../internal/time.js';
import type { EventLog } from '../data/EventLog.js';
import type { ChurnRule } from './ChurnRule.js';
import { CustomerSpells } from './_prepare.js';

const STATUS_OPTIONS = optionNames<StatusOptions>()(['asOf', 'atRiskFraction', 'recentDays']);

/**
 * A customer's standing at a moment: `new` (first event within `recentDays`), `active`,
 * `at_risk` (past `atRiskFraction` of the way to the rule's next churn time), `churned`,
 * or `reactivated` (came back from a churn spell within `recentDays`).
 *
 * @category Churn
 */
export type ChurnStatusName = (typeof CHURN_STATUSES)[number];

/**
 * Every {@link ChurnStatusName}, in lifecycle order: for validating statuses received as data
 * (playbook risk priors, per-customer status lists).
 *
 * @category Churn
 */
export const CHURN_STATUSES = Object.freeze(['new', 'active', 'at_risk', 'churned', 'reactivated'] as const);

/** Options of {@link churnStatus}. @category Churn */
export interface StatusOptions {
  /** The moment of the status; only events strictly before it are read. */
  asOf: Date | string | number;
  /** Fraction (0 < f ≤ 1) of the countdown to churn after which a customer is at risk. Default 0.5. */
  atRiskFraction?: number;
  /** Window in days for `new` and `reactivated`. Default 30. */
  recentDays?: number;
}

/**
 * One row per customer with an event before `asOf`; dates explain the status.
 *
 * @category Churn
 */
export interface StatusTable {
  /** Customer id per row (log order). */
  readonly customerIds: readonly string[];
  /** Status per row. */
  readonly status: readonly ChurnStatusName[];
  /** First event (any type) before `asOf`. */
  readonly firstEventTime: Float64Array;
  /** Last event (any type) before `asOf`. */
  readonly lastEventTime: Float64Array;
  /** Start of the current churn spell (status `churned`), else NaN. */
  readonly churnTime: Float64Array;
  /** End of the latest finished churn spell (the event that brought the customer back), else NaN. */
  readonly comebackTime: Float64Array;
  /** When the customer will count as churned if nothing more happens (NaN when churned or never). */
  readonly projectedChurnTime: Float64Array;
  /** When the countdown to the current or projected churn began (e.g. the last purchase), else NaN. */
  readonly countdownStart: Float64Array;
  /** The `asOf` moment (epoch ms). */
  readonly asOf: number;
  /** Customers per status. */
  readonly counts: Readonly<Record<ChurnStatusName, number>>;
  /** Customers of the log with no event before `asOf` (not in the table). */
  readonly notYetCustomers: number;
}

/**
 * Each customer's churn status at a moment, with the dates that explain it — the dashboard view.
 *
 * The rule's churn spells are computed from events strictly before `asOf` only. A customer
 * inside a spell is `churned` (with `churnTime`). Otherwise the rule is run forward assuming
 * no further events to get `projectedChurnTime` and the moment its countdown began
 * (`countdownStart`: the last qualifying event for inactivity and overdue rules, the cancel
 * event for a pending cancellation, the start of the recent window for value drops); the
 * customer is `at_risk` when `asOf − countdownStart ≥ atRiskFraction × (projectedChurnTime −
 * countdownStart)`. Otherwise `reactivated` if a churn spell ended within `recentDays`,
 * `new` if the first event is within `recentDays`, else `active`. Precedence: churned,
 * at_risk, reactivated, new, active.
 *
 * @param log - the event log
 * @param rule - the churn definition
 * @param options - `asOf`, `atRiskFraction`, `recentDays`
 * @returns a {@link StatusTable}
 * @throws ChurnkitError `INVALID_RULE`, `INVALID_TIME`, `INVALID_OPTION`
 * @example
 * ```ts
 * const s = churnStatus(log, { kind: 'inactivity', days: 60, roles: ['purchase'] }, { asOf: '2024-06-01' });
 * s.counts; // { new: 40, active: 510, at_risk: 122, churned: 301, reactivated: 17 }
 * ```
 * @category Churn
 */
export function churnStatus(log: EventLog, rule: ChurnRule, options: StatusOptions): StatusTable {
  return statusTable('churnStatus', log, rule, options);
}

/**
 * {@link churnStatus} for a caller that reports its own errors: `fn` names the public function
 * in every error message (lifecycleStages builds on it).
 *
 * @internal
 */
export function statusTable(fn: string, log: EventLog, rule: ChurnRule, options: StatusOptions): StatusTable {
  checkLog(fn, log);
  checkOptions(fn, options);
  knownOptions(fn, options, STATUS_OPTIONS);
  const spellsOf = new CustomerSpells(fn, log, rule);
  const asOf = timeOption(fn, 'asOf', options.asOf);
  const f = options.atRiskFraction ?? 0.5;
  if (typeof f !== 'number' || !(f > 0 && f <= 1)) invalidOption(fn, 'atRiskFraction', 'a number in (0, 1]', f);
  const recent = daysOption(fn, 'recentDays', options.recentDays ?? 30) * DAY_MS;
  const { time, offsets, rows } = log;
  const ids: string[] = [];
  const status: ChurnStatusName[] = [];
  const firstT: number[] = [];
  const lastT: number[] = [];
  const churnT: number[] = [];
  const backT: number[] = [];
  const projT: number[] = [];
  const anchorT: number[] = [];
  const counts: Record<ChurnStatusName, number> = { new: 0, active: 0, at_risk: 0, churned: 0, reactivated: 0 };
  let notYet = 0;
  for (let c = 0; c < log.customerCount; c++) {
    const a = offsets[c]!;
    const first = time[rows === null ? a : rows[a]!]!;
    if (!(first < asOf)) {
      notYet++;
      continue;
    }
    const b = log.positionAt(c, asOf);
    const last = time[rows === null ? b - 1 : rows[b - 1]!]!;
    // Spells from events before asOf; nothing is clipped, so spells after asOf are projections.
    const sp = spellsOf.compute(c, asOf, Infinity);
    let j = 0;
    while (j < sp.n && sp.end[j]! < asOf) j++;
    const comeback = j > 0 ? sp.end[j - 1]! : NaN;
    let st: ChurnStatusName;
    let churnTime = NaN;
    let projected = NaN;
    let anchor = NaN;
    if (j < sp.n && sp.start[j]! < asOf) {
      st = 'churned';
      churnTime = sp.start[j]!;
      anchor = sp.anchor[j]!;
    } else {
      if (j < sp.n) {
        projected = sp.start[j]!;
        anchor = sp.anchor[j]!;
      }
      if (j < sp.n && asOf - anchor >= f * (projected - anchor)) st = 'at_risk';
      else if (asOf - comeback <= recent) st = 'reactivated';
      else if (asOf - first <= recent) st = 'new';
      else st = 'active';
    }
    counts[st]++;
    ids.push(log.customerId(c));
    status.push(st);
    firstT.push(first);
    lastT.push(last);
    churnT.push(churnTime);
    backT.push(comeback);
    projT.push(projected);
    anchorT.push(anchor);
  }
  return {
    customerIds: ids,
    status,
    firstEventTime: Float64Array.from(firstT),
    lastEventTime: Float64Array.from(lastT),
    churnTime: Float64Array.from(churnT),
    comebackTime: Float64Array.from(backT),
    projectedChurnTime: Float64Array.from(projT),
    countdownStart: Float64Array.from(anchorT),
    asOf,
    counts,
    notYetCustomers: notYet,
  };
}
