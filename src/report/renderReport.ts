import { optionsOf } from '../internal/args.js';
import type { CampaignResult } from '../lift/CampaignResult.js';
import type { CohortRetention } from '../lift/cohortRetention.js';
import type { SurvivalFromLog } from '../lift/survivalFromLog.js';
import type { ChurnAnalysis } from '../pipeline/ChurnAnalysis.js';
import { buildReportHtml } from './html.js';
import { checkAnalysis, reportPage } from './_reportPage.js';

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

/**
 * Renders a churn analysis as one self-contained HTML report: key figures, charts and tables.
 *
 * The hand-off of the churn loop to people without a dashboard: run `analyzeChurn`, render,
 * mail the file. Sections, in order: overview (KPIs: active customers, high risk, backtest
 * AUC, latest monthly churn rate, expected value saved, cost, win-back candidates); churn rate
 * over time; the risk distribution with its bands; model quality on the latest backtest fold
 * (ROC, cumulative gains, lift by decile, calibration); feature importance; driver charts of the
 * riskiest explained customers; RFM heatmap, segment sizes and a segment table; persona and
 * lifecycle sizes with tag counts; the top at-risk customers (id, risk, band, persona, segment,
 * top drivers, recommended action); recommended actions by strategy and one by one with cost
 * and expected value saved; alerts; then the optional campaign lift, cohort retention and
 * survival sections; the data audit; the backtest folds; and the provenance of every section.
 *
 * The page comes from `buildReportHtml`: every chart is inline SVG, there is no `<script>` and
 * no external URL, and every string taken from the data (customer ids, feature, segment and
 * strategy names) is HTML-escaped. The same analysis gives the same bytes.
 *
 * @param analysis - the result of `analyzeChurn` (or its JSON, parsed)
 * @param options - {@link RenderReportOptions}
 * @returns the HTML document
 * @throws ChurnkitError `INVALID_INPUT` when `analysis` is not a version-1 churn analysis (with
 *   the path of the first wrong part), `INVALID_OPTION` for a bad option, and the errors of the
 *   chart functions when a section holds impossible numbers
 * @example
 * ```ts
 * const shop = simulateShop({ customers: 2000 });
 * const html = await renderReport(analyzeChurn(shop.log, { table: shop.customers }), { title: 'Churn — December' });
 * html.startsWith('<!DOCTYPE html>'); // true
 * ```
 * @category Report
 */
export async function renderReport(analysis: ChurnAnalysis, options?: RenderReportOptions): Promise<string> {
  const o = optionsOf('renderReport', options);
  checkAnalysis(analysis);
  return buildReportHtml(reportPage(analysis, o));
}
