import { describe, expect, it } from 'vitest';
import { hessian, invertMatrix, minimize, numericGradient } from '../../../src/internal/optimize.js';

// Rosenbrock (1960): minimum 0 at (1, 1); a standard hard valley for quasi-Newton methods.
const rosen = (x: Float64Array): number => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;
const rosenGrad = (x: Float64Array, out: Float64Array): void => {
  out[0] = -400 * x[0]! * (x[1]! - x[0]! ** 2) - 2 * (1 - x[0]!);
  out[1] = 200 * (x[1]! - x[0]! ** 2);
};

describe('minimize', () => {
  it('BFGS with numeric gradients finds the Rosenbrock minimum (1, 1) from (−1.2, 1) within 1e-5', () => {
    const r = minimize(rosen, [-1.2, 1]);
    expect(r.converged).toBe(true);
    expect(r.method).toBe('bfgs');
    expect(Math.abs(r.x[0]! - 1)).toBeLessThan(1e-5);
    expect(Math.abs(r.x[1]! - 1)).toBeLessThan(1e-5);
    expect(r.fx).toBeLessThan(1e-10);
  });
  it('BFGS with an analytic gradient needs fewer evaluations than with numeric ones', () => {
    const a = minimize(rosen, [-1.2, 1], { gradient: rosenGrad });
    const b = minimize(rosen, [-1.2, 1]);
    expect(a.converged).toBe(true);
    expect(Math.abs(a.x[0]! - 1)).toBeLessThan(1e-6);
    expect(a.evaluations).toBeLessThan(b.evaluations);
  });
  it('Nelder–Mead finds the Rosenbrock minimum within 1e-4', () => {
    const r = minimize(rosen, [-1.2, 1], { method: 'nelder-mead' });
    expect(r.converged).toBe(true);
    expect(Math.abs(r.x[0]! - 1)).toBeLessThan(1e-4);
    expect(Math.abs(r.x[1]! - 1)).toBeLessThan(1e-4);
  });
  it('bounds by reparameterisation: (x−2)² + (y−3)² with x ≥ 0, 0 ≤ y ≤ 1 gives (2, ≈1)', () => {
    const f = (v: Float64Array): number => (v[0]! - 2) ** 2 + (v[1]! - 3) ** 2;
    const r = minimize(f, [0.5, 0.5], { bounds: [[0, Infinity], [0, 1]] });
    expect(Math.abs(r.x[0]! - 2)).toBeLessThan(1e-6);
    expect(r.x[1]!).toBeLessThanOrEqual(1);
    expect(1 - r.x[1]!).toBeLessThan(1e-3);
    // the analytic gradient is chained through the transform
    const g = (v: Float64Array, out: Float64Array): void => {
      out[0] = 2 * (v[0]! - 2);
      out[1] = 2 * (v[1]! - 3);
    };
    const r2 = minimize(f, [0.5, 0.5], { bounds: [[0, Infinity], [-Infinity, 10]], gradient: g });
    expect(r2.converged).toBe(true);
    expect(Math.abs(r2.x[0]! - 2)).toBeLessThan(1e-6);
    expect(Math.abs(r2.x[1]! - 3)).toBeLessThan(1e-6);
  });
  it('reports non-convergence instead of throwing: non-finite start, and too few iterations', () => {
    const r = minimize(() => NaN, [1, 2]);
    expect(r.converged).toBe(false);
    expect(r.message).toMatch(/not finite/);
    const r2 = minimize(rosen, [-1.2, 1], { maxIter: 3 });
    expect(r2.converged).toBe(false);
    expect(r2.message).toMatch(/maxIter/);
    const r3 = minimize(rosen, [-1.2, 1], { method: 'nelder-mead', maxIter: 5 });
    expect(r3.converged).toBe(false);
  });
});

describe('derivatives and inversion', () => {
  it('numericGradient and hessian of a quadratic are exact to 1e-6', () => {
    // f = 3x² + 2xy + 5y² + x: gradient (6x + 2y + 1, 2x + 10y), Hessian [[6, 2], [2, 10]]
    const f = (v: Float64Array): number => 3 * v[0]! ** 2 + 2 * v[0]! * v[1]! + 5 * v[1]! ** 2 + v[0]!;
    const g = new Float64Array(2);
    numericGradient(f, Float64Array.from([1, -2]), g);
    expect(g[0]).toBeCloseTo(6 - 4 + 1, 6);
    expect(g[1]).toBeCloseTo(2 - 20, 6);
    const H = hessian(f, [1, -2]);
    expect(H[0]![0]).toBeCloseTo(6, 4);
    expect(H[0]![1]).toBeCloseTo(2, 4);
    expect(H[1]![1]).toBeCloseTo(10, 4);
  });
  it('invertMatrix inverts [[4, 7], [2, 6]] and returns null for a singular matrix', () => {
    const inv = invertMatrix([[4, 7], [2, 6]])!;
    // exact inverse: [[0.6, −0.7], [−0.2, 0.4]]
    expect(inv[0]![0]).toBeCloseTo(0.6, 14);
    expect(inv[0]![1]).toBeCloseTo(-0.7, 14);
    expect(inv[1]![0]).toBeCloseTo(-0.2, 14);
    expect(inv[1]![1]).toBeCloseTo(0.4, 14);
    expect(invertMatrix([[1, 2], [2, 4]])).toBeNull();
  });
});
