import { checkLog, knownOptions, optionNames, timeOption } from '../internal/args.js';
import type { EventLog } from '../data/EventLog.js';
import type { ChurnRule } from '../churn/ChurnRule.js';
import { labelHistory } from '../churn/labelHistory.js';
import type { FeatureMatrix } from '../features/FeatureMatrix.js';
import { backtestFolds, rowsByCutoff } from './_folds.js';
import type { FeatureSpec } from '../features/FeatureSpec.js';
import { extractFeatures, type ExtractFeaturesOptions } from '../features/extractFeatures.js';
import { invalidOption } from '../internal/errors.js';
import { isoDate } from '../internal/time.js';
import type { ChurnAlgorithm, TrainChurnModelOptions } from '../models/types.js';

const BACKTEST_OPTIONS = optionNames<BacktestOptions>()(['cutoffs', 'horizonDays', 'algorithm', 'model', 'seed', 'trainWindow', 'features', 'extract', 'dataEnd']);

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
 * @throws ChurnkitError `INVALID_TIME` for a cutoff that is not a time, `INVALID_OPTION` for fewer than two cutoffs, repeated cutoffs, a bad window
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
  knownOptions(fn, options, BACKTEST_OPTIONS);
  if (!Array.isArray(options.cutoffs) || options.cutoffs.length < 2) {
    invalidOption(fn, 'cutoffs', 'a list of at least two times', options.cutoffs);
  }
  const cutoffs = options.cutoffs.map((c, i) => timeOption(fn, 'cutoffs', c, ['cutoffs', i])).sort((a, b) => a - b);
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

  return backtestFolds(fn, labels, cutoffs, byCutoff, matrixAt, {
    horizonDays: horizon,
    trainWindow: window,
    algorithm: options.algorithm,
    seed,
    ...(options.model === undefined ? {} : { model: options.model }),
    received: options.cutoffs,
  });
}
