import type { ChurnRule } from '../churn/ChurnRule.js';
import { statusTable, type churnStatus, type ChurnStatusName, type StatusTable } from '../churn/churnStatus.js'; // churnStatus: for {@link}
import type { EventLog } from '../data/EventLog.js';
import type { Role } from '../data/types.js';
import { checkLog, checkOptions, daysOption, knownOptions, optionNames } from '../internal/args.js';
import { invalidOption } from '../internal/errors.js';
import { DAY_MS, isoDate } from '../internal/time.js';

const LIFECYCLE_OPTION_NAMES = optionNames<LifecycleOptions>()(['asOf', 'rule', 'atRiskFraction', 'recentDays', 'trendDays', 'decliningRatio', 'trendRoles']);

/**
 * Where a customer stands in the lifecycle at a moment:
 *
 * - `new`: first event within `recentDays` (as churnStatus says);
 * - `active`: none of the others;
 * - `declining`: would be `active`, but events in the last `trendDays` fell below
 *   `decliningRatio` × those in the `trendDays` before;
 * - `silent`: past the rule's countdown fraction to churn (churnStatus `at_risk`);
 * - `churned`: inside a churn spell of the rule (as churnStatus says);
 * - `reactivated`: came back from a churn spell within `recentDays` (as churnStatus says).
 *
 * @category Segments
 */
export type LifecycleStage = 'new' | 'active' | 'declining' | 'silent' | 'churned' | 'reactivated';

/** Options of {@link lifecycleStages}. @category Segments */
export interface LifecycleOptions {
  /** The moment of the stages; only events strictly before it are read. */
  asOf: Date | string | number;
  /** The churn definition. Default `{ kind: 'inactivity', days: 90, roles: ['purchase', 'activity'] }`. */
  rule?: ChurnRule;
  /** Fraction of the countdown to churn after which a customer is `silent` (0 < f ≤ 1). Default 0.5. */
  atRiskFraction?: number;
  /** Window in days for `new` and `reactivated`. Default 30. */
  recentDays?: number;
  /** Length in days of each of the two trend windows. Default 30. */
  trendDays?: number;
  /** An active customer is `declining` when recent < ratio × previous (0 < ratio ≤ 1). Default 0.5. */
  decliningRatio?: number;
  /** Roles of the events the trend counts. Default `['purchase', 'activity']`. */
  trendRoles?: readonly Role[];
}

/**
 * The result of {@link lifecycleStages}: one row per customer with an event before `asOf`
 * (the rows and dates of {@link StatusTable}, whose `churnTime` is set for stage `churned`),
 * the stage, the trend counts and a one-line reason.
 *
 * @category Segments
 */
export interface StageTable
  extends Pick<
    StatusTable,
    'customerIds' | 'firstEventTime' | 'lastEventTime' | 'churnTime' | 'comebackTime' | 'projectedChurnTime' | 'countdownStart' | 'asOf' | 'notYetCustomers'
  > {
  /** Stage per row. */
  readonly stage: readonly LifecycleStage[];
  /** One plain-language line per row saying why, with dates (UTC). */
  readonly reason: readonly string[];
  /** Trend events in `[asOf − trendDays, asOf)`. */
  readonly recentEvents: Float64Array;
  /** Trend events in `[asOf − 2·trendDays, asOf − trendDays)`. */
  readonly previousEvents: Float64Array;
  /** The churn rule used (the default when none was given). */
  readonly rule: ChurnRule;
  /** Customers per stage. */
  readonly counts: Readonly<Record<LifecycleStage, number>>;
}

const DEFAULT_RULE: ChurnRule = Object.freeze({ kind: 'inactivity', days: 90, roles: Object.freeze(['purchase', 'activity'] as Role[]) });
const FROM_STATUS: Readonly<Record<ChurnStatusName, LifecycleStage>> = { new: 'new', active: 'active', at_risk: 'silent', churned: 'churned', reactivated: 'reactivated' };

/**
 * Each customer's lifecycle stage at a moment — new, active, declining, silent, churned, reactivated — with the dates and a reason.
 *
 * Where it fits in the churn workflow: the stage is the dashboard's first column and the
 * trigger for lifecycle campaigns (welcome the new, nudge the declining, win back the silent
 * before they churn). It builds on {@link churnStatus} with the same rule, so the two always
 * agree: `churned`, `reactivated` and `new` are exactly churnStatus's, `at_risk` is `silent`
 * (past `atRiskFraction` of the countdown from the last qualifying event to the projected churn
 * time), and churnStatus's `active` is split by a point-in-time activity trend: with `recent`
 * = trend events (default roles purchase and activity) in `[asOf − trendDays, asOf)` and
 * `previous` those in `[asOf − 2·trendDays, asOf − trendDays)`, an active customer is
 * `declining` when `previous > 0` and `recent < decliningRatio × previous` (default: fewer than
 * half as many events in the last 30 days as in the 30 before). Default rule: inactivity for
 * 90 days on purchase and activity events. Only events strictly before `asOf` are read.
 *
 * @param log - the event log
 * @param options - `asOf`, and optionally `rule`, `atRiskFraction`, `recentDays`, `trendDays`,
 * `decliningRatio`, `trendRoles`
 * @returns a {@link StageTable}
 * @throws ChurnkitError `INVALID_INPUT` for a non-log; `INVALID_OPTION` for a bad option
 * (`UNKNOWN_ROLE` for a bad trend role); `INVALID_RULE`, `INVALID_TIME` as {@link churnStatus}
 * @example
 * ```ts
 * const s = lifecycleStages(log, { asOf: '2024-06-24' });
 * s.counts;    // { new: 31, active: 402, declining: 88, silent: 97, churned: 301, reactivated: 12 }
 * s.reason[0]; // 'no purchase or activity since 2024-05-02 (53 days); churns on 2024-07-31 if nothing happens'
 * ```
 * @category Segments
 */
