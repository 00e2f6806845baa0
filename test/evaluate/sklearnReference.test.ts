import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  brierScore, calibrationCurve, confusionAt, empc, ksStatistic, logLoss, prAuc, profitCurve, rocAuc,
} from '../../src/evaluate/index.js';
import { incompleteBeta } from '../../src/internal/incompleteBeta.js';

// Every expected number below comes from bench/reference/metrics.json, written by
// `/usr/bin/python3 bench/reference/metrics.py` (scikit-learn 1.2.1, numpy 1.24.2, scipy 1.10.1:
// the versions are recorded in the file and asserted below). Tolerance 1e-9 absolute unless
// stated; EMPC is compared with scipy quadrature over ALL cuts (not the hull) within 1e-9 relative
// (measured: 3.7e-15 relative at worst).

interface ConfusionRef { threshold: number; tp: number; fp: number; tn: number; fn: number; precision: number; recall: number; f1: number; accuracy: number; specificity: number }
interface CalibrationRef { bins: number; strategy: 'uniform' | 'quantile'; edges: number[]; fractionPositive: number[]; meanPredicted: number[]; counts: number[]; ece: number; mce: number }
interface EmpcRef { clv: number; incentive: number; contact: number; alpha: number; beta: number; empc: number; fraction: number; mpAtMean: number; fractionAtMean: number }
interface ProfitRef { clv: number[]; incentive: number; contact: number; acceptance: number; profit: number[]; bestProfit: number; bestCount: number; bestThreshold: number | null }
interface Fixture {
  y: number[]; p: number[]; n: number; positives: number;
  rocAuc: number; prAuc: number; logLoss: number; brierScore: number; ksStatistic: number;
  confusion: ConfusionRef[]; calibration: CalibrationRef[]; empc: EmpcRef[]; profit: ProfitRef[];
}
interface Reference {
  versions: Record<string, string>;
  fixtures: Record<string, Fixture>;
  betainc: { a: number; b: number; x: number; value: number }[];
}

const ref = JSON.parse(
  readFileSync(new URL('../../bench/reference/metrics.json', import.meta.url), 'utf8'),
) as Reference;
const TOL = 1e-9;

describe('reference file', () => {
  it('was produced by the scikit-learn version the docs cite', () => {
    expect(ref.versions.sklearn).toBe('1.2.1');
    expect(Object.keys(ref.fixtures)).toEqual(['hand', 'ties_small', 'ties_medium', 'continuous', 'imbalanced', 'extremes']);
  });
  it('fixtures contain ties (the point of the exercise)', () => {
    for (const name of ['hand', 'ties_small', 'ties_medium', 'imbalanced']) {
      const p = ref.fixtures[name]!.p;
      expect(new Set(p).size, name).toBeLessThan(p.length);
    }
  });
});

