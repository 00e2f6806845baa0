import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEventLog } from '../../src/data/createEventLog.js';
import { simulateShop } from '../../src/data/simulateShop.js';
import type { CampaignOutcome } from '../../src/lift/CampaignOutcome.js';
import { evaluateCampaign } from '../../src/lift/index.js';
import { measureWinBack } from '../../src/lift/measureWinBack.js';
import { simulateCampaign, type SimulatedStrategy } from '../../src/lift/simulateCampaign.js';
import { sampleVariance, studentTQuantile, welchInterval } from '../../src/lift/_welchInterval.js';

// Expected numbers come from bench/reference/revenue_interval.json, written by
// `/usr/bin/python3 bench/reference/revenue_interval.py` (statsmodels 0.13.5 CompareMeans
// .tconfint_diff(usevar='unequal'), scipy 1.10.1, mpmath 1.2.1; versions recorded in the file and
// asserted below). The fixture revenues are read from the same file.
// Tolerances: 1e-9 relative (1e-9 absolute near 0) for the intervals, incremental revenue and ROI
// computed with the exact (mpmath) Student-t quantile; 1e-7 relative against statsmodels' own
// bounds, whose quantile (scipy 1.10's t.ppf = cdflib stdtrit) is good to only ~1e-9 relative;
// standard error and degrees of freedom to 1e-12 relative; the quantile itself to 1e-11 relative
// (1e-15 absolute for quantiles within 1e-6 of 0, where 1 − p carries the rounding of p).

interface Fixture {
  name: string;
  alpha: number;
  costPerTreated: number;
  treatment: number[];
  control: number[];
  difference: number;
  standardError: number;
  df: number;
  tQuantile: number;
  lower: number;
  upper: number;
  statsmodels: { lower: number; upper: number; tQuantile: number };
  cost: number;
  incrementalRevenue: number;
  incrementalRevenueLower: number;
  incrementalRevenueUpper: number;
  roi: number;
  roiLower: number;
  roiUpper: number;
}
interface Reference {
  versions: Record<string, string>;
  fixtures: Fixture[];
  tQuantile: { p: number; df: number; q: number; scipy: number }[];
}
const ref = JSON.parse(readFileSync(new URL('../../bench/reference/revenue_interval.json', import.meta.url), 'utf8')) as Reference;

function close(actual: number | null | undefined, expected: number, rel = 1e-9, abs = 1e-9): void {
  expect(actual).not.toBeNull();
  expect(actual).not.toBeUndefined();
  const err = Math.abs(actual! - expected);
  if (!(err <= rel * Math.abs(expected) || err <= abs)) expect.fail(`${actual} is not ${expected} (error ${err})`);
}

/** One outcome per revenue: treated customers cost `costPerTreated`; retained = revenue > 0 (irrelevant to the money). */
function outcomesOf(treatment: readonly number[], control: readonly number[], costPerTreated?: number, strategy?: string): CampaignOutcome[] {
  const out: CampaignOutcome[] = [];
  treatment.forEach((revenue, i) => {
    const o: CampaignOutcome = { customerId: `t${strategy ?? ''}${i}`, group: 'treatment', retained: revenue > 0, revenue };
    if (costPerTreated !== undefined) o.cost = costPerTreated;
    if (strategy !== undefined) o.strategy = strategy;
    out.push(o);
  });
  control.forEach((revenue, i) => {
    const o: CampaignOutcome = { customerId: `c${strategy ?? ''}${i}`, group: 'control', retained: revenue > 0, revenue };
    if (strategy !== undefined) o.strategy = strategy;
    out.push(o);
  });
  return out;
}

describe('revenue interval: reference file', () => {
  it('was written by the recorded versions', () => {
    expect(ref.versions.statsmodels).toMatch(/^0\.13\.5/);
    expect(ref.versions.scipy).toBe('1.10.1');
    expect(ref.versions.mpmath).toBe('1.2.1');
    expect(ref.fixtures).toHaveLength(4);
  });
});

