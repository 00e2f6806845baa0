/**
 * The one-pass loop of {@link extractFeatures}. Simple features (counts, active days, sums and
 * means, recency, ratios, survey scores, campaign response; tenure and role-less recency are read
 * from the ends of the slice) are rows of an op table
 * evaluated by one monomorphic `switch` with all state in a single `Float64Array` that is reset
 * per customer from a template; the other features are objects called through the same dispatch
 * (`OP.OBJECT`). Dispatch is by event type: `disp[dStart[ty] .. dStart[ty + 1])` lists the rows
 * that read type `ty`. No allocation per event or per customer.
 *
 * @internal
 */
import type { EventLog } from '../data/EventLog.js';
import { DAY_MS as DAY_MS_EXPORT } from '../internal/time.js';

/** Local copy: a module binding read in a hot loop can compile to a getter call. */
const DAY_MS = DAY_MS_EXPORT;
import type { Acc, Bounds, EngineState } from './_accumulators.js';

export const OP = {
  COUNT: 1,
  DAYS: 2,
  SUM: 3,
  MEAN: 4,
  RECENCY: 5,
  RATIO: 7,
  SURVEY: 8,
  CAMPAIGN: 9,
  OBJECT: 10,
  /** Time since the last event of any type: read from the slice end, never dispatched. */
  RECENCY_ANY: 11,
  /** Time since the first event: read from the slice start, never dispatched. */
  TENURE_ANY: 12,
} as const;

/** State slots per op and their initial values. */
const INIT: Record<number, readonly number[]> = {
  [OP.COUNT]: [0],
  [OP.DAYS]: [0, NaN],
  [OP.SUM]: [0, 0, 0],
  [OP.MEAN]: [0, 0, 0],
  [OP.RECENCY]: [NaN],
  [OP.RATIO]: [0, 0, 0, 0],
  [OP.SURVEY]: [NaN, NaN, 0, 0],
  [OP.CAMPAIGN]: [NaN, 0],
  [OP.OBJECT]: [],
  [OP.RECENCY_ANY]: [],
  [OP.TENURE_ANY]: [],
};

export interface CompiledOps {
  readonly nt: number;
  readonly op: Int32Array;
  readonly base: Int32Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly lo2: Float64Array;
  readonly hi2: Float64Array;
  readonly p1: Float64Array;
  readonly p2: Float64Array;
  readonly obj: Int32Array;
  readonly aux1: Uint8Array;
  readonly aux2: Uint8Array;
  readonly out: (Float64Array | null)[];
  readonly dStart: Int32Array;
  readonly disp: Int32Array;
  /** Op code, state base and window of the row in each dispatch slot (fewer dependent loads). */
  readonly dOp: Int32Array;
  readonly dBase: Int32Array;
  readonly dLo: Float64Array;
  readonly dHi: Float64Array;
  /** Earliest time row a can use (its window start). */
  readonly gate: Float64Array;
  /** Per type: end of the rows with no window start (always active). */
  readonly ungated: Int32Array;
  readonly init: Float64Array;
}

export function union2(a: Uint8Array, b: Uint8Array): Uint8Array {
  const m = new Uint8Array(a.length);
  for (let k = 0; k < m.length; k++) m[k] = a[k]! | b[k]!;
  return m;
}

export class OpTable {
  readonly op: number[] = [];
  readonly base: number[] = [];
  readonly lo: number[] = [];
  readonly hi: number[] = [];
  readonly lo2: number[] = [];
  readonly hi2: number[] = [];
  readonly p1: number[] = [];
  readonly p2: number[] = [];
  readonly obj: number[] = [];
  readonly masks: Uint8Array[] = [];
  readonly aux1: (Uint8Array | null)[] = [];
  readonly aux2: (Uint8Array | null)[] = [];
  readonly out: (Float64Array | null)[] = [];
  readonly init: number[] = [];

  constructor(readonly nt: number) {}

  /** Adds a row; returns its index. */
  add(op: number, mask: Uint8Array, b: Bounds, out: Float64Array | null, aux1: Uint8Array | null = null, aux2: Uint8Array | null = null): number {
    const a = this.op.length;
    this.op.push(op);
    this.base.push(this.init.length);
    this.init.push(...INIT[op]!);
    this.lo.push(b.lo);
    this.hi.push(b.hi);
    this.lo2.push(-Infinity);
    this.hi2.push(Infinity);
    this.p1.push(0);
    this.p2.push(0);
    this.obj.push(-1);
    this.masks.push(mask);
    this.aux1.push(aux1);
    this.aux2.push(aux2);
    this.out.push(out);
    return a;
  }

