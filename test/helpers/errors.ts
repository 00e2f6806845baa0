import { ChurnkitError } from '../../src/internal/errors.js';

/** The ChurnkitError that `f` throws; fails the test when it throws nothing or something else. */
export function caught(f: () => unknown): ChurnkitError {
  try {
    f();
  } catch (e) {
    if (e instanceof ChurnkitError) return e;
    throw e;
  }
  throw new Error('expected a ChurnkitError');
}

/** The code of the ChurnkitError that `f` throws, or `'no error'`. */
export function errorCode(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof ChurnkitError) return e.code;
    throw e;
  }
  return 'no error';
}
