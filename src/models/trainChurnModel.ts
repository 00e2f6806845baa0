import { checkMatrix as checkArgMatrix } from '../internal/args.js';
import { ChurnkitError, invalidOption } from '../internal/errors.js';
import { Random } from '../internal/random.js';
import type { FeatureMatrix } from '../features/FeatureMatrix.js';
import { selectFeatureRows } from '../features/selectFeatureRows.js';
import type { ChurnModel } from './ChurnModel.js';
import { fitBoosting, fitForest, fitSingleTree, rowMajor } from './ensembles.js';
import { toLabels } from './labels.js';
import { fitLogistic } from './logistic.js';
import { fitMljsForest, fitMljsLogistic, fitMljsTree } from './mljsEngine.js';
import { NativeChurnModel, type ModelState } from './model.js';
import { fitPreprocessor, transformColumns } from './preprocess.js';
import { aucOf, logLossOf } from './scores.js';
import type { TrainChurnModelOptions, TrainingSummary } from './types.js';

const FN = 'trainChurnModel';

const COMMON = ['algorithm', 'engine', 'seed', 'classWeight', 'validation', 'onProgress'];
const MLJS_COMMON = ['algorithm', 'engine', 'mljs', 'seed', 'validation', 'onProgress'];
const MLJS_ALLOWED: Record<string, readonly string[]> = {
  logistic: [...MLJS_COMMON, 'maxIterations'],
  tree: [...MLJS_COMMON, 'maxDepth'],
  forest: [...MLJS_COMMON, 'maxDepth', 'trees', 'featuresPerSplit'],
};
const ALLOWED: Record<string, readonly string[]> = {
  logistic: [...COMMON, 'l2', 'tolerance', 'maxIterations'],
  tree: [...COMMON, 'criterion', 'maxDepth', 'minSamplesLeaf', 'maxBins'],
  forest: [...COMMON, 'criterion', 'maxDepth', 'minSamplesLeaf', 'maxBins', 'trees', 'featuresPerSplit', 'bootstrap', 'oobScore'],
  boosting: [...COMMON, 'maxDepth', 'minSamplesLeaf', 'maxBins', 'rounds', 'learningRate', 'maxLeafNodes', 'l2Leaf', 'patience'],
};

function intOption(name: string, v: unknown, min: number, dflt: number, allowInfinity = false): number {
  if (v === undefined) return dflt;
  if (allowInfinity && v === Infinity) return Infinity;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) invalidOption(FN, name, `an integer >= ${min}${allowInfinity ? ' or Infinity' : ''}`, v);
  return v;
}

function numOption(name: string, v: unknown, test: (x: number) => boolean, expected: string, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !test(v)) invalidOption(FN, name, expected, v);
  return v;
}

function mtryOf(option: TrainChurnModelOptions['featuresPerSplit'], p: number): number {
  const fps = option ?? 'sqrt';
  if (fps === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(p)));
  if (fps === 'all') return p;
  if (typeof fps === 'object' && fps !== null && 'fraction' in fps && typeof fps.fraction === 'number' && fps.fraction > 0 && fps.fraction <= 1) return Math.max(1, Math.floor(fps.fraction * p));
  if (typeof fps === 'object' && fps !== null && 'count' in fps && Number.isInteger(fps.count) && fps.count >= 1) return Math.min(p, fps.count);
  return invalidOption(FN, 'featuresPerSplit', "'sqrt', 'all', { fraction } in (0, 1] or { count } >= 1", fps);
}

function checkMatrix(matrix: FeatureMatrix): void {
  checkArgMatrix(FN, matrix);
  if (matrix.names.length === 0) {
    throw new ChurnkitError('EMPTY_INPUT', `${FN}: the matrix has no feature columns.`, { field: 'names', expected: 'at least one feature', received: 0 });
  }
}

