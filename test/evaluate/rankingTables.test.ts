import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calibrationCurve, gainsCurve, liftTable } from '../../src/evaluate/index.js';
import { errorCode as code } from '../helpers/errors.js';


describe('liftTable', () => {
  it('hand-worked, no ties, 5 bands of one customer', () => {
    const rows = liftTable([1, 0, 1, 0, 0], [0.9, 0.7, 0.6, 0.2, 0.1], { bins: 5 });
    expect(rows.map((r) => r.decile)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]).toEqual({
      decile: 1, customers: 1, churners: 1, rate: 1, lift: 2.5, cumulativeCustomers: 1, cumulativeChurners: 1,
      capture: 0.5, cumulativeLift: 2.5, minScore: 0.9, maxScore: 0.9,
    });
    expect(rows.map((r) => r.capture)).toEqual([0.5, 0.5, 1, 1, 1]);
    expect(rows[2]!.cumulativeLift).toBeCloseTo((2 / 3) / 0.4, 15);
  });
  it('ties share a band, placed by the group middle (documented rule)', () => {
    // n = 10, 5 bands of nominal size 2. Sorted scores: 9, 8,8,8, 7, 6, 5, 4, 3, 2.
    // Group {8,8,8} starts at rank 1, size 3: middle rank 2 → band ⌊(2·1+3−1)·5/20⌋ = 1 (2nd band).
    // Score 9 (rank 0) → band 0; score 7 (rank 4) → band ⌊8·5/20⌋ = 2; 6 (rank 5) → 2; 5 → 3; 4 → 3; 3, 2 → 4.
    const s = [8, 2, 9, 8, 3, 7, 8, 6, 5, 4];
    const y = [1, 0, 1, 0, 0, 1, 1, 0, 0, 0];
    const rows = liftTable(y, s, { bins: 5 });
    expect(rows.map((r) => [r.decile, r.customers, r.churners])).toEqual([
      [1, 1, 1], [2, 3, 2], [3, 2, 1], [4, 2, 0], [5, 2, 0],
    ]);
    expect(rows[1]).toMatchObject({ minScore: 8, maxScore: 8, rate: 2 / 3 });
  });
  it('a tie spanning several bands leaves them out rather than blank', () => {
    const rows = liftTable([1, 0, 0, 1], [5, 5, 5, 1], { bins: 4 });
    // the tie of 3 (ranks 0..2, middle 1) → band 2; score 1 (rank 3) → band 4
    expect(rows.map((r) => [r.decile, r.customers, r.churners])).toEqual([[2, 3, 1], [4, 1, 1]]);
    expect(rows[1]!.capture).toBe(1);
  });
  it('without ties bands are the equal split of the sorted list (continuous fixture, n = 300)', () => {
    const ref = JSON.parse(readFileSync(new URL('../../bench/reference/metrics.json', import.meta.url), 'utf8')) as {
      fixtures: Record<string, { y: number[]; p: number[] }>;
    };
    const { y, p } = ref.fixtures.continuous!;
    expect(new Set(p).size).toBe(p.length);
    const order = p.map((_, i) => i).sort((a, b) => p[b]! - p[a]!);
    const rows = liftTable(y, p);
    expect(rows.length).toBe(10);
    const base = y.reduce((a, b) => a + b, 0) / y.length;
    for (let d = 0; d < 10; d++) {
      const slice = order.slice(d * 30, d * 30 + 30);
      const churners = slice.reduce((a, i) => a + y[i]!, 0);
      expect(rows[d]).toMatchObject({ customers: 30, churners, minScore: p[slice[29]!], maxScore: p[slice[0]!] });
      expect(rows[d]!.lift).toBeCloseTo(churners / 30 / base, 12);
    }
    expect(rows[9]!.capture).toBe(1);
    expect(rows[9]!.cumulativeLift).toBeCloseTo(1, 14);
  });
  it('invariants on random tied data: totals add up, bands are ordered, ties never split (fast-check)', () => {
    const rows = fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 5 })), { minLength: 1, maxLength: 60 })
      .filter((r) => r.some((x) => x[0] === 1));
    fc.assert(fc.property(rows, fc.integer({ min: 1, max: 12 }), (data, bins) => {
      const y = data.map((r) => r[0]);
      const s = data.map((r) => r[1]);
      const table = liftTable(y, s, { bins });
      expect(table.reduce((a, r) => a + r.customers, 0)).toBe(y.length);
      expect(table.reduce((a, r) => a + r.churners, 0)).toBe(y.filter((v) => v === 1).length);
      expect(table.at(-1)!.capture).toBe(1);
      for (let i = 1; i < table.length; i++) {
        expect(table[i]!.decile).toBeGreaterThan(table[i - 1]!.decile);
        expect(table[i]!.maxScore).toBeLessThan(table[i - 1]!.minScore); // a score lives in one band only
      }
      expect(table.every((r) => r.decile >= 1 && r.decile <= bins && r.customers > 0)).toBe(true);
    }));
  });
  it('one customer, all churners, errors', () => {
    expect(liftTable([1], [0.3])).toEqual([expect.objectContaining({ decile: 1, customers: 1, lift: 1, capture: 1 })]);
    expect(liftTable([1, 1, 1], [0.3, 0.2, 0.1], { bins: 3 }).map((r) => r.lift)).toEqual([1, 1, 1]);
    expect(code(() => liftTable([0, 0], [0.3, 0.1]))).toBe('SINGLE_CLASS_LABELS');
    expect(code(() => liftTable([1, 0], [0.3, 0.1], { bins: 2.5 }))).toBe('INVALID_OPTION');
    expect(code(() => liftTable([1, 0], [0.3, NaN]))).toBe('INVALID_INPUT');
  });
});

