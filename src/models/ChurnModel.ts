import type { FeatureMatrix } from '../features/FeatureMatrix.js';
import type { ChurnModelJson } from './ChurnModelJson.js';
import type { ChurnAlgorithm, Contributions, ExplainOptions, Explanation, FeatureImportance, ImportanceOptions, TrainingSummary } from './types.js';

/**
 * A fitted churn model: scores customers, says why, and saves itself.
 *
 * Made by {@link trainChurnModel} or restored by {@link loadChurnModel}. The model carries its
 * preprocessing (imputation, one-hot, standardisation) fitted on the training rows, and reads
 * any {@link FeatureMatrix} by feature name: extra columns are ignored, a missing column is an
 * error, reordered columns are aligned.
 *
 * @example
 * ```ts
 * const model = trainChurnModel(train, labels, { algorithm: 'forest', seed: 1 });
 * const p = model.predict(test);                     // Float64Array of churn probabilities
 * model.explain(test, { top: 3 })[0].drivers[0].text; // 'days since last order: 94 (typical 21) +0.18'
 * const again = loadChurnModel(JSON.parse(JSON.stringify(model.toJSON())));
 * ```
 * @category Models
 */
export interface ChurnModel {
  /** The learner. */
  readonly algorithm: ChurnAlgorithm;
  /** Input feature names the model reads. */
  readonly features: readonly string[];
  /** What happened in training. */
  readonly summary: TrainingSummary;
  /**
   * Churn probability per row of `matrix`.
   * @throws ChurnkitError `UNKNOWN_COLUMN` when a training feature is absent, `INVALID_INPUT` for ±Infinity or a changed feature kind
   */
  predict(matrix: FeatureMatrix): Float64Array;
  /**
   * Additive contributions of every input feature per row (exact for logistic, TreeSHAP for trees):
   * `base + Σ values[r] = output[r]` on the model's scale. TreeSHAP (Lundberg, Erion & Lee 2018,
   * Algorithm 2) costs O(trees × leaves × depth²) per row: explain the customers you will act on,
   * not a whole base of fully grown forests.
   */
  contributions(matrix: FeatureMatrix): Contributions;
  /** The top drivers of each row's score, in words. */
  explain(matrix: FeatureMatrix, options?: ExplainOptions): Explanation[];
  /**
   * Without options: the model's own importance (gain share for trees, Σ|standardised β| for
   * logistic). With data: permutation importance (mean AUC drop), largest first.
   */
  importance(options?: ImportanceOptions): FeatureImportance[];
  /** A versioned, JSON-serialisable copy of the whole model. */
  toJSON(): ChurnModelJson;
}
