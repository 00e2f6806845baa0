/**
 * Fitting a CART tree, a random forest and histogram gradient boosting (internal).
 *
 * - Forest: Breiman (2001), "Random Forests": each tree sees a bootstrap sample (drawn as
 *   integer weights, as scikit-learn does) and a fresh random subset of features at every split;
 *   probabilities are averaged over trees. Out-of-bag rows score the forest without a hold-out.
 * - Boosting: Friedman (2001) gradient boosting with Newton leaf values for log loss
 *   (g = w(p − y), h = w p(1 − p), leaf = −G/(H + λ)), trees grown best-first to a number of
 *   leaves on histograms, shrunk by the learning rate; the start is the log-odds of the base
 *   rate. Early stopping as scikit-learn's HistGradientBoostingClassifier: stop when the
 *   validation loss has not improved by more than 1e-7 over the last `patience` rounds.
 */
import { Random } from '../internal/random.js';
import { binColumns } from './binning.js';
import { sigmoid } from './logistic.js';
import { aucOf, logLossOf } from './scores.js';
import { ENTROPY, GINI, NEWTON, addTreePredictions, growTree, makeScratch, treeValue, type Tree } from './tree.js';
import type { TrainingProgress } from './types.js';
import { expTang } from '../internal/expTang.js';

export interface TreeParams {
  criterion: 'gini' | 'entropy';
  maxDepth: number;
  minSamplesLeaf: number;
  maxBins: number;
}

/** Row-major copy of design columns. */
export function rowMajor(cols: readonly Float64Array[], n: number): Float64Array {
  const p = cols.length;
  const x = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    const c = cols[j]!;
    for (let r = 0, o = j; r < n; r++, o += p) x[o] = c[r]!;
  }
  return x;
}

export function fitSingleTree(X: readonly Float64Array[], y: Uint8Array, w: Float64Array, params: TreeParams): { tree: Tree; cuts: Float64Array[] } {
  const n = y.length;
  const bd = binColumns(X, params.maxBins);
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = w[i]! * y[i]!;
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  const tree = growTree(
    bd,
    idx,
    n,
    a,
    w,
    { criterion: params.criterion === 'entropy' ? ENTROPY : GINI, maxDepth: params.maxDepth, minSamplesLeaf: params.minSamplesLeaf, maxLeafNodes: Infinity, mtry: X.length, rng: null, l2: 0, minHessian: 0, shrinkage: 1 },
    makeScratch(n, X.length),
    null,
  );
  return { tree, cuts: bd.thresholds };
}

export interface ForestParams extends TreeParams {
  trees: number;
  mtry: number;
  bootstrap: boolean;
  oobScore: boolean;
  seed: number;
}

export interface ForestFit {
  trees: Tree[];
  cuts: Float64Array[];
  oob: { auc: number; logLoss: number; rows: number } | null;
}

export function fitForest(X: readonly Float64Array[], y: Uint8Array, w: Float64Array, params: ForestParams, onProgress?: (p: TrainingProgress) => void): ForestFit {
  const n = y.length;
  const p = X.length;
  const bd = binColumns(X, params.maxBins);
  const master = new Random(params.seed);
  const scratch = makeScratch(n, p);
  const counts = new Uint32Array(n);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const idx = new Uint32Array(n);
  const trees: Tree[] = [];
  const oobSum = params.oobScore ? new Float64Array(n) : null;
  const oobCount = params.oobScore ? new Uint32Array(n) : null;
  const xr = params.oobScore ? rowMajor(X, n) : null;
  const grow = {
    criterion: params.criterion === 'entropy' ? ENTROPY : GINI,
    maxDepth: params.maxDepth,
    minSamplesLeaf: params.minSamplesLeaf,
    maxLeafNodes: Infinity,
    mtry: params.mtry,
    rng: null as Random | null,
    l2: 0,
    minHessian: 0,
    shrinkage: 1,
  };
  for (let t = 0; t < params.trees; t++) {
    const rng = master.fork(t);
    if (params.bootstrap) {
      counts.fill(0);
      for (let i = 0; i < n; i++) counts[rng.int(n)]!++;
    } else counts.fill(1);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const c = counts[i]!;
      b[i] = c * w[i]!;
      a[i] = b[i]! * y[i]!;
      if (c > 0) idx[m++] = i;
    }
    grow.rng = rng;
    const tree = growTree(bd, idx, m, a, b, grow, scratch, null);
    trees.push(tree);
    if (oobSum && oobCount && xr) {
      for (let i = 0; i < n; i++) {
        if (counts[i] !== 0) continue;
        oobSum[i] = oobSum[i]! + treeValue(tree, xr, i * p);
        oobCount[i]!++;
      }
    }
    onProgress?.({ algorithm: 'forest', unit: 'tree', done: t + 1, total: params.trees });
  }
  let oob: ForestFit['oob'] = null;
  if (oobSum && oobCount) {
    const rows: number[] = [];
    const prob = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (oobCount[i]! > 0) {
        rows.push(i);
        prob[i] = oobSum[i]! / oobCount[i]!;
      }
    }
    oob = { auc: aucOf(prob, y, rows), logLoss: logLossOf(prob, y, rows), rows: rows.length };
  }
  return { trees, cuts: bd.thresholds, oob };
}

