/**
 * The one-pass loop of {@link extractFeatures}.
 *
 * Simple features (counts, active days, sums and means, recency, ratios) read CHANNELS: one
 * channel per distinct (event types, window) keeps the count, last time, distinct UTC days and a
 * compensated value sum of the events it sees, so `count`, `sum`, `mean`, `recency` and both sides
 * of a `ratio` over the same role and window share one update. Per event type the channels are
 * three flat lists (all channels; those that need days; those that need sums), each sorted by
 * window start so the scan of a list stops at the first window that has not started yet (times
 * only grow within a customer). Survey and campaign-response states and the feature objects
 * (gap statistics, funnel sessions, weekly slope, attribute shares, distinct attributes,
 * sentiment, text matches, active-day rhythm, the BTYD stream, custom-feature slices) have
 * per-type lists of their own, one per class, so every call site is monomorphic. Outputs are written per kind in branch-free loops.
 * Tenure and role-less recency are read from the ends of the slice. No allocation per event or
 * per customer.
 *
 * @internal
 */
import type { EventLog } from '../data/EventLog.js';
import { DAY_MS as DAY_MS_EXPORT } from '../internal/time.js';
import type { Acc, ActiveRhythmAcc, AttrShareAcc, Bounds, BtydAcc, CustomAcc, DistinctAttrAcc, EngineState, FunnelAcc, GapAcc, SentimentAcc, SliceAcc, TextMatchAcc, WeeklySlopeAcc } from './_accumulators.js';
import { neumaierError } from '../internal/neumaier.js';

/** Local copy: a module binding read in a hot loop can compile to a getter call. */
const DAY_MS = DAY_MS_EXPORT;

/**
 * Channel state, allocated per part on first use: [count, last time]; [distinct days, last day];
 * [Neumaier sum, compensation, valued events].
 */
const COUNT_INIT = [0, NaN] as const;
const DAYS_INIT = [0, NaN] as const;
const SUM_INIT = [0, 0, 0] as const;
/** Survey state: last score, previous score, plain sum, count. */
const SURVEY_INIT = [NaN, NaN, 0, 0] as const;
/** Campaign state: time of the last campaign sent, whether it was answered, time of the last response event. */
const CAMPAIGN_INIT = [NaN, 0, NaN] as const;

/** Output kinds of the finish step. */
const K_COPY = 0; // a channel slot as is (count, distinct days)
const K_SUM = 1;
const K_MEAN = 2;
const K_RECENCY = 3;
const K_RATIO = 4;
const K_RECENCY_ANY = 5;
const K_TENURE_ANY = 6;
const K_SURVEY = 7;
const K_CAMPAIGN = 8;
const KINDS = 9;
/** Bits of `Plan.misc`: which survey, campaign and object lists an event type feeds. */
const BIT = { SURVEY: 1, CAMPAIGN: 2, BTYD: 4, GAP: 8, FUNNEL: 16, SLOPE: 32, SHARE: 64, DISTINCT: 128, SENTIMENT: 256, SLICE: 512, TEXT: 1024, RHYTHM: 2048 } as const;
/** Rows per block of the output buffer (a power of two). */
const BLOCK = 256;

/** Per-type lists of one class of feature object. */
interface ObjectLists<T> {
  readonly start: Int32Array;
  readonly list: T[];
  /** Per list entry: events before this time cannot change the object (its `gate`). */
  readonly gate: Float64Array;
  /** Every instance once (begin/end per customer). */
  readonly all: T[];
}

/** Per-type flat list of state bases with window bounds, sorted by window start within a type. */
interface StateLists {
  readonly start: Int32Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly base: Int32Array;
  /** Campaign lists only: 1 when the type is a "sent" type of that campaign. */
  readonly flag: Uint8Array;
  /** Campaign lists only: response window in ms. */
  readonly param: Float64Array;
}

interface Outputs {
  readonly cols: Float64Array[];
  /** Position of each column in a row of the block buffer. */
  readonly j: Int32Array;
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly p: Float64Array;
  readonly q: Float64Array;
}

