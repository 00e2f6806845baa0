import { beforeAll, describe, expect, it } from 'vitest';
import { simulateShop } from '../../src/data/simulateShop.js';
import { cohortRetention } from '../../src/lift/cohortRetention.js';
import { evaluateCampaign } from '../../src/lift/evaluateCampaign.js';
import { survivalFromLog } from '../../src/lift/survivalFromLog.js';
import type { CampaignOutcome } from '../../src/lift/CampaignOutcome.js';
import { analyzeChurn } from '../../src/pipeline/analyzeChurn.js';
import type { ChurnAnalysis } from '../../src/pipeline/ChurnAnalysis.js';
import { escapeHtml, formatNumber } from '../../src/report/html.js';
import { renderReport } from '../../src/report/index.js';
import { describeRule, reportPage } from '../../src/report/_reportPage.js';
import { errorCode } from '../helpers/errors.js';

// One small analysis shared by the suite (simulateShop 600 customers, seed 5; ~1–2 s).
const shop = simulateShop({ customers: 600, seed: 5 });
let analysis: ChurnAnalysis;
let html: string;

beforeAll(async () => {
  analysis = analyzeChurn(shop.log, { table: shop.customers, budget: 800 });
  html = await renderReport(analysis);
}, 60_000);

const clone = (a: ChurnAnalysis): ChurnAnalysis => JSON.parse(JSON.stringify(a)) as ChurnAnalysis;
const svgCount = (s: string): number => s.match(/<svg\b/g)?.length ?? 0;
const sectionIds = (s: string): string[] => [...s.matchAll(/<section id="([^"]+)">/g)].map((m) => m[1]!);

const CORE_SECTIONS = [
  'overview', 'churn-rate', 'risk', 'model', 'importance', 'drivers', 'segments', 'personas', 'customers', 'actions', 'alerts', 'data', 'backtest', 'provenance',
];

