import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createFeatureMatrix, type FeatureMatrix, type FeatureMeta } from '../../src/features/FeatureMatrix.js';
import { applyTags } from '../../src/segments/applyTags.js';
import type { TagCondition, TagRule, TagTable } from '../../src/segments/TagRule.js';
import { caught } from '../helpers/errors.js';

const num = (name: string): FeatureMeta => ({ name, description: name, unit: 'x', kind: 'numeric' });
const PLAN: FeatureMeta = { name: 'plan', description: 'plan', unit: 'level', kind: 'categorical', levels: ['basic', 'plus', 'pro'] };

// Rows a..f. x: ties at 2 and a NaN; plan: categorical codes (d missing); flag: binary (e missing).
const M = createFeatureMatrix({
  customerIds: ['a', 'b', 'c', 'd', 'e', 'f'],
  features: [
    { meta: num('x'), values: [1, 2, 2, 2, 5, NaN] },
    { meta: PLAN, values: [0, 1, 2, NaN, 1, 0] },
    { meta: { ...num('flag'), kind: 'binary' }, values: [1, 0, 1, 0, NaN, 1] },
  ],
});

function deepFreeze<T>(x: T): T {
  if (typeof x === 'object' && x !== null) {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}

/** The customers carrying the single tag `t` when `when` is applied to `m`. */
function members(when: TagCondition, m: FeatureMatrix = M): string[] {
  const table = applyTags(m, deepFreeze([{ id: 't', label: 'T', when }]));
  return m.customerIds.filter((_, r) => table.has.t![r] === 1);
}

describe('applyTags: operators', () => {
  it('gte, lte, eq, in and between on a numeric column; NaN satisfies none of them', () => {
    expect(members({ feature: 'x', gte: 2 })).toEqual(['b', 'c', 'd', 'e']);
    expect(members({ feature: 'x', lte: 2 })).toEqual(['a', 'b', 'c', 'd']);
    expect(members({ feature: 'x', eq: 2 })).toEqual(['b', 'c', 'd']);
    expect(members({ feature: 'x', in: [1, 5] })).toEqual(['a', 'e']);
    expect(members({ feature: 'x', between: [2, 5] })).toEqual(['b', 'c', 'd', 'e']);
    expect(members({ feature: 'x', between: [1.5, 4.9] })).toEqual(['b', 'c', 'd']);
    expect(members({ feature: 'x', gte: 6 })).toEqual([]);
  });

  it('missing speaks of NaN values', () => {
    expect(members({ feature: 'x', missing: true })).toEqual(['f']);
    expect(members({ feature: 'x', missing: false })).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(members({ feature: 'plan', missing: true })).toEqual(['d']);
  });

  it('binary columns compare as numbers', () => {
    expect(members({ feature: 'flag', eq: 1 })).toEqual(['a', 'c', 'f']);
    expect(members({ feature: 'flag', eq: 0 })).toEqual(['b', 'd']);
  });

  it('categorical columns compare level names through meta.levels; a missing code matches nothing', () => {
    expect(members({ feature: 'plan', in: ['plus', 'pro'] })).toEqual(['b', 'c', 'e']);
    expect(members({ feature: 'plan', eq: 'basic' })).toEqual(['a', 'f']);
    // d (no plan) is unknown, so neither in the list nor in its negation.
    expect(members({ not: { feature: 'plan', in: ['basic'] } })).toEqual(['b', 'c', 'e']);
  });
});

describe('applyTags: combinators in three-valued logic', () => {
  it('all / any / not, with NaN making a comparison unknown rather than false', () => {
    expect(members({ all: [{ feature: 'x', gte: 2 }, { feature: 'flag', eq: 1 }] })).toEqual(['c']);
    // f: x unknown but flag true → any is true.
    expect(members({ any: [{ feature: 'x', gte: 5 }, { feature: 'flag', eq: 1 }] })).toEqual(['a', 'c', 'e', 'f']);
    // not(x ≥ 2) holds for a only: f's NaN stays unknown under not.
    expect(members({ not: { feature: 'x', gte: 2 } })).toEqual(['a']);
    // not(all): a (x false), b and d (flag false); e (flag unknown, x true) and f (x unknown, flag true) stay unknown.
    expect(members({ not: { all: [{ feature: 'x', gte: 2 }, { feature: 'flag', eq: 1 }] } })).toEqual(['a', 'b', 'd']);
    // not(any): only rows where both parts are false: b and d.
    expect(members({ not: { any: [{ feature: 'x', gte: 5 }, { feature: 'flag', eq: 1 }] } })).toEqual(['b', 'd']);
    expect(members({ not: { not: { feature: 'x', gte: 2 } } })).toEqual(['b', 'c', 'd', 'e']);
  });

  it('nested all/any/not', () => {
    const when: TagCondition = {
      any: [
        { all: [{ feature: 'plan', in: ['plus'] }, { not: { feature: 'x', lte: 2 } }] }, // e
        { all: [{ feature: 'x', missing: true }, { feature: 'plan', eq: 'basic' }] }, // f
      ],
    };
    expect(members(when)).toEqual(['e', 'f']);
  });
});

describe('applyTags: quantile thresholds', () => {
  // Reference: numpy 2.4.6 np.quantile([1, 2, 2, 2, 5], [0, 0.1, 0.25, 0.5, 0.8, 1]) (default method
  // 'linear', Hyndman & Fan type 7) = [1, 1.4, 2, 2, 2.6, 5], run by hand; compared to 1e-12.
  it('resolves type-7 quantiles of the finite values and reports them per clause', () => {
    const rules: TagRule[] = [
      { id: 'q0', label: 'q0', when: { feature: 'x', gte: { quantile: 0 } } },
      { id: 'q10', label: 'q10', when: { feature: 'x', gte: { quantile: 0.1 } } },
      { id: 'q80', label: 'q80', when: { feature: 'x', gte: { quantile: 0.8 } } },
      { id: 'mid', label: 'mid', when: { feature: 'x', between: [{ quantile: 0.25 }, { quantile: 1 }] } },
      { id: 'mix', label: 'mix', when: { feature: 'x', between: [1.2, { quantile: 0.5 }] } },
    ];
    const t = applyTags(M, rules);
    const thr = (id: string) => t.clauses[id]![0]!.threshold as number;
    expect(thr('q0')).toBe(1);
    expect(thr('q10')).toBeCloseTo(1.4, 12);
    expect(thr('q80')).toBeCloseTo(2.6, 12);
    expect(t.clauses.mid![0]).toEqual({ path: ['when'], feature: 'x', op: 'between', threshold: [2, 5], quantile: [0.25, 1] });
    expect(t.clauses.mix![0]).toEqual({ path: ['when'], feature: 'x', op: 'between', threshold: [1.2, 2], quantile: [null, 0.5] });
    expect(t.clauses.q80![0]).toEqual({ path: ['when'], feature: 'x', op: 'gte', threshold: thr('q80'), quantile: 0.8 });
    expect(t.counts).toEqual({ q0: 5, q10: 4, q80: 1, mid: 4, mix: 3 });
  });

  it('ties: equal values always get equal membership (gte the 25th percentile, which is a tied value)', () => {
    expect(members({ feature: 'x', gte: { quantile: 0.25 } })).toEqual(['b', 'c', 'd', 'e']);
    expect(members({ feature: 'x', lte: { quantile: 0.5 } })).toEqual(['a', 'b', 'c', 'd']);
  });

  it('property: for any column, tied values share membership and the count is the number of values ≥ the threshold', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant(NaN)), { minLength: 1, maxLength: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), (values, q) => {
        const m = createFeatureMatrix({ customerIds: values.map((_, i) => i), features: [{ meta: num('v'), values }] });
        const t = applyTags(m, [{ id: 't', label: 't', when: { feature: 'v', gte: { quantile: q } } }]);
        const thr = t.clauses.t![0]!.threshold as number;
        const finite = values.filter((v) => !Number.isNaN(v));
        if (finite.length === 0) return Number.isNaN(thr) && t.counts.t === 0;
        // The threshold lies within the range of the data and equals one value at q = 0 and q = 1.
        if (thr < Math.min(...finite) || thr > Math.max(...finite)) return false;
        const byValue = new Map<number, number>();
        for (let r = 0; r < values.length; r++) {
          const v = values[r]!;
          const h = t.has.t![r]!;
          if (Number.isNaN(v) ? h !== 0 : h !== (v >= thr ? 1 : 0)) return false;
          if (!Number.isNaN(v) && (byValue.get(v) ?? h) !== h) return false;
          byValue.set(v, h);
        }
        return t.counts.t === finite.filter((v) => v >= thr).length;
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it('property: row order does not matter (a permuted matrix gives permuted memberships)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -10, max: 10, noNaN: true }), fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 30 }), (rows) => {
        const build = (order: number[]) =>
          createFeatureMatrix({
            customerIds: order.map((i) => `c${i}`),
            features: [
              { meta: num('v'), values: order.map((i) => rows[i]![0]) },
              { meta: PLAN, values: order.map((i) => rows[i]![1]) },
            ],
          });
        const order = rows.map((_, i) => i);
        const reversed = [...order].reverse();
        const rules: TagRule[] = [{ id: 't', label: 't', when: { any: [{ feature: 'v', gte: { quantile: 0.7 } }, { feature: 'plan', eq: 'pro' }] } }];
        const a = applyTags(build(order), rules);
        const b = applyTags(build(reversed), rules);
        return order.every((i) => a.has.t![i] === b.has.t![rows.length - 1 - i]);
      }),
      { seed: 5, numRuns: 100 },
    );
  });

  it('a quantile of a column without finite values is NaN and matches no one, even under not', () => {
    const m = createFeatureMatrix({ customerIds: ['a', 'b'], features: [{ meta: num('v'), values: [NaN, NaN] }] });
    const t = applyTags(m, [
      { id: 'q', label: 'q', when: { feature: 'v', gte: { quantile: 0.5 } } },
      { id: 'nq', label: 'nq', when: { not: { feature: 'v', gte: { quantile: 0.5 } } } },
    ]);
    expect(t.clauses.q![0]!.threshold).toBeNaN();
    expect(t.counts).toEqual({ q: 0, nq: 0 });
  });

  it('one customer: every quantile is its own value', () => {
    const m = createFeatureMatrix({ customerIds: ['solo'], features: [{ meta: num('v'), values: [7] }] });
    const t = applyTags(m, [{ id: 'q', label: 'q', when: { feature: 'v', gte: { quantile: 0.3 } } }]);
    expect(t.clauses.q![0]!.threshold).toBe(7); // numpy 2.4.6 np.quantile([7], 0.3) = 7
    expect(t.tags).toEqual([['q']]);
  });

  it('options.reference: quantiles come from the reference population', () => {
    const batch = createFeatureMatrix({ customerIds: ['n1', 'n2'], features: [{ meta: num('x'), values: [2.5, 3] }] });
    const rules: TagRule[] = [{ id: 'top', label: 'top', when: { feature: 'x', gte: { quantile: 0.8 } } }];
    // Within the batch alone, Q(0.8) = 2.9 so only n2 is on top; against M, Q(0.8) = 2.6 (see above).
    expect(applyTags(batch, rules).counts.top).toBe(1);
    const t = applyTags(batch, rules, { reference: M });
    expect(t.clauses.top![0]!.threshold).toBeCloseTo(2.6, 12);
    expect(t.tags).toEqual([[], ['top']]);
    const e = caught(() => applyTags(M, [{ id: 'p', label: 'p', when: { feature: 'flag', gte: { quantile: 0.5 } } }], { reference: batch }));
    expect([e.code, e.path, e.field]).toEqual(['UNKNOWN_COLUMN', ['rules', 0, 'when', 'gte'], 'flag']);
    expect(caught(() => applyTags(M, rules, { reference: 5 as unknown as FeatureMatrix })).code).toBe('INVALID_OPTION');
  });
});