for (const [name, fx] of Object.entries(ref.fixtures)) {
  describe(`fixture ${name} (n=${fx.n}, churners=${fx.positives})`, () => {
    const y = Object.freeze(fx.y.slice());
    const p = Object.freeze(fx.p.slice());

    it('rocAuc = sklearn roc_auc_score', () => {
      expect(Math.abs(rocAuc(y, p) - fx.rocAuc)).toBeLessThan(TOL);
    });
    it('prAuc = sklearn average_precision_score', () => {
      expect(Math.abs(prAuc(y, p) - fx.prAuc)).toBeLessThan(TOL);
    });
    it('logLoss = sklearn log_loss (eps = float64 machine epsilon, renormalised)', () => {
      expect(Math.abs(logLoss(y, p) - fx.logLoss)).toBeLessThan(TOL);
    });
    it('brierScore = sklearn brier_score_loss', () => {
      expect(Math.abs(brierScore(y, p) - fx.brierScore)).toBeLessThan(TOL);
    });
    it('ksStatistic = scipy ks_2samp statistic', () => {
      const ks = ksStatistic(y, p);
      expect(Math.abs(ks.statistic - fx.ksStatistic)).toBeLessThan(TOL);
      // the reported cut reproduces the statistic
      const c = confusionAt(y, p, ks.threshold);
      expect(Math.abs(Math.abs(c.recall - (1 - c.specificity)) - fx.ksStatistic)).toBeLessThan(TOL);
    });
    it('confusionAt = sklearn precision/recall/f1/accuracy at thresholds 0, .3, .5, .7, 1', () => {
      for (const r of fx.confusion) {
        const c = confusionAt(y, p, r.threshold);
        expect([c.tp, c.fp, c.tn, c.fn]).toEqual([r.tp, r.fp, r.tn, r.fn]);
        for (const k of ['precision', 'recall', 'f1', 'accuracy', 'specificity'] as const) {
          expect(Math.abs(c[k] - r[k]), `${k} at ${r.threshold}`).toBeLessThan(TOL);
        }
      }
    });
    it('calibrationCurve = sklearn calibration_curve (5 and 10 bins, uniform and quantile)', () => {
      for (const r of fx.calibration) {
        const c = calibrationCurve(y, p, { bins: r.bins, strategy: r.strategy });
        const label = `${r.strategy}/${r.bins}`;
        expect(Array.from(c.edges), label).toEqual(r.edges); // bit-identical edges
        expect(Array.from(c.count), label).toEqual(r.counts);
        expect(c.fractionPositive.length, label).toBe(r.fractionPositive.length);
        for (let i = 0; i < r.fractionPositive.length; i++) {
          expect(Math.abs(c.fractionPositive[i]! - r.fractionPositive[i]!), label).toBeLessThan(TOL);
          expect(Math.abs(c.meanPredicted[i]! - r.meanPredicted[i]!), label).toBeLessThan(TOL);
        }
        expect(Math.abs(c.ece - r.ece), label).toBeLessThan(TOL);
        expect(Math.abs(c.mce - r.mce), label).toBeLessThan(TOL);
      }
    });
    it('profitCurve = numpy cumulative profit (flat and per-customer CLV)', () => {
      for (const r of fx.profit) {
        const clv = r.clv.every((v) => v === r.clv[0]) ? r.clv[0]! : r.clv;
        const c = profitCurve(y, p, { clv, incentive: r.incentive, contact: r.contact, acceptanceRate: r.acceptance });
        expect(c.profit.length).toBe(r.profit.length);
        for (let i = 0; i < r.profit.length; i++) expect(Math.abs(c.profit[i]! - r.profit[i]!)).toBeLessThan(TOL);
        expect(Math.abs(c.best.profit - r.bestProfit)).toBeLessThan(TOL);
        expect(c.best.count).toBe(r.bestCount);
        expect(c.best.threshold).toBe(r.bestThreshold ?? Infinity);
      }
    });
    it('empc = brute-force quadrature of the best profit over all cuts (1e-9 relative)', () => {
      for (const r of fx.empc) {
        const opts = { clv: r.clv, incentive: r.incentive, contact: r.contact, alpha: r.alpha, beta: r.beta };
        const e = empc(y, p, opts);
        expect(Math.abs(e.empc - r.empc)).toBeLessThan(1e-9 * Math.abs(r.empc));
        expect(Math.abs(e.fraction - r.fraction)).toBeLessThan(1e-9);
        // point mass at the Beta mean = the maximum profit at that acceptance rate (exact)
        const mp = empc(y, p, { ...opts, acceptanceRate: r.alpha / (r.alpha + r.beta) });
        expect(Math.abs(mp.empc - r.mpAtMean)).toBeLessThan(TOL);
        expect(Math.abs(mp.fraction - r.fractionAtMean)).toBeLessThan(TOL);
      }
    });
  });
}

describe('incompleteBeta', () => {
  it('matches scipy.special.betainc within 1e-12', () => {
    expect(ref.betainc.length).toBeGreaterThan(40);
    for (const r of ref.betainc) {
      expect(Math.abs(incompleteBeta(r.x, r.a, r.b) - r.value), `I_${r.x}(${r.a}, ${r.b})`).toBeLessThan(1e-12);
    }
  });
});
