import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PLAYBOOK,
  recommendActions,
  type CustomerProfile,
  type Playbook,
} from '../../src/playbook/index.js';
import type { PersonaTable } from '../../src/segments/PersonaTable.js';
import { caught } from '../helpers/errors.js';

const deepFreeze = <T>(v: T): T => {
  if (v !== null && typeof v === 'object' && !ArrayBuffer.isView(v)) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
};

// A test playbook whose rates and values are powers of two, so that every expected value
// below is exact in binary floating point (hand-worked; compared with toBe).
const PB: Playbook = deepFreeze({
  version: 1,
  name: 'test',
  defaultValue: 100,
  riskPriors: { statuses: { churned: 0.75 }, personas: { fading: 0.5 }, segments: { at_risk: 0.25 }, default: 0.125 },
  strategies: [
    { id: 'coupon', appliesTo: { personas: ['price_sensitive'] }, channel: 'email', action: 'coupon', successRate: 0.25, cost: 10, kpi: ['redemption'] },
    { id: 'alert', appliesTo: { personas: ['price_sensitive'] }, channel: 'push', action: 'alert', successRate: 0.0625, cost: 0.5, kpi: ['clicks'] },
    { id: 'call', appliesTo: { personas: ['disappointed'] }, channel: 'phone', action: 'call', successRate: 0.5, cost: 20, kpi: ['complaints'] },
    { id: 'content', appliesTo: { personas: ['fading'] }, channel: 'email', action: 'content', successRate: 0.125, cost: 1, kpi: ['activity'] },
    { id: 'vip', appliesTo: { personas: ['lost_loyal'], tags: ['vip'] }, channel: 'phone', action: 'vip care', successRate: 0.5, cost: 50, kpi: ['return'] },
    { id: 'hibernating', appliesTo: { segments: ['hibernating'] }, channel: 'sms', action: 'winback', successRate: 0.25, cost: 2, kpi: ['reactivation'] },
    { id: 'reminder', appliesTo: { fallback: true }, channel: 'email', action: 'reminder', successRate: 0.0625, cost: 0.25, kpi: ['reactivation'] },
  ],
} satisfies Playbook);

// Hand-worked: EV = risk × value × successRate − cost
//   A coupon 0.5·400·0.25−10 = 40 (alert 0.5·400·0.0625−0.5 = 12)      → coupon 40
//   B coupon 0.5·40·0.25−10 = −5, alert 0.5·40·0.0625−0.5 = 0.75        → alert 0.75
//   C call 0.75·200·0.5−20 = 55
//   D content 0.25·64·0.125−1 = 1
//   E call 0.125·100·0.5−20 = −13.75                                    → not worth it
//   F (no persona, tag vip) vip 1·256·0.5−50 = 78
//   G (no persona, segment hibernating) 0.5·32·0.25−2 = 2
//   H (nothing) reminder 0.25·64·0.0625−0.25 = 0.75                      → ties with B; 'B' < 'H'
const CUSTOMERS: CustomerProfile[] = deepFreeze([
  { customerId: 'A', persona: 'price_sensitive', risk: 0.5, value: 400 },
  { customerId: 'B', persona: 'price_sensitive', risk: 0.5, value: 40 },
  { customerId: 'C', persona: 'disappointed', risk: 0.75, value: 200, reasons: ['3 complaints in 90 days'] },
  { customerId: 'D', persona: 'fading', risk: 0.25, value: 64 },
  { customerId: 'E', persona: 'disappointed', risk: 0.125, value: 100 },
  { customerId: 'F', tags: ['new', 'vip'], risk: 1, value: 256 },
  { customerId: 'G', segment: 'hibernating', risk: 0.5, value: 32 },
  { customerId: 'H', persona: 'none', risk: 0.25, value: 64 },
]);

