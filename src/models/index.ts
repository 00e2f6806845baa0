/**
 * Churn models: logistic regression, CART tree, random forest and gradient boosting on typed
 * arrays, with exact and TreeSHAP explanations, importance and versioned serialisation.
 *
 * @module models
 */
export type { ChurnModel } from './ChurnModel.js';
export type { ChurnModelJson, TreeJson } from './ChurnModelJson.js';
export { trainChurnModel } from './trainChurnModel.js';
export { CHURN_ALGORITHMS } from './types.js';
export { loadChurnModel } from './loadChurnModel.js';
export { safeLoadChurnModel } from './safeLoadChurnModel.js';
export type { SafeLoadResult } from './safeLoadChurnModel.js';
export { loadMljsEngine } from './loadMljsEngine.js';
export type { MljsModules, MljsTreeNode } from './MljsModules.js';
export type {
  ChurnAlgorithm,
  ClassWeight,
  Contributions,
  Driver,
  ExplainOptions,
  Explanation,
  FeatureImportance,
  ImportanceOptions,
  TrainChurnModelOptions,
  TrainingProgress,
  TrainingSummary,
  ValidationOption,
} from './types.js';
export * from './btyd/index.js';
