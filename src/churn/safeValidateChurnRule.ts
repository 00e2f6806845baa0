import type { ChurnRule } from './ChurnRule.js';
import type { SafeRuleResult } from './RuleIssue.js';
import { checkRule } from './_checkRule.js';

/**
 * Checks a churn rule from an untrusted source and returns every problem instead of throwing.
 *
 * For dashboards and APIs that store rules as JSON: show all issues at once, each with the
 * path of the bad field (`['rules', 1, 'days']`), what was expected and what was found.
 * Unknown fields are reported too, so a typo (`day` for `days`) never passes silently.
 *
 * @param rule - a candidate rule (any JSON value)
 * @returns `{ ok: true, value }` with the rule typed, or `{ ok: false, issues }`
 * @example
 * ```ts
 * safeValidateChurnRule({ kind: 'inactivity', day: 30 });
 * // { ok: false, issues: [ { path: ['day'], ... }, { path: ['days'], expected: 'a finite number > 0', ... } ] }
 * ```
 * @category Churn
 */
export function safeValidateChurnRule(rule: unknown): SafeRuleResult<ChurnRule> {
  const issues = checkRule(rule);
  return issues.length === 0 ? { ok: true, value: rule as ChurnRule } : { ok: false, issues };
}
