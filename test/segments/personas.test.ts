import { describe, expect, it } from 'vitest';
import { createEventLog } from '../../src/data/createEventLog.js';
import { createFeatureMatrix, featureColumn, type FeatureMatrix } from '../../src/features/FeatureMatrix.js';
import { extractFeatures } from '../../src/features/extractFeatures.js';
import { scoreSentiment } from '../../src/features/scoreSentiment.js';
import { assignPersonas } from '../../src/segments/assignPersonas.js';
import { DEFAULT_PERSONA_OPTIONS, type PersonaOptions } from '../../src/segments/PersonaOptions.js';
import { DEFAULT_PRICE_WORDS, personaFeatures } from '../../src/segments/personaFeatures.js';
import { caught, errorCode } from '../helpers/errors.js';

/** Neutral values of every column the personas read: none of the clauses that give a score hold. */
const NEUTRAL: Record<string, number> = {
  coupon_order_share: 0.1,
  coupon_issue_overdue_ratio: 0.5,
  coupon_redemption_rate: 0.2,
  price_text_count_180d: 0,
  complaint_count_180d: 0,
  refund_count_180d: 0,
  survey_last_score: 9,
  negative_text_share_180d: 0,
  session_gap_growth: 1,
  session_count_change_90d: 1,
  tenure_days: 200,
  monetary_total: 100,
};

function matrix(rows: Record<string, Record<string, number>>, drop: string[] = []): FeatureMatrix {
  const ids = Object.keys(rows);
  const names = Object.keys(NEUTRAL).filter((n) => !drop.includes(n));
  return createFeatureMatrix({
    customerIds: ids,
    features: names.map((name) => ({
      meta: { name, description: name, unit: 'x', kind: 'numeric' as const },
      values: ids.map((id) => rows[id]![name] ?? NEUTRAL[name]!),
    })),
  });
}

// One customer per persona, one who fits none, and one of each kind of partial fit.
const ROWS: Record<string, Record<string, number>> = {
  ps: { coupon_order_share: 0.8, coupon_issue_overdue_ratio: 3, coupon_redemption_rate: 0.7, price_text_count_180d: 2 },
  dis: { complaint_count_180d: 2, refund_count_180d: 1, survey_last_score: 2, negative_text_share_180d: 0.75 },
  fad: { session_gap_growth: 2, session_count_change_90d: 0.5 },
  ll: { tenure_days: 500, monetary_total: 5000 },
  none: {},
  tie: { coupon_order_share: 0.8, coupon_redemption_rate: 0.7, complaint_count_180d: 1, survey_last_score: 3 },
};

