/**
 * Retention lift: campaign treatment against a holdout control with intervals, p-values and ROI,
 * win-back measured from the event log, sample sizes, uplift curves, cohorts and survival.
 *
 * @module lift
 */
export type { CampaignGroup, CampaignOutcome } from './CampaignOutcome.js';
export { evaluateCampaign } from './evaluateCampaign.js';
export type { EvaluateCampaignOptions } from './evaluateCampaign.js';
export type {
  ArmSummary, CampaignComparison, CampaignResult, IncompleteGroup, LiftTest, SampleRatioCheck, StrategyComparison,
  StrategyVerdict, ValueWeightedLift,
} from './CampaignResult.js';
export { newcombeInterval } from './newcombeInterval.js';
export type { NewcombeOptions, ProportionDifferenceInterval } from './newcombeInterval.js';
export { twoProportionTest } from './twoProportionTest.js';
export type { ProportionTestMethod, TwoProportionTestOptions, TwoProportionTestResult } from './twoProportionTest.js';
export { sampleSize } from './sampleSize.js';
export type { SampleSizeOptions, SampleSizeResult } from './sampleSize.js';
export { detectableLift } from './detectableLift.js';
export type { DetectableLiftOptions, DetectableLiftResult } from './detectableLift.js';
export { upliftCurve } from './upliftCurve.js';
export type { UpliftCurve } from './upliftCurve.js';
export { qiniCurve } from './qiniCurve.js';
export type { QiniCurve } from './qiniCurve.js';
export { qiniCoefficient } from './qiniCoefficient.js';
export type { QiniCoefficientOptions } from './qiniCoefficient.js';
export { upliftAtK } from './upliftAtK.js';
export type { UpliftAtK, UpliftAtKOptions } from './upliftAtK.js';
export { upliftByDecile } from './upliftByDecile.js';
export type { UpliftBin, UpliftByDecile, UpliftByDecileOptions } from './upliftByDecile.js';
export { cohortRetention } from './cohortRetention.js';
export type { CohortCell, CohortPeriod, CohortRetention, CohortRetentionOptions, CohortRow } from './cohortRetention.js';
export { kaplanMeier } from './kaplanMeier.js';
export type { KaplanMeierFit, KaplanMeierOptions } from './kaplanMeier.js';
export { survivalFromLog } from './survivalFromLog.js';
export type { SurvivalFromLog, SurvivalFromLogOptions, SurvivalGroup } from './survivalFromLog.js';
export type { ActionIssue, ActionRecord } from './ActionRecord.js';
export { measureWinBack } from './measureWinBack.js';
export type { MeasureWinBackOptions, WinBackCensoring, WinBackResult, WinBackRow } from './measureWinBack.js';
export { simulateCampaign } from './simulateCampaign.js';
export type {
  SimulateCampaignOptions, SimulatedCampaign, SimulatedCampaignTruth, SimulatedStrategy, StrategyAssignment,
} from './simulateCampaign.js';