  finish(): CompiledOps {
    const nt = this.nt;
    const n = this.op.length;
    const aux1 = new Uint8Array(Math.max(1, n * nt));
    const aux2 = new Uint8Array(Math.max(1, n * nt));
    for (let a = 0; a < n; a++) {
      const m1 = this.aux1[a];
      const m2 = this.aux2[a];
      for (let ty = 0; ty < nt; ty++) {
        if (m1) aux1[a * nt + ty] = m1[ty] ?? 0;
        if (m2) aux2[a * nt + ty] = m2[ty] ?? 0;
      }
    }
    // Per type, rows sorted by the earliest time they can use (gate = window start, the earlier of
    // the two for ratios): for an event at time t only the prefix with gate <= t can change state,
    // and t only grows within a customer, so the engine advances one pointer per type.
    const gate = this.lo.map((l, a) => Math.min(l, this.lo2[a]!));
    const dStart = new Int32Array(nt + 1);
    const ungated = new Int32Array(nt);
    const lists: number[] = [];
    for (let ty = 0; ty < nt; ty++) {
      dStart[ty] = lists.length;
      const list: number[] = [];
      for (let a = 0; a < n; a++) if (this.masks[a]![ty] === 1) list.push(a);
      list.sort((x, y) => gate[x]! - gate[y]! || x - y);
      ungated[ty] = dStart[ty]! + list.filter((a) => gate[a] === -Infinity).length;
      lists.push(...list);
    }
    dStart[nt] = lists.length;
    return {
      nt,
      op: Int32Array.from(this.op),
      base: Int32Array.from(this.base),
      lo: Float64Array.from(this.lo),
      hi: Float64Array.from(this.hi),
      lo2: Float64Array.from(this.lo2),
      hi2: Float64Array.from(this.hi2),
      p1: Float64Array.from(this.p1),
      p2: Float64Array.from(this.p2),
      obj: Int32Array.from(this.obj),
      aux1,
      aux2,
      out: this.out,
      dStart,
      disp: Int32Array.from(lists),
      dOp: Int32Array.from(lists, (a) => this.op[a]!),
      dBase: Int32Array.from(lists, (a) => this.base[a]!),
      dLo: Float64Array.from(lists, (a) => this.lo[a]!),
      dHi: Float64Array.from(lists, (a) => this.hi[a]!),
      gate: Float64Array.from(gate),
      ungated,
      init: Float64Array.from(this.init),
    };
  }
}

/**
 * Runs every row of `T` and every object over each customer's events before the cutoff (`ends[r]` = first position at or after it).
 * Op codes are written as literals in the switches (see {@link OP}) so V8 compiles a jump table.
 */