describe('assignPersonas on hand-built matrices', () => {
  const m = matrix(ROWS);
  const t = assignPersonas(m);

  it('places each customer in the persona its features describe, and the rest in none', () => {
    expect(t.customerIds).toEqual(['ps', 'dis', 'fad', 'll', 'none', 'tie']);
    expect(t.persona).toEqual(['price_sensitive', 'disappointed', 'fading', 'lost_loyal', 'none', 'price_sensitive']);
    expect(t.counts).toEqual({ price_sensitive: 2, disappointed: 1, fading: 1, lost_loyal: 1, none: 1 });
  });

  it('scores are the weighted share of the clauses that hold, 0 when a required clause fails', () => {
    // price_sensitive weights 2,1,1,1; disappointed 2,1,1,1; fading growth 2 (required) + change 1;
    // lost_loyal tenure 1, value 2, sudden stop 1, full price 1 (no complaint, tenure, value, stop required).
    expect(Array.from(t.scores.price_sensitive)).toEqual([1, 0, 0, 0, 0, 0.6]);
    expect(Array.from(t.scores.disappointed)).toEqual([0, 1, 0, 0, 0, 0.6]);
    expect(Array.from(t.scores.fading)).toEqual([0, 0, 1, 0, 0, 0]);
    // ll: tenure 500 ≥ 365, value 5000 ≥ q0.9 of [100×5, 5000] = 2550, growth 1 < 2, coupon share 0.1 < 0.5.
    expect(Array.from(t.scores.lost_loyal)).toEqual([0, 0, 0, 1, 0, 0]);
  });

  it('ties go to price_sensitive before disappointed (documented order)', () => {
    expect(t.scores.price_sensitive[5]).toBe(t.scores.disappointed[5]);
    expect(t.persona[5]).toBe('price_sensitive');
  });

  it('gives the reasons of the primary persona in plain language, none for none', () => {
    expect(t.reasons[0]!.map((r) => r.feature)).toEqual(['coupon_order_share', 'coupon_issue_overdue_ratio', 'coupon_redemption_rate', 'price_text_count_180d']);
    expect(t.reasons[0]![0]).toEqual({ feature: 'coupon_order_share', value: 0.8, threshold: 0.5, text: '80% of orders used a coupon or discount (≥ 50%)' });
    expect(t.reasons[1]!.map((r) => r.text)).toMatchInlineSnapshot(`
      [
        "2 complaints in the last 180 days (≥ 1)",
        "1 refunds in the last 180 days (≥ 1)",
        "last survey score 2 (≤ 6)",
        "75% of texts in the last 180 days were negative (≥ 50%)",
      ]
    `);
    expect(t.reasons[2]!.map((r) => r.text)).toMatchInlineSnapshot(`
      [
        "no negative signal: 0 complaints in the last 180 days (< 1)",
        "the last silences were 2× the usual gap (≥ 1.3×): a growing silence",
        "active days fell to 0.5× of the 90 days before (≤ 0.75×)",
      ]
    `);
    expect(t.reasons[3]!.find((r) => r.feature === 'monetary_total')).toEqual({
      feature: 'monetary_total',
      value: 5000,
      threshold: 2550,
      text: 'spent 5000 in total (≥ 2550, high value)',
    });
    expect(t.reasons[4]).toEqual([]);
  });

  it('a complaint rules out fading and lost_loyal (no negative signal is required)', () => {
    const r = assignPersonas(matrix({ fad: { ...ROWS.fad, complaint_count_180d: 1 }, ll: { ...ROWS.ll, complaint_count_180d: 1 }, a: {}, b: {}, c: {}, d: {} }));
    expect(r.scores.fading[0]).toBe(0);
    expect(r.scores.lost_loyal[1]).toBe(0);
    // one complaint alone is 2/5 of disappointed: below minScore 0.6
    expect(r.persona.slice(0, 2)).toEqual(['none', 'none']);
  });

  it('a NaN feature satisfies no clause', () => {
    const nan = Object.fromEntries(Object.keys(NEUTRAL).map((k) => [k, NaN]));
    const r = assignPersonas(matrix({ x: nan }));
    expect(r.persona).toEqual(['none']);
    expect([r.scores.price_sensitive[0], r.scores.disappointed[0], r.scores.fading[0], r.scores.lost_loyal[0]]).toEqual([0, 0, 0, 0]);
  });

  it('an empty matrix gives an empty table', () => {
    const r = assignPersonas(matrix({}));
    expect(r.customerIds).toEqual([]);
    expect(r.scores.fading.length).toBe(0);
    expect(r.counts).toEqual({ price_sensitive: 0, disappointed: 0, fading: 0, lost_loyal: 0, none: 0 });
  });

  it('does not mutate the matrix and gives the same result twice', () => {
    const before = m.columns.map((c) => Array.from(c));
    const again = assignPersonas(m);
    expect(m.columns.map((c) => Array.from(c))).toEqual(before);
    expect(JSON.stringify({ ...again, scores: Object.fromEntries(Object.entries(again.scores).map(([k, v]) => [k, Array.from(v)])) })).toBe(
      JSON.stringify({ ...t, scores: Object.fromEntries(Object.entries(t.scores).map(([k, v]) => [k, Array.from(v)])) }),
    );
    expect(Object.isFrozen(t.persona)).toBe(true);
  });
});

