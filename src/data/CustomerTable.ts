import { knownOptions, optionNames } from '../internal/args.js';
import { ChurnkitError, invalidOption, show } from '../internal/errors.js';
import { parseIsoTime } from '../internal/time.js';

const CUSTOMER_TABLE_OPTION_NAMES = optionNames<CustomerTableOptions>()(['id', 'kinds']);

/**
 * One column of a {@link CustomerTable}: numbers (NaN = missing), labels (`null` = missing)
 * or times in epoch ms UTC (NaN = missing).
 *
 * @category Data
 */
export type CustomerColumn =
  | { readonly kind: 'numeric'; readonly values: Float64Array }
  | { readonly kind: 'categorical'; readonly values: readonly (string | null)[] }
  | { readonly kind: 'time'; readonly values: Float64Array };

/** The kind of a {@link CustomerColumn}. @category Data */
export type CustomerColumnKind = CustomerColumn['kind'];

/**
 * Options of {@link createCustomerTable}.
 *
 * @category Data
 */
export interface CustomerTableOptions {
  /** Field holding the customer id. Default `'customerId'`. */
  id?: string;
  /**
   * Column kinds that override inference, e.g. `{ zip: 'categorical', firstOrderMs: 'time' }`.
   * Naming a column no row has throws `UNKNOWN_COLUMN`.
   */
  kinds?: Readonly<Record<string, CustomerColumnKind>>;
}

/**
 * Static customer attributes (age, gender, region, plan, signup date, acquisition channel)
 * stored by column, one row per customer.
 *
 * It is the optional second input of the churn workflow beside the {@link EventLog}: the
 * attribute features of issue 4 read it, and segment reports break results down by its
 * columns. Rows keep their input order; {@link CustomerTable.index} finds a customer's row
 * (ids are strings: the number `17850` and the string `"17850"` are one customer, as in the
 * event log). Build one with {@link createCustomerTable}.
 *
 * @example
 * ```ts
 * const t = createCustomerTable([{ customerId: 7, age: 31, region: 'north' }]);
 * t.index('7');               // 0
 * t.numeric('age')![0];       // 31
 * t.categorical('region')![0]; // 'north'
 * ```
 * @category Data
 */
export class CustomerTable {
  /** Customer ids, one per row, in row order. */
  readonly ids: readonly string[];
  /** Attribute columns by name, in order of first appearance; the id column is not among them. */
  readonly columns: ReadonlyMap<string, CustomerColumn>;
  readonly #index: Map<string, number>;

  /**
   * Wraps ready columns. Prefer {@link createCustomerTable}, which validates and infers kinds.
   *
   * @param ids - one distinct id per row
   * @param columns - columns whose length equals `ids.length`
   * @throws ChurnkitError `DUPLICATE_CUSTOMER` for a repeated id, `LENGTH_MISMATCH` for a column of the wrong length
   */
  constructor(ids: readonly string[], columns: ReadonlyMap<string, CustomerColumn>) {
    const index = new Map<string, number>();
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const prev = index.get(id);
      if (prev !== undefined) {
        throw new ChurnkitError('DUPLICATE_CUSTOMER', `CustomerTable: customer id ${show(id)} appears in rows ${prev} and ${i}; ids must be unique.`, {
          row: i,
          field: 'id',
          expected: 'a customer id not used by an earlier row',
          received: id,
        });
      }
      index.set(id, i);
    }
    for (const [name, col] of columns) {
      if (col.values.length !== ids.length) {
        throw new ChurnkitError('LENGTH_MISMATCH', `CustomerTable: column "${name}" has ${col.values.length} values for ${ids.length} customers.`, {
          field: name,
          expected: `${ids.length} values`,
          received: col.values.length,
        });
      }
    }
    this.ids = Object.isFrozen(ids) ? ids : Object.freeze(ids.slice());
    this.columns = columns;
    this.#index = index;
  }

  /** Number of customers (rows). */
  get size(): number {
    return this.ids.length;
  }

  /** Row of customer `id`, or -1 when the table does not hold it. Numbers are matched by their decimal string. */
  index(id: string | number): number {
    return this.#index.get(typeof id === 'number' ? String(id) : id) ?? -1;
  }

  /** The column `name`, or undefined. */
  column(name: string): CustomerColumn | undefined {
    return this.columns.get(name);
  }

  /** The values of numeric column `name`, or undefined when absent or of another kind. */
  numeric(name: string): Float64Array | undefined {
    const c = this.columns.get(name);
    return c !== undefined && c.kind === 'numeric' ? c.values : undefined;
  }

  /** The values of categorical column `name`, or undefined when absent or of another kind. */
  categorical(name: string): readonly (string | null)[] | undefined {
    const c = this.columns.get(name);
    return c !== undefined && c.kind === 'categorical' ? c.values : undefined;
  }

  /** The epoch-ms values of time column `name`, or undefined when absent or of another kind. */
  time(name: string): Float64Array | undefined {
    const c = this.columns.get(name);
    return c !== undefined && c.kind === 'time' ? c.values : undefined;
  }
}

