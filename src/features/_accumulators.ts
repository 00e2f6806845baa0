/**
 * Per-customer accumulators of the one-pass feature engine. Each receives, in time order, the
 * events (base row `i`; its time is `at[i]`) of the types in its `mask` that are strictly before
 * the cutoff, between `begin()` and `end(r)`. No accumulator allocates per event.
 *
 * @internal
 */
import type { EventLog } from '../data/EventLog.js';
import type { Role } from '../data/types.js';
import { grown } from '../internal/grown.js';
import { sortedMedian } from '../internal/sortedMedian.js';
import { DAY_MS as DAY_MS_EXPORT } from '../internal/time.js';
import type { BtydStats, BtydStream } from './btydSummary.js';
import type { CustomerSlice, CustomFeatureSpec } from './FeatureSpec.js';
import type { CompiledLexicon } from './scoreSentiment.js';
import { scoreWith } from './scoreSentiment.js';

/** Local copy: a module binding read in a hot loop can compile to a getter call. */
const DAY_MS = DAY_MS_EXPORT;

/** What the engine knows while walking one customer. */
export interface EngineState {
  /** Customer index in the log, or -1 for a listed customer absent from it. */
  c: number;
  /** Customer id of the current row. */
  id: string;
}

export abstract class Acc {
  /** Type codes this accumulator reads; null = every type. */
  mask: Uint8Array | null = null;
  /** Output columns (one row per customer). */
  out: Float64Array[] = [];
  /** Events before this time cannot change the result: the engine does not route them here. */
  gate = -Infinity;
  /**
   * The event times of the log being walked, bound by the engine before the walk. `add` takes
   * only the row and reads its time here: the engine's calls to `add` are not inlined, and a
   * double passed to a call that is not inlined is boxed — one heap number per event.
   */
  at: Float64Array = NO_TIMES;
  abstract begin(): void;
  abstract add(i: number): void;
  abstract end(r: number): void;
}

const NO_TIMES = new Float64Array(0);

/** Window bounds [lo, hi) in epoch ms. */
export interface Bounds {
  lo: number;
  hi: number;
}

/** OLS slope of counts per week, x = 0 (oldest) .. weeks−1 (the week ending at the cutoff). */
export class WeeklySlopeAcc extends Acc {
  readonly buckets: Float64Array;
  /** Events counted in the buckets since `begin()`. */
  hits = 0;
  /** Σ (x − x̄)², the same for every customer. */
  readonly sxx: number;
  constructor(mask: Uint8Array, readonly cutoff: number, readonly weeks: number, col: Float64Array) {
    super();
    this.mask = mask;
    this.out = [col];
    this.buckets = new Float64Array(weeks);
    this.gate = cutoff - weeks * 7 * DAY_MS;
    const xbar = (weeks - 1) / 2;
    let sxx = 0;
    for (let x = 0; x < weeks; x++) sxx += (x - xbar) * (x - xbar);
    this.sxx = sxx;
  }
  begin(): void {
    // Only a customer with hits dirtied the buckets; a plain loop beats a builtin call here.
    if (this.hits === 0) return;
    this.hits = 0;
    const b = this.buckets;
    for (let x = 0; x < b.length; x++) b[x] = 0;
  }
  add(i: number): void {
    // Weeks back from the cutoff, each [cutoff − (k+1)·7d, cutoff − k·7d) like every other
    // window: an event exactly 7 days before the cutoff is in the last week (k = 0).
    const k = Math.ceil((this.cutoff - this.at[i]!) / (7 * DAY_MS)) - 1;
    if (k < this.weeks) {
      this.buckets[this.weeks - 1 - k]! += 1;
      this.hits++;
    }
  }
  end(r: number): void {
    // No event in the weeks: every bucket is 0, so Σ (x − x̄)(0 − 0) is +0 and the slope +0 / Σ (x − x̄)²
    // (NaN for a single week, as the full formula gives).
    if (this.hits === 0) {
      this.out[0]![r] = 0 / this.sxx;
      return;
    }
    const n = this.weeks;
    const xbar = (n - 1) / 2;
    let ybar = 0;
    for (let x = 0; x < n; x++) ybar += this.buckets[x]!;
    ybar /= n;
    let sxy = 0;
    for (let x = 0; x < n; x++) sxy += (x - xbar) * (this.buckets[x]! - ybar);
    this.out[0]![r] = sxy / this.sxx;
  }
}