describe('recommendActions: expected value ranking', () => {
  it('ranks by hand-worked expected value saved, excludes negatives, breaks ties by id', () => {
    const { recommendations: recs, summary } = recommendActions(CUSTOMERS, { playbook: PB });
    expect(recs.map((r) => [r.customerId, r.strategyId, r.expectedValueSaved, r.rank])).toEqual([
      ['F', 'vip', 78, 1],
      ['C', 'call', 55, 2],
      ['A', 'coupon', 40, 3],
      ['G', 'hibernating', 2, 4],
      ['D', 'content', 1, 5],
      ['B', 'alert', 0.75, 6],
      ['H', 'reminder', 0.75, 7],
    ]);
    expect(recs.map((r) => r.matchedBy)).toEqual(['tag', 'persona', 'persona', 'segment', 'persona', 'persona', 'fallback']);
    expect(summary).toMatchObject({ customers: 8, recommended: 7, noStrategy: 0, notWorthIt: 1, overBudget: 0, budget: null, budgetLeft: null });
    expect(summary.totalCost).toBe(50 + 20 + 10 + 2 + 1 + 0.5 + 0.25);
    expect(summary.totalExpectedValueSaved).toBe(177.5);
    expect(summary.byStrategy.map((s) => [s.strategyId, s.count, s.cost, s.expectedValueSaved])).toEqual([
      ['coupon', 1, 10, 40],
      ['alert', 1, 0.5, 0.75],
      ['call', 1, 20, 55],
      ['content', 1, 1, 1],
      ['vip', 1, 50, 78],
      ['hibernating', 1, 2, 2],
      ['reminder', 1, 0.25, 0.75],
    ]);
    expect(summary.riskSources).toEqual({ score: 8, status: 0, persona: 0, segment: 0, default: 0 });
    expect(summary.valueSources).toEqual({ input: 8, default: 0 });
  });

  it('copies the strategy into the recommendation and explains the arithmetic', () => {
    const c = recommendActions(CUSTOMERS, { playbook: PB }).recommendations[1]!;
    expect(c).toEqual({
      customerId: 'C',
      persona: 'disappointed',
      strategyId: 'call',
      channel: 'phone',
      action: 'call',
      kpi: ['complaints'],
      expectedValueSaved: 55,
      cost: 20,
      risk: 0.75,
      value: 200,
      successRate: 0.5,
      reason: 'disappointed: 3 complaints in 90 days; risk 75% × value 200 × success 50% − cost 20 = 55',
      rank: 2,
      matchedBy: 'persona',
      riskSource: 'score',
      valueSource: 'input',
    });
    const recs = recommendActions(CUSTOMERS, { playbook: PB }).recommendations;
    expect(recs[0]!.reason).toBe('tag vip; risk 100% × value 256 × success 50% − cost 50 = 78');
    expect(recs[3]!.reason).toBe('segment hibernating; risk 50% × value 32 × success 25% − cost 2 = 2');
    expect(recs[6]!.reason).toBe('no persona; risk 25% × value 64 × success 6.3% − cost 0.25 = 0.75');
  });

  it('reproduces the issue example with the default playbook (within display rounding)', () => {
    // 0.72 × 340 × 0.25 − 12 = 49.2 (the default's service follow-up: success 25%, cost 12)
    const [r] = recommendActions([{ customerId: 'x', persona: 'disappointed', risk: 0.72, value: 340, reasons: ['3 complaints in 90 days'] }]).recommendations;
    expect(r!.strategyId).toBe('service_follow_up');
    expect(r!.expectedValueSaved).toBeCloseTo(49.2, 12);
    expect(r!.reason).toBe('disappointed: 3 complaints in 90 days; risk 72% × value 340 × success 25% − cost 12 = 49.2');
  });

  it('picks the best strategy within the persona level; ties go to the strategy listed first', () => {
    const twins: Playbook = {
      ...PB,
      strategies: [
        { ...PB.strategies[0]!, id: 'first' },
        { ...PB.strategies[0]!, id: 'second' },
      ],
    };
    const r = recommendActions([{ customerId: 'a', persona: 'price_sensitive', risk: 1, value: 80 }], { playbook: twins });
    expect(r.recommendations[0]!.strategyId).toBe('first');
    expect(r.summary.byStrategy.map((s) => s.count)).toEqual([1, 0]);
  });

  it('persona beats tag beats segment beats fallback, even when a lower level would save more', () => {
    const rows: CustomerProfile[] = [
      // price-sensitive + vip: the coupon (persona) wins although vip would save 128·… more
      { customerId: 'p', persona: 'price_sensitive', tags: ['vip'], segment: 'hibernating', risk: 1, value: 256 },
      // disappointed with a negative EV is not rescued by the fallback reminder
      { customerId: 'q', persona: 'disappointed', risk: 1, value: 16 },
      // no persona strategy for 'none' → tag → segment
      { customerId: 'r', tags: ['unknown', 'vip'], segment: 'hibernating', risk: 1, value: 256 },
      { customerId: 's', tags: ['unknown'], segment: 'hibernating', risk: 1, value: 256 },
    ];
    const { recommendations, summary } = recommendActions(rows, { playbook: PB });
    const by = Object.fromEntries(recommendations.map((r) => [r.customerId, r.strategyId]));
    expect(by).toEqual({ p: 'coupon', r: 'vip', s: 'hibernating' });
    expect(summary.notWorthIt).toBe(1); // q: 1·16·0.5 − 20 = −12
  });

  it('excludes zero expected value and counts customers without any matching strategy', () => {
    const noFallback: Playbook = { ...PB, strategies: PB.strategies.filter((s) => s.appliesTo.fallback !== true) };
    const r = recommendActions(
      [
        { customerId: 'zero', persona: 'fading', risk: 0.5, value: 16 }, // 0.5·16·0.125 − 1 = 0
        { customerId: 'none', persona: 'none', risk: 1, value: 1000 },
      ],
      { playbook: noFallback },
    );
    expect(r.recommendations).toEqual([]);
    expect(r.summary).toMatchObject({ customers: 2, recommended: 0, notWorthIt: 1, noStrategy: 1, totalCost: 0, totalExpectedValueSaved: 0 });
  });
});

