import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { churnRateSeries, churnStatus, createEventLog, extractFeatures, rfmFeatures, scoreRfm, simulateShop, validateChurnRule } from '../../src/index.js';
import { launchBrowser, pngStats, serveStatic, type StaticServer } from '../helpers/browser.js';

interface BuildResult {
  outdir: string;
  bundleBytes: number;
  events: number;
}
type BuildDashboard = (options?: { entry?: string; outdir?: string; customers?: number; seed?: number; events?: boolean }) => Promise<BuildResult>;

const DASHBOARD = resolve('examples/dashboard');

describe('examples/dashboard', () => {
  let buildDashboard: BuildDashboard;
  let tmp: string;
  let built: BuildResult;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    ({ buildDashboard } = (await import(join(DASHBOARD, 'build.mjs'))) as { buildDashboard: BuildDashboard });
    tmp = mkdtempSync(join(tmpdir(), 'churnkit-dashboard-'));
    built = await buildDashboard({ outdir: join(tmp, 'dist') });
    server = await serveStatic(built.outdir);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    page.on('requestfailed', (r) => consoleErrors.push(`request failed: ${r.url()}`));
    page.on('response', (r) => {
      if (r.status() >= 400) consoleErrors.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready]', { timeout: 60_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('builds a browser bundle and the events of simulateShop({ customers: 300, seed: 1 })', () => {
    const data = JSON.parse(readFileSync(join(built.outdir, 'events.json'), 'utf8')) as { events: unknown[] };
    const shop = simulateShop({ customers: 300, seed: 1 });
    expect(built.events).toBe(shop.log.size);
    expect(data.events).toHaveLength(shop.log.size);
    expect(built.bundleBytes).toBeGreaterThan(10_000);
  });

  it('draws three vega-embed charts (status, churn rate, RFM segments) with SVG marks and logs no errors', async () => {
    expect(await page.evaluate(() => document.body.dataset.ready)).toBe('yes');
    expect(consoleErrors).toEqual([]);
    expect(await page.locator('#status-chart svg').count()).toBe(1);
    expect(await page.locator('#rate-chart svg').count()).toBe(1);
    // Vega draws bars as path.mark-rect children; the line as path.mark-line, points as mark-symbol.
    expect(await page.locator('#status-chart svg g.mark-rect path').count()).toBe(5);
    expect(await page.locator('#rate-chart svg g.mark-line path').count()).toBe(1);
    expect(await page.locator('#rate-chart svg g.mark-symbol path').count()).toBeGreaterThan(12);
    expect(await page.locator('#rfm-chart svg g.mark-rect path').count()).toBeGreaterThan(5);
    expect(await page.locator('#rfm-section').isVisible()).toBe(true);
  });

  it('shows the same numbers churnkit computes in Node', async () => {
    const shop = simulateShop({ customers: 300, seed: 1 });
    const data = JSON.parse(readFileSync(join(built.outdir, 'events.json'), 'utf8')) as { events: never[]; start: number; end: number };
    const log = createEventLog(data.events);
    const rule = validateChurnRule({ kind: 'inactivity', days: 60, roles: ['purchase', 'activity'] });
    const status = churnStatus(log, rule, { asOf: data.end });
    // The status bars' data, read back from the rendered view.
    const bars = await page.evaluate(() =>
      Array.from(document.querySelectorAll('#status-chart svg g.mark-rect path')).map((p) => p.getAttribute('aria-label') ?? ''),
    );
    for (const s of ['new', 'active', 'at_risk', 'reactivated', 'churned'] as const) {
      expect(bars.some((label) => label.includes(`status: ${s}`) && label.includes(`customers: ${status.counts[s]}`))).toBe(true);
    }
    expect(await page.locator('#summary').textContent()).toContain(`${shop.log.customerCount} customers, ${shop.log.size} events`);
    const points = churnRateSeries(log, rule, { start: data.start, end: data.end, period: 'month', dataEnd: data.end }).filter((p) =>
      Number.isFinite(p.rate),
    );
    expect(await page.locator('#rate-chart svg g.mark-symbol path').count()).toBe(points.length);

    // RFM: one bar per segment of the map (+ 'No purchase'), each with the size scoreRfm gives in Node.
    const rfm = scoreRfm(extractFeatures(log, { cutoff: data.end, features: rfmFeatures }));
    const rfmBars = await page.evaluate(() =>
      Array.from(document.querySelectorAll('#rfm-chart svg g.mark-rect path')).map((p) => p.getAttribute('aria-label') ?? ''),
    );
    expect(rfmBars).toHaveLength(rfm.segments.length);
    expect(rfm.segments.reduce((n, g) => n + g.size, 0)).toBe(shop.log.customerCount);
    for (const g of rfm.segments) {
      expect(rfmBars.some((label) => label.includes(`segment: ${g.name}`) && label.includes(`customers: ${g.size}`)), g.name).toBe(true);
    }
  });

  it('the screenshot is not blank', async () => {
    const stats = pngStats(await page.screenshot({ type: 'png', fullPage: true }));
    expect(stats.distinctColours).toBeGreaterThan(20);
    expect(stats.nonWhiteShare).toBeGreaterThan(0.02);
  });

  it('the build fails when anything pulls a node: module', async () => {
    const entry = join(tmp, 'bad.ts');
    writeFileSync(entry, "import { readFileSync } from 'node:fs';\nconsole.log(readFileSync);\n");
    await expect(buildDashboard({ entry, outdir: join(tmp, 'bad'), events: false })).rejects.toThrow(/"node:fs" is a Node built-in/);
    const bare = join(tmp, 'bare.ts');
    writeFileSync(bare, "import { join } from 'path';\nconsole.log(join('a'));\n");
    await expect(buildDashboard({ entry: bare, outdir: join(tmp, 'bad'), events: false })).rejects.toThrow(/"path" is a Node built-in/);
  });
});
