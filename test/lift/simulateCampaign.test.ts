import { describe, expect, it } from 'vitest';
import { simulateShop } from '../../src/data/simulateShop.js';
import { evaluateCampaign } from '../../src/lift/evaluateCampaign.js';
import { simulateCampaign, type SimulatedStrategy } from '../../src/lift/simulateCampaign.js';
import { caught, errorCode } from '../helpers/errors.js';

const DAY = 86_400_000;
const shop = simulateShop({ customers: 2000, seed: 5 });
const asOf = Date.UTC(2024, 2, 1);
const W = 120;
const end = asOf + W * DAY;
const half: SimulatedStrategy = { id: 'half', cost: 2, successByCause: { price_sensitive: 0.5, bad_experience: 0.5, fading: 0.5, lured_away: 0.5 } };
const all: SimulatedStrategy = { id: 'all', cost: 1, successByCause: { price_sensitive: 1, bad_experience: 1, fading: 1, lured_away: 1 } };
const none: SimulatedStrategy = { id: 'none', cost: 1, successByCause: {} };

/** Brute force from the shop's truth: first event before asOf, churn time not before asOf. */
function eligible(): number[] {
  const out: number[] = [];
  for (let c = 0; c < shop.log.customerCount; c++) {
    const first = shop.log.time[shop.log.row(shop.log.start(c))]!;
    const ct = shop.truth.churnTime[c]!;
    if (first < asOf && !(ct < asOf)) out.push(c);
  }
  return out;
}
const wouldChurn = (c: number): boolean => shop.truth.churnTime[c]! >= asOf && shop.truth.churnTime[c]! < end;

