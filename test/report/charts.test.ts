import { describe, expect, it } from 'vitest';
import { calibrationCurve, gainsCurve, liftTable, rocAuc, rocCurve } from '../../src/evaluate/index.js';
import type { RatePoint } from '../../src/churn/index.js';
import type { Explanation, FeatureImportance } from '../../src/models/index.js';
import {
  calibrationChart, campaignLiftChart, churnRateChart, cohortRetentionChart, driversChart, featureImportanceChart,
  gainsChart, liftChart, renderSvg, rfmHeatmapChart, riskDistributionChart, rocChart, segmentSizesChart, survivalChart,
  type ChartSpec,
} from '../../src/report/index.js';
import { Random } from '../../src/internal/random.js';
import { caught, errorCode } from '../helpers/errors.js';
import { compileWarnings, markCounts, valuesOf } from './_chartTools.js';

// A small seeded scored sample: 300 customers, churn probability rising with the score,
// scores rounded to 2 decimals so that they tie.
const rng = new Random(7);
const scores: number[] = [];
const labels: number[] = [];
for (let i = 0; i < 300; i++) {
  const s = Math.round(rng.uniform(0, 1) * 100) / 100;
  scores.push(s);
  labels.push(rng.uniform(0, 1) < 0.05 + 0.6 * s * s ? 1 : 0);
}

const ratePoints: RatePoint[] = [0, 1, 2, 3, 4].map((k) => ({
  start: Date.UTC(2024, k, 1),
  end: Date.UTC(2024, k + 1, 1),
  label: `2024-0${k + 1}`,
  activeAtStart: 200 - 10 * k,
  churned: k === 3 ? 0 : 10 + k,
  rate: k === 3 ? NaN : (10 + k) / (200 - 10 * k),
  returned: 1,
  newCustomers: 12,
  complete: k < 4,
}));

const importances: FeatureImportance[] = [
  { feature: 'recency_days', kind: 'permutation', importance: 0.08, sd: 0.01 },
  { feature: 'complaint_count_90d', kind: 'permutation', importance: 0.03, sd: 0.005 },
  { feature: 'frequency_orders', kind: 'permutation', importance: 0.05, sd: 0.004 },
  { feature: 'coupon_order_share', kind: 'permutation', importance: 0.03, sd: 0.002 },
];

const explanation: Explanation = {
  customerId: 'C00042',
  probability: 0.734,
  scale: 'logit',
  base: -1.2,
  drivers: [
    { feature: 'recency_days', value: 94, typical: 21, contribution: 0.9, text: 'days since last order: 94 (typical 21) +0.90' },
    { feature: 'complaint_count_90d', value: 2, typical: 0, contribution: 0.4, text: 'complaints in 90 days: 2 (typical 0) +0.40' },
    { feature: 'tenure_days', value: 800, typical: 300, contribution: -0.3, text: 'tenure: 800 (typical 300) -0.30' },
  ],
};

const rfmCells = [5, 4, 3, 2, 1].flatMap((r) => [1, 2, 3, 4, 5].map((f) => ({ r, f, count: r * 10 + f, meanMonetary: 20 * f })));
const cohortCells = ['2024-03', '2024-01', '2024-02'].flatMap((cohort, c) =>
  [0, 1, 2].filter((p) => p + c <= 2 || cohort === '2024-01').map((period) => ({ cohort, period, rate: 1 - 0.3 * period, active: 100 - 30 * period })),
);
const survival = ['treated', 'control'].flatMap((group, g) =>
  [0, 30, 60, 90].map((time, k) => ({ group, time, survival: 1 - (0.08 + 0.05 * g) * k, lower: Math.max(0, 0.95 - (0.08 + 0.05 * g) * k - 0.02 * k), upper: k === 0 ? 1 : NaN })),
);
const campaigns = [
  { name: 'Coupon 15%', lift: 0.042, lower: 0.011, upper: 0.073, verdict: 'works' },
  { name: 'Email only', lift: 0.004, lower: -0.02, upper: 0.028, verdict: 'no effect' },
  { name: 'Call', lift: 0.08, lower: 0.03, upper: 0.13 },
];

