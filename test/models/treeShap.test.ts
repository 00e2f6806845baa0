import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { trainChurnModel } from '../../src/models/index.js';
import type { TreeJson } from '../../src/models/index.js';
import { transformColumns, type PreprocessorState } from '../../src/models/preprocess.js';
import { sliceRows, synthetic } from './fixtures.js';

/**
 * Brute-force Shapley values of the path-dependent tree value function
 * f_S(x) = E[f(x) | x_S] as TreeSHAP defines it (Lundberg, Erion & Lee 2018, Algorithm 1:
 * follow the split when its feature is in S, else average the children by cover), computed over
 * all 2^M subsets with the Shapley weights |S|!(M−|S|−1)!/M!. Independent of Algorithm 2.
 */
function expS(t: TreeJson, node: number, x: Float64Array, inS: (f: number) => boolean): number {
  const f = t.feature[node]!;
  if (f < 0) return t.value[node]!;
  const l = t.left[node]!;
  const r = t.right[node]!;
  if (inS(f)) return expS(t, x[f]! <= t.threshold[node]! ? l : r, x, inS);
  return (t.cover[l]! * expS(t, l, x, inS) + t.cover[r]! * expS(t, r, x, inS)) / t.cover[node]!;
}

function bruteShap(trees: TreeJson[], scale: number, x: Float64Array): Float64Array {
  const M = x.length;
  const fact = [1];
  for (let i = 1; i <= M; i++) fact.push(fact[i - 1]! * i);
  const val = (mask: number): number => {
    let s = 0;
    for (const t of trees) s += scale * expS(t, 0, x, (f) => ((mask >> f) & 1) === 1);
    return s;
  };
  const cache = new Float64Array(1 << M);
  for (let mask = 0; mask < 1 << M; mask++) cache[mask] = val(mask);
  const phi = new Float64Array(M);
  for (let i = 0; i < M; i++) {
    for (let mask = 0; mask < 1 << M; mask++) {
      if ((mask >> i) & 1) continue;
      let size = 0;
      for (let b = mask; b; b >>= 1) size += b & 1;
      const wgt = (fact[size]! * fact[M - size - 1]!) / fact[M]!;
      phi[i] = phi[i]! + wgt * (cache[mask | (1 << i)]! - cache[mask]!);
    }
  }
  return phi;
}

const data = synthetic(600, 11);
const rows = sliceRows(data.matrix, 0, 12);

describe('TreeSHAP (Lundberg et al. 2018, Algorithm 2)', () => {
  for (const [algorithm, extra] of [
    ['tree', { maxDepth: 4 }],
    ['forest', { trees: 4, maxDepth: 4, seed: 3 }],
    ['boosting', { rounds: 4, maxLeafNodes: 6 }],
  ] as const) {
    it(`${algorithm}: equals brute-force Shapley values of the path-dependent expectation (to 1e-12)`, () => {
      const model = trainChurnModel(data.matrix, data.labels, { algorithm, ...extra });
      const json = model.toJSON();
      const state = json.preprocessing as unknown as PreprocessorState;
      const cols = transformColumns('test', state, rows);
      const contrib = model.contributions(rows);
      const trees = json.trees!;
      const scale = algorithm === 'forest' ? 1 / trees.length : 1;
      expect(cols.length).toBe(8); // 3 numeric + 3 plan levels + complained + recency:missing
      for (let r = 0; r < 12; r++) {
        const x = Float64Array.from(cols, (c) => c[r]!);
        const phi = bruteShap(trees, scale, x);
        // aggregate design columns to inputs like contributions() does
        const agg = new Float64Array(model.features.length);
        state.columns.forEach((c, j) => (agg[c.input] = agg[c.input]! + phi[j]!));
        for (let i = 0; i < agg.length; i++) expect(contrib.values[r]![i]).toBeCloseTo(agg[i]!, 12);
      }
    });
  }

  it('additivity: base + Σ contributions = model output to 1e-9 for random data, models and seeds (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom('tree', 'forest', 'boosting', 'logistic'), (seed, algorithm) => {
        const d = synthetic(300, seed);
        const model =
          algorithm === 'forest'
            ? trainChurnModel(d.matrix, d.labels, { algorithm, trees: 10, seed })
            : algorithm === 'boosting'
              ? trainChurnModel(d.matrix, d.labels, { algorithm, rounds: 20, minSamplesLeaf: 5 })
              : trainChurnModel(d.matrix, d.labels, { algorithm });
        const c = model.contributions(sliceRows(d.matrix, 0, 40));
        const prob = model.predict(sliceRows(d.matrix, 0, 40));
        for (let r = 0; r < 40; r++) {
          const sum = c.values[r]!.reduce((a, b) => a + b, c.base);
          expect(Math.abs(sum - c.output[r]!)).toBeLessThan(1e-9);
          const p = c.scale === 'logit' ? 1 / (1 + Math.exp(-c.output[r]!)) : c.output[r]!;
          expect(Math.abs(p - prob[r]!)).toBeLessThan(1e-12);
        }
      }),
      { numRuns: 12, seed: 42 },
    );
  });

  it('base value is the cover-weighted mean output on the training rows (single tree: the weighted base rate)', () => {
    const model = trainChurnModel(data.matrix, data.labels, { algorithm: 'tree', maxDepth: 3 });
    const c = model.contributions(rows);
    const rate = data.labels.reduce((a, b) => a + b, 0) / data.labels.length;
    expect(c.base).toBeCloseTo(rate, 12);
  });
});
