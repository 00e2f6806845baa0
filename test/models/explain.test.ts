import { describe, expect, it } from 'vitest';
import { trainChurnModel } from '../../src/models/index.js';
import { createFeatureMatrix } from '../../src/features/FeatureMatrix.js';
import { sliceRows, synthetic } from './fixtures.js';

const data = synthetic(2000, 31);
const holdout = synthetic(1500, 32);

describe('explain()', () => {
  it('words: "<description>: <value> (typical <median or mode>) <signed contribution>"', () => {
    const model = trainChurnModel(data.matrix, data.labels, { algorithm: 'logistic' });
    const m = createFeatureMatrix({
      customerIds: ['ann'],
      features: data.matrix.meta.map((meta, j) => ({ meta, values: [[94, 1, 0, 0, 1][j]!] })),
    });
    const [e] = model.explain(m, { top: 5 });
    expect(e!.customerId).toBe('ann');
    expect(e!.drivers).toHaveLength(5);
    const rec = e!.drivers.find((d) => d.feature === 'recency')!;
    const typical = model.toJSON().preprocessing.inputs[0]!.fill;
    expect(rec.text).toBe(`days since last order: 94 (typical ${typical}) +${rec.contribution.toFixed(2)}`);
    const plan = e!.drivers.find((d) => d.feature === 'plan')!;
    expect(plan.value).toBe('basic');
    expect(plan.text).toMatch(/^plan: basic \(typical (basic|plus|pro)\) [+-]\d\.\d\d$/);
    // sorted by |contribution|, largest first
    const abs = e!.drivers.map((d) => Math.abs(d.contribution));
    expect([...abs].sort((a, b) => b - a)).toEqual(abs);
    expect(e!.probability).toBeCloseTo(model.predict(m)[0]!, 15);
  });
  it('missing values say what NaN means; positiveOnly keeps drivers towards churn', () => {
    const model = trainChurnModel(data.matrix, data.labels, { algorithm: 'boosting', rounds: 30 });
    const m = createFeatureMatrix({ customerIds: ['bo'], features: data.matrix.meta.map((meta, j) => ({ meta, values: [[Number.NaN, 0, 0, 0, 1][j]!] })) });
    const [e] = model.explain(m, { top: 5 });
    const rec = e!.drivers.find((d) => d.feature === 'recency');
    expect(rec?.text).toMatch(/^days since last order: missing \(no order yet\) \(typical \d+\) [+-]\d\.\d\d$/);
    const [pos] = model.explain(m, { top: 5, positiveOnly: true });
    for (const d of pos!.drivers) expect(d.contribution).toBeGreaterThan(0);
  });
  it('rejects a bad top', () => {
    const model = trainChurnModel(data.matrix, data.labels, { algorithm: 'tree', maxDepth: 2 });
    expect(() => model.explain(sliceRows(data.matrix, 0, 1), { top: 0 })).toThrow(/option "top" must be a positive integer/);
  });
});

describe('importance()', () => {
  it('gain importance sums to 1; a shallow tree ranks the planted causes above noise', () => {
    for (const algorithm of ['tree', 'forest', 'boosting'] as const) {
      const model = trainChurnModel(data.matrix, data.labels, algorithm === 'forest' ? { algorithm, trees: 30, minSamplesLeaf: 5, seed: 1 } : algorithm === 'tree' ? { algorithm, maxDepth: 5 } : { algorithm });
      const imp = model.importance();
      expect(imp.every((i) => i.kind === 'gain')).toBe(true);
      expect(imp.reduce((s, i) => s + i.importance, 0)).toBeCloseTo(1, 12);
      expect(imp.find((i) => i.feature === 'recency')!.importance).toBeGreaterThan(0.3);
      if (algorithm === 'tree') {
        expect(imp.map((i) => i.feature)).toEqual(['recency', 'complained', 'orders', 'plan', 'noise']);
      }
    }
  });
  it('gain importance of deep/boosted trees inflates a continuous noise column (Strobl et al. 2007); permutation importance on held-out rows does not', () => {
    const model = trainChurnModel(data.matrix, data.labels, { algorithm: 'boosting' });
    const gain = model.importance();
    const noiseGain = gain.find((i) => i.feature === 'noise')!.importance;
    expect(noiseGain).toBeGreaterThan(0.2); // measured 0.42 on this fixture: the known bias
    const perm = model.importance({ matrix: holdout.matrix, labels: holdout.labels, repeats: 2, seed: 1 });
    expect(perm[0]!.feature).toBe('recency');
    expect(perm.find((i) => i.feature === 'noise')!.importance).toBeLessThan(0.01);
  });
  it('permutation importance on held-out rows: planted causes > 0.01 AUC, noise ≈ 0 (|drop| < 0.01)', () => {
    const model = trainChurnModel(data.matrix, data.labels, { algorithm: 'logistic' });
    const imp = model.importance({ matrix: holdout.matrix, labels: holdout.labels, repeats: 3, seed: 2 });
    const by = Object.fromEntries(imp.map((i) => [i.feature, i]));
    expect(imp[0]!.feature).toBe('recency');
    for (const f of ['recency', 'orders', 'plan', 'complained']) expect(by[f]!.importance).toBeGreaterThan(0.01);
    expect(Math.abs(by.noise!.importance)).toBeLessThan(0.01);
    expect(by.noise!.sd).toBeGreaterThanOrEqual(0);
    // deterministic for a seed
    expect(model.importance({ matrix: holdout.matrix, labels: holdout.labels, repeats: 3, seed: 2 })).toEqual(imp);
  });
  it('logistic own importance: Σ|standardised β| of the input columns', () => {
    const model = trainChurnModel(data.matrix, data.labels, { algorithm: 'logistic' });
    const { coef } = model.toJSON().logistic!;
    const plan = model.importance().find((i) => i.feature === 'plan')!;
    expect(plan.kind).toBe('coefficient');
    expect(plan.importance).toBeCloseTo(Math.abs(coef[3]!) + Math.abs(coef[4]!) + Math.abs(coef[5]!), 14);
  });
});
