import { isPlainObject } from '../internal/args.js';
import { ChurnkitError, show } from '../internal/errors.js';

/**
 * A column of a delimited file: its header name, or its 0-based position.
 *
 * @category Data
 */
export type ColumnRef = string | number;

/**
 * How a time column is written.
 *
 * - `'iso'`: ISO 8601 date or date-time (`2011-12-09 12:50:00`, `2024-03-01T08:00:00+01:00`);
 *   date-only means UTC midnight and no offset means UTC.
 * - `'yyyymmdd'`: `19970101`, UTC midnight (CDNOW).
 * - `'epoch_s'` / `'epoch_ms'`: seconds or milliseconds since 1970-01-01 UTC (fractions allowed).
 * - `'dmy'` / `'mdy'`: `31/12/2011` or `12/31/2011` with `/`, `-` or `.`, optional ` HH:MM[:SS]`, UTC.
 *
 * @category Data
 */
export type TimeFormat = 'iso' | 'yyyymmdd' | 'epoch_s' | 'epoch_ms' | 'dmy' | 'mdy';

/**
 * One data rule for an event type: when every condition given holds for the cell, the row
 * gets `type`. Conditions compare the raw cell text (surrounding spaces removed), case-sensitive.
 *
 * @category Data
 */
export interface TypeRule {
  /** Column tested; defaults to the type mapping's own `column`. */
  column?: ColumnRef;
  /** The cell equals this text. */
  equals?: string;
  /** The cell equals one of these texts. */
  in?: readonly string[];
  /** The cell starts with this text (Online Retail: `'C'` marks a cancellation). */
  startsWith?: string;
  /** The cell ends with this text. */
  endsWith?: string;
  /** The cell contains this text. */
  contains?: string;
  /** The event type given when the rule matches. */
  type: string;
}

/**
 * Where an event's type comes from: a column (its cell is the type), a constant, or a
 * column with data rules (first matching rule wins, then `otherwise`, then the cell itself).
 *
 * @category Data
 */
export type TypeMapping =
  | ColumnRef
  | { constant: string }
  | { column: ColumnRef; rules?: readonly TypeRule[]; otherwise?: string };

/**
 * A numeric column. `decimal: ','` reads `12,5` as 12.5 (and then `.` is not accepted).
 *
 * @category Data
 */
export type NumberMapping = ColumnRef | { column: ColumnRef; decimal?: '.' | ',' };

/**
 * The event value: a numeric column, or the product of several (Quantity × UnitPrice).
 *
 * @category Data
 */
export type ValueMapping = NumberMapping | { product: readonly ColumnRef[]; decimal?: '.' | ',' };

/**
 * An attribute column: stored as text (default) or parsed as a number.
 *
 * @category Data
 */
export type AttrMapping = ColumnRef | { column: ColumnRef; parse?: 'string' | 'number'; decimal?: '.' | ',' };

/**
 * Maps the columns of a delimited file onto {@link EventInput} fields. Plain data: it can be
 * stored as JSON and is validated before any row is read.
 *
 * @example
 * ```ts
 * // UCI Online Retail (one CSV per day)
 * const mapping: ColumnMapping = {
 *   customerId: { column: 'CustomerID', normalize: 'integer' }, // 17850.0 → "17850"
 *   time: { column: 'InvoiceDate', format: 'iso' },
 *   type: { column: 'InvoiceNo', rules: [{ startsWith: 'C', type: 'refund' }], otherwise: 'order' },
 *   value: { product: ['Quantity', 'UnitPrice'] },
 *   quantity: 'Quantity',
 *   attrs: { country: 'Country', sku: 'StockCode' },
 * };
 * ```
 * @category Data
 */
export interface ColumnMapping {
  /**
   * Customer id column. Cells are trimmed; `normalize: 'integer'` also rewrites integral
   * numbers canonically (`17850.0` and `017850` → `17850`) and rejects anything else.
   */
  customerId: ColumnRef | { column: ColumnRef; normalize?: 'none' | 'integer' };
  /** Time column; `format` defaults to `'iso'`. */
  time: ColumnRef | { column: ColumnRef; format?: TimeFormat };
  /** Event type: a column, a constant (`{ constant: 'order' }`) or a column with rules. */
  type: TypeMapping;
  /** Money or score; an empty cell means absent. */
  value?: ValueMapping;
  /** Units; an empty cell means absent. */
  quantity?: NumberMapping;
  /** Free text (tickets, reviews); an empty cell means absent. */
  text?: ColumnRef;
  /** The recording system: a column or a constant; defaults to the `source` option. */
  source?: ColumnRef | { constant: string };
  /** Attribute name → column; an empty cell leaves the attribute absent on that event. */
  attrs?: Readonly<Record<string, AttrMapping>>;
}

