import { describe, expect, it } from 'vitest';
import { backtest, churnStatus, createCustomerTable, createEventLog, simulateShop, type EventInput } from '../../src/index.js';
import { analyzeChurn, type AnalysisProgress, type ChurnAnalysis } from '../../src/pipeline/index.js';
import { renderReport } from '../../src/report/index.js';
import { caught } from '../helpers/errors.js';

const shop = simulateShop({ customers: 1500, seed: 11 });
const DAY = 86_400_000;
const asOf = Date.UTC(2024, 11, 1);
const steps: AnalysisProgress[] = [];
const analysis = analyzeChurn(shop.log, { asOf, budget: 2000, seed: 2, onProgress: (p) => steps.push(p) });

describe('analyzeChurn on the simulated shop', () => {
  it('reports every step once, in order', () => {
    expect(steps.map((s) => s.step)).toEqual(['audit', 'status', 'labels', 'features', 'backtest', 'model', 'scores', 'segments', 'personas', 'actions', 'alerts']);
    expect(steps.every((s, k) => s.index === k + 1 && s.total === 11)).toBe(true);
  });

  it('is JSON-serializable without loss and versioned', () => {
    // NaN, typed arrays or functions would not survive the round trip.
    expect(JSON.parse(JSON.stringify(analysis))).toEqual(analysis);
    expect(analysis.format).toBe('churnkit.analysis');
    expect(analysis.version).toBe(1);
  });

  it('fills in the stated defaults', () => {
    const s = analysis.settings;
    expect(s.asOf).toBe('2024-12-01T00:00:00.000Z');
    expect(s.rule).toEqual({ kind: 'inactivity', days: 90, roles: ['purchase', 'activity'] });
    expect(s.horizonDays).toBe(90);
    expect(s.algorithm).toBe('boosting');
    // Four snapshots 90 days apart, the last one horizonDays before asOf.
    expect(s.trainCutoffs).toEqual([3, 2, 1, 0].map((k) => new Date(asOf - 90 * DAY - k * 90 * DAY).toISOString()));
  });

  it('scores exactly the customers churnStatus calls not churned, in descending risk, banded by the cuts', () => {
    const status = churnStatus(shop.log, analysis.settings.rule, { asOf });
    const active = status.customerIds.filter((_, r) => status.status[r] !== 'churned');
    expect(analysis.customers.map((c) => c.customerId).sort()).toEqual([...active].sort());
    for (let k = 1; k < analysis.customers.length; k++) expect(analysis.customers[k]!.risk).toBeLessThanOrEqual(analysis.customers[k - 1]!.risk);
    for (const c of analysis.customers) {
      expect(c.band).toBe(c.risk >= 0.5 ? 'high' : c.risk >= 0.25 ? 'medium' : 'low');
      // Drivers are given for high and medium risk, and push towards churn.
      if (c.band !== 'low') expect(c.drivers.length).toBeGreaterThan(0);
      for (const d of c.drivers) expect(d.contribution).toBeGreaterThan(0);
    }
    const counts = analysis.risk.counts;
    expect(counts.high + counts.medium + counts.low).toBe(active.length);
    expect(analysis.risk.histogram.reduce((s, b) => s + b.count, 0)).toBe(active.length);
  });

  it('reports the backtest that evaluate.backtest gives with the same settings (traceable)', () => {
    const s = analysis.settings;
    const bt = backtest(shop.log, s.rule, { cutoffs: s.trainCutoffs, horizonDays: s.horizonDays, algorithm: s.algorithm, seed: s.seed, dataEnd: asOf });
    expect(analysis.backtest.folds.map((f) => f.rocAuc)).toEqual(bt.folds.map((f) => f.rocAuc));
    expect(analysis.backtest.mean.rocAuc).toBe(bt.mean.rocAuc);
    // On this shop the churn signals are strong: the boosting model ranks well out of time.
    expect(analysis.backtest.mean.rocAuc!).toBeGreaterThan(0.8);
    const roc = analysis.backtest.latest!.roc;
    expect(roc[0]).toEqual({ fpr: 0, tpr: 0 });
    expect(roc[roc.length - 1]).toEqual({ fpr: 1, tpr: 1 });
  });

  it('keeps recommended actions within the budget, ranked by expected value saved', () => {
    const recs = analysis.actions.recommendations;
    expect(recs.length).toBeGreaterThan(0);
    expect(analysis.actions.totalCost).toBeLessThanOrEqual(2000 + 1e-9);
    expect(recs.reduce((s, r) => s + r.cost, 0)).toBeCloseTo(analysis.actions.totalCost, 6);
    for (let k = 1; k < recs.length; k++) expect(recs[k]!.expectedValueSaved).toBeLessThanOrEqual(recs[k - 1]!.expectedValueSaved);
    for (const r of recs) expect(r.expectedValueSaved).toBeCloseTo(r.risk * r.value * r.successRate - r.cost, 6);
  });

  it('values lapsed customers at the playbook\'s churned-status prior (0.8: the chance they stay gone without an action), named in the reason', () => {
    const lapsed = new Set(analysis.lapsed.map((c) => c.customerId));
    const recs = analysis.actions.recommendations.filter((r) => lapsed.has(r.customerId));
    expect(recs.length).toBeGreaterThan(0);
    for (const r of recs) {
      expect(r.risk).toBe(0.8);
      expect(r.reason).toContain('prior for status churned');
    }
  });

  it('accounts for every customer assessed for actions', () => {
    const assessed = analysis.customers.filter((c) => c.band !== 'low').length + analysis.lapsed.length;
    const x = analysis.actions;
    expect(x.recommendations.length + x.leftOut + x.notWorthIt + x.noStrategy).toBe(assessed);
    expect(x.valueSources.input + x.valueSources.default).toBe(assessed);
    // Annualised spend is known for everyone here (0 for customers who never bought): no placeholder values.
    expect(x.valueSources.default).toBe(0);
    for (const c of analysis.customers) expect(Number.isFinite(c.value)).toBe(true);
  });

  it('assigns personas to the assessed customers only and counts them', () => {
    const assessed = analysis.customers.filter((c) => c.persona !== null).length + analysis.lapsed.length;
    const total = Object.values(analysis.segments.personas).reduce((s, v) => s + v, 0);
    expect(total).toBe(assessed);
    for (const c of analysis.customers) expect(c.persona === null).toBe(c.band === 'low');
  });

  it('states the counts in its summary', () => {
    expect(analysis.summary).toContain(`${analysis.customers.length.toLocaleString('en-US')} active customers`);
    expect(analysis.summary).toContain(`${analysis.risk.counts.high.toLocaleString('en-US')} high-risk`);
    expect(analysis.highlights.join(' ')).toBe(analysis.summary);
  });
});

