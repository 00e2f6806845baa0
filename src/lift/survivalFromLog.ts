import type { ChurnRule } from '../churn/ChurnRule.js';
import { CustomerSpells } from '../churn/_prepare.js';
import type { CustomerTable } from '../data/CustomerTable.js';
import type { EventLog } from '../data/EventLog.js';
import { byIdOption, checkLog, checkOptions, knownOptions, optionNames, timeOption } from '../internal/args.js';
import { ChurnkitError, invalidOption, show } from '../internal/errors.js';
import { DAY_MS } from '../internal/time.js';
import { kaplanMeier, type KaplanMeierFit } from './kaplanMeier.js';

const SURVIVAL_FROM_LOG_OPTIONS = optionNames<SurvivalFromLogOptions>()(['asOf', 'groupBy', 'table', 'alpha']);

/** Options of {@link survivalFromLog}. @category Lift */
export interface SurvivalFromLogOptions {
  /** The moment of analysis: only events strictly before it are read; the still-active are censored here. */
  asOf: Date | string | number;
  /**
   * Split the curve by group: the name of a column of `table` (categorical or numeric), or a
   * record or `Map` from customer id to group name (customers left out are counted as
   * `unassigned`). Default: one group `'all'`.
   */
  groupBy?: string | Readonly<Record<string, string>> | ReadonlyMap<string, string>;
  /** The customer table holding the `groupBy` column. */
  table?: CustomerTable;
  /** 1 − confidence level of the Kaplan–Meier intervals. Default 0.05. */
  alpha?: number;
}

/** The Kaplan–Meier fit of one group. @category Lift */
export interface SurvivalGroup {
  /** Group name. */
  group: string;
  /** Customers in the group. */
  customers: number;
  /** The fit, in days since each customer's first event. */
  fit: KaplanMeierFit;
}

/** Result of {@link survivalFromLog}. @category Lift */
export interface SurvivalFromLog {
  /** One fit per group, by group name (code-unit order). */
  groups: SurvivalGroup[];
  /** Customers with an event before `asOf`, in log order. */
  customerIds: readonly string[];
  /** Days from the first event to the first churn, or to `asOf` when censored. */
  durationDays: Float64Array;
  /** 1 = churned before `asOf`, 0 = censored. */
  churned: Uint8Array;
  /** Group of each customer (null when unassigned). */
  group: readonly (string | null)[];
  /** The `asOf` moment (epoch ms). */
  asOf: number;
  /** Customers of the log with no event before `asOf` (not followed). */
  notYetCustomers: number;
  /** Customers with no group (absent from the table or map, or a missing value): left out of every fit, listed here. */
  unassigned: readonly string[];
}

/**
 * Time-to-churn survival curves from an event log and a churn rule, optionally per segment.
 *
 * Each customer is followed from the first event (of any type) to the start of the rule's
 * first churn spell — the first moment the rule calls the customer churned — or, when that
 * has not happened before `asOf`, censored at `asOf`. Durations are in days (fractional).
 * Only events strictly before `asOf` are read, and churn spells starting at or after `asOf`
 * are ignored, so the curves are point-in-time. A customer who churned and came back keeps
 * the first churn (time to first churn). The spells are the same as `labelCustomers`
 * and `churnStatus` compute for the rule. Each group is fitted with {@link kaplanMeier}.
 * O(events + customers log customers).
 *
 * @param log - the event log
 * @param rule - the churn definition
 * @param options - `asOf`, `groupBy` (+ `table`), `alpha`
 * @returns durations, flags and one Kaplan–Meier fit per group
 * @throws ChurnkitError `INVALID_RULE`, `INVALID_TIME`, `INVALID_OPTION` (bad `groupBy`, or a
 *   column name without `table`), `UNKNOWN_COLUMN`, `EMPTY_INPUT` when no customer has an event
 *   before `asOf` or none has a group
 * @example
 * ```ts
 * const s = survivalFromLog(log, { kind: 'inactivity', days: 90, roles: ['purchase'] }, {
 *   asOf: '2024-07-01', groupBy: 'plan', table: customers,
 * });
 * s.groups.map((g) => [g.group, g.fit.median]); // [['basic', 210], ['premium', NaN]] (NaN: half never churned yet)
 * ```
 * @category Lift
 */
