/**
 * Faults a user-style review of the feature module found (session 5), each pinned by a small
 * hand-made log whose answer is worked out in the comment beside it.
 */
import { describe, expect, it } from 'vitest';
import { createEventLog } from '../../src/data/createEventLog.js';
import type { EventInput } from '../../src/data/types.js';
import { createFeatureMatrix, featureColumn } from '../../src/features/FeatureMatrix.js';
import type { FeatureSpec } from '../../src/features/FeatureSpec.js';
import { extractFeatures } from '../../src/features/extractFeatures.js';
import { scoreSentiment } from '../../src/features/scoreSentiment.js';
import { selectFeatureRows } from '../../src/features/selectFeatureRows.js';
import { validateFeatureSpecs } from '../../src/features/validateFeatureSpecs.js';
import { caught, errorCode } from '../helpers/errors.js';

const DAY = 86_400_000;
const CUTOFF = Date.UTC(2024, 3, 1);
const row = (m: ReturnType<typeof extractFeatures>, r = 0): Record<string, number> => Object.fromEntries(m.names.map((n, j) => [n, m.columns[j]![r]!]));

describe('extractFeatures: vocabulary option', () => {
  it('replaces the log vocabulary only for the roles it names', () => {
    // The log maps purchase to "sale"; the option adds activity → "ping". Before the fix the
    // option was merged over the library defaults, so purchase lost "sale" (count 0).
    const log = createEventLog(
      [
        { customerId: 'A', time: CUTOFF - 3 * DAY, type: 'sale', value: 10 },
        { customerId: 'A', time: CUTOFF - 2 * DAY, type: 'ping' },
      ],
      { vocabulary: { purchase: ['sale'] } },
    );
    const features: FeatureSpec[] = [{ op: 'count', role: 'purchase' }, { op: 'count', role: 'activity' }];
    expect(row(extractFeatures(log, { cutoff: CUTOFF, features }))).toEqual({ purchase_count: 1, activity_count: 0 });
    expect(row(extractFeatures(log, { cutoff: CUTOFF, features, vocabulary: { activity: ['ping'] } }))).toEqual({ purchase_count: 1, activity_count: 1 });
    // A role the option names is replaced, not extended.
    expect(row(extractFeatures(log, { cutoff: CUTOFF, features, vocabulary: { purchase: ['ping'] } }))).toEqual({ purchase_count: 1, activity_count: 0 });
    expect(caught(() => extractFeatures(log, { cutoff: CUTOFF, features, vocabulary: 5 as never })).path).toEqual(['vocabulary']);
    // A Map would spread to nothing and be ignored silently: it is refused.
    expect(caught(() => extractFeatures(log, { cutoff: CUTOFF, features, vocabulary: new Map([['purchase', ['ping']]]) as never })).path).toEqual(['vocabulary']);
  });
});

