/** Milliseconds in one day. */
export const DAY_MS = 86_400_000;

/**
 * Days since 1970-01-01 of a proleptic Gregorian civil date (month 1-12).
 * The civil-from-days arithmetic follows H. Hinnant, "chrono-Compatible Low-Level Date
 * Algorithms" (public domain description); written here from the formula.
 */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Number of days in month `m` (1-12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeap(y) ? 29 : (MONTH_DAYS[m - 1] ?? 0);
}

/** Epoch ms of a validated civil date-time in UTC, or NaN when a field is out of range. */
export function utcMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return NaN;
  if (h > 23 || mi > 59 || s > 59) return NaN;
  return daysFromCivil(y, mo, d) * DAY_MS + h * 3_600_000 + mi * 60_000 + s * 1000 + ms;
}

/** Reads `n` ASCII digits at `i`; -1 when any is not a digit. */
function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(i + k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Parses an ISO 8601 date or date-time into epoch ms (UTC), or NaN when the text is not one.
 *
 * Accepted: `YYYY-MM-DD` (UTC midnight), `YYYY-MM-DD[T| ]HH:MM[:SS[.fraction]]` followed by
 * `Z`, `±HH:MM`, `±HHMM`, `±HH` or nothing. A date-time without an offset is read as UTC,
 * never in the machine's local zone, so results do not depend on where the code runs.
 * Values out of range (month 13, 31 April, 25:00) are invalid.
 */
export function parseIsoTime(s: string): number {
  const n = s.length;
  if (n < 10) return NaN;
  const y = digits(s, 0, 4);
  if (y < 0 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  if (mo < 0 || d < 0) return NaN;
  if (n === 10) return utcMs(y, mo, d);
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 32 && sep !== 116) return NaN; // 'T', ' ', 't'
  if (n < 16 || s.charCodeAt(13) !== 58) return NaN;
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  if (h < 0 || mi < 0) return NaN;
  let i = 16;
  let sec = 0;
  let ms = 0;
  if (i < n && s.charCodeAt(i) === 58) {
    sec = digits(s, i + 1, 2);
    if (sec < 0) return NaN;
    i += 3;
    if (i < n && (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44)) {
      i++;
      let scale = 100;
      const startFrac = i;
      while (i < n) {
        const c = s.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        ms += c * scale;
        scale /= 10;
        i++;
      }
      if (i === startFrac) return NaN;
    }
  }
  const base = utcMs(y, mo, d, h, mi, sec, 0);
  if (Number.isNaN(base)) return NaN;
  const t = base + Math.round(ms * 1000) / 1000;
  if (i === n) return t;
  const z = s.charCodeAt(i);
  if ((z === 90 || z === 122) && i + 1 === n) return t; // 'Z'
  if (z !== 43 && z !== 45) return NaN; // '+', '-'
  const sign = z === 43 ? 1 : -1;
  const oh = digits(s, i + 1, 2);
  if (oh < 0 || oh > 23) return NaN;
  let om = 0;
  const rest = n - (i + 3);
  if (rest === 0) om = 0;
  else if (rest === 3 && s.charCodeAt(i + 3) === 58) om = digits(s, i + 4, 2);
  else if (rest === 2) om = digits(s, i + 3, 2);
  else return NaN;
  if (om < 0 || om > 59) return NaN;
  return t - sign * (oh * 60 + om) * 60_000;
}

/** Parses `yyyymmdd` (as in the CDNOW logs) into UTC midnight epoch ms, or NaN. */
export function parseYyyymmdd(s: string): number {
  const t = s.trim();
  if (t.length !== 8) return NaN;
  const y = digits(t, 0, 4);
  const mo = digits(t, 4, 2);
  const d = digits(t, 6, 2);
  if (y < 0 || mo < 0 || d < 0) return NaN;
  return utcMs(y, mo, d);
}

/**
 * Parses day-first (`dd/mm/yyyy`) or month-first (`mm/dd/yyyy`) dates with `/`, `-` or `.`
 * separators and an optional ` HH:MM[:SS]` time, read as UTC. NaN when invalid.
 */
export function parseDayMonthYear(s: string, order: 'dmy' | 'mdy'): number {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s.trim());
  if (m === null) return NaN;
  const a = Number(m[1]);
  const b = Number(m[2]);
  const y = Number(m[3]);
  const [d, mo] = order === 'dmy' ? [a, b] : [b, a];
  return utcMs(y, mo, d, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
}

/** `t` when it lies in the Date range (±8.64e15 ms, ECMA-262 §21.4.1.1), else NaN: past it no Date, hence no ISO text, exists. */
export function inDateRange(t: number): number {
  return Math.abs(t) <= 8.64e15 ? t : NaN;
}

/**
 * Converts a time given as `Date`, ISO 8601 string or epoch ms into epoch ms.
 * Returns NaN when the value is not a valid time (the caller decides how to report it).
 */
export function toEpochMs(v: unknown): number {
  if (typeof v === 'number') return inDateRange(v); // NaN and ±Infinity included
  if (typeof v === 'string') return parseIsoTime(v.trim());
  if (v instanceof Date) return v.getTime();
  return NaN;
}

/** Formats epoch ms as an ISO date `YYYY-MM-DD` (UTC). */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
