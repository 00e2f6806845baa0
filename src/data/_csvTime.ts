import { utcMs } from '../internal/time.js';

/**
 * Fast path for the commonest ISO 8601 cells, read in place: `YYYY-MM-DD`, optionally
 * followed by `T` or a space, `HH:MM`, `:SS`, `.f`–`.fff` and `Z`. Returns NaN for any
 * other shape (offsets, long fractions) or an invalid date, and the caller then asks the
 * full `parseIsoTime`, so results are always the same as `parseIsoTime` (a test checks this).
 *
 * @internal
 */
export function isoCellFast(s: string, a: number, z: number): number {
  const n = z - a;
  if (n < 10) return NaN;
  const y = dig(s, a, 4);
  const mo = dig(s, a + 5, 2);
  const d = dig(s, a + 8, 2);
  if (y < 0 || mo < 0 || d < 0 || s.charCodeAt(a + 4) !== 45 || s.charCodeAt(a + 7) !== 45) return NaN;
  if (n === 10) return utcMs(y, mo, d);
  const sep = s.charCodeAt(a + 10);
  if ((sep !== 84 && sep !== 32) || n < 16 || s.charCodeAt(a + 13) !== 58) return NaN;
  const h = dig(s, a + 11, 2);
  const mi = dig(s, a + 14, 2);
  if (h < 0 || mi < 0) return NaN;
  let i = a + 16;
  let sec = 0;
  let ms = 0;
  if (i < z && s.charCodeAt(i) === 58) {
    sec = dig(s, i + 1, 2);
    if (sec < 0 || i + 3 > z) return NaN;
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
      if (k === 0 || k > 3) return NaN;
    }
  }
  if (i < z && s.charCodeAt(i) === 90 && i + 1 === z) i++;
  if (i !== z) return NaN;
  return utcMs(y, mo, d, h, mi, sec, ms);
}

function dig(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(i + k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}
