import type { ChurnAlgorithm, TrainingSummary } from './types.js';

/**
 * One tree in a saved model: flat arrays by node id (node 0 is the root, children have larger
 * ids, `feature` -1 marks a leaf; go left when `x <= threshold`).
 *
 * @category Models
 */
export interface TreeJson {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
  cover: number[];
  gain: number[];
}

/**
 * The saved form of a {@link ChurnModel} (`format: 'churnkit-model'`, `version: 1`): plain JSON
 * that {@link loadChurnModel} validates and restores.
 *
 * @category Models
 */
export interface ChurnModelJson {
  format: 'churnkit-model';
  version: 1;
  algorithm: ChurnAlgorithm;
  preprocessing: {
    standardize: boolean;
    inputs: {
      name: string;
      description: string;
      unit: string;
      kind: 'numeric' | 'binary' | 'categorical';
      levels: string[] | null;
      nanMeaning: string | null;
      fill: number;
      indicator: boolean;
    }[];
    columns: { name: string; input: number; role: 'value' | 'level' | 'missing'; level: number; center: number; scale: number }[];
  };
  /** logistic only. */
  logistic: { intercept: number; coef: number[] } | null;
  /** tree, forest, boosting. */
  trees: TreeJson[] | null;
  /** boosting: starting log-odds. */
  init: number;
  summary: TrainingSummary;
}