/**
 * Collects the customer's distinct UTC days (epoch days, ascending) of the events routed to it,
 * in a buffer grown by doubling (no per-event allocation).
 */
abstract class DayListAcc extends Acc {
  days = new Float64Array(64);
  n = 0;
  /** Gaps sorted by {@link medianGap}. */
  scratch = new Float64Array(0);
  begin(): void {
    this.n = 0;
  }
  add(i: number): void {
    const d = Math.floor(this.at[i]! / DAY_MS);
    if (this.n > 0 && this.days[this.n - 1] === d) return;
    if (this.n === this.days.length) this.days = grown(this.days, this.days.length * 2);
    this.days[this.n++] = d;
  }
  /** Median of the first `m` gaps (between days 0..m; 1 ≤ m < n), with no allocation unless the scratch grows. */
  medianGap(m: number): number {
    const days = this.days;
    if (this.scratch.length < m) this.scratch = new Float64Array(days.length);
    const g = this.scratch;
    if (m > 32) {
      for (let k = 1; k <= m; k++) g[k - 1] = days[k]! - days[k - 1]!;
      return sortedMedian(g.subarray(0, m).sort(), m);
    }
    // Few gaps (the usual case): insertion sort in place, at most 32² steps.
    for (let k = 1; k <= m; k++) {
      const x = days[k]! - days[k - 1]!;
      let j = k - 1;
      while (j > 0 && g[j - 1]! > x) {
        g[j] = g[j - 1]!;
        j--;
      }
      g[j] = x;
    }
    return sortedMedian(g, m);
  }
}

/** True for '' and whitespace-only text. */
function isBlank(text: string): boolean {
  return text === '' || text.trim() === '';
}

/**
 * The sentiment score of `text` (the custom scorer's, else the lexicon's), memoised in `cache`,
 * which the sentiment and text-match features of one extraction share.
 */
function cachedScore(text: string, cache: Map<string, number>, scorer: ((text: string) => number) | null, lex: CompiledLexicon | null): number {
  let s = cache.get(text);
  if (s === undefined) {
    s = scorer !== null ? scorer(text) : scoreWith(text, lex!).score;
    cache.set(text, s);
  }
  return s;
}

export class GapAcc extends DayListAcc {
  /** Requested statistics, parallel to `out`. */
  readonly stats: ('mean' | 'median' | 'cv' | 'overdue' | 'slowdown')[] = [];
  constructor(mask: Uint8Array, readonly cutoff: number) {
    super();
    this.mask = mask;
  }
  /** Adds an output column for `stat`. */
  want(stat: 'mean' | 'median' | 'cv' | 'overdue' | 'slowdown', col: Float64Array): void {
    this.stats.push(stat);
    this.out.push(col);
  }
  end(r: number): void {
    const out = this.out;
    // Fewer than two distinct days: every statistic is NaN ("fewer than two purchases").
    if (this.n < 2) {
      for (let k = 0; k < out.length; k++) out[k]![r] = NaN;
      return;
    }
    for (let k = 0; k < this.stats.length; k++) out[k]![r] = this.stat(this.stats[k]!);
  }
  stat(stat: 'mean' | 'median' | 'cv' | 'overdue' | 'slowdown'): number {
    const n = this.n;
    const days = this.days;
    const gaps = n - 1;
    if (gaps < 1) return NaN;
    const mean = (days[n - 1]! - days[0]!) / gaps;
    switch (stat) {
      case 'mean':
        return mean;
      case 'overdue':
        return (this.cutoff / DAY_MS - days[n - 1]!) / mean;
      case 'median':
        return this.medianGap(gaps);
      case 'cv': {
        if (gaps < 2) return NaN;
        let m = 0;
        let m2 = 0;
        for (let k = 1; k < n; k++) {
          // Welford (1962) running mean and squared deviations.
          const x = days[k]! - days[k - 1]!;
          const dlt = x - m;
          m += dlt / k;
          m2 += dlt * (x - m);
        }
        return Math.sqrt(m2 / (gaps - 1)) / m;
      }
      case 'slowdown': {
        if (gaps < 2) return NaN;
        const last = days[n - 1]! - days[n - 2]!;
        const before = (days[n - 2]! - days[0]!) / (gaps - 1);
        return last / before;
      }
    }
  }
}

