import { describe, expect, it } from 'vitest';
import { qiniCoefficient } from '../../src/lift/qiniCoefficient.js';
import { qiniCurve } from '../../src/lift/qiniCurve.js';
import { upliftAtK } from '../../src/lift/upliftAtK.js';
import { upliftByDecile } from '../../src/lift/upliftByDecile.js';
import { upliftCurve } from '../../src/lift/upliftCurve.js';
import { caught, errorCode } from '../helpers/errors.js';

// Known answers worked by hand from the definitions of Radcliffe (2007) as implemented by
// scikit-uplift (qini_curve, uplift_curve, qini_auc_score, perfect_qini_curve, uplift_at_k,
// uplift_by_percentile); the arithmetic is in the comments. Tolerance 1e-12 unless stated.
// y = 1 means retained (the outcome the retention action should raise).

// Case A: ties inside three score blocks.
//   row:        0    1    2    3    4    5    6    7
const yA = [1, 0, 1, 1, 0, 0, 1, 0];
const tA = [1, 1, 0, 1, 0, 1, 0, 0];
const sA = [0.9, 0.9, 0.9, 0.5, 0.5, 0.2, 0.2, 0.1];
// Blocks (cumulative):
//   0.9 rows 0,1,2: N=3 N_T=2 Y_T=1 N_C=1 Y_C=1 → uplift (1/2 − 1/1)·3 = −1.5;  qini 1 − 1·2/1 = −1
//   0.5 rows 3,4:   N=5 N_T=3 Y_T=2 N_C=2 Y_C=1 → (2/3 − 1/2)·5 = 5/6;          qini 2 − 1·3/2 = 0.5
//   0.2 rows 5,6:   N=7 N_T=4 Y_T=2 N_C=3 Y_C=2 → (2/4 − 2/3)·7 = −7/6;         qini 2 − 2·4/3 = −2/3
//   0.1 row 7:      N=8 N_T=4 Y_T=2 N_C=4 Y_C=2 → 0;                            qini 0

// Case C: positive overall effect. Overall N_T=3 Y_T=2, N_C=3 Y_C=1 → Q = 2 − 1·3/3 = 1.
const yC = [1, 1, 0, 0, 1, 0];
const tC = [1, 1, 0, 1, 0, 0];
const sC = [3, 2, 2, 1, 1, 0];

function close(actual: ArrayLike<number>, expected: number[], tol = 1e-12): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i]! - expected[i]!), `index ${i}`).toBeLessThanOrEqual(tol);
}

describe('upliftCurve and qiniCurve', () => {
  it('one point per distinct score (ties as a block), from the origin', () => {
    const u = upliftCurve(yA, tA, sA);
    close(u.targeted, [0, 3, 5, 7, 8]);
    close(u.uplift, [0, -1.5, 5 / 6, -7 / 6, 0]);
    expect(Array.from(u.threshold)).toEqual([Infinity, 0.9, 0.5, 0.2, 0.1]);
    const q = qiniCurve(yA, tA, sA);
    close(q.targeted, [0, 3, 5, 7, 8]);
    close(q.qini, [0, -1, 0.5, -2 / 3, 0]);
    expect(Array.from(q.threshold)).toEqual([Infinity, 0.9, 0.5, 0.2, 0.1]);
  });

  it('N_C = 0 at the first point: the control term counts as 0 (as sklift)', () => {
    // Case C, block 3: row 0 treated retained, no control yet → qini 1, uplift (1 − 0)·1 = 1.
    // Block 2: rows 1 (T, 1), 2 (C, 0): N=3 N_T=2 Y_T=2 N_C=1 Y_C=0 → qini 2, uplift (1 − 0)·3 = 3.
    // Block 1: rows 3 (T, 0), 4 (C, 1): N=5 N_T=3 Y_T=2 N_C=2 Y_C=1 → qini 2 − 3/2 = 0.5, uplift (2/3 − 1/2)·5 = 5/6.
    // Block 0: row 5 (C, 0): N=6 → qini 2 − 1·3/3 = 1, uplift (2/3 − 1/3)·6 = 2.
    close(qiniCurve(yC, tC, sC).qini, [0, 1, 2, 0.5, 1]);
    close(upliftCurve(yC, tC, sC).uplift, [0, 1, 3, 5 / 6, 2]);
  });

  it('does not depend on the input order (ties are blocks) and leaves the input untouched', () => {
    const perm = [7, 2, 5, 0, 3, 6, 1, 4];
    const y = Object.freeze(perm.map((i) => yA[i]!));
    const t = Object.freeze(perm.map((i) => tA[i]!));
    const s = Object.freeze(perm.map((i) => sA[i]!));
    expect(Array.from(qiniCurve(y, t, s).qini)).toEqual(Array.from(qiniCurve(yA, tA, sA).qini));
    expect(Array.from(upliftCurve(y, t, s).uplift)).toEqual(Array.from(upliftCurve(yA, tA, sA).uplift));
    expect(qiniCoefficient(y, t, s)).toBe(qiniCoefficient(yA, tA, sA));
  });

  it('all scores tied: one point, the overall effect', () => {
    const q = qiniCurve(yC, tC, [1, 1, 1, 1, 1, 1]);
    close(q.targeted, [0, 6]);
    close(q.qini, [0, 1]);
  });

  it('one customer per arm', () => {
    // Treated retained (score 2), control churned (score 1): qini 1 then 1 − 0·1/1 = 1.
    close(qiniCurve([1, 0], [1, 0], [2, 1]).qini, [0, 1, 1]);
  });
});

