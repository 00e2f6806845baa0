import { checkLog, knownOptions, optionNames, timeOption } from '../internal/args.js';
import type { EventLog, TimeInput } from '../data/EventLog.js';
import type { Role } from '../data/types.js';
import { invalidOption } from '../internal/errors.js';
import { DAY_MS } from '../internal/time.js';
import { neumaierError } from '../internal/neumaier.js';

const BTYD_SUMMARY_OPTION_NAMES = optionNames<BtydSummaryOptions>()(['cutoff', 'unit', 'role', 'start', 'clock']);

/** Local copy for the hot loop: a module binding read there can compile to a getter call. */
const DAY = DAY_MS;

/** Time unit of `t_x`, `T` and holdout lengths in a BTYD summary. @category BTYD */
export type BtydUnit = 'week' | 'day';

/**
 * How purchase times are turned into transactions.
 *
 * - `'day'` (default, the BTYD literature's convention): times are floored to UTC calendar days;
 *   all purchases of one customer on one day form one transaction (their values are summed);
 *   the observation ends on the last calendar day before the cutoff, so `T` counts whole days
 *   from the first purchase day to that day (`T = 0` for a customer whose first purchase is on it).
 * - `'exact'`: every distinct timestamp is one transaction and durations are exact
 *   (`T = (cutoff − first purchase) / unit`).
 *
 * @category BTYD
 */
export type BtydClock = 'day' | 'exact';

/** Options of {@link btydSummary} and {@link btydKernel}. @category BTYD */
export interface BtydSummaryOptions {
  /** End of the calibration period, exclusive: only purchases with `time < cutoff` count. */
  cutoff: TimeInput;
  /** Unit of `tx` and `T`: `'week'` (default, 7 days) or `'day'`. */
  unit?: BtydUnit;
  /** Role whose events are transactions (default `'purchase'`). */
  role?: Role;
  /** Ignore purchases before this time (inclusive start of the observation window). */
  start?: TimeInput;
  /** Transaction clock (default `'day'`); see {@link BtydClock}. */
  clock?: BtydClock;
}

/**
 * One customer's BTYD statistics, filled in place by a {@link BtydKernel} (no allocation per call).
 *
 * @category BTYD
 */
export interface BtydStats {
  /** Repeat transactions: transactions − 1 (0 when there is one transaction). */
  x: number;
  /** Time of the last transaction after the first, in units (recency in the BTYD sense). */
  tx: number;
  /** Age: time from the first transaction to the end of observation, in units. */
  T: number;
  /** Mean value of the repeat transactions (0 when `x = 0`). */
  monetary: number;
  /** Epoch ms of the first transaction (its UTC day start under the `'day'` clock). */
  first: number;
  /** Epoch ms of the last transaction (its UTC day start under the `'day'` clock). */
  last: number;
  /** Purchase events read (before merging into transactions). */
  events: number;
  /** Purchase events whose value was absent (NaN); counted as 0 in `monetary`. */
  missingValues: number;
}

/**
 * Per-customer BTYD kernel: fills `out` for customer index `c` of the log and returns true, or
 * returns false (leaving `out` with `x = NaN`) when the customer has no purchase in the window.
 *
 * @category BTYD
 */
export type BtydKernel = (c: number, out: BtydStats) => boolean;

/**
 * The (x, t_x, T, monetary) summary the BTYD models (BG/NBD, Gamma-Gamma) are fitted on.
 *
 * Only customers with at least one purchase in `[start, cutoff)` appear; the others are counted in
 * `customersWithoutPurchase`.
 *
 * @category BTYD
 */
