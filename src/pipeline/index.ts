/**
 * Pipeline: the closed churn loop in one call — audit, churn status, labels, features, backtest,
 * model, risk with drivers, segments, personas, recommended actions and alerts.
 *
 * @module pipeline
 */
export { analyzeChurn, DEFAULT_ANALYSIS_RULE } from './analyzeChurn.js';
export type { AnalysisProgress, AnalysisStep, AnalyzeChurnOptions } from './AnalyzeChurnOptions.js';
export { ANALYSIS_FORMAT } from './ChurnAnalysis.js';
export type { AnalysisAction, AnalysisDriver, AnalysisFold, ChurnAnalysis, LapsedCustomer, RiskBand, ScoredCustomer } from './ChurnAnalysis.js';
