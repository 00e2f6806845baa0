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