/** Each chart: compile without warnings, render with items of the expected marks. */
async function checkRenders(spec: ChartSpec, marks: Record<string, number>): Promise<string> {
  expect(compileWarnings(spec)).toEqual([]);
  // JSON-serializable: a round trip gives the same object (no functions, no NaN, no Infinity)
  expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  const warnings: string[] = [];
  const svg = await renderSvg(spec, { onWarning: (m) => warnings.push(m) });
  expect(warnings).toEqual([]);
  const counts = markCounts(svg);
  for (const [mark, min] of Object.entries(marks)) expect(counts[mark] ?? 0, `${mark} items`).toBeGreaterThanOrEqual(min);
  return svg;
}

describe('churnRateChart', () => {
  it('one row per period; NaN rate becomes null; partial periods named', async () => {
    const spec = churnRateChart(ratePoints);
    const v = valuesOf(spec);
    expect(v.map((r) => r.rate)).toEqual([10 / 200, 11 / 190, 12 / 180, null, 14 / 160]);
    expect(v[0]!.start).toBe('2024-01-01T00:00:00.000Z');
    expect(v.map((r) => r.fill)).toEqual(['#0072B2', '#0072B2', '#0072B2', '#0072B2', 'white']);
    expect(spec.title).toEqual({ text: 'Churn rate over time', subtitle: 'Hollow points: 1 period not complete (partial counts)' });
    // 4 drawable points (the NaN one is filtered) and one line
    await checkRenders(spec, { line: 1, symbol: 4 });
  });
  it('title and size options', () => {
    const spec = churnRateChart(ratePoints, { title: 'Monthly churn', subtitle: '', width: 300, height: 100 }) as unknown as Record<string, unknown>;
    expect(spec.title).toBe('Monthly churn');
    expect([spec.width, spec.height]).toEqual([300, 100]);
  });
  it('bad input names the row', () => {
    const e = caught(() => churnRateChart([ratePoints[0]!, { ...ratePoints[1]!, rate: 1.5 }]));
    expect([e.code, e.row, e.field]).toEqual(['INVALID_INPUT', 1, 'rate']);
    expect(errorCode(() => churnRateChart(ratePoints, { width: -1 }))).toBe('INVALID_OPTION');
    expect(errorCode(() => churnRateChart(null as never))).toBe('INVALID_INPUT');
  });
});

describe('riskDistributionChart', () => {
  it('bins counts add up to n and bars never straddle a cut', async () => {
    const spec = riskDistributionChart(scores, { cuts: [0.3, 0.65], bins: 10 });
    const bars = valuesOf(spec, 0);
    // 10 equal bins plus the cut 0.65 inside (0.6, 0.7) → 11 bars; 0.3 is already an edge
    expect(bars.length).toBe(11);
    expect(bars.reduce((a, b) => a + (b.customers as number), 0)).toBe(300);
    for (const b of bars) {
      const band = (b.from as number) < 0.3 - 1e-12 ? 'Low' : (b.from as number) < 0.65 - 1e-12 ? 'Medium' : 'High';
      expect(b.band).toBe(band);
    }
    // hand count of the High band: scores ≥ 0.65
    const high = bars.filter((b) => b.band === 'High').reduce((a, b) => a + (b.customers as number), 0);
    expect(high).toBe(scores.filter((s) => s >= 0.65).length);
    expect(valuesOf(spec, 1)).toEqual([{ cut: 0.3 }, { cut: 0.65 }]);
    await checkRenders(spec, { rect: 11, rule: 2 });
  });
  it('scores outside [0, 1] are binned over [min, max]; a single value still draws', () => {
    const spec = riskDistributionChart([-2, 0, 2], { bins: 2 });
    expect(valuesOf(spec, 0).map((b) => [b.from, b.to, b.customers])).toEqual([[-2, 0, 1], [0, 2, 2]]);
    const one = riskDistributionChart([5, 5], { bins: 1 });
    expect(valuesOf(one, 0).map((b) => [b.from, b.to, b.customers])).toEqual([[4.5, 5.5, 2]]);
  });
  it('errors: NaN score, unsorted cuts, wrong bandNames', () => {
    expect(caught(() => riskDistributionChart([0.1, NaN])).row).toBe(1);
    expect(errorCode(() => riskDistributionChart(scores, { cuts: [0.5, 0.3] }))).toBe('INVALID_OPTION');
    expect(errorCode(() => riskDistributionChart(scores, { cuts: [0.5], bandNames: ['a', 'b', 'c'] }))).toBe('INVALID_OPTION');
  });
});

