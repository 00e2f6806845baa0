import type { TagRule } from './TagRule.js';
import { assertTagRules } from './_tagEval.js';

/**
 * Checks a list of tag rules and returns it typed, or throws on the first problem.
 *
 * {@link applyTags} calls this on its `rules` argument, so a bad rule fails before any work,
 * with the path of the offending field (`['rules', 2, 'when', 'all', 0, 'gte']`). Checked: each
 * rule is an object with a valid, unique `id`, a non-empty `label`, an optional string
 * `description` and a `when` condition; each comparison names a `feature` and exactly one
 * operator with a well-formed operand (finite numbers, quantiles in [0, 1], `between` with
 * low ≤ high when both ends are numbers or both quantiles, non-empty `in` lists of one type);
 * `all`/`any` are non-empty; no unknown fields. Whether the features exist is checked by
 * `applyTags` against the matrix. Use {@link safeValidateTagRules} to collect every problem.
 *
 * @param rules - a candidate array of tag rules (any JSON value)
 * @returns the same array, typed as {@link TagRule}s
 * @throws ChurnkitError `INVALID_RULE` with `path`, `expected` and `received` of the first problem
 * @example
 * ```ts
 * validateTagRules([{ id: 'new', label: 'New', when: { feature: 'tenure_days', lte: 30 } }]); // ok
 * validateTagRules([{ id: 'hv', label: 'High value', when: { feature: 'monetary_total', gte: { quantile: 1.5 } } }]);
 * // throws ChurnkitError INVALID_RULE, path ['rules', 0, 'when', 'gte', 'quantile']
 * ```
 * @category Segments
 */
export function validateTagRules(rules: unknown): readonly TagRule[] {
  return assertTagRules(rules, 'validateTagRules');
}
