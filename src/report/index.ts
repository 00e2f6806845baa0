/**
 * Report: a typed Vega-Lite spec for every chart of the churn loop, SVG rendering, a self-contained
 * HTML report and CSV exports that are safe to open in a spreadsheet.
 *
 * @module report
 */
export { toCsv } from './toCsv.js';
export type { CsvColumns, ToCsvOptions } from './toCsv.js';
export type { ChartSpec, ChartOptions } from './ChartSpec.js';
export { renderSvg } from './renderSvg.js';
export type { RenderSvgOptions } from './renderSvg.js';
export { escapeHtml, buildReportHtml } from './html.js';
export type { ReportPage, ReportSection, ReportBlock, ChartBlock, TableBlock, TableColumn, TextBlock, KpiBlock, Kpi } from './html.js';
export { churnRateChart } from './charts/churnRateChart.js';
export { riskDistributionChart } from './charts/riskDistributionChart.js';
export type { RiskDistributionOptions } from './charts/riskDistributionChart.js';
export { liftChart } from './charts/liftChart.js';
export { gainsChart } from './charts/gainsChart.js';
export { rocChart } from './charts/rocChart.js';
export { calibrationChart } from './charts/calibrationChart.js';
export { featureImportanceChart } from './charts/featureImportanceChart.js';
export type { FeatureImportanceOptions } from './charts/featureImportanceChart.js';
export { driversChart } from './charts/driversChart.js';
export { rfmHeatmapChart } from './charts/rfmHeatmapChart.js';
export type { RfmCell } from './charts/rfmHeatmapChart.js';
export { segmentSizesChart } from './charts/segmentSizesChart.js';
export type { SegmentSize } from './charts/segmentSizesChart.js';
export { cohortRetentionChart } from './charts/cohortRetentionChart.js';
export type { CohortRetentionCell } from './charts/cohortRetentionChart.js';
export { survivalChart } from './charts/survivalChart.js';
export type { SurvivalPoint, SurvivalChartOptions } from './charts/survivalChart.js';
export { campaignLiftChart } from './charts/campaignLiftChart.js';
export type { CampaignLiftRow, CampaignLiftOptions } from './charts/campaignLiftChart.js';
export { renderReport } from './renderReport.js';
export type { RenderReportOptions } from './RenderReportOptions.js';
