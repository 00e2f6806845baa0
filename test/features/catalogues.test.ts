import { linearRegression, sampleStandardDeviation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { createEventLog } from '../../src/data/createEventLog.js';
import type { EventInput } from '../../src/data/types.js';
import { featureColumn, type FeatureMatrix } from '../../src/features/FeatureMatrix.js';
import { defaultFeatures } from '../../src/features/defaultFeatures.js';
import { extractFeatures } from '../../src/features/extractFeatures.js';
import { scoreSentiment } from '../../src/features/scoreSentiment.js';

// Handmade log: every expected number below is worked out by hand in the comments from the
// events listed here (no engine output was pasted in). Tolerance 1e-12 unless stated.
const DAY = 86_400_000;
const MIN = 60_000;
const CUTOFF = Date.UTC(2024, 3, 1); // 2024-04-01T00:00Z
const d = (days: number, minutes = 0): number => CUTOFF - days * DAY + minutes * MIN;

function handmade(): EventInput[] {
  const a = 'a';
  const ev: EventInput[] = [
    // purchases: days 100, 60 (coupon), 40 (twice, one with coupon null), 10
    { customerId: a, time: d(100), type: 'order', value: 10 },
    { customerId: a, time: d(60), type: 'order', value: 20, attrs: { coupon: 'SAVE10' } },
    { customerId: a, time: d(40), type: 'order', value: 30, attrs: { coupon: null } },
    { customerId: a, time: d(40, 60), type: 'order', value: 5 },
    { customerId: a, time: d(10), type: 'order', value: 40 },
    // logins
    ...[d(120), d(85), d(50), d(45), d(20), d(5), d(5, 60), d(2)].map((t) => ({ customerId: a, time: t, type: 'login' })),
    // service
    { customerId: a, time: d(100, 5), type: 'ticket', text: 'Thanks, very helpful' },
    { customerId: a, time: d(20, 5), type: 'complaint', text: '客服态度很差，不满意' },
    { customerId: a, time: d(30), type: 'refund', value: 15 },
    { customerId: a, time: d(80), type: 'nps', value: 9 },
    { customerId: a, time: d(15), type: 'nps', value: 4 },
    // marketing
    { customerId: a, time: d(70), type: 'campaign_sent' },
    { customerId: a, time: d(69), type: 'campaign_opened' },
    { customerId: a, time: d(12), type: 'campaign_sent' },
    { customerId: a, time: d(70, 1), type: 'coupon_issued' },
    { customerId: a, time: d(60, -1), type: 'coupon_redeemed' },
    // funnel sessions: d60 (view, cart, order at d60) bought; d25 abandoned; d8 view only; d3 cart+checkout abandoned
    { customerId: a, time: d(60, -10), type: 'product_view' },
    { customerId: a, time: d(60, -5), type: 'cart_add' },
    { customerId: a, time: d(25), type: 'product_view' },
    { customerId: a, time: d(25, 10), type: 'cart_add' },
    { customerId: a, time: d(8), type: 'product_view' },
    { customerId: a, time: d(3), type: 'cart_add' },
    { customerId: a, time: d(3, 5), type: 'checkout' },
    // feature usage
    { customerId: a, time: d(50, 1), type: 'feature_use', attrs: { feature: 'reports' } },
    { customerId: a, time: d(45, 1), type: 'feature_use', attrs: { feature: 'export' } },
    { customerId: a, time: d(40, 1), type: 'feature_use', attrs: { feature: 'reports' } },
    { customerId: a, time: d(20, 1), type: 'feature_use', attrs: { feature: 'reports' } },
    { customerId: a, time: d(10, 1), type: 'feature_use', attrs: { feature: 'reports' } },
    // at and after the cutoff: must never be read
    { customerId: a, time: d(0), type: 'order', value: 1000, attrs: { coupon: 'X' } },
    { customerId: a, time: d(0), type: 'complaint', text: 'terrible' },
    { customerId: a, time: d(-1), type: 'login' },
    { customerId: a, time: d(-1), type: 'nps', value: 0 },
    { customerId: a, time: d(-2), type: 'campaign_sent' },
    // customer c: one order
    { customerId: 'c', time: d(5), type: 'order', value: 7.5 },
    // customer b: only after the cutoff
    { customerId: 'b', time: d(-3), type: 'order', value: 1 },
  ];
  return ev;
}

const get = (m: FeatureMatrix, name: string, id: string): number => featureColumn(m, name)[m.customerIds.indexOf(id)]!;

describe('extractFeatures on a handmade log (every catalogue)', () => {
  const log = createEventLog(handmade());
  const m = extractFeatures(log, { cutoff: CUTOFF });
  const v = (name: string, id = 'a'): number => get(m, name, id);

  it('rows: customers with an event before the cutoff, in log order', () => {
    expect(m.customerIds).toEqual(['a', 'c']);
    expect(m.cutoff).toBe(CUTOFF);
    expect(m.names.length).toBe(defaultFeatures.length);
    expect(m.meta.every((x) => typeof x.group === 'string' && x.description.length > 0)).toBe(true);
  });

  it('RFM and tenure', () => {
    expect(v('recency_days')).toBe(10);
    expect(v('frequency_orders')).toBe(5); // d100, d60, d40, d40+1h, d10
    expect(v('frequency_days')).toBe(4);
    expect(v('monetary_total')).toBe(105); // 10+20+30+5+40
    expect(v('monetary_mean')).toBe(21);
    expect(v('tenure_days')).toBe(120); // first login d120
    // BTYD (day clock, observation through the day before the cutoff): x = 4 days − 1,
    // t_x = 100 − 10 = 90, T = 100 − 1 = 99
    expect([v('btyd_x'), v('btyd_t_x'), v('btyd_T')]).toEqual([3, 90, 99]);
    expect([v('recency_days', 'c'), v('frequency_orders', 'c'), v('monetary_mean', 'c'), v('tenure_days', 'c')]).toEqual([5, 1, 7.5, 5]);
    expect([v('btyd_x', 'c'), v('btyd_t_x', 'c'), v('btyd_T', 'c')]).toEqual([0, 0, 4]);
  });

  it('BTYD in weeks with the unit option', () => {
    const w = extractFeatures(log, { cutoff: CUTOFF, features: [{ op: 'btyd', stat: 'T' }], unit: 'week' });
    expect(get(w, 'btyd_T', 'a')).toBeCloseTo(99 / 7, 12);
    expect(w.meta[0]!.unit).toBe('weeks');
  });

  it('engagement', () => {
    expect([v('activity_count_7d'), v('activity_count_30d'), v('activity_count_90d')]).toEqual([3, 4, 7]);
    expect([v('activity_active_days_7d'), v('activity_active_days_30d'), v('activity_active_days_90d')]).toEqual([2, 3, 6]);
    expect(v('activity_trend_30d')).toBe(2); // 4 in [d30, cutoff) ÷ 2 in [d60, d30) (d50, d45)
    expect(v('activity_recency_days')).toBe(2);
    // weeks k = floor((cutoff − t) / 7d): d2, d5, d5+1h → k0; d20 → k2; d45 → k6; d50 → k7; d85 → k12 (outside)
    const y = new Array(12).fill(0) as number[];
    y[11] = 3;
    y[9] = 1;
    y[5] = 1;
    y[4] = 1;
    const ref = linearRegression(y.map((yy, x) => [x, yy])).m; // simple-statistics 7 OLS slope
    expect(v('activity_weekly_slope_12w')).toBeCloseTo(ref, 12);
    expect(v('activity_count_30d', 'c')).toBe(0);
    expect(v('activity_trend_30d', 'c')).toBeNaN();
  });

  it('rhythm', () => {
    // distinct purchase days 100, 60, 40, 10 → gaps 40, 20, 30
    expect(v('purchase_gap_mean_days')).toBe(30);
    expect(v('purchase_gap_median_days')).toBe(30);
    expect(v('purchase_gap_cv')).toBeCloseTo(sampleStandardDeviation([40, 20, 30]) / 30, 12);
    expect(v('purchase_overdue_ratio')).toBeCloseTo(10 / 30, 12);
    expect(v('purchase_slowdown_ratio')).toBe(1); // 30 ÷ mean(40, 20)
    for (const n of ['purchase_gap_mean_days', 'purchase_gap_median_days', 'purchase_gap_cv', 'purchase_overdue_ratio', 'purchase_slowdown_ratio']) {
      expect(v(n, 'c')).toBeNaN();
    }
  });

  it('funnel', () => {
    expect([v('product_view_count_30d'), v('cart_add_count_30d'), v('checkout_count_30d'), v('purchase_count_30d')]).toEqual([2, 2, 1, 1]);
    // last 30 days: sessions d25 (cart, no order) and d3 (cart + checkout, no order) → 2 of 2 abandoned
    expect(v('cart_abandon_rate_30d')).toBe(1);
    // [d90, d30): session d60 − 10 min reached the cart and bought
    expect(v('cart_abandon_rate_60d_before30d')).toBe(0);
    expect([v('abandoned_sessions_30d'), v('abandoned_sessions_90d')]).toEqual([2, 2]);
    expect(v('cart_abandon_rate_30d', 'c')).toBeNaN();
  });

  it('feature usage', () => {
    expect(v('feature_use_distinct_feature_30d')).toBe(1); // reports
    expect(v('feature_use_distinct_feature_30d_before30d')).toBe(2); // reports, export
    expect([v('feature_use_count_30d'), v('feature_use_count_30d_before30d')]).toEqual([2, 3]);
    expect(v('feature_use_trend_30d')).toBeCloseTo(2 / 3, 12);
  });

  it('service', () => {
    expect([v('ticket_count'), v('ticket_count_30d'), v('ticket_count_90d')]).toEqual([1, 0, 0]);
    expect([v('complaint_count'), v('complaint_count_30d'), v('complaint_count_90d')]).toEqual([1, 1, 1]);
    expect([v('refund_count'), v('refund_amount')]).toEqual([1, 15]);
    expect(v('refund_rate')).toBeCloseTo(15 / 105, 12);
    expect([v('survey_last_score'), v('survey_mean_score'), v('survey_score_change'), v('survey_detractor')]).toEqual([4, 6.5, -5, 1]);
    expect(v('survey_detractor', 'c')).toBeNaN();
  });

  it('sentiment: only the complaint at d20 falls in the last 90 days', () => {
    const s = scoreSentiment('客服态度很差，不满意').score;
    expect(s).toBeLessThan(0);
    expect(v('sentiment_mean_90d')).toBeCloseTo(s, 12);
    expect(v('negative_text_share_90d')).toBe(1);
    expect(v('sentiment_mean_90d', 'c')).toBeNaN();
  });

  it('marketing', () => {
    expect([v('campaign_sent_count'), v('campaign_sent_count_90d')]).toEqual([2, 2]);
    expect(v('campaign_open_rate')).toBe(0.5);
    expect(v('coupon_redemption_rate')).toBe(1);
    expect(v('coupon_order_share')).toBeCloseTo(1 / 5, 12); // d60 only; coupon null does not count
    expect(v('last_campaign_response')).toBe(1); // sent d12, order d10 (2 days later)
    expect(v('last_campaign_response', 'c')).toBeNaN();
  });

  it('an explicit customer list sets the rows, including customers without events', () => {
    const e = extractFeatures(log, { cutoff: CUTOFF, customers: ['b', 'a', 'zz'] });
    expect(e.customerIds).toEqual(['b', 'a', 'zz']);
    expect(get(e, 'frequency_orders', 'b')).toBe(0);
    expect(get(e, 'recency_days', 'b')).toBeNaN();
    expect(get(e, 'btyd_x', 'zz')).toBeNaN();
    expect(get(e, 'monetary_total', 'a')).toBe(105);
  });

  it('a custom feature sees typed slices of events before the cutoff only', () => {
    const e = extractFeatures(log, {
      cutoff: CUTOFF,
      features: [
        {
          op: 'custom',
          name: 'max_order',
          unit: 'currency',
          compute: (s) => {
            let best = NaN;
            for (let k = 0; k < s.length; k++) if (s.is(k, 'purchase') && !(s.value[k]! <= best)) best = s.value[k]!;
            expect(s.time[s.length - 1]!).toBeLessThan(s.cutoff);
            return best;
          },
        },
        { op: 'count', role: 'purchase' },
      ],
    });
    expect(get(e, 'max_order', 'a')).toBe(40); // 1000 is at the cutoff
    expect(get(e, 'max_order', 'c')).toBe(7.5);
    expect(e.meta[0]).toMatchObject({ name: 'max_order', unit: 'currency', kind: 'numeric' });
  });

  it('the vocabulary option remaps roles for one extraction', () => {
    const e = extractFeatures(log, { cutoff: CUTOFF, features: [{ op: 'count', role: 'purchase' }], vocabulary: { purchase: ['refund'] } });
    expect(get(e, 'purchase_count', 'a')).toBe(1);
  });

  it('empty log and a cutoff before every event give an empty matrix with all columns', () => {
    const empty = extractFeatures(createEventLog([]), { cutoff: CUTOFF });
    expect(empty.customerIds).toEqual([]);
    expect(empty.columns.every((c) => c.length === 0)).toBe(true);
    expect(empty.names.length).toBe(defaultFeatures.length);
    const early = extractFeatures(log, { cutoff: d(1000) });
    expect(early.customerIds).toEqual([]);
  });

  it('rejects bad options and custom features returning non-numbers', () => {
    expect(() => extractFeatures(log, { cutoff: 'soon' })).toThrowError(expect.objectContaining({ code: 'INVALID_TIME', path: ['cutoff'] }));
    expect(() => extractFeatures(log, { cutoff: CUTOFF, customers: ['a', 'a'] })).toThrowError(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => extractFeatures(log, { cutoff: CUTOFF, features: [{ op: 'custom', name: 'x', compute: () => 'no' as unknown as number }] })).toThrowError(
      expect.objectContaining({ code: 'INVALID_INPUT', path: ['features', 0, 'compute'] }),
    );
    expect(() => extractFeatures(log, { cutoff: CUTOFF, features: [{ op: 'attribute', column: 'age' }] })).toThrowError(expect.objectContaining({ code: 'INVALID_SPEC' }));
  });

  it('does not mutate its inputs', () => {
    const features = structuredClone(defaultFeatures as unknown[]);
    const copy = JSON.stringify(features);
    extractFeatures(log, { cutoff: CUTOFF, features: features as typeof defaultFeatures });
    expect(JSON.stringify(features)).toBe(copy);
  });
});