const NUMERIC_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const FN = 'createCustomerTable';

function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (typeof v === 'number' && Number.isNaN(v));
}

/** Parses a cell as a number: finite numbers and numeric strings; NaN otherwise. */
function asNumber(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : NaN;
  if (typeof v === 'string') {
    const s = v.trim();
    return NUMERIC_RE.test(s) ? Number(s) : NaN;
  }
  return NaN;
}

/** Parses a cell as a time: Date, ISO 8601 string, or (only when asked) epoch ms. */
function asTime(v: unknown, allowNumber: boolean): number {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'string') return parseIsoTime(v.trim());
  if (allowNumber && typeof v === 'number') return Number.isFinite(v) ? v : NaN;
  return NaN;
}

/**
 * Builds a {@link CustomerTable} from row objects, inferring each column's kind.
 *
 * Inference over the present (non-missing) cells of a column: all finite numbers or numeric
 * strings → `numeric`; else all `Date`s or ISO 8601 strings → `time`; else `categorical`
 * (numbers and booleans become their string). Missing cells (`null`, `undefined`, `''`,
 * `NaN`) become NaN or `null`; a column absent from a row is missing there. `kinds`
 * overrides inference (a `time` column then also accepts epoch ms). One pass to infer, one
 * to fill: O(rows × columns).
 *
 * @param rows - one object per customer, e.g. parsed from a CRM export
 * @param options - id field and kind overrides
 * @returns the table, rows in input order
 * @throws ChurnkitError `INVALID_ROW` (a row that is not an object), `MISSING_CUSTOMER` /
 *   `INVALID_CUSTOMER` (id absent or not a non-empty string or finite number),
 *   `DUPLICATE_CUSTOMER`, `INVALID_VALUE` (an object, array or infinite number in a cell, or a
 *   value that does not fit an overridden `numeric` kind), `INVALID_TIME` (a value that does not
 *   fit an overridden `time` kind), `UNKNOWN_COLUMN` (a `kinds` key no row has),
 *   `INVALID_OPTION` (bad options); each with the row and field.
 * @example
 * ```ts
 * const t = createCustomerTable(
 *   [{ id: 'a', age: '41', joined: '2024-03-01', plan: 'pro' }, { id: 'b', age: null, plan: 'free' }],
 *   { id: 'id' },
 * );
 * t.column('age');    // { kind: 'numeric', values: Float64Array [41, NaN] }
 * t.column('joined'); // { kind: 'time', values: Float64Array [1709251200000, NaN] }
 * t.column('plan');   // { kind: 'categorical', values: ['pro', 'free'] }
 * ```
 * @category Data
 */
