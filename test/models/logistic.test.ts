import { describe, expect, it } from 'vitest';
import { loadChurnModel, trainChurnModel } from '../../src/models/index.js';
import { createFeatureMatrix } from '../../src/features/FeatureMatrix.js';
import { transformColumns, type PreprocessorState } from '../../src/models/preprocess.js';
import { pairAuc, sliceRows, synthetic } from './fixtures.js';

const data = synthetic(800, 5);

/** Gradient of Σ w logloss + λ/2‖β‖² at the fitted model, computed independently in the test. */
function gradientAt(model: ReturnType<typeof trainChurnModel>, m = data.matrix, y = data.labels, w?: (i: number) => number, l2 = 1): number[] {
  const json = model.toJSON();
  const Z = transformColumns('test', json.preprocessing as unknown as PreprocessorState, m);
  const { intercept, coef } = json.logistic!;
  const g = new Array<number>(coef.length + 1).fill(0);
  for (let i = 0; i < y.length; i++) {
    let eta = intercept;
    coef.forEach((b, j) => (eta += b * Z[j]![i]!));
    const r = (w ? w(i) : 1) * (1 / (1 + Math.exp(-eta)) - y[i]!);
    g[0] = g[0]! + r;
    coef.forEach((_, j) => (g[j + 1] = g[j + 1]! + r * Z[j]![i]!));
  }
  coef.forEach((b, j) => (g[j + 1] = g[j + 1]! + l2 * b));
  return g;
}

describe('logistic (L2, Newton/IRLS)', () => {
  it('solves the optimality conditions: every gradient component below 1e-8 (KKT check done in the test)', () => {
    for (const l2 of [1, 0.01, 25]) {
      const model = trainChurnModel(data.matrix, data.labels, { algorithm: 'logistic', l2 });
      expect(model.summary.converged).toBe(true);
      expect(model.summary.iterations).toBeLessThan(30);
      for (const g of gradientAt(model, data.matrix, data.labels, undefined, l2)) expect(Math.abs(g)).toBeLessThan(1e-8);
    }
  });

  it('recovers the planted signs: recency +, orders −, plan=basic +, complained +; noise near 0', () => {
    const model = trainChurnModel(data.matrix, data.labels, { algorithm: 'logistic' });
    const { coef } = model.toJSON().logistic!;
    const names = model.toJSON().preprocessing.columns.map((c) => c.name);
    const b = (n: string) => coef[names.indexOf(n)]!;
    expect(names).toEqual(['recency', 'orders', 'noise', 'plan=basic', 'plan=plus', 'plan=pro', 'complained', 'recency:missing']);
    expect(b('recency')).toBeGreaterThan(0.3);
    expect(b('orders')).toBeLessThan(-0.2);
    expect(b('plan=basic')).toBeGreaterThan(0.2);
    expect(b('complained')).toBeGreaterThan(0.2);
    expect(Math.abs(b('noise'))).toBeLessThan(0.15);
    const auc = pairAuc(model.predict(data.matrix), data.labels);
    expect(auc).toBeGreaterThan(0.7);
  });

  it('class weight {0:1, 1:2} solves the weighted objective: its gradient with w = 2 for churners is below 1e-8', () => {
    // tolerance 1e-12: the fit stops within `tolerance` of the solution in the coefficients, and the
    // gradient is about the Hessian (≈ 300 here) times that distance
    const weighted = trainChurnModel(data.matrix, data.labels, { algorithm: 'logistic', classWeight: { 0: 1, 1: 2 }, tolerance: 1e-12 });
    const g = gradientAt(weighted, data.matrix, data.labels, (i) => (data.labels[i] ? 2 : 1));
    for (const x of g) expect(Math.abs(x)).toBeLessThan(1e-8);
    const plain = trainChurnModel(data.matrix, data.labels, { algorithm: 'logistic' });
    expect(weighted.toJSON().logistic!.intercept).toBeGreaterThan(plain.toJSON().logistic!.intercept);
  });

  it("classWeight 'balanced' uses n / (2 n_c): mean predicted churn ≈ 0.5 on the training rows", () => {
    const model = trainChurnModel(data.matrix, data.labels, { algorithm: 'logistic', classWeight: 'balanced' });
    const pos = data.labels.reduce((a, b) => a + b, 0);
    const n = data.labels.length;
    const p = model.predict(data.matrix);
    // the intercept's optimality condition: Σ w_i (p_i − y_i) = 0 with w = n/(2 n_c)
    let s = 0;
    for (let i = 0; i < n; i++) s += (data.labels[i] ? n / (2 * pos) : n / (2 * (n - pos))) * (p[i]! - data.labels[i]!);
    expect(Math.abs(s)).toBeLessThan(1e-8);
  });

  it('reports non-convergence instead of pretending: maxIterations 1', () => {
    const model = trainChurnModel(data.matrix, data.labels, { algorithm: 'logistic', maxIterations: 1 });
    expect(model.summary.iterations).toBe(1);
    expect(model.summary.converged).toBe(false);
  });

  it('separable data with l2 = 0 still terminates and reports it did not converge or fits perfectly', () => {
    const m = createFeatureMatrix({ customerIds: ['a', 'b', 'c', 'd'], features: [{ meta: { name: 'x', description: 'x', unit: 'n', kind: 'numeric' }, values: [1, 2, 3, 4] }] });
    const model = trainChurnModel(m, [0, 0, 1, 1], { algorithm: 'logistic', l2: 0, maxIterations: 50 });
    const p = model.predict(m);
    expect(p[0]).toBeLessThan(0.01);
    expect(p[3]).toBeGreaterThan(0.99);
    // no maximum-likelihood estimate exists: the summary says so instead of "converged"
    expect(model.summary.converged).toBe(false);
    expect(model.summary.separated).toBe(true);
    expect(loadChurnModel(JSON.parse(JSON.stringify(model.toJSON()))).summary.separated).toBe(true);
    // overlapping classes with l2 = 0: a real optimum, no separation flag
    const overlap = trainChurnModel(m, [0, 1, 0, 1], { algorithm: 'logistic', l2: 0 });
    expect(overlap.summary.converged).toBe(true);
    expect(overlap.summary.separated).toBeUndefined();
  });

  it('contributions are exact: β_j z_j per input, base = intercept, sum = log-odds', () => {
    const model = trainChurnModel(data.matrix, data.labels, { algorithm: 'logistic' });
    const rows = sliceRows(data.matrix, 0, 5);
    const c = model.contributions(rows);
    const json = model.toJSON();
    const Z = transformColumns('test', json.preprocessing as unknown as PreprocessorState, rows);
    expect(c.scale).toBe('logit');
    expect(c.base).toBe(json.logistic!.intercept);
    // plan = sum of its three one-hot contributions
    const planIdx = model.features.indexOf('plan');
    for (let r = 0; r < 5; r++) {
      const expected = [3, 4, 5].reduce((s, j) => s + json.logistic!.coef[j]! * Z[j]![r]!, 0);
      expect(c.values[r]![planIdx]).toBeCloseTo(expected, 14);
    }
  });
});
