/**
 * Retention lift: campaign treatment against a holdout control with intervals, p-values and ROI,
 * win-back measured from the event log, sample sizes, uplift curves, cohorts and survival.
 *
 * @module lift
 */
export type { CampaignGroup, CampaignOutcome } from './CampaignOutcome.js';