export class AttrShareAcc extends Acc {
  n = 0;
  hit = 0;
  /** codes[k] by row and truthy[k] by code, per attribute. */
  constructor(mask: Uint8Array, readonly b: Bounds, readonly codes: Int32Array[], readonly truthy: Uint8Array[], col: Float64Array) {
    super();
    this.gate = b.lo;
    this.mask = mask;
    this.out = [col];
  }
  begin(): void {
    this.n = 0;
    this.hit = 0;
  }
  add(i: number): void {
    const t = this.at[i]!;
    if (t < this.b.lo || t >= this.b.hi) return;
    this.n++;
    for (let a = 0; a < this.codes.length; a++) {
      const code = this.codes[a]![i]!;
      if (code >= 0 && this.truthy[a]![code] === 1) {
        this.hit++;
        return;
      }
    }
  }
  end(r: number): void {
    this.out[0]![r] = this.n === 0 ? NaN : this.hit / this.n;
  }
}

/** Distinct attribute codes via a stamp per code (no set, no allocation). */
export class DistinctAttrAcc extends Acc {
  n = 0;
  stamp = 0;
  readonly seen: Int32Array;
  /**
   * @param codes - the attribute's code per row (null when the log lacks the attribute)
   * @param present - 1 per code whose value counts (not null, not ''), as for attrShare
   */
  constructor(mask: Uint8Array, readonly b: Bounds, readonly codes: Int32Array | null, readonly present: Uint8Array, col: Float64Array) {
    super();
    this.gate = b.lo;
    this.mask = mask;
    this.out = [col];
    this.seen = new Int32Array(Math.max(1, present.length));
  }
  begin(): void {
    this.n = 0;
    this.stamp++;
  }
  add(i: number): void {
    const t = this.at[i]!;
    if (this.codes === null || t < this.b.lo || t >= this.b.hi) return;
    const code = this.codes[i]!;
    if (code < 0 || this.present[code] === 0 || this.seen[code] === this.stamp) return;
    this.seen[code] = this.stamp;
    this.n++;
  }
  end(r: number): void {
    this.out[0]![r] = this.n;
  }
}

export class FunnelAcc extends Acc {
  lastT = NaN;
  start = NaN;
  hasCart = false;
  hasBuy = false;
  readonly lo: number[] = [];
  readonly hi: number[] = [];
  readonly stats: ('abandoned' | 'cartSessions' | 'abandonRate')[] = [];
  carts = new Float64Array(0);
  abandoned = new Float64Array(0);
  constructor(mask: Uint8Array, readonly cart: Uint8Array, readonly buy: Uint8Array, readonly type: Uint16Array, readonly gapMs: number) {
    super();
    this.mask = mask;
  }
  want(b: Bounds, stat: 'abandoned' | 'cartSessions' | 'abandonRate', col: Float64Array): void {
    this.lo.push(b.lo);
    this.hi.push(b.hi);
    this.stats.push(stat);
    this.out.push(col);
    this.carts = new Float64Array(this.out.length);
    this.abandoned = new Float64Array(this.out.length);
  }
  begin(): void {
    this.lastT = NaN;
    this.start = NaN;
    this.hasCart = false;
    this.hasBuy = false;
    const c = this.carts;
    const a = this.abandoned;
    for (let k = 0; k < c.length; k++) {
      c[k] = 0;
      a[k] = 0;
    }
  }
  close(): void {
    if (!this.hasCart) return;
    const st = this.start;
    for (let k = 0; k < this.lo.length; k++) {
      if (st < this.lo[k]! || st >= this.hi[k]!) continue;
      this.carts[k]!++;
      if (!this.hasBuy) this.abandoned[k]!++;
    }
  }
  add(i: number): void {
    const t = this.at[i]!;
    if (this.lastT !== this.lastT || t - this.lastT > this.gapMs) {
      if (this.lastT === this.lastT) this.close();
      this.start = t;
      this.hasCart = false;
      this.hasBuy = false;
    }
    this.lastT = t;
    const ty = this.type[i]!;
    // Independent tests: one type may play a cart role and purchase (checkout_completed).
    if (this.cart[ty] === 1) this.hasCart = true;
    if (this.buy[ty] === 1) this.hasBuy = true;
  }
  end(r: number): void {
    if (this.lastT === this.lastT) this.close();
    for (let k = 0; k < this.out.length; k++) {
      const c = this.carts[k]!;
      const a = this.abandoned[k]!;
      const st = this.stats[k];
      this.out[k]![r] = st === 'abandoned' ? a : st === 'cartSessions' ? c : c === 0 ? NaN : a / c;
    }
  }
}

