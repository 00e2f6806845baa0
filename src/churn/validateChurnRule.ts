import { throwFirstIssue } from '../internal/errors.js';
import type { ChurnRule } from './ChurnRule.js';
import { checkRule } from './_checkRule.js';

/**
 * Checks a churn rule and returns it typed, or throws on the first problem.
 *
 * Every churn function calls this on its `rule` argument, so a bad rule fails before any
 * work with the path of the offending field. Use {@link safeValidateChurnRule} to collect all
 * problems instead.
 *
 * @param rule - a candidate rule
 * @returns the same object, typed as a {@link ChurnRule}
 * @throws ChurnkitError `INVALID_RULE` with `path`, `expected` and `received` of the first problem
 * @example
 * ```ts
 * validateChurnRule({ kind: 'inactivity', days: 30, roles: ['purchase'] }); // ok
 * validateChurnRule({ kind: 'anyOf', rules: [{ kind: 'inactivity', days: -1 }] });
 * // throws ChurnkitError INVALID_RULE, path ['rules', 0, 'days']
 * ```
 * @category Churn
 */
export function validateChurnRule(rule: unknown): ChurnRule {
  return assertRule(rule, 'validateChurnRule');
}

/** Validates `rule` for function `fn`, throwing `INVALID_RULE`. @internal */
export function assertRule(rule: unknown, fn: string): ChurnRule {
  throwFirstIssue('INVALID_RULE', fn, checkRule(rule), 'safeValidateChurnRule');
  return rule as ChurnRule;
}
