import type { LabelTable } from '../churn/LabelTable.js';
import type { FeatureMatrix } from '../features/FeatureMatrix.js';
import { ChurnkitError } from '../internal/errors.js';
import { DAY_MS, isoDate } from '../internal/time.js';
import { trainChurnModel } from '../models/trainChurnModel.js';
import type { ChurnAlgorithm, TrainChurnModelOptions } from '../models/types.js';
import type { BacktestFold, BacktestResult, BacktestSkip } from './backtest.js';
import { brierScore } from './brierScore.js';
import { liftTable } from './liftTable.js';
import { logLoss } from './logLoss.js';
import { prAuc } from './prAuc.js';
import { rocAuc } from './rocAuc.js';
import { stackMatrices } from './_stack.js';

/** Settings of {@link backtestFolds}, already checked by the caller. @internal */
export interface FoldSettings {
  horizonDays: number;
  /** Earlier usable cutoffs to train on (Infinity: all). */
  trainWindow: number;
  algorithm: ChurnAlgorithm;
  seed: number;
  model?: Omit<TrainChurnModelOptions, 'algorithm' | 'seed'>;
  /** The cutoffs as the caller gave them, for the error message. */
  received: unknown;
}

/**
 * The walk-forward folds of a backtest over labelled snapshots. `backtest` labels the history and
 * extracts each cutoff's matrix lazily, then calls this; `analyzeChurn` calls it with the matrices it
 * extracted for its final model, so no snapshot is extracted twice. `byCutoff[k]` lists the
 * uncensored label rows of `cutoffs[k]` (ascending) in label-table order, and `matrixAt(k)` holds
 * exactly those customers in that order.
 * @internal
 */
export function backtestFolds(
  fn: string,
  labels: LabelTable,
  cutoffs: readonly number[],
  byCutoff: readonly (readonly number[])[],
  matrixAt: (k: number) => FeatureMatrix,
  o: FoldSettings,
): BacktestResult {
  const { horizonDays: horizon, trainWindow: window, seed } = o;
  const folds: BacktestFold[] = [];
  const skipped: BacktestSkip[] = [];
  skipped.push({ cutoff: cutoffs[0]!, reason: 'first cutoff: no earlier snapshot to train on' });
  for (let k = 1; k < cutoffs.length; k++) {
    const c = cutoffs[k]!;
    const usable: number[] = [];
    for (let j = k - 1; j >= 0 && usable.length < window; j--) {
      if (cutoffs[j]! + horizon * DAY_MS <= c) usable.push(j);
    }
    usable.reverse();
    if (usable.length === 0) {
      skipped.push({ cutoff: c, reason: `no earlier cutoff whose ${horizon}-day outcome window closes by ${isoDate(c)}` });
      continue;
    }
    const testRows = byCutoff[k]!;
    if (testRows.length === 0) {
      skipped.push({ cutoff: c, reason: 'no eligible, uncensored customer at this cutoff' });
      continue;
    }
    const train = stackMatrices(usable.map((j) => ({ matrix: matrixAt(j), cutoff: cutoffs[j]! })));
    const trainLabels = new Uint8Array(train.customerIds.length);
    let t = 0;
    let trainChurners = 0;
    for (const j of usable) {
      for (const r of byCutoff[j]!) {
        trainLabels[t++] = labels.label[r]!;
        trainChurners += labels.label[r]!;
      }
    }
    if (trainChurners === 0 || trainChurners === trainLabels.length) {
      skipped.push({ cutoff: c, reason: `training rows hold one class only (${trainChurners} churners of ${trainLabels.length})` });
      continue;
    }
    const model = trainChurnModel(train, trainLabels, { ...o.model, algorithm: o.algorithm, seed } as TrainChurnModelOptions);
    const test = matrixAt(k);
    const scores = model.predict(test);
    const y = Uint8Array.from(testRows, (r) => labels.label[r]!);
    let churners = 0;
    for (let i = 0; i < y.length; i++) churners += y[i]!;
    const both = churners > 0 && churners < y.length;
    const fold: BacktestFold = {
      cutoff: c,
      trainCutoffs: usable.map((j) => cutoffs[j]!),
      trainRows: trainLabels.length,
      trainChurnRate: trainChurners / trainLabels.length,
      testRows: y.length,
      testChurners: churners,
      censored: labels.countsByCutoff[k]!.censored,
      rocAuc: both ? rocAuc(y, scores) : null,
      prAuc: churners > 0 ? prAuc(y, scores) : null,
      logLoss: logLoss(y, scores),
      brierScore: brierScore(y, scores),
      topDecileLift: churners > 0 ? liftTable(y, scores)[0]!.lift : null,
      customerIds: test.customerIds,
      scores,
      labels: y,
    };
    if (!both) fold.note = churners === 0 ? 'no test customer churned: AUC, AP and lift are undefined' : 'every test customer churned: AUC is undefined';
    folds.push(fold);
  }
  if (folds.length === 0) {
    throw new ChurnkitError('EMPTY_INPUT', `${fn}: no cutoff could be scored: ${skipped.map((s) => `${isoDate(s.cutoff)} (${s.reason})`).join('; ')}.`, {
      field: 'cutoffs', expected: 'a later cutoff at least horizonDays after an earlier one, with customers of both classes', received: o.received,
    });
  }
  return {
    folds,
    skipped,
    mean: {
      rocAuc: meanOf(folds.map((f) => f.rocAuc)),
      prAuc: meanOf(folds.map((f) => f.prAuc)),
      logLoss: meanOf(folds.map((f) => f.logLoss)),
      brierScore: meanOf(folds.map((f) => f.brierScore)),
    },
  };
}

/** Label rows per cutoff index, uncensored only, in label-table order (by customer). @internal */
export function rowsByCutoff(labels: LabelTable, cutoffs: readonly number[]): number[][] {
  const index = new Map(cutoffs.map((c, k) => [c, k]));
  const out: number[][] = cutoffs.map(() => []);
  for (let r = 0; r < labels.label.length; r++) {
    if (labels.censored[r] === 1) continue;
    out[index.get(labels.cutoff[r]!)!]!.push(r);
  }
  return out;
}

function meanOf(values: readonly (number | null)[]): number | null {
  let s = 0;
  let k = 0;
  for (const v of values) if (v !== null) { s += v; k++; }
  return k === 0 ? null : s / k;
}