/**
 * Trains a churn model — logistic regression, a CART tree, a random forest or gradient-boosted
 * trees — on a feature matrix and 0/1 churn labels.
 *
 * This is the "predict" step of the churn loop: features as of a cutoff (from the features
 * module) and labels from the following horizon go in; a {@link ChurnModel} that scores,
 * explains and saves itself comes out. Preprocessing is fitted on the training rows only and
 * saved in the model: NaN → training median (categorical: no level) plus a missing indicator
 * for every feature that had NaN; categoricals one-hot (all levels); standardisation (mean,
 * population sd) for the logistic model.
 *
 * - `logistic`: minimises Σ w_i logloss_i + λ/2 ‖β‖² (intercept unpenalised) by Newton/IRLS with
 *   backtracking; scikit-learn's `LogisticRegression(C = 1/λ)` on standardised inputs solves the
 *   same problem. O(n p²) per iteration.
 * - `tree` / `forest`: CART (Breiman et al. 1984) with gini or entropy on ≤ 255 histogram bins
 *   per feature, so split search is O(rows × features) per depth level; the forest (Breiman 2001)
 *   bootstraps rows and samples `featuresPerSplit` features at every split.
 * - `boosting`: gradient-boosted trees for log loss with Newton leaves (Friedman 2001), grown
 *   best-first to `maxLeafNodes` leaves on histograms (as LightGBM and scikit-learn's
 *   HistGradientBoostingClassifier), learning rate, early stopping on validation loss.
 *
 * @param matrix - training rows (one per customer) — see {@link FeatureMatrix}
 * @param labels - 1 = churned, 0 = stayed (numbers or booleans), one per row
 * @param options - the algorithm and its settings, see {@link TrainChurnModelOptions}
 * @returns the fitted model; `model.summary` reports rows, convergence, OOB and validation scores
 * @throws ChurnkitError `SINGLE_CLASS_LABELS` when the labels hold one class, `LENGTH_MISMATCH`,
 * `EMPTY_INPUT`, `INVALID_INPUT` (bad label, ±Infinity feature), `INVALID_OPTION` (unknown option
 * for the algorithm or engine, out-of-range value, `engine: 'mljs'` without the `mljs` classes or
 * for boosting)
 * @example
 * ```ts
 * const model = trainChurnModel(matrix, labels, { algorithm: 'boosting', seed: 7 });
 * model.predict(matrix);            // Float64Array of churn probabilities
 * model.importance().slice(0, 3);   // [{ feature: 'recency_days', kind: 'gain', importance: 0.41 }, …]
 * ```
 * @category Models
 */
