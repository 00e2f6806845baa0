import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CampaignOutcome } from '../../src/lift/CampaignOutcome.js';
import { evaluateCampaign } from '../../src/lift/index.js';
import { caught, errorCode } from '../helpers/errors.js';

// Intervals and p-values of the hand-built tables are checked against
// bench/reference/lift_stats.json (statsmodels 0.13.5 newcomb interval, proportions_ztest, scipy
// fisher_exact; 1e-9 relative). Money, counts, ROI and value-weighted numbers are worked out by
// hand in the comments (exact arithmetic; compared with 1e-12 relative because of floating point).

interface Ref {
  newcombe: { x1: number; n1: number; x2: number; n2: number; alpha: number; lower: number; upper: number }[];
  ztest: { x1: number; n1: number; x2: number; n2: number; z: number | null; p: number | null }[];
  fisher: { x1: number; n1: number; x2: number; n2: number; p: number }[];
}
const ref = JSON.parse(readFileSync(new URL('../../bench/reference/lift_stats.json', import.meta.url), 'utf8')) as Ref;
const same = (r: { x1: number; n1: number; x2: number; n2: number }, x1: number, n1: number, x2: number, n2: number): boolean =>
  r.x1 === x1 && r.n1 === n1 && r.x2 === x2 && r.n2 === n2;

function close(actual: number | null | undefined, expected: number, rel = 1e-9): void {
  expect(actual).not.toBeNull();
  expect(actual).not.toBeUndefined();
  const err = Math.abs(actual! - expected);
  if (!(err <= rel * Math.abs(expected) || err <= 1e-12)) expect.fail(`${actual} is not ${expected} (error ${err})`);
}

interface ArmSpec { n: number; retained: number; revenue?: number; cost?: number; segment?: string; strategy?: string; prefix?: string }

/** Rows for one arm: the first `retained` customers are retained and bring `revenue` each; everyone costs `cost`. */
function arm(group: 'treatment' | 'control', s: ArmSpec): CampaignOutcome[] {
  const out: CampaignOutcome[] = [];
  for (let i = 0; i < s.n; i++) {
    const o: CampaignOutcome = { customerId: `${s.prefix ?? ''}${group[0]}${s.segment ?? ''}${s.strategy ?? ''}-${i}`, group, retained: i < s.retained };
    if (s.revenue !== undefined) o.revenue = i < s.retained ? s.revenue : 0;
    if (s.cost !== undefined) o.cost = s.cost;
    if (s.segment !== undefined) o.segment = s.segment;
    if (s.strategy !== undefined) o.strategy = s.strategy;
    out.push(o);
  }
  return out;
}

