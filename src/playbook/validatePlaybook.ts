import { throwFirstIssue } from '../internal/errors.js';
import type { Playbook } from './Playbook.js';
import { checkPlaybook } from './_checkPlaybook.js';

/**
 * Checks a playbook and returns it typed, or throws on the first problem.
 *
 * Playbooks are data that users store and edit (a dashboard, a database, a JSON file), so
 * {@link recommendActions} runs this on its `playbook` option before any work. Checks: version
 * 1, a name, a non-empty list of strategies with unique ids, each with `appliesTo` (known
 * personas, tag or segment names, or `fallback: true`), channel, action, `successRate` in
 * [0, 1], `cost` ≥ 0 and at least one KPI; risk priors in [0, 1]; no unknown fields (a typo
 * such as `sucessRate` never passes silently). Use {@link safeValidatePlaybook} to list all
 * problems at once.
 *
 * @param playbook - a candidate playbook (any JSON value)
 * @returns the same object, typed as a {@link Playbook}
 * @throws ChurnkitError `INVALID_PLAYBOOK` with `path`, `expected` and `received` of the first problem
 * @example
 * ```ts
 * validatePlaybook(DEFAULT_PLAYBOOK); // ok, returns DEFAULT_PLAYBOOK
 * validatePlaybook({ ...DEFAULT_PLAYBOOK, strategies: [{ ...DEFAULT_PLAYBOOK.strategies[0], cost: -1 }] });
 * // throws ChurnkitError INVALID_PLAYBOOK, path ['strategies', 0, 'cost']
 * ```
 * @category Playbook
 */
export function validatePlaybook(playbook: unknown): Playbook {
  return assertPlaybook(playbook, 'validatePlaybook');
}

/** Validates `playbook` for function `fn`, throwing `INVALID_PLAYBOOK`. @internal */
export function assertPlaybook(playbook: unknown, fn: string, prefix: (string | number)[] = []): Playbook {
  throwFirstIssue('INVALID_PLAYBOOK', fn, checkPlaybook(playbook), 'safeValidatePlaybook', prefix);
  return playbook as Playbook;
}
