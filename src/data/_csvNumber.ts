/**
 * Number parsing straight from a cell of the input text, without slicing it first.
 *
 * Fast path: `[+-]?digits[.digits]` with at most 15 digits in all. The digits are read as an
 * integer m < 10^15 < 2^53 (exact) and divided by 10^k with k ≤ 15; both operands are exact
 * doubles, so the one IEEE division is correctly rounded and gives the same double as
 * `Number(text)` (W. D. Clinger, "How to read floating point numbers accurately", PLDI 1990,
 * the exact-operands case). Everything else (exponents, long mantissas) goes through `Number`
 * after a strict syntax check, so `0x10`, `Infinity` and `1_000` are rejected.
 *
 * @internal
 */

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const SLOW = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses `s[start, end)` (already trimmed, non-empty) as a decimal number. `comma` makes `,`
 * the decimal mark (and `.` invalid). Returns NaN when the cell is not a finite number.
 */
export function parseCellNumber(s: string, start: number, end: number, comma: boolean): number {
  return parseCellNumberInto(s, start, end, comma, scratch, 0) ? scratch[0]! : NaN;
}

const scratch = new Float64Array(1);

/**
 * {@link parseCellNumber} writing the number to `out[k]` and answering whether the cell is
 * one: the reader's per-row form (a double returned from a call that is not inlined is boxed
 * on the heap, one allocation per row).
 */
export function parseCellNumberInto(s: string, start: number, end: number, comma: boolean, out: Float64Array, k: number): boolean {
  const mark = comma ? 44 : 46;
  let i = start;
  let neg = false;
  let c = s.charCodeAt(i);
  if (c === 45 || c === 43) {
    neg = c === 45;
    i++;
  }
  let m = 0;
  let digits = 0;
  let frac = 0;
  let seenMark = false;
  for (; i < end; i++) {
    c = s.charCodeAt(i);
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      m = m * 10 + d;
      digits++;
      if (seenMark) frac++;
    } else if (c === mark && !seenMark) {
      seenMark = true;
    } else break;
  }
  if (i === end && digits > 0 && digits <= 15) {
    const v = frac === 0 ? m : m / POW10[frac]!;
    out[k] = neg ? -v : v;
    return true;
  }
  if (digits === 0 && i === end) return false;
  let text = s.slice(start, end);
  if (comma) {
    if (text.includes('.')) return false;
    text = text.replace(',', '.');
  }
  if (!SLOW.test(text)) return false;
  const v = Number(text);
  if (!Number.isFinite(v)) return false;
  out[k] = v;
  return true;
}
