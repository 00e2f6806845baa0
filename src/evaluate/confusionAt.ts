import { invalidOption } from '../internal/errors.js';
import { checkBinary } from './checkBinary.js';

/**
 * The confusion matrix and its rates when customers with score ≥ threshold are called churners.
 * @category Evaluate
 */
export interface Confusion {
  /** The cut-off used: predicted churner when score ≥ threshold. */
  threshold: number;
  /** Churners flagged. */
  tp: number;
  /** Non-churners flagged (wasted contacts). */
  fp: number;
  /** Non-churners not flagged. */
  tn: number;
  /** Churners missed. */
  fn: number;
  /** tp / (tp + fp); 0 when nobody is flagged (scikit-learn `zero_division=0`). */
  precision: number;
  /** tp / (tp + fn), the share of churners caught; 0 when there are no churners. */
  recall: number;
  /** Harmonic mean of precision and recall, 2tp / (2tp + fp + fn); 0 when both are 0. */
  f1: number;
  /** (tp + tn) / n. */
  accuracy: number;
  /** tn / (tn + fp), the share of stayers left alone; 0 when there are no non-churners. */
  specificity: number;
}

/**
 * Confusion matrix, precision, recall, F1, accuracy and specificity at one score threshold.
 *
 * Use it once a campaign has a cut-off ("contact everyone above 0.4"): recall is the share
 * of churners the campaign reaches, precision the share of contacts that were needed.
 * To choose the cut-off by money rather than by F1, see {@link profitCurve}.
 *
 * Maths: customer i is predicted a churner when scoreᵢ ≥ threshold (the convention of
 * scikit-learn's `precision_recall_curve`); rates with a zero denominator are 0, as
 * scikit-learn's `zero_division=0`. Checked against scikit-learn 1.2.1 `precision_score`,
 * `recall_score`, `f1_score`, `accuracy_score` within 1e-9.
 *
 * @param y - labels, 1 = churned, 0 = stayed
 * @param scores - scores or probabilities, higher = more likely to churn
 * @param threshold - the cut-off (a finite number)
 * @returns the counts and rates
 * @throws ChurnkitError `LENGTH_MISMATCH`, `EMPTY_INPUT`, `INVALID_INPUT` (with the row),
 *   `INVALID_OPTION` for a non-finite threshold
 * @example
 * ```ts
 * confusionAt([1, 0, 1, 0], [0.9, 0.8, 0.4, 0.1], 0.5);
 * // { threshold: 0.5, tp: 1, fp: 1, tn: 1, fn: 1, precision: 0.5, recall: 0.5, f1: 0.5, accuracy: 0.5, specificity: 0.5 }
 * ```
 * @category Evaluate
 */
export function confusionAt(y: ArrayLike<number>, scores: ArrayLike<number>, threshold: number): Confusion {
  if (typeof threshold !== 'number' || !Number.isFinite(threshold)) {
    invalidOption('confusionAt', 'threshold', 'a finite number', threshold);
  }
  const { n } = checkBinary('confusionAt', y, scores);
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < n; i++) {
    const flagged = scores[i]! >= threshold;
    if (y[i] === 1) {
      if (flagged) tp++;
      else fn++;
    } else if (flagged) fp++;
    else tn++;
  }
  const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
  return {
    threshold, tp, fp, tn, fn,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    f1: ratio(2 * tp, 2 * tp + fp + fn),
    accuracy: (tp + tn) / n,
    specificity: ratio(tn, tn + fp),
  };
}