describe('qiniCoefficient', () => {
  it('case A (ties, no overall effect): −2.5 / 12', () => {
    // Model area (trapezoids over x 0,3,5,7,8 and qini 0,−1,0.5,−2/3,0):
    //   3·(0 − 1)/2 + 2·(−1 + 0.5)/2 + 2·(0.5 − 2/3)/2 + 1·(−2/3)/2 = −1.5 − 0.5 − 1/6 − 1/3 = −2.5.
    // Q = 0 → random area 0. Perfect (negativeEffect): oracle score 1 for retained treated
    // (rows 0, 3), −1 for retained control (rows 2, 6), 0 otherwise → points (0,0), (2,2),
    // (6, 2 − 0·4/2 = 2), (8, 0): area 2 + 8 + 2 = 12.
    expect(qiniCoefficient(yA, tA, sA)).toBeCloseTo(-2.5 / 12, 12);
  });

  it('case C with and without negative effects', () => {
    // Model area over x 0,1,3,5,6 and qini 0,1,2,0.5,1: 0.5 + 3 + 2.5 + 0.75 = 6.75; random = 6·1/2 = 3.
    // Perfect with negative effects: oracle 1 for rows 0,1; 0 for rows 2,3,5; −1 for row 4 →
    //   (0,0), (2,2), (5, 2 − 0) = 2, (6, 1): area 2 + 6 + 1.5 = 9.5 → (6.75 − 3)/(9.5 − 3) = 3.75/6.5.
    expect(qiniCoefficient(yC, tC, sC)).toBeCloseTo(3.75 / 6.5, 12);
    // Without: (0,0) → (Q,Q) = (1,1) → (6,1): area 0.5 + 5 = 5.5 → 3.75/2.5 = 1.5 (the no-harm
    // perfect curve can be beaten when the data has sleeping dogs, as in sklift).
    expect(qiniCoefficient(yC, tC, sC, { negativeEffect: false })).toBeCloseTo(1.5, 12);
  });

  it('the oracle ranking scores 1 and its reverse scores below 0', () => {
    const oracle = yC.map((v, i) => (tC[i] === 1 ? v : -v));
    expect(qiniCoefficient(yC, tC, oracle)).toBeCloseTo(1, 12);
    expect(qiniCoefficient(yC, tC, oracle.map((v) => -v))).toBeLessThan(0);
  });

  it('is undefined (INVALID_INPUT) when the perfect curve has no area above random', () => {
    // Nobody retained: every curve is 0.
    const e = caught(() => qiniCoefficient([0, 0, 0, 0], [1, 0, 1, 0], [4, 3, 2, 1]));
    expect(e.code).toBe('INVALID_INPUT');
    // Case A has Q = 0: the no-harm perfect curve is flat.
    expect(errorCode(() => qiniCoefficient(yA, tA, sA, { negativeEffect: false }))).toBe('INVALID_INPUT');
    expect(errorCode(() => qiniCoefficient(yA, tA, sA, { negativeEffect: 'yes' as never }))).toBe('INVALID_OPTION');
  });
});

