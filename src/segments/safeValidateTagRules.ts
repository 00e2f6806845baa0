import type { SafeRuleResult } from '../churn/RuleIssue.js';
import type { TagRule } from './TagRule.js';
import { checkTagRules } from './_tagEval.js';

/**
 * Checks tag rules from an untrusted source and returns every problem instead of throwing.
 *
 * For dashboards and APIs that store tag rules as JSON: show all issues at once, each with the
 * path of the bad field, what was expected and what was found. The checks are those of
 * {@link validateTagRules}; unknown fields are reported too, so a typo (`gt` for `gte`) never
 * passes silently.
 *
 * @param rules - a candidate array of tag rules (any JSON value)
 * @returns `{ ok: true, value }` with the rules typed, or `{ ok: false, issues }` (`code: 'INVALID_RULE'`, `path`, `message`, `expected`, `received`)
 * @example
 * ```ts
 * safeValidateTagRules([{ id: 'x', label: 'X', when: { feature: 'recency_days', gt: 60 } }]);
 * // { ok: false, issues: [
 * //   { path: ['rules', 0, 'when', 'gt'], expected: 'absent (a comparison takes "feature" and one operator: ...)', ... },
 * //   { path: ['rules', 0, 'when'], expected: 'a comparison with one operator: gte, lte, between, in, eq, missing', ... } ] }
 * ```
 * @category Segments
 */
export function safeValidateTagRules(rules: unknown): SafeRuleResult<readonly TagRule[]> {
  const issues = checkTagRules(rules);
  return issues.length === 0 ? { ok: true, value: rules as readonly TagRule[] } : { ok: false, issues };
}
