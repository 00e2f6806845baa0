import { knownOptions, optionNames, optionsOf } from '../internal/args.js';
import type { ChurnAnalysis } from '../pipeline/ChurnAnalysis.js';
import { buildReportHtml } from './html.js';
import type { RenderReportOptions } from './RenderReportOptions.js';
import { checkAnalysis, reportPage } from './_reportPage.js';

const RENDER_REPORT_OPTIONS = optionNames<RenderReportOptions>()(['title', 'subtitle', 'topCustomers', 'driverCharts', 'campaign', 'campaignName', 'cohorts', 'survival']);

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
  knownOptions('renderReport', o, RENDER_REPORT_OPTIONS);
  checkAnalysis(analysis);
  return buildReportHtml(reportPage(analysis, o));
}