describe('assignPersonas options', () => {
  const m = matrix(ROWS);

  it('thresholds change the outcome as documented', () => {
    // fading needs growth ≥ 2.5 now: 2 no longer holds (required) → none
    expect(assignPersonas(m, { thresholds: { fading: { minGapGrowth: 2.5 } } }).persona[2]).toBe('none');
    // a stricter coupon share removes the weight-2 clause: 3/5
    const strict = assignPersonas(m, { thresholds: { price_sensitive: { minCouponOrderShare: 0.9 } } });
    expect(strict.scores.price_sensitive[0]).toBeCloseTo(0.6, 15);
    expect(strict.persona[5]).toBe('disappointed'); // tie row: price_sensitive 1/5 now
    // high value as an amount: 5000 < 10000 → lost_loyal fails its required value clause
    expect(assignPersonas(m, { thresholds: { lost_loyal: { highValue: { amount: 10_000 } } } }).persona[3]).toBe('none');
    expect(assignPersonas(m, { thresholds: { lost_loyal: { highValue: { amount: 4000 } } } }).reasons[3]!.find((r) => r.feature === 'monetary_total')!.threshold).toBe(4000);
    // minScore 1: the 0.6 tie row becomes none
    expect(assignPersonas(m, { minScore: 1 }).persona).toEqual(['price_sensitive', 'disappointed', 'fading', 'lost_loyal', 'none', 'none']);
    // minComplaints 3 makes 2 complaints no longer a clause of disappointed: 3/5
    expect(assignPersonas(m, { thresholds: { disappointed: { minComplaints: 3 } } }).scores.disappointed[1]).toBeCloseTo(0.6, 15);
  });

  it('options are plain JSON: a round trip gives the same table', () => {
    const opts: PersonaOptions = { minScore: 0.7, customers: ['tie', 'ps'], thresholds: { fading: { minGapGrowth: 1.8 }, lost_loyal: { highValue: { quantile: 0.5 } } } };
    const back = JSON.parse(JSON.stringify(opts)) as PersonaOptions;
    const a = assignPersonas(m, opts);
    const b = assignPersonas(m, back);
    expect(b.persona).toEqual(a.persona);
    expect(Array.from(b.scores.fading)).toEqual(Array.from(a.scores.fading));
    expect(JSON.parse(JSON.stringify(DEFAULT_PERSONA_OPTIONS))).toEqual(DEFAULT_PERSONA_OPTIONS);
    expect(Object.isFrozen(DEFAULT_PERSONA_OPTIONS.thresholds.lost_loyal)).toBe(true);
  });

  it('customers picks rows in the given order; status keeps at_risk and churned rows in matrix order', () => {
    const c = assignPersonas(m, { customers: ['ll', 'ps'] });
    expect(c.customerIds).toEqual(['ll', 'ps']);
    expect(c.persona).toEqual(['lost_loyal', 'price_sensitive']);
    const status = { customerIds: ['none', 'fad', 'ps', 'dis', 'll', 'tie'], status: ['churned', 'active', 'at_risk', 'new', 'churned', 'reactivated'] };
    const s = assignPersonas(m, { status });
    expect(s.customerIds).toEqual(['ps', 'll', 'none']);
    expect(s.counts).toEqual({ price_sensitive: 1, disappointed: 0, fading: 0, lost_loyal: 1, none: 1 });
  });

  it('rejects bad options with a path', () => {
    expect(caught(() => assignPersonas(m, { minScore: 0 })).path).toEqual(['minScore']);
    expect(caught(() => assignPersonas(m, { thresholds: { loyal: {} } as never })).path).toEqual(['thresholds', 'loyal']);
    const e = caught(() => assignPersonas(m, { thresholds: { fading: { minGap: 2 } as never } }));
    expect([e.code, e.path]).toEqual(['INVALID_OPTION', ['thresholds', 'fading', 'minGap']]);
    expect(caught(() => assignPersonas(m, { thresholds: { fading: { minGapGrowth: Number.NaN } } })).path).toEqual(['thresholds', 'fading', 'minGapGrowth']);
    expect(caught(() => assignPersonas(m, { thresholds: { lost_loyal: { highValue: { quantile: 2 } } } })).path).toEqual(['thresholds', 'lost_loyal', 'highValue']);
    expect(caught(() => assignPersonas(m, { customers: ['ps', 'ps'] })).path).toEqual(['customers', 1]);
    expect(errorCode(() => assignPersonas(m, { customers: ['zz'] }))).toBe('UNKNOWN_CUSTOMER');
    expect(errorCode(() => assignPersonas(m, { status: { customerIds: ['zz'], status: ['churned'] } }))).toBe('UNKNOWN_CUSTOMER');
    expect(errorCode(() => assignPersonas(m, { customers: ['ps'], status: { customerIds: [], status: [] } }))).toBe('INVALID_OPTION');
    expect(errorCode(() => assignPersonas(m, null as never))).toBe('INVALID_OPTION');
    expect(errorCode(() => assignPersonas({} as never))).toBe('INVALID_INPUT');
  });

  it('names every missing column and how to extract it', () => {
    const e = caught(() => assignPersonas(matrix(ROWS, ['session_gap_growth', 'price_text_count_180d'])));
    expect(e.code).toBe('UNKNOWN_COLUMN');
    expect(e.field).toBe('price_text_count_180d');
    expect(e.message).toMatchInlineSnapshot(
      `"assignPersonas: the feature matrix has no column "price_text_count_180d", "session_gap_growth"; extract it with extractFeatures(log, { cutoff, features: [...defaultFeatures, ...personaFeatures()] })."`,
    );
  });
});