describe('simulateCampaign: the mechanics, checked against the shop truth', () => {
  const sim = simulateCampaign(shop, { asOf, windowDays: W, seed: 11, strategies: [half, all, none] });
  const members = eligible();
  const idx = new Map(shop.truth.customerIds.map((id, c) => [id, c]));

  it('default customers: active before asOf and not churned before it, in log order', () => {
    expect(sim.outcomes.map((o) => o.customerId)).toEqual(members.map((c) => shop.truth.customerIds[c]));
    expect(members.length).toBeGreaterThan(500);
    expect(sim.asOf).toBe(asOf);
    expect(sim.windowEnd).toBe(end);
  });

  it('round-robin strategies; controls keep their natural outcome, cost 0; the strategy "all" saves every treated would-be churner', () => {
    let k = 0;
    let allTreatedChurners = 0;
    for (const o of sim.outcomes) {
      const c = idx.get(o.customerId)!;
      expect(o.strategy).toBe(['half', 'all', 'none'][k % 3]);
      const natural = !wouldChurn(c);
      if (o.group === 'control') {
        expect(o.retained).toBe(natural);
        expect(o.cost).toBe(0);
      } else {
        expect(o.cost).toBe(o.strategy === 'half' ? 2 : 1);
        if (o.strategy === 'all') expect(o.retained).toBe(true);
        if (o.strategy === 'none') expect(o.retained).toBe(natural);
        if (o.strategy === 'all' && !natural) allTreatedChurners++;
        if (natural) expect(o.retained).toBe(true);
      }
      expect(o.segment).toBe(shop.truth.valueSegment[c]);
      expect(o.value).toBe(shop.truth.spendRate[c]);
      const kept = o.retained ? W : (shop.truth.churnTime[c]! - asOf) / DAY;
      expect(o.revenue).toBeCloseTo((shop.truth.spendRate[c]! * kept) / 30, 9);
      k++;
    }
    expect(allTreatedChurners).toBeGreaterThan(5); // not vacuous
  });

  it('truth = mean over each strategy’s customers (both arms) of wouldChurn × success', () => {
    const sums: Record<string, [number, number]> = { half: [0, 0], all: [0, 0], none: [0, 0] };
    let wc = 0;
    members.forEach((c, k) => {
      const s = ['half', 'all', 'none'][k % 3]!;
      const eff = wouldChurn(c) ? (s === 'half' ? 0.5 : s === 'all' ? 1 : 0) : 0;
      sums[s]![0] += eff;
      sums[s]![1]++;
      if (wouldChurn(c)) wc++;
    });
    expect(sim.truth.wouldChurn).toBe(wc);
    expect(sim.truth.byStrategy.half).toBeCloseTo(sums.half![0] / sums.half![1], 12);
    expect(sim.truth.byStrategy.all).toBeCloseTo(sums.all![0] / sums.all![1], 12);
    expect(sim.truth.byStrategy.none).toBe(0);
    expect(sim.truth.overall).toBeCloseTo((sums.half![0] + sums.all![0]) / members.length, 12);
    const savedCount = sim.outcomes.filter((o) => o.group === 'treatment' && o.retained && wouldChurn(idx.get(o.customerId)!)).length;
    expect(sim.truth.saved).toBe(savedCount);
  });

  it('the holdout share and the save rate match their probabilities (binomial, 3 SE)', () => {
    const n = sim.outcomes.length;
    const controls = sim.outcomes.filter((o) => o.group === 'control').length;
    expect(Math.abs(controls / n - 0.2)).toBeLessThan(3 * Math.sqrt((0.2 * 0.8) / n));
    const halfChurners = sim.outcomes.filter((o) => o.group === 'treatment' && o.strategy === 'half' && wouldChurn(idx.get(o.customerId)!));
    const m = halfChurners.length;
    expect(m).toBeGreaterThan(20);
    const rate = halfChurners.filter((o) => o.retained).length / m;
    expect(Math.abs(rate - 0.5)).toBeLessThan(3 * Math.sqrt(0.25 / m));
  });

  it('deterministic: the same seed gives the same outcomes, another seed others', () => {
    const again = simulateCampaign(shop, { asOf, windowDays: W, seed: 11, strategies: [half, all, none] });
    expect(again).toEqual(sim);
    const other = simulateCampaign(shop, { asOf, windowDays: W, seed: 12, strategies: [half, all, none] });
    expect(other.outcomes.map((o) => o.group)).not.toEqual(sim.outcomes.map((o) => o.group));
  });

  it('random assignment uses every strategy about equally; a record assigns exactly', () => {
    const r = simulateCampaign(shop, { asOf, windowDays: W, seed: 3, strategies: [half, all], assign: 'random' });
    const n = r.outcomes.length;
    const nHalf = r.outcomes.filter((o) => o.strategy === 'half').length;
    expect(Math.abs(nHalf / n - 0.5)).toBeLessThan(3 * Math.sqrt(0.25 / n));
    const ids = ['C00002', 'C00010', 'C00100'];
    const rec = { C00002: 'all', C00010: 'half', C00100: 'all' };
    const f = simulateCampaign(shop, { asOf, seed: 1, customers: ids, strategies: [half, all], assign: rec });
    expect(f.outcomes.map((o) => [o.customerId, o.strategy])).toEqual([['C00002', 'all'], ['C00010', 'half'], ['C00100', 'all']]);
    // a Map assigns as the same record does
    const fromMap = simulateCampaign(shop, { asOf, seed: 1, customers: ids, strategies: [half, all], assign: new Map(Object.entries(rec)) });
    expect(fromMap.outcomes).toEqual(f.outcomes);
    expect(caught(() => simulateCampaign(shop, { asOf, seed: 1, customers: ids, strategies: [half, all], assign: { C00002: 'all' } })).path).toEqual(['assign', 'C00010']);
    expect(caught(() => simulateCampaign(shop, { asOf, seed: 1, customers: ids, strategies: [half, all], assign: [] as never })).code).toBe('INVALID_OPTION');
    expect(errorCode(() => simulateCampaign(shop, { asOf, seed: 1, customers: ids, strategies: [half], assign: { ...rec, C00010: 'nope' } }))).toBe('INVALID_OPTION');
  });

  it('explicit customers: kept in log order; one already gone before asOf is lost, unsaved, no revenue', () => {
    const gone = shop.truth.customerIds.find((_, c) => shop.truth.churnTime[c]! < asOf)!;
    const stay = shop.truth.customerIds[members[0]!]!;
    const r = simulateCampaign(shop, { asOf, seed: 2, customers: [stay, gone], strategies: [all] });
    const ordered = [stay, gone].sort();
    expect(r.outcomes.map((o) => o.customerId)).toEqual(ordered);
    const g = r.outcomes.find((o) => o.customerId === gone)!;
    expect(g.retained).toBe(false);
    expect(g.revenue).toBe(0);
    expect(r.truth.wouldChurn).toBe(wouldChurn(idx.get(stay)!) ? 1 : 0);
  });
});

