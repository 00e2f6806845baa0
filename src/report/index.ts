/**
 * Report: a typed Vega-Lite spec for every chart of the churn loop, SVG rendering, a self-contained
 * HTML report and CSV exports that are safe to open in a spreadsheet.
 *
 * @module report
 */
export { toCsv } from './toCsv.js';
export type { CsvColumns, ToCsvOptions } from './toCsv.js';