describe('recommendActions: budget', () => {
  it('first-fit greedy by expected value: skips what does not fit and tries cheaper ones', () => {
    // order F 50, C 20 (70), A 10 → 80 > 73 skip, G 2 (72), D 1 (73), B 0.5 → 73.5 skip, H 0.25 → 73.25 skip
    const { recommendations, summary } = recommendActions(CUSTOMERS, { playbook: PB, budget: 73 });
    expect(recommendations.map((r) => [r.customerId, r.rank])).toEqual([
      ['F', 1],
      ['C', 2],
      ['G', 3],
      ['D', 4],
    ]);
    expect(summary).toMatchObject({ recommended: 4, overBudget: 3, notWorthIt: 1, budget: 73, totalCost: 73, budgetLeft: 0, totalExpectedValueSaved: 136 });
  });

  it('budget 0 recommends nothing and counts everyone with a positive value as over budget', () => {
    const { summary } = recommendActions(CUSTOMERS, { playbook: PB, budget: 0 });
    expect(summary).toMatchObject({ recommended: 0, overBudget: 7, totalCost: 0, budgetLeft: 0 });
  });

  it('tolerates rounding when costs add up to the budget exactly (0.1 + 0.2 = 0.3)', () => {
    const pb: Playbook = {
      ...PB,
      strategies: [
        { id: 'a', appliesTo: { personas: ['fading'] }, channel: 'e', action: 'a', successRate: 1, cost: 0.1, kpi: ['k'] },
        { id: 'b', appliesTo: { personas: ['disappointed'] }, channel: 'e', action: 'b', successRate: 1, cost: 0.2, kpi: ['k'] },
      ],
    };
    const rows: CustomerProfile[] = [
      { customerId: 'x', persona: 'fading', risk: 1, value: 10 },
      { customerId: 'y', persona: 'disappointed', risk: 1, value: 10 },
    ];
    expect(0.1 + 0.2 > 0.3).toBe(true); // why the slack is needed
    expect(recommendActions(rows, { playbook: pb, budget: 0.3 }).summary.recommended).toBe(2);
  });
});

