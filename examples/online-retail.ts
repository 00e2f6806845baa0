/**
 * churnkit on a real log: the UCI Online Retail data (a UK online gift shop, Dec 2010 – Dec 2011,
 * 305 daily CSV files in ../shared/data/online-retail/by-day).
 *
 *   npx tsx examples/online-retail.ts [out.html]
 *
 * 1. read the daily files into one event log (invoices → orders, "C" invoices → refunds; rows
 *    without a CustomerID are rejected and counted, not dropped silently)
 * 2. choose the inactivity window from the purchase gaps (the 90th percentile, rounded up)
 * 3. analyzeChurn: audit, status, labels, features, backtest, model, risk, segments, actions
 * 4. print the summary and write the HTML report (default online-retail-report.html)
 *
 * When the data folder is absent it says so and exits 0.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { purchaseGapQuantiles, type ChurnAnalysis, type ChurnRule, type ColumnMapping, type EventLog, type GapQuantiles } from '../src/index.js';
import { analyzeChurn } from '../src/pipeline/index.js';
import { readEventsFiles, writeReport, type WrittenReport } from '../src/node/index.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Where the daily files are: ../shared/data/online-retail/by-day beside the repository. */
export const ONLINE_RETAIL_DIR = resolve(here, '../../shared/data/online-retail/by-day');

/** The column mapping of the Databricks copy of UCI Online Retail. */
export const ONLINE_RETAIL_MAPPING: ColumnMapping = {
  customerId: { column: 'CustomerID', normalize: 'integer' }, // 17850.0 → "17850"
  time: { column: 'InvoiceDate', format: 'iso' },
  type: { column: 'InvoiceNo', rules: [{ startsWith: 'C', type: 'refund' }], otherwise: 'order' },
  value: { product: ['Quantity', 'UnitPrice'] },
  quantity: 'Quantity',
  attrs: { country: 'Country' },
};

/** What {@link runOnlineRetail} returns when the data is there. */
export interface OnlineRetailRun {
  skipped: false;
  /** The event log read. */
  log: EventLog;
  /** Events and customers read, and rows rejected. */
  events: number;
  customers: number;
  rejected: number;
  /** Purchase-gap quantiles behind the rule. */
  gaps: GapQuantiles;
  /** The churn rule chosen from them. */
  rule: ChurnRule;
  analysis: ChurnAnalysis;
  report: WrittenReport;
  /** Seconds spent reading and analysing (rendering included). */
  seconds: { read: number; analyze: number; report: number };
}

/**
 * Runs the churn loop on Online Retail and writes the report to `out`.
 *
 * @param options - `out`: report path (default `online-retail-report.html` in the current
 *   folder); `dataDir`: the by-day folder; `log`: print progress lines (default console.log)
 * @returns the run, or `{ skipped: true, reason }` when the folder is absent
 */
export async function runOnlineRetail(options: { out?: string; dataDir?: string; log?: (line: string) => void } = {}): Promise<OnlineRetailRun | { skipped: true; reason: string }> {
  const dataDir = options.dataDir ?? ONLINE_RETAIL_DIR;
  const print = options.log ?? ((line: string) => console.log(line));
  if (!existsSync(dataDir)) {
    const reason = `Online Retail data not found at ${dataDir} (see ../shared/data/README.md); nothing to do.`;
    print(reason);
    return { skipped: true, reason };
  }

  // 1. read ────────────────────────────────────────────────────────────────────────────────
  let t = performance.now();
  const log = await readEventsFiles(dataDir, ONLINE_RETAIL_MAPPING, { onInvalid: 'collect' });
  const read = (performance.now() - t) / 1000;
  const rejected = log.rejects.rejected;
  print(`read ${log.size.toLocaleString('en-US')} events of ${log.customerIds.length.toLocaleString('en-US')} customers in ${read.toFixed(1)} s; ` +
    `${rejected.toLocaleString('en-US')} rows rejected (${Object.entries(log.rejects.byCode).map(([k, v]) => `${k} ${v}`).join(', ')})`);

  // 2. the churn window from the purchase gaps ────────────────────────────────────────────
  // A customer who has not bought for longer than 9 in 10 observed repeat gaps is unlikely to
  // come back on their own. Only gaps before the last 90 days (the outcome window of the latest
  // training cutoff) are read, so the rule itself does not peek at the outcomes it labels.
  const span = log.timeSpan()!;
  const before = new Date(span.end - 90 * 86_400_000).toISOString();
  const gaps = purchaseGapQuantiles(log, { probs: [0.5, 0.75, 0.9], before });
  const p90 = gaps.days[2]!;
  const days = Math.ceil(p90 / 10) * 10;
  const rule: ChurnRule = { kind: 'inactivity', days, roles: ['purchase'] };
  print(`purchase gaps before ${before.slice(0, 10)}: median ${gaps.days[0]!.toFixed(0)} days, 75th percentile ${gaps.days[1]!.toFixed(0)}, ` +
    `90th ${p90.toFixed(0)} (${gaps.gaps.toLocaleString('en-US')} gaps of ${gaps.customersWithGaps.toLocaleString('en-US')} customers) → churn = no purchase for ${days} days`);

  // 3. analyse ─────────────────────────────────────────────────────────────────────────────
  t = performance.now();
  const analysis = analyzeChurn(log, { rule, horizonDays: 90, budget: 10_000 });
  const analyze = (performance.now() - t) / 1000;
  print(`analysed in ${analyze.toFixed(1)} s\n`);
  for (const line of analysis.highlights) print(line);

  // 4. report ──────────────────────────────────────────────────────────────────────────────
  t = performance.now();
  const report = await writeReport(options.out ?? 'online-retail-report.html', analysis, {
    title: 'Churn report — UCI Online Retail',
  });
  const rendered = (performance.now() - t) / 1000;
  print(`\nreport: ${report.path} (${report.bytes.toLocaleString('en-US')} bytes, ${rendered.toFixed(1)} s)`);
  return {
    skipped: false, log, events: log.size, customers: log.customerIds.length, rejected, gaps, rule, analysis, report,
    seconds: { read, analyze, report: rendered },
  };
}

// Run directly: npx tsx examples/online-retail.ts [out.html]
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runOnlineRetail({ out: process.argv[2] ?? join(process.cwd(), 'online-retail-report.html') });
}