describe('upliftAtK', () => {
  // sklift's order for case A: descending score, ties by reverse input position:
  //   rows 2, 1, 0 | 4, 3 | 6, 5 | 7
  it('overall: top ⌈k·n⌉, tie block split by the cut is reported', () => {
    // k = 0.5 → 4 customers: rows 2 (C,1), 1 (T,0), 0 (T,1), 4 (C,0) → T 1/2, C 1/2 → 0; row 3 (0.5) is left out.
    const a = upliftAtK(yA, tA, sA, { k: 0.5 });
    expect(a).toEqual({ uplift: 0, treatmentRate: 0.5, controlRate: 0.5, treated: 2, control: 2, tieSplit: true });
    // k = 0.375 → 3: rows 2, 1, 0 → T 1/2, C 1/1 → −0.5; the cut is between blocks.
    const b = upliftAtK(yA, tA, sA, { k: 0.375 });
    expect(b).toEqual({ uplift: -0.5, treatmentRate: 0.5, controlRate: 1, treated: 2, control: 1, tieSplit: false });
    expect(upliftAtK(yA, tA, sA, { count: 3 })).toEqual(b);
  });

  it('0.07 × 100 (= 7.000000000000001 in floating point) takes 7 customers, not 8', () => {
    // Customers ranked by score 100..1; the 8th (row 7) is the only treated one retained beyond row 0.
    const n = 100;
    const y = Array.from({ length: n }, (_, i) => (i === 0 || i === 7 ? 1 : 0));
    const t = Array.from({ length: n }, (_, i) => (i % 2 === 0 || i === 7 ? 1 : 0));
    const s = Array.from({ length: n }, (_, i) => n - i);
    // top 7 = rows 0..6: treated rows 0,2,4,6 (1 retained) → 1/4; control rows 1,3,5 → 0/3.
    const r = upliftAtK(y, t, s, { k: 0.07 });
    expect(r.treated + r.control).toBe(7);
    expect(r.uplift).toBe(0.25);
  });

  it('by_group: top ⌈k·n_T⌉ treated and ⌈k·n_C⌉ control', () => {
    // Treated in order: rows 1 (0), 0 (1), 3 (1), 5 (0) → top 2: 1/2. Control: 2 (1), 4 (0), 6, 7 → top 2: 1/2.
    expect(upliftAtK(yA, tA, sA, { k: 0.5, strategy: 'by_group' })).toEqual({
      uplift: 0, treatmentRate: 0.5, controlRate: 0.5, treated: 2, control: 2, tieSplit: false,
    });
    // k = 0.25: treated row 1 (0), control row 2 (1) → −1; treated cut inside the 0.9 block (row 0 next).
    expect(upliftAtK(yA, tA, sA, { k: 0.25, strategy: 'by_group' })).toMatchObject({ uplift: -1, tieSplit: true });
  });

  it('a top with no control gives NaN rates and says so in the counts', () => {
    const r = upliftAtK(yC, tC, sC, { count: 1 });
    expect(r.treated).toBe(1);
    expect(r.control).toBe(0);
    expect(r.controlRate).toBeNaN();
    expect(r.uplift).toBeNaN();
  });

  it('rejects bad options', () => {
    expect(errorCode(() => upliftAtK(yA, tA, sA, { k: 0 }))).toBe('INVALID_OPTION');
    expect(errorCode(() => upliftAtK(yA, tA, sA, { k: 1.5 }))).toBe('INVALID_OPTION');
    expect(errorCode(() => upliftAtK(yA, tA, sA, { k: 0.5, count: 2 }))).toBe('INVALID_OPTION');
    expect(errorCode(() => upliftAtK(yA, tA, sA, { count: 9 }))).toBe('INVALID_OPTION');
    expect(errorCode(() => upliftAtK(yA, tA, sA, { count: 5, strategy: 'by_group' }))).toBe('INVALID_OPTION');
    expect(errorCode(() => upliftAtK(yA, tA, sA, { strategy: 'first' as never }))).toBe('INVALID_OPTION');
  });
});