describe('evaluateCampaign: overall numbers', () => {
  // 2000 treated, 720 retained (36%), each retained brings 40, each treated costs 3;
  // 2000 controls, 600 retained (30%).
  const outcomes = [...arm('treatment', { n: 2000, retained: 720, revenue: 40, cost: 3 }), ...arm('control', { n: 2000, retained: 600, revenue: 40 })];
  const r = evaluateCampaign(outcomes);

  it('reports per-arm sizes, rates, revenue and cost', () => {
    expect(r.overall.treatment).toEqual({ size: 2000, retained: 720, rate: 0.36, revenue: 28800, revenuePerCustomer: 14.4, cost: 6000, value: 2000, valueRetained: 720 });
    expect(r.overall.control).toEqual({ size: 2000, retained: 600, rate: 0.3, revenue: 24000, revenuePerCustomer: 12, cost: 0, value: 2000, valueRetained: 600 });
  });
  it('lift, Newcombe interval and z-test p-value match statsmodels', () => {
    const ci = ref.newcombe.find((x) => same(x, 720, 2000, 600, 2000) && x.alpha === 0.05)!;
    const z = ref.ztest.find((x) => same(x, 720, 2000, 600, 2000))!;
    close(r.overall.lift, 0.06, 1e-12);
    close(r.overall.lower, ci.lower);
    close(r.overall.upper, ci.upper);
    expect(r.overall.test).toBe('z');
    close(r.overall.pValue, z.p!);
    close(r.overall.relativeLift, 0.2, 1e-12); // 0.06 / 0.30
    expect(r.alpha).toBe(0.05);
  });
  it('incremental customers and money by hand', () => {
    close(r.overall.incrementalRetained, 120, 1e-12); // 0.06 × 2000
    close(r.overall.incrementalRevenue, 4800, 1e-12); // (14.4 − 12) × 2000
    expect(r.overall.cost).toBe(6000); // 3 × 2000
    close(r.overall.roi, -0.2, 1e-12); // (4800 − 6000) / 6000
    close(r.overall.costPerIncrementalCustomer, 50, 1e-12); // 6000 / 120
  });
  it('has no warnings for large, balanced arms and no breakdowns without segments or strategies', () => {
    expect(r.warnings).toEqual([]);
    expect(r.overall.warnings).toEqual([]);
    expect(r.bySegment).toEqual([]);
    expect(r.byStrategy).toEqual([]);
    expect(r.incomplete).toEqual([]);
    expect(r.srm).toBeNull();
  });
  it('alpha sets the interval level (statsmodels alpha = 0.1 and 0.01)', () => {
    for (const alpha of [0.1, 0.01]) {
      const ci = ref.newcombe.find((x) => same(x, 720, 2000, 600, 2000) && x.alpha === alpha)!;
      const q = evaluateCampaign(outcomes, { alpha });
      close(q.overall.lower, ci.lower);
      close(q.overall.upper, ci.upper);
      expect(q.alpha).toBe(alpha);
    }
  });
  it('does not depend on row order', () => {
    const reversed = [...outcomes].reverse();
    const interleaved = outcomes.map((_, i) => outcomes[(i * 7919) % outcomes.length]!); // 7919 is prime, coprime with 4000
    expect(new Set(interleaved.map((o) => o.customerId)).size).toBe(4000);
    expect(evaluateCampaign(reversed)).toEqual(r);
    expect(evaluateCampaign(interleaved)).toEqual(r);
  });
  it('does not modify frozen input', () => {
    const frozen = Object.freeze(outcomes.slice(0, 50).concat(outcomes.slice(2000, 2050)).map((o) => Object.freeze({ ...o })));
    const copy = JSON.parse(JSON.stringify(frozen)) as unknown;
    evaluateCampaign(frozen);
    expect(frozen).toEqual(copy);
  });
});

describe('evaluateCampaign: money edge cases', () => {
  it('without revenue, incremental revenue and ROI are null (not 0 or −1)', () => {
    const r = evaluateCampaign([...arm('treatment', { n: 100, retained: 60, cost: 2 }), ...arm('control', { n: 100, retained: 40 })]);
    expect(r.overall.incrementalRevenue).toBeNull();
    expect(r.overall.roi).toBeNull();
    expect(r.overall.cost).toBe(200);
    close(r.overall.costPerIncrementalCustomer, 10, 1e-12); // 200 / (0.2 × 100)
  });
  it('without cost, ROI and cost per customer are null; a negative lift has no cost per customer', () => {
    const r = evaluateCampaign([...arm('treatment', { n: 100, retained: 30, revenue: 10 }), ...arm('control', { n: 100, retained: 40, revenue: 10 })]);
    expect(r.overall.roi).toBeNull();
    expect(r.overall.costPerIncrementalCustomer).toBeNull();
    close(r.overall.incrementalRevenue, -100, 1e-12); // (3 − 4) × 100
    const c = evaluateCampaign([...arm('treatment', { n: 100, retained: 30, revenue: 10, cost: 1 }), ...arm('control', { n: 100, retained: 40, revenue: 10 })]);
    expect(c.overall.costPerIncrementalCustomer).toBeNull();
    close(c.overall.roi, -2, 1e-12); // (−100 − 100) / 100
  });
  it('sums many small amounts without drift (compensated sums)', () => {
    // 100 000 treated each paying 0.1: the naive left-to-right sum is 10000.000000018848
    const t: CampaignOutcome[] = [];
    for (let i = 0; i < 100_000; i++) t.push({ customerId: `t${i}`, group: 'treatment', retained: true, revenue: 0.1, cost: 0.1 });
    const r = evaluateCampaign([...t, { customerId: 'c', group: 'control', retained: true }]);
    expect(r.overall.treatment.revenue).toBe(10000);
    expect(r.overall.cost).toBe(10000);
    let naive = 0;
    for (let i = 0; i < 100_000; i++) naive += 0.1;
    expect(naive).not.toBe(10000); // the test would be vacuous otherwise
  });
  it('control costs are reported but not charged, with a warning', () => {
    const r = evaluateCampaign([...arm('treatment', { n: 50, retained: 30, cost: 2 }), ...arm('control', { n: 50, retained: 20, cost: 1 })]);
    expect(r.overall.control.cost).toBe(50);
    expect(r.overall.cost).toBe(100);
    expect(r.warnings).toContain('the control arm carries a cost of 50: it is reported in control.cost but not charged to the campaign.');
  });
  it('a zero control rate has no relative lift', () => {
    const r = evaluateCampaign([...arm('treatment', { n: 40, retained: 10 }), ...arm('control', { n: 40, retained: 0 })]);
    expect(r.overall.relativeLift).toBeNull();
    expect(r.overall.lift).toBe(0.25);
  });
});

