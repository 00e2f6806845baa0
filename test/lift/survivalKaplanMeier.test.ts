import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kaplanMeier } from '../../src/lift/kaplanMeier.js';
import { normalQuantile } from '../../src/lift/_normal.js';
import { caught, errorCode } from '../helpers/errors.js';

// Expected numbers come from bench/reference/survival_statsmodels.json, written by
// `/usr/bin/python3 bench/reference/survival_statsmodels.py` (statsmodels 0.13.5 SurvfuncRight:
// surv_times, surv_prob, Greenwood surv_prob_se, n_risk, n_events, quantile(0.5),
// quantile_ci(0.5, method='cloglog'); pointwise log-log bounds computed in that script with
// numpy/scipy from statsmodels' S and se, because 0.13.5 has no simple_confint).
// Tolerance: 1e-9 absolute everywhere (statsmodels multiplies survival through exp(cumsum(log)),
// we multiply directly; the two agree to ~1e-15).

type Num = number | null | 'Infinity' | '-Infinity';
interface Case {
  name: string; alpha: number; z: number; durations: number[]; observed: number[];
  time: number[]; atRisk: number[]; events: number[]; survival: number[];
  standardError: Num[]; lower: Num[]; upper: Num[];
  median_statsmodels: Num; medianLower: Num; medianUpper: Num;
}
const ref = JSON.parse(readFileSync(new URL('../../bench/reference/survival_statsmodels.json', import.meta.url), 'utf8')) as {
  versions: Record<string, string>; cases: Case[];
};
const num = (v: Num): number => (v === null ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v);
const byName = (name: string): Case => {
  const c = ref.cases.find((k) => k.name === name);
  if (c === undefined) throw new Error(`no reference case ${name}`);
  return c;
};

function expectClose(actual: ArrayLike<number>, expected: readonly Num[], tol = 1e-9): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = num(expected[i]!);
    const a = actual[i]!;
    if (Number.isNaN(e)) expect(a, `index ${i}`).toBeNaN();
    else expect(Math.abs(a - e), `index ${i}: ${a} vs ${e}`).toBeLessThanOrEqual(tol);
  }
}

describe('kaplanMeier against statsmodels 0.13.5 SurvfuncRight', () => {
  it('records the reference versions', () => {
    expect(ref.versions.statsmodels).toBe('0.13.5+dfsg');
    expect(ref.versions.scipy).toBe('1.10.1');
  });

  for (const c of ref.cases) {
    it(`case ${c.name}: times, risk sets, survival, Greenwood se, log-log bounds, median interval`, () => {
      const km = kaplanMeier(c.durations, c.observed, { alpha: c.alpha });
      expectClose(km.time, c.time, 0);
      expectClose(km.atRisk, c.atRisk, 0);
      expectClose(km.events, c.events, 0);
      expectClose(km.survival, c.survival);
      expectClose(km.standardError, c.standardError);
      expectClose(km.lower, c.lower);
      expectClose(km.upper, c.upper);
      expect(km.medianLower).toBe(num(c.medianLower));
      expect(km.medianUpper).toBe(num(c.medianUpper));
      if (c.name !== 'exact_half') expect(km.median).toBe(num(c.median_statsmodels));
      expect(km.alpha).toBe(c.alpha);
      expect(km.n).toBe(c.durations.length);
      expect(km.totalEvents).toBe(c.observed.reduce((a, b) => a + b, 0));
    });
  }

  it('median at S exactly 0.5: first time with S <= 0.5 (2), where statsmodels quantile uses S < 0.5 (3)', () => {
    // durations 1,2,3,4 all events: S = 3/4, 1/2, 1/4, 0.
    const c = byName('exact_half');
    expect(num(c.median_statsmodels)).toBe(3);
    expect(kaplanMeier(c.durations, c.observed).median).toBe(2);
  });

  it('z = Φ⁻¹(1 − α/2) used by the bounds matches scipy norm.ppf (1e-12)', () => {
    for (const c of ref.cases) expect(Math.abs(normalQuantile(1 - c.alpha / 2) - c.z)).toBeLessThan(1e-12);
  });
});