export interface Plan {
  readonly nt: number;
  readonly init: Float64Array;
  readonly all: StateLists;
  readonly days: StateLists;
  readonly sums: StateLists;
  readonly surveys: StateLists;
  readonly campaigns: StateLists;
  /** Per type: one bit per survey, campaign or object list that is non-empty for it (see `BIT`). */
  readonly misc: Uint16Array;
  /** Per type: 1 when any list is non-empty for it (0: the event changes nothing). */
  readonly act: Uint8Array;
  readonly out: Outputs[];
  /** Every simple output column, by block-buffer position. */
  readonly simple: Float64Array[];
  readonly slopes: ObjectLists<WeeklySlopeAcc>;
  readonly gaps: ObjectLists<GapAcc>;
  readonly shares: ObjectLists<AttrShareAcc>;
  readonly distincts: ObjectLists<DistinctAttrAcc>;
  readonly funnels: ObjectLists<FunnelAcc>;
  readonly sentiments: ObjectLists<SentimentAcc>;
  readonly texts: ObjectLists<TextMatchAcc>;
  readonly rhythms: ObjectLists<ActiveRhythmAcc>;
  readonly slices: ObjectLists<SliceAcc>;
  readonly btyds: ObjectLists<BtydAcc>;
  readonly customs: readonly CustomAcc[];
  /**
   * True when the plan reads channels only (counts, distinct days, sums, recency, tenure, ratios:
   * no survey, campaign, feature object or custom feature): {@link runEngine} then runs the
   * lean `runChannels` kernel.
   */
  readonly channelsOnly: boolean;
  /**
   * Set when the plan is channels-only and every channel reads all history before the cutoff
   * (no window, no distinct days): per channel its role mask and the state bases of its count
   * part and sum part (−1 when not requested). {@link runEngine} then runs `runPlain`, one tight
   * loop over the role mask per channel and customer, with no dispatch per event.
   */
  readonly plain: PlainChannels | null;
}

/** The channels of a plain plan (see `Plan.plain`). */
export interface PlainChannels {
  readonly masks: readonly Uint8Array[];
  readonly count: Int32Array;
  readonly sum: Int32Array;
}

interface Entry {
  mask: Uint8Array;
  lo: number;
  hi: number;
  base: number;
  flag?: Uint8Array;
  param?: number;
}

interface Channel {
  mask: Uint8Array;
  lo: number;
  hi: number;
  /** State bases of the count, days and sum parts, −1 until requested. */
  count: number;
  days: number;
  sum: number;
}

function maskKey(mask: Uint8Array): string {
  let s = '';
  for (let k = 0; k < mask.length; k++) if (mask[k] === 1) s += `${k},`;
  return s;
}

function stateLists(nt: number, entries: readonly Entry[]): StateLists {
  const start = new Int32Array(nt + 1);
  const order: number[] = [];
  for (let ty = 0; ty < nt; ty++) {
    start[ty] = order.length;
    const list: number[] = [];
    entries.forEach((e, j) => {
      if (e.mask[ty] === 1) list.push(j);
    });
    list.sort((x, y) => entries[x]!.lo - entries[y]!.lo || x - y);
    order.push(...list);
  }
  start[nt] = order.length;
  const typeOf: number[] = [];
  for (let ty = 0; ty < nt; ty++) for (let p = start[ty]!; p < start[ty + 1]!; p++) typeOf[p] = ty;
  return {
    start,
    lo: Float64Array.from(order, (j) => entries[j]!.lo),
    hi: Float64Array.from(order, (j) => entries[j]!.hi),
    base: Int32Array.from(order, (j) => entries[j]!.base),
    flag: Uint8Array.from(order, (j, p) => entries[j]!.flag?.[typeOf[p]!] ?? 0),
    param: Float64Array.from(order, (j) => entries[j]!.param ?? 0),
  };
}

function objectLists<T extends { mask: Uint8Array | null; gate: number }>(nt: number, all: T[]): ObjectLists<T> {
  const start = new Int32Array(nt + 1);
  const list: T[] = [];
  for (let ty = 0; ty < nt; ty++) {
    start[ty] = list.length;
    for (const o of all) if (o.mask === null || o.mask[ty] === 1) list.push(o);
  }
  start[nt] = list.length;
  return { start, list, gate: Float64Array.from(list, (o) => o.gate), all };
}

/** Collects channels, states, outputs and objects while {@link extractFeatures} compiles specs. */
export class PlanBuilder {
  readonly init: number[] = [];
  readonly channels: Channel[] = [];
  private readonly channelKeys = new Map<string, Channel>();
  readonly surveys: Entry[] = [];
  private readonly surveyKeys = new Map<string, Entry>();
  readonly campaigns: Entry[] = [];
  readonly out: { cols: Float64Array[]; j: number[]; a: number[]; b: number[]; p: number[]; q: number[] }[] = [];
  readonly simple: Float64Array[] = [];
  readonly slopes: WeeklySlopeAcc[] = [];
  readonly gaps: GapAcc[] = [];
  readonly shares: AttrShareAcc[] = [];
  readonly distincts: DistinctAttrAcc[] = [];
  readonly funnels: FunnelAcc[] = [];
  readonly sentiments: SentimentAcc[] = [];
  readonly texts: TextMatchAcc[] = [];
  readonly rhythms: ActiveRhythmAcc[] = [];
  readonly slices: SliceAcc[] = [];
  readonly btyds: BtydAcc[] = [];
  readonly customs: CustomAcc[] = [];

  constructor(readonly nt: number) {
    for (let k = 0; k < KINDS; k++) this.out.push({ cols: [], j: [], a: [], b: [], p: [], q: [] });
  }

  private slots(init: readonly number[]): number {
    const base = this.init.length;
    this.init.push(...init);
    return base;
  }

