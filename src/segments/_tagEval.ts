/**
 * Internal engine of the tag rules: run-time validation (collecting every issue with its path),
 * compilation against a feature matrix (quantiles resolved once per (feature, q), level names
 * turned into codes) and columnar evaluation in three-valued logic.
 *
 * @module
 */
import { isPlainObject } from '../internal/args.js';
import { ChurnkitError, show, throwFirstIssue } from '../internal/errors.js';
import type { RuleIssue } from '../churn/RuleIssue.js';
import { isRuleNode, ruleIssue as issue } from '../churn/_ruleTree.js';
import { quantileSorted, sortedFinite } from '../internal/quantile.js';
import type { FeatureMatrix, FeatureMeta } from '../features/FeatureMatrix.js';
import type { TagClause, TagCondition, TagOperator, TagReason, TagRule, TagThreshold } from './TagRule.js';

type Path = (string | number)[];

/** Operators of a comparison, in the order they are reported. */
const TAG_OPERATORS: readonly TagOperator[] = ['gte', 'lte', 'between', 'in', 'eq', 'missing'];
const COMBINATORS = ['all', 'any', 'not'] as const;
const RULE_KEYS = ['id', 'label', 'description', 'when'];
const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
const CONDITION = 'a condition: { feature, <operator> } or { all: [...] } | { any: [...] } | { not: condition }';
const THRESHOLD = 'a finite number or { quantile: q } with q in [0, 1]';

// ---------------------------------------------------------------------------------------------
// Validation

/** Collects every problem in a candidate list of tag rules (never throws). @internal */
export function checkTagRules(rules: unknown): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (!Array.isArray(rules)) {
    issue(issues, ['rules'], 'an array of tag rules', rules);
    return issues;
  }
  const firstIndex = new Map<string, number>();
  rules.forEach((rule: unknown, i) => {
    const path: Path = ['rules', i];
    if (!isPlainObject(rule)) {
      issue(issues, path, 'a tag rule object { id, label, description?, when }', rule);
      return;
    }
    for (const key of Object.keys(rule)) {
      if (!RULE_KEYS.includes(key)) issue(issues, [...path, key], `absent (a tag rule takes ${RULE_KEYS.join(', ')})`, rule[key]);
    }
    const id = rule.id;
    if (typeof id !== 'string' || !ID_PATTERN.test(id) || id === '__proto__') {
      issue(issues, [...path, 'id'], 'an id of 1–64 letters, digits, "_", "-", ".", ":" (not "__proto__")', id);
    } else if (firstIndex.has(id)) {
      issue(issues, [...path, 'id'], `a unique id (rules[${firstIndex.get(id)}] already uses it)`, id);
    } else {
      firstIndex.set(id, i);
    }
    if (typeof rule.label !== 'string' || rule.label.trim() === '') issue(issues, [...path, 'label'], 'a non-empty string', rule.label);
    if (rule.description !== undefined && typeof rule.description !== 'string') issue(issues, [...path, 'description'], 'a string', rule.description);
    if (!('when' in rule)) issue(issues, [...path, 'when'], CONDITION, undefined);
    else visitCondition(rule.when, [...path, 'when'], 0, new Set(), issues);
  });
  return issues;
}

function visitCondition(c: unknown, path: Path, depth: number, seen: Set<object>, issues: RuleIssue[]): void {
  if (!isRuleNode(c, path, depth, seen, issues, CONDITION, 'condition')) return;
  const keys = Object.keys(c);
  const combs = keys.filter((k) => (COMBINATORS as readonly string[]).includes(k));
  seen.add(c);
  if (combs.length > 0) {
    const comb = combs[0]!;
    for (const key of keys) {
      if (key !== comb) issue(issues, [...path, key], `absent (a condition has one combinator; this one is "${comb}")`, c[key]);
    }
    const body = c[comb];
    if (comb === 'not') {
      visitCondition(body, [...path, 'not'], depth + 1, seen, issues);
    } else if (!Array.isArray(body) || body.length === 0) {
      issue(issues, [...path, comb], 'a non-empty array of conditions', body);
    } else {
      body.forEach((x: unknown, k) => visitCondition(x, [...path, comb, k], depth + 1, seen, issues));
    }
  } else if ('feature' in c || keys.some((k) => (TAG_OPERATORS as readonly string[]).includes(k))) {
    if (typeof c.feature !== 'string' || c.feature === '') issue(issues, [...path, 'feature'], 'a feature name (non-empty string)', c.feature);
    for (const key of keys) {
      if (key !== 'feature' && !(TAG_OPERATORS as readonly string[]).includes(key)) {
        issue(issues, [...path, key], `absent (a comparison takes "feature" and one operator: ${TAG_OPERATORS.join(', ')})`, c[key]);
      }
    }
    const ops = TAG_OPERATORS.filter((k) => k in c);
    if (ops.length === 0) {
      issue(issues, path, `a comparison with one operator: ${TAG_OPERATORS.join(', ')}`, c);
    } else {
      for (const extra of ops.slice(1)) issue(issues, [...path, extra], `absent (one operator per comparison; this one has "${ops[0]}")`, c[extra]);
      checkOperand(ops[0]!, c[ops[0]!], [...path, ops[0]!], issues);
    }
  } else {
    issue(issues, path, CONDITION, c);
  }
  seen.delete(c);
}

