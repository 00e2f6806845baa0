import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { calibrationCurve, gainsCurve, liftTable, rocCurve } from '../../src/evaluate/index.js';
import {
  buildReportHtml, calibrationChart, cohortRetentionChart, gainsChart, liftChart, rfmHeatmapChart, rocChart, survivalChart,
} from '../../src/report/index.js';
import { launchBrowser, pngStats, serveStatic, type StaticServer } from '../helpers/browser.js';

// Headless Debian Chromium (via test/helpers/browser.ts) opens a report with several charts:
// each inline <svg> must lay out with a real size and hold drawn marks, and the screenshot must
// not be blank. Thresholds: each chart is laid out at the size vega declared (±1 CSS px; the
// page column is wider than every chart here, so none is scaled) and at least 100 × 80 px (the
// smallest chart here, the 2-cell cohort heatmap, is 160 × 60 px of plot plus axes and title);
// the screenshot has > 50 distinct colours and > 3% non-white pixels (a blank page has 1 colour).

const y: number[] = [];
const s: number[] = [];
for (let i = 0; i < 200; i++) {
  const score = ((i * 37) % 100) / 100;
  s.push(score);
  y.push((i * 53) % 100 < 10 + 60 * score ? 1 : 0);
}

let browser: Browser;
let server: StaticServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'churnkit-report-'));
  const html = await buildReportHtml({
    title: 'Browser check',
    summary: ['Six charts, inline SVG'],
    sections: [
      {
        id: 'model',
        heading: 'Model',
        blocks: [
          { kind: 'chart', spec: rocChart(rocCurve(y, s)) },
          { kind: 'chart', spec: gainsChart(gainsCurve(y, s)) },
          { kind: 'chart', spec: liftChart(liftTable(y, s)) },
          { kind: 'chart', spec: calibrationChart(calibrationCurve(y, s, { bins: 5 })) },
        ],
      },
      {
        id: 'customers',
        heading: 'Customers',
        blocks: [
          { kind: 'chart', spec: rfmHeatmapChart([1, 2, 3].flatMap((r) => [1, 2, 3].map((f) => ({ r, f, count: r * f })))) },
          { kind: 'chart', spec: cohortRetentionChart([{ cohort: 'a', period: 0, rate: 1, active: 10 }, { cohort: 'a', period: 1, rate: 0.5, active: 5 }]) },
          { kind: 'chart', spec: survivalChart([{ group: 'g', time: 0, survival: 1 }, { group: 'g', time: 5, survival: 0.6 }]) },
        ],
      },
    ],
  });
  writeFileSync(join(dir, 'index.html'), html);
  server = await serveStatic(dir);
  browser = await launchBrowser();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('report in headless Chromium', () => {
  it('every chart lays out with a real size and drawn marks; the screenshot is not blank', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(server.url, { waitUntil: 'load' });
    const charts = await page.$$eval('figure.chart > svg', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        const marks = svg.querySelectorAll('g.role-mark > path, g.role-mark > line, g.role-mark > text, g.role-mark > rect');
        return {
          width: box.width, height: box.height, marks: marks.length,
          declaredWidth: Number(svg.getAttribute('width')), declaredHeight: Number(svg.getAttribute('height')),
        };
      }),
    );
    expect(charts.length).toBe(7);
    for (const c of charts) {
      expect(Math.abs(c.width - c.declaredWidth)).toBeLessThanOrEqual(1);
      expect(Math.abs(c.height - c.declaredHeight)).toBeLessThanOrEqual(1);
      expect(c.width).toBeGreaterThanOrEqual(100);
      expect(c.height).toBeGreaterThanOrEqual(80);
      expect(c.marks).toBeGreaterThan(0);
    }
    // only the page itself was requested: nothing external, no scripts
    expect(requests).toEqual([server.url]);
    expect(errors).toEqual([]);
    const png = await page.screenshot({ fullPage: true });
    const stats = pngStats(png);
    expect(stats.distinctColours).toBeGreaterThan(50);
    expect(stats.nonWhiteShare).toBeGreaterThan(0.03);
    await page.close();
  }, 20_000);
});