  /** The state base of one part of the channel over `mask` and window `b`, created on first use. */
  channel(mask: Uint8Array, b: Bounds, need: 'count' | 'days' | 'sum'): number {
    const key = `${maskKey(mask)}|${b.lo}|${b.hi}`;
    let ch = this.channelKeys.get(key);
    if (ch === undefined) {
      ch = { mask, lo: b.lo, hi: b.hi, count: -1, days: -1, sum: -1 };
      this.channelKeys.set(key, ch);
      this.channels.push(ch);
    }
    if (ch[need] < 0) ch[need] = this.slots(need === 'count' ? COUNT_INIT : need === 'days' ? DAYS_INIT : SUM_INIT);
    return ch[need];
  }

  private output(kind: number, col: Float64Array, a: number, b = 0, p = 0, q = 0): void {
    const o = this.out[kind]!;
    o.cols.push(col);
    o.j.push(this.simple.length);
    this.simple.push(col);
    o.a.push(a);
    o.b.push(b);
    o.p.push(p);
    o.q.push(q);
  }

  count(mask: Uint8Array, b: Bounds, col: Float64Array): void {
    this.output(K_COPY, col, this.channel(mask, b, 'count'));
  }

  activeDays(mask: Uint8Array, b: Bounds, col: Float64Array): void {
    this.output(K_COPY, col, this.channel(mask, b, 'days'));
  }

  sum(mask: Uint8Array, b: Bounds, mean: boolean, col: Float64Array): void {
    this.output(mean ? K_MEAN : K_SUM, col, this.channel(mask, b, 'sum'));
  }

  /** Days from the last event of `mask` before the cutoff (no window). */
  recency(mask: Uint8Array, cutoff: number, col: Float64Array): void {
    this.output(K_RECENCY, col, this.channel(mask, { lo: -Infinity, hi: cutoff }, 'count'));
  }

  recencyAny(col: Float64Array): void {
    this.output(K_RECENCY_ANY, col, 0);
  }

  tenureAny(col: Float64Array): void {
    this.output(K_TENURE_ANY, col, 0);
  }

  /** Numerator ÷ denominator, each a count or a value sum of its own channel. */
  ratio(num: Uint8Array, nb: Bounds, numSum: boolean, den: Uint8Array, db: Bounds, denSum: boolean, col: Float64Array): void {
    const a = this.channel(num, nb, numSum ? 'sum' : 'count');
    const b = this.channel(den, db, denSum ? 'sum' : 'count');
    this.output(K_RATIO, col, a, b, numSum ? 1 : 0, denSum ? 1 : 0);
  }

  /** Survey statistic 0 last, 1 mean, 2 change, 3 detractor (score ≤ threshold). */
  survey(mask: Uint8Array, stat: number, threshold: number, cutoff: number, col: Float64Array): void {
    const key = maskKey(mask);
    let e = this.surveyKeys.get(key);
    if (e === undefined) {
      e = { mask, lo: -Infinity, hi: cutoff, base: this.slots(SURVEY_INIT) };
      this.surveyKeys.set(key, e);
      this.surveys.push(e);
    }
    this.output(K_SURVEY, col, e.base, 0, stat, threshold);
  }

  /** Whether the last campaign sent (types in `sent`) was followed within `responseMs` by an event of `mask`. */
  campaign(mask: Uint8Array, sent: Uint8Array, responseMs: number, cutoff: number, col: Float64Array): void {
    const e: Entry = { mask, lo: -Infinity, hi: cutoff, base: this.slots(CAMPAIGN_INIT), flag: sent, param: responseMs };
    this.campaigns.push(e);
    this.output(K_CAMPAIGN, col, e.base);
  }

  private part(p: 'count' | 'days' | 'sum'): Entry[] {
    return this.channels.filter((c) => c[p] >= 0).map((c) => ({ mask: c.mask, lo: c.lo, hi: c.hi, base: c[p] }));
  }

