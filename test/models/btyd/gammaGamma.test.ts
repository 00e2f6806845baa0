import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fitBgNbd } from '../../../src/models/btyd/fitBgNbd.js';
import { fitGammaGamma } from '../../../src/models/btyd/fitGammaGamma.js';
import { loadGammaGamma } from '../../../src/models/btyd/loadGammaGamma.js';
import { describeWithData } from '../../helpers/sharedData.js';
import { readNumericCsv } from './cdnowFixtures.js';
import { caught as thrown } from '../../helpers/errors.js';

// Printed by bench/reference/spend_retention.py (scipy 1.17.1; independent implementation).
const ref = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../../bench/reference/spend_retention.json'), 'utf8')) as {
  gammaGamma: { p: number; q: number; gamma: number; logLikelihood: number; correlation: number; expectedAverageValue_first10: number[]; 'clv_first10_12months_4.345weeks_d0.01': number[] };
};


describe('fitGammaGamma on small inputs', () => {
  it('leaves out and counts x = 0 customers; rejects bad rows with codes', () => {
    const input = Object.freeze({ x: Object.freeze([0, 1, 2, 3, 5, 1, 4]), monetary: Object.freeze([0, 10, 12, 30, 18, 25, 14]) });
    const gg = fitGammaGamma(input);
    expect(gg.customers).toBe(6);
    expect(gg.excluded).toBe(1);
    expect(thrown(() => fitGammaGamma({ x: [0, 0], monetary: [0, 0] })).code).toBe('EMPTY_INPUT');
    const e = thrown(() => fitGammaGamma({ x: [1, 2], monetary: [10, 0] }));
    expect([e.code, e.row, e.field]).toEqual(['INVALID_INPUT', 1, 'monetary']);
    expect(thrown(() => fitGammaGamma({ x: [1, 2], monetary: [10] })).code).toBe('LENGTH_MISMATCH');
    // zero-value repeat purchases (CDNOW master has some) can be skipped and are counted
    const skip = fitGammaGamma({ x: [...input.x, 3], monetary: [...input.monetary, 0] }, { onNonPositive: 'skip' });
    expect([skip.customers, skip.excluded, skip.skipped]).toEqual([6, 1, 1]);
    expect(skip.params).toEqual(gg.params);
    expect(gg.skipped).toBe(0);
  });
  it('warns when frequency and spend are correlated, not when they are not', () => {
    // spend rises with frequency: ρ ≈ 0.97
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4];
    const monetary = x.map((v, i) => 10 + 5 * v + (i % 3));
    const gg = fitGammaGamma({ x, monetary });
    expect(gg.correlation).toBeGreaterThan(0.9);
    expect(gg.warnings.length).toBe(1);
    expect(gg.warnings[0]).toMatch(/correlated \(Pearson ρ = 0\.9/);
    const quiet = fitGammaGamma({ x, monetary }, { correlationThreshold: 1 });
    expect(quiet.warnings).toEqual([]);
  });
});

describeWithData('fitGammaGamma reproduces Fader & Hardie on CDNOW', ['cdnow', 'cdnow_customers_summary_with_transactions.csv'], () => {
  const csv = readNumericCsv('cdnow', 'cdnow_customers_summary_with_transactions.csv');
  const summary = { x: csv.x!, tx: csv.t_x!, T: csv.T!, monetary: csv.zbar! };
  const gg = fitGammaGamma(summary);

  it('p 6.25, q 3.74, γ 15.44 (within 0.01), LL −4055.92 (±0.005) on the 946 repeat customers; ρ = 0.1139, no warning', () => {
    expect(gg.customers).toBe(946);
    expect(gg.excluded).toBe(2357 - 946);
    expect(Math.abs(gg.params.p - 6.25)).toBeLessThan(0.01);
    expect(Math.abs(gg.params.q - 3.74)).toBeLessThan(0.01);
    expect(Math.abs(gg.params.gamma - 15.44)).toBeLessThan(0.01);
    expect(Math.abs(gg.logLikelihood - -4055.92)).toBeLessThan(0.005);
    expect(Math.abs(gg.params.p / ref.gammaGamma.p - 1)).toBeLessThan(1e-5);
    expect(Math.abs(gg.correlation - ref.gammaGamma.correlation)).toBeLessThan(1e-12);
    expect(gg.warnings).toEqual([]);
    expect(gg.standardErrors).not.toBeNull();
  });
  it('expected average value matches the scipy reference (1e-5 relative) and shrinks towards pγ/(q−1)', () => {
    const ev = gg.expectedAverageValue(summary.x.subarray(0, 10), summary.monetary.subarray(0, 10));
    ref.gammaGamma.expectedAverageValue_first10.forEach((v, i) => expect(Math.abs(ev[i]! / v - 1)).toBeLessThan(1e-5));
    const popMean = (gg.params.p * gg.params.gamma) / (gg.params.q - 1);
    expect(gg.expectedAverageValue(0, 0)).toBeCloseTo(popMean, 12);
    // a customer spending less than the population mean is pulled up, but stays below it
    const own = gg.expectedAverageValue(2, 22.35);
    expect(own).toBeGreaterThan(22.35);
    expect(own).toBeLessThan(popMean);
  });
  it('toJSON / loadGammaGamma round trip keeps every field and number; bad payloads give INVALID_MODEL', () => {
    const again = loadGammaGamma(JSON.parse(JSON.stringify(gg.toJSON())));
    expect(again.toJSON()).toEqual(gg.toJSON());
    expect(again.expectedAverageValue(3, 40)).toBe(gg.expectedAverageValue(3, 40));
    expect([again.customers, again.excluded, again.skipped, again.correlation]).toEqual([946, 1411, 0, gg.correlation]);
    expect(thrown(() => loadGammaGamma({ ...gg.toJSON(), version: 3 })).path).toEqual(['version']);
    expect(thrown(() => loadGammaGamma({ ...gg.toJSON(), params: { p: 1, q: -1, gamma: 1 } })).path).toEqual(['params', 'q']);
    expect(thrown(() => loadGammaGamma({ ...gg.toJSON(), warnings: [1] })).code).toBe('INVALID_MODEL');
  });
  it('CLV with lifetimes\' convention (12 steps of 4.345 weeks, 1% per step) matches the scipy reference (1e-5 relative)', () => {
    const bg = fitBgNbd(summary, { standardErrors: false });
    const first = { x: summary.x.subarray(0, 10), tx: summary.tx.subarray(0, 10), T: summary.T.subarray(0, 10), monetary: summary.monetary.subarray(0, 10) };
    const clv = gg.customerLifetimeValue(bg, first, { horizon: 12 * 4.345, step: 4.345, discountRate: 0.01 });
    ref.gammaGamma['clv_first10_12months_4.345weeks_d0.01'].forEach((v, i) => expect(Math.abs(clv[i]! / v - 1)).toBeLessThan(1e-5));
    // undiscounted CLV = E(M) × E[Y(horizon)] exactly
    const flat = gg.customerLifetimeValue(bg, first, { horizon: 52 });
    expect(flat[0]).toBeCloseTo(gg.expectedAverageValue(2, first.monetary[0]!) * bg.conditionalExpectedPurchases(52, 2, first.tx[0]!, first.T[0]!), 9);
    expect(thrown(() => gg.customerLifetimeValue(bg, first, { horizon: 0 })).code).toBe('INVALID_OPTION');
    expect(thrown(() => gg.customerLifetimeValue(bg, { ...first, monetary: [1] }, { horizon: 4 })).code).toBe('LENGTH_MISMATCH');
  });
});
