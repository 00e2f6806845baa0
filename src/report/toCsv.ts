import { ChurnkitError, invalidOption, show } from '../internal/errors.js';
import { knownOptions, optionNames, optionsOf } from '../internal/args.js';

const TO_CSV_OPTION_NAMES = optionNames<ToCsvOptions>()(['columns', 'timeColumns', 'delimiter', 'header', 'bom', 'escapeFormulas']);

/**
 * A table for {@link toCsv} in columnar form: one array (or typed array) per column, all of
 * the same length. The object's key order is the default column order.
 *
 * @category Report
 */
export interface CsvColumns {
  /** Column name → its values, one per row. `Float64Array` and other typed arrays are accepted. */
  readonly columns: Readonly<Record<string, ArrayLike<unknown>>>;
}

/** Options of {@link toCsv}. @category Report */
export interface ToCsvOptions {
  /**
   * Which columns to write, in this order. Default: for row objects, every key in the order first
   * seen across the rows; for a {@link CsvColumns} table, its keys in order. A name that no row
   * has (or that the columnar table lacks) throws `UNKNOWN_COLUMN`.
   */
  columns?: readonly string[];
  /** Columns whose numbers are epoch milliseconds, written as ISO 8601 UTC (`2024-06-01T00:00:00.000Z`). */
  timeColumns?: readonly string[];
  /** Field separator: `','` (default, RFC 4180), `';'` (spreadsheets in comma-decimal locales) or `'\t'`. */
  delimiter?: ',' | ';' | '\t';
  /** Write the header line. Default true. */
  header?: boolean;
  /** Prefix U+FEFF so that Excel reads the file as UTF-8. Default false. */
  bom?: boolean;
  /**
   * Neutralise text cells that a spreadsheet would run as a formula (CSV injection). Default
   * true; turn off only for files that no spreadsheet will open.
   */
  escapeFormulas?: boolean;
}

/** Characters that make a spreadsheet treat a cell as a formula (OWASP, "CSV Injection"). */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r', '\n', '\0']);

/**
 * Write a table as CSV text that is safe to open in Excel — scores, segments and
 * recommendations handed to the people who act on them.
 *
 * Input is either row objects (`[{ customerId, risk }, ...]`) or a columnar
 * {@link CsvColumns} table (`{ columns: { customerId: ids, risk: Float64Array } }`).
 *
 * Rules, cell by cell:
 * - **Quoting** (RFC 4180, Shafranovich 2005, §2): a field holding the delimiter, a double
 *   quote, CR or LF is wrapped in double quotes and its quotes are doubled; records end with
 *   CRLF, including the last one.
 * - **CSV injection** (OWASP, "CSV Injection"): a *text* cell that begins with `=`, `+`, `-`,
 *   `@`, tab, carriage return, line feed or NUL (OWASP ASVS 1.2.10) gets a leading single quote (`'=SUM(A1)`, `'-5`), so the
 *   spreadsheet shows it as text instead of evaluating it. Numbers are never altered: a
 *   negative number such as `-12.5` stays `-12.5`. Header names follow the text rule.
 * - **Numbers** are written without locale (`String(n)`: `1234.5`, `1e-7`; `-0` as `0`); `NaN`,
 *   `null` and `undefined` give an empty cell; `Infinity` and `-Infinity` are written as text
 *   (so `-Infinity` is neutralised to `'-Infinity`). Numbers in `timeColumns` become ISO dates.
 * - **Dates** become ISO 8601 UTC (`toISOString`); an invalid Date gives an empty cell.
 * - Booleans are `true`/`false`, bigints their digits; arrays and plain objects are written
 *   as JSON text (then quoted and neutralised like any text).
 *
 * Complexity: O(rows × columns) time and output size.
 *
 * @param table - row objects or a {@link CsvColumns} table; not modified
 * @param options - column order, time columns, delimiter, header, BOM, formula escaping
 * @returns the CSV text (empty string for no columns and no header, plus the BOM if asked)
 * @throws ChurnkitError `INVALID_INPUT` (not an array of objects or a columnar table; a function
 *   or symbol cell, with `row` and `field`), `INVALID_ROW` (a row that is not an object),
 *   `LENGTH_MISMATCH` (columns of different lengths), `UNKNOWN_COLUMN` (a named column that
 *   does not exist), `INVALID_OPTION` (bad option, duplicate column name)
 * @example
 * ```ts
 * toCsv([
 *   { customerId: 'C00001', risk: 0.82, note: '=HYPERLINK("http://x")', change: -0.1 },
 *   { customerId: 'C00002', risk: NaN, note: 'fine, thanks', change: -2 },
 * ]);
 * // customerId,risk,note,change\r\n
 * // C00001,0.82,"'=HYPERLINK(""http://x"")",-0.1\r\n
 * // C00002,,"fine, thanks",-2\r\n
 * ```
 * @category Report
 */