  /** The compiled plan; `cutoff` decides whether the plain kernel applies (see `Plan.plain`). */
  finish(cutoff: number): Plan {
    const nt = this.nt;
    const misc = new Uint16Array(nt);
    const act = new Uint8Array(nt);
    const lists = {
      slopes: objectLists(nt, this.slopes),
      gaps: objectLists(nt, this.gaps),
      shares: objectLists(nt, this.shares),
      distincts: objectLists(nt, this.distincts),
      funnels: objectLists(nt, this.funnels),
      sentiments: objectLists(nt, this.sentiments),
      texts: objectLists(nt, this.texts),
      rhythms: objectLists(nt, this.rhythms),
      slices: objectLists(nt, this.slices),
      btyds: objectLists(nt, this.btyds),
    };
    const surveys = stateLists(nt, this.surveys);
    const campaigns = stateLists(nt, this.campaigns);
    const bits: [number, { start: Int32Array }][] = [
      [BIT.SURVEY, surveys], [BIT.CAMPAIGN, campaigns], [BIT.BTYD, lists.btyds], [BIT.GAP, lists.gaps], [BIT.FUNNEL, lists.funnels],
      [BIT.SLOPE, lists.slopes], [BIT.SHARE, lists.shares], [BIT.DISTINCT, lists.distincts], [BIT.SENTIMENT, lists.sentiments], [BIT.SLICE, lists.slices],
      [BIT.TEXT, lists.texts], [BIT.RHYTHM, lists.rhythms],
    ];
    for (let ty = 0; ty < nt; ty++) for (const [bit, l] of bits) if (l.start[ty + 1]! > l.start[ty]!) misc[ty]! |= bit;
    const all = stateLists(nt, this.part('count'));
    const days = stateLists(nt, this.part('days'));
    const sums = stateLists(nt, this.part('sum'));
    for (let ty = 0; ty < nt; ty++) {
      const any = misc[ty] !== 0 || all.start[ty + 1]! > all.start[ty]! || days.start[ty + 1]! > days.start[ty]! || sums.start[ty + 1]! > sums.start[ty]!;
      act[ty] = any ? 1 : 0;
    }
    const objects = [lists.slopes, lists.gaps, lists.shares, lists.distincts, lists.funnels, lists.sentiments, lists.texts, lists.rhythms, lists.slices, lists.btyds];
    const channelsOnly =
      this.surveys.length === 0 && this.campaigns.length === 0 && this.customs.length === 0 && objects.every((l) => l.all.length === 0);
    const plain: PlainChannels | null =
      channelsOnly && this.channels.every((ch) => ch.lo === -Infinity && ch.hi === cutoff && ch.days < 0)
        ? { masks: this.channels.map((ch) => ch.mask), count: Int32Array.from(this.channels, (ch) => ch.count), sum: Int32Array.from(this.channels, (ch) => ch.sum) }
        : null;
    return {
      nt,
      channelsOnly,
      plain,
      init: Float64Array.from(this.init),
      all,
      days,
      sums,
      act,
      surveys,
      campaigns,
      misc,
      simple: this.simple,
      out: this.out.map((o) => ({ cols: o.cols, j: Int32Array.from(o.j), a: Int32Array.from(o.a), b: Int32Array.from(o.b), p: Float64Array.from(o.p), q: Float64Array.from(o.q) })),
      ...lists,
      customs: this.customs,
    };
  }
}

/**
 * Walks each row's customer's events before the cutoff once, updating every channel, state and
 * object interested in the event's type, then writes row `r` of every output column.
 * `index[r]` is the log's customer index of row r, or −1 for a listed customer absent from the log.
 */
