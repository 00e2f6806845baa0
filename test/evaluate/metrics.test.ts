import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caught } from '../helpers/errors.js';
import { brierScore, confusionAt, ksStatistic, logLoss, prAuc, rocAuc } from '../../src/evaluate/index.js';

// Small labelled score vectors with heavy ties (scores on a 0..4 grid) and both classes.
const labelled = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 4 })), { minLength: 2, maxLength: 40 })
  .filter((rows) => rows.some((r) => r[0] === 1) && rows.some((r) => r[0] === 0));

/** O(P·N) pair count: P(churner scores higher) + ½ P(tie), the definition of AUC. */
function pairAuc(y: number[], s: number[]): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < y.length; i++) {
    for (let j = 0; j < y.length; j++) {
      if (y[i] !== 1 || y[j] !== 0) continue;
      pairs++;
      wins += s[i]! > s[j]! ? 1 : s[i] === s[j] ? 0.5 : 0;
    }
  }
  return wins / pairs;
}

describe('rocAuc', () => {
  it('hand-worked: 3 of 4 churner/stayer pairs ordered correctly', () => {
    expect(rocAuc([1, 0, 1, 0], [0.9, 0.8, 0.4, 0.1])).toBe(0.75);
  });
  it('perfect ranking 1, reversed 0, all tied 0.5', () => {
    expect(rocAuc([1, 1, 0], [3, 2, 1])).toBe(1);
    expect(rocAuc([1, 1, 0], [1, 2, 3])).toBe(0);
    expect(rocAuc([1, 0, 0, 1], [7, 7, 7, 7])).toBe(0.5);
  });
  it('equals the pair-counting definition on random tied data (fast-check)', () => {
    fc.assert(fc.property(labelled, (rows) => {
      const y = rows.map((r) => r[0]);
      const s = rows.map((r) => r[1]);
      expect(Math.abs(rocAuc(y, s) - pairAuc(y, s))).toBeLessThan(1e-12);
    }));
  });
  it('does not depend on input order and does not mutate frozen inputs', () => {
    fc.assert(fc.property(labelled, fc.integer(), (rows, seed) => {
      const y = Object.freeze(rows.map((r) => r[0]));
      const s = Object.freeze(rows.map((r) => r[1]));
      const perm = rows.map((_, i) => i).sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101));
      const a = rocAuc(y, s);
      const b = rocAuc(perm.map((i) => y[i]!), perm.map((i) => s[i]!));
      expect(Math.abs(a - b)).toBeLessThan(1e-12);
      expect(Math.abs(prAuc(y, s) - prAuc(perm.map((i) => y[i]!), perm.map((i) => s[i]!)))).toBeLessThan(1e-12);
    }));
  });
  it('accepts typed arrays and any real scores (negative, huge)', () => {
    expect(rocAuc(new Uint8Array([1, 0, 1, 0]), new Float64Array([1e300, -1e300, 5, -5]))).toBe(1);
  });
  it('errors: length mismatch, empty, one class, NaN with its row, label 2', () => {
    const len = caught(() => rocAuc([1, 0], [0.5]));
    expect(len.code).toBe('LENGTH_MISMATCH');
    expect(len.message).toMatchInlineSnapshot(`"rocAuc: labels and scores must have the same length; received 2 labels and 1 scores."`);
    expect(caught(() => rocAuc([], [])).code).toBe('EMPTY_INPUT');
    const one = caught(() => rocAuc([1, 1], [0.2, 0.3]));
    expect(one.code).toBe('SINGLE_CLASS_LABELS');
    expect(one.message).toMatchInlineSnapshot(`"rocAuc: is undefined when the labels hold only one class; found no non-churners (label 0) among 2 customers."`);
    const nan = caught(() => rocAuc([1, 0, 1], [0.2, NaN, 0.3]));
    expect([nan.code, nan.row, nan.field]).toEqual(['INVALID_INPUT', 1, 'scores']);
    expect(nan.message).toMatchInlineSnapshot(`"rocAuc: score at row 1 must be a finite number; received NaN."`);
    const lab = caught(() => rocAuc([1, 0, 2], [0.2, 0.1, 0.3]));
    expect([lab.code, lab.row, lab.field]).toEqual(['INVALID_INPUT', 2, 'y']);
    expect(caught(() => rocAuc([1, 0], [Infinity, 0])).row).toBe(0);
  });
});