describe('simulateCampaign: argument checks', () => {
  const base = { asOf, seed: 1, strategies: [half] };
  it('bad options throw INVALID_OPTION with the path', () => {
    expect(caught(() => simulateCampaign(shop, { ...base, holdout: 0 })).path).toEqual(['holdout']);
    expect(caught(() => simulateCampaign(shop, { ...base, holdout: 1 })).path).toEqual(['holdout']);
    expect(caught(() => simulateCampaign(shop, { ...base, windowDays: -3 })).path).toEqual(['windowDays']);
    expect(caught(() => simulateCampaign(shop, { ...base, seed: 1.5 })).path).toEqual(['seed']);
    expect(caught(() => simulateCampaign(shop, { ...base, asOf: 'later' })).path).toEqual(['asOf']);
    expect(caught(() => simulateCampaign(shop, { ...base, strategies: [] })).path).toEqual(['strategies']);
    expect(caught(() => simulateCampaign(shop, { ...base, strategies: [half, half] })).path).toEqual(['strategies', 1, 'id']);
    expect(caught(() => simulateCampaign(shop, { ...base, strategies: [{ ...half, cost: -1 }] })).path).toEqual(['strategies', 0, 'cost']);
    const e = caught(() => simulateCampaign(shop, { ...base, strategies: [{ id: 'x', cost: 0, successByCause: { fading: 1.2 } }] }));
    expect(e.path).toEqual(['strategies', 0, 'successByCause', 'fading']);
    expect(e.message).toBe('simulateCampaign: option "strategies.0.successByCause.fading" must be a probability in [0, 1]; received 1.2.');
    expect(errorCode(() => simulateCampaign(shop, { ...base, strategies: [{ id: 'x', cost: 0, successByCause: { bored: 0.1 } as never }] }))).toBe('INVALID_OPTION');
    expect(errorCode(() => simulateCampaign(shop, { ...base, assign: 'alphabetical' as never }))).toBe('INVALID_OPTION');
  });
  it('customers: unknown, duplicate, empty; not a shop', () => {
    expect(caught(() => simulateCampaign(shop, { ...base, customers: ['C00001', 'X'] })).path).toEqual(['customers', 1]);
    expect(errorCode(() => simulateCampaign(shop, { ...base, customers: ['C00001', 'X'] }))).toBe('UNKNOWN_CUSTOMER');
    expect(errorCode(() => simulateCampaign(shop, { ...base, customers: ['C00001', 'C00001'] }))).toBe('DUPLICATE_CUSTOMER');
    expect(errorCode(() => simulateCampaign(shop, { ...base, customers: [] }))).toBe('EMPTY_INPUT');
    expect(errorCode(() => simulateCampaign(shop, { ...base, asOf: '2000-01-01' }))).toBe('EMPTY_INPUT');
    expect(errorCode(() => simulateCampaign({} as never, base))).toBe('INVALID_INPUT');
  });
});

