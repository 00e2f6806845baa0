import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { safeValidateTagRules } from '../../src/segments/safeValidateTagRules.js';
import { validateTagRules } from '../../src/segments/validateTagRules.js';
import { caught } from '../helpers/errors.js';

/** Paths of every issue safeValidateTagRules finds. */
function paths(rules: unknown): (string | number)[][] {
  const r = safeValidateTagRules(rules);
  return r.ok ? [] : r.issues.map((i) => i.path);
}

const rule = (when: unknown, extra: Record<string, unknown> = {}) => ({ id: 't', label: 'T', when, ...extra });
const ok = { feature: 'x', gte: 1 };

describe('validateTagRules / safeValidateTagRules: each malformed shape, with its exact path', () => {
  it('accepts well-formed rules and returns the same array', () => {
    const rules = [
      rule({ all: [{ feature: 'x', gte: { quantile: 0.8 } }, { not: { feature: 'p', in: ['a', 'b'] } }] }),
      { id: 'b.2:x-y', label: 'B', description: 'd', when: { any: [{ feature: 'x', between: [0, { quantile: 1 }] }, { feature: 'f', eq: 1 }, { feature: 'f', missing: true }] } },
      { id: 'c', label: 'C', when: { feature: 'x', between: [{ quantile: 0 }, { quantile: 0 }] } },
      { id: 'd', label: 'D', when: { feature: 'x', between: [5, { quantile: 0.1 }] } }, // mixed ends: checked at apply time
    ];
    expect(validateTagRules(rules)).toBe(rules);
    const r = safeValidateTagRules(rules);
    expect(r.ok && r.value).toBe(rules);
    expect(paths([])).toEqual([]);
  });

  it('non-array, non-object rule, missing or bad id, duplicate ids, bad label, unknown field, missing when', () => {
    expect(paths({ id: 't' })).toEqual([['rules']]);
    expect(paths([5, null, []])).toEqual([['rules', 0], ['rules', 1], ['rules', 2]]);
    expect(paths([{ label: 'T', when: ok }])).toEqual([['rules', 0, 'id']]);
    expect(paths([rule(ok, { id: 'has space' })])).toEqual([['rules', 0, 'id']]);
    expect(paths([rule(ok, { id: 'x'.repeat(65) })])).toEqual([['rules', 0, 'id']]);
    expect(paths([rule(ok, { id: '__proto__' })])).toEqual([['rules', 0, 'id']]);
    expect(paths([rule(ok), rule(ok, { id: 'u' }), rule(ok)])).toEqual([['rules', 2, 'id']]);
    expect(paths([rule(ok, { label: '  ' }), rule(ok, { id: 'v', label: 3 })])).toEqual([['rules', 0, 'label'], ['rules', 1, 'label']]);
    expect(paths([rule(ok, { description: 1 })])).toEqual([['rules', 0, 'description']]);
    expect(paths([rule(ok, { colour: 'red' })])).toEqual([['rules', 0, 'colour']]);
    expect(paths([{ id: 't', label: 'T' }])).toEqual([['rules', 0, 'when']]);
  });

  it('the duplicate-id issue names the first use', () => {
    const r = safeValidateTagRules([rule(ok), rule(ok)]);
    expect(r.ok ? null : r.issues[0]).toEqual({
      code: 'INVALID_RULE',
      path: ['rules', 1, 'id'],
      message: 'rules.1.id must be a unique id (rules[0] already uses it); received "t".',
      expected: 'a unique id (rules[0] already uses it)',
      received: 't',
    });
  });

  it('unknown operator, two operators in one clause, no operator, bad feature name', () => {
    expect(paths([rule({ feature: 'x', gt: 5 })])).toEqual([['rules', 0, 'when', 'gt'], ['rules', 0, 'when']]);
    expect(paths([rule({ feature: 'x', gte: 1, lte: 2 })])).toEqual([['rules', 0, 'when', 'lte']]);
    expect(paths([rule({ feature: 'x', gte: 1, lte: 2, eq: 3 })])).toEqual([['rules', 0, 'when', 'lte'], ['rules', 0, 'when', 'eq']]);
    expect(paths([rule({ feature: 'x' })])).toEqual([['rules', 0, 'when']]);
    expect(paths([rule({ feature: '', gte: 1 })])).toEqual([['rules', 0, 'when', 'feature']]);
    expect(paths([rule({ gte: 1 })])).toEqual([['rules', 0, 'when', 'feature']]);
    expect(paths([rule({ size: 1 })])).toEqual([['rules', 0, 'when']]);
    expect(paths([rule('x >= 1')])).toEqual([['rules', 0, 'when']]);
  });

  it('thresholds: finite numbers or quantiles in [0, 1]', () => {
    expect(paths([rule({ feature: 'x', gte: { quantile: 1.2 } })])).toEqual([['rules', 0, 'when', 'gte', 'quantile']]);
    expect(paths([rule({ feature: 'x', lte: { quantile: -0.1 } })])).toEqual([['rules', 0, 'when', 'lte', 'quantile']]);
    expect(paths([rule({ feature: 'x', gte: { quantile: '0.5' } })])).toEqual([['rules', 0, 'when', 'gte', 'quantile']]);
    expect(paths([rule({ feature: 'x', gte: { quantile: 0.5, of: 'y' } })])).toEqual([['rules', 0, 'when', 'gte', 'of']]);
    expect(paths([rule({ feature: 'x', gte: Infinity })])).toEqual([['rules', 0, 'when', 'gte']]);
    expect(paths([rule({ feature: 'x', gte: NaN })])).toEqual([['rules', 0, 'when', 'gte']]);
    expect(paths([rule({ feature: 'x', gte: '60' })])).toEqual([['rules', 0, 'when', 'gte']]);
  });

  it('between: two thresholds, low ≤ high when comparable', () => {
    expect(paths([rule({ feature: 'x', between: [5, 1] })])).toEqual([['rules', 0, 'when', 'between']]);
    expect(paths([rule({ feature: 'x', between: [{ quantile: 0.9 }, { quantile: 0.1 }] })])).toEqual([['rules', 0, 'when', 'between']]);
    expect(paths([rule({ feature: 'x', between: [1, 2, 3] })])).toEqual([['rules', 0, 'when', 'between']]);
    expect(paths([rule({ feature: 'x', between: 3 })])).toEqual([['rules', 0, 'when', 'between']]);
    expect(paths([rule({ feature: 'x', between: [1, { quantile: 3 }] })])).toEqual([['rules', 0, 'when', 'between', 1, 'quantile']]);
  });

  it('in, eq and missing operands', () => {
    expect(paths([rule({ feature: 'x', in: [] })])).toEqual([['rules', 0, 'when', 'in']]);
    expect(paths([rule({ feature: 'x', in: 'a' })])).toEqual([['rules', 0, 'when', 'in']]);
    expect(paths([rule({ feature: 'x', in: [1, 'a', 2, NaN] })])).toEqual([['rules', 0, 'when', 'in', 1], ['rules', 0, 'when', 'in', 3]]);
    expect(paths([rule({ feature: 'x', in: ['a', 1] })])).toEqual([['rules', 0, 'when', 'in', 1]]);
    expect(paths([rule({ feature: 'x', eq: { v: 1 } })])).toEqual([['rules', 0, 'when', 'eq']]);
    expect(paths([rule({ feature: 'x', eq: null })])).toEqual([['rules', 0, 'when', 'eq']]);
    expect(paths([rule({ feature: 'x', missing: 'yes' })])).toEqual([['rules', 0, 'when', 'missing']]);
  });

  it('combinators: non-empty arrays, one combinator per object, nested paths', () => {
    expect(paths([rule({ all: [] })])).toEqual([['rules', 0, 'when', 'all']]);
    expect(paths([rule({ any: ok })])).toEqual([['rules', 0, 'when', 'any']]);
    expect(paths([rule({ all: [ok], any: [ok] })])).toEqual([['rules', 0, 'when', 'any']]);
    expect(paths([rule({ all: [ok], feature: 'x' })])).toEqual([['rules', 0, 'when', 'feature']]);
    expect(paths([rule({ not: [ok] })])).toEqual([['rules', 0, 'when', 'not']]);
    const deep = [rule(ok, { id: 'a' }), rule(ok, { id: 'b' }), rule({ all: [{ feature: 'x', gte: 'high' }, { any: [ok, { not: { feature: 'y', between: [2, 1] } }] }] }, { id: 'c' })];
    expect(paths(deep)).toEqual([
      ['rules', 2, 'when', 'all', 0, 'gte'],
      ['rules', 2, 'when', 'all', 1, 'any', 1, 'not', 'between'],
    ]);
  });

  it('a condition that contains itself is reported, not followed forever', () => {
    const loop: Record<string, unknown> = { all: [] };
    (loop.all as unknown[]).push(loop);
    expect(paths([rule(loop)])).toEqual([['rules', 0, 'when', 'all', 0]]);
    let deep: unknown = ok;
    for (let k = 0; k < 40; k++) deep = { not: deep };
    expect(paths([rule(deep)])).toHaveLength(1);
  });

  it('validateTagRules throws INVALID_RULE with the first path, expected, received and a count of the rest', () => {
    const e = caught(() => validateTagRules([rule({ all: [{ feature: 'x', gte: { quantile: 2 } }, { feature: 'y', lte: 'z' }] })]));
    expect([e.code, e.path, e.expected, e.received]).toEqual(['INVALID_RULE', ['rules', 0, 'when', 'all', 0, 'gte', 'quantile'], 'a number in [0, 1]', 2]);
    expect(e.message).toMatchInlineSnapshot(`"validateTagRules: rules.0.when.all.0.gte.quantile must be a number in [0, 1]; received 2. (1 more issue; safeValidateTagRules lists them all)"`);
  });

  it('does not mutate frozen input and validates a JSON round trip the same way', () => {
    const rules = [rule({ all: [{ feature: 'x', gte: { quantile: 0.8 } }, { feature: 'p', in: ['a'] }] })];
    const frozen = JSON.parse(JSON.stringify(rules)) as typeof rules;
    const freeze = (x: unknown): void => {
      if (typeof x === 'object' && x !== null) {
        Object.values(x).forEach(freeze);
        Object.freeze(x);
      }
    };
    freeze(frozen);
    expect(validateTagRules(frozen)).toBe(frozen);
    expect(JSON.parse(JSON.stringify(frozen))).toEqual(rules);
    expect(paths(JSON.parse(JSON.stringify([rule({ feature: 'x', gte: { quantile: 2 } })])))).toEqual([['rules', 0, 'when', 'gte', 'quantile']]);
  });

  it('property: any JSON value gets an answer, never a crash; an answer of ok means applyTags-ready shapes', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (v) => {
        const r = safeValidateTagRules(v);
        if (r.ok) return Array.isArray(v) && v.every((x) => typeof x === 'object' && x !== null && 'when' in x);
        return r.issues.length > 0 && r.issues.every((i) => i.code === 'INVALID_RULE' && i.path[0] === 'rules' && i.message.length > 0);
      }),
      { seed: 2, numRuns: 300 },
    );
  });
});
