import { describe, expect, it } from 'vitest';
import { trainChurnModel } from '../../src/models/index.js';
import fc from 'fast-check';
import { binColumns, binOf, binThresholds, sortedCopy } from '../../src/models/binning.js';
import { createFeatureMatrix } from '../../src/features/FeatureMatrix.js';
import { addCompiledPredictionsColumns, addTreePredictions, compileTrees, type Tree } from '../../src/models/tree.js';
import { transformColumns, type PreprocessorState } from '../../src/models/preprocess.js';
import { rowMajor } from '../../src/models/ensembles.js';
import { pairAuc, sliceRows, synthetic } from './fixtures.js';

const one = (values: number[], name = 'x') =>
  createFeatureMatrix({ customerIds: values.map((_, i) => `c${i}`), features: [{ meta: { name, description: name, unit: 'n', kind: 'numeric' }, values }] });

describe('histogram binning', () => {
  it('few distinct values: thresholds are midpoints, so bins are exact', () => {
    expect(Array.from(binThresholds(Float64Array.from([3, 1, 2, 2, 3, 1]), 255))).toEqual([1.5, 2.5]);
    expect(binOf(Float64Array.from([1.5, 2.5]), 1)).toBe(0);
    expect(binOf(Float64Array.from([1.5, 2.5]), 1.5)).toBe(0); // x <= threshold goes left
    expect(binOf(Float64Array.from([1.5, 2.5]), 2)).toBe(1);
    expect(binOf(Float64Array.from([1.5, 2.5]), 99)).toBe(2);
  });
  it('many distinct values: at most maxBins bins, every bin used, codes monotone in the value', () => {
    const xs = Float64Array.from({ length: 5000 }, (_, i) => Math.sin(i) * 1000);
    for (const maxBins of [2, 16, 255]) {
      const { codes, thresholds } = binColumns([xs], maxBins);
      expect(thresholds[0]!.length).toBeLessThanOrEqual(maxBins - 1);
      const used = new Set(codes[0]);
      expect(used.size).toBe(thresholds[0]!.length + 1);
      const order = Array.from(xs.keys()).sort((a, b) => xs[a]! - xs[b]!);
      for (let k = 1; k < order.length; k++) expect(codes[0]![order[k]!]!).toBeGreaterThanOrEqual(codes[0]![order[k - 1]!]!);
    }
  });
  it('the radix sort behind the thresholds equals Float64Array.prototype.sort (negatives, ±0, subnormals, ±Infinity, duplicates)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ noNaN: true }), fc.integer({ min: -3, max: 3 }), fc.constantFrom(0, -0, 5e-324, -5e-324, Infinity, -Infinity)), { minLength: 16384, maxLength: 20000 }), (xs) => {
        const a = sortedCopy(Float64Array.from(xs));
        const b = Float64Array.from(xs).sort();
        expect(a.length).toBe(b.length);
        for (let i = 0; i < a.length; i++) expect(a[i] === b[i]).toBe(true);
      }),
      { numRuns: 5, seed: 9 },
    );
  });
  it('binColumns codes equal binOf (binary search) for every value', () => {
    const xs = Float64Array.from({ length: 3000 }, (_, i) => Math.round(Math.cos(i * 7) * 400) / 4);
    const { codes, thresholds } = binColumns([xs], 255);
    for (let r = 0; r < xs.length; r++) expect(codes[0]![r]).toBe(binOf(thresholds[0]!, xs[r]!));
  });
  it('a constant column has one bin and is never split on', () => {
    expect(binThresholds(Float64Array.from([7, 7, 7]), 255).length).toBe(0);
  });
});

