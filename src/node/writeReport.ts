import { knownOptions, optionNames } from '../internal/args.js';
import { resolve } from 'node:path';
import { ChurnkitError, show } from '../internal/errors.js';
import type { ChurnAnalysis } from '../pipeline/ChurnAnalysis.js';
import { renderReport } from '../report/renderReport.js';
import type { RenderReportOptions } from '../report/RenderReportOptions.js';
import { writeTextFile } from './_writeText.js';

const RENDER_REPORT_OPTION_NAMES = optionNames<RenderReportOptions>()(['title', 'subtitle', 'topCustomers', 'driverCharts', 'campaign', 'campaignName', 'cohorts', 'survival']);

/** What {@link writeReport} wrote. @category Node */
export interface WrittenReport {
  /** Absolute path of the file. */
  path: string;
  /** Size of the file in bytes (UTF-8). */
  bytes: number;
}

/**
 * Writes a churn report to an HTML file, rendering it first when given an analysis.
 *
 * The last step of a scheduled churn job (`analyzeChurn` → `writeReport`) and of the
 * `churnkit analyze` command. Missing folders are created. The file is written to a temporary
 * name beside the target and then renamed, so a reader (a web server, a mail job) never sees a
 * half-written report.
 *
 * @param path - the target file, relative to the current directory or absolute
 * @param report - a `ChurnAnalysis` from `analyzeChurn` (rendered with `renderReport`) or
 *   an HTML string (written as is)
 * @param options - `RenderReportOptions` (from `churnkit/report`) used when rendering an analysis
 * @returns the absolute path and the number of bytes written
 * @throws ChurnkitError `INVALID_INPUT` when `path` is not a non-empty string or `report` is
 *   neither an analysis nor a string, the errors of `renderReport`, and `IO_ERROR` when the
 *   folder cannot be created or the file cannot be written
 * @example
 * ```ts
 * import { writeReport } from 'churnkit/node';
 * const shop = simulateShop({ customers: 1000 });
 * const { path, bytes } = await writeReport('out/report.html', analyzeChurn(shop.log));
 * ```
 * @category Node
 */
export async function writeReport(path: string, report: ChurnAnalysis | string, options?: RenderReportOptions): Promise<WrittenReport> {
  knownOptions('writeReport', options, RENDER_REPORT_OPTION_NAMES);
  const fn = 'writeReport';
  if (typeof path !== 'string' || path.trim() === '') {
    throw new ChurnkitError('INVALID_INPUT', `${fn}: path must be a non-empty string; received ${show(path)}.`, {
      field: 'path', expected: 'a file path', received: path,
    });
  }
  if (typeof report !== 'string' && (report === null || typeof report !== 'object')) {
    throw new ChurnkitError('INVALID_INPUT', `${fn}: report must be a ChurnAnalysis (from analyzeChurn) or an HTML string; received ${show(report)}.`, {
      field: 'report', expected: 'a ChurnAnalysis or an HTML string', received: report,
    });
  }
  const html = typeof report === 'string' ? report : await renderReport(report, options);
  const target = resolve(path);
  await writeTextFile(target, html, (e) => {
    throw new ChurnkitError('IO_ERROR', `${fn}: could not write ${target}: ${e instanceof Error ? e.message : String(e)}`, {
      path: [target], field: 'path', expected: 'a writable file path', received: path,
    });
  });
  return { path: target, bytes: Buffer.byteLength(html, 'utf8') };
}
