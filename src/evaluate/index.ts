/**
 * Evaluation of churn models: ranking metrics, probability scores, lift and gains,
 * calibration, campaign profit and the expected maximum profit measure (EMPC).
 *
 * @module evaluate
 */
export { rocAuc } from './rocAuc.js';
export { prAuc } from './prAuc.js';
export { logLoss } from './logLoss.js';
export { brierScore } from './brierScore.js';
export { confusionAt } from './confusionAt.js';
export type { Confusion } from './confusionAt.js';
export { ksStatistic } from './ksStatistic.js';
export type { KsResult } from './ksStatistic.js';
export { liftTable } from './liftTable.js';
export type { LiftRow, LiftTableOptions } from './liftTable.js';
export { gainsCurve } from './gainsCurve.js';
export type { GainsCurve } from './gainsCurve.js';
export { calibrationCurve } from './calibrationCurve.js';
export type { CalibrationCurve, CalibrationOptions } from './calibrationCurve.js';
export { profitCurve } from './profitCurve.js';
export type { ProfitCurve, ProfitCut, ProfitOptions } from './profitCurve.js';
export { empc } from './empc.js';
export type { EmpcOptions, EmpcResult } from './empc.js';
export { backtest } from './backtest.js';
export type { BacktestFold, BacktestOptions, BacktestResult, BacktestSkip } from './backtest.js';
export { rocCurve } from './rocCurve.js';
export type { RocCurve } from './rocCurve.js';
