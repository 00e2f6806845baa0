import type { CampaignResult } from '../lift/CampaignResult.js';
import type { CohortRetention } from '../lift/cohortRetention.js';
import type { SurvivalFromLog } from '../lift/survivalFromLog.js';

/**
 * Options of {@link renderReport}: the title, how many customers to list, and optional lift
 * sections (campaign, cohorts, survival) computed with the lift module.
 *
 * @category Report
 */
export interface RenderReportOptions {
  /** Page title. Default "Churn report". */
  title?: string;
  /** Line under the title. Default: the analysis date, the churn rule in words and the horizon. */
  subtitle?: string;
  /** Rows of the top at-risk customers and recommended actions tables, an integer ≥ 1. Default 25. */
  topCustomers?: number;
  /** Driver charts of the riskiest explained customers, an integer ≥ 0. Default 3. */
  driverCharts?: number;
  /** A campaign's result (`evaluateCampaign`): adds a "Campaign lift" section with intervals and verdicts. */
  campaign?: CampaignResult;
  /** Name of the campaign's overall row. Default "Campaign". */
  campaignName?: string;
  /** Acquisition-cohort retention (`cohortRetention`): adds a cohort heatmap. */
  cohorts?: CohortRetention;
  /** Survival curves (`survivalFromLog`): adds Kaplan–Meier curves with their medians. */
  survival?: SurvivalFromLog;
}
