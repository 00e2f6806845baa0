import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rocAuc, rocCurve } from '../../src/evaluate/index.js';
import { errorCode } from '../helpers/errors.js';

// Expected curves come from bench/reference/roc_curve.json, written by
// `/usr/bin/python3 bench/reference/roc_curve.py` (scikit-learn 1.2.1 roc_curve with
// drop_intermediate=False). Tolerance 1e-12: both divide the same integer counts.
interface Case { y: number[]; scores: number[]; fpr: number[]; tpr: number[]; thresholds: number[]; auc: number }
const ref = JSON.parse(readFileSync(new URL('../../bench/reference/roc_curve.json', import.meta.url), 'utf8')) as {
  sklearn: string;
  cases: Record<string, Case>;
};

function trapezoid(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let a = 0;
  for (let i = 1; i < x.length; i++) a += ((x[i]! - x[i - 1]!) * (y[i]! + y[i - 1]!)) / 2;
  return a;
}

describe('rocCurve', () => {
  it('hand case with ties: one step per distinct score (worked by hand)', () => {
    // scores 0.9 (churner), 0.8 (one churner, one stayer tie), 0.1 (stayer); P = 2, N = 2
    const roc = rocCurve([1, 0, 1, 0], [0.9, 0.8, 0.8, 0.1]);
    expect([...roc.fpr]).toEqual([0, 0, 0.5, 1]);
    expect([...roc.tpr]).toEqual([0, 0.5, 1, 1]);
    expect([...roc.threshold]).toEqual([Infinity, 0.9, 0.8, 0.1]);
    // tie step is one diagonal: area = 0.5·0.5 + (0.5·(0.5+1)/2) + 0.5·1 = 0.875 = rocAuc
    expect(trapezoid(roc.fpr, roc.tpr)).toBeCloseTo(0.875, 15);
    expect(rocAuc([1, 0, 1, 0], [0.9, 0.8, 0.8, 0.1])).toBeCloseTo(0.875, 15);
  });

  it('all scores tied: the curve is the diagonal, AUC 0.5', () => {
    const roc = rocCurve([1, 0, 0, 1, 0], [0.3, 0.3, 0.3, 0.3, 0.3]);
    expect([...roc.fpr]).toEqual([0, 1]);
    expect([...roc.tpr]).toEqual([0, 1]);
    expect(trapezoid(roc.fpr, roc.tpr)).toBe(0.5);
  });

  it('unsorted input gives the same curve as sorted input, and inputs are not mutated', () => {
    const y = Object.freeze([0, 1, 0, 1, 1, 0]);
    const s = Object.freeze([0.2, 0.9, 0.5, 0.5, 0.1, 0.7]);
    const a = rocCurve(y, s);
    const order = [1, 5, 2, 3, 0, 4];
    const b = rocCurve(order.map((i) => y[i]!), order.map((i) => s[i]!));
    expect([...a.fpr]).toEqual([...b.fpr]);
    expect([...a.tpr]).toEqual([...b.tpr]);
    expect([...a.threshold]).toEqual([Infinity, 0.9, 0.7, 0.5, 0.2, 0.1]);
  });

  it('fpr and tpr are non-decreasing and end at (1, 1)', () => {
    const c = ref.cases.ties_medium!;
    const roc = rocCurve(c.y, c.scores);
    for (let i = 1; i < roc.fpr.length; i++) {
      expect(roc.fpr[i]!).toBeGreaterThanOrEqual(roc.fpr[i - 1]!);
      expect(roc.tpr[i]!).toBeGreaterThanOrEqual(roc.tpr[i - 1]!);
      expect(roc.threshold[i]!).toBeLessThan(roc.threshold[i - 1]!);
    }
    expect(roc.fpr[roc.fpr.length - 1]).toBe(1);
    expect(roc.tpr[roc.tpr.length - 1]).toBe(1);
  });

  it('errors: empty, one class, NaN score, length mismatch', () => {
    expect(errorCode(() => rocCurve([], []))).toBe('EMPTY_INPUT');
    expect(errorCode(() => rocCurve([1, 1], [0.2, 0.3]))).toBe('SINGLE_CLASS_LABELS');
    expect(errorCode(() => rocCurve([1, 0], [0.2, NaN]))).toBe('INVALID_INPUT');
    expect(errorCode(() => rocCurve([1, 0], [0.2]))).toBe('LENGTH_MISMATCH');
  });

  describe(`matches scikit-learn ${ref.sklearn} roc_curve(drop_intermediate=False)`, () => {
    for (const [name, c] of Object.entries(ref.cases)) {
      it(name, () => {
        const roc = rocCurve(c.y, c.scores);
        expect(roc.fpr.length).toBe(c.fpr.length);
        for (let i = 0; i < c.fpr.length; i++) {
          expect(Math.abs(roc.fpr[i]! - c.fpr[i]!)).toBeLessThanOrEqual(1e-12);
          expect(Math.abs(roc.tpr[i]! - c.tpr[i]!)).toBeLessThanOrEqual(1e-12);
        }
        // sklearn 1.2 writes max + 1 as the first threshold; churnkit writes Infinity
        expect(roc.threshold[0]).toBe(Infinity);
        expect([...roc.threshold.subarray(1)]).toEqual(c.thresholds.slice(1));
        expect(Math.abs(trapezoid(roc.fpr, roc.tpr) - c.auc)).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(trapezoid(roc.fpr, roc.tpr) - rocAuc(c.y, c.scores))).toBeLessThanOrEqual(1e-12);
      });
    }
  });
});