describe('liftChart and gainsChart', () => {
  it('lift bars equal liftTable rows', async () => {
    const rows = liftTable(labels, scores);
    const spec = liftChart(rows);
    expect(valuesOf(spec, 0).map((v) => [v.band, v.lift])).toEqual(rows.map((r) => [r.decile, r.lift]));
    expect(valuesOf(spec, 1)).toEqual([{ lift: 1, label: 'Random targeting' }]);
    await checkRenders(spec, { rect: rows.length, rule: 1 });
  });
  it('gains points equal the curve; origin threshold Infinity becomes null; diagonal added', async () => {
    const curve = gainsCurve(labels, scores);
    const spec = gainsChart(curve);
    const model = valuesOf(spec).filter((v) => v.series === 'Model');
    expect(model.map((v) => v.contacted)).toEqual([...curve.fraction]);
    expect(model.map((v) => v.captured)).toEqual([...curve.capture]);
    expect(model[0]!.threshold).toBeNull();
    expect(model[1]!.threshold).toBe(curve.threshold[1]);
    expect(valuesOf(spec).filter((v) => v.series === 'Random').map((v) => [v.contacted, v.captured])).toEqual([[0, 0], [1, 1]]);
    await checkRenders(spec, { line: 2 });
  });
  it('errors: mismatched curve arrays, values outside [0, 1]', () => {
    expect(caught(() => gainsChart({ fraction: new Float64Array(2), capture: new Float64Array(3), threshold: new Float64Array(2) })).field).toBe('capture');
    expect(caught(() => gainsChart({ fraction: Float64Array.of(0, 2), capture: Float64Array.of(0, 1), threshold: Float64Array.of(1, 0) })).row).toBe(1);
  });
});

describe('rocChart', () => {
  it('points equal rocCurve, subtitle AUC equals rocAuc to 3 decimals', async () => {
    const roc = rocCurve(labels, scores);
    const spec = rocChart(roc);
    const model = valuesOf(spec).filter((v) => v.series === 'Model');
    expect(model.map((v) => [v.fpr, v.tpr])).toEqual([...roc.fpr].map((x, i) => [x, roc.tpr[i]]));
    expect(spec.title).toEqual({ text: 'ROC curve', subtitle: `AUC ${rocAuc(labels, scores).toFixed(3)}` });
    await checkRenders(spec, { line: 2 });
  });
  it('hand curve: AUC 0.875 in the subtitle', () => {
    expect(rocChart(rocCurve([1, 0, 1, 0], [0.9, 0.8, 0.8, 0.1])).title).toEqual({ text: 'ROC curve', subtitle: 'AUC 0.875' });
  });
});

describe('calibrationChart', () => {
  it('points equal the curve, ECE and MCE in the subtitle', async () => {
    const curve = calibrationCurve(labels, scores, { bins: 8 });
    const spec = calibrationChart(curve);
    const pts = valuesOf(spec, 1);
    expect(pts.map((p) => [p.predicted, p.observed, p.customers])).toEqual(
      [...curve.meanPredicted].map((m, i) => [m, curve.fractionPositive[i], curve.count[i]]),
    );
    expect(spec.title).toEqual({ text: 'Calibration', subtitle: `ECE ${curve.ece.toFixed(3)} · MCE ${curve.mce.toFixed(3)}` });
    await checkRenders(spec, { line: 2, symbol: curve.count.length });
  });
  it('doc example: ECE 0.225', () => {
    const spec = calibrationChart(calibrationCurve([0, 0, 1, 1], [0.1, 0.3, 0.6, 0.9], { bins: 2 }));
    expect(spec.title).toEqual({ text: 'Calibration', subtitle: 'ECE 0.225 · MCE 0.250' });
  });
});

