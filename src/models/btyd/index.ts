/**
 * "Buy till you die" models for non-contractual and contractual customers: BG/NBD, Gamma-Gamma,
 * shifted-beta-geometric, and their holdout evaluation.
 *
 * @module
 */
export type { BgNbdParams, BtydCountModel, BtydCounts, FitDiagnostics } from './types.js';
export { BgNbdModel } from './BgNbdModel.js';
export type { BgNbdJson, BgNbdState } from './BgNbdModel.js';
export { fitBgNbd } from './fitBgNbd.js';
export type { FitBgNbdOptions } from './fitBgNbd.js';
export { loadBgNbd } from './loadBgNbd.js';
export { bgNbdLogLikelihood } from './bgNbdLogLikelihood.js';
export { GammaGammaModel } from './GammaGammaModel.js';
export type { GammaGammaJson, GammaGammaParams, GammaGammaState, LifetimeValueInput, LifetimeValueOptions } from './GammaGammaModel.js';
export { loadGammaGamma } from './loadGammaGamma.js';
export { fitGammaGamma } from './fitGammaGamma.js';
export type { FitGammaGammaOptions, GammaGammaInput } from './fitGammaGamma.js';
export { ShiftedBetaGeometricModel } from './ShiftedBetaGeometricModel.js';
export type { ShiftedBetaGeometricJson, ShiftedBetaGeometricState } from './ShiftedBetaGeometricModel.js';
export { loadShiftedBetaGeometric } from './loadShiftedBetaGeometric.js';
export { fitShiftedBetaGeometric } from './fitShiftedBetaGeometric.js';
export { evaluateBtyd } from './evaluateBtyd.js';
export type { BtydCalibrationRow, BtydEvaluation, BtydEvaluationSummary, BtydTracking, EvaluateBtydOptions } from './evaluateBtyd.js';
export { btydSignals } from './btydSignals.js';
export type { BtydSignalsInput, BtydSignalsOptions } from './btydSignals.js';