describe('analyzeChurn with a customer table', () => {
  it('adds one attribute feature per table column to what the model reads (the table was once passed on and never read)', () => {
    const withTable = analyzeChurn(shop.log, { asOf, budget: 2000, seed: 2, table: shop.customers });
    const columns = [...shop.customers.columns.keys()];
    expect(columns.length).toBeGreaterThan(0);
    // numeric and time columns add one feature each, categorical ones one per level (plus other)
    expect(withTable.model.features).toBeGreaterThanOrEqual(analysis.model.features + columns.length);
    expect(withTable.provenance['features']).toContain(`attributeFeatures of the customer table (${columns.length} columns)`);
    expect(analysis.provenance['features']).not.toContain('attributeFeatures');
  });

  it('reads a table column named like a built-in feature as attr_<column> (a CRM export with tenure_days failed: two features made one column)', () => {
    const rows = shop.log.customerIds.map((id, i) => ({ customerId: id, tenure_days: i % 700, plan_tier: i % 3 === 0 ? 'gold' : 'basic' }));
    const a = analyzeChurn(shop.log, { asOf, budget: 2000, seed: 2, table: createCustomerTable(rows) });
    expect(a.provenance['features']).toContain('(2 columns)');
    expect(a.model.features).toBeGreaterThan(analysis.model.features);
  });
});

