import { ChurnkitError } from '../internal/errors.js';
import type { FeatureSpec } from './FeatureSpec.js';
import { validateFeatureSpecs } from './validateFeatureSpecs.js';

/** Result of {@link safeValidateFeatureSpecs}. @category Features */
export type SafeFeatureSpecs = { ok: true; value: FeatureSpec[] } | { ok: false; issue: ChurnkitError };

/**
 * {@link validateFeatureSpecs} without throwing: for specs edited in a dashboard or read from a
 * database, where a bad spec is a message to show, not a crash.
 *
 * @param specs - the specs, usually parsed JSON
 * @returns `{ ok: true, value }` or `{ ok: false, issue }` with the `INVALID_SPEC` error (code, path, expected, received)
 * @example
 * ```ts
 * const r = safeValidateFeatureSpecs([{ op: 'count', role: 'complaints' }]);
 * if (!r.ok) r.issue.path; // ['features', 0, 'role']
 * ```
 * @category Features
 */
export function safeValidateFeatureSpecs(specs: unknown): SafeFeatureSpecs {
  try {
    return { ok: true, value: validateFeatureSpecs(specs) };
  } catch (e) {
    if (e instanceof ChurnkitError) return { ok: false, issue: e };
    throw e;
  }
}