export class SentimentAcc extends Acc {
  /** Per output: window, stat, running sum, count and negatives. */
  readonly lo: number[] = [];
  readonly hi: number[] = [];
  readonly isMean: boolean[] = [];
  sum = new Float64Array(0);
  cnt = new Float64Array(0);
  neg = new Float64Array(0);
  minLo = Infinity;
  constructor(
    mask: Uint8Array | null,
    readonly log: EventLog,
    readonly lex: CompiledLexicon | null,
    readonly scorer: ((text: string) => number) | null,
    /** Scores by text, shared by the sentiment features of one extraction. */
    readonly cache: Map<string, number>,
  ) {
    super();
    this.mask = mask;
  }
  want(b: Bounds, stat: 'mean' | 'negativeShare', col: Float64Array): void {
    this.lo.push(b.lo);
    this.hi.push(b.hi);
    this.isMean.push(stat === 'mean');
    this.out.push(col);
    const k = this.out.length;
    this.sum = new Float64Array(k);
    this.cnt = new Float64Array(k);
    this.neg = new Float64Array(k);
    if (b.lo < this.minLo) this.minLo = b.lo;
    this.gate = this.minLo;
  }
  begin(): void {
    const { sum, cnt, neg } = this;
    for (let k = 0; k < sum.length; k++) {
      sum[k] = 0;
      cnt[k] = 0;
      neg[k] = 0;
    }
  }
  add(i: number): void {
    const t = this.at[i]!;
    if (t < this.minLo) return;
    const text = this.log.textAt(i);
    // An empty or blank text is no text (as for textMatch): it does not count as a neutral one.
    if (text === undefined || isBlank(text)) return;
    const s = cachedScore(text, this.cache, this.scorer, this.lex);
    if (!Number.isFinite(s)) return;
    for (let k = 0; k < this.lo.length; k++) {
      if (t < this.lo[k]! || t >= this.hi[k]!) continue;
      this.sum[k]! += s;
      this.cnt[k]!++;
      if (s < 0) this.neg[k]!++;
    }
  }
  end(r: number): void {
    for (let k = 0; k < this.out.length; k++) {
      const n = this.cnt[k]!;
      this.out[k]![r] = n === 0 ? NaN : this.isMean[k] ? this.sum[k]! / n : this.neg[k]! / n;
    }
  }
}

/**
 * The rhythm of active days anchored at the customer's last active day (`activeRhythm` specs):
 * gap growth (mean of the last k gaps ÷ median of the earlier ones) and the change in active days
 * between the two spans that end at the last active day. See `ActiveRhythmSpec`.
 */
