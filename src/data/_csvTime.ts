import { digits as dig, utcMs } from '../internal/time.js';

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
    const y = dig(s, a, 4);
    const mo = dig(s, a + 5, 2);
    const d = dig(s, a + 8, 2);
    if (y < 0 || mo < 0 || d < 0 || s.charCodeAt(a + 4) !== 45 || s.charCodeAt(a + 7) !== 45) return false;
    const day = utcMs(y, mo, d);
    if (Number.isNaN(day)) return false;
    out[0] = day;
    if (memo !== undefined) {
      memo.day = s.slice(a, a + 10);
      memo.dayMs = day;
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

/** The last date part seen by a reader, so rows of one day skip the calendar arithmetic. @internal */
export interface IsoMemo {
  day: string;
  dayMs: number;
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
