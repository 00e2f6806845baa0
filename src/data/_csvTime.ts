import { utcMs } from '../internal/time.js';

/**
 * Fast path for the commonest ISO 8601 cells, read in place: `YYYY-MM-DD`, optionally
 * followed by `T` or a space, `HH:MM`, `:SS`, `.f`–`.fff` and `Z`. Returns NaN for any
 * other shape (offsets, long fractions) or an invalid date, and the caller then asks the
 * full `parseIsoTime`, so results are always the same as `parseIsoTime` (a test checks this).
 *
 * @internal
 */
export function isoCellFast(s: string, a: number, z: number, memo?: IsoMemo): number {
  return isoCellInto(s, a, z, memo, scratch) ? scratch[0]! : NaN;
}

const scratch = new Float64Array(1);

/**
 * {@link isoCellFast} writing the time to `out[0]` (left unspecified when it answers false)
 * and answering whether it could: the reader's
 * per-row form, as a double returned from a call that is not inlined is boxed on the heap
 * (one allocation per row).
 *
 * @internal
 */
export function isoCellInto(s: string, a: number, z: number, memo: IsoMemo | undefined, out: Float64Array): boolean {
  const n = z - a;
  if (n < 10) return false;
  // The day's epoch ms is kept in out[0], not in a local: a local fed by both the memo (an
  // unboxed double) and the utcMs call (a tagged value) is a mixed phi that V8 boxes on the
  // heap at every call (16 bytes per row, seen with the sampling heap profiler).
  if (memo !== undefined && memo.day.length === 10 && sameDate(s, a, memo.day)) out[0] = memo.dayMs;
  else {
    const y0 = two(s, a);
    const y1 = two(s, a + 2);
    const mo = two(s, a + 5);
    const d = two(s, a + 8);
    if (y0 < 0 || y1 < 0 || mo < 0 || d < 0 || s.charCodeAt(a + 4) !== 45 || s.charCodeAt(a + 7) !== 45) return false;
    const key = (y0 * 100 + y1) * 10_000 + mo * 100 + d; // yyyymmdd
    const cache = memo?.days;
    const slot = (key ^ (key >>> 11)) & DAY_SLOTS_MASK;
    if (cache !== undefined && cache.keys[slot] === key) out[0] = cache.ms[slot]!;
    else {
      // A day not seen lately: validate and compute it, then remember it (the memo's string
      // only for new days, so input sorted by customer, where days change row to row, makes no
      // string per row).
      const day = utcMs(y0 * 100 + y1, mo, d);
      if (Number.isNaN(day)) return false;
      out[0] = day;
      if (memo !== undefined) {
        memo.day = s.slice(a, a + 10);
        memo.dayMs = day;
        if (cache !== undefined) {
          cache.keys[slot] = key;
          cache.ms[slot] = day;
        }
      }
    }
  }
  if (n === 10) return true;
  const sep = s.charCodeAt(a + 10);
  if ((sep !== 84 && sep !== 32) || n < 16 || s.charCodeAt(a + 13) !== 58) return false;
  const h = two(s, a + 11);
  const mi = two(s, a + 14);
  if (h < 0 || mi < 0) return false;
  let i = a + 16;
  let sec = 0;
  let ms = 0;
  if (i < z && s.charCodeAt(i) === 58) {
    sec = two(s, i + 1);
    if (sec < 0 || i + 3 > z) return false;
    i += 3;
    if (i < z && s.charCodeAt(i) === 46) {
      i++;
      let k = 0;
      let scale = 100;
      while (i < z && k < 4) {
        const c = s.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        ms += c * scale;
        scale /= 10;
        i++;
        k++;
      }
      if (k === 0 || k > 3) return false;
    }
  }
  if (i < z && s.charCodeAt(i) === 90 && i + 1 === z) i++;
  if (i !== z || h > 23 || mi > 59 || sec > 59) return false;
  out[0] = out[0]! + h * 3_600_000 + mi * 60_000 + sec * 1000 + ms;
  return true;
}

/**
 * What a reader remembers of the dates it has read: the last new day (rows of one day skip
 * everything but a 10-character comparison) and optionally a direct-mapped cache of recent
 * days by their yyyymmdd value (rows sorted by customer, whose days change from row to row,
 * skip the calendar arithmetic). Only valid dates are stored. @internal
 */
export interface IsoMemo {
  day: string;
  dayMs: number;
  days?: { keys: Int32Array; ms: Float64Array };
}

const DAY_SLOTS = 4096;
const DAY_SLOTS_MASK = DAY_SLOTS - 1;

/** A fresh memo with a day cache. @internal */
export function isoMemo(): IsoMemo {
  // Empty slots hold -1, which no yyyymmdd value equals (0 would match "0000-00-00").
  return { day: '', dayMs: 0, days: { keys: new Int32Array(DAY_SLOTS).fill(-1), ms: new Float64Array(DAY_SLOTS) } };
}

/**
 * Two ASCII digits at `i`, or -1. Local rather than the shared `digits`, so the per-row path
 * makes no call across modules (bundlers inline either way; tsx's CommonJS interop does not).
 */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function sameDate(s: string, a: number, day: string): boolean {
  for (let k = 9; k >= 0; k--) if (s.charCodeAt(a + k) !== day.charCodeAt(k)) return false;
  return true;
}