describe('kaplanMeier, hand-worked', () => {
  it('five customers: S = 0.8, 0.6, 0.3 and the censoring bookkeeping', () => {
    // t=5: 5 at risk, 1 churn → S = 4/5 = 0.8
    // t=8: 4 at risk, 1 churn (and 1 censored at 8, counted after the churn) → 0.8·3/4 = 0.6
    // t=12: 2 at risk, 1 churn → 0.6·1/2 = 0.3; the customer censored at 20 stays in censored[2].
    // Greenwood at 5: 0.8·√(1/(5·4)) = 0.178885438199983
    const km = kaplanMeier([20, 8, 12, 5, 8], [0, 0, 1, 1, 1]);
    expect(Array.from(km.time)).toEqual([5, 8, 12]);
    expect(Array.from(km.atRisk)).toEqual([5, 4, 2]);
    expect(Array.from(km.events)).toEqual([1, 1, 1]);
    expect(Array.from(km.censored)).toEqual([0, 1, 1]);
    expect(km.censoredBefore).toBe(0);
    expect(km.survival[0]).toBeCloseTo(0.8, 15);
    expect(km.survival[1]).toBeCloseTo(0.6, 15);
    expect(km.survival[2]).toBeCloseTo(0.3, 15);
    expect(km.standardError[0]).toBeCloseTo(0.178885438199983, 14);
    expect(km.median).toBe(12);
    for (let j = 0; j < 3; j++) {
      expect(km.lower[j]!).toBeLessThan(km.survival[j]!);
      expect(km.upper[j]!).toBeGreaterThan(km.survival[j]!);
      expect(km.lower[j]!).toBeGreaterThan(0);
      expect(km.upper[j]!).toBeLessThan(1);
    }
  });

  it('risk-set identity atRisk[j+1] = atRisk[j] − events[j] − censored[j], with censoring before the first event', () => {
    const c = byName('ties');
    const km = kaplanMeier(c.durations, c.observed);
    expect(km.censoredBefore).toBe(1); // the customer censored at 0.5
    expect(km.atRisk[0]).toBe(c.durations.length - 1);
    for (let j = 0; j + 1 < km.time.length; j++) {
      expect(km.atRisk[j + 1]).toBe(km.atRisk[j]! - km.events[j]! - km.censored[j]!);
    }
    const last = km.time.length - 1;
    expect(km.censoredBefore + km.totalEvents + Array.from(km.censored).reduce((a, b) => a + b, 0)).toBe(c.durations.length);
    expect(km.survival[last]).toBe(0);
    expect(km.standardError[last]).toBeNaN();
    expect(km.lower[last]).toBeNaN();
  });

  it('does not depend on input order and does not mutate its input', () => {
    const c = byName('random');
    const d = Object.freeze(c.durations.slice());
    const o = Object.freeze(c.observed.slice());
    const a = kaplanMeier(d, o);
    const perm = d.map((_, i) => i).sort((p, q) => ((p * 7919) % 401) - ((q * 7919) % 401));
    const b = kaplanMeier(perm.map((i) => d[i]!), perm.map((i) => o[i]!));
    expect(Array.from(b.time)).toEqual(Array.from(a.time));
    expect(Array.from(b.survival)).toEqual(Array.from(a.survival));
    expect(Array.from(b.censored)).toEqual(Array.from(a.censored));
  });

  it('booleans are accepted as observed flags', () => {
    const a = kaplanMeier([3, 1, 2], [true, false, true]);
    const b = kaplanMeier([3, 1, 2], [1, 0, 1]);
    expect(Array.from(a.survival)).toEqual(Array.from(b.survival));
    expect(Array.from(a.survival)).toEqual([0.5, 0]);
  });

  it('one customer; no events (median undefined, empty curve); duplicates', () => {
    const one = kaplanMeier([4], [1]);
    expect(Array.from(one.time)).toEqual([4]);
    expect(Array.from(one.survival)).toEqual([0]);
    expect(one.median).toBe(4);
    const none = kaplanMeier([4, 9], [0, 0]);
    expect(none.time.length).toBe(0);
    expect(none.median).toBeNaN();
    expect(none.medianLower).toBeNaN();
    expect(none.censoredBefore).toBe(2);
    const dup = kaplanMeier([2, 2, 2, 2], [1, 1, 0, 0]);
    expect(Array.from(dup.survival)).toEqual([0.5]);
    expect(Array.from(dup.censored)).toEqual([2]);
  });

  it('rejects bad input with stable codes', () => {
    expect(errorCode(() => kaplanMeier([], []))).toBe('EMPTY_INPUT');
    expect(errorCode(() => kaplanMeier([1, 2], [1]))).toBe('LENGTH_MISMATCH');
    const neg = caught(() => kaplanMeier([1, -2], [1, 1]));
    expect(neg.code).toBe('INVALID_INPUT');
    expect(neg.row).toBe(1);
    expect(neg.message).toMatchInlineSnapshot(`"kaplanMeier: duration at row 1 must be a finite number ≥ 0; received -2."`);
    expect(caught(() => kaplanMeier([1, NaN], [1, 1])).row).toBe(1);
    expect(caught(() => kaplanMeier([1, 2], [1, 2])).field).toBe('observed');
    expect(errorCode(() => kaplanMeier([1], [1], { alpha: 0 }))).toBe('INVALID_OPTION');
    expect(errorCode(() => kaplanMeier([1], [1], null as never))).toBe('INVALID_OPTION');
    expect(errorCode(() => kaplanMeier(null as never, []))).toBe('INVALID_INPUT');
  });
});
