/**
 * The mljs engine (internal): fits with ml-cart / ml-random-forest / ml-logistic-regression and
 * converts what they learn into churnkit's own model state, so prediction, TreeSHAP,
 * importance and JSON work the same as for the native learners — and the defects found in
 * those packages (issue 5) are sidestepped:
 * - ml-random-forest's `predictProbability` drops the first tree's vote: churnkit averages the
 *   converted trees itself;
 * - its `featureImportance()` is NaN after `load` and can be negative: churnkit uses the gains
 *   recorded in the trees (clipped at 0) and saves them in its own JSON;
 * - out-of-bag scoring can crash on small data: it is switched off (`noOOB`);
 * - `maxSamples` takes the first rows instead of sampling: it is never set;
 * - string labels crash and labels {1, 2} mispredict: churnkit passes validated 0/1 numbers;
 * - ml-logistic-regression fits no intercept: a column of ones is prepended; its classifier i
 *   models P(y ≠ i), so churn probability is read from classifier 0.
 * Remaining, documented: ml-random-forest samples features once per tree, not per split, and
 * ml-logistic-regression is unregularised gradient ascent with a fixed step count.
 */
import { ChurnkitError } from '../internal/errors.js';
import type { MljsModules, MljsTreeNode } from './MljsModules.js';
import type { Tree } from './tree.js';

/** The largest double strictly below s: x < s ⇔ x <= prevDouble(s) for every double x. */
export function prevDouble(s: number): number {
  if (s === 0) return -Number.MIN_VALUE;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, s);
  let bits = buf.getBigUint64(0);
  bits = s > 0 ? bits - 1n : bits + 1n;
  buf.setBigUint64(0, bits);
  return buf.getFloat64(0);
}

function check(fn: string, ok: boolean, what: string): void {
  if (!ok) {
    throw new ChurnkitError('INVALID_OPTION', `${fn}: the mljs engine returned ${what}; check the mljs option holds DecisionTreeClassifier, RandomForestClassifier, LogisticRegression and Matrix.`, {
      field: 'mljs',
      expected: 'the classes of ml-cart, ml-random-forest, ml-logistic-regression and ml-matrix',
      received: what,
    });
  }
}

/**
 * Converts an ml-cart tree (rule `x[col] < value` goes left) into churnkit's flat tree (rule
 * `x <= threshold`, children in pairs). `colMap` maps the tree's columns to design columns.
 * Leaf values are ml-cart's P(class 1); covers are the training rows (all of them) reaching each
 * node, so TreeSHAP's background is the training table.
 */
function convertCartTree(fn: string, root: MljsTreeNode, colMap: ArrayLike<number>, X: readonly Float64Array[], w: Float64Array): Tree {
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const gain: number[] = [];
  const src: MljsTreeNode[] = [];
  const add = (nd: MljsTreeNode): number => {
    src.push(nd);
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    value.push(0);
    gain.push(0);
    return src.length - 1;
  };
  add(root);
  for (let i = 0; i < src.length; i++) {
    const nd = src[i]!;
    if (nd.left && nd.right && typeof nd.splitColumn === 'number' && typeof nd.splitValue === 'number') {
      const col = colMap[nd.splitColumn];
      check(fn, col !== undefined && Number.isFinite(nd.splitValue), `a split on column ${nd.splitColumn} at ${nd.splitValue}`);
      feature[i] = col!;
      threshold[i] = prevDouble(nd.splitValue);
      gain[i] = Math.max(0, Number.isFinite(nd.gain) ? nd.gain! : 0);
      left[i] = add(nd.left);
      right[i] = add(nd.right);
    } else {
      const d = nd.distribution;
      check(fn, d !== undefined, 'a leaf without a distribution');
      value[i] = d!.columns > 1 ? d!.get(0, 1) : 0;
    }
  }
  const m = feature.length;
  const cover = new Float64Array(m);
  const depthOf = new Int32Array(m);
  let depth = 0;
  const n = w.length;
  for (let r = 0; r < n; r++) {
    let node = 0;
    cover[0] = cover[0]! + w[r]!;
    while (feature[node]! >= 0) {
      node = X[feature[node]!]![r]! <= threshold[node]! ? left[node]! : right[node]!;
      cover[node] = cover[node]! + w[r]!;
    }
  }
  for (let i = 0; i < m; i++) {
    if (feature[i]! >= 0) {
      depthOf[left[i]!] = depthOf[i]! + 1;
      depthOf[right[i]!] = depthOf[i]! + 1;
    } else depth = Math.max(depth, depthOf[i]!);
    // a node no training row reaches cannot occur (ml-cart grows from training rows); guard TreeSHAP anyway
    if (!(cover[i]! > 0)) cover[i] = Number.MIN_VALUE;
  }
  return {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
    cover,
    gain: Float64Array.from(gain),
    bin: null,
    depth,
  };
}

function rowsOf(X: readonly Float64Array[], n: number, intercept: boolean): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < n; r++) {
    const row: number[] = intercept ? [1] : [];
    for (const c of X) row.push(c[r]!);
    out.push(row);
  }
  return out;
}

export interface MljsForestOptions {
  maxDepth: number;
  trees: number;
  mtry: number;
  seed: number;
}

export function fitMljsTree(fn: string, mljs: MljsModules, X: readonly Float64Array[], y: Uint8Array, w: Float64Array, maxDepth: number): Tree {
  const dt = new mljs.DecisionTreeClassifier({ gainFunction: 'gini', maxDepth });
  dt.train(rowsOf(X, y.length, false), Array.from(y));
  check(fn, !!dt.root, 'no tree');
  return convertCartTree(fn, dt.root, Int32Array.from(X.keys()), X, w);
}

export function fitMljsForest(fn: string, mljs: MljsModules, X: readonly Float64Array[], y: Uint8Array, w: Float64Array, o: MljsForestOptions): Tree[] {
  const rf = new mljs.RandomForestClassifier({
    seed: o.seed,
    maxFeatures: o.mtry,
    replacement: false,
    nEstimators: o.trees,
    treeOptions: { maxDepth: o.maxDepth },
    useSampleBagging: true,
    noOOB: true,
  });
  rf.train(rowsOf(X, y.length, false), Array.from(y));
  check(fn, Array.isArray(rf.estimators) && rf.estimators.length === o.trees, 'a forest with a different number of trees');
  return rf.estimators.map((est, t) => convertCartTree(fn, est.root, rf.indexes[t]!, X, w));
}

export function fitMljsLogistic(fn: string, mljs: MljsModules, Z: readonly Float64Array[], y: Uint8Array, steps: number): { intercept: number; coef: Float64Array } {
  const lr = new mljs.LogisticRegression({ numSteps: steps, learningRate: 5e-4 });
  lr.train(new mljs.Matrix(rowsOf(Z, y.length, true)), mljs.Matrix.columnVector(Array.from(y)));
  // ml-logistic-regression's one-vs-all classifier i models P(y ≠ i) (its predict picks the class
  // with the smallest score), so classifier 0 models P(churn)
  const cls = lr.classifiers[0];
  check(fn, lr.numberClasses === 2 && cls !== undefined && cls.weights.columns === Z.length + 1, 'an unexpected number of classes or weights');
  const coef = new Float64Array(Z.length);
  for (let j = 0; j < Z.length; j++) coef[j] = cls!.weights.get(0, j + 1);
  return { intercept: cls!.weights.get(0, 0), coef };
}