const FORMATS: readonly TimeFormat[] = ['iso', 'yyyymmdd', 'epoch_s', 'epoch_ms', 'dmy', 'mdy'];
const RULE_KEYS = ['column', 'equals', 'in', 'startsWith', 'endsWith', 'contains', 'type'];

function fail(fn: string, path: (string | number)[], expected: string, received: unknown): never {
  throw new ChurnkitError('INVALID_MAPPING', `${fn}: ${['mapping', ...path].join('.')} must be ${expected}; received ${show(received)}.`, {
    path: ['mapping', ...path],
    field: path.join('.'),
    expected,
    received,
  });
}


function checkRef(fn: string, path: (string | number)[], v: unknown): void {
  if (typeof v === 'string' && v !== '') return;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return;
  fail(fn, path, 'a column name (non-empty string) or a 0-based column index', v);
}

function checkKeys(fn: string, path: (string | number)[], o: Record<string, unknown>, allowed: readonly string[]): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) fail(fn, [...path, k], `absent (allowed keys: ${allowed.join(', ')})`, o[k]);
  }
}

function checkDecimal(fn: string, path: (string | number)[], o: Record<string, unknown>): void {
  if (o.decimal !== undefined && o.decimal !== '.' && o.decimal !== ',') fail(fn, [...path, 'decimal'], "'.' or ','", o.decimal);
}

function checkNumber(fn: string, path: (string | number)[], v: unknown): void {
  if (isPlainObject(v)) {
    checkKeys(fn, path, v, ['column', 'decimal']);
    checkRef(fn, [...path, 'column'], v.column);
    checkDecimal(fn, path, v);
  } else checkRef(fn, path, v);
}

function checkNonEmpty(fn: string, path: (string | number)[], v: unknown): void {
  if (typeof v !== 'string' || v === '') fail(fn, path, 'a non-empty string', v);
}

/**
 * Checks a {@link ColumnMapping}'s shape before any row is read, so a bad mapping fails at
 * once with the path of the bad entry rather than as thousands of rejected rows.
 *
 * Column names are resolved against the header later, by the reader (unknown ones throw
 * `UNKNOWN_COLUMN`). Used by {@link parseEventsCsv} and the `churnkit/node` readers; call it
 * yourself to validate a mapping a user stored or edited in a dashboard.
 *
 * @param mapping - the candidate mapping (any value)
 * @param fn - name of the calling function, for the message
 * @returns the same mapping, typed
 * @throws ChurnkitError `INVALID_MAPPING` with `path` such as `['mapping', 'type', 'rules', 0, 'startsWith']`
 * @example
 * ```ts
 * validateColumnMapping({ customerId: 0, time: 1, type: { constant: 'order' } }); // ok
 * validateColumnMapping({ customerId: 0, time: 1 }); // throws INVALID_MAPPING, path ['mapping', 'type']
 * ```
 * @category Data
 */
