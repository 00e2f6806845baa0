import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { btydSummary } from '../../../src/features/btydSummary.js';
import { BgNbdModel } from '../../../src/models/btyd/BgNbdModel.js';
import { bgNbdLogLikelihood } from '../../../src/models/btyd/bgNbdLogLikelihood.js';
import { fitBgNbd } from '../../../src/models/btyd/fitBgNbd.js';
import { loadBgNbd } from '../../../src/models/btyd/loadBgNbd.js';
import { describeWithData } from '../../helpers/sharedData.js';
import { loadCdnowSample, readNumericCsv } from './cdnowFixtures.js';
import { caught as thrown } from '../../helpers/errors.js';

// Printed by bench/reference/bgnbd.py (scipy 1.17.1; independent implementation of FHL 2005 eq. 6–10).
const ref = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../../bench/reference/bgnbd.json'), 'utf8')) as {
  params: { r: number; alpha: number; a: number; b: number };
  logLikelihood: number;
  expected: Record<string, number>;
  'conditional_39_2_30.43_38.86': number;
  conditionalHeavy_39_x: Record<string, number>;
  pmfRounded: Record<string, number>;
  pmfMle: Record<string, number>;
};


const rounded = new BgNbdModel({
  params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  standardErrors: null,
  logLikelihood: NaN,
  customers: 0,
  penalty: 0,
  unit: 'week',
  diagnostics: { method: 'given', iterations: 0, evaluations: 0, gradientNorm: NaN, message: '' },
});

describe('BgNbdModel closed forms (parameters rounded to 3 dp as in FHL 2005)', () => {
  it('P(X(39) = 0) = 0.5737864 and P(X(2) = 10) = 1.07869e-7 (lifetimes tests, R BTYD; scipy reference)', () => {
    expect(Math.abs(rounded.probabilityOfPurchases(0, 39) - 0.5737864)).toBeLessThan(1e-7);
    expect(Math.abs(rounded.probabilityOfPurchases(10, 2) / 1.07869e-7 - 1)).toBeLessThan(1e-5);
    expect(Math.abs(rounded.probabilityOfPurchases(3, 39) - ref.pmfRounded['P(X(39)=3)']!)).toBeLessThan(1e-12);
  });
  it('the pmf sums to 1 and its mean is E[X(t)] (t = 39: 1e-9)', () => {
    let total = 0;
    let mean = 0;
    for (let n = 0; n < 400; n++) {
      const p = rounded.probabilityOfPurchases(n, 39);
      total += p;
      mean += n * p;
    }
    expect(Math.abs(total - 1)).toBeLessThan(1e-9);
    expect(Math.abs(mean - rounded.expectedPurchases(39))).toBeLessThan(1e-7);
  });
  it('P(alive) is 1 with no repeat purchase, falls with age, vectorises, and stays finite for heavy buyers', () => {
    expect(rounded.probabilityAlive(0, 0, 38.86)).toBe(1);
    const young = rounded.probabilityAlive(5, 10, 12);
    const old = rounded.probabilityAlive(5, 10, 60);
    expect(old).toBeLessThan(young);
    const v = rounded.probabilityAlive([0, 5, 5], [0, 10, 10], [38.86, 12, 60]);
    expect(Array.from(v)).toEqual([1, young, old]);
    // 1000 purchases in the first week then silence for a year: surely gone, but a number, not NaN
    const gone = rounded.probabilityAlive(1000, 1, 52);
    expect(gone).toBeGreaterThanOrEqual(0);
    expect(gone).toBeLessThan(1e-100);
    expect(rounded.conditionalExpectedPurchases(39, 1000, 1, 52)).toBeLessThan(1e-90);
    expect(rounded.conditionalExpectedPurchases(39, 1000, 52, 52)).toBeGreaterThan(300);
  });
  it('a = 1 (where the closed forms are 0/0) is continuous with its neighbours (1e-6 relative)', () => {
    const at = (a: number): BgNbdModel => new BgNbdModel({ ...rounded.toJSON(), params: { r: 0.243, alpha: 4.414, a, b: 2.426 } });
    const mid = at(1);
    const lo = at(1 - 1e-3);
    const hi = at(1 + 1e-3);
    const e = mid.expectedPurchases(39);
    expect(Number.isFinite(e)).toBe(true);
    expect(Math.abs(e / ((lo.expectedPurchases(39) + hi.expectedPurchases(39)) / 2) - 1)).toBeLessThan(1e-6);
    const c = mid.conditionalExpectedPurchases(39, 2, 30.43, 38.86);
    expect(Math.abs(c / ((lo.conditionalExpectedPurchases(39, 2, 30.43, 38.86) + hi.conditionalExpectedPurchases(39, 2, 30.43, 38.86)) / 2) - 1)).toBeLessThan(1e-6);
  });
  it('invalid arguments give NaN or LENGTH_MISMATCH, never a silent number', () => {
    expect(rounded.expectedPurchases(-1)).toBeNaN();
    expect(rounded.expectedPurchases(0)).toBe(0);
    expect(rounded.probabilityOfPurchases(1.5, 3)).toBeNaN();
    expect(rounded.probabilityOfPurchases(0, 0)).toBe(1);
    expect(thrown(() => rounded.probabilityAlive([1, 2], [0], [3, 4])).code).toBe('LENGTH_MISMATCH');
    expect(thrown(() => new BgNbdModel({ ...rounded.toJSON(), params: { r: -1, alpha: 1, a: 1, b: 1 } })).code).toBe('INVALID_MODEL');
  });
});