export interface BtydSummary {
  /** Customer id per row. */
  readonly customerIds: readonly string[];
  /** Repeat transactions in the calibration period. */
  readonly x: Float64Array;
  /** Recency: time of the last transaction since the first, in `unit`s. */
  readonly tx: Float64Array;
  /** Age at the cutoff: time since the first transaction, in `unit`s. */
  readonly T: Float64Array;
  /** Mean value of the repeat transactions (0 when x = 0): the Gamma-Gamma input. */
  readonly monetary: Float64Array;
  /** Epoch ms of each customer's first transaction. */
  readonly firstPurchase: Float64Array;
  /** Unit of `tx` and `T`. */
  readonly unit: BtydUnit;
  /** Transaction clock used. */
  readonly clock: BtydClock;
  /** The cutoff (epoch ms, exclusive). */
  readonly cutoff: number;
  /** The start (epoch ms, inclusive), or null when the whole history was read. */
  readonly start: number | null;
  /** Customers of the log with no purchase in the window (not in the summary). */
  readonly customersWithoutPurchase: number;
  /** Purchase events with no value, counted as 0 in `monetary`. */
  readonly missingValues: number;
}

/** Options of {@link btydHoldout}. @category BTYD */
export interface BtydHoldoutOptions {
  /** End of calibration = start of the holdout (exclusive end of calibration). */
  calibrationEnd: TimeInput;
  /** End of the holdout, exclusive. */
  holdoutEnd: TimeInput;
  /** Unit (default `'week'`); must match the calibration summary. */
  unit?: BtydUnit;
  /** Role whose events are transactions (default `'purchase'`). */
  role?: Role;
  /** Inclusive start of the calibration window (as in {@link BtydSummaryOptions}). */
  start?: TimeInput;
  /** Transaction clock (default `'day'`); must match the calibration summary. */
  clock?: BtydClock;
}

/**
 * Holdout purchases of the calibration customers, plus the week-by-week repeat-transaction series
 * a tracking plot needs.
 *
 * @category BTYD
 */
export interface BtydHoldout {
  /** Same customers and order as the calibration {@link BtydSummary} built with the same options. */
  readonly customerIds: readonly string[];
  /** Transactions of each customer in `[calibrationEnd, holdoutEnd)`. */
  readonly counts: Float64Array;
  /** Length of the holdout in units (the `t` of the conditional expectation). */
  readonly duration: number;
  /** Length of calibration + holdout from `origin`, in units. */
  readonly end: number;
  /** Epoch ms of period 0 of `repeatByPeriod`: `start`, or the first purchase day of any customer. */
  readonly origin: number;
  /** Repeat transactions (all but each customer's first) falling in period k = [origin + k·unit, origin + (k+1)·unit). */
  readonly repeatByPeriod: Float64Array;
  /** Index of the first holdout period in `repeatByPeriod` (calibration end in units since origin). */
  readonly calibrationEnd: number;
  /** Unit of all durations. */
  readonly unit: BtydUnit;
}

interface Resolved {
  cutoff: number;
  start: number;
  unitMs: number;
  unit: BtydUnit;
  clock: BtydClock;
  role: Role;
}

function resolve(fn: string, o: BtydSummaryOptions): Resolved {
  if (o === null || typeof o !== 'object') invalidOption(fn, 'options', 'an object with a cutoff', o);
  const cutoff = timeOption(fn, 'cutoff', o.cutoff);
  const start = o.start === undefined ? -Infinity : timeOption(fn, 'start', o.start);
  if (start >= cutoff) invalidOption(fn, 'start', `a time before the cutoff ${new Date(cutoff).toISOString()}`, o.start);
  const unit = o.unit ?? 'week';
  if (unit !== 'week' && unit !== 'day') invalidOption(fn, 'unit', '"week" or "day"', unit);
  const clock = o.clock ?? 'day';
  if (clock !== 'day' && clock !== 'exact') invalidOption(fn, 'clock', '"day" or "exact"', clock);
  return { cutoff, start, unit, clock, unitMs: unit === 'week' ? 7 * DAY_MS : DAY_MS, role: o.role ?? 'purchase' };
}

/** Start of the UTC day holding `t`. */
function dayStart(t: number): number {
  return Math.floor(t / DAY_MS) * DAY_MS;
}