export class ActiveRhythmAcc extends DayListAcc {
  /** Per output: 0 gap growth (param = recent gaps), 1 count change (param = span days). */
  readonly kinds: number[] = [];
  readonly params: number[] = [];
  constructor(mask: Uint8Array) {
    super();
    this.mask = mask;
  }
  want(stat: 'gapGrowth' | 'countChange', param: number, col: Float64Array): void {
    this.kinds.push(stat === 'gapGrowth' ? 0 : 1);
    this.params.push(param);
    this.out.push(col);
  }
  end(r: number): void {
    for (let k = 0; k < this.out.length; k++) {
      this.out[k]![r] = this.kinds[k] === 0 ? this.gapGrowth(this.params[k]!) : this.countChange(this.params[k]!);
    }
  }
  gapGrowth(recent: number): number {
    const n = this.n;
    const m = n - 1; // gaps
    if (m < recent + 3) return NaN;
    const d = this.days;
    let tail = 0;
    for (let i = n - recent; i < n; i++) tail += d[i]! - d[i - 1]!;
    tail /= recent;
    return tail / this.medianGap(m - recent);
  }
  countChange(span: number): number {
    const n = this.n;
    if (n === 0) return NaN;
    const d = this.days;
    const last = d[n - 1]!;
    if (last - d[0]! < 2 * span) return NaN;
    let recent = 0;
    let before = 0;
    for (let i = n - 1; i >= 0; i--) {
      const age = last - d[i]!;
      if (age < span) recent++;
      else if (age < 2 * span) before++;
      else break;
    }
    return before === 0 ? NaN : recent / before;
  }
}

/**
 * Texts mentioning any of a list of words (`textMatch` specs), one accumulator per spec: the
 * texts in the window, and those that match (lower-cased substring) and, with `exclude:
 * 'positive'`, do not score above 0.
 */
export class TextMatchAcc extends Acc {
  texts = 0;
  hits = 0;
  readonly lo: number;
  readonly hi: number;
  constructor(
    mask: Uint8Array | null,
    b: Bounds,
    readonly words: readonly string[],
    readonly share: boolean,
    readonly excludePositive: boolean,
    readonly log: EventLog,
    readonly lex: CompiledLexicon | null,
    readonly scorer: ((text: string) => number) | null,
    /** Scores by text, shared with the sentiment features of the extraction. */
    readonly cache: Map<string, number>,
    col: Float64Array,
  ) {
    super();
    this.mask = mask;
    this.lo = b.lo;
    this.hi = b.hi;
    this.gate = b.lo;
    this.out = [col];
  }
  begin(): void {
    this.texts = 0;
    this.hits = 0;
  }
  add(i: number): void {
    const t = this.at[i]!;
    if (t < this.lo || t >= this.hi) return;
    const text = this.log.textAt(i);
    if (text === undefined || isBlank(text)) return;
    this.texts++;
    const lower = text.toLowerCase();
    let hit = false;
    for (let w = 0; w < this.words.length; w++) {
      if (lower.includes(this.words[w]!)) {
        hit = true;
        break;
      }
    }
    if (!hit) return;
    if (this.excludePositive && !(cachedScore(text, this.cache, this.scorer, this.lex) <= 0)) return;
    this.hits++;
  }
  end(r: number): void {
    this.out[0]![r] = this.share ? (this.texts === 0 ? NaN : this.hits / this.texts) : this.hits;
  }
}

/** Feeds the customer's purchases to the shared BTYD stream and writes the requested columns. */
export class BtydAcc extends Acc {
  /** Output columns per statistic (a statistic may be requested more than once, under other names). */
  readonly cols: { x: Float64Array[]; t_x: Float64Array[]; T: Float64Array[] } = { x: [], t_x: [], T: [] };
  constructor(mask: Uint8Array, readonly stream: BtydStream, readonly stats: BtydStats, readonly value: Float64Array) {
    super();
    this.mask = mask;
  }
  begin(): void {
    this.stream.reset();
  }
  add(i: number): void {
    this.stream.add(this.at[i]!, this.value[i]!);
  }
  end(r: number): void {
    const ok = this.stream.finish(this.stats);
    const s = this.stats;
    const { x, t_x, T } = this.cols;
    for (let k = 0; k < x.length; k++) x[k]![r] = ok ? s.x : NaN;
    for (let k = 0; k < t_x.length; k++) t_x[k]![r] = ok ? s.tx : NaN;
    for (let k = 0; k < T.length; k++) T[k]![r] = ok ? s.T : NaN;
  }
}

