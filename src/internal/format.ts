/**
 * Locale-free number text shared by reports, charts, audits and summaries (internal).
 */

/** Commas between groups of three digits of a string of digits: "1234567" → "1,234,567". */
export function groupDigits(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * `x` rounded to a whole number with thousands separators: 12345.6 → "12,346". Negative numbers
 * take `minus` (ASCII "-" by default; reports use "−", U+2212); a value that rounds to 0 has no
 * sign. NaN and ±Infinity give "NaN", "Infinity", "-Infinity" (callers with their own text for
 * them test first).
 */
export function integerText(x: number, minus = '-'): string {
  if (!Number.isFinite(x)) return String(x);
  const r = Math.round(Math.abs(x));
  const s = groupDigits(r.toString());
  return x < 0 && r !== 0 ? `${minus}${s}` : s;
}