/**
 * Builds the per-customer BTYD kernel over a log: one implementation of (x, t_x, T, monetary)
 * shared by {@link btydSummary} and the RFM feature catalogue.
 *
 * For the churn workflow this is the point-in-time "recency/frequency/age" reading of a
 * non-contractual customer as of `cutoff`. It reads positions `[positionAt(c, start),
 * positionAt(c, cutoff))` once, with no allocation; money is summed with Neumaier's compensated
 * sum. See {@link BtydClock} for how events become transactions.
 *
 * @param log - the event log
 * @param options - cutoff (exclusive), unit, role, start and clock
 * @returns a function `(c, out) => boolean` filling `out` for customer index `c`
 * @throws ChurnkitError `INVALID_TIME` for a cutoff or start that is not a time, `INVALID_OPTION` for a start not before the cutoff, a bad unit or clock; `UNKNOWN_ROLE`
 * @example
 * ```ts
 * const kernel = btydKernel(log, { cutoff: '1997-10-01' });
 * const s = { x: 0, tx: 0, T: 0, monetary: 0, first: 0, last: 0, events: 0, missingValues: 0 };
 * if (kernel(0, s)) console.log(s.x, s.tx, s.T); // CDNOW customer 1: 2, 30.43, 38.86 (rounded)
 * ```
 * @category BTYD
 */
export function btydKernel(log: EventLog, options: BtydSummaryOptions): BtydKernel {
  checkLog('btydKernel', log);
  const r = resolve('btydKernel', options);
  return makeKernel(log, r);
}

/**
 * One customer's purchases folded into (x, t_x, T, monetary) in time order: the single
 * implementation behind {@link btydKernel}, {@link btydSummary}, {@link btydHoldout} and the BTYD
 * columns of {@link extractFeatures} (which feeds it from its own one-pass loop). Call `reset()`,
 * then `add(time, value)` for each purchase event before the cutoff in time order, then
 * `finish(out)`. No allocation.
 *
 * @internal
 */
export class BtydStream {
  first = NaN;
  last = NaN;
  transactions = 0;
  events = 0;
  missing = 0;
  /** Neumaier (1974) compensated sum of repeat-transaction values, and its compensation. */
  sum = 0;
  comp = 0;
  /**
   * @param byDay - the `'day'` clock (times floored to UTC days) rather than `'exact'`
   * @param unitMs - length of the unit of `tx` and `T` in ms
   * @param obsEnd - end of observation in ms (the last UTC day start before the cutoff under the day clock)
   */
  constructor(
    readonly byDay: boolean,
    readonly unitMs: number,
    readonly obsEnd: number,
  ) {}

  reset(): void {
    this.first = NaN;
    this.last = NaN;
    this.transactions = 0;
    this.events = 0;
    this.missing = 0;
    this.sum = 0;
    this.comp = 0;
  }

  add(time: number, value: number): void {
    this.events++;
    const t = this.byDay ? Math.floor(time / DAY) * DAY : time;
    if (this.transactions === 0) {
      this.first = t;
      this.last = t;
      this.transactions = 1;
    } else if (t !== this.last) {
      this.last = t;
      this.transactions++;
    }
    let v = value;
    if (v !== v) {
      this.missing++;
      v = 0;
    }
    if (this.transactions > 1) {
      const sum = this.sum;
      const s = sum + v;
      this.comp += neumaierError(sum, v, s);
      this.sum = s;
    }
  }

  /** Fills `out`; false (and `x = NaN`) when no purchase was added since `reset()`. */
  finish(out: BtydStats): boolean {
    out.events = this.events;
    out.missingValues = this.missing;
    if (this.transactions === 0) {
      out.x = NaN;
      out.tx = NaN;
      out.T = NaN;
      out.monetary = NaN;
      out.first = NaN;
      out.last = NaN;
      return false;
    }
    const x = this.transactions - 1;
    const first = this.first;
    const last = this.last;
    out.x = x;
    out.tx = (last - first) / this.unitMs;
    out.T = (this.obsEnd - first) / this.unitMs;
    out.monetary = x === 0 ? 0 : (this.sum + this.comp) / x;
    out.first = first;
    out.last = last;
    return true;
  }
}

/** The stream {@link btydKernel} uses for these resolved options. */
function makeStream(r: Resolved): BtydStream {
  const byDay = r.clock === 'day';
  // Under the day clock the observation ends on the last UTC day before the cutoff.
  return new BtydStream(byDay, r.unitMs, byDay ? dayStart(r.cutoff - 1) : r.cutoff);
}