/**
 * Copies one customer's events into reusable typed buffers for custom features.
 *
 * The slice's `log` is not a view of the walked log but a log of its own, built from the events
 * strictly before the cutoff: a view shares the walked log's columns and dictionaries, so a
 * custom function could read later events' times, types, texts and attribute values through it.
 * `rowMap` and `typeMap` translate the walked log's base rows and type codes into the slice log's.
 */
export class SliceAcc extends Acc {
  time = new Float64Array(64);
  value = new Float64Array(64);
  quantity = new Float64Array(64);
  type = new Uint16Array(64);
  rows = new Int32Array(64);
  n = 0;
  readonly masks = new Map<Role, Uint8Array>();
  readonly rowMap: Int32Array;
  readonly typeMap: Int32Array;
  /**
   * @param walked - the log the engine walks (its base rows and type codes reach `add`)
   * @param log - the events of `walked` strictly before the cutoff, as a log of their own
   * @param cutoff - the cutoff
   */
  constructor(
    readonly walked: EventLog,
    readonly log: EventLog,
    cutoff: number,
  ) {
    super();
    this.typeMap = Int32Array.from(walked.types, (name) => log.typeId(name));
    this.rowMap = new Int32Array(walked.time.length).fill(-1);
    // Both logs keep a customer's events in time order (ties in canonical order), so the j-th event
    // of a customer before the cutoff is the j-th of that customer in the slice log.
    for (let c = 0; c < walked.customerCount; c++) {
      const a = walked.start(c);
      const b = walked.positionAt(c, cutoff);
      if (b <= a) continue;
      const c2 = log.customerIndex(walked.customerId(c));
      const a2 = log.start(c2);
      for (let j = 0; j < b - a; j++) this.rowMap[walked.row(a + j)] = log.row(a2 + j);
    }
  }
  begin(): void {
    this.n = 0;
  }
  add(i: number): void {
    if (this.n === this.time.length) this.grow();
    const k = this.n++;
    const w = this.walked;
    this.time[k] = this.at[i]!;
    this.value[k] = w.value[i]!;
    this.quantity[k] = w.quantity[i]!;
    this.type[k] = this.typeMap[w.type[i]!]!;
    this.rows[k] = this.rowMap[i]!;
  }
  grow(): void {
    const m = this.time.length * 2;
    this.time = grown(this.time, m);
    this.value = grown(this.value, m);
    this.quantity = grown(this.quantity, m);
    this.type = grown(this.type, m);
    this.rows = grown(this.rows, m);
  }
  end(): void {}
  slice(id: string, cutoff: number): CustomerSlice {
    const n = this.n;
    const type = this.type.subarray(0, n);
    const masks = this.masks;
    const log = this.log;
    return {
      customerId: id,
      cutoff,
      length: n,
      time: this.time.subarray(0, n),
      value: this.value.subarray(0, n),
      quantity: this.quantity.subarray(0, n),
      type,
      rows: this.rows.subarray(0, n),
      log,
      is(k: number, role: Role): boolean {
        let m = masks.get(role);
        if (m === undefined) {
          m = log.roleMask(role);
          masks.set(role, m);
        }
        return k >= 0 && k < n && m[type[k]!] === 1;
      },
    };
  }
}

export class CustomAcc extends Acc {
  constructor(readonly spec: CustomFeatureSpec, readonly slices: SliceAcc, readonly state: EngineState, readonly cutoff: number, readonly onBad: (id: string, v: unknown) => never, col: Float64Array) {
    super();
    this.out = [col];
  }
  begin(): void {}
  add(): void {}
  end(r: number): void {
    const v = this.spec.compute(this.slices.slice(this.state.id, this.cutoff));
    if (typeof v !== 'number') this.onBad(this.state.id, v);
    this.out[0]![r] = v;
  }
}