describe('analyzeChurn customer values', () => {
  it('reads given values from a record or a Map alike (a Map was once ignored silently); customers left out get the default', () => {
    // values for every other assessed customer: 1,000 + its position
    const given = new Map(analysis.customers.filter((_, i) => i % 2 === 0).map((c, i) => [c.customerId, 1000 + i]));
    const fromMap = analyzeChurn(shop.log, { asOf, budget: 2000, seed: 2, value: given });
    const fromRecord = analyzeChurn(shop.log, { asOf, budget: 2000, seed: 2, value: Object.fromEntries(given) });
    expect(fromMap.actions.valueSources).toEqual(fromRecord.actions.valueSources);
    // valueSources counts the customers assessed for actions: the scored ones not in the low band, and the lapsed
    const assessed = [...fromMap.customers.filter((c) => c.band !== 'low').map((c) => c.customerId), ...fromMap.lapsed.map((c) => c.customerId)];
    const withValue = assessed.filter((id) => given.has(id)).length;
    expect(withValue).toBeGreaterThan(0);
    expect(fromMap.actions.valueSources.input).toBe(withValue);
    expect(fromMap.actions.valueSources.default).toBe(assessed.length - withValue);
    for (const c of fromMap.customers) if (given.has(c.customerId)) expect(c.value).toBe(given.get(c.customerId));
    expect(fromMap.customers).toEqual(fromRecord.customers);
    expect(fromMap.settings.valueBasis).toBe('given');
  });
});

describe('analyzeChurn is point-in-time', () => {
  it('gives the same analysis when events at or after asOf are added, removed, or come from new customers', () => {
    const small = simulateShop({ customers: 400, seed: 5 });
    const at = Date.UTC(2024, 9, 1);
    const options = { asOf: at, horizonDays: 60, algorithm: 'logistic' as const };
    const a = analyzeChurn(small.log, options);
    const future: EventInput[] = [];
    let k = 0;
    // Drop every other event at or after asOf ...
    for (const e of small.log.events()) if (e.time < at || k++ % 2 === 0) future.push(e);
    // ... add orders and complaints at and after asOf for existing customers ...
    for (let c = 0; c < small.log.customerCount; c += 3) {
      const id = small.log.customerId(c);
      future.push({ customerId: id, time: at, type: 'order', value: 1e6 });
      future.push({ customerId: id, time: at + 5 * DAY, type: 'complaint', text: 'terrible' });
    }
    // ... and customers whose first event is at or after asOf.
    for (let i = 0; i < 25; i++) future.push({ customerId: `NEW${i}`, time: at + i * DAY, type: 'order', value: 10 });
    const b = analyzeChurn(createEventLog(future), options);
    // The audit counts future-dated events by design; everything else is unchanged.
    expect({ ...b, audit: null }).toEqual({ ...a, audit: null });
    expect(b.audit.futureDated!.events).toBeGreaterThan(0);
  });
});

describe('analyzeChurn alerts', () => {
  it('lists exactly the customers who became high-risk since the previous analysis', () => {
    const later = analyzeChurn(shop.log, { asOf: asOf + 28 * DAY, previous: analysis, budget: 2000, seed: 2 });
    const before = new Map(analysis.customers.map((c) => [c.customerId, c.band]));
    const expected = later.customers.filter((c) => c.band === 'high' && before.get(c.customerId) !== 'high').map((c) => c.customerId);
    expect(later.alerts.newlyHighRisk.map((x) => x.customerId)).toEqual(expected);
    expect(later.alerts.previousAsOf).toBe(analysis.settings.asOf);
    for (const s of later.alerts.risingSegments) expect(s.meanRisk - s.previousMeanRisk).toBeGreaterThanOrEqual(0.05);
  });

  it('has no alerts without a previous analysis', () => {
    expect(analysis.alerts).toEqual({ previousAsOf: null, newlyHighRisk: [], risingSegments: [] });
  });
});

