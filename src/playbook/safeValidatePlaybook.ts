import type { Playbook, SafePlaybookResult } from './Playbook.js';
import { checkPlaybook } from './_checkPlaybook.js';

/**
 * Checks a playbook from an untrusted source and returns every problem instead of throwing.
 *
 * For dashboards and APIs that let people edit playbooks: show all issues at once, each with
 * the path of the bad field (`['strategies', 1, 'successRate']`), what was expected and what
 * was found. The same checks as {@link validatePlaybook}.
 *
 * @param playbook - a candidate playbook (any JSON value)
 * @returns `{ ok: true, value }` with the playbook typed, or `{ ok: false, issues }`
 * @example
 * ```ts
 * safeValidatePlaybook({ version: 1, name: 'x', strategies: [] });
 * // { ok: false, issues: [ { path: ['strategies'], expected: 'a non-empty array of strategies', ... } ] }
 * ```
 * @category Playbook
 */
export function safeValidatePlaybook(playbook: unknown): SafePlaybookResult {
  const issues = checkPlaybook(playbook);
  return issues.length === 0 ? { ok: true, value: playbook as Playbook } : { ok: false, issues };
}
