import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fitShiftedBetaGeometric } from '../../../src/models/btyd/fitShiftedBetaGeometric.js';
import { loadShiftedBetaGeometric } from '../../../src/models/btyd/loadShiftedBetaGeometric.js';
import { errorCode as code } from '../../helpers/errors.js';

// Printed by bench/reference/spend_retention.py (scipy 1.17.1).
const ref = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../../bench/reference/spend_retention.json'), 'utf8')) as {
  sbgRegular: { alpha: number; beta: number; logLikelihood: number };
  sbgHighEnd: { alpha: number; beta: number; logLikelihood: number };
  derlRegular: Record<string, number>;
};


// Fader & Hardie (2007), "How to project customer retention", Table 1 / Figure 1: % of the cohort active, years 0–7.
const REGULAR = Object.freeze([100, 63.1, 46.8, 38.2, 32.6, 28.9, 26.2, 24.1]);
const HIGH_END = Object.freeze([100, 86.9, 74.3, 65.3, 59.3, 55.1, 51.7, 49.1]);

describe('fitShiftedBetaGeometric', () => {
  const m = fitShiftedBetaGeometric(REGULAR);

  it('regular cohort: α ≈ 0.704, β ≈ 1.182 (FH 2007; within 5e-4), LL −1680.27 for a 1,000-customer cohort (scipy)', () => {
    expect(Math.abs(m.alpha - 0.704)).toBeLessThan(5e-4);
    expect(Math.abs(m.beta - 1.182)).toBeLessThan(5e-4);
    expect(Math.abs(m.alpha / ref.sbgRegular.alpha - 1)).toBeLessThan(1e-5);
    expect(Math.abs(m.beta / ref.sbgRegular.beta - 1)).toBeLessThan(1e-5);
    const counts = fitShiftedBetaGeometric(REGULAR.map((v) => v * 10));
    expect(Math.abs(counts.logLikelihood - ref.sbgRegular.logLikelihood)).toBeLessThan(1e-6);
    // percentages and counts give the same shape estimates
    expect(Math.abs(counts.alpha / m.alpha - 1)).toBeLessThan(1e-5);
    expect(m.periods).toBe(7);
    expect(m.cohortSize).toBe(100);
  });
  it('high-end cohort: α ≈ 0.668, β ≈ 3.806 (FH 2007; scipy re-fit 0.66809, 3.80610)', () => {
    const h = fitShiftedBetaGeometric(HIGH_END);
    expect(Math.abs(h.alpha - 0.668)).toBeLessThan(5e-4);
    expect(Math.abs(h.beta - 3.806)).toBeLessThan(5e-4);
  });
  it('survival, churn probabilities and retention rates are consistent; retention rises over time', () => {
    const s = m.projectSurvival(12);
    expect(s[0]).toBe(1);
    for (let t = 1; t <= 12; t++) {
      expect(s[t]!).toBeCloseTo(m.survival(t), 12);
      expect(m.survival(t - 1) - m.survival(t)).toBeCloseTo(m.churnProbability(t), 12);
      if (t > 1) expect(m.retentionRate(t)).toBeGreaterThan(m.retentionRate(t - 1));
    }
    // the fit tracks the 7 observed years within 1.5 points
    for (let t = 0; t <= 7; t++) expect(Math.abs(100 * s[t]! - REGULAR[t]!)).toBeLessThan(1.5);
    expect(m.churnProbability(0)).toBeNaN();
    expect(code(() => m.projectSurvival(-1))).toBe('INVALID_OPTION');
  });
  it('DERL (FH 2010, 2F1 form) equals the brute-force discounted sum of survival ratios (1e-7 relative)', () => {
    for (const [key, v] of Object.entries(ref.derlRegular)) {
      const [, n, d] = /n=(\d+),d=([\d.]+)/.exec(key)!;
      expect(Math.abs(m.discountedExpectedResidualLifetime(Number(d), Number(n)) / v - 1), key).toBeLessThan(1e-7);
    }
    // longer-tenured customers are worth more (they are the low-churn ones)
    expect(m.discountedExpectedResidualLifetime(0.1, 10)).toBeGreaterThan(m.discountedExpectedResidualLifetime(0.1, 0));
    expect(m.discountedExpectedResidualLifetime(0, 1)).toBeNaN();
  });
  it('toJSON / loadShiftedBetaGeometric round trip gives identical numbers; bad payloads give INVALID_MODEL', () => {
    const again = loadShiftedBetaGeometric(JSON.parse(JSON.stringify(m.toJSON())));
    expect(again.toJSON()).toEqual(m.toJSON());
    expect(Array.from(again.projectSurvival(12))).toEqual(Array.from(m.projectSurvival(12)));
    expect(again.discountedExpectedResidualLifetime(0.1, 4)).toBe(m.discountedExpectedResidualLifetime(0.1, 4));
    expect(code(() => loadShiftedBetaGeometric({ ...m.toJSON(), format: 'churnkit.bgnbd' }))).toBe('INVALID_MODEL');
    expect(code(() => loadShiftedBetaGeometric({ ...m.toJSON(), alpha: 0 }))).toBe('INVALID_MODEL');
  });
  it('rejects short, rising, negative or empty series', () => {
    expect(code(() => fitShiftedBetaGeometric([100]))).toBe('INVALID_INPUT');
    expect(code(() => fitShiftedBetaGeometric([]))).toBe('INVALID_INPUT');
    expect(code(() => fitShiftedBetaGeometric([100, 80, 85]))).toBe('INVALID_INPUT');
    expect(code(() => fitShiftedBetaGeometric([100, -1]))).toBe('INVALID_INPUT');
    expect(code(() => fitShiftedBetaGeometric([0, 0]))).toBe('INVALID_INPUT');
    // no churn at all, or everyone gone after period 1: the MLE does not exist
    expect(code(() => fitShiftedBetaGeometric([100, 100, 100]))).toBe('INVALID_INPUT');
    expect(code(() => fitShiftedBetaGeometric([100, 0, 0]))).toBe('INVALID_INPUT');
  });
});