describe('tree (CART on bins)', () => {
  it('finds the separating threshold 2.5 and pure leaves on x = 1..4, y = 0,0,1,1', () => {
    const model = trainChurnModel(one([4, 1, 3, 2]), [1, 0, 1, 0], { algorithm: 'tree' });
    const t = model.toJSON().trees![0]!;
    expect(t.feature).toEqual([0, -1, -1]);
    expect(t.threshold[0]).toBe(2.5);
    expect(t.value).toEqual([0.5, 0, 1]);
    // gini decrease: parent 2·A(B−A)/B = 2·2·2/4 = 2, children 0
    expect(t.gain[0]).toBe(2);
    expect(Array.from(model.predict(one([0, 2.5, 2.6, 10])))).toEqual([0, 0, 1, 1]);
  });

  it('entropy gives the same split here; gain = 4 bits·rows (weighted entropy 4·1 → 0)', () => {
    const model = trainChurnModel(one([1, 2, 3, 4]), [0, 0, 1, 1], { algorithm: 'tree', criterion: 'entropy' });
    expect(model.toJSON().trees![0]!.gain[0]).toBeCloseTo(4, 12);
  });

  it('maxDepth and minSamplesLeaf bound the tree', () => {
    const d = synthetic(1000, 2);
    const deep = trainChurnModel(d.matrix, d.labels, { algorithm: 'tree' });
    const shallow = trainChurnModel(d.matrix, d.labels, { algorithm: 'tree', maxDepth: 2 });
    const leafy = trainChurnModel(d.matrix, d.labels, { algorithm: 'tree', minSamplesLeaf: 100 });
    expect(shallow.toJSON().trees![0]!.feature.length).toBeLessThanOrEqual(7);
    expect(deep.toJSON().trees![0]!.feature.length).toBeGreaterThan(100);
    // every leaf of `leafy` holds >= 100 training rows (cover = weight = rows here)
    const t = leafy.toJSON().trees![0]!;
    t.feature.forEach((f, i) => {
      if (f < 0) expect(t.cover[i]).toBeGreaterThanOrEqual(100);
    });
    // an unpruned tree fits its training rows: AUC on them close to 1
    expect(pairAuc(deep.predict(d.matrix), d.labels)).toBeGreaterThan(0.97);
  });

  it('ties and duplicated rows: identical x with different labels end in one leaf with the mean label', () => {
    const model = trainChurnModel(one([1, 1, 1, 2, 2]), [0, 1, 1, 0, 0], { algorithm: 'tree' });
    const p = model.predict(one([1, 2]));
    expect(p[0]).toBeCloseTo(2 / 3, 15);
    expect(p[1]).toBe(0);
  });
});

describe('forest', () => {
  const d = synthetic(1500, 9);
  const test = synthetic(1500, 10);
  it('is deterministic for a seed and changes with the seed', () => {
    const a = trainChurnModel(d.matrix, d.labels, { algorithm: 'forest', trees: 20, seed: 1 }).predict(test.matrix);
    const b = trainChurnModel(d.matrix, d.labels, { algorithm: 'forest', trees: 20, seed: 1 }).predict(test.matrix);
    const c = trainChurnModel(d.matrix, d.labels, { algorithm: 'forest', trees: 20, seed: 2 }).predict(test.matrix);
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    expect(Buffer.from(a.buffer).equals(Buffer.from(c.buffer))).toBe(false);
  });
  it('all trees voting 1 gives exactly 1 (no dropped vote, unlike ml-random-forest 0.900001)', () => {
    const m = one([1, 2, 3, 4, 5, 6]);
    const model = trainChurnModel(m, [0, 0, 0, 1, 1, 1], { algorithm: 'forest', trees: 7, bootstrap: false, seed: 3 });
    const p = model.predict(one([100, -100]));
    expect(p[0]).toBe(1);
    expect(p[1]).toBe(0);
  });
  it('beats a single tree on held-out rows and its OOB AUC is close to the held-out AUC', () => {
    const forest = trainChurnModel(d.matrix, d.labels, { algorithm: 'forest', trees: 60, seed: 4, oobScore: true, minSamplesLeaf: 3 });
    const tree = trainChurnModel(d.matrix, d.labels, { algorithm: 'tree', minSamplesLeaf: 3 });
    const aucF = pairAuc(forest.predict(test.matrix), test.labels);
    const aucT = pairAuc(tree.predict(test.matrix), test.labels);
    expect(aucF).toBeGreaterThan(aucT + 0.02);
    expect(forest.summary.oobRowsScored).toBeGreaterThan(1400);
    expect(Math.abs(forest.summary.oobAuc! - aucF)).toBeLessThan(0.04);
  });
  it('features sampled per split: with { count: 1 } the trees use every feature somewhere', () => {
    const model = trainChurnModel(d.matrix, d.labels, { algorithm: 'forest', trees: 5, featuresPerSplit: { count: 1 }, maxDepth: 6, seed: 5 });
    const used = new Set(model.toJSON().trees!.flatMap((t) => t.feature.filter((f) => f >= 0)));
    expect(used.size).toBe(8);
  });
  it('reports progress once per tree', () => {
    const seen: number[] = [];
    trainChurnModel(sliceRows(d.matrix, 0, 200), d.labels.subarray(0, 200), { algorithm: 'forest', trees: 4, onProgress: (p) => seen.push(p.done) });
    expect(seen).toEqual([1, 2, 3, 4]);
  });
});