describe('studentTQuantile (internal) against a 40-digit mpmath root', () => {
  it('matches on a grid of p and non-integer df (1 to 1e7)', () => {
    expect(ref.tQuantile.length).toBeGreaterThan(100);
    for (const r of ref.tQuantile) {
      const q = studentTQuantile(r.p, r.df);
      const err = Math.abs(q - r.q);
      if (!(err <= 1e-11 * Math.abs(r.q) || (Math.abs(r.q) < 1e-6 && err <= 1e-15))) {
        expect.fail(`t quantile p=${r.p} df=${r.df}: ${q} is not ${r.q} (error ${err})`);
      }
    }
  });
  it('closed forms: Cauchy (df 1) tan(π(p − ½)), df 2 (2p − 1)/√(2p(1 − p)); symmetry; bad arguments give NaN', () => {
    for (const p of [0.6, 0.9, 0.975, 0.999]) {
      close(studentTQuantile(p, 1), Math.tan(Math.PI * (p - 0.5)), 1e-12);
      close(studentTQuantile(p, 2), (2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 1e-12);
      expect(studentTQuantile(1 - p, 7.5)).toBeCloseTo(-studentTQuantile(p, 7.5), 12);
    }
    expect(studentTQuantile(0.5, 3)).toBe(0);
    for (const [p, df] of [[0, 3], [1, 3], [NaN, 3], [0.9, 0], [0.9, -1], [0.9, NaN]] as const) {
      expect(studentTQuantile(p, df)).toBeNaN();
    }
  });
});

describe('welchInterval (internal) against statsmodels CompareMeans', () => {
  for (const f of ref.fixtures) {
    it(f.name, () => {
      const mt = f.treatment.reduce((a, b) => a + b, 0) / f.treatment.length;
      const mc = f.control.reduce((a, b) => a + b, 0) / f.control.length;
      const w = welchInterval(
        mt - mc,
        sampleVariance(Float64Array.from(f.treatment), f.treatment.length, mt), f.treatment.length,
        sampleVariance(Float64Array.from(f.control), f.control.length, mc), f.control.length,
        f.alpha,
      )!;
      close(w.difference, f.difference, 1e-12);
      close(w.standardError, f.standardError, 1e-12);
      close(w.df, f.df, 1e-12);
      close(w.lower, f.lower);
      close(w.upper, f.upper);
      close(w.lower, f.statsmodels.lower, 1e-7);
      close(w.upper, f.statsmodels.upper, 1e-7);
    });
  }
  it('null below 2 values in an arm; the point when both variances are 0', () => {
    expect(welchInterval(1, NaN, 1, 2, 5, 0.05)).toBeNull();
    expect(welchInterval(1, 2, 5, NaN, 1, 0.05)).toBeNull();
    expect(welchInterval(3, 0, 4, 0, 6, 0.05)).toEqual({ difference: 3, standardError: 0, df: NaN, lower: 3, upper: 3 });
  });
  it('huge revenues do not overflow the degrees of freedom', () => {
    // ν depends only on the ratio of the two variances: scaling both by 1e300 keeps it
    const small = welchInterval(0, 4, 10, 9, 20, 0.05)!;
    const huge = welchInterval(0, 4e300, 10, 9e300, 20, 0.05)!;
    close(huge.df, small.df, 1e-14);
    close(huge.upper / 1e150, small.upper, 1e-14);
  });
});

describe('evaluateCampaign: incremental revenue and ROI intervals match the reference', () => {
  for (const f of ref.fixtures) {
    it(f.name, () => {
      const r = evaluateCampaign(outcomesOf(f.treatment, f.control, f.costPerTreated), { alpha: f.alpha });
      const o = r.overall;
      close(o.cost, f.cost, 1e-12);
      close(o.incrementalRevenue, f.incrementalRevenue);
      close(o.incrementalRevenueLower, f.incrementalRevenueLower);
      close(o.incrementalRevenueUpper, f.incrementalRevenueUpper);
      close(o.roi, f.roi);
      close(o.roiLower, f.roiLower);
      close(o.roiUpper, f.roiUpper);
      // statsmodels' own bounds × treatment size, to its quantile's precision
      close(o.incrementalRevenueLower, f.statsmodels.lower * f.treatment.length, 1e-7);
      close(o.incrementalRevenueUpper, f.statsmodels.upper * f.treatment.length, 1e-7);
      // the point estimate sits inside its interval
      expect(o.incrementalRevenueLower!).toBeLessThanOrEqual(o.incrementalRevenue!);
      expect(o.incrementalRevenue!).toBeLessThanOrEqual(o.incrementalRevenueUpper!);
    });
  }
  it('gives the same interval per strategy and per segment as for the group alone', () => {
    const [a, b] = ref.fixtures as [Fixture, Fixture];
    const rows = [...outcomesOf(a.treatment, a.control, a.costPerTreated, 'A'), ...outcomesOf(b.treatment, b.control, b.costPerTreated, 'B')];
    const r = evaluateCampaign(rows); // alpha 0.05: fixture A is at 0.05
    const sa = r.byStrategy.find((s) => s.key === 'A')!;
    close(sa.incrementalRevenueLower, a.incrementalRevenueLower);
    close(sa.incrementalRevenueUpper, a.incrementalRevenueUpper);
    close(sa.roiLower, a.roiLower);
    close(sa.roiUpper, a.roiUpper);
    // strategy B at 95% is wider than its 90% reference interval
    const sb = r.byStrategy.find((s) => s.key === 'B')!;
    expect(sb.incrementalRevenueLower!).toBeLessThan(b.incrementalRevenueLower);
    expect(sb.incrementalRevenueUpper!).toBeGreaterThan(b.incrementalRevenueUpper);
  });
});

describe('evaluateCampaign: revenue interval edge cases', () => {
  it('no revenue recorded: every money interval is null', () => {
    const r = evaluateCampaign(outcomesOf([1, 2, 3], [4, 5]).map(({ revenue: _, ...o }) => ({ ...o, cost: 1 })));
    expect(r.overall.incrementalRevenue).toBeNull();
    expect([r.overall.incrementalRevenueLower, r.overall.incrementalRevenueUpper, r.overall.roi, r.overall.roiLower, r.overall.roiUpper])
      .toEqual([null, null, null, null, null]);
    expect(r.overall.warnings.some((w) => w.includes('revenue'))).toBe(false);
  });
  it('absent revenue counts as 0 in the interval as in the point estimate', () => {
    const f = ref.fixtures[0]!;
    const full = evaluateCampaign(outcomesOf(f.treatment, f.control, f.costPerTreated), { alpha: f.alpha });
    // drop the field where the revenue is 0: same numbers
    const sparse = outcomesOf(f.treatment, f.control, f.costPerTreated).map((o): CampaignOutcome => {
      if (o.revenue !== 0) return o;
      const { revenue: _, ...rest } = o;
      return rest;
    });
    expect(sparse.filter((o) => o.revenue === undefined)).toHaveLength(7);
    const r = evaluateCampaign(sparse, { alpha: f.alpha });
    expect([r.overall.incrementalRevenueLower, r.overall.incrementalRevenueUpper, r.overall.roiLower, r.overall.roiUpper]).toEqual(
      [full.overall.incrementalRevenueLower, full.overall.incrementalRevenueUpper, full.overall.roiLower, full.overall.roiUpper],
    );
    close(r.overall.incrementalRevenueLower, f.incrementalRevenueLower);
  });
  it('all revenue 0: incremental revenue 0 with a zero-width interval, ROI −1, and a warning', () => {
    const r = evaluateCampaign(outcomesOf([0, 0, 0, 0], [0, 0, 0], 2));
    const o = r.overall;
    expect([o.incrementalRevenue, o.incrementalRevenueLower, o.incrementalRevenueUpper]).toEqual([0, 0, 0]);
    expect([o.roi, o.roiLower, o.roiUpper]).toEqual([-1, -1, -1]); // (0 − 8) / 8
    expect(o.warnings).toContain('revenue is the same for every customer within each arm: the revenue and ROI intervals have width 0.');
    expect(r.warnings).toContain('overall: revenue is the same for every customer within each arm: the revenue and ROI intervals have width 0.');
  });
  it('both arms constant but different: the interval is the point (statsmodels gives NaN there)', () => {
    const o = evaluateCampaign(outcomesOf([10, 10, 10], [4, 4, 4, 4], 1)).overall;
    expect([o.incrementalRevenue, o.incrementalRevenueLower, o.incrementalRevenueUpper]).toEqual([18, 18, 18]); // (10 − 4) × 3
    expect([o.roi, o.roiLower, o.roiUpper]).toEqual([5, 5, 5]); // (18 − 3) / 3
  });
  it('one zero-variance arm uses the other arm\'s degrees of freedom (reference fixture 3: ν = 5)', () => {
    const f = ref.fixtures[2]!;
    expect(f.df).toBe(5);
    const o = evaluateCampaign(outcomesOf(f.treatment, f.control, f.costPerTreated)).overall;
    close(o.incrementalRevenueLower, f.incrementalRevenueLower);
    close(o.incrementalRevenueUpper, f.incrementalRevenueUpper);
  });
  it('an arm of one customer: no interval, the point estimates stay, and a warning says why', () => {
    for (const [t, c, which] of [[[30], [0, 5, 0, 12], 'treatment arm has 1'], [[30, 0, 12], [7], 'control arm has 1']] as const) {
      const r = evaluateCampaign(outcomesOf(t, c, 2));
      const o = r.overall;
      expect(o.incrementalRevenue).not.toBeNull();
      expect(o.roi).not.toBeNull();
      expect([o.incrementalRevenueLower, o.incrementalRevenueUpper, o.roiLower, o.roiUpper]).toEqual([null, null, null, null]);
      expect(o.warnings).toContain(`the ${which} customer: no interval for the incremental revenue or the ROI (a variance needs 2).`);
    }
  });
  it('refunds: negative revenue enters the mean and the variance (reference fixture 2)', () => {
    const f = ref.fixtures[1]!;
    expect(f.treatment.some((x) => x < 0) && f.control.some((x) => x < 0)).toBe(true);
    const o = evaluateCampaign(outcomesOf(f.treatment, f.control, f.costPerTreated), { alpha: f.alpha }).overall;
    close(o.incrementalRevenueLower, f.incrementalRevenueLower);
    close(o.roiUpper, f.roiUpper);
  });
  it('does not depend on row order and does not modify frozen input', () => {
    const f = ref.fixtures[3]!;
    const rows = outcomesOf(f.treatment, f.control, f.costPerTreated).map((o) => Object.freeze(o));
    const copy = JSON.parse(JSON.stringify(rows)) as unknown;
    const r = evaluateCampaign(Object.freeze(rows), { alpha: f.alpha });
    expect(rows).toEqual(copy);
    const shuffled = rows.map((_, i) => rows[(i * 17) % rows.length]!); // 17 coprime with 42
    expect(new Set(shuffled.map((o) => o.customerId)).size).toBe(rows.length);
    expect(evaluateCampaign(shuffled, { alpha: f.alpha })).toEqual(r);
    expect(evaluateCampaign([...rows].reverse(), { alpha: f.alpha })).toEqual(r);
  });
  it('no cost: the revenue interval is there, the ROI and its interval are null', () => {
    const f = ref.fixtures[0]!;
    const o = evaluateCampaign(outcomesOf(f.treatment, f.control)).overall;
    close(o.incrementalRevenueLower, f.incrementalRevenueLower);
    expect([o.roi, o.roiLower, o.roiUpper]).toEqual([null, null, null]);
  });
});

describe('evaluateCampaign: the verdict asks the ROI interval too', () => {
  /** n customers, the first `retained` retained with revenue `revenue`, everyone else 0. */
  function arm(group: 'treatment' | 'control', n: number, retained: number, revenue: number, cost?: number): CampaignOutcome[] {
    return Array.from({ length: n }, (_, i) => {
      const o: CampaignOutcome = { customerId: `${group}${i}`, group, retained: i < retained, revenue: i < retained ? revenue : 0, strategy: 's' };
      if (cost !== undefined) o.cost = cost;
      return o;
    });
  }
  it('a real lift with a positive point ROI whose interval reaches below 0 is inconclusive', () => {
    // 200/400 vs 120/400 retained, 30 per retained customer: incremental revenue (15 − 9) × 400 = 2400,
    // Welch 95% interval [1600.2, 3199.8] (ν ≈ 792, see test/lift/campaign.test.ts); cost 4.4 × 400 = 1760:
    // ROI 0.3636 but its interval [−0.0908, 0.8181] reaches below 0.
    const s = evaluateCampaign([...arm('treatment', 400, 200, 30, 4.4), ...arm('control', 400, 120, 30)]).byStrategy[0]!;
    expect(s.lower).toBeGreaterThan(0);
    close(s.roi, 2400 / 1760 - 1, 1e-12);
    close(s.roiLower, (s.incrementalRevenueLower! - 1760) / 1760, 1e-12);
    expect(s.roiLower!).toBeLessThan(0);
    expect(s.roiUpper!).toBeGreaterThan(0);
    expect(s.verdict).toBe('inconclusive');
    expect(s.verdictReason).toBe(
      `the lift is positive (95% interval [${r4(s.lower)}, ${r4(s.upper)}]) and the ROI is 0.3636, but its 95% interval, ` +
      `[${r4(s.roiLower!)}, ${r4(s.roiUpper!)}], reaches 0 or below: more customers are needed to tell whether it pays.`,
    );
    expect(r4(s.roiLower!)).toBe(-0.0908);
    expect(r4(s.roiUpper!)).toBe(0.8181);
  });
  it('the same campaign at cost 1.5 (ROI interval above 0) is scale_up', () => {
    const s = evaluateCampaign([...arm('treatment', 400, 200, 30, 1.5), ...arm('control', 400, 120, 30)]).byStrategy[0]!;
    expect(s.roiLower!).toBeGreaterThan(0); // (1600.2 − 600) / 600 ≈ 1.667
    expect(s.verdict).toBe('scale_up');
  });
  it('a real lift with a negative point ROI: "cheaper treatment" only when the whole ROI interval is at or below 0', () => {
    // cost 8 × 400 = 3200 > 2400: ROI −0.25, interval [(1600.2 − 3200)/3200, (3199.8 − 3200)/3200] = [−0.4999, −0.0001]
    const loses = evaluateCampaign([...arm('treatment', 400, 200, 30, 8), ...arm('control', 400, 120, 30)]).byStrategy[0]!;
    expect(loses.roiUpper!).toBeLessThan(0);
    expect(loses.verdict).toBe('inconclusive');
    expect(loses.verdictReason).toMatch(/but the ROI is -0\.25 ≤ 0: cheaper treatment needed before scaling up\.$/);
    // cost 6.5 × 400 = 2600: ROI −0.0769, interval [−0.3845, 0.2307] reaches above 0
    const unclear = evaluateCampaign([...arm('treatment', 400, 200, 30, 6.5), ...arm('control', 400, 120, 30)]).byStrategy[0]!;
    expect(unclear.roi!).toBeLessThan(0);
    expect(unclear.roiUpper!).toBeGreaterThan(0);
    expect(unclear.verdict).toBe('inconclusive');
    expect(unclear.verdictReason).toBe(
      `the lift is positive (95% interval [${r4(unclear.lower)}, ${r4(unclear.upper)}]) and the ROI is -0.0769 ≤ 0, but its 95% interval, ` +
      `[${r4(unclear.roiLower!)}, ${r4(unclear.roiUpper!)}], reaches above 0: more customers are needed to tell whether it pays.`,
    );
    expect([r4(unclear.roiLower!), r4(unclear.roiUpper!)]).toEqual([-0.3845, 0.2307]);
  });
  it('a real lift whose ROI has no interval (one control customer) is inconclusive and says why', () => {
    // 30 of 30 treated retained vs 0 of 1 control: Newcombe lower bound > 0; revenue 10 each, cost 1 each
    const s = evaluateCampaign([...arm('treatment', 30, 30, 10, 1), ...arm('control', 1, 0, 0)]).byStrategy[0]!;
    expect(s.lower).toBeGreaterThan(0);
    expect(s.roi).toBe(9); // (10 × 30 − 30) / 30
    expect(s.roiLower).toBeNull();
    expect(s.verdict).toBe('inconclusive');
    expect(s.verdictReason).toMatch(/and the ROI is 9, but it has no interval \(an arm has fewer than 2 customers\): more customers are needed to tell whether it pays\.$/);
  });
  it('unknown ROI (no cost) does not block scale_up', () => {
    const s = evaluateCampaign([...arm('treatment', 400, 200, 30), ...arm('control', 400, 120, 30)]).byStrategy[0]!;
    expect(s.roi).toBeNull();
    expect(s.incrementalRevenueLower).not.toBeNull();
    expect(s.verdict).toBe('scale_up');
  });
});

describe('measureWinBack: its evaluation carries the revenue interval', () => {
  it('Welch interval over the window revenues of the actions', () => {
    const log = createEventLog([
      { customerId: 'a', time: '2024-03-05', type: 'order', value: 30 },
      { customerId: 'a', time: '2024-03-09', type: 'order', value: 12.5 },
      { customerId: 'b', time: '2024-03-20', type: 'order', value: 8 },
      { customerId: 'c', time: '2024-01-02', type: 'order', value: 50 },
      { customerId: 'd', time: '2024-03-15', type: 'order', value: 20 },
      { customerId: 'e', time: '2024-02-01', type: 'order', value: 5 },
      { customerId: 'e', time: '2024-06-30', type: 'visit' },
    ]);
    const wb = measureWinBack(log, [
      { customerId: 'a', time: '2024-03-01', group: 'treatment', cost: 1 },
      { customerId: 'b', time: '2024-03-01', group: 'treatment', cost: 1 },
      { customerId: 'c', time: '2024-03-01', group: 'treatment', cost: 1 },
      { customerId: 'd', time: '2024-03-01', group: 'control' },
      { customerId: 'e', time: '2024-03-01', group: 'control' },
    ], { windowDays: 30 });
    expect(wb.rows.map((x) => x.revenue)).toEqual([42.5, 8, 0, 20, 0]);
    const o = wb.evaluation!.overall;
    // treatment [42.5, 8, 0], control [20, 0]: the same Welch interval as the helper's
    const w = welchInterval(50.5 / 3 - 10, sampleVariance(Float64Array.of(42.5, 8, 0), 3, 50.5 / 3), 3, sampleVariance(Float64Array.of(20, 0), 2, 10), 2, 0.05)!;
    close(o.incrementalRevenue, (50.5 / 3 - 10) * 3, 1e-12);
    close(o.incrementalRevenueLower, w.lower * 3, 1e-12);
    close(o.incrementalRevenueUpper, w.upper * 3, 1e-12);
    close(o.roiLower, (w.lower * 3 - 3) / 3, 1e-12);
  });
});

// Coverage on skewed, realistic revenue: simulateCampaign gives each customer the expected spend of
// their kept days (spend rates vary ~100-fold), and a strategy that saves nobody leaves revenue
// untouched, so its true incremental revenue is 0. 200 campaigns (seeds 1–200, the setting of
// test/lift/simulateCampaign.test.ts): measured (npx vitest run test/lift/revenueInterval.test.ts)
// the 95% Welch interval covers 0 in 191 of 200 runs (95.5%).
describe('simulateCampaign: the revenue interval of a zero-effect strategy covers 0', () => {
  it('in 90–99% of 200 runs', () => {
    const big = simulateShop({ customers: 10000, seed: 1 });
    const strategies: SimulatedStrategy[] = [
      { id: 'strong', cost: 0.5, successByCause: { price_sensitive: 0.7, bad_experience: 0.7, fading: 0.7, lured_away: 0.7 } },
      { id: 'zero', cost: 0.5, successByCause: {} },
    ];
    let covered = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const sim = simulateCampaign(big, { asOf: '2024-03-01', windowDays: 120, seed, holdout: 0.3, assign: 'random', strategies });
      const z = evaluateCampaign(sim.outcomes).byStrategy.find((x) => x.key === 'zero')!;
      if (z.incrementalRevenueLower! <= 0 && 0 <= z.incrementalRevenueUpper!) covered++;
    }
    // binomial SE at 95% and 200 runs: 1.5 points; same band as the lift's coverage test
    expect(covered).toBeGreaterThanOrEqual(180);
    expect(covered).toBeLessThanOrEqual(198);
  });
});

function r4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