describe('recommendActions: without scores or values', () => {
  const rows: CustomerProfile[] = [
    { customerId: 's', persona: 'fading', status: 'churned', value: 64 }, // status prior 0.75: 0.75·64·0.125−1 = 5
    { customerId: 'p', persona: 'fading', value: 64 }, // persona prior 0.5: 3
    { customerId: 'g', segment: 'at_risk', value: 64 }, // segment prior 0.25, fallback reminder: 0.25·64·0.0625−0.25 = 0.75
    { customerId: 'd', value: 256 }, // default prior 0.125: 0.125·256·0.0625−0.25 = 1.75
    { customerId: 'n', persona: 'fading', risk: NaN, value: 64 }, // NaN counts as missing → persona prior: 3
    { customerId: 'v', persona: 'fading', risk: 1 }, // defaultValue 100: 1·100·0.125−1 = 11.5
  ];

  it('falls back to status, persona, segment and default priors, and to the default value', () => {
    const { recommendations, summary } = recommendActions(rows, { playbook: PB });
    expect(recommendations.map((r) => [r.customerId, r.expectedValueSaved, r.riskSource, r.risk, r.valueSource])).toEqual([
      ['v', 11.5, 'score', 1, 'default'],
      ['s', 5, 'status', 0.75, 'input'],
      ['n', 3, 'persona', 0.5, 'input'],
      ['p', 3, 'persona', 0.5, 'input'],
      ['d', 1.75, 'default', 0.125, 'input'],
      ['g', 0.75, 'segment', 0.25, 'input'],
    ]);
    expect(summary.riskSources).toEqual({ score: 1, status: 1, persona: 2, segment: 1, default: 1 });
    expect(summary.valueSources).toEqual({ input: 5, default: 1 });
    expect(recommendations[1]!.reason).toBe('fading; risk 75% (prior for status churned) × value 64 × success 12.5% − cost 1 = 5');
    expect(recommendations[0]!.reason).toBe('fading; risk 100% × value 100 (playbook default) × success 12.5% − cost 1 = 11.5');
  });

  it('the default playbook works with no scores and no values at all', () => {
    // default priors: disappointed 0.6, defaultValue 100 → 0.6·100·0.25 − 12 = 3
    const [r] = recommendActions([{ customerId: 'x', persona: 'disappointed' }]).recommendations;
    expect(r!.strategyId).toBe('service_follow_up');
    expect(r!.expectedValueSaved).toBeCloseTo(3, 12);
    expect(r!.reason).toBe('disappointed; risk 60% (prior for persona disappointed) × value 100 (playbook default) × success 25% − cost 12 = 3');
  });

  it('throws when neither a score nor a prior (or a value nor a default) exists', () => {
    const bare: Playbook = { version: 1, name: 'bare', strategies: PB.strategies };
    const e1 = caught(() => recommendActions([{ customerId: 'x', persona: 'fading', value: 1 }], { playbook: bare }));
    expect([e1.code, e1.row, e1.field]).toEqual(['INVALID_INPUT', 0, 'risk']);
    expect(e1.message).toMatchInlineSnapshot(
      `"recommendActions: customer "x" has no risk score and playbook "bare" has no riskPriors; pass options.risk or add riskPriors."`,
    );
    const e2 = caught(() => recommendActions([{ customerId: 'x', persona: 'fading', risk: 0.5 }], { playbook: bare }));
    expect([e2.code, e2.field]).toEqual(['INVALID_INPUT', 'value']);
  });
});

