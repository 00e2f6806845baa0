/**
 * Renders the demo report (analyzeChurn on simulateShop({ customers: 3000 })) in headless
 * Chromium and saves the first 1400 px as docs/report-screenshot.png.
 *
 *   npx tsx scripts/screenshot-report.ts [out.png] [--full]
 *
 * `--full` saves the whole page instead (for reviewing the layout; not committed).
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulateShop } from '../src/data/simulateShop.js';
import { analyzeChurn } from '../src/pipeline/analyzeChurn.js';
import { renderReport } from '../src/report/renderReport.js';
import { launchBrowser, pngStats } from '../test/helpers/browser.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const full = args.includes('--full');
const out = resolve(args.find((a) => !a.startsWith('--')) ?? resolve(root, 'docs/report-screenshot.png'));

const shop = simulateShop({ customers: 3000 });
const analysis = analyzeChurn(shop.log, { table: shop.customers, budget: 5000 });
const html = await renderReport(analysis, { title: 'Churn report — simulated shop' });

const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1400 }, deviceScaleFactor: 1 });
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.setContent(html, { waitUntil: 'load' });
  const png = await page.screenshot({ fullPage: full, type: 'png' });
  if (errors.length > 0) throw new Error(`console errors in the report page:\n${errors.join('\n')}`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, png);
  const stats = pngStats(png);
  console.log(`${out}: ${stats.width}×${stats.height}, ${statSync(out).size} bytes, ${stats.distinctColours} colours, ${(100 * stats.nonWhiteShare).toFixed(1)}% non-white`);
} finally {
  await browser.close();
}