describe('analyzeChurn escapes what it reports', () => {
  it('carries hostile ids into the analysis unchanged and renderReport escapes them', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const small = simulateShop({ customers: 300, seed: 9 });
    const events: EventInput[] = [];
    for (const e of small.log.events()) events.push({ ...e, customerId: `${evil}${e.customerId}` });
    const a = analyzeChurn(createEventLog(events), { asOf: Date.UTC(2024, 9, 1), horizonDays: 60, algorithm: 'logistic' });
    expect(a.customers.every((c) => c.customerId.startsWith(evil))).toBe(true);
    const html = await renderReport(a);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('analyzeChurn errors', () => {
  it('rejects bad options with the option named', () => {
    const e1 = caught(() => analyzeChurn(shop.log, { horizonDays: -1 }));
    expect(e1.code).toBe('INVALID_OPTION');
    expect(e1.message).toContain('horizonDays');
    const e2 = caught(() => analyzeChurn(shop.log, { bands: { high: 0.2, medium: 0.5 } }));
    expect(e2.code).toBe('INVALID_OPTION');
    expect(e2.message).toContain('bands');
    const e3 = caught(() => analyzeChurn(shop.log, { rule: { kind: 'inactivity', days: -3 } as never }));
    expect(e3.code).toBe('INVALID_RULE');
    const e4 = caught(() => analyzeChurn(shop.log, { onProgress: 'x' as never }));
    expect(e4.code).toBe('INVALID_OPTION');
    expect(e4.path).toEqual(['onProgress']);
     // Named by analyzeChurn itself, before any work (was trainChurnModel's message, after the backtest).
    const e5 = caught(() => analyzeChurn(shop.log, { algorithm: 'xgboost' as never }));
    expect([e5.code, e5.path, e5.message.startsWith('analyzeChurn: ')]).toEqual(['INVALID_OPTION', ['algorithm'], true]);
    const e6 = caught(() => analyzeChurn(shop.log, { previous: 'x' as never }));
    expect(e6.message).toContain('option "previous" is not a version-1 churn analysis: it must be');
  });

  it('refuses a rule whose roles no event type of the log plays (everyone would be churned), pointing to the vocabulary', () => {
    // A purchases-only export read with the constant type "sale": the default rule's roles
    // (purchase, activity) select nothing. With the vocabulary option the same log works.
    const sales = createEventLog(
      Array.from({ length: 400 }, (_, k) => ({ customerId: `c${k % 80}`, time: Date.UTC(2023, 0, 1) + k * 2 * DAY, type: 'sale', value: 10 })),
    );
    const e = caught(() => analyzeChurn(sales, { asOf: Date.UTC(2025, 0, 1) }));
    expect([e.code, e.path]).toEqual(['INVALID_RULE', ['rule', 'roles']]);
    expect(e.message).toContain("vocabulary: { purchase: ['sale'] }");
  });

  it('rejects customer values that are not finite numbers, or an array (no ids), naming the customer', () => {
    const id = shop.log.customerIds[3]!;
    const e1 = caught(() => analyzeChurn(shop.log, { value: { [id]: Number.NaN } }));
    expect(e1.code).toBe('INVALID_OPTION');
    expect(e1.path).toEqual(['value', id]);
    const e2 = caught(() => analyzeChurn(shop.log, { value: new Map([[id, '12' as never]]) }));
    expect(e2.path).toEqual(['value', id]);
    const e3 = caught(() => analyzeChurn(shop.log, { value: [1, 2, 3] as never }));
    expect(e3.code).toBe('INVALID_OPTION');
    expect(e3.message).toContain('by customer id');
  });

  it('rejects a previous analysis that is not earlier than this one (alerts would compare backwards)', () => {
    const same = caught(() => analyzeChurn(shop.log, { asOf, previous: analysis }));
    expect(same.code).toBe('INVALID_OPTION');
    expect(same.path).toEqual(['previous', 'settings', 'asOf']);
    expect(caught(() => analyzeChurn(shop.log, { asOf: asOf - 30 * DAY, previous: analysis })).code).toBe('INVALID_OPTION');
  });

  it('rejects a previous analysis it cannot read instead of ignoring it', () => {
    const e = caught(() => analyzeChurn(shop.log, { previous: { format: 'churnkit.analysis', version: 2 } as never }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.path).toEqual(['previous', 'version']);
  });

  it('says when the data is too short for two snapshots', () => {
    const tiny = createEventLog([
      { customerId: 'a', time: '2024-01-01', type: 'order', value: 5 },
      { customerId: 'a', time: '2024-02-01', type: 'order', value: 5 },
    ]);
    const e = caught(() => analyzeChurn(tiny));
    expect(e.code).toBe('EMPTY_INPUT');
    expect(e.message).toContain('too short');
  });
});

// Type-level check: the analysis type is what the function returns.
const _typed: ChurnAnalysis = analysis;
void _typed;