function checkThreshold(v: unknown, path: Path, issues: RuleIssue[]): boolean {
  if (typeof v === 'number') {
    if (Number.isFinite(v)) return true;
    issue(issues, path, THRESHOLD, v);
    return false;
  }
  if (isPlainObject(v) && 'quantile' in v) {
    let ok = true;
    for (const key of Object.keys(v)) {
      if (key !== 'quantile') {
        issue(issues, [...path, key], 'absent (a quantile threshold is { quantile: q })', v[key]);
        ok = false;
      }
    }
    const q = v.quantile;
    if (typeof q !== 'number' || !Number.isFinite(q) || q < 0 || q > 1) {
      issue(issues, [...path, 'quantile'], 'a number in [0, 1]', q);
      ok = false;
    }
    return ok;
  }
  issue(issues, path, THRESHOLD, v);
  return false;
}

function checkOperand(op: TagOperator, v: unknown, path: Path, issues: RuleIssue[]): void {
  switch (op) {
    case 'gte':
    case 'lte':
      checkThreshold(v, path, issues);
      return;
    case 'between': {
      if (!Array.isArray(v) || v.length !== 2) {
        issue(issues, path, 'a range [low, high] of two thresholds (inclusive)', v);
        return;
      }
      const okLow = checkThreshold(v[0], [...path, 0], issues);
      const okHigh = checkThreshold(v[1], [...path, 1], issues);
      if (okLow && okHigh) {
        const [a, b] = v as [TagThreshold, TagThreshold];
        const bothNumbers = typeof a === 'number' && typeof b === 'number' && a > b;
        const bothQuantiles = typeof a === 'object' && typeof b === 'object' && a.quantile > b.quantile;
        if (bothNumbers || bothQuantiles) issue(issues, path, 'a range [low, high] with low ≤ high', v);
      }
      return;
    }
    case 'in': {
      if (!Array.isArray(v) || v.length === 0) {
        issue(issues, path, 'a non-empty array of numbers, or of level names', v);
        return;
      }
      const numbers = typeof v[0] === 'number';
      v.forEach((x: unknown, k) => {
        if (numbers ? typeof x !== 'number' || !Number.isFinite(x) : typeof x !== 'string') {
          issue(issues, [...path, k], numbers ? 'a finite number (the list starts with a number)' : 'a level name string (the list starts with a string)', x);
        }
      });
      return;
    }
    case 'eq':
      if (!(typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) issue(issues, path, 'a finite number or a level name', v);
      return;
    case 'missing':
      if (typeof v !== 'boolean') issue(issues, path, 'true or false', v);
      return;
  }
}

/** Validates `rules` for function `fn`, throwing `INVALID_RULE` on the first issue. @internal */
export function assertTagRules(rules: unknown, fn: string): readonly TagRule[] {
  throwFirstIssue('INVALID_RULE', fn, checkTagRules(rules), 'safeValidateTagRules');
  return rules as readonly TagRule[];
}

// ---------------------------------------------------------------------------------------------
// Compilation and evaluation. Truth values are coded F = 0, U = 1 (unknown), T = 2, so that
// Kleene's strong logic is all = min, any = max, not = 2 − x.

/** Truth codes. @internal */
export const F = 0;
/** @internal */
export const U = 1;
/** @internal */
export const T = 2;

/** A compiled condition with its truth column. @internal */
export type TagNode =
  | { kind: 'leaf'; clause: TagClause; column: Float64Array; meta: FeatureMeta; out: Uint8Array }
  | { kind: 'all' | 'any'; parts: TagNode[]; out: Uint8Array }
  | { kind: 'not'; part: TagNode; out: Uint8Array };

/**
 * Resolves quantile thresholds over the finite values of a column, sorting each column once and
 * caching each (feature, q). Type 7 of Hyndman & Fan (1996), numpy's default: with the n finite
 * values sorted x₀ ≤ … ≤ x₍ₙ₋₁₎ and h = (n − 1)·q, Q(q) = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋).
 * NaN when the column has no finite value. @internal
 */
export class QuantileCache {
  private readonly sorted = new Map<string, Float64Array>();
  private readonly values = new Map<string, number>();
  constructor(private readonly population: FeatureMatrix) {}

  /** Q(q) of column `feature` (the caller has checked the population has it). */
  get(feature: string, column: Float64Array, q: number): number {
    const key = `${feature}\u0000${q}`;
    const hit = this.values.get(key);
    if (hit !== undefined) return hit;
    let xs = this.sorted.get(feature);
    if (xs === undefined) {
      xs = sortedFinite(column);
      this.sorted.set(feature, xs);
    }
    const value = quantileSorted(xs, q);
    this.values.set(key, value);
    return value;
  }

  /** The population matrix the quantiles are taken over. */
  get matrix(): FeatureMatrix {
    return this.population;
  }
}

/** Compiles and evaluates one rule's condition over every row. @internal */
export function compileCondition(c: TagCondition, rulePath: Path, relPath: Path, matrix: FeatureMatrix, quantiles: QuantileCache, fn: string, leaves: TagClause[]): TagNode {
  const n = matrix.customerIds.length;
  const out = new Uint8Array(n);
  if ('all' in c || 'any' in c) {
    const kind = 'all' in c ? 'all' : 'any';
    const list = 'all' in c ? c.all : c.any;
    const parts = list.map((x, k) => compileCondition(x, rulePath, [...relPath, kind, k], matrix, quantiles, fn, leaves));
    out.fill(kind === 'all' ? T : F);
    for (const p of parts) {
      const v = p.out;
      if (kind === 'all') for (let r = 0; r < n; r++) out[r] = Math.min(out[r]!, v[r]!);
      else for (let r = 0; r < n; r++) out[r] = Math.max(out[r]!, v[r]!);
    }
    return { kind, parts, out };
  }
  if ('not' in c) {
    const part = compileCondition(c.not, rulePath, [...relPath, 'not'], matrix, quantiles, fn, leaves);
    for (let r = 0; r < n; r++) out[r] = T - part.out[r]!;
    return { kind: 'not', part, out };
  }
  return compileLeaf(c, rulePath, relPath, matrix, quantiles, fn, out, leaves);
}

function fail(fn: string, path: Path, expected: string, received: unknown, what: string): never {
  throw new ChurnkitError('INVALID_RULE', `${fn}: ${path.join('.')} ${what}; expected ${expected}.`, { path, expected, received });
}

function compileLeaf(c: Extract<TagCondition, { feature: string }>, rulePath: Path, relPath: Path, matrix: FeatureMatrix, quantiles: QuantileCache, fn: string, out: Uint8Array, leaves: TagClause[]): TagNode {
  const feature = c.feature;
  const fullPath = [...rulePath, ...relPath];
  const j = matrix.names.indexOf(feature);
  if (j < 0) {
    throw new ChurnkitError('UNKNOWN_COLUMN', `${fn}: ${fullPath.join('.')} compares feature "${feature}", which the matrix does not have.`, {
      path: [...fullPath, 'feature'],
      field: feature,
      expected: 'a feature name of the matrix',
      received: feature,
    });
  }
  const column = matrix.columns[j]!;
  const meta = matrix.meta[j]!;
  const categorical = meta.kind === 'categorical';
  const levels = meta.levels ?? [];
  const op = TAG_OPERATORS.find((k) => k in c)!;
  const opPath = [...fullPath, op];
  const n = column.length;

  const resolve = (t: TagThreshold, path: Path): number => {
    if (typeof t === 'number') return t;
    const pop = quantiles.matrix;
    const pj = pop.names.indexOf(feature);
    if (pj < 0) {
      throw new ChurnkitError('UNKNOWN_COLUMN', `${fn}: ${path.join('.')} asks for a quantile of "${feature}", which the reference matrix does not have.`, {
        path,
        field: feature,
        expected: 'a feature name of the reference matrix',
        received: feature,
      });
    }
    return quantiles.get(feature, pop.columns[pj]!, t.quantile);
  };
  const levelCode = (name: string, path: Path): number => {
    const code = levels.indexOf(name);
    if (code < 0) fail(fn, path, `one of the levels ${levels.map((l) => JSON.stringify(l)).join(', ')}`, name, `names level ${show(name)}, which categorical feature "${feature}" does not have`);
    return code;
  };

  let clause: TagClause;
  if (op === 'gte' || op === 'lte' || op === 'between') {
    if (categorical) fail(fn, opPath, 'in or eq with level names (the column is categorical: its codes have no order)', (c as Record<string, unknown>)[op], `orders categorical feature "${feature}"`);
    let lo = -Infinity;
    let hi = Infinity;
    if (op === 'gte' || op === 'lte') {
      const t = (c as unknown as Record<string, TagThreshold>)[op]!;
      const x = resolve(t, opPath);
      if (op === 'gte') lo = x;
      else hi = x;
      clause = { path: relPath, feature, op, threshold: x, ...(typeof t === 'object' ? { quantile: t.quantile } : {}) };
    } else {
      const [a, b] = (c as { between: readonly [TagThreshold, TagThreshold] }).between;
      lo = resolve(a, [...opPath, 0]);
      hi = resolve(b, [...opPath, 1]);
      const qa = typeof a === 'object' ? a.quantile : null;
      const qb = typeof b === 'object' ? b.quantile : null;
      clause = { path: relPath, feature, op, threshold: Object.freeze([lo, hi] as [number, number]), ...(qa !== null || qb !== null ? { quantile: Object.freeze([qa, qb] as [number | null, number | null]) } : {}) };
    }
    if (Number.isNaN(lo) || Number.isNaN(hi)) out.fill(U);
    else for (let r = 0; r < n; r++) {
      const v = column[r]!;
      out[r] = v >= lo && v <= hi ? T : v !== v ? U : F;
    }
  } else if (op === 'missing') {
    const flag = (c as { missing: boolean }).missing;
    for (let r = 0; r < n; r++) out[r] = (column[r] !== column[r]) === flag ? T : F;
    clause = { path: relPath, feature, op, threshold: flag };
  } else {
    // in / eq: a set of allowed values.
    const raw = op === 'eq' ? [(c as { eq: number | string }).eq] : [...(c as { in: readonly (number | string)[] }).in];
    if (categorical) {
      const allowed = new Uint8Array(levels.length);
      raw.forEach((x, k) => {
        const path = op === 'eq' ? opPath : [...opPath, k];
        if (typeof x !== 'string') fail(fn, path, `a level name (the column is categorical with levels ${levels.map((l) => JSON.stringify(l)).join(', ')})`, x, `compares categorical feature "${feature}" with a number`);
        allowed[levelCode(x, path)] = 1;
      });
      for (let r = 0; r < n; r++) {
        const v = column[r]!;
        out[r] = v !== v ? U : allowed[v] === 1 ? T : F;
      }
    } else {
      raw.forEach((x, k) => {
        if (typeof x !== 'number') fail(fn, op === 'eq' ? opPath : [...opPath, k], `a number (feature "${feature}" is ${meta.kind}, not categorical)`, x, `compares ${meta.kind} feature "${feature}" with a level name`);
      });
      const set = new Set(raw as number[]);
      for (let r = 0; r < n; r++) {
        const v = column[r]!;
        out[r] = v !== v ? U : set.has(v) ? T : F;
      }
    }
    clause = { path: relPath, feature, op, threshold: op === 'eq' ? raw[0]! : Object.freeze(raw) as readonly number[] | readonly string[] };
  }
  Object.freeze(clause);
  leaves.push(clause);
  return { kind: 'leaf', clause, column, meta, out };
}

/** The comparisons that made `node` take its value at `row` (see TagExplanation.clauses). @internal */
export function reasonsAt(node: TagNode, row: number, into: TagReason[]): void {
  const v = node.out[row]!;
  if (node.kind === 'leaf') {
    const x = node.column[row]!;
    const value = x !== x ? null : node.meta.kind === 'categorical' ? (node.meta.levels?.[x] ?? null) : x;
    into.push({ ...node.clause, value, held: v === T });
  } else if (node.kind === 'not') {
    reasonsAt(node.part, row, into);
  } else {
    // all: true because every part is true; false because of the false parts.
    // any: false because every part is false; true because of the true parts.
    // Unknown (either): because of the parts that are not true.
    const every = node.kind === 'all' ? v === T : v === F;
    for (const p of node.parts) {
      const pv = p.out[row]!;
      if (every || pv === v || (v === U && pv !== T)) reasonsAt(p, row, into);
    }
  }
}