describe('featureImportanceChart', () => {
  it('sorted by importance (ties keep input order), top n, sd whiskers', async () => {
    const spec = featureImportanceChart(Object.freeze([...importances]), { top: 3 });
    const v = valuesOf(spec);
    expect(v.map((r) => r.feature)).toEqual(['recency_days', 'frequency_orders', 'complaint_count_90d']);
    expect(v[0]).toMatchObject({ importance: 0.08, low: 0.07, high: 0.09 });
    expect(spec.title).toEqual({ text: 'What the model relies on', subtitle: 'Top 3 of 4 features' });
    await checkRenders(spec, { rect: 3, rule: 3 });
  });
  it('no sd → no whisker layer; duplicates and mixed kinds rejected', () => {
    const spec = featureImportanceChart([{ feature: 'a', kind: 'gain', importance: 0.7 }, { feature: 'b', kind: 'gain', importance: 0.3 }]);
    expect((spec as { layer: unknown[] }).layer.length).toBe(1);
    expect(caught(() => featureImportanceChart([importances[0]!, importances[0]!])).row).toBe(1);
    expect(caught(() => featureImportanceChart([importances[0]!, { feature: 'x', kind: 'gain', importance: 1 }])).field).toBe('kind');
  });
});

describe('driversChart', () => {
  it('bars in the explanation order, coloured by direction', async () => {
    const spec = driversChart(explanation);
    const v = valuesOf(spec);
    expect(v.map((r) => [r.feature, r.contribution, r.direction])).toEqual([
      ['recency_days', 0.9, 'Raises churn risk'],
      ['complaint_count_90d', 0.4, 'Raises churn risk'],
      ['tenure_days', -0.3, 'Lowers churn risk'],
    ]);
    expect(spec.title).toEqual({ text: 'Churn drivers for customer C00042', subtitle: 'Churn probability 73.4% · contributions on the logit scale' });
    await checkRenders(spec, { rect: 3, rule: 1 });
  });
  it('missing value shows as "missing"; a non-finite contribution is rejected', () => {
    const e = { ...explanation, drivers: [{ ...explanation.drivers[0]!, value: NaN }] };
    expect(valuesOf(driversChart(e))[0]!.value).toBe('missing');
    const bad = { ...explanation, drivers: [{ ...explanation.drivers[0]!, contribution: NaN }] };
    expect(caught(() => driversChart(bad)).field).toBe('contribution');
  });
});

describe('rfmHeatmapChart', () => {
  it('one cell per (r, f); label colour white on the darker half', async () => {
    const spec = rfmHeatmapChart(rfmCells);
    const v = valuesOf(spec);
    expect(v.length).toBe(25);
    const top = v.find((c) => c.r === 5 && c.f === 5)!;
    expect(top).toMatchObject({ count: 55, labelColour: 'white', meanMonetary: 100 });
    expect(v.find((c) => c.r === 1 && c.f === 1)!.labelColour).toBe('#222222');
    expect((v.reduce((a, c) => a + (c.share as number), 0))).toBeCloseTo(1, 12);
    await checkRenders(spec, { rect: 25, text: 25 });
  });
  it('a repeated (r, f) pair is rejected with its row', () => {
    expect(caught(() => rfmHeatmapChart([{ r: 1, f: 1, count: 3 }, { r: 1, f: 1, count: 4 }])).row).toBe(1);
  });
});

describe('segmentSizesChart', () => {
  it('sorted by size, share labels', async () => {
    const spec = segmentSizesChart([{ name: 'fading', size: 50 }, { name: 'price_sensitive', size: 150 }, { name: 'lost_loyal', size: 50 }]);
    expect(valuesOf(spec).map((v) => [v.name, v.label])).toEqual([
      ['price_sensitive', '150 (60%)'], ['fading', '50 (20%)'], ['lost_loyal', '50 (20%)'],
    ]);
    expect(spec.title).toEqual({ text: 'Segment sizes', subtitle: '250 customers in 3 segments' });
    await checkRenders(spec, { rect: 3, text: 3 });
  });
  it('negative size and duplicate names rejected', () => {
    expect(caught(() => segmentSizesChart([{ name: 'a', size: -1 }])).field).toBe('size');
    expect(caught(() => segmentSizesChart([{ name: 'a', size: 1 }, { name: 'a', size: 2 }])).row).toBe(1);
  });
});

