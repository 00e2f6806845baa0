/**
 * One problem found in a churn rule by {@link safeValidateChurnRule}.
 *
 * @category Churn
 */
export interface RuleIssue {
  /** Always `'INVALID_RULE'`. */
  code: 'INVALID_RULE';
  /** Path of the bad field inside the rule, e.g. `['rules', 1, 'days']`. */
  path: (string | number)[];
  /** Human wording. */
  message: string;
  /** What was expected, in words. */
  expected: string;
  /** What was found. */
  received: unknown;
}

/** Result of {@link safeValidateChurnRule}. @category Churn */
export type SafeRuleResult<T> = { ok: true; value: T } | { ok: false; issues: RuleIssue[] };
