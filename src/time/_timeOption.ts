import { ChurnkitError, show } from '../internal/errors.js';
import { toEpochMs } from '../internal/time.js';

/**
 * Reads a time option (`Date`, ISO 8601 string or epoch ms) into epoch ms, throwing
 * `INVALID_TIME` with the option's name when it is not a valid time.
 *
 * @internal
 */
export function timeOption(fn: string, name: string, v: unknown): number {
  const t = toEpochMs(v);
  if (Number.isNaN(t)) {
    throw new ChurnkitError('INVALID_TIME', `${fn}: option "${name}" must be a Date, ISO 8601 string or epoch ms; received ${show(v)}.`, {
      path: [name],
      field: name,
      expected: 'a Date, ISO 8601 string or epoch ms',
      received: v,
    });
  }
  return t;
}

/** Reads a finite number option, throwing `INVALID_OPTION` otherwise. @internal */
export function numberOption(fn: string, name: string, v: unknown, min: number, minInclusive: boolean): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || (minInclusive ? v < min : v <= min)) {
    const expected = `a finite number ${minInclusive ? '>=' : '>'} ${min}`;
    throw new ChurnkitError('INVALID_OPTION', `${fn}: option "${name}" must be ${expected}; received ${show(v)}.`, {
      path: [name],
      field: name,
      expected,
      received: v,
    });
  }
  return v;
}