describe('fitBgNbd on small inputs', () => {
  const small = Object.freeze({
    x: Object.freeze([0, 1, 3, 0, 2, 5, 0, 1]),
    tx: Object.freeze([0, 4, 20, 0, 10, 30, 0, 2]),
    T: Object.freeze([30, 30, 32, 12, 25, 33, 8, 40]),
  });
  it('does not mutate its input and is invariant to row order', () => {
    const m = fitBgNbd(small);
    const order = [5, 2, 7, 0, 3, 6, 1, 4];
    const shuffled = { x: order.map((i) => small.x[i]!), tx: order.map((i) => small.tx[i]!), T: order.map((i) => small.T[i]!) };
    const m2 = fitBgNbd(shuffled);
    expect(Math.abs(m2.logLikelihood - m.logLikelihood)).toBeLessThan(1e-6);
    expect(bgNbdLogLikelihood(m.params, shuffled)).toBeCloseTo(m.logLikelihood, 9);
    expect(m.customers).toBe(8);
  });
  it('rejects empty, ragged and inconsistent summaries with codes and rows', () => {
    expect(thrown(() => fitBgNbd({ x: [], tx: [], T: [] })).code).toBe('EMPTY_INPUT');
    expect(thrown(() => fitBgNbd({ x: [1, 2], tx: [1], T: [3, 4] })).code).toBe('LENGTH_MISMATCH');
    const e = thrown(() => fitBgNbd({ x: [1, 2], tx: [1, 5], T: [3, 4] }));
    expect([e.code, e.row, e.field]).toEqual(['INVALID_INPUT', 1, 'tx']);
    expect(thrown(() => fitBgNbd({ x: [NaN], tx: [0], T: [3] })).code).toBe('INVALID_INPUT');
    expect(thrown(() => fitBgNbd(small, { penalty: -1 })).code).toBe('INVALID_OPTION');
  });
  it('raises NOT_CONVERGED when neither optimiser can finish', () => {
    const e = thrown(() => fitBgNbd(small, { maxIter: 2 }));
    expect(e.code).toBe('NOT_CONVERGED');
    expect(e.message).toMatch(/bfgs\+nelder-mead/);
  });
});

