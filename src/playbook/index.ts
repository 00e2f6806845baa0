/**
 * Playbooks: win-back strategies per persona, tag or segment as validated JSON data, the
 * default playbook and industry presets, and recommendations ranked by expected value saved
 * within a budget.
 *
 * @module playbook
 */
export type { Playbook, PlaybookIssue, PlaybookStrategy, RiskPriors, SafePlaybookResult, StrategyMatch } from './Playbook.js';
export { validatePlaybook } from './validatePlaybook.js';
export { safeValidatePlaybook } from './safeValidatePlaybook.js';
export { DEFAULT_PLAYBOOK } from './defaultPlaybook.js';
export { PLAYBOOK_PRESETS } from './playbookPresets.js';
export type { PlaybookPresetName } from './playbookPresets.js';
export { recommendActions } from './recommendActions.js';
export type {
  CustomerColumns,
  CustomerProfile,
  MatchLevel,
  PerCustomer,
  Recommendation,
  RecommendationResult,
  RecommendationSummary,
  RecommendOptions,
  RiskSource,
  StrategyTotals,
} from './Recommendation.js';
