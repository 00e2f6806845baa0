import { ChurnkitError, show } from '../../internal/errors.js';

/** Throws `INVALID_MODEL` for the field at `path`. @internal */
export type PayloadFail = (path: (string | number)[], expected: string, received: unknown) => never;

/**
 * Opens a versioned model payload: checks that it is an object with the given `format` tag and
 * version 1, and returns it with the `fail` function the loader uses for its own fields. The
 * one envelope check behind every BTYD `load…` function.
 *
 * @internal
 */
export function openPayload<T>(fn: string, json: unknown, format: string, producer: string): { j: Partial<T>; fail: PayloadFail } {
  const fail: PayloadFail = (path, expected, received) => {
    throw new ChurnkitError('INVALID_MODEL', `${fn}: ${path.join('.') || 'payload'} must be ${expected}; received ${show(received)}.`, { path, expected, received });
  };
  if (json === null || typeof json !== 'object') fail([], `an object from ${producer}.toJSON()`, json);
  const j = json as Partial<T> & { format?: unknown; version?: unknown };
  if (j.format !== format) fail(['format'], `"${format}"`, j.format);
  if (j.version !== 1) fail(['version'], '1', j.version);
  return { j, fail };
}
