/**
 * Churn definitions as data, point-in-time labels, churn status and churn-rate series.
 *
 * @module churn
 */
export type { AllOfRule, AnyOfRule, CancellationRule, ChurnRule, EventSelector, InactivityRule, OverdueRule, RuleBase, ValueDropRule } from './ChurnRule.js';
export type { RuleIssue, SafeRuleResult } from './RuleIssue.js';
export { validateChurnRule } from './validateChurnRule.js';
export { safeValidateChurnRule } from './safeValidateChurnRule.js';
export type { LabelCounts, LabelTable } from './LabelTable.js';
export { labelCustomers } from './labelCustomers.js';
export type { LabelOptions } from './labelCustomers.js';
export { labelHistory } from './labelHistory.js';
export type { LabelHistoryOptions } from './labelHistory.js';
export { CHURN_STATUSES, churnStatus } from './churnStatus.js';
export type { ChurnStatusName, StatusOptions, StatusTable } from './churnStatus.js';
export { churnRateSeries } from './churnRateSeries.js';
export type { RatePoint, RateSeriesOptions } from './churnRateSeries.js';
export { purchaseGapQuantiles } from './purchaseGapQuantiles.js';
export type { GapQuantileOptions, GapQuantiles } from './purchaseGapQuantiles.js';
