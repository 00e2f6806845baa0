import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { empc, profitCurve } from '../../src/evaluate/index.js';
import { incompleteBeta } from '../../src/internal/incompleteBeta.js';
import { errorCode as code } from '../helpers/errors.js';


const labelled = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 6 })), { minLength: 2, maxLength: 40 })
  .filter((rows) => rows.some((r) => r[0] === 1) && rows.some((r) => r[0] === 0));

/**
 * EMPC of a perfect ranking (hull (0,0) → (0,P) → (N,P)), in closed form from the paper's
 * eq. 16: π₁·CLV·[(1−δ)·α/(α+β)·(1 − I_γ₀(α+1, β)) − φ·(1 − I_γ₀(α, β))] with γ₀ = φ/(1−δ).
 */
function perfectEmpc(pi1: number, clv: number, d: number, f: number, a: number, b: number): number {
  const delta = d / clv;
  const phi = f / clv;
  const g0 = phi / (1 - delta);
  return pi1 * clv * ((1 - delta) * (a / (a + b)) * (1 - incompleteBeta(g0, a + 1, b)) - phi * (1 - incompleteBeta(g0, a, b)));
}

describe('profitCurve', () => {
  const econ = { clv: 200, incentive: 10, contact: 1, acceptanceRate: 0.3 };
  it('hand-worked: +56 per churner (0.3·190 − 1), −11 per stayer', () => {
    const c = profitCurve([1, 0, 1, 0], [0.9, 0.8, 0.4, 0.1], econ);
    expect(Array.from(c.profit)).toEqual([0, 56, 45, 101, 90]);
    expect(Array.from(c.count)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(c.threshold)).toEqual([Infinity, 0.9, 0.8, 0.4, 0.1]);
    expect(c.best).toEqual({ count: 3, fraction: 0.75, threshold: 0.4, profit: 101 });
  });
  it('per-customer CLV: a low-value churner is not worth the contact', () => {
    // churner values 1000 and 20: 0.3·(20 − 10) − 1 = 2; 0.3·(1000 − 10) − 1 = 296
    const c = profitCurve([1, 1, 0], [0.9, 0.5, 0.1], { ...econ, clv: [1000, 20, 500] });
    expect(Array.from(c.profit)).toEqual([0, 296, 298, 287]);
    expect(c.best.count).toBe(2);
  });
  it('ties are contacted together; equal best profits keep the smaller campaign', () => {
    const c = profitCurve([1, 0, 0, 1, 0], [0.5, 0.5, 0.4, 0.3, 0.2], { clv: 100, incentive: 0, contact: 1, acceptanceRate: 0.5 });
    // per churner 0.5·100 − 1 = 49; per stayer −1; groups: {0.5: +49 −1}, {0.4: −1}, {0.3: +49}, {0.2: −1}
    expect(Array.from(c.profit)).toEqual([0, 48, 47, 96, 95]);
    const flat = profitCurve([1, 0], [0.5, 0.4], { clv: 100, incentive: 0, contact: 0, acceptanceRate: 0.5 });
    expect(Array.from(flat.profit)).toEqual([0, 50, 50]);
    expect(flat.best.count).toBe(1);
  });
  it('when no cut pays, the best campaign contacts nobody', () => {
    const c = profitCurve([1, 0, 1], [0.9, 0.5, 0.1], { ...econ, acceptanceRate: 0 });
    expect(c.best).toEqual({ count: 0, fraction: 0, threshold: Infinity, profit: 0 });
    expect(c.profit[3]).toBe(-13); // 0·190 − 1 per churner, −11 per stayer
  });
  it('best profit / n equals EMPC with a point-mass acceptance rate (MPC) — two independent paths', () => {
    fc.assert(fc.property(labelled, fc.double({ min: 0, max: 1, noNaN: true }), (rows, g) => {
      const y = rows.map((r) => r[0]);
      const s = rows.map((r) => r[1]);
      const c = profitCurve(y, s, { clv: 150, incentive: 12, contact: 2, acceptanceRate: g });
      const m = empc(y, s, { clv: 150, incentive: 12, contact: 2, acceptanceRate: g });
      expect(Math.abs(c.best.profit / y.length - m.empc)).toBeLessThan(1e-9);
    }));
  });
  it('errors', () => {
    expect(code(() => profitCurve([1, 0], [0.1, 0.2], { ...econ, clv: [1] }))).toBe('LENGTH_MISMATCH');
    expect(code(() => profitCurve([1, 0], [0.1, 0.2], { ...econ, clv: [1, NaN] }))).toBe('INVALID_INPUT');
    expect(code(() => profitCurve([1, 0], [0.1, 0.2], { ...econ, incentive: -1 }))).toBe('INVALID_OPTION');
    expect(code(() => profitCurve([1, 0], [0.1, 0.2], { ...econ, acceptanceRate: 1.2 }))).toBe('INVALID_OPTION');
    expect(code(() => profitCurve([], [], econ))).toBe('EMPTY_INPUT');
  });
});