export function validateColumnMapping(mapping: unknown, fn = 'validateColumnMapping'): ColumnMapping {
  if (!isPlainObject(mapping)) fail(fn, [], 'an object with customerId, time and type', mapping);
  const m = mapping;
  checkKeys(fn, [], m, ['customerId', 'time', 'type', 'value', 'quantity', 'text', 'source', 'attrs']);

  if (m.customerId === undefined) fail(fn, ['customerId'], 'a column', undefined);
  if (isPlainObject(m.customerId)) {
    checkKeys(fn, ['customerId'], m.customerId, ['column', 'normalize']);
    checkRef(fn, ['customerId', 'column'], m.customerId.column);
    const nz = m.customerId.normalize;
    if (nz !== undefined && nz !== 'none' && nz !== 'integer') fail(fn, ['customerId', 'normalize'], "'none' or 'integer'", nz);
  } else checkRef(fn, ['customerId'], m.customerId);

  if (m.time === undefined) fail(fn, ['time'], 'a column', undefined);
  if (isPlainObject(m.time)) {
    checkKeys(fn, ['time'], m.time, ['column', 'format']);
    checkRef(fn, ['time', 'column'], m.time.column);
    const f = m.time.format;
    if (f !== undefined && !FORMATS.includes(f as TimeFormat)) fail(fn, ['time', 'format'], `one of ${FORMATS.map((x) => `'${x}'`).join(', ')}`, f);
  } else checkRef(fn, ['time'], m.time);

  const t = m.type;
  if (t === undefined) fail(fn, ['type'], "a column, { constant } or { column, rules }", undefined);
  if (isPlainObject(t)) {
    if ('constant' in t) {
      checkKeys(fn, ['type'], t, ['constant']);
      checkNonEmpty(fn, ['type', 'constant'], t.constant);
    } else {
      checkKeys(fn, ['type'], t, ['column', 'rules', 'otherwise']);
      checkRef(fn, ['type', 'column'], t.column);
      if (t.otherwise !== undefined) checkNonEmpty(fn, ['type', 'otherwise'], t.otherwise);
      if (t.rules !== undefined) {
        if (!Array.isArray(t.rules)) fail(fn, ['type', 'rules'], 'an array of rules', t.rules);
        t.rules.forEach((r: unknown, i: number) => {
          const p = ['type', 'rules', i];
          if (!isPlainObject(r)) fail(fn, p, 'an object such as { startsWith: "C", type: "refund" }', r);
          checkKeys(fn, p, r, RULE_KEYS);
          checkNonEmpty(fn, [...p, 'type'], r.type);
          if (r.column !== undefined) checkRef(fn, [...p, 'column'], r.column);
          let conditions = 0;
          for (const k of ['equals', 'startsWith', 'endsWith', 'contains'] as const) {
            if (r[k] === undefined) continue;
            conditions++;
            if (typeof r[k] !== 'string') fail(fn, [...p, k], 'a string', r[k]);
          }
          if (r.in !== undefined) {
            conditions++;
            if (!Array.isArray(r.in) || r.in.some((x) => typeof x !== 'string')) fail(fn, [...p, 'in'], 'an array of strings', r.in);
          }
          if (conditions === 0) fail(fn, p, 'a rule with at least one of equals, in, startsWith, endsWith, contains', r);
        });
      }
    }
  } else checkRef(fn, ['type'], t);

  if (m.value !== undefined) {
    if (isPlainObject(m.value) && 'product' in m.value) {
      checkKeys(fn, ['value'], m.value, ['product', 'decimal']);
      const pr = m.value.product;
      if (!Array.isArray(pr) || pr.length < 1) fail(fn, ['value', 'product'], 'a non-empty array of columns', pr);
      pr.forEach((c: unknown, i: number) => checkRef(fn, ['value', 'product', i], c));
      checkDecimal(fn, ['value'], m.value);
    } else checkNumber(fn, ['value'], m.value);
  }
  if (m.quantity !== undefined) checkNumber(fn, ['quantity'], m.quantity);
  if (m.text !== undefined) checkRef(fn, ['text'], m.text);
  if (m.source !== undefined) {
    if (isPlainObject(m.source)) {
      checkKeys(fn, ['source'], m.source, ['constant']);
      checkNonEmpty(fn, ['source', 'constant'], m.source.constant);
    } else checkRef(fn, ['source'], m.source);
  }
  if (m.attrs !== undefined) {
    if (!isPlainObject(m.attrs)) fail(fn, ['attrs'], 'an object of attribute name → column', m.attrs);
    for (const [name, a] of Object.entries(m.attrs)) {
      if (name === '') fail(fn, ['attrs', name], 'a non-empty attribute name', name);
      if (isPlainObject(a)) {
        checkKeys(fn, ['attrs', name], a, ['column', 'parse', 'decimal']);
        checkRef(fn, ['attrs', name, 'column'], a.column);
        if (a.parse !== undefined && a.parse !== 'string' && a.parse !== 'number') fail(fn, ['attrs', name, 'parse'], "'string' or 'number'", a.parse);
        checkDecimal(fn, ['attrs', name], a);
      } else checkRef(fn, ['attrs', name], a);
    }
  }
  return m as unknown as ColumnMapping;
}
