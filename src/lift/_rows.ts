import { ChurnkitError, show } from '../internal/errors.js';

/**
 * Checks shared by the inputs of the lift module: the row inputs (`evaluateCampaign`'s outcomes,
 * `measureWinBack`'s actions: the array itself, one row as an object, and its optional fields;
 * every failure names the function, the list and the row, path `[list, i, field]`), and the
 * array-like columns of the uplift metrics and `kaplanMeier`.
 *
 * @module
 * @internal
 */

/**
 * Throws unless `rows` is a non-empty array: `INVALID_INPUT` for a non-array (`typeName` names
 * the row type), `EMPTY_INPUT` (with `emptyExpected`) for an empty one. @internal
 */
export function checkRows(fn: string, list: string, rows: unknown, typeName: string, emptyExpected: string): asserts rows is readonly unknown[] {
  if (!Array.isArray(rows)) {
    throw new ChurnkitError('INVALID_INPUT', `${fn}: ${list} must be an array of ${typeName} rows; received ${show(rows)}.`, {
      path: [list], expected: `an array of ${typeName}`, received: rows,
    });
  }
  if (rows.length === 0) {
    throw new ChurnkitError('EMPTY_INPUT', `${fn}: ${list} is empty; a campaign needs treated and control customers.`, {
      path: [list], expected: emptyExpected,
    });
  }
}

/**
 * Row i as a record, or `INVALID_ROW` when it is not an object (`shape` lists its fields in the
 * message, e.g. `'customerId, group, retained, ...'`). @internal
 */
export function rowObject(fn: string, list: string, i: number, row: unknown, shape: string, expected: string): Record<string, unknown> {
  if (row === null || typeof row !== 'object') {
    throw new ChurnkitError('INVALID_ROW', `${fn}: ${list}[${i}] must be an object { ${shape} }; received ${show(row)}.`, {
      path: [list, i], row: i, expected, received: row,
    });
  }
  return row as Record<string, unknown>;
}

/** Throws `INVALID_INPUT` for field `field` of row i. @internal */
export function badField(fn: string, list: string, i: number, field: string, expected: string, received: unknown): never {
  throw new ChurnkitError('INVALID_INPUT', `${fn}: ${list}[${i}].${field} must be ${expected}; received ${show(received)}.`, {
    path: [list, i, field], row: i, field, expected, received,
  });
}

/** An optional string field: null when absent or null, else a string or {@link badField} with `expected`. @internal */
export function textField(fn: string, list: string, o: Record<string, unknown>, i: number, field: string, expected: string): string | null {
  const v = o[field];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') badField(fn, list, i, field, expected, v);
  return v;
}

/**
 * An optional number field: undefined when absent, else a finite number (≥ 0 when `nonNegative`)
 * or {@link badField} with `expected`. @internal
 */
export function numberField(
  fn: string, list: string, o: Record<string, unknown>, i: number, field: string, expected: string, nonNegative: boolean,
): number | undefined {
  const v = o[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || (nonNegative && v < 0)) badField(fn, list, i, field, expected, v);
  return v;
}

/**
 * Throws `INVALID_INPUT` (field `name`) unless `v` is array-like (an object with a numeric
 * `length`: an array or a typed array); `expected` says what it should hold. @internal
 */
export function checkArrayLike(fn: string, name: string, v: unknown, expected: string): asserts v is ArrayLike<unknown> {
  if (v === null || typeof v !== 'object' || typeof (v as { length?: unknown }).length !== 'number') {
    throw new ChurnkitError('INVALID_INPUT', `${fn}: ${name} must be ${expected}; received ${show(v)}.`, {
      field: name,
      expected,
      received: v,
    });
  }
}
