import { optionsOf } from '../../internal/args.js';
import type { BtydHoldout } from '../../features/btydSummary.js';
import { ChurnkitError, invalidOption } from '../../internal/errors.js';
import { DAY_MS } from '../../internal/time.js';
import type { BtydCountModel, BtydCounts } from './types.js';

/** Calibration summary as {@link evaluateBtyd} reads it; `btydSummary`'s result fits. @category BTYD */
export interface BtydEvaluationSummary extends BtydCounts {
  /** Customer ids; when present they must equal the holdout's, in order. */
  readonly customerIds?: readonly string[];
  /** Epoch ms of each customer's first transaction; needed for the tracking curve. */
  readonly firstPurchase?: ArrayLike<number>;
}

/** One row of the conditional-expectation table. @category BTYD */
export interface BtydCalibrationRow {
  /** Calibration repeat transactions of the group: `'0'`, `'1'`, …, or `'7+'` for the last bucket. */
  label: string;
  /** Smallest x in the group. */
  x: number;
  /** Customers in the group. */
  customers: number;
  /** Mean actual holdout transactions. */
  meanActual: number;
  /** Mean predicted holdout transactions. */
  meanPredicted: number;
}

/** The cumulative tracking curve: repeat transactions, period by period since the origin. @category BTYD */
export interface BtydTracking {
  /** End of each period in units since the origin (1, 2, …). */
  readonly period: Float64Array;
  /** Actual repeat transactions per period. */
  readonly actual: Float64Array;
  /** Expected repeat transactions per period, Σ_i E[X(t − s_i)] differences (s_i = first purchase). */
  readonly predicted: Float64Array;
  /** Cumulative actual repeat transactions. */
  readonly actualCumulative: Float64Array;
  /** Cumulative expected repeat transactions. */
  readonly predictedCumulative: Float64Array;
  /** Period index where the holdout starts (calibration end, units since origin). */
  readonly calibrationEnd: number;
}

/** Result of {@link evaluateBtyd}. @category BTYD */
export interface BtydEvaluation {
  /** Customers evaluated. */
  customers: number;
  /** Holdout length in units. */
  duration: number;
  /** Predicted holdout transactions per customer (the model's conditional expectation). */
  predicted: Float64Array;
  /** Sum of actual holdout transactions. */
  actualTotal: number;
  /** Sum of predicted holdout transactions. */
  predictedTotal: number;
  /** Mean absolute error per customer. */
  mae: number;
  /** Root mean squared error per customer. */
  rmse: number;
  /** Pearson correlation of predicted and actual per-customer holdout transactions. */
  correlation: number;
  /** Mean actual vs predicted by calibration frequency. */
  calibrationTable: BtydCalibrationRow[];
  /** Tracking curve, or null when the summary has no `firstPurchase` column. */
  tracking: BtydTracking | null;
}

/** Options of {@link evaluateBtyd}. @category BTYD */
export interface EvaluateBtydOptions {
  /** Last bucket of the calibration table: x ≥ this are pooled (default 7, as in FHL 2005 Figure 4). */
  maxBucket?: number;
}

/**
 * Judges a BTYD transaction model out of time: per-customer errors, tracking curve and conditional-expectation table.
 *
 * The checks of Fader, Hardie & Lee (2005, §4): (1) per customer, the model's expected transactions in
 * the holdout given (x, t_x, T) vs what they did — MAE, RMSE and Pearson correlation; (2) the tracking
 * curve: actual cumulative repeat transactions period by period against Σ_i E[X(t − s_i)] over customers
 * with first purchase at s_i; (3) mean actual vs predicted holdout transactions grouped by calibration
 * frequency. On CDNOW (weeks 40–78) the actual holdout total is 1,882 and the model tracks 4,339 actual
 * cumulative repeat transactions at week 78 with about 4,166. Complexity O(n + P·B) for P periods and B
 * distinct first-purchase times.
 *
 * @param model - a fitted count model (e.g. a BG/NBD model from {@link fitBgNbd})
 * @param calibration - the calibration summary (x, tx, T; firstPurchase for tracking)
 * @param holdout - holdout counts from `btydHoldout` with the same customers
 * @param options - calibration table bucket cap
 * @returns errors, totals, tracking curve and calibration table
 * @throws ChurnkitError `LENGTH_MISMATCH` when the customers differ in number, `INVALID_INPUT` when the ids
 * or the time units differ
 * @example
 * ```ts
 * const cal = btydSummary(log, { cutoff: '1997-10-01' });
 * const hold = btydHoldout(log, { calibrationEnd: '1997-10-01', holdoutEnd: '1998-07-01' });
 * const ev = evaluateBtyd(fitBgNbd(cal), cal, hold);
 * ev.actualTotal; ev.correlation; // 1882, ≈ 0.63
 * ```
 * @category BTYD
 */