export function runEngine(L: EventLog, cutoff: number, index: Int32Array, ids: readonly string[], state: EngineState, P: Plan): void {
  if (P.plain !== null) {
    runPlain(L, cutoff, index, P, P.plain);
    return;
  }
  if (P.channelsOnly) {
    runChannels(L, cutoff, index, P);
    return;
  }
  const { time, type, value, rows, offsets } = L;
  const { init, misc, act } = P;
  const { start: aS, lo: aLo, hi: aHi, base: aB } = P.all;
  const { start: dS, lo: dLo, hi: dHi, base: dB } = P.days;
  const { start: sS, lo: sLo, hi: sHi, base: sB } = P.sums;
  const { start: vS, base: vB } = P.surveys;
  const { start: mS, base: mB, flag: mSent, param: mResp } = P.campaigns;
  const { start: slS, list: slL, gate: slG, all: slA } = P.slopes;
  const { start: gS, list: gL, all: gA } = P.gaps;
  const { start: shS, list: shL, gate: shG, all: shA } = P.shares;
  const { start: diS, list: diL, gate: diG, all: diA } = P.distincts;
  const { start: fS, list: fL, all: fA } = P.funnels;
  const { start: seS, list: seL, gate: seG, all: seA } = P.sentiments;
  const { start: txS, list: txL, gate: txG, all: txA } = P.texts;
  const { start: rhS, list: rhL, all: rhA } = P.rhythms;
  const { start: cS, list: cL, all: cA } = P.slices;
  const { start: bS, list: bL, all: bA } = P.btyds;
  const customs = P.customs;
  // Accumulators read an event's time from the log by its row (see Acc.at).
  for (const list of [slA, gA, shA, diA, fA, seA, txA, rhA, cA, bA, customs] as readonly (readonly Acc[])[]) for (const a of list) a.at = time;
  const S = new Float64Array(Math.max(1, init.length));
  const nInit = init.length;
  const n = index.length;
  const oCopy = P.out[K_COPY]!;
  const oSum = P.out[K_SUM]!;
  const oMean = P.out[K_MEAN]!;
  const oRec = P.out[K_RECENCY]!;
  const oRatio = P.out[K_RATIO]!;
  const oRecAny = P.out[K_RECENCY_ANY]!;
  const oTenAny = P.out[K_TENURE_ANY]!;
  const simple = P.simple;
  const nSimple = simple.length;
  const R = new Float64Array(Math.max(1, BLOCK * nSimple));
  const oSurvey = P.out[K_SURVEY]!;
  const oCamp = P.out[K_CAMPAIGN]!;
  for (let r = 0; r < n; r++) {
    const c = index[r]!;
    state.c = c;
    state.id = ids[r]!;
    // A plain loop for short states (a builtin call per customer costs more than the copy), one
    // memcpy for long ones (the full catalogue's 68 slots).
    if (nInit > 32) S.set(init);
    else for (let q = 0; q < nInit; q++) S[q] = init[q]!;
    for (let o = 0; o < slA.length; o++) slA[o]!.begin();
    for (let o = 0; o < gA.length; o++) gA[o]!.begin();
    for (let o = 0; o < shA.length; o++) shA[o]!.begin();
    for (let o = 0; o < diA.length; o++) diA[o]!.begin();
    for (let o = 0; o < fA.length; o++) fA[o]!.begin();
    for (let o = 0; o < seA.length; o++) seA[o]!.begin();
    for (let o = 0; o < txA.length; o++) txA[o]!.begin();
    for (let o = 0; o < rhA.length; o++) rhA[o]!.begin();
    for (let o = 0; o < cA.length; o++) cA[o]!.begin();
    for (let o = 0; o < bA.length; o++) bA[o]!.begin();
    let firstT = NaN;
    let lastT = NaN;
    if (c >= 0) {
      const first = offsets[c]!;
      const stop = offsets[c + 1]!;
      let k = first;
      for (; k < stop; k++) {
        const i = rows === null ? k : rows[k]!;
        const t = time[i]!;
        if (t >= cutoff) break;
        const ty = type[i]!;
        if (act[ty] === 0) continue;
        // Every channel: count and last time. Lists are sorted by window start.
        for (let p = aS[ty]!, pe = aS[ty + 1]!; p < pe; p++) {
          if (aLo[p]! > t) break;
          if (t < aHi[p]!) {
            const b = aB[p]!;
            S[b]!++;
            S[b + 1] = t;
          }
        }
        let p = dS[ty]!;
        let pe = dS[ty + 1]!;
        if (p < pe && dLo[p]! <= t) {
          const d = Math.floor(t / DAY_MS);
          for (; p < pe; p++) {
            if (dLo[p]! > t) break;
            if (t < dHi[p]!) {
              const b = dB[p]!;
              if (d !== S[b + 1]) {
                S[b]!++;
                S[b + 1] = d;
              }
            }
          }
        }
        p = sS[ty]!;
        pe = sS[ty + 1]!;
        if (p < pe) {
          const v = value[i]!;
          if (v === v) {
            for (; p < pe; p++) {
              if (sLo[p]! > t) break;
              if (t < sHi[p]!) {
                // Neumaier (1974) compensated summation.
                const b = sB[p]!;
                const s0 = S[b]!;
                const s = s0 + v;
                S[b + 1]! += neumaierError(s0, v, s);
                S[b] = s;
                S[b + 2]!++;
              }
            }
          }
        }
        const km = misc[ty]!;
        if (km !== 0) {
          if ((km & BIT.SURVEY) !== 0) {
            const v = value[i]!;
            if (v === v) {
              for (let q = vS[ty]!, qe = vS[ty + 1]!; q < qe; q++) {
                const b = vB[q]!;
                S[b + 1] = S[b]!;
                S[b] = v;
                S[b + 2]! += v;
                S[b + 3]!++;
              }
            }
          }
          if ((km & BIT.CAMPAIGN) !== 0) {
            for (let q = mS[ty]!, qe = mS[ty + 1]!; q < qe; q++) {
              const b = mB[q]!;
              if (mSent[q] === 1) {
                // A response at the same instant as the send answers it, whichever of the two the
                // log orders first (simultaneous events are in type-name order: opened < sent).
                S[b] = t;
                S[b + 1] = S[b + 2] === t ? 1 : 0;
              } else {
                if (t - S[b]! <= mResp[q]!) S[b + 1] = 1;
                S[b + 2] = t;
              }
            }
          }
          if ((km & BIT.BTYD) !== 0) for (let q = bS[ty]!, qe = bS[ty + 1]!; q < qe; q++) bL[q]!.add(i);
          if ((km & BIT.GAP) !== 0) for (let q = gS[ty]!, qe = gS[ty + 1]!; q < qe; q++) gL[q]!.add(i);
          if ((km & BIT.FUNNEL) !== 0) for (let q = fS[ty]!, qe = fS[ty + 1]!; q < qe; q++) fL[q]!.add(i);
          if ((km & BIT.SLOPE) !== 0) for (let q = slS[ty]!, qe = slS[ty + 1]!; q < qe; q++) if (t >= slG[q]!) slL[q]!.add(i);
          if ((km & BIT.SHARE) !== 0) for (let q = shS[ty]!, qe = shS[ty + 1]!; q < qe; q++) if (t >= shG[q]!) shL[q]!.add(i);
          if ((km & BIT.DISTINCT) !== 0) for (let q = diS[ty]!, qe = diS[ty + 1]!; q < qe; q++) if (t >= diG[q]!) diL[q]!.add(i);
          if ((km & BIT.SENTIMENT) !== 0) for (let q = seS[ty]!, qe = seS[ty + 1]!; q < qe; q++) if (t >= seG[q]!) seL[q]!.add(i);
          if ((km & BIT.SLICE) !== 0) for (let q = cS[ty]!, qe = cS[ty + 1]!; q < qe; q++) cL[q]!.add(i);
          if ((km & BIT.TEXT) !== 0) for (let q = txS[ty]!, qe = txS[ty + 1]!; q < qe; q++) if (t >= txG[q]!) txL[q]!.add(i);
          if ((km & BIT.RHYTHM) !== 0) for (let q = rhS[ty]!, qe = rhS[ty + 1]!; q < qe; q++) rhL[q]!.add(i);
        }
      }
      if (k > first) {
        firstT = time[rows === null ? first : rows[first]!]!;
        lastT = time[rows === null ? k - 1 : rows[k - 1]!]!;
      }
    }
    // Simple outputs, one branch-free loop per kind, into row `r % BLOCK` of the block buffer
    // (flushed column by column: a few long sequential runs instead of one write per column per row).
    const w = (r & (BLOCK - 1)) * nSimple;
    {
      const { j, a } = oCopy;
      for (let q = 0; q < j.length; q++) R[w + j[q]!] = S[a[q]!]!;
    }
    {
      const { j, a } = oSum;
      for (let q = 0; q < j.length; q++) {
        const b = a[q]!;
        R[w + j[q]!] = S[b]! + S[b + 1]!;
      }
    }
    {
      const { j, a } = oMean;
      for (let q = 0; q < j.length; q++) {
        const b = a[q]!;
        const m = S[b + 2]!;
        R[w + j[q]!] = m === 0 ? NaN : (S[b]! + S[b + 1]!) / m;
      }
    }
    {
      const { j, a } = oRec;
      for (let q = 0; q < j.length; q++) R[w + j[q]!] = (cutoff - S[a[q]! + 1]!) / DAY_MS;
    }
    {
      const { j, a, b, p, q: qq } = oRatio;
      for (let q = 0; q < j.length; q++) {
        const na = a[q]!;
        const da = b[q]!;
        const num = p[q] === 1 ? S[na]! + S[na + 1]! : S[na]!;
        const den = qq[q] === 1 ? S[da]! + S[da + 1]! : S[da]!;
        R[w + j[q]!] = den === 0 ? NaN : num / den;
      }
    }
    {
      const j = oRecAny.j;
      for (let q = 0; q < j.length; q++) R[w + j[q]!] = (cutoff - lastT) / DAY_MS;
    }
    {
      const j = oTenAny.j;
      for (let q = 0; q < j.length; q++) R[w + j[q]!] = (cutoff - firstT) / DAY_MS;
    }
    {
      const { j, a, p, q: th } = oSurvey;
      for (let q = 0; q < j.length; q++) {
        const b = a[q]!;
        const stat = p[q]!;
        const last = S[b]!;
        const cnt = S[b + 3]!;
        R[w + j[q]!] = stat === 0 ? last : stat === 1 ? (cnt === 0 ? NaN : S[b + 2]! / cnt) : stat === 2 ? last - S[b + 1]! : cnt === 0 ? NaN : last <= th[q]! ? 1 : 0;
      }
    }
    {
      const { j, a } = oCamp;
      for (let q = 0; q < j.length; q++) {
        const b = a[q]!;
        R[w + j[q]!] = S[b] !== S[b] ? NaN : S[b + 1]!;
      }
    }
    if ((r & (BLOCK - 1)) === BLOCK - 1 || r === n - 1) {
      const r0 = r - (r & (BLOCK - 1));
      const m = r - r0 + 1;
      for (let q = 0; q < nSimple; q++) {
        const col = simple[q]!;
        for (let x = 0, y = q; x < m; x++, y += nSimple) col[r0 + x] = R[y]!;
      }
    }
    for (let o = 0; o < bA.length; o++) bA[o]!.end(r);
    for (let o = 0; o < slA.length; o++) slA[o]!.end(r);
    for (let o = 0; o < gA.length; o++) gA[o]!.end(r);
    for (let o = 0; o < shA.length; o++) shA[o]!.end(r);
    for (let o = 0; o < diA.length; o++) diA[o]!.end(r);
    for (let o = 0; o < fA.length; o++) fA[o]!.end(r);
    for (let o = 0; o < seA.length; o++) seA[o]!.end(r);
    for (let o = 0; o < txA.length; o++) txA[o]!.end(r);
    for (let o = 0; o < rhA.length; o++) rhA[o]!.end(r);
    for (let o = 0; o < customs.length; o++) customs[o]!.end(r);
  }
}

