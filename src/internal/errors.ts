/**
 * Stable error codes. A code never changes meaning once released; new failure kinds get
 * new codes. Callers branch on `code`, never on the message.
 *
 * @category Errors
 */
export type ErrorCode =
  // ingestion: one per rejected row
  | 'MISSING_CUSTOMER'
  | 'INVALID_CUSTOMER'
  | 'MISSING_TIME'
  | 'INVALID_TIME'
  | 'MISSING_TYPE'
  | 'INVALID_TYPE'
  | 'INVALID_VALUE'
  | 'INVALID_QUANTITY'
  | 'INVALID_TEXT'
  | 'INVALID_ATTRS'
  | 'INVALID_ROW'
  | 'CSV_SYNTAX'
  | 'JSON_SYNTAX'
  // configuration and arguments
  | 'INVALID_OPTION'
  | 'INVALID_MAPPING'
  | 'UNKNOWN_COLUMN'
  | 'UNKNOWN_CUSTOMER'
  | 'UNKNOWN_ROLE'
  | 'TOO_MANY_TYPES'
  | 'INVALID_RULE'
  | 'INVALID_SPEC'
  | 'INVALID_INPUT'
  | 'EMPTY_INPUT'
  | 'SINGLE_CLASS_LABELS'
  | 'LENGTH_MISMATCH'
  | 'NOT_CONVERGED'
  | 'INVALID_MODEL'
  | 'IO_ERROR'
  | 'DUPLICATE_CUSTOMER'
  | 'INVALID_PLAYBOOK'
  | 'EMPTY_ARM';

/** Fields that locate and explain a failure. */
export interface ErrorDetails {
  /** Path of the offending field inside a config object, e.g. `['rules', 2, 'days']`. */
  path?: readonly (string | number)[];
  /** Zero-based index of the input row (after any header line) that failed. */
  row?: number;
  /** Name of the input field or column that failed. */
  field?: string;
  /** What was expected, in words: `"an ISO 8601 date, epoch ms or Date"`. */
  expected?: string;
  /** The value received (strings are cut to 200 characters). */
  received?: unknown;
}

/**
 * The one error class churnkit throws.
 *
 * Every failure carries a stable {@link ErrorCode} and, where it applies, the row or
 * config path it came from and what was expected, so that callers can report it to the
 * person who supplied the data.
 *
 * @example
 * ```ts
 * try { createEventLog([{ customerId: 'a', time: 'yesterday', type: 'order' }]); }
 * catch (e) { if (e instanceof ChurnkitError) console.log(e.code, e.row); } // 'INVALID_TIME' 0
 * ```
 * @category Errors
 */
export class ChurnkitError extends Error {
  /** Stable, machine-readable reason. */
  readonly code: ErrorCode;
  /** Path inside a config object, when the failure is in configuration. */
  readonly path: readonly (string | number)[] | undefined;
  /** Input row index, when the failure is in data. */
  readonly row: number | undefined;
  /** Input field or column name. */
  readonly field: string | undefined;
  /** What was expected, in words. */
  readonly expected: string | undefined;
  /** The value received. */
  readonly received: unknown;

  /**
   * @param code - stable error code
   * @param message - human wording, naming the function and what it needed
   * @param details - row, path, field, expected and received
   */
  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'ChurnkitError';
    this.code = code;
    this.path = details.path;
    this.row = details.row;
    this.field = details.field;
    this.expected = details.expected;
    this.received = clip(details.received);
  }
}

function clip(v: unknown): unknown {
  return typeof v === 'string' && v.length > 200 ? `${v.slice(0, 200)}…` : v;
}

/** Shows a received value in an error message. @internal */
export function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (v instanceof Date) return `Date(${Number.isNaN(v.getTime()) ? 'Invalid' : v.toISOString()})`;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  try {
    const s = JSON.stringify(v);
    return s === undefined ? typeof v : s.length > 60 ? `${s.slice(0, 60)}…` : s;
  } catch {
    return typeof v;
  }
}

/** Throws `INVALID_OPTION` for a bad option. @internal */
export function invalidOption(fn: string, name: string, expected: string, received: unknown): never {
  throw new ChurnkitError(
    'INVALID_OPTION',
    `${fn}: option "${name}" must be ${expected}; received ${show(received)}.`,
    { path: [name], field: name, expected, received },
  );
}

/** One problem found by a config validator (rules, tag rules, playbooks). @internal */
export interface ConfigIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly expected?: string;
  readonly received?: unknown;
}

/**
 * The throwing side of a `validate…`/`safeValidate…` pair: the first issue as a ChurnkitError
 * with its path (under `prefix`), and how many more `safeName` would list. Returns when there is
 * no issue. @internal
 */
export function throwFirstIssue(code: ErrorCode, fn: string, issues: readonly ConfigIssue[], safeName: string, prefix: readonly (string | number)[] = []): void {
  const first = issues[0];
  if (first === undefined) return;
  const more = issues.length > 1 ? ` (${issues.length - 1} more issue${issues.length > 2 ? 's' : ''}; ${safeName} lists them all)` : '';
  const where = prefix.length > 0 ? `${prefix.join('.')}.` : '';
  throw new ChurnkitError(code, `${fn}: ${where}${first.message}${more}`, { path: [...prefix, ...first.path], expected: first.expected, received: first.received });
}