describe('evaluateCampaign: value-weighted lift', () => {
  it('weights retention by value: Σ value·retained / Σ value per arm', () => {
    const rows: CampaignOutcome[] = [
      { customerId: 't1', group: 'treatment', retained: true, value: 10 },
      { customerId: 't2', group: 'treatment', retained: false, value: 30 },
      { customerId: 't3', group: 'treatment', retained: true, value: 60 },
      { customerId: 'c1', group: 'control', retained: true, value: 50 },
      { customerId: 'c2', group: 'control', retained: false, value: 50 },
    ];
    const v = evaluateCampaign(rows).overall.valueWeighted!;
    close(v.treatmentRate, 0.7, 1e-12); // (10 + 60) / 100
    close(v.controlRate, 0.5, 1e-12); // 50 / 100
    close(v.lift, 0.2, 1e-12);
    close(v.incrementalValue, 20, 1e-12); // 0.2 × 100
    // the unweighted lift differs: 2/3 − 1/2
    close(evaluateCampaign(rows).overall.lift, 1 / 6, 1e-12);
  });
  it('is null, with a warning, when an arm has no value', () => {
    const r = evaluateCampaign([
      { customerId: 't1', group: 'treatment', retained: true, value: 0 },
      { customerId: 'c1', group: 'control', retained: true, value: 5 },
    ]);
    expect(r.overall.valueWeighted).toBeNull();
    expect(r.overall.warnings).toContain('the treatment arm has a total value of 0: no value-weighted lift.');
  });
});

describe('evaluateCampaign: small arms', () => {
  it('switches to Fisher when an expected cell is below 5 and says so (scipy fisher_exact)', () => {
    const r = evaluateCampaign([...arm('treatment', { n: 7, retained: 6 }), ...arm('control', { n: 7, retained: 2 })]);
    expect(r.overall.test).toBe('fisher');
    close(r.overall.pValue, ref.fisher.find((x) => same(x, 6, 7, 2, 7))!.p);
    const ci = ref.newcombe.find((x) => same(x, 6, 7, 2, 7) && x.alpha === 0.05)!;
    close(r.overall.lower, ci.lower);
    close(r.overall.upper, ci.upper);
  });
  it('warns about arms under 30 customers and under 5 retained or lost, naming the group', () => {
    const r = evaluateCampaign([...arm('treatment', { n: 7, retained: 6 }), ...arm('control', { n: 40, retained: 2 })]);
    expect(r.overall.warnings).toEqual([
      'the treatment arm has 7 customers (fewer than 30): the interval and p-value are rough.',
      'the treatment arm has 1 customers not retained (fewer than 5): the interval is rough.',
      'the control arm has 2 retained customers (fewer than 5): the interval is rough.',
    ]);
    expect(r.warnings).toEqual(r.overall.warnings.map((w) => `overall: ${w}`));
  });
  it('one customer per arm still gives an interval inside [−1, 1]', () => {
    const r = evaluateCampaign([{ customerId: 'a', group: 'treatment', retained: true }, { customerId: 'b', group: 'control', retained: false }]);
    const ci = ref.newcombe.find((x) => same(x, 1, 1, 0, 1) && x.alpha === 0.05)!;
    close(r.overall.lower, ci.lower);
    close(r.overall.upper, ci.upper);
    expect(r.overall.pValue).toBe(1); // Fisher: both 2×2 tables with these margins are equally likely
    expect(r.overall.warnings.length).toBe(6); // each arm: under 30, under 5 retained or lost (twice: 1 retained and 0 lost, or 0 and 1)
    expect(r.overall.test).toBe('fisher');
  });
});