export function toCsv(table: readonly Readonly<Record<string, unknown>>[] | CsvColumns, options?: ToCsvOptions): string {
  knownOptions('toCsv', options, TO_CSV_OPTION_NAMES);
  const fn = 'toCsv';
  const opts = optionsOf(fn, options);
  const delimiter = opts.delimiter ?? ',';
  if (delimiter !== ',' && delimiter !== ';' && delimiter !== '\t') invalidOption(fn, 'delimiter', "',', ';' or '\\t'", delimiter);
  const header = opts.header ?? true;
  if (typeof header !== 'boolean') invalidOption(fn, 'header', 'a boolean', header);
  const bom = opts.bom ?? false;
  if (typeof bom !== 'boolean') invalidOption(fn, 'bom', 'a boolean', bom);
  const escapeFormulas = opts.escapeFormulas ?? true;
  if (typeof escapeFormulas !== 'boolean') invalidOption(fn, 'escapeFormulas', 'a boolean', escapeFormulas);
  const timeColumns = new Set(nameList(fn, 'timeColumns', opts.timeColumns) ?? []);
  const wanted = nameList(fn, 'columns', opts.columns);

  // Resolve the table to column names and a cell getter.
  let names: string[];
  let rowCount: number;
  let cell: (row: number, col: number) => unknown;
  if (Array.isArray(table)) {
    const rows = table as readonly unknown[];
    const seen = new Set<string>();
    const order: string[] = [];
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (row === null || typeof row !== 'object' || Array.isArray(row)) {
        throw new ChurnkitError('INVALID_ROW', `${fn}: row ${r} must be an object of column → value; received ${show(row)}.`, {
          row: r,
          expected: 'an object',
          received: row,
        });
      }
      for (const key of Object.keys(row)) {
        if (!seen.has(key)) {
          seen.add(key);
          order.push(key);
        }
      }
    }
    if (wanted) {
      // With no rows there is nothing to check the names against: the header alone is written.
      if (rows.length > 0) for (const name of wanted) if (!seen.has(name)) unknownColumn(fn, name, order);
      names = wanted;
    } else names = order;
    rowCount = rows.length;
    const typed = rows as readonly Readonly<Record<string, unknown>>[];
    cell = (r, c) => typed[r]![names[c]!];
  } else if (table !== null && typeof table === 'object' && (table as CsvColumns).columns !== null && typeof (table as CsvColumns).columns === 'object') {
    const cols = (table as CsvColumns).columns;
    const keys = Object.keys(cols);
    if (wanted) for (const name of wanted) if (!Object.prototype.hasOwnProperty.call(cols, name)) unknownColumn(fn, name, keys);
    names = wanted ?? keys;
    const arrays: ArrayLike<unknown>[] = [];
    rowCount = -1;
    for (const name of names) {
      const values = cols[name];
      if (values === null || typeof values !== 'object' || typeof (values as ArrayLike<unknown>).length !== 'number') {
        throw new ChurnkitError('INVALID_INPUT', `${fn}: column "${name}" must be an array or typed array; received ${show(values)}.`, {
          path: ['columns', name],
          field: name,
          expected: 'an array or typed array',
          received: values,
        });
      }
      if (rowCount === -1) rowCount = values.length;
      else if (values.length !== rowCount) {
        throw new ChurnkitError(
          'LENGTH_MISMATCH',
          `${fn}: column "${name}" has ${values.length} values but column "${names[0]}" has ${rowCount}.`,
          { path: ['columns', name], field: name, expected: `${rowCount} values`, received: values.length },
        );
      }
      arrays.push(values);
    }
    if (rowCount === -1) rowCount = 0;
    cell = (r, c) => arrays[c]![r];
  } else {
    throw new ChurnkitError(
      'INVALID_INPUT',
      `${fn}: expected an array of row objects or { columns: { name: values } }; received ${show(table)}.`,
      { expected: 'an array of objects or { columns }', received: table },
    );
  }
  for (const name of timeColumns) if (!names.includes(name)) unknownColumn(fn, name, names);

  const isTime = names.map((n) => timeColumns.has(n));
  const lines: string[] = [];
  const fields: string[] = new Array<string>(names.length);
  if (header && names.length > 0) {
    for (let c = 0; c < names.length; c++) fields[c] = quoteText(names[c]!, delimiter, escapeFormulas);
    lines.push(fields.join(delimiter));
  }
  if (names.length > 0) {
    for (let r = 0; r < rowCount; r++) {
      for (let c = 0; c < names.length; c++) {
        fields[c] = formatCell(fn, cell(r, c), r, names[c]!, isTime[c]!, delimiter, escapeFormulas);
      }
      lines.push(fields.join(delimiter));
    }
  }
  const body = lines.length === 0 ? '' : lines.join('\r\n') + '\r\n';
  return bom ? '\uFEFF' + body : body;
}