export function lifecycleStages(log: EventLog, options: LifecycleOptions): StageTable {
  knownOptions('lifecycleStages', options, LIFECYCLE_OPTION_NAMES);
  const fn = 'lifecycleStages';
  checkLog(fn, log);
  checkOptions(fn, options);
  const rule = options.rule ?? DEFAULT_RULE;
  const trendDays = daysOption(fn, 'trendDays', options.trendDays ?? 30);
  const ratio = options.decliningRatio ?? 0.5;
  if (typeof ratio !== 'number' || !(ratio > 0 && ratio <= 1)) invalidOption(fn, 'decliningRatio', 'a number in (0, 1]', ratio);
  const trendRoles = options.trendRoles ?? (['purchase', 'activity'] as const);
  if (!Array.isArray(trendRoles) || trendRoles.length === 0) invalidOption(fn, 'trendRoles', 'a non-empty array of roles', trendRoles);
  const inTrend = log.rolesMask(trendRoles);

  // Rule, asOf, atRiskFraction and recentDays are checked there, under this function's name.
  const st = statusTable(fn, log, rule, {
    asOf: options.asOf,
    ...(options.atRiskFraction !== undefined ? { atRiskFraction: options.atRiskFraction } : {}),
    ...(options.recentDays !== undefined ? { recentDays: options.recentDays } : {}),
  });
  const asOf = st.asOf;
  const n = st.customerIds.length;
  const w = trendDays * DAY_MS;
  const recent = new Float64Array(n);
  const previous = new Float64Array(n);
  const stage: LifecycleStage[] = new Array<LifecycleStage>(n);
  const reason: string[] = new Array<string>(n);
  const counts: Record<LifecycleStage, number> = { new: 0, active: 0, declining: 0, silent: 0, churned: 0, reactivated: 0 };
  const { type, rows } = log;
  const what = describeSelection(rule);
  const trendWhat = trendRoles.join('/');
  const day = (t: number) => isoDate(t);
  const ago = (t: number) => Math.floor((asOf - t) / DAY_MS);

  // churnStatus rows are the log's customers with an event before asOf, in log order.
  let c = 0;
  for (let i = 0; i < n; i++) {
    while (log.customerId(c) !== st.customerIds[i]) c++;
    const p0 = log.positionAt(c, asOf - 2 * w);
    const p1 = log.positionAt(c, asOf - w);
    const p2 = log.positionAt(c, asOf);
    let a = 0;
    let b = 0;
    for (let p = p0; p < p1; p++) a += inTrend[type[rows === null ? p : rows[p]!]!]!;
    for (let p = p1; p < p2; p++) b += inTrend[type[rows === null ? p : rows[p]!]!]!;
    previous[i] = a;
    recent[i] = b;
    let s = FROM_STATUS[st.status[i]!];
    if (s === 'active' && a > 0 && b < ratio * a) s = 'declining';
    stage[i] = s;
    counts[s]++;
    const anchor = st.countdownStart[i]!;
    const trend = `${b} ${trendWhat} events in the last ${trendDays} days vs ${a} in the ${trendDays} before`;
    switch (s) {
      case 'churned':
        reason[i] = what !== null
          ? `no ${what} since ${day(anchor)} (${ago(anchor)} days); churned on ${day(st.churnTime[i]!)}`
          : `churned on ${day(st.churnTime[i]!)} under the ${ruleLabel(rule)} rule`;
        break;
      case 'silent':
        reason[i] = what !== null
          ? `no ${what} since ${day(anchor)} (${ago(anchor)} days); churns on ${day(st.projectedChurnTime[i]!)} if nothing happens`
          : `countdown since ${day(anchor)} under the ${ruleLabel(rule)} rule; churns on ${day(st.projectedChurnTime[i]!)} if nothing happens`;
        break;
      case 'reactivated':
        reason[i] = `came back on ${day(st.comebackTime[i]!)} (${ago(st.comebackTime[i]!)} days ago) after a churn spell`;
        break;
      case 'new':
        reason[i] = `first event on ${day(st.firstEventTime[i]!)} (${ago(st.firstEventTime[i]!)} days ago)`;
        break;
      case 'declining':
        reason[i] = `${trend} (${(b / a).toFixed(2)} < ${ratio})`;
        break;
      default:
        reason[i] = `${trend}; last event ${day(st.lastEventTime[i]!)} (${ago(st.lastEventTime[i]!)} days ago)`;
    }
  }
  return Object.freeze({
    customerIds: st.customerIds,
    stage: Object.freeze(stage),
    reason: Object.freeze(reason),
    firstEventTime: st.firstEventTime,
    lastEventTime: st.lastEventTime,
    churnTime: st.churnTime,
    comebackTime: st.comebackTime,
    projectedChurnTime: st.projectedChurnTime,
    countdownStart: st.countdownStart,
    recentEvents: recent,
    previousEvents: previous,
    asOf,
    rule,
    counts: Object.freeze(counts),
    notYetCustomers: st.notYetCustomers,
  });
}

/** "purchase or activity" for an inactivity rule (its roles and types); null for other rules. */
function describeSelection(rule: ChurnRule): string | null {
  if (rule.kind !== 'inactivity') return null;
  const names = [...(rule.roles ?? []), ...(rule.types ?? [])];
  return names.length === 0 ? 'event' : names.join(' or ');
}

function ruleLabel(rule: ChurnRule): string {
  return rule.name !== undefined ? `"${rule.name}"` : rule.kind;
}
