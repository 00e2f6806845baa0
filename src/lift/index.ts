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
