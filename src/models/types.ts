import type { FeatureMatrix } from '../features/FeatureMatrix.js';
import type { MljsModules } from './MljsModules.js';

/**
 * The learners {@link trainChurnModel} offers.
 *
 * - `logistic`: L2-regularised logistic regression with intercept, solved by Newton/IRLS.
 * - `tree`: one CART tree on histogram-binned features.
 * - `forest`: a random forest (bootstrap rows, features sampled per split).
 * - `boosting`: histogram gradient-boosted trees for log loss.
 *
 * @category Models
 */
export type ChurnAlgorithm = (typeof CHURN_ALGORITHMS)[number];

/** The learners {@link trainChurnModel} knows, as a list (what `algorithm` may be). @category Models */
export const CHURN_ALGORITHMS = Object.freeze(['logistic', 'tree', 'forest', 'boosting'] as const);

/**
 * Per-class weights: `'balanced'` gives class `c` the weight `n / (2 n_c)` (scikit-learn's
 * `class_weight='balanced'`), or give the two weights explicitly.
 *
 * @category Models
 */
export type ClassWeight = 'balanced' | { readonly 0: number; readonly 1: number };

/**
 * Where {@link trainChurnModel} takes its validation rows from (used by `boosting` for early
 * stopping; every algorithm reports the validation log loss and AUC in
 * {@link TrainingSummary}).
 *
 * - `{ fraction }`: a seeded, stratified share of the training rows is held out.
 * - `{ matrix, labels }`: a separate validation table (all training rows are used for fitting).
 *
 * @category Models
 */
export type ValidationOption =
  | { readonly fraction: number }
  | { readonly matrix: FeatureMatrix; readonly labels: ArrayLike<number | boolean> };

/**
 * A progress report emitted while a model trains.
 *
 * @category Models
 */
export interface TrainingProgress {
  /** The algorithm being trained. */
  algorithm: ChurnAlgorithm;
  /** What `done` counts: Newton iterations, trees or boosting rounds. */
  unit: 'iteration' | 'tree' | 'round';
  /** Units finished so far. */
  done: number;
  /** Units planned (an upper bound for boosting with early stopping and for Newton). */
  total: number;
}

/**
 * Options of {@link trainChurnModel}. Options that do not apply to the chosen algorithm are
 * rejected, so a typo never silently changes nothing.
 *
 * @category Models
 */
export interface TrainChurnModelOptions {
  /** Which learner to fit. */
  algorithm: ChurnAlgorithm;
  /**
   * `'native'` (default): churnkit's own learners. `'mljs'`: fit `logistic`, `tree` or `forest`
   * with the optional mljs packages (pass their classes as `mljs`, e.g. from
   * {@link loadMljsEngine}); the result is converted into the same {@link ChurnModel}, so
   * prediction, explanations and saving work alike. Accepts only `maxDepth` (tree, forest),
   * `trees` and `featuresPerSplit` (forest, sampled per tree by ml-random-forest) and
   * `maxIterations` (logistic: gradient steps, default 50,000; no regularisation, no class weights).
   */
  engine?: 'native' | 'mljs';
  /** The mljs classes, required with `engine: 'mljs'`. */
  mljs?: MljsModules;
  /** Seed of every random choice (bootstrap, feature sampling, validation split). Default 0. */
  seed?: number;
  /** Class weights; default none (every row weighs 1). */
  classWeight?: ClassWeight;
  /** Validation rows: see {@link ValidationOption}. Default: none, except `boosting` on more than 10,000 rows uses `{ fraction: 0.1 }` (as scikit-learn's `early_stopping='auto'`). */
  validation?: ValidationOption | 'none';
  /** Called after each iteration, tree or boosting round. */
  onProgress?: (progress: TrainingProgress) => void;

  /** logistic: L2 penalty λ on the standardised weights (not the intercept); scikit-learn's `C` is `1/λ`. Default 1. */
  l2?: number;
  /**
   * logistic: stop when the largest Newton step is below this, or, once steps reuse a Hessian
   * factor (chord steps, which converge linearly at rate ρ), when the distance left after a step
   * is estimated below it (ρ / (1 − ρ) × that step). Default 1e-10.
   */
  tolerance?: number;
  /** logistic: Newton iteration cap. Default 100. Non-convergence is reported in {@link TrainingSummary}. */
  maxIterations?: number;

