import { ChurnkitError } from '../internal/errors.js';
import type { ChurnModel } from './ChurnModel.js';
import { loadChurnModel } from './loadChurnModel.js';

/**
 * Result of {@link safeLoadChurnModel}: the model, or the problem with the payload.
 *
 * @category Models
 */
export type SafeLoadResult =
  | { ok: true; value: ChurnModel }
  | { ok: false; issues: { code: 'INVALID_MODEL'; path: readonly (string | number)[]; message: string; expected: string; received: unknown }[] };

/**
 * {@link loadChurnModel} for payloads from untrusted places (a database row, an upload, an API):
 * returns `{ ok: false, issues }` instead of throwing. The validation stops at the first bad
 * field, so `issues` holds one entry with its path.
 *
 * @param json - a candidate payload (any JSON value)
 * @returns `{ ok: true, value }` with the restored model, or `{ ok: false, issues }`
 * @example
 * ```ts
 * safeLoadChurnModel({ format: 'churnkit-model', version: 2 });
 * // { ok: false, issues: [{ code: 'INVALID_MODEL', path: ['version'], expected: '1 (the only version this churnkit reads)', … }] }
 * ```
 * @category Models
 */
export function safeLoadChurnModel(json: unknown): SafeLoadResult {
  try {
    return { ok: true, value: loadChurnModel(json) };
  } catch (e) {
    if (e instanceof ChurnkitError && e.code === 'INVALID_MODEL') {
      return { ok: false, issues: [{ code: 'INVALID_MODEL', path: e.path ?? [], message: e.message, expected: e.expected ?? '', received: e.received }] };
    }
    throw e;
  }
}