describe('empc (Verbraken, Verdonck & Baesens 2013)', () => {
  it('hand-worked: churners ranked first, uniform acceptance rate (closed form)', () => {
    // π₁ = ½, CLV 200, δ = 0.05, φ = 0.005, γ₀ = φ/(1−δ) = 1/190; Beta(1,1) ⇒ I_x(1,1) = x, I_x(2,1) = x².
    // EMPC = ½·200·[0.95·½·(1 − γ₀²) − 0.005·(1 − γ₀)]
    const g0 = 0.005 / 0.95;
    const expected = 100 * (0.95 * 0.5 * (1 - g0 * g0) - 0.005 * (1 - g0));
    const r = empc([1, 1, 0, 0], [0.9, 0.8, 0.2, 0.1], { alpha: 1, beta: 1 });
    expect(Math.abs(r.empc - expected)).toBeLessThan(1e-12);
    expect(Math.abs(r.fraction - 0.5 * (1 - g0))).toBeLessThan(1e-12);
    expect(r.hullPoints).toBe(3);
  });
  it('hand-worked mixed ranking: the hull skips the concave vertex', () => {
    // ROC points in counts (fp, tp): (0,0) (0,1) (1,1) (1,2) (2,2); hull (0,0) (0,1) (1,2) (2,2).
    // CLV 100, d = 0, f = 25 ⇒ δ = 0, φ = ¼; γ₀ = φ = ¼, γ₁ = (φ·ΔF/ΔT + φ) = ½, γ₂ = ∞.
    // Per-customer profit: vertex (0,1): (100γ − 25)/4 on [¼, ½]; vertex (1,2): (200γ − 75)/4 on [½, 1].
    // Beta(1,1): ∫¼^½ (25γ − 6.25) + ∫½^1 (50γ − 18.75) = 0.78125 + 9.375 = 10.15625;
    // contacted share ¼·¼ + ¾·½ = 0.4375.
    const r = empc([1, 0, 1, 0], [4, 3, 2, 1], { clv: 100, incentive: 0, contact: 25, alpha: 1, beta: 1 });
    expect(r.hullPoints).toBe(4);
    expect(Math.abs(r.empc - 10.15625)).toBeLessThan(1e-12);
    expect(Math.abs(r.fraction - 0.4375)).toBeLessThan(1e-12);
  });
  it('with no costs, contacting everyone is always best: EMPC = CLV·E[γ]·π₁', () => {
    const r = empc([1, 0, 1, 0], [4, 3, 2, 1], { clv: 100, incentive: 0, contact: 0, alpha: 1, beta: 1 });
    expect(Math.abs(r.empc - 25)).toBeLessThan(1e-12);
    // the last stayer adds nothing either way; like profitCurve, ties keep the smaller campaign
    expect(r.fraction).toBe(0.75);
  });
  it('bounded: 0 ≤ MPC at the mean γ ≤ EMPC ≤ EMPC of a perfect ranking (fast-check)', () => {
    fc.assert(fc.property(labelled, (rows) => {
      const y = rows.map((r) => r[0]);
      const s = rows.map((r) => r[1]);
      const r = empc(y, s);
      const mp = empc(y, s, { acceptanceRate: 0.3 }).empc;
      const pi1 = y.filter((v) => v === 1).length / y.length;
      expect(mp).toBeGreaterThanOrEqual(0);
      expect(r.empc).toBeGreaterThanOrEqual(mp - 1e-12); // E max ≥ max E (profit is linear in γ)
      expect(r.empc).toBeLessThanOrEqual(perfectEmpc(pi1, 200, 10, 1, 6, 14) + 1e-12);
      expect(r.fraction).toBeGreaterThanOrEqual(0);
      expect(r.fraction).toBeLessThanOrEqual(1 + 1e-12);
    }));
  });
  it('a perfect ranking attains the bound exactly; a useless one earns nothing', () => {
    const y = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
    const s = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect(Math.abs(empc(y, s).empc - perfectEmpc(0.3, 200, 10, 1, 6, 14))).toBeLessThan(1e-12);
    // reversed ranking: the hull is the diagonal; contacting at random pays only if
    // π₁(γ(1−δ) − φ) > π₀(δ + φ) ⇔ γ > (0.7·0.055 + 0.3·0.005)/(0.3·0.95) = 0.1404 here
    const rev = empc(y, s.map((v) => -v));
    const gStar = (0.7 * 0.055 + 0.3 * 0.005) / (0.3 * 0.95);
    const expected = 200 * (0.3 * 0.95 * 0.3 * (1 - incompleteBeta(gStar, 7, 14)) - (0.3 * 0.005 + 0.7 * 0.055) * (1 - incompleteBeta(gStar, 6, 14)));
    expect(Math.abs(rev.empc - expected)).toBeLessThan(1e-12);
    expect(rev.hullPoints).toBe(2);
  });
  it('a point-mass acceptance rate is the limit of ever tighter Beta distributions', () => {
    // Hull (0,0) → (0,2) → (5,3) → (7,3): the second segment has ΔF/ΔT = 5, so with the
    // default economics (δ = 0.05, φ = 0.005) it switches at γ₁ = (0.055·5 + 0.005)/0.95.
    // Centre the Beta on γ₁, where the best cut changes: the gap to MPC(γ₁) shrinks like 1/√k.
    const y = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
    const s = [9, 8, 5, 5, 5, 5, 5, 5, 1, 0];
    const g1 = (0.055 * 5 + 0.005) / 0.95;
    const mp = empc(y, s, { acceptanceRate: g1 });
    // at γ₁ both cuts earn the same: (0,2): 2·200·(0.95γ₁ − 0.005)/10 = 11; (5,3): (3·55 − 5·11)/10 = 11
    expect(mp.empc).toBeCloseTo(11, 12);
    const gaps = [1e2, 1e4, 1e6].map((k) => empc(y, s, { alpha: g1 * k, beta: (1 - g1) * k }).empc - mp.empc);
    expect(gaps[2]!).toBeGreaterThan(0); // E max > max E when the best cut changes inside the spread
    expect(gaps[1]!).toBeLessThan(gaps[0]! / 5);
    expect(gaps[2]!).toBeLessThan(gaps[1]! / 5);
    expect(gaps[2]! / mp.empc).toBeLessThan(1e-3);
  });
  it('does not depend on input order', () => {
    const y = [1, 0, 1, 1, 0, 0, 1, 0];
    const s = [0.9, 0.9, 0.7, 0.4, 0.4, 0.4, 0.1, 0.0];
    const perm = [7, 2, 5, 0, 3, 6, 1, 4];
    expect(empc(perm.map((i) => y[i]!), perm.map((i) => s[i]!)).empc).toBeCloseTo(empc(y, s).empc, 13);
  });
  it('errors', () => {
    expect(code(() => empc([1, 1], [0.1, 0.2]))).toBe('SINGLE_CLASS_LABELS');
    expect(code(() => empc([1, 0], [0.1, 0.2], { incentive: 200 }))).toBe('INVALID_OPTION');
    expect(code(() => empc([1, 0], [0.1, 0.2], { alpha: 0 }))).toBe('INVALID_OPTION');
    expect(code(() => empc([1, 0], [0.1, 0.2], { acceptanceRate: -0.1 }))).toBe('INVALID_OPTION');
    expect(code(() => empc([1, 0], [0.1, NaN]))).toBe('INVALID_INPUT');
  });
});
