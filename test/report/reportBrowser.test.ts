import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { cohortRetention, evaluateCampaign, simulateCampaign, simulateShop, survivalFromLog } from '../../src/index.js';
import { analyzeChurn } from '../../src/pipeline/index.js';
import { writeReport } from '../../src/node/index.js';
import { launchBrowser, pngStats, serveStatic, type StaticServer } from '../helpers/browser.js';

// The "done when": the report of the full loop opens in a real browser with every chart
// drawn. analyzeChurn on a small simulated shop → writeReport (with the optional campaign, cohort
// and survival sections) → headless Debian Chromium. Each inline <svg> must lay out at least
// 100 × 60 CSS px and hold drawn data marks (elements of a vega `role-mark` group, not axes or legends); the page
// makes no request but itself and logs no error; the screenshot is not blank (> 50 colours and
// > 3% non-white pixels: a blank page has 1 colour).

let browser: Browser;
let server: StaticServer;
let dir: string;
let page: Page;
const errors: string[] = [];
const requests: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'churnkit-full-report-'));
  const shop = simulateShop({ customers: 800, seed: 4 });
  const analysis = analyzeChurn(shop.log, { table: shop.customers, budget: 2000 });
  const pilot = simulateCampaign(shop, { asOf: '2024-07-01', strategies: [{ id: 'coupon', cost: 8, successByCause: { price_sensitive: 0.5 } }], seed: 1 });
  await writeReport(join(dir, 'index.html'), analysis, {
    campaign: evaluateCampaign(pilot.outcomes),
    cohorts: cohortRetention(shop.log, { period: 'month', asOf: analysis.settings.asOf }),
    survival: survivalFromLog(shop.log, analysis.settings.rule, { asOf: analysis.settings.asOf, groupBy: 'channel', table: shop.customers }),
  });
  server = await serveStatic(dir);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${server.url}/index.html`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the full report in headless Chromium', () => {
  it('draws every chart with a real size and marks', async () => {
    const charts = await page.$$eval('figure.chart > svg', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        return { width: box.width, height: box.height, marks: svg.querySelectorAll('g[class~="role-mark"] > path, g[class~="role-mark"] > rect, g[class~="role-mark"] > line, g[class~="role-mark"] > g').length };
      }),
    );
    // 11 fixed charts + driver charts + campaign, cohort and survival sections.
    expect(charts.length).toBeGreaterThanOrEqual(15);
    for (const c of charts) {
      expect(c.width).toBeGreaterThanOrEqual(100);
      expect(c.height).toBeGreaterThanOrEqual(60);
      expect(c.marks).toBeGreaterThan(0);
    }
  });

  it('loads nothing but itself and logs no error', () => {
    expect(errors).toEqual([]);
    expect(requests).toEqual([`${server.url}/index.html`]);
  });

  it('has a screenshot that is not blank', async () => {
    const stats = pngStats(await page.screenshot({ fullPage: false }));
    expect(stats.distinctColours).toBeGreaterThan(50);
    expect(stats.nonWhiteShare).toBeGreaterThan(0.03);
  });
});