export interface BoostingParams {
  rounds: number;
  learningRate: number;
  maxLeafNodes: number;
  maxDepth: number;
  minSamplesLeaf: number;
  l2Leaf: number;
  maxBins: number;
  patience: number;
}

export interface BoostingFit {
  init: number;
  trees: Tree[];
  cuts: Float64Array[];
  validationLoss: number[];
}

export function fitBoosting(
  X: readonly Float64Array[],
  y: Uint8Array,
  w: Float64Array,
  params: BoostingParams,
  valid: { x: Float64Array; y: Uint8Array; n: number } | null,
  onProgress?: (p: TrainingProgress) => void,
): BoostingFit {
  const n = y.length;
  const p = X.length;
  const bd = binColumns(X, params.maxBins);
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < n; i++) {
    sw += w[i]!;
    swy += w[i]! * y[i]!;
  }
  const prior = Math.min(1 - 1e-15, Math.max(1e-15, swy / sw));
  const init = Math.log(prior / (1 - prior));
  const raw = new Float64Array(n).fill(init);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const idx = new Uint32Array(n);
  const scratch = makeScratch(n, p);
  const trees: Tree[] = [];
  const leaves: number[] = [];
  const vraw = valid ? new Float64Array(valid.n).fill(init) : null;
  const vprob = valid ? new Float64Array(valid.n) : null;
  const losses: number[] = [];
  const vloss = (): number => {
    for (let i = 0; i < valid!.n; i++) vprob![i] = sigmoid(vraw![i]!);
    return logLossOf(vprob!, valid!.y);
  };
  if (valid) losses.push(vloss());
  const grow = {
    criterion: NEWTON,
    maxDepth: params.maxDepth,
    minSamplesLeaf: params.minSamplesLeaf,
    maxLeafNodes: params.maxLeafNodes,
    mtry: p,
    rng: null,
    l2: params.l2Leaf,
    minHessian: 1e-3,
    shrinkage: params.learningRate,
  };
  for (let t = 0; t < params.rounds; t++) {
    for (let i = 0; i < n; i++) {
      const pi = 1 / (1 + expTang(-raw[i]!));
      g[i] = w[i]! * (pi - y[i]!);
      h[i] = w[i]! * pi * (1 - pi);
      idx[i] = i;
    }
    leaves.length = 0;
    const tree = growTree(bd, idx, n, g, h, grow, scratch, leaves);
    trees.push(tree);
    for (let q = 0; q < leaves.length; q += 3) {
      const v = tree.value[leaves[q]!]!;
      const hi = leaves[q + 2]!;
      for (let k = leaves[q + 1]!; k < hi; k++) raw[idx[k]!] = raw[idx[k]!]! + (v);
    }
    onProgress?.({ algorithm: 'boosting', unit: 'round', done: t + 1, total: params.rounds });
    if (valid && vraw) {
      addTreePredictions(tree, valid.x, p, valid.n, vraw);
      losses.push(vloss());
      const k = params.patience;
      if (losses.length > k) {
        const ref = losses[losses.length - k - 1]!;
        let improved = false;
        for (let j = losses.length - k; j < losses.length; j++) if (losses[j]! < ref - 1e-7) improved = true;
        if (!improved) break;
      }
    }
    if (tree.feature.length === 1) break; // nothing left to learn: a stump with no split
  }
  return { init, trees, cuts: bd.thresholds, validationLoss: losses };
}