// The coverage study the brief asks for: 200 campaigns (seeds 1..200) on simulateShop({ customers:
// 10000, seed: 1 }), asOf 2024-03-01, window 120 days, holdout 0.3, strategies assigned at random:
// 'strong' saves 70% of would-be churners of every cause, 'zero' saves nobody. Truth: the expected
// lift given the sample (SimulatedCampaignTruth). Measured (npx vitest run
// test/lift/simulateCampaign.test.ts, Node 20 / V8): the overall 95% Newcombe interval covers the
// truth in 193 of 200 runs (96.5%), the 'strong' interval in 193, the 'zero' interval covers 0 in
// 193; 'zero' is scale_up in 1 run, stop_or_redesign in 2; 'strong' has its lift interval above 0 in
// all 200 runs and a positive point ROI in 150 (scale_up under the verdict rule before the ROI
// interval), but a 95% ROI interval above 0 in only 24: scale_up in 24 (the rule now asks for both;
// measured again after the revenue interval was added, same command).
describe('simulateCampaign + evaluateCampaign: interval coverage of the planted lift', () => {
  const big = simulateShop({ customers: 10000, seed: 1 });
  const strategies: SimulatedStrategy[] = [
    { id: 'strong', cost: 0.5, successByCause: { price_sensitive: 0.7, bad_experience: 0.7, fading: 0.7, lured_away: 0.7 } },
    { id: 'zero', cost: 0.5, successByCause: {} },
  ];
  const RUNS = 200;
  let covered = 0;
  let coveredStrong = 0;
  let coveredZero = 0;
  let zeroScaleUp = 0;
  let strongScaleUp = 0;
  let strongLiftAbove = 0;
  let strongRoiPointPositive = 0;
  let strongBothAbove = 0;
  let truthSum = 0;
  for (let seed = 1; seed <= RUNS; seed++) {
    const sim = simulateCampaign(big, { asOf: '2024-03-01', windowDays: 120, seed, holdout: 0.3, assign: 'random', strategies });
    const r = evaluateCampaign(sim.outcomes);
    truthSum += sim.truth.overall;
    if (r.overall.lower <= sim.truth.overall && sim.truth.overall <= r.overall.upper) covered++;
    const s = r.byStrategy.find((x) => x.key === 'strong')!;
    const z = r.byStrategy.find((x) => x.key === 'zero')!;
    if (s.lower <= sim.truth.byStrategy.strong! && sim.truth.byStrategy.strong! <= s.upper) coveredStrong++;
    if (z.lower <= 0 && 0 <= z.upper) coveredZero++;
    if (z.verdict === 'scale_up') zeroScaleUp++;
    if (s.verdict === 'scale_up') strongScaleUp++;
    if (s.lower > 0) strongLiftAbove++;
    if (s.roi! > 0) strongRoiPointPositive++;
    if (s.lower > 0 && s.roiLower! > 0) strongBothAbove++;
  }

  it('the 95% interval covers the true lift in 90–99% of 200 runs (overall and per strategy)', () => {
    // binomial SE at 95% and 200 runs: 1.5 points; 90–99% is the brief's band (−3.3 / +2.6 SE)
    expect(truthSum / RUNS).toBeGreaterThan(0.02); // a real effect is planted
    for (const n of [covered, coveredStrong, coveredZero]) {
      expect(n).toBeGreaterThanOrEqual(180);
      expect(n).toBeLessThanOrEqual(198);
    }
  });

  it('a strategy with success 0 is never scale_up in most runs; the real one keeps customers, and pays off clearly in some runs', () => {
    // With no effect, scale_up needs the lower bound above 0: about 2.5% of runs (5 of 200,
    // SE 2.2); accept at most 12 (+3 SE).
    expect(zeroScaleUp).toBeLessThanOrEqual(12);
    // 'strong' (true lift ≈ 0.075): its lift interval is above 0 in a clear majority (measured 200).
    expect(strongLiftAbove).toBeGreaterThan(RUNS / 2);
    // scale_up needs the lift interval AND the ROI interval above 0 (costs and revenue are known
    // here). Revenue per customer varies ~100-fold between customers, so the ROI interval is wide:
    // measured 24 of 200, far fewer than the 150 runs with a positive point ROI (the old rule's
    // count). Assert the rule exactly, and that a real, paying strategy still gets through.
    expect(strongScaleUp).toBe(strongBothAbove);
    expect(strongScaleUp).toBeGreaterThanOrEqual(10);
    expect(strongScaleUp).toBeLessThan(strongRoiPointPositive);
  });
});

describe('simulateCampaign window inside the simulated period', () => {
  it('refuses a window that runs past the shop\'s end (no churn is simulated there: everyone would look retained)', () => {
    const late = shop.end - 30 * 86_400_000; // a 90-day window from here ends 60 days after the shop
    const e = caught(() => simulateCampaign(shop, { asOf: late, seed: 1, windowDays: 90, strategies: [all] }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.path).toEqual(['asOf']);
  });
});