export function trainChurnModel(matrix: FeatureMatrix, labels: ArrayLike<number | boolean>, options: TrainChurnModelOptions): ChurnModel {
  if (!options || typeof options !== 'object') invalidOption(FN, 'options', 'an object with an algorithm', options);
  const algorithm = options.algorithm;
  const allowed = ALLOWED[algorithm as string];
  if (!allowed) invalidOption(FN, 'algorithm', "'logistic', 'tree', 'forest' or 'boosting'", algorithm);
  const engine = options.engine ?? 'native';
  if (engine !== 'native' && engine !== 'mljs') invalidOption(FN, 'engine', "'native' or 'mljs'", engine);
  const mljs = options.mljs;
  if (engine === 'mljs') {
    const mAllowed = MLJS_ALLOWED[algorithm];
    if (!mAllowed) invalidOption(FN, 'engine', `'native' for algorithm '${algorithm}' (the mljs engine offers logistic, tree and forest)`, engine);
    for (const key of Object.keys(options)) {
      if (!mAllowed.includes(key)) invalidOption(FN, key, `absent with engine 'mljs' (options it accepts for '${algorithm}': ${mAllowed.join(', ')})`, (options as unknown as Record<string, unknown>)[key]);
    }
    if (!mljs || typeof mljs !== 'object' || typeof mljs.DecisionTreeClassifier !== 'function' || typeof mljs.RandomForestClassifier !== 'function' || typeof mljs.LogisticRegression !== 'function' || typeof mljs.Matrix !== 'function') {
      invalidOption(FN, 'mljs', 'the mljs classes { DecisionTreeClassifier, RandomForestClassifier, LogisticRegression, Matrix } (see loadMljsEngine())', mljs);
    }
  } else {
    for (const key of Object.keys(options)) {
      if (!allowed.includes(key)) invalidOption(FN, key, `absent: it does not apply to algorithm '${algorithm}' (options for it: ${allowed.join(', ')})`, (options as unknown as Record<string, unknown>)[key]);
    }
  }
  checkMatrix(matrix);
  const nAll = matrix.customerIds.length;
  const yAll = toLabels(FN, labels, nAll, 'labels');
  const seed = numOption('seed', options.seed, Number.isSafeInteger, 'a safe integer', 0);
  const onProgress = options.onProgress;
  if (onProgress !== undefined && typeof onProgress !== 'function') invalidOption(FN, 'onProgress', 'a function', onProgress);
  const rng = new Random(seed);

  // validation rows
  let trainM = matrix;
  let y = yAll;
  let valid: { matrix: FeatureMatrix; y: Uint8Array } | null = null;
  let v = options.validation;
  if (v === undefined && algorithm === 'boosting' && nAll > 10000) v = { fraction: 0.1 };
  if (v !== undefined && v !== 'none') {
    if (typeof v !== 'object' || v === null) invalidOption(FN, 'validation', "{ fraction }, { matrix, labels } or 'none'", v);
    if ('fraction' in v) {
      const f = v.fraction;
      if (typeof f !== 'number' || !(f > 0 && f < 1)) invalidOption(FN, 'validation.fraction', 'a number in (0, 1)', f);
      // stratified: the same share of each class, chosen by a seeded shuffle
      const vrng = rng.fork(1);
      const isValid = new Uint8Array(nAll);
      for (const cls of [0, 1]) {
        const rows: number[] = [];
        for (let i = 0; i < nAll; i++) if (yAll[i] === cls) rows.push(i);
        vrng.shuffle(rows);
        const k = Math.round(f * rows.length);
        for (let i = 0; i < k; i++) isValid[rows[i]!] = 1;
      }
      const tr: number[] = [];
      const va: number[] = [];
      for (let i = 0; i < nAll; i++) (isValid[i] ? va : tr).push(i);
      const trRows = Uint32Array.from(tr);
      const vaRows = Uint32Array.from(va);
      trainM = selectFeatureRows(matrix, trRows);
      y = toLabels(FN, Array.from(trRows, (r) => yAll[r]!), tr.length, 'labels (training part after the validation hold-out)');
      valid = { matrix: selectFeatureRows(matrix, vaRows), y: Uint8Array.from(vaRows, (r) => yAll[r]!) };
    } else if ('matrix' in v) {
      checkMatrix(v.matrix);
      valid = { matrix: v.matrix, y: toLabels(FN, v.labels, v.matrix.customerIds.length, 'validation.labels') };
    } else invalidOption(FN, 'validation', "{ fraction }, { matrix, labels } or 'none'", v);
  }
  const n = y.length;

  // sample weights from class weights
  const w = new Float64Array(n).fill(1);
  const cw = options.classWeight;
  if (cw !== undefined) {
    let w0: number;
    let w1: number;
    if (cw === 'balanced') {
      let pos = 0;
      for (let i = 0; i < n; i++) pos += y[i]!;
      w0 = n / (2 * (n - pos));
      w1 = n / (2 * pos);
    } else if (typeof cw === 'object' && cw !== null && typeof cw[0] === 'number' && typeof cw[1] === 'number' && cw[0] > 0 && cw[1] > 0 && Number.isFinite(cw[0]) && Number.isFinite(cw[1])) {
      w0 = cw[0];
      w1 = cw[1];
    } else invalidOption(FN, 'classWeight', "'balanced' or { 0: w0, 1: w1 } with positive finite weights", cw);
    for (let i = 0; i < n; i++) w[i] = y[i] ? w1 : w0;
  }

  const { state: pre, design: X } = fitPreprocessor(FN, trainM, algorithm === 'logistic');
  const p = X.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i]!;
  const summary: TrainingSummary = { engine, rows: n, positives, features: pre.inputs.length, designColumns: p };
  const state: ModelState = { algorithm, pre, logistic: null, trees: null, cuts: null, init: 0, summary };

  const maxBins = intOption('maxBins', options.maxBins, 2, 255);
  if (maxBins > 255) invalidOption(FN, 'maxBins', 'an integer in [2, 255]', maxBins);
  const criterion = options.criterion ?? 'gini';
  if (criterion !== 'gini' && criterion !== 'entropy') invalidOption(FN, 'criterion', "'gini' or 'entropy'", criterion);

  if (engine === 'mljs') {
    const m = mljs!;
    const maxDepth = intOption('maxDepth', options.maxDepth, 1, Infinity, true);
    if (algorithm === 'logistic') {
      state.logistic = fitMljsLogistic(FN, m, X, y, intOption('maxIterations', options.maxIterations, 1, 50000));
      onProgress?.({ algorithm, unit: 'iteration', done: 1, total: 1 });
    } else if (algorithm === 'tree') {
      state.trees = [fitMljsTree(FN, m, X, y, w, maxDepth)];
      onProgress?.({ algorithm, unit: 'tree', done: 1, total: 1 });
    } else {
      const trees = intOption('trees', options.trees, 1, 100);
      state.trees = fitMljsForest(FN, m, X, y, w, { maxDepth, trees, mtry: mtryOf(options.featuresPerSplit, p), seed: rng.fork(2).int(2 ** 31) });
      onProgress?.({ algorithm, unit: 'tree', done: trees, total: trees });
    }
  } else if (algorithm === 'logistic') {
    const l2 = numOption('l2', options.l2, (x) => Number.isFinite(x) && x >= 0, 'a finite number >= 0', 1);
    const tol = numOption('tolerance', options.tolerance, (x) => Number.isFinite(x) && x > 0, 'a positive number', 1e-10);
    const maxIt = intOption('maxIterations', options.maxIterations, 1, 100);
    const fit = fitLogistic(X, y, w, l2, tol, maxIt, onProgress);
    state.logistic = { intercept: fit.intercept, coef: fit.coef };
    summary.iterations = fit.iterations;
    summary.converged = fit.converged;
    // complete separation without a penalty: the likelihood has no maximum (see TrainingSummary)
    if (l2 === 0 && fit.maxResidual < 1e-3) {
      summary.converged = false;
      summary.separated = true;
    }
  } else if (algorithm === 'tree') {
    const single = fitSingleTree(X, y, w, {
        criterion,
        maxDepth: intOption('maxDepth', options.maxDepth, 0, Infinity, true),
        minSamplesLeaf: intOption('minSamplesLeaf', options.minSamplesLeaf, 1, 1),
        maxBins,
    });
    state.trees = [single.tree];
    state.cuts = single.cuts;
    onProgress?.({ algorithm, unit: 'tree', done: 1, total: 1 });
  } else if (algorithm === 'forest') {
    const mtry = mtryOf(options.featuresPerSplit, p);
    const bootstrap = options.bootstrap ?? true;
    if (typeof bootstrap !== 'boolean') invalidOption(FN, 'bootstrap', 'a boolean', bootstrap);
    const oobScore = options.oobScore ?? false;
    if (typeof oobScore !== 'boolean') invalidOption(FN, 'oobScore', 'a boolean', oobScore);
    if (oobScore && !bootstrap) invalidOption(FN, 'oobScore', 'false when bootstrap is false (no row is out of bag)', oobScore);
    const fit = fitForest(
      X,
      y,
      w,
      {
        criterion,
        maxDepth: intOption('maxDepth', options.maxDepth, 0, Infinity, true),
        minSamplesLeaf: intOption('minSamplesLeaf', options.minSamplesLeaf, 1, 1),
        maxBins,
        trees: intOption('trees', options.trees, 1, 100),
        mtry,
        bootstrap,
        oobScore,
        seed: rng.fork(2).uint32(),
      },
      onProgress,
    );
    state.trees = fit.trees;
    state.cuts = fit.cuts;
    if (fit.oob) {
      // AUC is undefined (NaN) when the out-of-bag rows hold one class: then it is left out
      if (Number.isFinite(fit.oob.auc)) summary.oobAuc = fit.oob.auc;
      if (Number.isFinite(fit.oob.logLoss)) summary.oobLogLoss = fit.oob.logLoss;
      summary.oobRowsScored = fit.oob.rows;
    }
  } else {
    const params = {
      rounds: intOption('rounds', options.rounds, 1, 100),
      learningRate: numOption('learningRate', options.learningRate, (x) => Number.isFinite(x) && x > 0, 'a positive number', 0.1),
      maxLeafNodes: intOption('maxLeafNodes', options.maxLeafNodes, 2, 31),
      maxDepth: intOption('maxDepth', options.maxDepth, 1, Infinity, true),
      minSamplesLeaf: intOption('minSamplesLeaf', options.minSamplesLeaf, 1, 20),
      l2Leaf: numOption('l2Leaf', options.l2Leaf, (x) => Number.isFinite(x) && x >= 0, 'a finite number >= 0', 0),
      maxBins,
      patience: intOption('patience', options.patience, 1, 10),
    };
    const vx = valid ? { x: rowMajor(transformColumns(FN, pre, valid.matrix), valid.y.length), y: valid.y, n: valid.y.length } : null;
    const fit = fitBoosting(X, y, w, params, vx, onProgress);
    state.trees = fit.trees;
    state.cuts = fit.cuts;
    state.init = fit.init;
    summary.rounds = fit.trees.length;
  }
  const model = new NativeChurnModel(state);
  if (valid) {
    const prob = model.predict(valid.matrix);
    state.summary.validationRows = valid.y.length;
    state.summary.validationLogLoss = logLossOf(prob, valid.y);
    const auc = aucOf(prob, valid.y);
    if (Number.isFinite(auc)) state.summary.validationAuc = auc;
    return new NativeChurnModel(state);
  }
  return model;
}
