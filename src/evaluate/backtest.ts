import { checkLog } from '../internal/args.js';
import type { EventLog } from '../data/EventLog.js';
import type { ChurnRule } from '../churn/ChurnRule.js';
import { labelHistory } from '../churn/labelHistory.js';
import type { LabelTable } from '../churn/LabelTable.js';
import type { FeatureMatrix } from '../features/FeatureMatrix.js';
import { stackMatrices } from './_stack.js';
import type { FeatureSpec } from '../features/FeatureSpec.js';
import { extractFeatures, type ExtractFeaturesOptions } from '../features/extractFeatures.js';
import { ChurnkitError, invalidOption, show } from '../internal/errors.js';
import { DAY_MS, isoDate, toEpochMs } from '../internal/time.js';
import { trainChurnModel } from '../models/trainChurnModel.js';
import type { ChurnAlgorithm, TrainChurnModelOptions } from '../models/types.js';
import { brierScore } from './brierScore.js';
import { liftTable } from './liftTable.js';
import { logLoss } from './logLoss.js';
import { prAuc } from './prAuc.js';
import { rocAuc } from './rocAuc.js';

/** Options of {@link backtest}. @category Evaluate */
export interface BacktestOptions {
  /** Snapshot times, at least two, distinct (sorted internally). Each one after the first is a test fold. */
  cutoffs: readonly (Date | string | number)[];
  /** Outcome window after each cutoff, in days (> 0), as in `labelHistory`. */
  horizonDays: number;
  /** The learner. */
  algorithm: ChurnAlgorithm;
  /** Further learner settings passed to `trainChurnModel` (not `algorithm` or `seed`). */
  model?: Omit<TrainChurnModelOptions, 'algorithm' | 'seed'>;
  /** Seed of the learner (default 1); each fold trains with this seed. */
  seed?: number;
  /**
   * How many earlier usable cutoffs to train on, most recent first (default: all of them, an
   * expanding window). Use 1 for "train on the latest complete snapshot only".
   */
  trainWindow?: number;
  /** Feature specs (default: the features module's default catalogue). */
  features?: readonly FeatureSpec[];
  /** Further `extractFeatures` settings shared by all cutoffs (vocabulary, customer table, sentiment, unit). */
  extract?: Omit<ExtractFeaturesOptions, 'cutoff' | 'customers' | 'features'>;
  /** End of observation, exclusive (default: the last event + 1 ms), as in `labelHistory`. */
  dataEnd?: Date | string | number;
}

/** Scores of one test fold of a {@link backtest}. @category Evaluate */
export interface BacktestFold {
  /** The test cutoff (epoch ms). */
  cutoff: number;
  /** The cutoffs whose labels trained this fold's model (epoch ms, ascending). */
  trainCutoffs: number[];
  /** Training rows (customer × cutoff, censored rows left out). */
  trainRows: number;
  /** Churn share among training rows. */
  trainChurnRate: number;
  /** Customers scored at the test cutoff (censored rows left out). */
  testRows: number;
  /** Churners among them. */
  testChurners: number;
  /** Test rows left out because their horizon runs past the end of the data. */
  censored: number;
  /** ROC AUC on the test fold; null when the fold holds one class (see `note`). */
  rocAuc: number | null;
  /** Average precision; null when no test customer churned. */
  prAuc: number | null;
  /** Log loss of the predicted probabilities. */
  logLoss: number;
  /** Brier score of the predicted probabilities. */
  brierScore: number;
  /** Lift of the top decile; null when no test customer churned. */
  topDecileLift: number | null;
  /** Why a metric is null, when one is. */
  note?: string;
  /** Test customers, in the order of `scores` and `labels`. */
  customerIds: readonly string[];
  /** Predicted churn probability per test customer. */
  scores: Float64Array;
  /** What happened: 1 = churned within the horizon. */
  labels: Uint8Array;
}

/** A cutoff that could not be a test fold, and why. @category Evaluate */
export interface BacktestSkip {
  /** The cutoff (epoch ms). */
  cutoff: number;
  /** The reason, in words. */
  reason: string;
}

/** Result of {@link backtest}. @category Evaluate */
export interface BacktestResult {
  /** One entry per test fold, by ascending cutoff. */
  folds: BacktestFold[];
  /** Cutoffs that were not scored (the first one always: nothing earlier to train on). */
  skipped: BacktestSkip[];
  /** Means over the folds of the metrics that are defined there (null when none is). */
  mean: { rocAuc: number | null; prAuc: number | null; logLoss: number | null; brierScore: number | null };
}