/**
 * The stream of the BTYD columns of {@link extractFeatures}: purchases under the day clock with
 * no start, as `btydKernel(log, { cutoff, unit })` reads them.
 *
 * @internal
 */
export function btydFeatureStream(cutoff: number, unit: BtydUnit): BtydStream {
  return makeStream({ cutoff, start: -Infinity, unit, clock: 'day', unitMs: unit === 'week' ? 7 * DAY_MS : DAY_MS, role: 'purchase' });
}

function makeKernel(log: EventLog, r: Resolved): BtydKernel {
  const { time, value, type, rows } = log;
  const mask = log.roleMask(r.role);
  const { cutoff, start } = r;
  const s = makeStream(r);
  return (c: number, out: BtydStats): boolean => {
    const from = start === -Infinity ? log.start(c) : log.positionAt(c, start);
    const to = log.positionAt(c, cutoff);
    s.reset();
    for (let k = from; k < to; k++) {
      const i = rows === null ? k : rows[k]!;
      if (mask[type[i]!] !== 1) continue;
      s.add(time[i]!, value[i]!);
    }
    return s.finish(out);
  };
}

/** A fresh stats record for {@link BtydKernel}. @internal */
export function emptyBtydStats(): BtydStats {
  return { x: NaN, tx: NaN, T: NaN, monetary: NaN, first: NaN, last: NaN, events: 0, missingValues: 0 };
}

/**
 * The BTYD calibration summary (x, t_x, T, monetary) of every customer with a purchase before the cutoff.
 *
 * This is the input of the "buy till you die" models (BG/NBD, Gamma-Gamma): x is the number of
 * repeat transactions, t_x the time of the last one since the first, T the time since the first
 * to the end of calibration (Fader, Hardie & Lee 2005, "Counting your customers the easy way",
 * Marketing Science 24(2)). With the default `'day'` clock and `cutoff: '1997-10-01'` it
 * reproduces the CDNOW calibration file of that paper exactly (observation through 1997-09-30).
 *
 * @param log - the event log
 * @param options - cutoff (exclusive), unit (default week), role (default purchase), start, clock
 * @returns columnar summary; customers without a purchase are counted, not listed
 * @throws ChurnkitError `INVALID_TIME` for a time option that is not a time, `INVALID_OPTION` for other bad options; `UNKNOWN_ROLE` for an unknown role
 * @example
 * ```ts
 * const s = btydSummary(log, { cutoff: '1997-10-01', unit: 'week' });
 * s.x[0]; s.tx[0]; s.T[0]; // 2, 30.428…, 38.857…
 * ```
 * @category BTYD
 */
export function btydSummary(log: EventLog, options: BtydSummaryOptions): BtydSummary {
  knownOptions('btydSummary', options, BTYD_SUMMARY_OPTION_NAMES);
  checkLog('btydSummary', log);
  const r = resolve('btydSummary', options);
  const kernel = makeKernel(log, r);
  const n = log.customerCount;
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  const monetary = new Float64Array(n);
  const firstPurchase = new Float64Array(n);
  const ids: string[] = [];
  const s = emptyBtydStats();
  let m = 0;
  let missing = 0;
  for (let c = 0; c < n; c++) {
    if (!kernel(c, s)) continue;
    missing += s.missingValues;
    x[m] = s.x;
    tx[m] = s.tx;
    T[m] = s.T;
    monetary[m] = s.monetary;
    firstPurchase[m] = s.first;
    ids.push(log.customerId(c));
    m++;
  }
  return Object.freeze({
    customerIds: Object.freeze(ids),
    x: x.slice(0, m),
    tx: tx.slice(0, m),
    T: T.slice(0, m),
    monetary: monetary.slice(0, m),
    firstPurchase: firstPurchase.slice(0, m),
    unit: r.unit,
    clock: r.clock,
    cutoff: r.cutoff,
    start: r.start === -Infinity ? null : r.start,
    customersWithoutPurchase: n - m,
    missingValues: missing,
  });
}

