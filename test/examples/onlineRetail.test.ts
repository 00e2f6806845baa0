import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runOnlineRetail, type OnlineRetailRun } from '../../examples/online-retail.js';
import { dataPath, describeWithData } from '../helpers/sharedData.js';

describeWithData('examples/online-retail.ts on UCI Online Retail', ['online-retail', 'by-day'], () => {
  const dir = mkdtempSync(join(tmpdir(), 'churnkit-retail-'));
  let run: OnlineRetailRun;
  const lines: string[] = [];

  beforeAll(async () => {
    const r = await runOnlineRetail({ out: join(dir, 'online-retail-report.html'), dataDir: dataPath('online-retail', 'by-day'), log: (l) => lines.push(l) });
    if (r.skipped) throw new Error(r.reason);
    run = r;
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads every customer and counts, not drops, the rows without a CustomerID', () => {
    // ../shared/data/README.md: 541,909 rows, 4,372 customer ids, 135,080 rows with no CustomerID
    expect(run.customers).toBe(4372);
    expect(run.rejected).toBe(135_080);
    expect(run.events).toBe(541_909 - 135_080);
    expect(run.analysis.audit.rejects.byCode.MISSING_CUSTOMER).toBe(135_080);
    // churn status counts customers with an event before asOf (point in time): those whose first
    // invoice is on the last day, 2011-12-09, are not customers yet
    const asOf = Date.parse(run.analysis.settings.asOf);
    let notYet = 0;
    for (let c = 0; c < run.log.customerCount; c++) if (run.log.time[run.log.start(c)]! >= asOf) notYet++;
    expect(notYet).toBeGreaterThan(0);
    expect(run.analysis.status.customers).toBe(4372 - notYet);
  });

  it('takes the churn window from the 90th percentile of the purchase gaps, rounded up to 10 days', () => {
    const [median, q75, q90] = run.gaps.days as [number, number, number];
    expect(median).toBeLessThan(q75);
    expect(q75).toBeLessThan(q90);
    expect(run.rule).toEqual({ kind: 'inactivity', days: Math.ceil(q90 / 10) * 10, roles: ['purchase'] });
    expect(run.rule.kind === 'inactivity' && run.rule.days).toBeGreaterThan(q90);
    expect(run.rule.kind === 'inactivity' && run.rule.days).toBeLessThanOrEqual(q90 + 10);
  });

  it('gives plausible numbers: as of the last day, most customers scored, a backtest AUC above 0.6', () => {
    const a = run.analysis;
    expect(a.settings.asOf).toBe('2011-12-09T00:00:00.000Z'); // last invoice 2011-12-09 12:50
    expect(a.risk.scored).toBeGreaterThan(2000);
    expect(a.risk.scored).toBeLessThan(4372);
    expect(a.backtest.folds.length).toBeGreaterThanOrEqual(2);
    expect(a.backtest.mean.rocAuc!).toBeGreaterThan(0.6);
    for (const f of a.backtest.folds) expect(f.rocAuc!).toBeGreaterThan(0.6);
    expect(a.actions.totalCost).toBeLessThanOrEqual(10_000);
    expect(lines.join('\n')).toContain(a.highlights[0]!);
  });

  it('writes a self-contained report with its charts', () => {
    const html = readFileSync(run.report.path, 'utf8');
    expect(Buffer.byteLength(html)).toBe(run.report.bytes);
    expect(html).toContain('<title>Churn report — UCI Online Retail</title>');
    expect(html.match(/<svg\b/g)!.length).toBeGreaterThanOrEqual(12);
    expect(html).not.toMatch(/<script|https?:\/\//i);
    expect(html).toContain('MISSING_CUSTOMER 135,080');
  });
});

it('runOnlineRetail skips with a clear message when the data is absent', async () => {
  const lines: string[] = [];
  const r = await runOnlineRetail({ dataDir: join(tmpdir(), 'no-such-folder-churnkit'), log: (l) => lines.push(l) });
  expect(r.skipped).toBe(true);
  expect(lines).toEqual([expect.stringContaining('Online Retail data not found at')]);
});