describe('gainsCurve', () => {
  it('hand-worked, from (0,0) to (1,1), one point per distinct score', () => {
    const g = gainsCurve([1, 0, 1, 0], [0.9, 0.8, 0.4, 0.1]);
    expect(Array.from(g.fraction)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(Array.from(g.capture)).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(Array.from(g.threshold)).toEqual([Infinity, 0.9, 0.8, 0.4, 0.1]);
  });
  it('a tie moves as one step (no order-dependent staircase)', () => {
    const a = gainsCurve([1, 0, 0, 1], [0.5, 0.5, 0.5, 0.1]);
    const b = gainsCurve([0, 0, 1, 1], [0.5, 0.5, 0.5, 0.1]);
    expect(Array.from(a.capture)).toEqual([0, 0.5, 1]);
    expect(Array.from(b.capture)).toEqual(Array.from(a.capture));
    expect(Array.from(a.fraction)).toEqual([0, 0.75, 1]);
  });
  it('needs a churner', () => {
    expect(code(() => gainsCurve([0], [0.1]))).toBe('SINGLE_CLASS_LABELS');
  });
});

describe('calibrationCurve', () => {
  it('hand-worked, two uniform bins', () => {
    const c = calibrationCurve([0, 0, 1, 1], [0.1, 0.3, 0.6, 0.9], { bins: 2 });
    expect(Array.from(c.edges)).toEqual([0, 0.5, 1]);
    expect(Array.from(c.fractionPositive)).toEqual([0, 1]);
    expect(Array.from(c.meanPredicted)).toEqual([0.2, 0.75]);
    expect(c.ece).toBeCloseTo(0.225, 15);
    expect(c.mce).toBeCloseTo(0.25, 15);
  });
  it('a probability equal to an interior edge falls in the lower bin (sklearn 1.2.1 searchsorted left)', () => {
    const c = calibrationCurve([1, 0, 0], [0.5, 0.2, 1], { bins: 2 });
    expect(Array.from(c.count)).toEqual([2, 1]);
    expect(Array.from(c.bin)).toEqual([0, 1]);
  });
  it('empty bins are dropped and reported by index; one class is allowed', () => {
    const c = calibrationCurve([0, 0, 0], [0.05, 0.07, 0.95], { bins: 10 });
    expect(Array.from(c.bin)).toEqual([0, 9]);
    expect(Array.from(c.count)).toEqual([2, 1]);
    expect(Array.from(c.fractionPositive)).toEqual([0, 0]);
    expect(c.mce).toBeCloseTo(0.95, 15);
  });
  it('a perfectly calibrated forecast has ECE 0', () => {
    const c = calibrationCurve([1, 0, 0, 0, 1, 1, 1, 0], [0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75], { bins: 4 });
    expect(c.ece).toBe(0);
  });
  it('quantile bins hold equal counts when there are no ties', () => {
    const p = Array.from({ length: 100 }, (_, i) => (i + 0.5) / 100);
    const y = p.map((v, i) => (i % 3 === 0 ? 1 : 0));
    const c = calibrationCurve(y, p, { bins: 5, strategy: 'quantile' });
    expect(Array.from(c.count)).toEqual([20, 20, 20, 20, 20]);
  });
  it('option errors', () => {
    expect(code(() => calibrationCurve([1], [0.5], { bins: 0 }))).toBe('INVALID_OPTION');
    expect(code(() => calibrationCurve([1], [0.5], { strategy: 'kmeans' as 'uniform' }))).toBe('INVALID_OPTION');
    expect(code(() => calibrationCurve([1], [1.01]))).toBe('INVALID_INPUT');
  });
});