describe('renderReport', () => {
  it('is one self-contained page: no script, no URL, every chart inline SVG', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<link\b|<img\b|<iframe\b|@import|url\((?!#)/i);
    // churn rate, risk, ROC, gains, lift, calibration, importance, drivers (≤ 3), RFM heatmap, RFM sizes, personas, lifecycle
    const explained = Math.min(3, analysis.customers.filter((c) => c.drivers.length > 0).length);
    expect(explained).toBeGreaterThan(0);
    expect(svgCount(html)).toBe(11 + explained);
  });

  it('has the sections in order, each linked from the contents', () => {
    expect(sectionIds(html)).toEqual(CORE_SECTIONS);
    for (const id of CORE_SECTIONS) expect(html).toContain(`<a href="#${id}">`);
  });

  it('shows the analysis numbers: KPIs, highlights, folds and the top customers in risk order', () => {
    const whole = (x: number): string => Math.round(x).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    expect(html).toContain(`<dt>Active customers</dt><dd>${whole(analysis.risk.scored)}</dd>`);
    expect(html).toContain(`<dt>High risk</dt><dd>${whole(analysis.risk.counts.high)}</dd>`);
    expect(html).toContain(`<dt>Backtest AUC</dt><dd>${analysis.backtest.mean.rocAuc!.toFixed(3)}</dd>`);
    for (const h of analysis.highlights) expect(html).toContain(`<li>${escapeHtml(h)}</li>`);
    for (const f of analysis.backtest.folds) expect(html).toContain(`<td>${f.cutoff.slice(0, 10)}</td>`);
    // top-customer rows: the first 25 ids, in the analysis order (descending risk)
    const section = html.slice(html.indexOf('<section id="customers">'), html.indexOf('<section id="actions">'));
    const ids = [...section.matchAll(/<tr><td>([^<]+)<\/td>/g)].map((m) => m[1]);
    expect(ids).toEqual(analysis.customers.slice(0, 25).map((c) => c.customerId));
    const first = analysis.customers[0]!;
    expect(section).toContain(`<td>${(100 * first.risk).toFixed(1)}%</td><td>${first.band}</td>`);
  });

  it('lists recommended actions by rank with cost and expected value saved, and the by-strategy total', () => {
    const section = html.slice(html.indexOf('<section id="actions">'), html.indexOf('<section id="alerts">'));
    const recs = analysis.actions.recommendations;
    expect(recs.length).toBeGreaterThan(0);
    const ranks = [...section.matchAll(/<tr><td class="num">(\d+)<\/td><td>([^<]+)<\/td>/g)].map((m) => [Number(m[1]), m[2]]);
    expect(ranks).toEqual(recs.slice(0, 25).map((r) => [r.rank, r.customerId]));
    // The table prints numbers with the report's own rule (a budget filled greedily can end at 799.9, not 800).
    const total = formatNumber(analysis.actions.totalCost).replace('.', '\\.');
    expect(section).toMatch(new RegExp(`<td>Total</td><td></td><td class="num">${recs.length}</td><td class="num">${total}</td>`));
  });

  it('escapes customer ids, feature names and segment names from the data', async () => {
    const evil = clone(analysis);
    const bad = `<script>alert("id")</script>`;
    evil.customers[0]!.customerId = bad;
    evil.customers[0]!.rfmSegment = `Seg "A" & 'B'`;
    evil.customers[0]!.drivers[0]!.feature = '<img src=x onerror=1>';
    evil.model.importance[0]!.feature = '<b>feature</b>';
    evil.segments.rfm[0]!.name = '<i>Champions</i>';
    const out = await renderReport(evil);
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<b>feature</b>');
    expect(out).not.toContain('<i>Champions</i>');
    expect(out).toContain(escapeHtml(bad));
    expect(out).toContain(escapeHtml(`Seg "A" & 'B'`));
    expect(out).toContain('&lt;b&gt;feature&lt;/b&gt;');
  });

  it('is deterministic and reads the analysis JSON as well as the object', async () => {
    expect(await renderReport(analysis)).toBe(html);
    expect(await renderReport(JSON.parse(JSON.stringify(analysis)) as ChurnAnalysis)).toBe(html);
  });

  it('adds campaign lift, cohort retention and survival sections when given', async () => {
    const outcomes: CampaignOutcome[] = [];
    // 200 treated (150 retained), 200 controls (120 retained): lift +15.0 pp
    for (let i = 0; i < 400; i++) {
      const treated = i < 200;
      const k = treated ? i : i - 200;
      outcomes.push({ customerId: `X${i}`, group: treated ? 'treatment' : 'control', retained: treated ? k < 150 : k < 120, strategy: k % 2 === 0 ? 'coupon' : 'call' });
    }
    const campaign = evaluateCampaign(outcomes);
    const asOf = analysis.settings.asOf;
    const cohorts = cohortRetention(shop.log, { period: 'month', roles: ['purchase'], asOf });
    const survival = survivalFromLog(shop.log, analysis.settings.rule, { asOf });
    const out = await renderReport(analysis, { campaign, campaignName: 'Spring win-back', cohorts, survival, title: 'Q4 <report>' });
    const ids = sectionIds(out);
    expect(ids.slice(ids.indexOf('alerts') + 1, ids.indexOf('data'))).toEqual(['campaign', 'cohorts', 'survival']);
    expect(svgCount(out)).toBe(svgCount(html) + 3);
    expect(out).toContain('<title>Q4 &lt;report&gt;</title>');
    expect(campaign.overall.lift).toBeCloseTo(0.15, 12);
    expect(out).toContain('<td>Spring win-back</td><td class="num">200</td><td class="num">200</td><td>75.0%</td><td>60.0%</td><td>+15.0 pp</td>');
    expect(out).toContain('<td>Strategy: coupon</td>');
    expect(out).toContain(`<td>${survival.groups[0]!.group}</td>`);
  });

  it('says so when there is no backtest fold, no explained customer, or alerts to show', async () => {
    const a = clone(analysis);
    a.backtest.latest = null;
    for (const c of a.customers) c.drivers = [];
    a.alerts = {
      previousAsOf: '2024-09-30T00:00:00.000Z',
      newlyHighRisk: [{ customerId: 'C-new', risk: 0.8, previousRisk: 0.2 }],
      risingSegments: [{ kind: 'rfm', segment: 'At Risk', meanRisk: 0.4, previousMeanRisk: 0.3 }],
    };
    const out = await renderReport(a);
    expect(out).toContain('No backtest fold could be evaluated');
    expect(out).toContain('No customer is at high or medium risk');
    expect(svgCount(out)).toBe(11 + 0 - 4); // no ROC/gains/lift/calibration, no driver charts
    expect(out).toContain('<td>C-new</td><td>80.0%</td><td>20.0%</td>');
    expect(out).toContain('<td>rfm</td><td>At Risk</td><td>40.0%</td><td>30.0%</td>');
  });

  it('rejects what is not a version-1 analysis and bad options', async () => {
    await expect(renderReport({} as ChurnAnalysis)).rejects.toMatchObject({ code: 'INVALID_INPUT', path: ['analysis', 'format'] });
    await expect(renderReport(null as unknown as ChurnAnalysis)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(renderReport({ ...analysis, version: 2 } as unknown as ChurnAnalysis)).rejects.toMatchObject({ code: 'INVALID_INPUT', path: ['analysis', 'version'] });
    await expect(renderReport({ ...analysis, customers: undefined } as unknown as ChurnAnalysis)).rejects.toMatchObject({ path: ['analysis', 'customers'] });
    await expect(renderReport(analysis, { topCustomers: 0 })).rejects.toMatchObject({ code: 'INVALID_OPTION', field: 'topCustomers' });
    await expect(renderReport(analysis, { driverCharts: 1.5 })).rejects.toMatchObject({ code: 'INVALID_OPTION', field: 'driverCharts' });
    await expect(renderReport(analysis, { title: '' })).rejects.toMatchObject({ code: 'INVALID_OPTION', field: 'title' });
    await expect(renderReport(analysis, { cohorts: {} as never })).rejects.toMatchObject({ code: 'INVALID_OPTION', field: 'cohorts' });
  });

  it('honours topCustomers and driverCharts', async () => {
    const page = reportPage(analysis, { topCustomers: 3, driverCharts: 1 });
    const customers = page.sections.find((s) => s.id === 'customers')!.blocks[0]!;
    expect(customers.kind === 'table' && customers.rows.length).toBe(3);
    expect(page.sections.find((s) => s.id === 'drivers')!.blocks.filter((b) => b.kind === 'chart')).toHaveLength(1);
    expect(errorCode(() => reportPage(analysis, { cohorts: null as never }))).toBe('INVALID_OPTION');
  });
});

describe('describeRule', () => {
  it('puts churn rules in words', () => {
    expect(describeRule({ kind: 'inactivity', days: 90, roles: ['purchase', 'activity'] })).toBe('no purchase or activity event for more than 90 days');
    expect(describeRule({ kind: 'inactivity', days: 30 })).toBe('no event for more than 30 days');
    expect(describeRule({ kind: 'valueDrop', measure: 'spend', windowDays: 90, baselineDays: 180, ratio: 0.5 }))
      .toBe('spend over the last 90 days below 50% of the 180 days before');
    expect(describeRule({ kind: 'anyOf', rules: [{ kind: 'inactivity', days: 60, roles: ['purchase'] }, { kind: 'cancellation' }] }))
      .toBe('any of: no purchase event for more than 60 days; a cancel event takes effect');
  });
});