describe('upliftByDecile', () => {
  it('overall bins of equal size in sklift order, ties split and flagged', () => {
    // 4 bins of 2: rows 2,1 | 0,4 | 3,6 | 5,7
    //   bin 1: row 2 (C,1), row 1 (T,0) → T 0/1, C 1/1 → −1 (cut inside the 0.9 block)
    //   bin 2: row 0 (T,1), row 4 (C,0) → 1 (cut inside the 0.5 block)
    //   bin 3: row 3 (T,1), row 6 (C,1) → 0 (cut inside the 0.2 block)
    //   bin 4: row 5 (T,0), row 7 (C,0) → 0
    const d = upliftByDecile(yA, tA, sA, { bins: 4 });
    expect(d.bins.map((b) => b.uplift)).toEqual([-1, 1, 0, 0]);
    expect(d.bins.map((b) => b.percentiles)).toEqual(['0-25', '25-50', '50-75', '75-100']);
    expect(d.bins.map((b) => b.tieSplit)).toEqual([true, true, true, false]);
    expect(d.bins.map((b) => [b.treated, b.control])).toEqual([[1, 1], [1, 1], [1, 1], [1, 1]]);
    // Total: T 2/4, C 2/4; se = √(0.25/4) = 0.25 each, uplift se = √(0.125).
    expect(d.total).toMatchObject({ bin: 0, percentiles: 'total', treated: 4, control: 4, uplift: 0, treatmentStdError: 0.25, controlStdError: 0.25 });
    expect(d.total.upliftStdError).toBeCloseTo(Math.sqrt(0.125), 15);
  });

  it('sizes differ by at most one, first bins larger (numpy array_split); labels rounded half to even', () => {
    // 8 customers in 3 bins: 3, 3, 2; labels round(33.3) = 33, round(66.7) = 67.
    const d = upliftByDecile(yA, tA, sA, { bins: 3 });
    expect(d.bins.map((b) => b.treated + b.control)).toEqual([3, 3, 2]);
    expect(d.bins.map((b) => b.percentiles)).toEqual(['0-33', '33-67', '67-100']);
    // 8 bins: 12.5 → 12 and 62.5 → 62 (Python round), 37.5 → 38, 87.5 → 88.
    expect(upliftByDecile(yA, tA, sA, { bins: 8 }).bins.map((b) => b.percentiles)).toEqual([
      '0-12', '12-25', '25-38', '38-50', '50-62', '62-75', '75-88', '88-100',
    ]);
  });

  it('a bin with one arm only: NaN rate for the empty arm, counted 0', () => {
    // 8 bins of one customer: bin 1 = row 2 (control only).
    const b = upliftByDecile(yA, tA, sA, { bins: 8 }).bins[0]!;
    expect(b.treated).toBe(0);
    expect(b.treatmentRate).toBeNaN();
    expect(b.controlRate).toBe(1);
  });

  it('by_group splits each arm separately', () => {
    // Treated order rows 1 (0), 0 (1), 3 (1), 5 (0) → bins [1,0]: 1/2, [3,5]: 1/2.
    // Control order rows 2 (1), 4 (0), 6 (1), 7 (0) → [2,4]: 1/2, [6,7]: 1/2.
    const d = upliftByDecile(yA, tA, sA, { bins: 2, strategy: 'by_group' });
    expect(d.bins.map((b) => [b.treated, b.treatmentRate, b.control, b.controlRate])).toEqual([[2, 0.5, 2, 0.5], [2, 0.5, 2, 0.5]]);
    expect(errorCode(() => upliftByDecile(yA, tA, sA, { bins: 5, strategy: 'by_group' }))).toBe('INVALID_OPTION');
  });

  it('default 10 bins needs 10 customers', () => {
    expect(errorCode(() => upliftByDecile(yA, tA, sA))).toBe('INVALID_OPTION');
    expect(errorCode(() => upliftByDecile(yA, tA, sA, { bins: 0 }))).toBe('INVALID_OPTION');
  });
});

describe('argument checks shared by the uplift metrics', () => {
  const fns = [
    (y: number[], t: number[], s: number[]) => upliftCurve(y, t, s),
    (y: number[], t: number[], s: number[]) => qiniCurve(y, t, s),
    (y: number[], t: number[], s: number[]) => qiniCoefficient(y, t, s),
    (y: number[], t: number[], s: number[]) => upliftAtK(y, t, s, { count: 1 }),
    (y: number[], t: number[], s: number[]) => upliftByDecile(y, t, s, { bins: 1 }),
  ];
  it('empty, length mismatch, bad labels, NaN scores, one arm', () => {
    for (const f of fns) {
      expect(errorCode(() => f([], [], []))).toBe('EMPTY_INPUT');
      expect(errorCode(() => f([1, 0], [1, 0], [1]))).toBe('LENGTH_MISMATCH');
      expect(caught(() => f([1, 2], [1, 0], [1, 2])).row).toBe(1);
      expect(caught(() => f([1, 0], [1, 0.5], [1, 2])).field).toBe('treatment');
      expect(caught(() => f([1, 0], [1, 0], [1, NaN])).field).toBe('score');
      expect(errorCode(() => f([1, 0], [1, 1], [1, 2]))).toBe('SINGLE_CLASS_LABELS');
    }
    expect(caught(() => qiniCurve([1, 0], [0, 0], [1, 2])).message).toMatchInlineSnapshot(
      `"qiniCurve: uplift compares two arms; found no treated customers (treatment 1) among 2 customers."`,
    );
  });
});