describe('extractFeatures: sentiment options and texts', () => {
  const log = createEventLog([
    { customerId: 'A', time: CUTOFF - 3 * DAY, type: 'complaint', text: 'terrible' },
    { customerId: 'A', time: CUTOFF - 2 * DAY, type: 'complaint', text: '' },
    { customerId: 'A', time: CUTOFF - 1 * DAY, type: 'complaint', text: '   ' },
    { customerId: 'B', time: CUTOFF - 1 * DAY, type: 'complaint', text: '' },
  ]);
  const features: FeatureSpec[] = [
    { op: 'sentiment', stat: 'mean', windowDays: 90 },
    { op: 'sentiment', stat: 'negativeShare', windowDays: 90 },
  ];

  it('does not count empty or blank texts (NaN when a customer has no other text)', () => {
    // A: only "terrible" is a text, so the mean is its score and the negative share 1;
    // B: its only text is empty, so both are NaN ("no text in the window"), not 0.
    const m = extractFeatures(log, { cutoff: CUTOFF, features });
    expect(m.columns[0]![0]).toBe(scoreSentiment('terrible').score);
    expect(m.columns[1]![0]).toBe(1);
    expect(m.columns[0]![1]).toBeNaN();
    expect(m.columns[1]![1]).toBeNaN();
  });

  it('checks a custom scorer and the lexicon as scoreSentiment does, under its own name', () => {
    const bad = (sentiment: unknown) => caught(() => extractFeatures(log, { cutoff: CUTOFF, features, sentiment: sentiment as never }));
    for (const [sentiment, code, path] of [
      [{ scorer: () => NaN }, 'INVALID_INPUT', ['sentiment', 'scorer']],
      [{ scorer: () => 7 }, 'INVALID_INPUT', ['sentiment', 'scorer']],
      [{ scorer: 'x' }, 'INVALID_OPTION', ['sentiment', 'scorer']],
      [{ lexicon: null }, 'INVALID_OPTION', ['sentiment', 'lexicon']],
      [{ lexicon: { negators: 5 } }, 'INVALID_OPTION', ['sentiment', 'lexicon', 'negators']],
      [{ lexicn: {} }, 'INVALID_OPTION', ['sentiment', 'lexicn']],
      [{ lexicon: { terms: { meh: 'bad' } } }, 'INVALID_OPTION', ['sentiment', 'lexicon', 'terms', 'meh']],
      [5, 'INVALID_OPTION', ['sentiment']],
    ] as const) {
      const e = bad(sentiment);
      expect([e.code, e.path, e.message.startsWith('extractFeatures: ')]).toEqual([code, path, true]);
    }
    // A scorer inside [−1, 1] is used as given.
    const m = extractFeatures(log, { cutoff: CUTOFF, features, sentiment: { scorer: () => -0.5 } });
    expect([m.columns[0]![0], m.columns[1]![0]]).toEqual([-0.5, 1]);
  });

  it('scoreSentiment rejects unknown options, a non-function scorer and scores outside [−1, 1]', () => {
    expect(errorCode(() => scoreSentiment('ok', { scorer: () => 5 }))).toBe('INVALID_INPUT');
    expect(errorCode(() => scoreSentiment('ok', { scorer: 5 as never }))).toBe('INVALID_OPTION');
    expect(caught(() => scoreSentiment('ok', { lexicn: {} } as never)).path).toEqual(['lexicn']);
    expect(caught(() => scoreSentiment('ok', { lexicon: 5 as never })).path).toEqual(['lexicon']);
    expect(scoreSentiment('ok', { scorer: () => 1 }).score).toBe(1);
  });
});

describe('scoreSentiment: Chinese words that contain a sentiment character', () => {
  it('reads 快递 (courier) and 好久 / 好几 (a long time / several) as neutral, and "not arrived" as negative', () => {
    // Before: 快 (fast) inside 快递 scored +0.25, and 好 (good) inside 好久 cancelled the complaint.
    expect(scoreSentiment('快递到了').score).toBe(0);
    expect(scoreSentiment('快递还没到').score).toBeLessThan(0);
    expect(scoreSentiment('好久没收到货').score).toBeLessThan(0);
    expect(scoreSentiment('等了好几天还没发货').score).toBeLessThan(0);
    // The single characters keep their meaning on their own.
    expect(scoreSentiment('物流很快').score).toBeGreaterThan(0);
    expect(scoreSentiment('快递很快').score).toBeGreaterThan(0);
    // 好多了 (much better) stays positive: its own entry is longer than the neutral 好多.
    expect(scoreSentiment('服务好多了').score).toBeGreaterThan(0);
    // A user lexicon entry wins over the neutral list.
    expect(scoreSentiment('快递', { lexicon: { terms: { 快递: 1 } } }).score).toBeGreaterThan(0);
  });
});

describe('custom features: slice.log holds only the past', () => {
  it("does not expose later events' times, types, texts or attribute values", () => {
    const past: EventInput[] = [{ customerId: 'A', time: CUTOFF - 10 * DAY, type: 'feature_use', attrs: { feature: 'export' } }];
    const future: EventInput[] = [
      { customerId: 'A', time: CUTOFF, type: 'feature_use', attrs: { feature: 'new_ai_tool' }, text: 'future' },
      { customerId: 'B', time: CUTOFF + DAY, type: 'cancel', value: 99 },
    ];
    const features: FeatureSpec[] = [
      { op: 'custom', name: 'known_features', compute: (s) => s.log.attr('feature')?.values.length ?? 0 },
      { op: 'custom', name: 'types', compute: (s) => s.log.types.length },
      { op: 'custom', name: 'has_text', compute: (s) => (s.log.hasText ? 1 : 0) },
      { op: 'custom', name: 'max_time', compute: (s) => Math.max(...s.log.time) },
      { op: 'custom', name: 'row_feature', compute: (s) => (s.log.attrAt('feature', s.rows[0]!) === 'export' ? 1 : 0) },
      { op: 'custom', name: 'is_feature_use', compute: (s) => (s.is(0, 'featureUse') ? 1 : 0) },
    ];
    const expected = { known_features: 1, types: 1, has_text: 0, max_time: CUTOFF - 10 * DAY, row_feature: 1, is_feature_use: 1 };
    expect(row(extractFeatures(createEventLog(past), { cutoff: CUTOFF, features }))).toEqual(expected);
    expect(row(extractFeatures(createEventLog([...past, ...future]), { cutoff: CUTOFF, features }))).toEqual(expected);
  });
});

