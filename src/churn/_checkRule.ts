import { ROLES } from '../data/vocabulary.js';
import type { RuleIssue } from './RuleIssue.js';
import { isRuleNode, ruleIssue as issue } from './_ruleTree.js';

const KINDS = ['inactivity', 'cancellation', 'valueDrop', 'overdue', 'anyOf', 'allOf'] as const;
const MEASURES = ['spend', 'orders', 'activity'];

const ALLOWED: Record<(typeof KINDS)[number], readonly string[]> = {
  inactivity: ['kind', 'name', 'roles', 'types', 'days'],
  cancellation: ['kind', 'name', 'roles', 'types', 'undoRoles', 'undoTypes', 'effectiveDateAttr', 'graceDays'],
  valueDrop: ['kind', 'name', 'roles', 'types', 'measure', 'windowDays', 'baselineDays', 'ratio'],
  overdue: ['kind', 'name', 'roles', 'types', 'multiple', 'minPurchases', 'fallback'],
  anyOf: ['kind', 'name', 'rules'],
  allOf: ['kind', 'name', 'rules'],
};

/** Collects every problem in a candidate rule (never throws). @internal */
export function checkRule(rule: unknown): RuleIssue[] {
  const issues: RuleIssue[] = [];
  visit(rule, [], 0, new Set(), issues);
  return issues;
}

function visit(rule: unknown, path: (string | number)[], depth: number, seen: Set<object>, issues: RuleIssue[]): void {
  if (!isRuleNode(rule, path, depth, seen, issues, 'a churn rule object with a "kind"', 'rule')) return;
  const r = rule;
  const kind = r.kind;
  if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) {
    issue(issues, [...path, 'kind'], `one of ${KINDS.join(', ')}`, kind);
    return;
  }
  const k = kind as (typeof KINDS)[number];
  for (const key of Object.keys(r)) {
    if (!ALLOWED[k].includes(key)) issue(issues, [...path, key], `absent (a ${k} rule takes ${ALLOWED[k].join(', ')})`, r[key]);
  }
  if (r.name !== undefined && typeof r.name !== 'string') issue(issues, [...path, 'name'], 'a string', r.name);
  const num = (key: string, min: number, inclusive: boolean, max = Infinity, integer = false, optional = false): void => {
    const v = r[key];
    if (v === undefined && optional) return;
    const ok = typeof v === 'number' && Number.isFinite(v) && (inclusive ? v >= min : v > min) && v <= max && (!integer || Number.isInteger(v));
    if (!ok) {
      const range = `${inclusive ? '>=' : '>'} ${min}${max < Infinity ? ` and <= ${max}` : ''}`;
      issue(issues, [...path, key], `${integer ? 'an integer' : 'a finite number'} ${range}`, v);
    }
  };
  const selector = (rolesKey: string, typesKey: string): void => {
    const roles = r[rolesKey];
    if (roles !== undefined) {
      if (!Array.isArray(roles)) issue(issues, [...path, rolesKey], `an array of roles (${ROLES.join(', ')})`, roles);
      else roles.forEach((x: unknown, i) => {
        if (typeof x !== 'string' || !(ROLES as readonly string[]).includes(x)) issue(issues, [...path, rolesKey, i], `a role (${ROLES.join(', ')})`, x);
      });
    }
    const types = r[typesKey];
    if (types !== undefined) {
      if (!Array.isArray(types)) issue(issues, [...path, typesKey], 'an array of event type names', types);
      else types.forEach((x: unknown, i) => {
        if (typeof x !== 'string' || x === '') issue(issues, [...path, typesKey, i], 'a non-empty event type name', x);
      });
    }
  };
  seen.add(rule);
  switch (k) {
    case 'inactivity':
      selector('roles', 'types');
      num('days', 0, false);
      break;
    case 'cancellation':
      selector('roles', 'types');
      selector('undoRoles', 'undoTypes');
      if (r.effectiveDateAttr !== undefined && (typeof r.effectiveDateAttr !== 'string' || r.effectiveDateAttr === '')) {
        issue(issues, [...path, 'effectiveDateAttr'], 'a non-empty attribute name', r.effectiveDateAttr);
      }
      num('graceDays', 0, true, Infinity, false, true);
      break;
    case 'valueDrop':
      selector('roles', 'types');
      if (typeof r.measure !== 'string' || !MEASURES.includes(r.measure)) issue(issues, [...path, 'measure'], `one of ${MEASURES.join(', ')}`, r.measure);
      num('windowDays', 0, false);
      num('baselineDays', 0, false);
      num('ratio', 0, false, 1);
      break;
    case 'overdue':
      selector('roles', 'types');
      num('multiple', 0, false);
      num('minPurchases', 2, true, Infinity, true);
      if (r.fallback === undefined) issue(issues, [...path, 'fallback'], 'a churn rule for customers with fewer than minPurchases purchases', undefined);
      else visit(r.fallback, [...path, 'fallback'], depth + 1, seen, issues);
      break;
    case 'anyOf':
    case 'allOf': {
      const rules = r.rules;
      if (!Array.isArray(rules) || rules.length === 0) issue(issues, [...path, 'rules'], 'a non-empty array of churn rules', rules);
      else rules.forEach((x: unknown, i) => visit(x, [...path, 'rules', i], depth + 1, seen, issues));
      break;
    }
  }
  seen.delete(rule);
}
