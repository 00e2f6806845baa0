import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { newcombeInterval, twoProportionTest } from '../../src/lift/index.js';
import { caught, errorCode } from '../helpers/errors.js';

// Properties of the interval and the tests on random tables (fast-check, fixed seeds); the values
// themselves are checked against statsmodels/scipy in test/lift/reference.test.ts.

const table = fc.tuple(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }))
  .chain(([n1, n2]) => fc.tuple(fc.integer({ min: 0, max: n1 }), fc.constant(n1), fc.integer({ min: 0, max: n2 }), fc.constant(n2)));

describe('newcombeInterval properties', () => {
  it('contains the estimate, stays within [−1, 1], and widens with the level', () => {
    fc.assert(fc.property(table, ([x1, n1, x2, n2]) => {
      const ci = newcombeInterval(x1, n1, x2, n2);
      const wide = newcombeInterval(x1, n1, x2, n2, { alpha: 0.01 });
      return ci.lower <= ci.estimate + 1e-15 && ci.estimate <= ci.upper + 1e-15 &&
        ci.lower >= -1 - 1e-12 && ci.upper <= 1 + 1e-12 &&
        wide.lower <= ci.lower && wide.upper >= ci.upper;
    }), { seed: 3, numRuns: 300 });
  });
  it('narrows as the arms grow', () => {
    const small = newcombeInterval(36, 100, 30, 100);
    const big = newcombeInterval(3600, 10000, 3000, 10000);
    expect(big.upper - big.lower).toBeLessThan((small.upper - small.lower) / 5);
  });
  it('rejects counts that are not integers in [0, n]', () => {
    const e = caught(() => newcombeInterval(11, 10, 3, 10));
    expect([e.code, e.path]).toEqual(['INVALID_INPUT', ['x1']]);
    expect(e.message).toMatchInlineSnapshot(`"newcombeInterval: x1 must be an integer in [0, n1] = [0, 10]; received 11."`);
    expect(caught(() => newcombeInterval(1, 10, 3, 0)).path).toEqual(['n2']);
    expect(caught(() => newcombeInterval(1.5, 10, 3, 10)).path).toEqual(['x1']);
    expect(caught(() => newcombeInterval(1, 10, -1, 10)).path).toEqual(['x2']);
    expect(caught(() => newcombeInterval(1, NaN, 1, 10)).path).toEqual(['n1']);
    expect(errorCode(() => newcombeInterval(1, 10, 1, 10, { alpha: 1.5 }))).toBe('INVALID_OPTION');
  });
});

describe('twoProportionTest properties', () => {
  it('p-values lie in (0, 1] and do not depend on which group is first', () => {
    fc.assert(fc.property(table, ([x1, n1, x2, n2]) => {
      for (const method of ['z', 'fisher'] as const) {
        const a = twoProportionTest(x1, n1, x2, n2, { method });
        const b = twoProportionTest(x2, n2, x1, n1, { method });
        if (!(a.pValue > 0 && a.pValue <= 1)) return false;
        if (Math.abs(a.pValue - b.pValue) > 1e-12 * Math.max(a.pValue, 1e-300)) return false;
      }
      return true;
    }), { seed: 9, numRuns: 200 });
  });
  it('equal observed rates give p = 1 (z) and an identical-outcome table gives p = 1', () => {
    expect(twoProportionTest(30, 100, 60, 200, { method: 'z' })).toMatchObject({ statistic: 0, pValue: 1 });
    expect(twoProportionTest(0, 10, 0, 20)).toEqual({ method: 'fisher', statistic: null, pValue: 1, minExpected: 0 });
    expect(twoProportionTest(10, 10, 20, 20, { method: 'z' })).toMatchObject({ statistic: 0, pValue: 1 });
  });
  it('Fisher p agrees with a brute-force sum over all tables for small margins', () => {
    // direct definition with exact binomial coefficients (integers < 2^53 for n ≤ 40)
    const choose = (n: number, k: number): number => {
      let r = 1;
      for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
      return Math.round(r);
    };
    fc.assert(fc.property(
      fc.tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }))
        .chain(([n1, n2]) => fc.tuple(fc.integer({ min: 0, max: n1 }), fc.constant(n1), fc.integer({ min: 0, max: n2 }), fc.constant(n2))),
      ([x1, n1, x2, n2]) => {
        const m = x1 + x2;
        const probs: number[] = [];
        for (let x = Math.max(0, m - n2); x <= Math.min(n1, m); x++) probs.push(choose(n1, x) * choose(n2, m - x));
        const total = probs.reduce((s, v) => s + v, 0);
        const obs = choose(n1, x1) * choose(n2, x2);
        const p = probs.filter((v) => v <= obs).reduce((s, v) => s + v, 0) / total; // exact integer comparison
        const got = twoProportionTest(x1, n1, x2, n2, { method: 'fisher' }).pValue;
        return Math.abs(got - p) <= 1e-12;
      },
    ), { seed: 21, numRuns: 300 });
  });
  it('rejects bad counts and options', () => {
    expect(caught(() => twoProportionTest(1, 0, 1, 1)).path).toEqual(['n1']);
    expect(errorCode(() => twoProportionTest(1, 2, 1, 2, { method: 'chi2' as never }))).toBe('INVALID_OPTION');
    expect(errorCode(() => twoProportionTest(1, 2, 1, 2, 'z' as never))).toBe('INVALID_OPTION');
  });
});
