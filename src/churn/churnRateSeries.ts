import { checkLog, checkOptions, knownOptions, optionNames } from '../internal/args.js';
import { ChurnkitError } from '../internal/errors.js';
import type { EventLog } from '../data/EventLog.js';
import { calendarPeriods } from '../time/calendarPeriods.js';
import type { CalendarPeriod, WeekStartsOn } from '../time/CalendarPeriod.js';
import type { ChurnRule } from './ChurnRule.js';
import { CustomerSpells, resolveDataEnd } from './_prepare.js';

const RATE_SERIES_OPTION_NAMES = optionNames<RateSeriesOptions>()(['start', 'end', 'period', 'weekStartsOn', 'dataEnd']);

/** Options of {@link churnRateSeries}. @category Churn */
export interface RateSeriesOptions {
  /** First instant to cover; the series starts with the calendar period containing it. */
  start: Date | string | number;
  /** End of the range, exclusive; the series ends with the period containing the instant before it. */
  end: Date | string | number;
  /** Calendar period (UTC). `week` and `month` are the usual choices. */
  period: CalendarPeriod;
  /** First day of a week: 0 = Sunday … 6 = Saturday. Default 1 (Monday). */
  weekStartsOn?: WeekStartsOn;
  /** End of observation, exclusive (default: last event + 1 ms); see {@link LabelOptions}. */
  dataEnd?: Date | string | number;
}

/**
 * One period of a churn-rate series.
 *
 * @category Churn
 */
export interface RatePoint {
  /** Period start (epoch ms, 00:00 UTC). */
  start: number;
  /** Next period's start (exclusive end). */
  end: number;
  /** `YYYY-MM` for months, the first day `YYYY-MM-DD` for weeks (as `PeriodRange.label` of `calendarPeriods`). */
  label: string;
  /** Customers with an event before `start` and not churned at `start`. */
  activeAtStart: number;
  /** Of those, customers whose churn time falls in `[start, end)`. */
  churned: number;
  /** `churned / activeAtStart`; NaN when no customer was active at the start. */
  rate: number;
  /** Customers whose churn spell ended in `[start, end)` (they came back). */
  returned: number;
  /** Customers whose first event falls in `[start, end)`. */
  newCustomers: number;
  /** False when the period runs past `dataEnd`: its counts are partial. */
  complete: boolean;
}

/**
 * Churn rate per calendar week or month: the series a manager compares with history.
 *
 * For each UTC calendar period `[start, end)`: customers active at `start` (an event before
 * it, not churned at it under `rule`), how many of them churned in the period (the rule's
 * churn time in `[start, end)`: the same test as a label with the period as horizon), the
 * rate, how many churned customers came back, and how many customers were new. Churn times
 * at or after `dataEnd` are not observed, and a period that runs past it is marked
 * incomplete. An empty log gives periods with zero counts. One pass per customer; O(events + customers × spells × log(periods) + periods).
 *
 * @param log - the event log
 * @param rule - the churn definition
 * @param options - range, period, week start, end of data
 * @returns one {@link RatePoint} per period, in order
 * @throws ChurnkitError `INVALID_RULE`, `INVALID_TIME`, `INVALID_OPTION` (including a period starting at or after `dataEnd`)
 * @example
 * ```ts
 * const series = churnRateSeries(log, { kind: 'inactivity', days: 180, roles: ['purchase'] }, { start: '1997-07-01', end: '1998-07-01', period: 'month' });
 * series.map((p) => `${p.label} ${(100 * p.rate).toFixed(1)}%`);
 * ```
 * @category Churn
 */
export function churnRateSeries(log: EventLog, rule: ChurnRule, options: RateSeriesOptions): RatePoint[] {
  knownOptions('churnRateSeries', options, RATE_SERIES_OPTION_NAMES);
  const fn = 'churnRateSeries';
  checkLog(fn, log);
  checkOptions(fn, options);
  const spellsOf = new CustomerSpells(fn, log, rule);
  const periods = calendarPeriods({ start: options.start, end: options.end, period: options.period, weekStartsOn: options.weekStartsOn ?? 1 });
  const dataEnd = resolveDataEnd(fn, log, options.dataEnd);
  const last = periods[periods.length - 1]!;
  if (last.start >= dataEnd) {
    throw new ChurnkitError('INVALID_OPTION', `${fn}: period ${last.label} starts at or after the end of the data (${new Date(dataEnd).toISOString()}); no one's state is known there. Use an earlier "end" or pass "dataEnd".`, {
      path: ['end'],
      field: 'end',
      expected: 'periods that start before dataEnd',
      received: options.end,
    });
  }
  const P = periods.length;
  const starts = Float64Array.from(periods, (p) => p.start);
  const lo = starts[0]!;
  const hi = last.end;
  const activeDiff = new Int32Array(P + 1);
  const churned = new Int32Array(P);
  const returned = new Int32Array(P);
  const fresh = new Int32Array(P);
  // number of period starts p with p <= t
  const upto = (t: number): number => {
    let a = 0;
    let b = P;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (starts[m]! <= t) a = m + 1;
      else b = m;
    }
    return a;
  };
  // customer is active at p for p in (from, to]: add to periods with from < p <= to
  const addActive = (from: number, to: number): void => {
    const i = upto(from);
    const j = upto(to);
    if (j > i) {
      activeDiff[i]!++;
      activeDiff[j]!--;
    }
  };
  const { time, offsets, rows } = log;
  for (let c = 0; c < log.customerCount; c++) {
    const a = offsets[c]!;
    const first = time[rows === null ? a : rows[a]!]!;
    if (first >= hi || first >= dataEnd) continue;
    if (first >= lo) fresh[upto(first) - 1]!++;
    const sp = spellsOf.compute(c, dataEnd, dataEnd);
    let from = first;
    let lastReturn = -1;
    for (let j = 0; j < sp.n; j++) {
      const s = sp.start[j]!;
      const e = sp.end[j]!;
      addActive(from, s);
      // churned in the period containing s, counted when the customer was active at its start
      if (s >= lo && s < hi) {
        const k = upto(s) - 1;
        if (from < starts[k]!) churned[k]!++;
      }
      if (e >= lo && e < hi) {
        const k = upto(e) - 1;
        if (k !== lastReturn) {
          returned[k]!++;
          lastReturn = k;
        }
      }
      from = e;
    }
    if (from < Infinity) addActive(from, Infinity);
  }
  const out: RatePoint[] = [];
  let active = 0;
  for (let k = 0; k < P; k++) {
    active += activeDiff[k]!;
    const p = periods[k]!;
    out.push({
      start: p.start,
      end: p.end,
      label: p.label,
      activeAtStart: active,
      churned: churned[k]!,
      rate: active > 0 ? churned[k]! / active : NaN,
      returned: returned[k]!,
      newCustomers: fresh[k]!,
      complete: Number.isNaN(dataEnd) || p.end <= dataEnd,
    });
  }
  return out;
}