describe('simultaneous events: the answer does not depend on their input order', () => {
  it('last survey score, survey change, detractor flag and campaign response', () => {
    // A: two surveys at one instant (9 and 3). The log orders simultaneous events by type name,
    // then value, so 3 comes before 9: last 9, change +6, not a detractor — in both input orders.
    // B: a campaign sent and opened at one instant: the open answers the send (response 1),
    // whichever comes first (type-name order puts campaign_opened first).
    const t = CUTOFF - 20 * DAY;
    const a9 = { customerId: 'A', time: t, type: 'nps', value: 9 };
    const a3 = { customerId: 'A', time: t, type: 'nps', value: 3 };
    const sent = { customerId: 'B', time: t, type: 'campaign_sent' };
    const opened = { customerId: 'B', time: t, type: 'campaign_opened' };
    const features: FeatureSpec[] = [
      { op: 'survey', stat: 'last' },
      { op: 'survey', stat: 'change' },
      { op: 'survey', stat: 'detractor' },
      { op: 'campaignResponse' },
    ];
    for (const input of [[a9, a3, sent, opened], [a3, a9, opened, sent]]) {
      const m = extractFeatures(createEventLog(input), { cutoff: CUTOFF, features });
      expect(m.customerIds).toEqual(['A', 'B']);
      expect(Array.from(m.columns, (c) => c[0])).toEqual([9, 6, 0, NaN]);
      expect(m.columns[3]![1]).toBe(1);
    }
  });
});

describe('custom features: an attribute named __proto__', () => {
  it('reaches slice.log like any other attribute', () => {
    // Events parsed from JSON can carry the key "__proto__"; an object literal would take it as
    // the prototype and drop it.
    const events = JSON.parse('[{"customerId":"A","time":1700000000000,"type":"order","attrs":{"__proto__":"vip"}}]') as EventInput[];
    const log = createEventLog(events);
    expect(log.attrNames).toEqual(['__proto__']);
    const m = extractFeatures(log, {
      cutoff: CUTOFF,
      features: [{ op: 'custom', name: 'vip', compute: (s) => (s.log.attrAt('__proto__', s.rows[0]!) === 'vip' ? 1 : 0) }],
    });
    expect(m.columns[0]![0]).toBe(1);
  });
});

describe('feature definitions at their edges', () => {
  it('weekly slope weeks are [cutoff − (k+1)·7d, cutoff − k·7d), like every other window', () => {
    // A: one activity exactly 7 days before the cutoff: in the 7-day window, so in the last week
    // of 12: slope = Σ(x − 5.5)(y − 1/12) / Σ(x − 5.5)² = 5.5 / 143. B: one exactly 84 days
    // before: in the 84-day window, so in the oldest week: −5.5 / 143.
    const log = createEventLog([
      { customerId: 'A', time: CUTOFF - 7 * DAY, type: 'login' },
      { customerId: 'B', time: CUTOFF - 84 * DAY, type: 'login' },
    ]);
    const m = extractFeatures(log, { cutoff: CUTOFF, features: [{ op: 'count', role: 'activity', windowDays: 7 }, { op: 'weeklySlope', role: 'activity', weeks: 12 }] });
    expect(Array.from(m.columns[0]!)).toEqual([1, 0]);
    expect(m.columns[1]![0]).toBeCloseTo(5.5 / 143, 15);
    expect(m.columns[1]![1]).toBeCloseTo(-5.5 / 143, 15);
  });

  it('distinctAttr does not count null or empty values', () => {
    // Values export, null and '' in the window: one distinct feature.
    const log = createEventLog(
      ['export', null, ''].map((feature, k) => ({ customerId: 'A', time: CUTOFF - (k + 1) * DAY, type: 'feature_use', attrs: { feature } })),
    );
    const m = extractFeatures(log, { cutoff: CUTOFF, features: [{ op: 'distinctAttr', role: 'featureUse', attr: 'feature', windowDays: 30 }] });
    expect(m.columns[0]![0]).toBe(1);
  });

  it('a type that is both a cart step and a purchase pays its session', () => {
    // One session: cart_add then checkout_completed (checkout and purchase). It reached the cart
    // and was paid, so no abandoned session and a rate of 0.
    const log = createEventLog(
      [
        { customerId: 'A', time: CUTOFF - DAY, type: 'cart_add' },
        { customerId: 'A', time: CUTOFF - DAY + 60_000, type: 'checkout_completed', value: 20 },
      ],
      { vocabulary: { checkout: ['checkout_completed'], purchase: ['checkout_completed'] } },
    );
    const m = extractFeatures(log, {
      cutoff: CUTOFF,
      features: [
        { op: 'funnel', stat: 'abandoned', windowDays: 30 },
        { op: 'funnel', stat: 'abandonRate', windowDays: 30 },
      ],
    });
    expect(Array.from(m.columns, (c) => c[0])).toEqual([0, 0]);
  });
});