describe('evaluateCampaign: sample ratio mismatch', () => {
  it('flags a 5300/4700 split intended as 50/50 (p < 0.001) and not a 5100/4900 one', () => {
    const bad = evaluateCampaign([...arm('treatment', { n: 5300, retained: 2000 }), ...arm('control', { n: 4700, retained: 1700 })], { expectedTreatmentShare: 0.5 });
    expect(bad.srm!.mismatch).toBe(true);
    close(bad.srm!.chiSquare, 36, 1e-12); // (300²/5000)·2
    expect(bad.srm!.observedTreatmentShare).toBe(0.53);
    expect(bad.warnings[0]).toMatch(/^sample ratio mismatch: 5300 treated of 10000 \(0\.53\) against an intended share of 0\.5 \(chi-square 36, p = 1\.97e-9 < 0\.001\)/);
    const ok = evaluateCampaign([...arm('treatment', { n: 5100, retained: 2000 }), ...arm('control', { n: 4900, retained: 1700 })], { expectedTreatmentShare: 0.5 });
    expect(ok.srm!.mismatch).toBe(false);
    expect(ok.warnings).toEqual([]);
  });
});

describe('evaluateCampaign: breakdown by segment', () => {
  const rows = [
    ...arm('treatment', { n: 300, retained: 150, segment: 'loyal' }),
    ...arm('control', { n: 300, retained: 120, segment: 'loyal' }),
    ...arm('treatment', { n: 100, retained: 30, segment: 'fading' }),
    ...arm('control', { n: 100, retained: 31, segment: 'fading' }),
    ...arm('treatment', { n: 20, retained: 5, segment: 'new' }), // no controls
    ...arm('treatment', { n: 40, retained: 10 }), // no segment
    ...arm('control', { n: 40, retained: 8 }),
  ];
  const r = evaluateCampaign(rows);

  it('compares each segment with its own interval, sorted by key, null last', () => {
    expect(r.bySegment.map((s) => s.key)).toEqual(['fading', 'loyal', null]);
    const loyal = r.bySegment[1]!;
    expect([loyal.treatment.size, loyal.treatment.retained, loyal.control.size, loyal.control.retained]).toEqual([300, 150, 300, 120]);
    close(loyal.lift, 0.1, 1e-12);
    expect(loyal.lower).toBeGreaterThan(0); // 0.5 vs 0.4 on 300 + 300
    const fading = r.bySegment[0]!;
    expect(fading.lower).toBeLessThan(0);
    expect(fading.upper).toBeGreaterThan(0);
  });
  it('lists a segment with an empty arm in incomplete, with a warning, instead of dropping it', () => {
    expect(r.incomplete).toEqual([{ by: 'segment', key: 'new', treatment: 20, control: 0 }]);
    expect(r.warnings).toContain('segment "new": not compared, its control arm is empty (20 treated, 0 controls).');
  });
  it('overall still counts every customer', () => {
    expect(r.overall.treatment.size).toBe(460);
    expect(r.overall.control.size).toBe(440);
  });
});