/**
 * The kernel of a channels-only plan (see `Plan.channelsOnly`; RFM is one): the same channel
 * updates as {@link runEngine}, in the same event order (so every column has the same bits), in a
 * small function whose hot loop keeps its state in registers — no object lists to begin and end,
 * no per-type bit mask, no block buffer: each row's outputs go straight into their columns (a
 * handful of sequential streams when the columns are few).
 *
 * The channel-update loop is written out here and in {@link runEngine} on purpose: one shared
 * per-event update (a class method or a closure over the lists, called from both loops) measured
 * 15–40% slower on a windowed channels-only plan (2M events, 200k customers, same bits; review
 * A/B in one process, 2026-11-24), and this kernel is itself 10–15% faster than the general loop
 * on such plans. Change the two copies together; `test/features/speedKernels.test.ts` holds
 * them to the same bits.
 */
function runChannels(L: EventLog, cutoff: number, index: Int32Array, P: Plan): void {
  const { time, type, value, rows, offsets } = L;
  const init = P.init;
  const { start: aS, lo: aLo, hi: aHi, base: aB } = P.all;
  const { start: dS, lo: dLo, hi: dHi, base: dB } = P.days;
  const { start: sS, lo: sLo, hi: sHi, base: sB } = P.sums;
  // Two slots past the channel state hold the slice's first and last times for the writer.
  const S = new Float64Array(init.length + 2);
  const nInit = init.length;
  const n = index.length;
  const w = new ChannelWriter(P, cutoff);
  for (let r = 0; r < n; r++) {
    const c = index[r]!;
    if (nInit > 32) S.set(init);
    else for (let q = 0; q < nInit; q++) S[q] = init[q]!;
    let firstT = NaN;
    let lastT = NaN;
    if (c >= 0) {
      const first = offsets[c]!;
      const stop = offsets[c + 1]!;
      let k = first;
      for (; k < stop; k++) {
        const i = rows === null ? k : rows[k]!;
        const t = time[i]!;
        if (t >= cutoff) break;
        const ty = type[i]!;
        // Count and last time; lists sorted by window start, as in runEngine.
        for (let p = aS[ty]!, pe = aS[ty + 1]!; p < pe; p++) {
          if (aLo[p]! > t) break;
          if (t < aHi[p]!) {
            const b = aB[p]!;
            S[b]!++;
            S[b + 1] = t;
          }
        }
        let p = dS[ty]!;
        let pe = dS[ty + 1]!;
        if (p < pe && dLo[p]! <= t) {
          const d = Math.floor(t / DAY_MS);
          for (; p < pe; p++) {
            if (dLo[p]! > t) break;
            if (t < dHi[p]!) {
              const b = dB[p]!;
              if (d !== S[b + 1]) {
                S[b]!++;
                S[b + 1] = d;
              }
            }
          }
        }
        p = sS[ty]!;
        pe = sS[ty + 1]!;
        if (p < pe) {
          const v = value[i]!;
          if (v === v) {
            for (; p < pe; p++) {
              if (sLo[p]! > t) break;
              if (t < sHi[p]!) {
                // Neumaier (1974) compensated summation, as in runEngine.
                const b = sB[p]!;
                const s0 = S[b]!;
                const s = s0 + v;
                S[b + 1]! += neumaierError(s0, v, s);
                S[b] = s;
                S[b + 2]!++;
              }
            }
          }
        }
      }
      if (k > first) {
        firstT = time[rows === null ? first : rows[first]!]!;
        lastT = time[rows === null ? k - 1 : rows[k - 1]!]!;
      }
    }
    S[nInit] = firstT;
    S[nInit + 1] = lastT;
    w.write(S, r);
  }
}

