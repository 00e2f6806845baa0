import { describe, expect, it } from 'vitest';
import { ChurnkitError } from '../../../src/internal/errors.js';
import { BgNbdModel } from '../../../src/models/btyd/BgNbdModel.js';
import { btydSignals } from '../../../src/models/btyd/btydSignals.js';
import { GammaGammaModel } from '../../../src/models/btyd/GammaGammaModel.js';

const diag = { method: 'given', iterations: 0, evaluations: 0, gradientNorm: NaN, message: '' };
// FHL (2005) CDNOW parameters rounded to 3 dp; Gamma-Gamma p, q, γ of note 025.
const bg = new BgNbdModel({ params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, standardErrors: null, logLikelihood: NaN, customers: 0, penalty: 0, unit: 'week', diagnostics: diag });
const gg = new GammaGammaModel({ params: { p: 6.25, q: 3.74, gamma: 15.44 }, standardErrors: null, logLikelihood: NaN, customers: 0, excluded: 0, correlation: 0, warnings: [] });
const summary = { customerIds: ['a', 'b', 'c'], x: [0, 2, 10], tx: [0, 30.43, 5], T: [38.86, 38.86, 38.86], monetary: [0, 22.35, 40], cutoff: 123 };

describe('btydSignals', () => {
  it('P(alive), churn risk and expected purchases per customer, as named feature columns', () => {
    const m = btydSignals(bg, summary, { horizon: 39 });
    expect(m.names).toEqual(['btyd_p_alive', 'btyd_churn_risk', 'btyd_expected_purchases']);
    expect(m.customerIds).toEqual(['a', 'b', 'c']);
    expect(m.cutoff).toBe(123);
    const alive = m.columns[0]!;
    expect(alive[0]).toBe(1);
    expect(alive[1]).toBe(bg.probabilityAlive(2, 30.43, 38.86));
    expect(m.columns[1]![2]).toBeCloseTo(1 - bg.probabilityAlive(10, 5, 38.86), 15);
    // 10 purchases in 5 weeks, then 34 silent weeks: high risk
    expect(m.columns[1]![2]!).toBeGreaterThan(0.9);
    expect(m.columns[2]![1]).toBe(bg.conditionalExpectedPurchases(39, 2, 30.43, 38.86));
    expect(m.meta[2]!.description).toMatch(/39 week/);
  });
  it('adds expected spend and value with a Gamma-Gamma model; needs monetary', () => {
    const m = btydSignals(bg, summary, { horizon: 52, spend: gg });
    expect(m.names.slice(3)).toEqual(['btyd_expected_spend', 'btyd_value']);
    expect(m.columns[3]![1]).toBeCloseTo(gg.expectedAverageValue(2, 22.35), 12);
    expect(m.columns[4]![1]).toBeCloseTo(gg.expectedAverageValue(2, 22.35) * bg.conditionalExpectedPurchases(52, 2, 30.43, 38.86), 9);
    const { monetary: _drop, ...noMoney } = summary;
    expect(() => btydSignals(bg, noMoney, { horizon: 52, spend: gg })).toThrowError(ChurnkitError);
    expect(() => btydSignals(bg, summary, { horizon: 0 })).toThrowError(/horizon/);
  });
});