describe('recommendActions: inputs', () => {
  const table: PersonaTable = deepFreeze({
    customerIds: ['c1', 'c2', 'c3'],
    persona: ['disappointed', 'none', 'price_sensitive'],
    scores: {
      price_sensitive: new Float64Array([0, 0, 0.9]),
      disappointed: new Float64Array([0.8, 0, 0]),
      fading: new Float64Array(3),
      lost_loyal: new Float64Array(3),
    },
    reasons: [
      [{ feature: 'complaint_count_90d', value: 3, threshold: 2, text: '3 complaints in 90 days (≥ 2)' }],
      [],
      [
        { feature: 'coupon_order_share', value: 0.75, threshold: 0.5, text: '75% of orders used a coupon (≥ 50%)' },
        { feature: 'survey_last_score', value: 4, threshold: 6, text: 'last NPS 4' },
      ],
    ],
    counts: { price_sensitive: 1, disappointed: 1, fading: 0, lost_loyal: 0, none: 1 },
  });

  it('reads a PersonaTable with aligned risk, a Map of values and per-customer tags/segments', () => {
    const { recommendations } = recommendActions(table, {
      playbook: PB,
      risk: new Float64Array([0.75, 0.5, 0.5]),
      value: new Map([['c1', 200], ['c2', 32], ['c3', 400]]),
      segment: ['x', 'hibernating', 'y'],
      tags: new Map([['c3', ['vip']]]),
    });
    expect(recommendations.map((r) => [r.customerId, r.strategyId, r.expectedValueSaved])).toEqual([
      ['c1', 'call', 55],
      ['c3', 'coupon', 40],
      ['c2', 'hibernating', 2],
    ]);
    expect(recommendations[1]!.reason).toBe(
      'price_sensitive: 75% of orders used a coupon (≥ 50%); last NPS 4; risk 50% × value 400 × success 25% − cost 10 = 40',
    );
  });

  it('reads records keyed by customer id as it reads Maps (risk, value, segment, tags), and checks their values', () => {
    const asMaps = recommendActions(table, {
      playbook: PB,
      risk: new Map([['c1', 0.75], ['c2', 0.5], ['c3', 0.5]]),
      value: new Map([['c1', 200], ['c2', 32], ['c3', 400]]),
      segment: new Map([['c1', 'x'], ['c2', 'hibernating'], ['c3', 'y']]),
      tags: new Map([['c3', ['vip']]]),
    });
    const asRecords = recommendActions(table, {
      playbook: PB,
      risk: { c1: 0.75, c2: 0.5, c3: 0.5 },
      value: { c1: 200, c2: 32, c3: 400 },
      segment: { c1: 'x', c2: 'hibernating', c3: 'y' },
      tags: { c3: ['vip'] },
    });
    expect(asRecords).toEqual(asMaps);
    // a Map keyed by numbers finds the customers whose ids spell them (ids are strings)
    const numericIds = deepFreeze({ customerIds: ['1', '2'], segment: ['hibernating', 'hibernating'] });
    const byNumber = recommendActions(numericIds, { playbook: PB, risk: new Map([[1, 0.9], [2, 0.1]]) as never, value: 256 });
    expect(byNumber.summary.riskSources.score).toBe(2);
    expect(asRecords.recommendations.map((r) => [r.customerId, r.strategyId, r.expectedValueSaved])).toEqual([['c1', 'call', 55], ['c3', 'coupon', 40], ['c2', 'hibernating', 2]]);
    const bad = caught(() => recommendActions(table, { playbook: PB, value: { c1: 'lots' as never } }));
    expect([bad.code, bad.path]).toEqual(['INVALID_OPTION', ['value', 'c1']]);
  });

  it('reads any table with customerIds: segment, stage (+ reason), tags and status columns', () => {
    // an RfmTable-like table: segment only, risk from the segment prior 0.25 (at_risk) or default 0.125
    const rfmLike = deepFreeze({ customerIds: ['a', 'b'], segment: ['hibernating', 'at_risk'], rfm: ['211', '311'] });
    const r1 = recommendActions(rfmLike, { playbook: PB, value: 256 });
    // a: segment strategy 'hibernating', prior default 0.125 → 0.125·256·0.25 − 2 = 6
    // b: no strategy for 'at_risk' → fallback reminder, prior 0.25 → 0.25·256·0.0625 − 0.25 = 3.75
    expect(r1.recommendations.map((r) => [r.customerId, r.strategyId, r.matchedBy, r.riskSource, r.expectedValueSaved])).toEqual([
      ['a', 'hibernating', 'segment', 'default', 6],
      ['b', 'reminder', 'fallback', 'segment', 3.75],
    ]);
    // a StageTable-like table: the stage is the segment and its reason is quoted
    const stageLike = { customerIds: ['s'], stage: ['hibernating'], reason: ['no purchase since 2024-05-02 (60 days)'] };
    const [r2] = recommendActions(stageLike, { playbook: PB, risk: [1], value: 64 }).recommendations;
    expect(r2!.reason).toBe('segment hibernating: no purchase since 2024-05-02 (60 days); risk 100% × value 64 × success 25% − cost 2 = 14');
    // a TagTable-like and a StatusTable-like table
    const [r3] = recommendActions({ customerIds: ['t'], tags: [['vip']] }, { playbook: PB, risk: [1], value: 256 }).recommendations;
    expect([r3!.strategyId, r3!.matchedBy]).toEqual(['vip', 'tag']);
    const [r4] = recommendActions({ customerIds: ['u'], status: ['churned'] as const }, { playbook: PB, value: 64 }).recommendations;
    expect([r4!.strategyId, r4!.risk, r4!.riskSource]).toEqual(['reminder', 0.75, 'status']);
    // bad columns
    const len = caught(() => recommendActions({ customerIds: ['a', 'b'], segment: ['x'] }, { playbook: PB }));
    expect([len.code, len.path]).toEqual(['LENGTH_MISMATCH', ['segment']]);
    const notArray = caught(() => recommendActions({ customerIds: ['a'], persona: 'fading' } as never, { playbook: PB }));
    expect([notArray.code, notArray.path]).toEqual(['INVALID_INPUT', ['persona']]);
    const badStatus = caught(() => recommendActions({ customerIds: ['a'], status: ['gone'] } as never, { playbook: PB }));
    expect([badStatus.code, badStatus.row, badStatus.field]).toEqual(['INVALID_INPUT', 0, 'status']);
  });

  it('a row field wins over the per-customer option; a Map without the id falls back', () => {
    const { recommendations } = recommendActions(
      [
        { customerId: 'a', persona: 'fading', risk: 1, value: 64 },
        { customerId: 'b', persona: 'fading', value: 64 },
      ],
      { playbook: PB, risk: new Map([['a', 0.25]]) },
    );
    expect(recommendations.map((r) => [r.customerId, r.risk, r.riskSource])).toEqual([
      ['a', 1, 'score'],
      ['b', 0.5, 'persona'],
    ]);
  });

  it('a single value for everyone', () => {
    const r = recommendActions(
      [
        { customerId: 'a', persona: 'fading', risk: 1 }, // 1·16·0.125 − 1 = 1
        { customerId: 'b', persona: 'fading', risk: 0.5 }, // 0.5·16·0.125 − 1 = 0: excluded
      ],
      { playbook: PB, value: 16 },
    );
    expect(r.recommendations.map((x) => [x.customerId, x.value, x.expectedValueSaved, x.valueSource])).toEqual([['a', 16, 1, 'input']]);
    expect(r.summary.notWorthIt).toBe(1);
  });

  it('empty input gives an empty list and zero totals', () => {
    const r = recommendActions([], { budget: 10 });
    expect(r.recommendations).toEqual([]);
    expect(r.summary).toMatchObject({ customers: 0, recommended: 0, totalCost: 0, budgetLeft: 10, totalExpectedValueSaved: 0 });
    expect(r.summary.byStrategy.map((s) => s.strategyId)).toEqual(DEFAULT_PLAYBOOK.strategies.map((s) => s.id));
  });

  it('one customer', () => {
    const r = recommendActions([CUSTOMERS[2]!], { playbook: PB });
    expect(r.recommendations.map((x) => [x.customerId, x.rank])).toEqual([['C', 1]]);
  });

  it('does not depend on input order and does not mutate frozen inputs', () => {
    const before = JSON.stringify(CUSTOMERS);
    const a = recommendActions(CUSTOMERS, { playbook: PB, budget: 73 });
    const b = recommendActions([...CUSTOMERS].reverse(), { playbook: PB, budget: 73 });
    expect(b).toEqual(a);
    expect(JSON.stringify(CUSTOMERS)).toBe(before);
    expect(Object.isFrozen(a.recommendations)).toBe(true);
    expect(Object.isFrozen(a.recommendations[0])).toBe(true);
  });

  it('a JSON round trip of the playbook gives the same recommendations', () => {
    const copy = JSON.parse(JSON.stringify(PB)) as Playbook;
    expect(recommendActions(CUSTOMERS, { playbook: copy })).toEqual(recommendActions(CUSTOMERS, { playbook: PB }));
    const dflt = JSON.parse(JSON.stringify(DEFAULT_PLAYBOOK)) as Playbook;
    expect(recommendActions(CUSTOMERS, { playbook: dflt })).toEqual(recommendActions(CUSTOMERS));
  });
});