describe('boosting', () => {
  const d = synthetic(3000, 21);
  const test = synthetic(2000, 22);
  it('training log loss falls round by round and held-out AUC beats the base rate by far', () => {
    const model = trainChurnModel(d.matrix, d.labels, { algorithm: 'boosting', rounds: 60 });
    expect(model.summary.rounds).toBe(60);
    expect(pairAuc(model.predict(test.matrix), test.labels)).toBeGreaterThan(0.72);
    const short = trainChurnModel(d.matrix, d.labels, { algorithm: 'boosting', rounds: 5 });
    const ll = (p: Float64Array) => p.reduce((s, v, i) => s - Math.log(d.labels[i] ? v : 1 - v), 0) / p.length;
    expect(ll(model.predict(d.matrix))).toBeLessThan(ll(short.predict(d.matrix)));
  });
  it('the start value is the log-odds of the base rate: zero rounds of learning rate ~0 predict the base rate', () => {
    const model = trainChurnModel(d.matrix, d.labels, { algorithm: 'boosting', rounds: 1, learningRate: 1e-12 });
    const rate = d.labels.reduce((a, b) => a + b, 0) / d.labels.length;
    expect(model.predict(sliceRows(d.matrix, 0, 1))[0]).toBeCloseTo(rate, 9);
  });
  it('early stopping on a validation fraction stops before the cap with a noisy target', () => {
    const seen: number[] = [];
    const model = trainChurnModel(d.matrix, d.labels, { algorithm: 'boosting', rounds: 500, learningRate: 0.5, validation: { fraction: 0.2 }, seed: 1, onProgress: (p) => seen.push(p.done) });
    expect(model.summary.rounds).toBeLessThan(500);
    expect(seen.length).toBe(model.summary.rounds);
    expect(model.summary.validationRows).toBe(600);
    expect(model.summary.rows).toBe(2400);
    expect(model.summary.validationAuc).toBeGreaterThan(0.65);
  });
  it('maxLeafNodes caps leaves per tree', () => {
    const model = trainChurnModel(d.matrix, d.labels, { algorithm: 'boosting', rounds: 3, maxLeafNodes: 4 });
    for (const t of model.toJSON().trees!) expect(t.feature.filter((f) => f < 0).length).toBeLessThanOrEqual(4);
  });
});

describe('compiled scoring (rank-coded thresholds, four rows in lockstep)', () => {
  it('gives the same bytes as walking the trees, including rows exactly at a threshold and a row count not divisible by 4', () => {
    const d = synthetic(600, 41);
    for (const opts of [
      { algorithm: 'forest', trees: 12, seed: 2 },
      { algorithm: 'boosting', rounds: 15, minSamplesLeaf: 5 },
      { algorithm: 'tree' },
    ] as const) {
      const model = trainChurnModel(d.matrix, d.labels, opts);
      const json = model.toJSON();
      const trees: Tree[] = json.trees!.map((t) => ({
        feature: Int32Array.from(t.feature),
        threshold: Float64Array.from(t.threshold),
        left: Int32Array.from(t.left),
        right: Int32Array.from(t.right),
        value: Float64Array.from(t.value),
        cover: Float64Array.from(t.cover),
        gain: Float64Array.from(t.gain),
        bin: null,
        depth: 0,
      }));
      const probe = synthetic(203, 42).matrix;
      const cols = transformColumns('t', json.preprocessing as unknown as PreprocessorState, probe);
      // put every threshold itself into the first column's rows: x == threshold must go left
      const thr = trees.flatMap((t) => Array.from(t.threshold).filter((_, i) => t.feature[i] === 0));
      thr.slice(0, 203).forEach((v, r) => (cols[0]![r] = v));
      const p = cols.length;
      const x = rowMajor(cols, 203);
      const walk = new Float64Array(203);
      for (const t of trees) addTreePredictions(t, x, p, 203, walk);
      const fast = new Float64Array(203);
      addCompiledPredictionsColumns(compileTrees(trees, p)!, cols, 203, fast);
      expect(Buffer.from(fast.buffer).equals(Buffer.from(walk.buffer))).toBe(true);
    }
  });
});