describe('prAuc', () => {
  it('hand-worked: churners at ranks 1 and 3 → (1 + 2/3) / 2', () => {
    expect(prAuc([1, 0, 1, 0], [0.9, 0.8, 0.4, 0.1])).toBeCloseTo(5 / 6, 15);
  });
  it('a tie group is one step: its precision counts once for all its churners', () => {
    // scores 0.9 (churner) then a tie at 0.5 of {churner, stayer}: AP = ½·1 + ½·(2/3)
    expect(prAuc([1, 1, 0], [0.9, 0.5, 0.5])).toBeCloseTo(0.5 + 1 / 3, 15);
  });
  it('all churners → 1; no churners → SINGLE_CLASS_LABELS', () => {
    expect(prAuc([1, 1], [0.1, 0.2])).toBe(1);
    expect(caught(() => prAuc([0, 0], [0.1, 0.2])).code).toBe('SINGLE_CLASS_LABELS');
  });
  it('random ranking of one tie group equals the churn rate', () => {
    expect(prAuc([1, 0, 0, 0, 1], [1, 1, 1, 1, 1])).toBeCloseTo(0.4, 15);
  });
});

describe('ksStatistic', () => {
  it('hand-worked: largest |TPR − FPR| is ½, first reached at 0.9', () => {
    expect(ksStatistic([1, 0, 1, 0], [0.9, 0.8, 0.4, 0.1])).toEqual({ statistic: 0.5, threshold: 0.9 });
  });
  it('perfect separation gives 1 at the lowest churner score', () => {
    expect(ksStatistic([0, 1, 1, 0], [0.1, 0.8, 0.7, 0.2])).toEqual({ statistic: 1, threshold: 0.7 });
  });
  it('one class is an error', () => {
    expect(caught(() => ksStatistic([0, 0], [0.1, 0.2])).code).toBe('SINGLE_CLASS_LABELS');
  });
});

describe('confusionAt', () => {
  it('hand-worked at 0.5 (score ≥ threshold is flagged)', () => {
    expect(confusionAt([1, 0, 1, 0], [0.9, 0.8, 0.4, 0.1], 0.5)).toEqual({
      threshold: 0.5, tp: 1, fp: 1, tn: 1, fn: 1, precision: 0.5, recall: 0.5, f1: 0.5, accuracy: 0.5, specificity: 0.5,
    });
    // a score equal to the threshold is flagged
    expect(confusionAt([1], [0.4], 0.4).tp).toBe(1);
  });
  it('zero denominators give 0, never NaN (scikit-learn zero_division=0)', () => {
    const c = confusionAt([0, 0], [0.1, 0.2], 0.5);
    expect(c).toMatchObject({ tp: 0, fp: 0, tn: 2, fn: 0, precision: 0, recall: 0, f1: 0, accuracy: 1, specificity: 1 });
  });
  it('rejects a non-finite threshold', () => {
    const e = caught(() => confusionAt([1, 0], [0.1, 0.2], NaN));
    expect([e.code, e.field]).toEqual(['INVALID_OPTION', 'threshold']);
  });
});

describe('logLoss and brierScore', () => {
  it('hand-worked values', () => {
    expect(logLoss([1, 0], [0.8, 0.1])).toBeCloseTo((-Math.log(0.8) - Math.log(0.9)) / 2, 15);
    expect(brierScore([1, 0], [0.8, 0.1])).toBeCloseTo(0.025, 15);
  });
  it('p = 0 for a churner is clipped at 2⁻⁵², not infinite', () => {
    expect(logLoss([1], [0])).toBeCloseTo(52 * Math.LN2, 12);
    expect(logLoss([0], [0])).toBeCloseTo(2 ** -52, 20);
  });
  it('one class is fine (labels are 0/1 by contract)', () => {
    expect(brierScore([0, 0], [0.5, 0.1])).toBeCloseTo(0.13, 15);
    expect(logLoss([1, 1], [0.5, 0.5])).toBeCloseTo(Math.LN2, 15);
  });
  it('the base-rate forecast scores the entropy of the churn rate', () => {
    const y = [1, 0, 0, 0];
    const h = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75));
    expect(logLoss(y, [0.25, 0.25, 0.25, 0.25])).toBeCloseTo(h, 14);
    expect(brierScore(y, [0.25, 0.25, 0.25, 0.25])).toBeCloseTo(0.1875, 15);
  });
  it('rejects probabilities outside [0, 1] with the row', () => {
    const e = caught(() => logLoss([1, 0], [0.5, 1.5]));
    expect([e.code, e.row, e.expected]).toEqual(['INVALID_INPUT', 1, 'a probability in [0, 1]']);
    expect(caught(() => brierScore([1, 0], [-0.1, 0.5])).row).toBe(0);
  });
});