describe('recommendActions: errors', () => {
  it('bad customers, options and playbooks get stable codes with their row or path', () => {
    const dup = caught(() => recommendActions([{ customerId: 'a' }, { customerId: 'a' }]));
    expect([dup.code, dup.row]).toEqual(['DUPLICATE_CUSTOMER', 1]);
    const risk = caught(() => recommendActions([{ customerId: 'a' }, { customerId: 'b', risk: 1.5 }]));
    expect([risk.code, risk.row, risk.field]).toEqual(['INVALID_INPUT', 1, 'risk']);
    const persona = caught(() => recommendActions([{ customerId: 'a', persona: 'angry' as never }]));
    expect([persona.code, persona.field]).toEqual(['INVALID_INPUT', 'persona']);
    const id = caught(() => recommendActions([{ customerId: 7 as never }]));
    expect([id.code, id.field]).toEqual(['INVALID_INPUT', 'customerId']);
    const inf = caught(() => recommendActions([{ customerId: 'a', value: Infinity }]));
    expect([inf.code, inf.field]).toEqual(['INVALID_INPUT', 'value']);
    expect(caught(() => recommendActions('customers' as never)).code).toBe('INVALID_INPUT');
    const len = caught(() => recommendActions(CUSTOMERS, { risk: [0.5] }));
    expect([len.code, len.path]).toEqual(['LENGTH_MISMATCH', ['options', 'risk']]);
    const badRisk = caught(() => recommendActions(CUSTOMERS, { risk: new Map([['A', '0.5' as never]]) }));
    expect([badRisk.code, badRisk.path]).toEqual(['INVALID_OPTION', ['risk', 'A']]);
    expect(caught(() => recommendActions(CUSTOMERS, { budget: -1 })).path).toEqual(['budget']);
    expect(caught(() => recommendActions(CUSTOMERS, { budget: NaN })).code).toBe('INVALID_OPTION');
    const typo = caught(() => recommendActions(CUSTOMERS, { budjet: 5 } as never));
    expect([typo.code, typo.path]).toEqual(['INVALID_OPTION', ['budjet']]);
    expect(caught(() => recommendActions(CUSTOMERS, null as never)).path).toEqual(['options']);
    const pb = caught(() => recommendActions(CUSTOMERS, { playbook: { ...PB, strategies: [{ ...PB.strategies[0]!, cost: -1 }] } }));
    expect([pb.code, pb.path]).toEqual(['INVALID_PLAYBOOK', ['options', 'playbook', 'strategies', 0, 'cost']]);
  });
});