describe('personaFeatures', () => {
  const DAY = 86_400_000;
  const t0 = Date.UTC(2024, 0, 1);
  // Visits every 10 days from day 0 to day 150, then on days 170, 200 and 230: the last three gaps
  // (20, 30, 30) average 26.67 against a median of 10 before → growth 2.6667. Active days with age
  // < 90 from day 230: 150, 170, 200, 230 (4); age 90..179: days 60..140 (9) → change 4/9.
  const days = [...Array.from({ length: 16 }, (_, i) => i * 10), 170, 200, 230];
  const events = [
    ...days.map((d) => ({ customerId: 'a', time: t0 + d * DAY + 3_600_000, type: 'visit' })),
    { customerId: 'a', time: t0 + 10 * DAY, type: 'ticket', text: 'Too expensive, any coupon?' }, // older than 180 days at the cutoff
    { customerId: 'a', time: t0 + 100 * DAY, type: 'ticket', text: 'Too expensive, any coupon?' },
    { customerId: 'a', time: t0 + 120 * DAY, type: 'survey', value: 10, text: 'Great prices and fast shipping.' }, // praise: not a price complaint
    { customerId: 'a', time: t0 + 200 * DAY, type: 'complaint', text: '太贵了' },
    { customerId: 'a', time: t0 + 260 * DAY, type: 'ticket', text: 'Why no discount?' }, // at/after the cutoff
    { customerId: 'b', time: t0, type: 'visit' },
  ];
  const log = createEventLog(events);
  const cutoff = t0 + 240 * DAY;
  const m = extractFeatures(log, { cutoff, features: personaFeatures() });

  it('adds 7 columns with the documented names', () => {
    expect(m.names).toEqual([
      'complaint_count_180d',
      'refund_count_180d',
      'negative_text_share_180d',
      'coupon_issue_overdue_ratio',
      'price_text_count_180d',
      'session_gap_growth',
      'session_count_change_90d',
    ]);
  });

  it('computes the rhythm anchored at the last active day', () => {
    expect(featureColumn(m, 'session_gap_growth')[0]).toBeCloseTo(80 / 3 / 10, 12);
    expect(featureColumn(m, 'session_count_change_90d')[0]).toBeCloseTo(4 / 9, 12);
    // customer b: one active day → NaN for both
    expect(featureColumn(m, 'session_gap_growth')[1]).toBeNaN();
    expect(featureColumn(m, 'session_count_change_90d')[1]).toBeNaN();
  });

  it('counts price texts of the last 180 days that are not praise, before the cutoff only', () => {
    expect(scoreSentiment('Great prices and fast shipping.').score).toBeGreaterThan(0);
    expect(Array.from(featureColumn(m, 'price_text_count_180d'))).toEqual([2, 0]);
    const later = extractFeatures(log, { cutoff: t0 + 300 * DAY, features: personaFeatures() });
    // at day 300 the window starts at day 120: day 100 drops out, day 260 comes in (day 120 is praise)
    expect(featureColumn(later, 'price_text_count_180d')[0]).toBe(2);
    const none = extractFeatures(log, { cutoff: t0 + 400 * DAY, features: personaFeatures() });
    expect(featureColumn(none, 'price_text_count_180d')[0]).toBe(1); // only day 260 is within 180 days of day 400
  });

  it('accepts its own price words and rejects bad ones', () => {
    const own = extractFeatures(log, { cutoff, features: personaFeatures({ priceWords: ['EXPENSIVE'] }) });
    expect(featureColumn(own, 'price_text_count_180d')[0]).toBe(1);
    expect(DEFAULT_PRICE_WORDS).toContain('贵');
    expect(caught(() => personaFeatures({ priceWords: ['ok', ''] })).path).toEqual(['priceWords', 1]);
    expect(errorCode(() => personaFeatures({ priceWords: 'price' as never }))).toBe('INVALID_OPTION');
  });
});