describe('applyTags: the table', () => {
  const rules: TagRule[] = deepFreeze([
    { id: 'big', label: 'Big', when: { feature: 'x', gte: { quantile: 0.8 } } },
    { id: 'flagged', label: 'Flagged', when: { feature: 'flag', eq: 1 } },
    { id: 'plus_or_big', label: 'Plus or big', when: { any: [{ feature: 'plan', eq: 'plus' }, { feature: 'x', gte: 5 }] } },
    { id: 'not_low', label: 'Not low', when: { not: { feature: 'x', lte: 1 } } },
  ]);
  const t: TagTable = applyTags(M, rules);

  it('tags per row in rule order, membership columns and counts agree', () => {
    expect(t.customerIds).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(t.tagIds).toEqual(['big', 'flagged', 'plus_or_big', 'not_low']);
    expect(t.tags).toEqual([['flagged'], ['plus_or_big', 'not_low'], ['flagged', 'not_low'], ['not_low'], ['big', 'plus_or_big', 'not_low'], ['flagged']]);
    expect(Array.from(t.has.plus_or_big!)).toEqual([0, 1, 0, 0, 1, 0]);
    expect(t.counts).toEqual({ big: 1, flagged: 3, plus_or_big: 2, not_low: 4 });
    for (const id of t.tagIds) expect(t.counts[id]).toBe(t.has[id]!.reduce((s, v) => s + v, 0));
  });

  it('explain lists the comparisons that made each held tag true, with values and thresholds', () => {
    expect(t.explain('e')).toEqual([
      { tag: 'big', label: 'Big', holds: true, clauses: [{ path: ['when'], feature: 'x', op: 'gte', threshold: t.clauses.big![0]!.threshold, quantile: 0.8, value: 5, held: true }] },
      {
        tag: 'plus_or_big',
        label: 'Plus or big',
        holds: true,
        clauses: [
          { path: ['when', 'any', 0], feature: 'plan', op: 'eq', threshold: 'plus', value: 'plus', held: true },
          { path: ['when', 'any', 1], feature: 'x', op: 'gte', threshold: 5, value: 5, held: true },
        ],
      },
      { tag: 'not_low', label: 'Not low', holds: true, clauses: [{ path: ['when', 'not'], feature: 'x', op: 'lte', threshold: 1, value: 5, held: false }] },
    ]);
    // b holds plus_or_big through its first part only.
    expect(t.explain(1, 'plus_or_big')[0]!.clauses.map((c) => c.path)).toEqual([['when', 'any', 0]]);
    expect(t.explain('b')).toEqual(t.explain(1));
  });

  it('explain of a tag that does not hold shows the parts that failed; a missing value is null', () => {
    expect(t.explain('f', 'big')).toEqual([
      { tag: 'big', label: 'Big', holds: false, clauses: [{ path: ['when'], feature: 'x', op: 'gte', threshold: t.clauses.big![0]!.threshold, quantile: 0.8, value: null, held: false }] },
    ]);
    expect(t.explain('d', 'plus_or_big')[0]!.clauses).toEqual([
      { path: ['when', 'any', 0], feature: 'plan', op: 'eq', threshold: 'plus', value: null, held: false },
      { path: ['when', 'any', 1], feature: 'x', op: 'gte', threshold: 5, value: 2, held: false },
    ]);
    expect(t.explain('a', 'flagged')[0]!.holds).toBe(true);
    // An unknown `all` (e: x ≥ 2 true, flag missing) is explained by its parts that are not true.
    const u = applyTags(M, [{ id: 'u', label: 'U', when: { all: [{ feature: 'x', gte: 2 }, { feature: 'flag', eq: 1 }] } }]);
    expect(u.explain('e', 'u')[0]).toEqual({ tag: 'u', label: 'U', holds: false, clauses: [{ path: ['when', 'all', 1], feature: 'flag', op: 'eq', threshold: 1, value: null, held: false }] });
    // A false `all` (b: flag 0) is explained by its false parts only.
    expect(u.explain('b', 'u')[0]!.clauses.map((c) => [c.feature, c.value])).toEqual([['flag', 0]]);
  });

  it('explain rejects an unknown customer, row or tag', () => {
    expect(caught(() => t.explain('zz')).code).toBe('UNKNOWN_CUSTOMER');
    expect(caught(() => t.explain(6)).code).toBe('INVALID_INPUT');
    expect(caught(() => t.explain(1.5)).code).toBe('INVALID_INPUT');
    expect(caught(() => t.explain(0, 'nope')).code).toBe('INVALID_INPUT');
  });

  it('the result is frozen and the rules are not mutated (they are deep-frozen here)', () => {
    expect(Object.isFrozen(t)).toBe(true);
    expect(Object.isFrozen(t.tags)).toBe(true);
    expect(Object.isFrozen(t.tags[4])).toBe(true);
    expect(Object.isFrozen(t.counts)).toBe(true);
    expect(Object.isFrozen(t.clauses.big![0])).toBe(true);
  });

  it('rules survive a JSON round trip: the same table', () => {
    const again = applyTags(M, JSON.parse(JSON.stringify(rules)) as TagRule[]);
    expect(again.tags).toEqual(t.tags);
    expect(again.clauses).toEqual(t.clauses);
    expect(again.explain('e')).toEqual(t.explain('e'));
  });

  it('an empty matrix gives an empty table; an empty rule list gives no tags', () => {
    const empty = createFeatureMatrix({ customerIds: [], features: [{ meta: num('x'), values: [] }] });
    const e = applyTags(empty, rules.slice(0, 1));
    expect(e.tags).toEqual([]);
    expect(e.counts).toEqual({ big: 0 });
    expect(e.clauses.big![0]!.threshold).toBeNaN();
    const none = applyTags(M, []);
    expect(none.tagIds).toEqual([]);
    expect(none.tags).toEqual([[], [], [], [], [], []]);
  });
});