/**
 * Writes row `r` of every channel output column (count, distinct days, sum, mean, recency, ratio,
 * role-less recency and tenure) straight into its column, from the channel state `S` and the
 * times of the customer's first and last events before the cutoff. One instance per run, so the
 * per-row call is monomorphic and inlined.
 */
class ChannelWriter {
  readonly cCopy: Float64Array[];
  readonly aCopy: Int32Array;
  readonly cSum: Float64Array[];
  readonly aSum: Int32Array;
  readonly cMean: Float64Array[];
  readonly aMean: Int32Array;
  readonly cRec: Float64Array[];
  readonly aRec: Int32Array;
  readonly cRatio: Float64Array[];
  readonly aNum: Int32Array;
  readonly aDen: Int32Array;
  readonly pNum: Float64Array;
  readonly pDen: Float64Array;
  readonly cRecAny: Float64Array[];
  readonly cTenAny: Float64Array[];
  constructor(P: Plan, readonly cutoff: number) {
    ({ cols: this.cCopy, a: this.aCopy } = P.out[K_COPY]!);
    ({ cols: this.cSum, a: this.aSum } = P.out[K_SUM]!);
    ({ cols: this.cMean, a: this.aMean } = P.out[K_MEAN]!);
    ({ cols: this.cRec, a: this.aRec } = P.out[K_RECENCY]!);
    ({ cols: this.cRatio, a: this.aNum, b: this.aDen, p: this.pNum, q: this.pDen } = P.out[K_RATIO]!);
    this.cRecAny = P.out[K_RECENCY_ANY]!.cols;
    this.cTenAny = P.out[K_TENURE_ANY]!.cols;
    this.tFirst = P.init.length;
  }
  /** Slot of S holding the first event time before the cutoff (the last is the next one). */
  readonly tFirst: number;
  write(S: Float64Array, r: number): void {
    // The two times travel in S, not as arguments: a double argument to a call V8 does not
    // inline is boxed, one heap number per customer per time (32 MB of young garbage per
    // million customers).
    const firstT = S[this.tFirst]!;
    const lastT = S[this.tFirst + 1]!;
    const { cCopy, aCopy, cSum, aSum, cMean, aMean, cRec, aRec, cRatio, aNum, aDen, pNum, pDen, cRecAny, cTenAny, cutoff } = this;
    for (let q = 0; q < cCopy.length; q++) cCopy[q]![r] = S[aCopy[q]!]!;
    for (let q = 0; q < cSum.length; q++) {
      const b = aSum[q]!;
      cSum[q]![r] = S[b]! + S[b + 1]!;
    }
    for (let q = 0; q < cMean.length; q++) {
      const b = aMean[q]!;
      const m = S[b + 2]!;
      cMean[q]![r] = m === 0 ? NaN : (S[b]! + S[b + 1]!) / m;
    }
    for (let q = 0; q < cRec.length; q++) cRec[q]![r] = (cutoff - S[aRec[q]! + 1]!) / DAY_MS;
    for (let q = 0; q < cRatio.length; q++) {
      const na = aNum[q]!;
      const da = aDen[q]!;
      const num = pNum[q] === 1 ? S[na]! + S[na + 1]! : S[na]!;
      const den = pDen[q] === 1 ? S[da]! + S[da + 1]! : S[da]!;
      cRatio[q]![r] = den === 0 ? NaN : num / den;
    }
    for (let q = 0; q < cRecAny.length; q++) cRecAny[q]![r] = (cutoff - lastT) / DAY_MS;
    for (let q = 0; q < cTenAny.length; q++) cTenAny[q]![r] = (cutoff - firstT) / DAY_MS;
  }
}