/**
 * Holdout transaction counts of the calibration customers, for judging a BTYD model out of time.
 *
 * Customers are those of `btydSummary(log, { cutoff: calibrationEnd, ... })` in the same order;
 * `counts[i]` is their number of transactions in `[calibrationEnd, holdoutEnd)` (distinct UTC days
 * under the `'day'` clock). `repeatByPeriod` counts every customer's repeat transactions (all
 * transactions after the first) per unit-long period since `origin`, through the holdout, for the
 * cumulative tracking curve of Fader, Hardie & Lee (2005, Figure 2).
 *
 * @param log - the event log
 * @param options - calibrationEnd, holdoutEnd (both exclusive ends), unit, role, start, clock
 * @returns counts per customer, holdout duration in units and the per-period repeat series
 * @throws ChurnkitError `INVALID_TIME` when a time is not a time, `INVALID_OPTION` when `holdoutEnd <= calibrationEnd`
 * @example
 * ```ts
 * const h = btydHoldout(log, { calibrationEnd: '1997-10-01', holdoutEnd: '1998-07-01' });
 * h.duration; // 39 (weeks)
 * ```
 * @category BTYD
 */
export function btydHoldout(log: EventLog, options: BtydHoldoutOptions): BtydHoldout {
  const fn = 'btydHoldout';
  checkLog(fn, log);
  if (options === null || typeof options !== 'object') invalidOption(fn, 'options', 'an object', options);
  const base: BtydSummaryOptions = { cutoff: options.calibrationEnd };
  if (options.unit !== undefined) base.unit = options.unit;
  if (options.role !== undefined) base.role = options.role;
  if (options.start !== undefined) base.start = options.start;
  if (options.clock !== undefined) base.clock = options.clock;
  const r = resolve(fn, base);
  const holdoutEnd = timeOption(fn, 'holdoutEnd', options.holdoutEnd);
  if (holdoutEnd <= r.cutoff) {
    invalidOption(fn, 'holdoutEnd', `a time after calibrationEnd ${new Date(r.cutoff).toISOString()}`, options.holdoutEnd);
  }
  const byDay = r.clock === 'day';
  const kernel = makeKernel(log, r);
  const n = log.customerCount;
  const s = emptyBtydStats();
  const { time, type, rows } = log;
  const mask = log.roleMask(r.role);
  const ids: string[] = [];
  const counts = new Float64Array(n);
  const firsts = new Float64Array(n);
  const cust = new Int32Array(n);
  let m = 0;
  let origin = Infinity;
  for (let c = 0; c < n; c++) {
    if (!kernel(c, s)) continue;
    ids.push(log.customerId(c));
    firsts[m] = s.first;
    cust[m] = c;
    if (s.first < origin) origin = s.first;
    m++;
  }
  if (r.start !== -Infinity) origin = byDay ? dayStart(r.start) : r.start;
  if (m === 0) origin = byDay ? dayStart(r.cutoff) : r.cutoff;
  const u = r.unitMs;
  const calEnd = byDay ? dayStart(r.cutoff - 1) + DAY_MS : r.cutoff;
  const hEnd = byDay ? dayStart(holdoutEnd - 1) + DAY_MS : holdoutEnd;
  const periods = Math.max(0, Math.ceil((hEnd - origin) / u - 1e-9));
  const repeat = new Float64Array(periods);
  for (let j = 0; j < m; j++) {
    const c = cust[j]!;
    const first = firsts[j]!;
    let last = first;
    let hold = 0;
    const from = log.positionAt(c, first);
    const to = log.positionAt(c, holdoutEnd);
    for (let k = from; k < to; k++) {
      const i = rows === null ? k : rows[k]!;
      if (mask[type[i]!] !== 1) continue;
      const t = byDay ? dayStart(time[i]!) : time[i]!;
      if (t === last) continue;
      last = t;
      const p = Math.floor((t - origin) / u);
      if (p >= 0 && p < periods) repeat[p]! += 1;
      if (time[i]! >= r.cutoff) hold++;
    }
    counts[j] = hold;
  }
  return Object.freeze({
    customerIds: Object.freeze(ids),
    counts: counts.slice(0, m),
    duration: (hEnd - calEnd) / u,
    end: (hEnd - origin) / u,
    origin,
    repeatByPeriod: repeat,
    calibrationEnd: (calEnd - origin) / u,
    unit: r.unit,
  });
}