describe('evaluateCampaign: breakdown by strategy and verdicts', () => {
  // coupon: 200/400 vs 120/400 → clearly up; cost 2, revenue 30 per retained:
  //   incremental revenue (15 − 9) × 400 = 2400, cost 800, ROI (2400 − 800)/800 = 2 → scale_up
  // call: 60/300 vs 120/300 → clearly down → stop_or_redesign
  // email: 70/200 vs 66/200 → interval contains 0 → inconclusive
  // gift: 300/500 vs 200/500 → clearly up, but cost 50 each: incremental revenue (18 − 12) × 500
  //   = 3000, cost 25000, ROI −0.88 → inconclusive (loses money)
  const rows = [
    ...arm('treatment', { n: 400, retained: 200, revenue: 30, cost: 2, strategy: 'coupon' }),
    ...arm('control', { n: 400, retained: 120, revenue: 30, strategy: 'coupon' }),
    ...arm('treatment', { n: 300, retained: 60, revenue: 30, cost: 1, strategy: 'call' }),
    ...arm('control', { n: 300, retained: 120, revenue: 30, strategy: 'call' }),
    ...arm('treatment', { n: 200, retained: 70, revenue: 30, cost: 0.5, strategy: 'email' }),
    ...arm('control', { n: 200, retained: 66, revenue: 30, strategy: 'email' }),
    ...arm('treatment', { n: 500, retained: 300, revenue: 30, cost: 50, strategy: 'gift' }),
    ...arm('control', { n: 500, retained: 200, revenue: 30, strategy: 'gift' }),
  ];
  const r = evaluateCampaign(rows);
  const by = Object.fromEntries(r.byStrategy.map((s) => [s.key, s]));

  it('compares each strategy with the controls that would have got it', () => {
    expect(r.byStrategy.map((s) => s.key)).toEqual(['call', 'coupon', 'email', 'gift']);
    for (const s of r.byStrategy) expect(s.controlScope).toBe('matched');
    expect(by.coupon!.control.size).toBe(400);
    close(by.coupon!.incrementalRevenue, 2400, 1e-12);
    close(by.coupon!.roi, 2, 1e-12);
    close(by.gift!.roi, -0.88, 1e-12);
  });
  it('gives the documented verdicts', () => {
    expect(by.coupon!.lower).toBeGreaterThan(0);
    expect(by.coupon!.verdict).toBe('scale_up');
    // scale_up now also needs the ROI interval above 0 (Welch, see test/lift/revenueInterval.test.ts):
    // (15 − 9) ± t(ν ≈ 792)·√(225.56/400 + 189.47/400) = [4.0004, 7.9996] per customer → ROI [1.0002, 2.9998].
    expect(by.coupon!.roiLower).toBeGreaterThan(0);
    expect(by.coupon!.verdictReason).toBe(
      `the whole 95% interval for the lift, [${round4(by.coupon!.lower)}, ${round4(by.coupon!.upper)}], is above 0; ` +
      `ROI 2, 95% interval [${round4(by.coupon!.roiLower!)}, ${round4(by.coupon!.roiUpper!)}] above 0.`,
    );
    expect(by.call!.upper).toBeLessThanOrEqual(0);
    expect(by.call!.verdict).toBe('stop_or_redesign');
    expect(by.email!.lower).toBeLessThan(0);
    expect(by.email!.upper).toBeGreaterThan(0);
    expect(by.email!.verdict).toBe('inconclusive');
    expect(by.email!.verdictReason).toMatch(/contains 0: more customers are needed to tell\.$/);
    expect(by.gift!.lower).toBeGreaterThan(0);
    expect(by.gift!.verdict).toBe('inconclusive');
    expect(by.gift!.verdictReason).toMatch(/the ROI is -0\.88 ≤ 0: cheaper treatment needed before scaling up\.$/);
  });
  it('scale_up without costs says the ROI is unknown', () => {
    const q = evaluateCampaign([...arm('treatment', { n: 400, retained: 200, strategy: 's' }), ...arm('control', { n: 400, retained: 120, strategy: 's' })]);
    expect(q.byStrategy[0]!.verdict).toBe('scale_up');
    expect(q.byStrategy[0]!.verdictReason).toMatch(/ROI unknown \(no cost or no revenue recorded\)\.$/);
  });
  it('compares with the whole control group when controls carry no strategy, and says so', () => {
    const q = evaluateCampaign([
      ...arm('treatment', { n: 400, retained: 200, strategy: 'coupon' }),
      ...arm('treatment', { n: 300, retained: 60, strategy: 'call' }),
      ...arm('control', { n: 500, retained: 150 }),
    ]);
    expect(q.byStrategy.map((s) => [s.key, s.controlScope, s.control.size, s.control.retained])).toEqual([
      ['call', 'all_controls', 500, 150],
      ['coupon', 'all_controls', 500, 150],
    ]);
    expect(q.warnings).toContain("no control carries a strategy: each strategy's treated customers are compared with the whole control group (500 customers); this is valid only if the holdout was drawn at random from everyone.");
  });
  it('counts treated customers without a strategy as their own group and warns', () => {
    const q = evaluateCampaign([
      ...arm('treatment', { n: 50, retained: 25, strategy: 'coupon' }),
      ...arm('treatment', { n: 50, retained: 20 }),
      ...arm('control', { n: 50, retained: 15, strategy: 'coupon' }),
      ...arm('control', { n: 50, retained: 15 }),
    ]);
    expect(q.byStrategy.map((s) => s.key)).toEqual(['coupon', null]);
    expect(q.warnings).toContain('50 treated customers carry no strategy: they form the strategy group null.');
    expect(q.warnings).toContain('50 control customers carry no strategy: they form the strategy group null, not the controls of any named strategy.');
  });
});