/**
 * Time-based backtest of a churn model: train on earlier snapshots, score a later one, for every cutoff.
 *
 * A random split of customers overstates how well a churn model will do next quarter; a
 * backtest replays the deployment instead. For each test cutoff c, the model is trained on the
 * labelled snapshots at earlier cutoffs c′ whose outcome window has closed by c
 * (c′ + horizonDays ≤ c), so neither the training labels nor the features read any event at or
 * after c; it then scores the customers eligible at c (features as of c) and is compared with
 * what they did in [c, c + horizon). Labels come from `labelHistory`, features from
 * `extractFeatures`, the model from `trainChurnModel`; censored rows are left out and counted.
 * This is walk-forward (rolling-origin) evaluation (Tashman 2000, Int. J. Forecasting 16(4)).
 *
 * @param log - the event log
 * @param rule - the churn definition
 * @param options - {@link BacktestOptions}
 * @returns folds with their metrics, test scores and labels; skipped cutoffs with reasons; means
 * @throws ChurnkitError `INVALID_OPTION` for fewer than two cutoffs, repeated cutoffs, a bad window
 *   or learner option; `EMPTY_INPUT` when no cutoff can be scored; errors of the label, feature
 *   and model modules (bad rule, bad feature spec, ...)
 * @example
 * ```ts
 * const shop = simulateShop({ customers: 2000, seed: 3 });
 * const rule = { kind: 'inactivity', days: 60, roles: ['purchase', 'activity'] };
 * const bt = backtest(shop.log, rule, { cutoffs: ['2023-07-01', '2023-10-01', '2024-01-01'], horizonDays: 90, algorithm: 'logistic' });
 * bt.folds.map((f) => f.rocAuc); // e.g. [0.81, 0.83]
 * ```
 * @category Evaluate
 */
export function backtest(log: EventLog, rule: ChurnRule, options: BacktestOptions): BacktestResult {
  const fn = 'backtest';
  checkLog(fn, log);
  if (options === null || typeof options !== 'object') invalidOption(fn, 'options', 'an object with cutoffs, horizonDays and algorithm', options);
  if (!Array.isArray(options.cutoffs) || options.cutoffs.length < 2) {
    invalidOption(fn, 'cutoffs', 'a list of at least two times', options.cutoffs);
  }
  const cutoffs = options.cutoffs.map((c, i) => {
    const t = toEpochMs(c);
    if (Number.isNaN(t)) {
      throw new ChurnkitError('INVALID_OPTION', `${fn}: cutoffs[${i}] must be a Date, ISO 8601 string or epoch ms; received ${show(c)}.`, {
        path: ['cutoffs', i], field: 'cutoffs', expected: 'a Date, ISO 8601 string or epoch ms', received: c,
      });
    }
    return t;
  }).sort((a, b) => a - b);
  for (let i = 1; i < cutoffs.length; i++) {
    if (cutoffs[i] === cutoffs[i - 1]) invalidOption(fn, 'cutoffs', 'distinct times', isoDate(cutoffs[i]!));
  }
  const horizon = options.horizonDays;
  if (typeof horizon !== 'number' || !(horizon > 0) || !Number.isFinite(horizon)) invalidOption(fn, 'horizonDays', 'a finite number > 0', horizon);
  const window = options.trainWindow ?? Infinity;
  if (window !== Infinity && (!Number.isInteger(window) || window < 1)) invalidOption(fn, 'trainWindow', 'an integer ≥ 1', window);
  const seed = options.seed ?? 1;

  const labels = labelHistory(log, rule, {
    cutoffs,
    horizonDays: horizon,
    ...(options.dataEnd === undefined ? {} : { dataEnd: options.dataEnd }),
  });
  const byCutoff = rowsByCutoff(labels, cutoffs);
  // Feature matrices are computed once per cutoff, lazily.
  const matrices = new Map<number, FeatureMatrix>();
  const matrixAt = (k: number): FeatureMatrix => {
    let m = matrices.get(k);
    if (m === undefined) {
      m = extractFeatures(log, {
        ...options.extract,
        cutoff: cutoffs[k]!,
        customers: byCutoff[k]!.map((r) => labels.customerIds[r]!),
        ...(options.features === undefined ? {} : { features: options.features }),
      });
      matrices.set(k, m);
    }
    return m;
  };

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
    const model = trainChurnModel(train, trainLabels, { ...options.model, algorithm: options.algorithm, seed } as TrainChurnModelOptions);
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
      field: 'cutoffs', expected: 'a later cutoff at least horizonDays after an earlier one, with customers of both classes', received: options.cutoffs,
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

/** Label rows per cutoff index, uncensored only, in label-table order (by customer). */
function rowsByCutoff(labels: LabelTable, cutoffs: readonly number[]): number[][] {
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
