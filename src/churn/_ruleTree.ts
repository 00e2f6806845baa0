/**
 * The pieces every validator of a rule tree (churn rules, tag conditions) shares: how an issue
 * is recorded, and the checks each node starts with.
 *
 * @module
 */
import { show } from '../internal/errors.js';
import type { RuleIssue } from './RuleIssue.js';

/** How deep a rule tree may nest. */
const MAX_DEPTH = 32;

/** Records an `INVALID_RULE` issue at `path` ("rule" when the path is empty). @internal */
export function ruleIssue(issues: RuleIssue[], path: (string | number)[], expected: string, received: unknown): void {
  const where = path.length === 0 ? 'rule' : path.join('.');
  issues.push({ code: 'INVALID_RULE', path, message: `${where} must be ${expected}; received ${show(received)}.`, expected, received });
}

/**
 * The checks every node of a rule tree starts with — a plain object (else `expected`), not one
 * of its own ancestors in `seen` (a tree of `noun`s), at most MAX_DEPTH (32) levels deep —
 * recording the first that fails. @internal
 */
export function isRuleNode(
  node: unknown,
  path: (string | number)[],
  depth: number,
  seen: Set<object>,
  issues: RuleIssue[],
  expected: string,
  noun: string,
): node is Record<string, unknown> {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    ruleIssue(issues, path, expected, node);
    return false;
  }
  if (seen.has(node)) {
    ruleIssue(issues, path, `a tree of ${noun}s (this ${noun} contains itself)`, '[cycle]');
    return false;
  }
  if (depth > MAX_DEPTH) {
    ruleIssue(issues, path, `nested at most ${MAX_DEPTH} levels deep`, '[too deep]');
    return false;
  }
  return true;
}