/**
 * The kernel of a plain plan (see `Plan.plain`): RFM over all history. Per customer the events
 * at or after the cutoff are trimmed from the end (one time read when there are none), then each
 * channel walks the customer's events once with a plain mask test — count, position of the last
 * match, Neumaier sum and valued count when a sum is requested — in the same order as
 * {@link runEngine}, so every column has the same bits. Times are read only at the slice ends and
 * at the last match of each channel.
 */
function runPlain(L: EventLog, cutoff: number, index: Int32Array, P: Plan, plain: PlainChannels): void {
  const { time, type, value, rows, offsets } = L;
  const { masks, count, sum } = plain;
  const K = masks.length;
  // Two slots past the channel state hold the slice's first and last times for the writer.
  const nInit = P.init.length;
  const S = new Float64Array(nInit + 2);
  const n = index.length;
  const w = new ChannelWriter(P, cutoff);
  for (let r = 0; r < n; r++) {
    const c = index[r]!;
    let first = 0;
    let stop = 0;
    if (c >= 0) {
      first = offsets[c]!;
      stop = offsets[c + 1]!;
      while (stop > first && time[rows === null ? stop - 1 : rows[stop - 1]!]! >= cutoff) stop--;
    }
    for (let ch = 0; ch < K; ch++) {
      const mask = masks[ch]!;
      const cb = count[ch]!;
      const sb = sum[ch]!;
      let cnt = 0;
      let lastK = -1;
      let s = 0;
      let comp = 0;
      let nv = 0;
      if (sb < 0) {
        for (let k = first; k < stop; k++) {
          if (mask[type[rows === null ? k : rows[k]!]!] === 1) {
            cnt++;
            lastK = k;
          }
        }
      } else {
        for (let k = first; k < stop; k++) {
          const i = rows === null ? k : rows[k]!;
          if (mask[type[i]!] === 1) {
            cnt++;
            lastK = k;
            const v = value[i]!;
            if (v === v) {
              // Neumaier (1974) compensated summation, as in runEngine.
              const s0 = s;
              s = s0 + v;
              comp += neumaierError(s0, v, s);
              nv++;
            }
          }
        }
      }
      if (cb >= 0) {
        S[cb] = cnt;
        S[cb + 1] = lastK < 0 ? NaN : time[rows === null ? lastK : rows[lastK]!]!;
      }
      if (sb >= 0) {
        S[sb] = s;
        S[sb + 1] = comp;
        S[sb + 2] = nv;
      }
    }
    S[nInit] = stop > first ? time[rows === null ? first : rows[first]!]! : NaN;
    S[nInit + 1] = stop > first ? time[rows === null ? stop - 1 : rows[stop - 1]!]! : NaN;
    w.write(S, r);
  }
}