export function createCustomerTable(rows: Iterable<Readonly<Record<string, unknown>>>, options: CustomerTableOptions = {}): CustomerTable {
  knownOptions('createCustomerTable', options, CUSTOMER_TABLE_OPTION_NAMES);
  if (options === null || typeof options !== 'object') invalidOption(FN, 'options', 'an object', options);
  const idField = options.id ?? 'customerId';
  if (typeof idField !== 'string' || idField === '') invalidOption(FN, 'id', 'a non-empty string', idField);
  const kinds = options.kinds ?? {};
  if (kinds === null || typeof kinds !== 'object') invalidOption(FN, 'kinds', 'an object of column → kind', kinds);
  for (const [name, k] of Object.entries(kinds)) {
    if (k !== 'numeric' && k !== 'categorical' && k !== 'time') {
      throw new ChurnkitError('INVALID_OPTION', `${FN}: kinds.${name} must be 'numeric', 'categorical' or 'time'; received ${show(k)}.`, {
        path: ['kinds', name],
        field: name,
        expected: "'numeric', 'categorical' or 'time'",
        received: k,
      });
    }
  }
  if (rows === null || rows === undefined || typeof (rows as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw new ChurnkitError('INVALID_INPUT', `${FN}: rows must be an iterable of objects; received ${show(rows)}.`, {
      expected: 'an iterable of objects',
      received: rows,
    });
  }

  // Pass 1: validate rows and ids, collect column names and what their cells can be.
  const list: Readonly<Record<string, unknown>>[] = [];
  const ids: string[] = [];
  const seen = new Map<string, number>();
  const names: string[] = [];
  const canNumber = new Map<string, boolean>();
  const canTime = new Map<string, boolean>();
  let r = 0;
  for (const row of rows) {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      throw new ChurnkitError('INVALID_ROW', `${FN}: row ${r} must be an object; received ${show(row)}.`, {
        row: r,
        field: 'row',
        expected: 'an object of attribute values',
        received: row,
      });
    }
    const idv = row[idField];
    let id: string;
    if (typeof idv === 'string' && idv.trim() !== '') id = idv;
    else if (typeof idv === 'number' && Number.isFinite(idv)) id = String(idv);
    else {
      const missing = idv === undefined || idv === null || idv === '' || (typeof idv === 'string' && idv.trim() === '');
      throw new ChurnkitError(
        missing ? 'MISSING_CUSTOMER' : 'INVALID_CUSTOMER',
        `${FN}: row ${r}: field "${idField}" must be a non-empty string or a finite number; received ${show(idv)}.`,
        { row: r, field: idField, expected: 'a non-empty string or a finite number', received: idv },
      );
    }
    const prev = seen.get(id);
    if (prev !== undefined) {
      throw new ChurnkitError('DUPLICATE_CUSTOMER', `${FN}: row ${r}: customer id ${show(id)} already appeared in row ${prev}; ids must be unique.`, {
        row: r,
        field: idField,
        expected: 'a customer id not used by an earlier row',
        received: id,
      });
    }
    seen.set(id, r);
    ids.push(id);
    list.push(row);
    for (const name of Object.keys(row)) {
      if (name === idField) continue;
      const v = row[name];
      if (!canNumber.has(name)) {
        names.push(name);
        canNumber.set(name, true);
        canTime.set(name, true);
      }
      if (isMissing(v)) continue;
      const bad =
        (typeof v === 'object' && !(v instanceof Date)) ||
        (typeof v === 'number' && !Number.isFinite(v)) ||
        (v instanceof Date && Number.isNaN(v.getTime())) ||
        typeof v === 'function' ||
        typeof v === 'symbol' ||
        typeof v === 'bigint';
      if (bad) {
        throw new ChurnkitError('INVALID_VALUE', `${FN}: row ${r}: field "${name}" must be a string, finite number, boolean, Date or null; received ${show(v)}.`, {
          row: r,
          field: name,
          expected: 'a string, finite number, boolean, Date or null',
          received: v,
        });
      }
      if (canNumber.get(name) === true && Number.isNaN(asNumber(v))) canNumber.set(name, false);
      if (canTime.get(name) === true && Number.isNaN(asTime(v, false))) canTime.set(name, false);
    }
    r++;
  }
  for (const name of Object.keys(kinds)) {
    if (name === idField || !canNumber.has(name)) {
      throw new ChurnkitError('UNKNOWN_COLUMN', `${FN}: kinds names column "${name}", which no row has${name === idField ? ' (it is the id field)' : ''}.`, {
        path: ['kinds', name],
        field: name,
        expected: 'the name of an attribute column',
        received: name,
      });
    }
  }

  // Pass 2: fill the columns.
  const n = list.length;
  const columns = new Map<string, CustomerColumn>();
  for (const name of names) {
    const kind: CustomerColumnKind = kinds[name] ?? (canNumber.get(name) === true ? 'numeric' : canTime.get(name) === true ? 'time' : 'categorical');
    if (kind === 'categorical') {
      const values: (string | null)[] = new Array<string | null>(n);
      for (let i = 0; i < n; i++) {
        const v = list[i]![name];
        values[i] = isMissing(v) ? null : v instanceof Date ? v.toISOString() : String(v);
      }
      columns.set(name, Object.freeze({ kind, values: Object.freeze(values) }));
      continue;
    }
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = list[i]![name];
      if (isMissing(v)) {
        values[i] = NaN;
        continue;
      }
      const x = kind === 'numeric' ? asNumber(v) : asTime(v, true);
      if (Number.isNaN(x)) {
        const expected = kind === 'numeric' ? 'a finite number or numeric string' : 'a Date, ISO 8601 string or epoch ms';
        throw new ChurnkitError(kind === 'numeric' ? 'INVALID_VALUE' : 'INVALID_TIME', `${FN}: row ${i}: field "${name}" must be ${expected}; received ${show(v)}.`, {
          row: i,
          field: name,
          expected,
          received: v,
        });
      }
      values[i] = x;
    }
    columns.set(name, Object.freeze({ kind, values }));
  }
  return new CustomerTable(Object.freeze(ids), columns);
}
