import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadChurnModel, loadMljsEngine, trainChurnModel, type MljsModules, type MljsTreeNode } from '../../src/models/index.js';
import { prevDouble } from '../../src/models/mljsEngine.js';
import { transformColumns, type PreprocessorState } from '../../src/models/preprocess.js';
import { ChurnkitError } from '../../src/internal/errors.js';
import { pairAuc, sliceRows, synthetic } from './fixtures.js';

/** ml-cart's own classification of a row: P(class 1) from the leaf distribution (rule x < value goes left). */
function cartP1(node: MljsTreeNode, row: ArrayLike<number>): number {
  let nd = node;
  while (nd.left && nd.right) nd = row[nd.splitColumn!]! < nd.splitValue! ? nd.left : nd.right;
  return nd.distribution!.columns > 1 ? nd.distribution!.get(0, 1) : 0;
}

const data = synthetic(240, 4);
const probe = synthetic(120, 5);

describe('engine: mljs (optional ml-cart / ml-random-forest / ml-logistic-regression)', async () => {
  const mljs: MljsModules = await loadMljsEngine();
  const designRows = (model: ReturnType<typeof trainChurnModel>, m = probe.matrix) => {
    const cols = transformColumns('t', model.toJSON().preprocessing as unknown as PreprocessorState, m);
    return Array.from({ length: m.customerIds.length }, (_, r) => cols.map((c) => c[r]!));
  };

  it('prevDouble: x < s exactly when x <= prevDouble(s) (so ml-cart splits convert without error)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true }), (x, s) => {
        expect(x < s).toBe(x <= prevDouble(s));
      }),
      { numRuns: 500, seed: 1 },
    );
    expect(prevDouble(1)).toBe(1 - Number.EPSILON / 2);
    expect(prevDouble(0)).toBe(-Number.MIN_VALUE);
  });

  it('tree: the converted tree gives ml-cart’s own leaf probability for every row', () => {
    const model = trainChurnModel(data.matrix, data.labels, { algorithm: 'tree', engine: 'mljs', mljs, maxDepth: 4 });
    expect(model.summary.engine).toBe('mljs');
    // retrain ml-cart directly on the same design rows to compare with its own classify()
    const dt = new mljs.DecisionTreeClassifier({ gainFunction: 'gini', maxDepth: 4 });
    dt.train(designRows(model, data.matrix), Array.from(data.labels));
    const rows = designRows(model);
    const ours = model.predict(probe.matrix);
    rows.forEach((row, r) => expect(ours[r]).toBe(cartP1(dt.root, row)));
  });

  it('forest: probabilities are the plain mean of the converted trees (no dropped first vote); TreeSHAP adds up', () => {
    const model = trainChurnModel(data.matrix, data.labels, { algorithm: 'forest', engine: 'mljs', mljs, trees: 5, maxDepth: 3, seed: 3 });
    const trees = model.toJSON().trees!;
    expect(trees).toHaveLength(5);
    const p = model.predict(probe.matrix);
    const x = designRows(model);
    x.forEach((row, r) => {
      let s = 0;
      for (const t of trees) {
        let node = 0;
        while (t.feature[node]! >= 0) node = row[t.feature[node]!]! <= t.threshold[node]! ? t.left[node]! : t.right[node]!;
        s += t.value[node]!;
      }
      expect(p[r]).toBeCloseTo(s / 5, 14);
    });
    const c = model.contributions(sliceRows(probe.matrix, 0, 20));
    c.values.forEach((v, r) => expect(Math.abs(v.reduce((a, b) => a + b, c.base) - c.output[r]!)).toBeLessThan(1e-9));
    expect(pairAuc(p, probe.labels)).toBeGreaterThan(0.6);
  });

  it('logistic: an intercept column is added (ml-logistic-regression fits none); the model round-trips through JSON', () => {
    const model = trainChurnModel(data.matrix, data.labels, { algorithm: 'logistic', engine: 'mljs', mljs, maxIterations: 3000 });
    const native = trainChurnModel(data.matrix, data.labels, { algorithm: 'logistic', l2: 1e-6 });
    // unregularised gradient ascent heads for the optimum of a (nearly) unpenalised Newton fit; the
    // coefficients are not identified (all one-hot levels plus an intercept) but the probabilities are
    const pm = model.predict(probe.matrix);
    const pn = native.predict(probe.matrix);
    const gap = Math.max(...Array.from(pm, (v, i) => Math.abs(v - pn[i]!)));
    expect(gap).toBeLessThan(0.05);
    expect(pairAuc(model.predict(probe.matrix), probe.labels)).toBeGreaterThan(pairAuc(native.predict(probe.matrix), probe.labels) - 0.03);
    const again = loadChurnModel(JSON.parse(JSON.stringify(model.toJSON())));
    expect(Array.from(again.predict(probe.matrix))).toEqual(Array.from(model.predict(probe.matrix)));
    expect(again.summary.engine).toBe('mljs');
  });

  it('rejects what the mljs engine cannot do, with INVALID_OPTION', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof ChurnkitError ? e.code : 'other';
      }
      return 'none';
    };
    expect(code(() => trainChurnModel(data.matrix, data.labels, { algorithm: 'boosting', engine: 'mljs', mljs }))).toBe('INVALID_OPTION');
    expect(code(() => trainChurnModel(data.matrix, data.labels, { algorithm: 'tree', engine: 'mljs', mljs, classWeight: 'balanced' }))).toBe('INVALID_OPTION');
    expect(code(() => trainChurnModel(data.matrix, data.labels, { algorithm: 'tree', engine: 'mljs' }))).toBe('INVALID_OPTION');
    expect(code(() => trainChurnModel(data.matrix, data.labels, { algorithm: 'tree', mljs }))).toBe('INVALID_OPTION');
  });
});