function round4(x: number): string {
  return String(Math.round(x * 10000) / 10000);
}

describe('evaluateCampaign: errors', () => {
  const ok: CampaignOutcome[] = [{ customerId: 'a', group: 'treatment', retained: true }, { customerId: 'b', group: 'control', retained: false }];

  it('rejects a bad group with its path and row', () => {
    const e = caught(() => evaluateCampaign([ok[0]!, { customerId: 'b', group: 'holdout' as 'control', retained: true }]));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual(['outcomes', 1, 'group']);
    expect(e.row).toBe(1);
    expect(e.message).toMatchInlineSnapshot(`"evaluateCampaign: outcomes[1].group must be 'treatment' or 'control'; received "holdout"."`);
  });
  it('refuses an empty arm with EMPTY_ARM', () => {
    const e = caught(() => evaluateCampaign([ok[0]!, { customerId: 'c', group: 'treatment', retained: false }]));
    expect(e.code).toBe('EMPTY_ARM');
    expect(e.message).toMatchInlineSnapshot(`"evaluateCampaign: the control arm is empty (2 treatment customers); a lift needs both arms."`);
    expect(errorCode(() => evaluateCampaign([ok[1]!]))).toBe('EMPTY_ARM');
  });
  it('rejects bad rows and fields', () => {
    expect(errorCode(() => evaluateCampaign([]))).toBe('EMPTY_INPUT');
    expect(errorCode(() => evaluateCampaign('rows' as unknown as CampaignOutcome[]))).toBe('INVALID_INPUT');
    expect(caught(() => evaluateCampaign([ok[0]!, null as unknown as CampaignOutcome])).path).toEqual(['outcomes', 1]);
    expect(errorCode(() => evaluateCampaign([ok[0]!, null as unknown as CampaignOutcome]))).toBe('INVALID_ROW');
    expect(errorCode(() => evaluateCampaign([{ ...ok[0]!, customerId: 7 as unknown as string }, ok[1]!]))).toBe('INVALID_CUSTOMER');
    expect(caught(() => evaluateCampaign([...ok, { ...ok[0]! }])).code).toBe('DUPLICATE_CUSTOMER');
    expect(caught(() => evaluateCampaign([...ok, { ...ok[0]! }])).row).toBe(2);
    const field = (patch: Record<string, unknown>): readonly (string | number)[] | undefined =>
      caught(() => evaluateCampaign([ok[0]!, { ...ok[1]!, ...patch } as CampaignOutcome])).path;
    expect(field({ retained: 1 })).toEqual(['outcomes', 1, 'retained']);
    expect(field({ revenue: NaN })).toEqual(['outcomes', 1, 'revenue']);
    expect(field({ cost: -1 })).toEqual(['outcomes', 1, 'cost']);
    expect(field({ value: -1 })).toEqual(['outcomes', 1, 'value']);
    expect(field({ value: Infinity })).toEqual(['outcomes', 1, 'value']);
    expect(field({ segment: 3 })).toEqual(['outcomes', 1, 'segment']);
    expect(field({ strategy: {} })).toEqual(['outcomes', 1, 'strategy']);
  });
  it('rejects bad options', () => {
    for (const options of [{ alpha: 0 }, { alpha: 1 }, { alpha: NaN }, { expectedTreatmentShare: 1 }, { expectedTreatmentShare: 0 }, { test: 'chi2' }]) {
      expect(errorCode(() => evaluateCampaign(ok, options as never))).toBe('INVALID_OPTION');
    }
    expect(errorCode(() => evaluateCampaign(ok, null as never))).toBe('INVALID_OPTION');
    expect(caught(() => evaluateCampaign(ok, { alpha: 2 })).path).toEqual(['alpha']);
  });
});