export function runEngine(L: EventLog, cutoff: number, index: Int32Array, ends: Int32Array, ids: readonly string[], state: EngineState, T: CompiledOps, objs: readonly Acc[]): void {
  const { time, type, value, rows, offsets } = L;
  const { op, base, lo2, hi2, p1, p2, obj, aux1, aux2, dStart, disp, dOp, dBase, dLo, dHi, gate, ungated, nt, init, out } = T;
  const active = new Int32Array(nt); // per type: end of the rows whose window has started
  const S = new Float64Array(Math.max(1, init.length));
  const nOps = op.length;
  const nInit = init.length;
  const no = objs.length;
  const n = index.length;
  for (let r = 0; r < n; r++) {
    const c = index[r]!;
    state.c = c;
    state.id = ids[r]!;
    // Plain loops: the states are short, and a builtin call per customer costs more than the copy.
    for (let q = 0; q < nInit; q++) S[q] = init[q]!;
    for (let q = 0; q < nt; q++) active[q] = ungated[q]!;
    for (let o = 0; o < no; o++) objs[o]!.begin();
    const first = c >= 0 ? offsets[c]! : 0;
    const end = c >= 0 ? ends[r]! : 0;
    if (c >= 0) {
      for (let k = first; k < end; k++) {
        const i = rows === null ? k : rows[k]!;
        const ty = type[i]!;
        const t = time[i]!;
        const last = dStart[ty + 1]!;
        let pe = active[ty]!;
        if (pe < last && gate[disp[pe]!]! <= t) {
          do pe++;
          while (pe < last && gate[disp[pe]!]! <= t);
          active[ty] = pe;
        }
        for (let p = dStart[ty]!; p < pe; p++) {
          const b = dBase[p]!;
          switch (dOp[p]) {
            case 1: // COUNT
              if (t >= dLo[p]! && t < dHi[p]!) S[b]!++;
              break;
            case 2: // DAYS
              if (t >= dLo[p]! && t < dHi[p]!) {
                const d = Math.floor(t / DAY_MS);
                if (d !== S[b + 1]) {
                  S[b]!++;
                  S[b + 1] = d;
                }
              }
              break;
            case 3: // SUM
            case 4: // MEAN
              if (t >= dLo[p]! && t < dHi[p]!) {
                const v = value[i]!;
                if (v === v) {
                  // Neumaier (1974) compensated summation.
                  const s0 = S[b]!;
                  const s = s0 + v;
                  S[b + 1]! += Math.abs(s0) >= Math.abs(v) ? s0 - s + v : v - s + s0;
                  S[b] = s;
                  S[b + 2]!++;
                }
              }
              break;
            case 5: // RECENCY
              S[b] = t;
              break;
            case 7: { // RATIO
              const a = disp[p]!;
              const x = a * nt + ty;
              if (aux1[x] === 1 && t >= dLo[p]! && t < dHi[p]!) {
                const v = p1[a] === 1 ? value[i]! : 1;
                if (v === v) {
                  const s0 = S[b]!;
                  const s = s0 + v;
                  S[b + 1]! += Math.abs(s0) >= Math.abs(v) ? s0 - s + v : v - s + s0;
                  S[b] = s;
                }
              }
              if (aux2[x] === 1 && t >= lo2[a]! && t < hi2[a]!) {
                const v = p2[a] === 1 ? value[i]! : 1;
                if (v === v) {
                  const s0 = S[b + 2]!;
                  const s = s0 + v;
                  S[b + 3]! += Math.abs(s0) >= Math.abs(v) ? s0 - s + v : v - s + s0;
                  S[b + 2] = s;
                }
              }
              break;
            }
            case 8: { // SURVEY
              const v = value[i]!;
              if (v === v) {
                S[b + 1] = S[b]!;
                S[b] = v;
                S[b + 2]! += v;
                S[b + 3]!++;
              }
              break;
            }
            case 9: { // CAMPAIGN
              const a = disp[p]!;
              if (aux1[a * nt + ty] === 1) {
                S[b] = t;
                S[b + 1] = 0;
              } else if (t - S[b]! <= p2[a]!) S[b + 1] = 1;
              break;
            }
            default:
              objs[obj[disp[p]!]!]!.add(i, t);
          }
        }
      }
    }
    for (let a = 0; a < nOps; a++) {
      const col = out[a];
      if (col === null || col === undefined) continue;
      const b = base[a]!;
      let v: number;
      switch (op[a]) {
        case 1: // COUNT
        case 2: // DAYS
          v = S[b]!;
          break;
        case 3: // SUM
          v = S[b]! + S[b + 1]!;
          break;
        case 4: // MEAN
          v = S[b + 2] === 0 ? NaN : (S[b]! + S[b + 1]!) / S[b + 2]!;
          break;
        case 5: // RECENCY
          v = (cutoff - S[b]!) / DAY_MS;
          break;
        case 7: { // RATIO
          const d = S[b + 2]! + S[b + 3]!;
          v = d === 0 ? NaN : (S[b]! + S[b + 1]!) / d;
          break;
        }
        case 8: { // SURVEY
          const stat = p1[a]!;
          const last = S[b]!;
          const cnt = S[b + 3]!;
          v = stat === 0 ? last : stat === 1 ? (cnt === 0 ? NaN : S[b + 2]! / cnt) : stat === 2 ? last - S[b + 1]! : cnt === 0 ? NaN : last <= p2[a]! ? 1 : 0;
          break;
        }
        case 9: // CAMPAIGN
          v = S[b] !== S[b] ? NaN : S[b + 1]!;
          break;
        case 11: // RECENCY_ANY
          v = first < end ? (cutoff - time[rows === null ? end - 1 : rows[end - 1]!]!) / DAY_MS : NaN;
          break;
        case 12: // TENURE_ANY
          v = first < end ? (cutoff - time[rows === null ? first : rows[first]!]!) / DAY_MS : NaN;
          break;
        default:
          v = NaN;
      }
      col[r] = v;
    }
    for (let o = 0; o < no; o++) objs[o]!.end(r);
  }
}