describe('bad input is an error with a path, not a TypeError or a silent guess', () => {
  const log = createEventLog([{ customerId: 'A', time: CUTOFF - DAY, type: 'order', value: 1 }]);
  const features: FeatureSpec[] = [{ op: 'count', role: 'purchase' }];

  it('extractFeatures: customers as one string or non-finite numbers, a table that is not a table, a cutoff beyond the Date range', () => {
    expect(caught(() => extractFeatures(log, { cutoff: CUTOFF, features, customers: 'AB' as never })).path).toEqual(['customers']);
    expect(caught(() => extractFeatures(log, { cutoff: CUTOFF, features, customers: [NaN] })).path).toEqual(['customers']);
    for (const table of [{}, null, [{ id: 'A' }]]) expect(caught(() => extractFeatures(log, { cutoff: CUTOFF, features, table: table as never })).path).toEqual(['table']);
    expect(errorCode(() => extractFeatures(log, { cutoff: 1e20, features }))).toBe('INVALID_TIME');
    // Numbers still name customers.
    expect(extractFeatures(createEventLog([{ customerId: '7', time: CUTOFF - DAY, type: 'order' }]), { cutoff: CUTOFF, features, customers: [7] }).columns[0]![0]).toBe(1);
  });

  it('selectFeatureRows and featureColumn check their inputs', () => {
    const m = extractFeatures(createEventLog([...['A', 'B'].map((id) => ({ customerId: id, time: CUTOFF - DAY, type: 'order' }))]), { cutoff: CUTOFF, features });
    expect(caught(() => selectFeatureRows(m, [0, 1, 2])).path).toEqual(['rows', 2]);
    expect(caught(() => selectFeatureRows(m, [0.5])).path).toEqual(['rows', 0]);
    expect(caught(() => selectFeatureRows(m, null as never)).path).toEqual(['rows']);
    expect(errorCode(() => selectFeatureRows(null as never, [0]))).toBe('INVALID_INPUT');
    expect(errorCode(() => featureColumn(null as never, 'x'))).toBe('INVALID_INPUT');
    expect(selectFeatureRows(m, [1, 1]).customerIds).toEqual(['B', 'B']);
  });

  it('feature specs: custom kind categorical (no levels to name), empty attribute names, non-string unit', () => {
    const custom = { op: 'custom', name: 'c', compute: () => 0 };
    expect(caught(() => validateFeatureSpecs([{ ...custom, kind: 'categorical' }] as never)).path).toEqual(['features', 0, 'kind']);
    expect(caught(() => validateFeatureSpecs([{ ...custom, unit: 3 }] as never)).path).toEqual(['features', 0, 'unit']);
    expect(caught(() => validateFeatureSpecs([{ ...custom, nanMeaning: 3 }] as never)).path).toEqual(['features', 0, 'nanMeaning']);
    expect(caught(() => validateFeatureSpecs([{ op: 'attrShare', role: 'purchase', attrs: [''] }] as never)).path).toEqual(['features', 0, 'attrs']);
  });

  it('createFeatureMatrix: a meta without a name or kind', () => {
    const f = (meta: unknown) => caught(() => createFeatureMatrix({ customerIds: ['a'], features: [{ meta: meta as never, values: [1] }] }));
    expect(f({ description: 'd', unit: 'u', kind: 'numeric' }).path).toEqual(['features', 0, 'meta', 'name']);
    expect(f({ name: 'x', description: 'd', unit: 'u', kind: 'ordinal' }).path).toEqual(['features', 0, 'meta', 'kind']);
    expect(caught(() => createFeatureMatrix({ customerIds: ['a'], features: [null as never] })).path).toEqual(['features', 0]);
  });
});