describe('applyTags: errors that need the matrix', () => {
  const one = (when: TagCondition) => caught(() => applyTags(M, [{ id: 'ok', label: 'ok', when: { feature: 'x', gte: 0 } }, { id: 't', label: 'T', when }]));

  it('a feature missing from the matrix: UNKNOWN_COLUMN naming the feature and the path', () => {
    const e = one({ all: [{ feature: 'x', gte: 1 }, { feature: 'recency_days', gte: 60 }] });
    expect([e.code, e.path, e.field]).toEqual(['UNKNOWN_COLUMN', ['rules', 1, 'when', 'all', 1, 'feature'], 'recency_days']);
    expect(e.message).toMatchInlineSnapshot(`"applyTags: rules.1.when.all.1 compares feature "recency_days", which the matrix does not have."`);
  });

  it('ordering or quantiles on a categorical column, numbers vs levels, unknown levels: INVALID_RULE with the path', () => {
    expect([one({ feature: 'plan', gte: 1 }).code, one({ feature: 'plan', gte: 1 }).path]).toEqual(['INVALID_RULE', ['rules', 1, 'when', 'gte']]);
    expect(one({ feature: 'plan', between: [{ quantile: 0.1 }, { quantile: 0.9 }] }).path).toEqual(['rules', 1, 'when', 'between']);
    expect(one({ feature: 'plan', in: ['basic', 'gold'] }).path).toEqual(['rules', 1, 'when', 'in', 1]);
    expect(one({ feature: 'plan', in: ['basic', 'gold'] }).message).toMatchInlineSnapshot(`"applyTags: rules.1.when.in.1 names level "gold", which categorical feature "plan" does not have; expected one of the levels "basic", "plus", "pro"."`);
    expect(one({ feature: 'plan', eq: 1 }).path).toEqual(['rules', 1, 'when', 'eq']);
    expect(one({ not: { feature: 'x', in: ['2'] } }).path).toEqual(['rules', 1, 'when', 'not', 'in', 0]);
    expect(one({ feature: 'x', eq: 'two' }).code).toBe('INVALID_RULE');
  });

  it('malformed rules and non-matrices are rejected before any work', () => {
    expect(one({ feature: 'x', gte: { quantile: 2 } }).path).toEqual(['rules', 1, 'when', 'gte', 'quantile']);
    expect(caught(() => applyTags({} as FeatureMatrix, [])).code).toBe('INVALID_INPUT');
    expect(caught(() => applyTags(M, [], null as never)).code).toBe('INVALID_OPTION');
  });
});