describe('recommendActions: properties (fast-check)', () => {
  it('order-independent, within budget, every customer accounted for, ranked by expected value', () => {
    const persona = fc.constantFrom('price_sensitive', 'disappointed', 'fading', 'lost_loyal', 'none' as const);
    const row = fc.record({
      persona,
      risk: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
      value: fc.option(fc.double({ min: -100, max: 5000, noNaN: true }), { nil: undefined }),
      tags: fc.option(fc.subarray(['vip', 'other']), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), fc.option(fc.double({ min: 0, max: 500, noNaN: true }), { nil: undefined }), fc.nat(), (raw, budget, seed) => {
        const rows: CustomerProfile[] = raw.map((r, i) => ({ customerId: `c${(i * 7 + seed) % 1000}-${i}`, ...r }));
        const shuffled = [...rows].sort((a, b) => ((a.customerId.length * 31 + seed) % 7) - ((b.customerId.length * 31 + seed) % 7) || (a.customerId < b.customerId ? 1 : -1));
        const a = recommendActions(rows, { playbook: PB, budget });
        expect(recommendActions(shuffled, { playbook: PB, budget })).toEqual(a);
        const s = a.summary;
        expect(s.recommended + s.noStrategy + s.notWorthIt + s.overBudget).toBe(rows.length);
        if (budget !== undefined) expect(s.totalCost).toBeLessThanOrEqual(budget * (1 + 1e-9) + 1e-12);
        a.recommendations.forEach((r, k) => {
          expect(r.rank).toBe(k + 1);
          expect(r.expectedValueSaved).toBeGreaterThan(0);
          expect(r.expectedValueSaved).toBe(r.risk * r.value * r.successRate - r.cost);
          if (k > 0) expect(r.expectedValueSaved).toBeLessThanOrEqual(a.recommendations[k - 1]!.expectedValueSaved);
        });
      }),
      { numRuns: 200, seed: 42 },
    );
  });
});