function nameList(fn: string, option: string, value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) invalidOption(fn, option, 'an array of column names', value);
  const list = value as string[];
  const dup = list.find((v, i) => list.indexOf(v) !== i);
  if (dup !== undefined) invalidOption(fn, option, `distinct column names ("${dup}" appears twice)`, value);
  return [...list];
}

function unknownColumn(fn: string, name: string, known: readonly string[]): never {
  throw new ChurnkitError(
    'UNKNOWN_COLUMN',
    `${fn}: column "${name}" is not in the table (columns: ${known.length === 0 ? 'none' : known.join(', ')}).`,
    { field: name, path: ['columns'], expected: `one of ${known.join(', ')}`, received: name },
  );
}

function formatCell(
  fn: string,
  v: unknown,
  row: number,
  field: string,
  isTime: boolean,
  delimiter: string,
  escapeFormulas: boolean,
): string {
  if (v === null || v === undefined) return '';
  switch (typeof v) {
    case 'number':
      if (Number.isNaN(v)) return '';
      if (isTime && Number.isFinite(v)) {
        const d = new Date(v);
        return Number.isNaN(d.getTime()) ? '' : d.toISOString();
      }
      if (!Number.isFinite(v)) return quoteText(String(v), delimiter, escapeFormulas);
      return Object.is(v, -0) ? '0' : String(v);
    case 'bigint':
      return String(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'string':
      return quoteText(v, delimiter, escapeFormulas);
    case 'object': {
      if (v instanceof Date) {
        const t = v.getTime();
        return Number.isNaN(t) ? '' : v.toISOString();
      }
      let json: string | undefined;
      try {
        json = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x));
      } catch {
        json = undefined;
      }
      if (json === undefined) {
        throw new ChurnkitError('INVALID_INPUT', `${fn}: row ${row}, column "${field}" cannot be written as JSON text; received ${show(v)}.`, {
          row,
          field,
          expected: 'a number, string, boolean, Date, null or JSON-serialisable value',
          received: v,
        });
      }
      return quoteText(json, delimiter, escapeFormulas);
    }
    default:
      throw new ChurnkitError('INVALID_INPUT', `${fn}: row ${row}, column "${field}" holds a ${typeof v}, which has no CSV form.`, {
        row,
        field,
        expected: 'a number, string, boolean, Date, null or JSON-serialisable value',
        received: typeof v,
      });
  }
}

/** Neutralise a formula start (OWASP), then quote per RFC 4180 when needed. */
function quoteText(s: string, delimiter: string, escapeFormulas: boolean): string {
  if (escapeFormulas && s.length > 0 && FORMULA_START.has(s[0]!)) s = "'" + s;
  if (s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r')) {
    return '"' + s.replace(/"/g, '""') + '"';
  }
  return s;
}