export function survivalFromLog(log: EventLog, rule: ChurnRule, options: SurvivalFromLogOptions): SurvivalFromLog {
  const fn = 'survivalFromLog';
  checkLog(fn, log);
  checkOptions(fn, options);
  knownOptions(fn, options, SURVIVAL_FROM_LOG_OPTIONS);
  const spellsOf = new CustomerSpells(fn, log, rule);
  const asOf = timeOption(fn, 'asOf', options.asOf);
  const groupOf = groupReader(fn, options);

  const ids: string[] = [];
  const dur: number[] = [];
  const flags: number[] = [];
  const groups: (string | null)[] = [];
  const unassigned: string[] = [];
  let notYet = 0;
  const { offsets, time, rows } = log;
  for (let c = 0; c < log.customerCount; c++) {
    const a = offsets[c]!;
    const first = time[rows === null ? a : rows[a]!]!;
    if (!(first < asOf)) {
      notYet++;
      continue;
    }
    // Spells from events before asOf; spells starting at or after asOf are dropped.
    const sp = spellsOf.compute(c, asOf, asOf);
    const churned = sp.n > 0;
    const end = churned ? sp.start[0]! : asOf;
    const id = log.customerId(c);
    ids.push(id);
    dur.push(Math.max(0, end - first) / DAY_MS);
    flags.push(churned ? 1 : 0);
    const g = groupOf(id);
    groups.push(g);
    if (g === null) unassigned.push(id);
  }
  if (ids.length === 0) {
    throw new ChurnkitError('EMPTY_INPUT', `${fn}: no customer has an event before asOf (${new Date(asOf).toISOString()}).`, {
      path: ['asOf'],
      field: 'asOf',
      expected: 'a moment after some customer’s first event',
      received: options.asOf,
    });
  }
  const members = new Map<string, number[]>();
  for (let i = 0; i < ids.length; i++) {
    const g = groups[i]!;
    if (g === null) continue;
    let list = members.get(g);
    if (list === undefined) members.set(g, (list = []));
    list.push(i);
  }
  if (members.size === 0) {
    throw new ChurnkitError('EMPTY_INPUT', `${fn}: none of the ${ids.length} customers has a group under option "groupBy".`, {
      path: ['groupBy'],
      field: 'groupBy',
      expected: 'groups for at least one customer',
      received: options.groupBy,
    });
  }
  const names = Array.from(members.keys()).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const out: SurvivalGroup[] = [];
  const kmOptions = options.alpha === undefined ? {} : { alpha: options.alpha };
  for (const name of names) {
    const list = members.get(name)!;
    const d = new Float64Array(list.length);
    const e = new Uint8Array(list.length);
    for (let k = 0; k < list.length; k++) {
      d[k] = dur[list[k]!]!;
      e[k] = flags[list[k]!]!;
    }
    out.push({ group: name, customers: list.length, fit: kaplanMeier(d, e, kmOptions) });
  }
  return {
    groups: out,
    customerIds: ids,
    durationDays: Float64Array.from(dur),
    churned: Uint8Array.from(flags),
    group: groups,
    asOf,
    notYetCustomers: notYet,
    unassigned,
  };
}

/** Turns the `groupBy` option into id → group (null = unassigned). */
function groupReader(fn: string, options: SurvivalFromLogOptions): (id: string) => string | null {
  const by = options.groupBy;
  if (by === undefined) return () => 'all';
  if (typeof by === 'string') {
    const table = options.table;
    if (table === undefined || table === null || typeof table !== 'object' || typeof table.column !== 'function') {
      invalidOption(fn, 'table', 'a CustomerTable holding the groupBy column', table);
    }
    const col = table.column(by);
    if (col === undefined) {
      throw new ChurnkitError('UNKNOWN_COLUMN', `${fn}: the customer table has no column ${show(by)} (option "groupBy"); columns are ${Array.from(table.columns.keys()).join(', ')}.`, {
        path: ['groupBy'],
        field: 'groupBy',
        expected: 'a column of the customer table',
        received: by,
      });
    }
    return (id) => {
      const r = table.index(id);
      if (r < 0) return null;
      const v = col.values[r];
      if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return null;
      return col.kind === 'time' ? new Date(v as number).toISOString() : String(v);
    };
  }
  const groups = byIdOption(fn, 'groupBy', by, (g): g is string => typeof g === 'string', 'a string group name', 'a column name, or a record or Map from customer id to group');
  return (id) => groups.get(id) ?? null;
}