  /** tree/forest: split criterion. Default `'gini'`. */
  criterion?: 'gini' | 'entropy';
  /** tree/forest/boosting: maximum depth (root = depth 0). Default unlimited. */
  maxDepth?: number;
  /** tree/forest/boosting: minimum number of training rows in a leaf. Default 1 (tree, forest) or 20 (boosting). */
  minSamplesLeaf?: number;
  /** tree/forest/boosting: maximum number of bins per feature (2..255). Default 255. */
  maxBins?: number;
  /** forest: number of trees. Default 100. */
  trees?: number;
  /** forest: features tried per split, `{ fraction }` of the columns or `{ count }`. Default √p (scikit-learn's `'sqrt'`). */
  featuresPerSplit?: { readonly fraction: number } | { readonly count: number } | 'sqrt' | 'all';
  /** forest: draw a bootstrap sample per tree. Default true. */
  bootstrap?: boolean;
  /** forest: compute the out-of-bag AUC and log loss (needs `bootstrap`). Default false. */
  oobScore?: boolean;
  /** boosting: number of boosting rounds (upper bound with early stopping). Default 100. */
  rounds?: number;
  /** boosting: shrinkage applied to every tree. Default 0.1. */
  learningRate?: number;
  /** boosting: maximum leaves per tree, grown best-first. Default 31. */
  maxLeafNodes?: number;
  /** boosting: L2 penalty on leaf values. Default 0. */
  l2Leaf?: number;
  /** boosting: stop after this many rounds without validation improvement. Default 10. */
  patience?: number;
}

/**
 * What happened during training, saved with the model.
 *
 * @category Models
 */
export interface TrainingSummary {
  /** Which engine fitted the model. */
  engine: 'native' | 'mljs';
  /** Rows used for fitting (after any validation hold-out). */
  rows: number;
  /** Churners among them. */
  positives: number;
  /** Input features and the design columns they expand to. */
  features: number;
  designColumns: number;
  /**
   * logistic: Newton iterations and whether the tolerance was met. With `l2: 0` on training rows
   * the model separates completely (every row predicted within 0.001 of its label), the
   * maximum-likelihood coefficients do not exist (they grow without bound): `converged` is then
   * false and `separated` true, whatever the steps did. Use `l2 > 0`.
   */
  iterations?: number;
  converged?: boolean;
  separated?: boolean;
  /** forest: out-of-bag AUC and log loss (rows that were in-bag for every tree are left out and counted). */
  oobAuc?: number;
  oobLogLoss?: number;
  oobRowsScored?: number;
  /** boosting: rounds kept. */
  rounds?: number;
  /** Validation rows, log loss and AUC, when a validation set was used. */
  validationRows?: number;
  validationLogLoss?: number;
  validationAuc?: number;
}

/**
 * Per-row additive contributions of each input feature to a model's output.
 *
 * `base + Σ_j values[r][j] = output[r]` for every row, where `output` is on `scale`: log-odds for
 * `logistic` and `boosting`, probability for `tree` and `forest`.
 *
 * @category Models
 */
export interface Contributions {
  /** Scale of `base`, `values` and `output`. */
  scale: 'logit' | 'probability';
  /** Input feature names, the column order of each `values[r]`. */
  features: readonly string[];
  /** Expected output over the training rows (the SHAP base value). */
  base: number;
  /** One array per row: the contribution of each input feature. */
  values: Float64Array[];
  /** The model output per row on `scale`. */
  output: Float64Array;
}

/**
 * One reason behind a customer's score.
 *
 * @category Models
 */
export interface Driver {
  /** Input feature name. */
  feature: string;
  /** The customer's value (NaN when missing); for categorical features the level name. */
  value: number | string;
  /** The training median (numeric) or most frequent level (categorical). */
  typical: number | string;
  /** Contribution on the model's scale; positive pushes towards churn. */
  contribution: number;
  /** The driver in words, e.g. `days since last order: 94 (typical 21) +0.18`. */
  text: string;
}

/**
 * Why one customer got their score.
 *
 * @category Models
 */
export interface Explanation {
  customerId: string;
  /** Churn probability. */
  probability: number;
  /** Scale of the contributions. */
  scale: 'logit' | 'probability';
  /** Base value the contributions start from. */
  base: number;
  /** The top drivers by absolute contribution, largest first. */
  drivers: Driver[];
}

/**
 * Options of {@link ChurnModel.explain}.
 *
 * @category Models
 */
export interface ExplainOptions {
  /** Number of drivers per customer. Default 5. */
  top?: number;
  /** Only drivers that push towards churn (positive contributions). Default false. */
  positiveOnly?: boolean;
}

/**
 * How much one input feature matters to a model.
 *
 * @category Models
 */
export interface FeatureImportance {
  feature: string;
  /** `gain`: share of the total impurity/loss reduction (trees); `coefficient`: Σ|β| of its standardised columns (logistic); `permutation`: mean drop in AUC when the column is shuffled. */
  kind: 'gain' | 'coefficient' | 'permutation';
  importance: number;
  /** permutation: standard deviation over the repeats. */
  sd?: number;
}

/**
 * Options of {@link ChurnModel.importance}: give data for permutation importance.
 *
 * @category Models
 */
export interface ImportanceOptions {
  /** Rows to permute on (use held-out rows). */
  matrix: FeatureMatrix;
  /** Their 0/1 churn labels. */
  labels: ArrayLike<number | boolean>;
  /** Shuffles per feature. Default 5. */
  repeats?: number;
  /** Seed of the shuffles. Default 0. */
  seed?: number;
}