export function evaluateBtyd(model: BtydCountModel, calibration: BtydEvaluationSummary, holdout: BtydHoldout, options: EvaluateBtydOptions = {}): BtydEvaluation {
  const fn = 'evaluateBtyd';
  options = optionsOf(fn, options);
  const n = calibration.x.length;
  if (holdout.counts.length !== n || calibration.tx.length !== n || calibration.T.length !== n) {
    throw new ChurnkitError('LENGTH_MISMATCH', `${fn}: the calibration summary has ${n} customers, the holdout ${holdout.counts.length}.`, {
      expected: `${n} holdout counts`,
      received: holdout.counts.length,
    });
  }
  const ids = calibration.customerIds;
  if (ids !== undefined) {
    for (let i = 0; i < n; i++) {
      if (ids[i] !== holdout.customerIds[i]) {
        throw new ChurnkitError('INVALID_INPUT', `${fn}: customer ${i} is "${ids[i]}" in the calibration summary but "${holdout.customerIds[i]}" in the holdout; build both with the same log and options.`, {
          row: i,
          expected: String(ids[i]),
          received: holdout.customerIds[i],
        });
      }
    }
  }
  if (model.unit !== undefined && model.unit !== null && model.unit !== holdout.unit) {
    throw new ChurnkitError('INVALID_INPUT', `${fn}: the model was fitted in ${model.unit}s but the holdout is measured in ${holdout.unit}s.`, {
      field: 'unit',
      expected: model.unit,
      received: holdout.unit,
    });
  }
  const maxBucket = options.maxBucket ?? 7;
  if (!(maxBucket >= 1) || maxBucket !== Math.floor(maxBucket)) invalidOption(fn, 'maxBucket', 'a positive integer', maxBucket);
  const t = holdout.duration;
  const predicted = model.conditionalExpectedPurchases(t, calibration.x, calibration.tx, calibration.T);
  const actual = holdout.counts;
  let sa = 0;
  let sp = 0;
  let abs = 0;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const d = predicted[i]! - actual[i]!;
    sa += actual[i]!;
    sp += predicted[i]!;
    abs += Math.abs(d);
    sq += d * d;
  }
  // Pearson correlation in two passes (means first) for stability
  const ma = sa / n;
  const mp = sp / n;
  let cov = 0;
  let va = 0;
  let vp = 0;
  for (let i = 0; i < n; i++) {
    const da = actual[i]! - ma;
    const dp = predicted[i]! - mp;
    cov += da * dp;
    va += da * da;
    vp += dp * dp;
  }
  const buckets = Array.from({ length: maxBucket + 1 }, (_, k) => ({ label: k === maxBucket ? `${k}+` : String(k), x: k, customers: 0, meanActual: 0, meanPredicted: 0 }));
  for (let i = 0; i < n; i++) {
    const b = buckets[Math.min(Math.floor(calibration.x[i]!), maxBucket)]!;
    b.customers++;
    b.meanActual += actual[i]!;
    b.meanPredicted += predicted[i]!;
  }
  for (const b of buckets) {
    b.meanActual = b.customers > 0 ? b.meanActual / b.customers : NaN;
    b.meanPredicted = b.customers > 0 ? b.meanPredicted / b.customers : NaN;
  }
  return {
    customers: n,
    duration: t,
    predicted,
    actualTotal: sa,
    predictedTotal: sp,
    mae: n > 0 ? abs / n : NaN,
    rmse: n > 0 ? Math.sqrt(sq / n) : NaN,
    correlation: va > 0 && vp > 0 ? cov / Math.sqrt(va * vp) : NaN,
    calibrationTable: buckets,
    tracking: calibration.firstPurchase === undefined ? null : tracking(model, calibration.firstPurchase, holdout),
  };
}

function tracking(model: BtydCountModel, firstPurchase: ArrayLike<number>, h: BtydHoldout): BtydTracking {
  const unitMs = h.unit === 'week' ? 7 * DAY_MS : DAY_MS;
  // customers by first-purchase time (in units since the origin)
  const births = new Map<number, number>();
  for (let i = 0; i < firstPurchase.length; i++) {
    const s = (firstPurchase[i]! - h.origin) / unitMs;
    births.set(s, (births.get(s) ?? 0) + 1);
  }
  const P = h.repeatByPeriod.length;
  const period = new Float64Array(P);
  const actual = Float64Array.from(h.repeatByPeriod);
  const predictedCumulative = new Float64Array(P);
  const actualCumulative = new Float64Array(P);
  let acc = 0;
  for (let k = 0; k < P; k++) {
    const end = k + 1;
    period[k] = end;
    let cum = 0;
    for (const [s, count] of births) if (end > s) cum += count * model.expectedPurchases(end - s);
    predictedCumulative[k] = cum;
    acc += actual[k]!;
    actualCumulative[k] = acc;
  }
  const predicted = new Float64Array(P);
  for (let k = 0; k < P; k++) predicted[k] = predictedCumulative[k]! - (k > 0 ? predictedCumulative[k - 1]! : 0);
  return { period, actual, predicted, actualCumulative, predictedCumulative, calibrationEnd: h.calibrationEnd };
}