describe('cohortRetentionChart', () => {
  it('cohorts in label order, one cell per input', async () => {
    const spec = cohortRetentionChart(cohortCells);
    expect(valuesOf(spec).length).toBe(cohortCells.length);
    const y = (spec as { encoding: { y: { sort: string[] } } }).encoding.y;
    expect(y.sort).toEqual(['2024-01', '2024-02', '2024-03']);
    await checkRenders(spec, { rect: cohortCells.length, text: cohortCells.length });
  });
  it('accepts the cells of cohortRetention (period named index) as they are', () => {
    const liftCells = [
      { cohort: '2024-02', cohortStart: Date.UTC(2024, 1, 1), index: 1, periodStart: Date.UTC(2024, 2, 1), size: 10, active: 4, rate: 0.4 },
      { cohort: '2024-02', cohortStart: Date.UTC(2024, 1, 1), index: 0, periodStart: Date.UTC(2024, 1, 1), size: 10, active: 10, rate: 1 },
    ];
    expect(valuesOf(cohortRetentionChart(liftCells)).map((v) => [v.period, v.rate, v.active])).toEqual([[1, 0.4, 4], [0, 1, 10]]);
  });
  it('NaN rate and fractional period rejected', () => {
    expect(caught(() => cohortRetentionChart([{ cohort: 'a', period: 0, rate: NaN, active: 0 }])).field).toBe('rate');
    expect(caught(() => cohortRetentionChart([{ cohort: 'a', period: 0.5, rate: 1, active: 1 }])).field).toBe('period');
  });
});

describe('survivalChart', () => {
  it('step lines per group with a band; NaN bounds become null', async () => {
    const spec = survivalChart(survival, { timeTitle: 'Days since campaign' });
    const v = valuesOf(spec);
    expect(v.filter((p) => p.upper === null).length).toBe(6);
    const layers = (spec as { layer: { mark: { type: string; interpolate: string } }[] }).layer;
    expect(layers.map((l) => [l.mark.type, l.mark.interpolate])).toEqual([['area', 'step-after'], ['line', 'step-after']]);
    await checkRenders(spec, { line: 2, area: 2 });
  });
  it('no bounds → no band layer; survival outside [0, 1] rejected', () => {
    const spec = survivalChart([{ group: 'all', time: 0, survival: 1 }, { group: 'all', time: 10, survival: 0.9 }]);
    expect((spec as { layer: unknown[] }).layer.length).toBe(1);
    expect(caught(() => survivalChart([{ group: 'all', time: 0, survival: 1.1 }])).field).toBe('survival');
  });
});

describe('campaignLiftChart', () => {
  it('input order kept, verdicts coloured, no-effect rule at 0', async () => {
    const spec = campaignLiftChart(campaigns);
    expect(valuesOf(spec, 0)).toEqual([{ noEffect: 0 }]);
    expect(valuesOf(spec, 2).map((v) => [v.name, v.verdict])).toEqual([
      ['Coupon 15%', 'works'], ['Email only', 'no effect'], ['Call', 'not stated'],
    ]);
    await checkRenders(spec, { rule: 4, symbol: 3 });
  });
  it('bounds must hold the lift', () => {
    expect(caught(() => campaignLiftChart([{ name: 'x', lift: 0.1, lower: 0.2, upper: 0.3 }])).field).toBe('lower');
  });
});

describe('empty inputs give an empty-state spec (one text mark saying so)', () => {
  const cases: [string, ChartSpec][] = [
    ['churnRateChart', churnRateChart([])],
    ['riskDistributionChart', riskDistributionChart([])],
    ['liftChart', liftChart([])],
    ['gainsChart', gainsChart({ fraction: new Float64Array(0), capture: new Float64Array(0), threshold: new Float64Array(0) })],
    ['featureImportanceChart', featureImportanceChart([])],
    ['driversChart', driversChart({ ...explanation, drivers: [] })],
    ['rfmHeatmapChart', rfmHeatmapChart([])],
    ['segmentSizesChart', segmentSizesChart([])],
    ['cohortRetentionChart', cohortRetentionChart([])],
    ['survivalChart', survivalChart([])],
    ['campaignLiftChart', campaignLiftChart([])],
  ];
  for (const [name, spec] of cases) {
    it(name, async () => {
      expect((spec as { mark: { type: string } }).mark.type).toBe('text');
      expect(String(valuesOf(spec)[0]!.message)).toMatch(/^No .* to chart$/);
      const svg = await checkRenders(spec, { text: 1 });
      expect(markCounts(svg)).toEqual({ text: 1 });
    });
  }
});

describe('determinism', () => {
  it('the same input gives the same spec and the same SVG bytes', async () => {
    const a = rocChart(rocCurve(labels, scores));
    const b = rocChart(rocCurve(labels, scores));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(await renderSvg(a)).toBe(await renderSvg(b));
  });
});