describeWithData('fitBgNbd reproduces Fader, Hardie & Lee (2005) on CDNOW', ['cdnow', 'cdnow_customers_summary.csv'], () => {
  const csv = readNumericCsv('cdnow', 'cdnow_customers_summary.csv');
  const summary = Object.freeze({ x: csv.frequency!, tx: csv.recency!, T: csv.T! });
  const model = fitBgNbd(summary);

  it('r 0.2426, α 4.4136, a 0.7929, b 2.4259 (each within 1e-3), LL −9582.43 (±0.005)', () => {
    const p = model.params;
    expect(Math.abs(p.r - 0.2426)).toBeLessThan(1e-3);
    expect(Math.abs(p.alpha - 4.4136)).toBeLessThan(1e-3);
    expect(Math.abs(p.a - 0.7929)).toBeLessThan(1e-3);
    expect(Math.abs(p.b - 2.4259)).toBeLessThan(1e-3);
    expect(Math.abs(model.logLikelihood - -9582.43)).toBeLessThan(0.005);
    // and the scipy re-fit to 1e-5 relative (both optimisers stop at gradient ~1e-8)
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(Math.abs(p[k] / ref.params[k] - 1)).toBeLessThan(1e-5);
    expect(model.diagnostics.method).toBe('bfgs');
    expect(model.unit).toBeNull();
  });
  it('standard errors within 1% of lifetimes (Quickstart: r 0.012557, α 0.378221, a 0.185719, b 0.705345)', () => {
    const se = model.standardErrors!;
    expect(Math.abs(se.r / 0.012557 - 1)).toBeLessThan(0.01);
    expect(Math.abs(se.alpha / 0.378221 - 1)).toBeLessThan(0.01);
    expect(Math.abs(se.a / 0.185719 - 1)).toBeLessThan(0.01);
    expect(Math.abs(se.b / 0.705345 - 1)).toBeLessThan(0.01);
  });
  it('E[X(t)] at 1, 3, 78 weeks: 0.0532, 0.1506 (±1e-4), 1.8576 (±5e-4; scipy gives 1.857972 at the MLE)', () => {
    expect(Math.abs(model.expectedPurchases(1) - 0.0532)).toBeLessThan(1e-4);
    expect(Math.abs(model.expectedPurchases(3) - 0.1506)).toBeLessThan(1e-4);
    expect(Math.abs(model.expectedPurchases(78) - 1.8576)).toBeLessThan(5e-4);
    for (const [t, v] of Object.entries(ref.expected)) expect(Math.abs(model.expectedPurchases(Number(t)) - v)).toBeLessThan(1e-7);
  });
  it('conditional expectation for x = 2, t_x = 30.43, T = 38.86 over 39 weeks is 1.226 (±5e-4); heavy buyers match scipy to 1e-7 relative', () => {
    expect(Math.abs(model.conditionalExpectedPurchases(39, 2, 30.43, 38.86) - 1.226)).toBeLessThan(5e-4);
    expect(Math.abs(model.conditionalExpectedPurchases(39, 2, 30.43, 38.86) - ref['conditional_39_2_30.43_38.86'])).toBeLessThan(1e-7);
    for (const [x, v] of Object.entries(ref.conditionalHeavy_39_x)) {
      expect(Math.abs(model.conditionalExpectedPurchases(39, Number(x), 38, 38.86) / v - 1)).toBeLessThan(1e-7);
    }
    const vec = model.conditionalExpectedPurchases(39, summary.x, summary.tx, summary.T);
    expect(vec.length).toBe(2357);
    expect(vec[0]).toBe(model.conditionalExpectedPurchases(39, 2, 30.43, 38.86));
  });
  it('P(X(39) = 0) at the MLE matches scipy (1e-7: the two fits differ in the 7th digit); the published 0.5738 is for 3-dp parameters (tested above) and is 5e-4 away', () => {
    const p0 = model.probabilityOfPurchases(0, 39);
    expect(Math.abs(p0 - ref.pmfMle['P(X(39)=0)']!)).toBeLessThan(1e-7);
    expect(Math.abs(p0 - 0.5738)).toBeLessThan(1e-3);
  });
  it('toJSON / loadBgNbd round trip gives identical numbers from every method', () => {
    const again = loadBgNbd(JSON.parse(JSON.stringify(model.toJSON())));
    expect(again.params).toEqual(model.params);
    expect(again.standardErrors).toEqual(model.standardErrors);
    expect(again.expectedPurchases(78)).toBe(model.expectedPurchases(78));
    expect(again.probabilityOfPurchases(3, 39)).toBe(model.probabilityOfPurchases(3, 39));
    expect(Array.from(again.probabilityAlive(summary.x, summary.tx, summary.T))).toEqual(Array.from(model.probabilityAlive(summary.x, summary.tx, summary.T)));
    expect(again.conditionalExpectedPurchases(39, 2, 30.43, 38.86)).toBe(model.conditionalExpectedPurchases(39, 2, 30.43, 38.86));
    expect(again.scoreLogLikelihood(summary)).toBe(model.scoreLogLikelihood(summary));
    expect(again.toJSON()).toEqual(model.toJSON());
  });
  it('loadBgNbd rejects wrong format, version and parameters with INVALID_MODEL and the path', () => {
    const j = model.toJSON();
    expect(thrown(() => loadBgNbd(null)).code).toBe('INVALID_MODEL');
    expect(thrown(() => loadBgNbd({ ...j, format: 'x' })).path).toEqual(['format']);
    expect(thrown(() => loadBgNbd({ ...j, version: 2 })).path).toEqual(['version']);
    const e = thrown(() => loadBgNbd({ ...j, params: { ...j.params, b: 0 } }));
    expect([e.code, e.path]).toEqual(['INVALID_MODEL', ['params', 'b']]);
    expect(e.message).toMatchInlineSnapshot(`"loadBgNbd: params.b must be a positive finite number; received 0."`);
  });
  it('falls back to the other optimiser when the first one stops short (Nelder–Mead capped at 30 iterations → BFGS)', () => {
    const m = fitBgNbd(summary, { method: 'nelder-mead', maxIter: 30, standardErrors: false });
    expect(m.diagnostics.method).toBe('nelder-mead+bfgs');
    expect(Math.abs(m.logLikelihood - model.logLikelihood)).toBeLessThan(1e-6);
  });
  it('is unit-free: the same data in days gives α × 7, the same r, a, b, and LL − Σx·ln 7', () => {
    const days = { x: summary.x, tx: summary.tx.map((v) => v * 7), T: summary.T.map((v) => v * 7) };
    const m = fitBgNbd(days, { standardErrors: false });
    expect(Math.abs(m.params.r / model.params.r - 1)).toBeLessThan(1e-5);
    expect(Math.abs(m.params.alpha / (7 * model.params.alpha) - 1)).toBeLessThan(1e-5);
    expect(Math.abs(m.params.a / model.params.a - 1)).toBeLessThan(1e-4);
    expect(Math.abs(m.params.b / model.params.b - 1)).toBeLessThan(1e-4);
    const sumX = summary.x.reduce((a, b) => a + b, 0);
    expect(Math.abs(m.logLikelihood - (model.logLikelihood - sumX * Math.log(7)))).toBeLessThan(1e-4);
  });
  it('Nelder–Mead first gives the same optimum; an L2 penalty shrinks the parameters and lowers the LL', () => {
    const nm = fitBgNbd(summary, { method: 'nelder-mead', standardErrors: false });
    expect(Math.abs(nm.logLikelihood - model.logLikelihood)).toBeLessThan(1e-6);
    expect(nm.standardErrors).toBeNull();
    const pen = fitBgNbd(summary, { penalty: 0.01 });
    const sq = (p: typeof model.params): number => p.r ** 2 + p.alpha ** 2 + p.a ** 2 + p.b ** 2;
    expect(sq(pen.params)).toBeLessThan(sq(model.params));
    expect(pen.logLikelihood).toBeLessThan(model.logLikelihood);
    expect(pen.penalty).toBe(0.01);
  });
});

describeWithData('fitBgNbd on churnkit\'s own CDNOW summary', ['cdnow', 'CDNOW_sample.txt'], () => {
  it('fitting btydSummary(CDNOW_sample) gives the paper\'s parameters (within 1e-3) and keeps the unit', () => {
    const s = btydSummary(loadCdnowSample(), { cutoff: '1997-10-01', unit: 'week' });
    const m = fitBgNbd(s);
    expect(Math.abs(m.params.r - 0.2426)).toBeLessThan(1e-3);
    expect(Math.abs(m.params.alpha - 4.4136)).toBeLessThan(1e-3);
    expect(Math.abs(m.params.a - 0.7929)).toBeLessThan(1e-3);
    expect(Math.abs(m.params.b - 2.4259)).toBeLessThan(1e-3);
    expect(Math.abs(m.logLikelihood - -9582.43)).toBeLessThan(0.05);
    expect(m.unit).toBe('week');
  });
});
