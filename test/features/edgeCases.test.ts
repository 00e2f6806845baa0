import { describe, expect, it } from 'vitest';
import { createEventLog } from '../../src/data/createEventLog.js';
import { featureColumn } from '../../src/features/FeatureMatrix.js';
import { extractFeatures } from '../../src/features/extractFeatures.js';
import { scoreSentiment } from '../../src/features/scoreSentiment.js';

const DAY = 86_400_000;
const CUTOFF = Date.UTC(2024, 0, 1);

describe('extractFeatures edge cases', () => {
  it('NaN values are skipped by sums and means, but still counted as events', () => {
    const log = createEventLog([
      { customerId: 'a', time: CUTOFF - 3 * DAY, type: 'order', value: 10 },
      { customerId: 'a', time: CUTOFF - 2 * DAY, type: 'order' },
      { customerId: 'a', time: CUTOFF - 1 * DAY, type: 'order', value: 20 },
    ]);
    const m = extractFeatures(log, { cutoff: CUTOFF, features: [{ op: 'count', role: 'purchase' }, { op: 'sum', role: 'purchase' }, { op: 'mean', role: 'purchase' }] });
    expect(Array.from(m.columns, (c) => c[0])).toEqual([3, 30, 15]);
  });

  it('duplicate events count twice (de-duplication is mergeEventLogs\' job) and ties at one time stay distinct days once', () => {
    const e = { customerId: 'a', time: CUTOFF - DAY, type: 'order', value: 5 };
    const m = extractFeatures(createEventLog([e, e]), { cutoff: CUTOFF, features: [{ op: 'count', role: 'purchase' }, { op: 'activeDays', role: 'purchase' }, { op: 'sum', role: 'purchase' }] });
    expect(Array.from(m.columns, (c) => c[0])).toEqual([2, 1, 10]);
  });

  it('columns are views of one buffer, in column order, and slice() gives an independent column', () => {
    const log = createEventLog([
      { customerId: 'a', time: CUTOFF - 2 * DAY, type: 'order', value: 10 },
      { customerId: 'b', time: CUTOFF - 1 * DAY, type: 'order', value: 20 },
    ]);
    const m = extractFeatures(log, { cutoff: CUTOFF, features: [{ op: 'count', role: 'purchase' }, { op: 'sum', role: 'purchase' }] });
    const [count, sum] = m.columns as [Float64Array, Float64Array];
    expect(count.buffer).toBe(sum.buffer);
    expect([count.byteOffset, sum.byteOffset, count.buffer.byteLength]).toEqual([0, 16, 32]);
    const own = sum.slice();
    own[0] = -1;
    expect(Array.from(sum)).toEqual([10, 20]);
    // structuredClone copies the buffer once and the cloned views still share it.
    const copy = structuredClone(m.columns);
    expect(copy[0]!.buffer).toBe(copy[1]!.buffer);
    expect(Array.from(copy[1]!)).toEqual([10, 20]);
  });

  it('compensated sums: 1e16 + 1 − 1e16 money amounts keep the 1', () => {
    const log = createEventLog([1e16, 1, -1e16].map((v, k) => ({ customerId: 'a', time: CUTOFF - (3 - k) * DAY, type: 'order', value: v })));
    const m = extractFeatures(log, { cutoff: CUTOFF, features: [{ op: 'sum', role: 'purchase' }] });
    expect(m.columns[0]![0]).toBe(1); // naive left-to-right summation gives 0
  });

  it('a sentiment spec without roles reads texts on every event type; with roles only those', () => {
    const log = createEventLog([
      { customerId: 'a', time: CUTOFF - DAY, type: 'login', text: 'terrible app' },
      { customerId: 'a', time: CUTOFF - 2 * DAY, type: 'ticket', text: 'very helpful, thanks' },
    ]);
    const m = extractFeatures(log, {
      cutoff: CUTOFF,
      features: [
        { op: 'sentiment', stat: 'mean', windowDays: 30, name: 'all' },
        { op: 'sentiment', stat: 'mean', windowDays: 30, roles: ['ticket'], name: 'tickets' },
      ],
    });
    const a = scoreSentiment('terrible app').score;
    const t = scoreSentiment('very helpful, thanks').score;
    expect(featureColumn(m, 'all')[0]).toBeCloseTo((a + t) / 2, 12);
    expect(featureColumn(m, 'tickets')[0]).toBeCloseTo(t, 12);
  });

  it('a user scorer replaces the lexicon in sentiment features', () => {
    const log = createEventLog([{ customerId: 'a', time: CUTOFF - DAY, type: 'ticket', text: 'whatever' }]);
    const m = extractFeatures(log, { cutoff: CUTOFF, features: [{ op: 'sentiment', stat: 'mean' }], sentiment: { scorer: (s) => (s.length > 3 ? -0.5 : 0.5) } });
    expect(m.columns[0]![0]).toBe(-0.5);
  });

  it('a custom feature sees an empty slice for a listed customer without events', () => {
    const log = createEventLog([{ customerId: 'a', time: CUTOFF - DAY, type: 'order' }]);
    const m = extractFeatures(log, { cutoff: CUTOFF, customers: ['a', 'ghost'], features: [{ op: 'custom', name: 'n', compute: (s) => s.length }] });
    expect(Array.from(m.columns[0]!)).toEqual([1, 0]);
  });

  it('one customer, one event: gap statistics are NaN with their meaning in the metadata', () => {
    const log = createEventLog([{ customerId: 7, time: CUTOFF - DAY, type: 'order', value: 3 }]);
    const m = extractFeatures(log, { cutoff: CUTOFF, features: [{ op: 'gap', role: 'purchase', stat: 'mean' }] });
    expect(m.customerIds).toEqual(['7']);
    expect(m.columns[0]![0]).toBeNaN();
    expect(m.meta[0]!.nanMeaning).toBe('fewer than two purchase days');
  });

  it('median gap of an even number of gaps averages the middle two', () => {
    const days = [50, 40, 38, 20, 0]; // gaps 10, 2, 18, 20 → sorted 2, 10, 18, 20 → median 14
    const log = createEventLog(days.map((d) => ({ customerId: 'a', time: CUTOFF - (d + 1) * DAY, type: 'order' })));
    const m = extractFeatures(log, { cutoff: CUTOFF, features: [{ op: 'gap', role: 'purchase', stat: 'median' }, { op: 'gap', role: 'purchase', stat: 'slowdown' }] });
    expect(m.columns[0]![0]).toBe(14);
    expect(m.columns[1]![0]).toBeCloseTo(20 / 10, 12); // last gap 20 ÷ mean(10, 2, 18)
  });

  it('frozen inputs are accepted and left untouched', () => {
    const events = Object.freeze([Object.freeze({ customerId: 'a', time: CUTOFF - DAY, type: 'order', value: 1 })]);
    const features = Object.freeze([Object.freeze({ op: 'count' as const, role: 'purchase' as const, windowDays: 30 })]);
    const m = extractFeatures(createEventLog(events), { cutoff: CUTOFF, features });
    expect(m.columns[0]![0]).toBe(1);
    expect(Object.isFrozen(m)).toBe(true);
    expect(Object.isFrozen(m.meta[0])).toBe(true);
  });

  it('a filtered view (rows index) gives the same features as the base log for the kept events', () => {
    const events = [
      { customerId: 'a', time: CUTOFF - 5 * DAY, type: 'order', value: 3 },
      { customerId: 'a', time: CUTOFF - 4 * DAY, type: 'login' },
      { customerId: 'b', time: CUTOFF - 3 * DAY, type: 'login' },
      { customerId: 'a', time: CUTOFF - 2 * DAY, type: 'order', value: 4 },
      { customerId: 'c', time: CUTOFF - 1 * DAY, type: 'order', value: 5 },
    ];
    const log = createEventLog(events);
    const view = log.filter({ types: ['order'] });
    expect(view.rows).not.toBeNull();
    const features = [{ op: 'sum' as const, role: 'purchase' as const }, { op: 'recency' as const }, { op: 'tenure' as const }];
    const onView = extractFeatures(view, { cutoff: CUTOFF, features });
    const onOrders = extractFeatures(createEventLog(events.filter((e) => e.type === 'order')), { cutoff: CUTOFF, features });
    expect(onView.customerIds).toEqual(['a', 'c']);
    expect(onView.columns.map((c) => Array.from(c))).toEqual(onOrders.columns.map((c) => Array.from(c)));
    expect(Array.from(onView.columns[0]!)).toEqual([7, 5]);
  });

  it('median gap with many gaps (the sorted-array path) equals the sorted middle', () => {
    // 41 purchase days with gaps 1..40 in a shuffled order → median of 1..40 = 20.5
    const gaps = Array.from({ length: 40 }, (_, k) => ((k * 17) % 40) + 1);
    let day = 2000;
    const events = [{ customerId: 'a', time: CUTOFF - day * DAY, type: 'order' }];
    for (const g of gaps) {
      day -= g;
      events.push({ customerId: 'a', time: CUTOFF - day * DAY, type: 'order' });
    }
    const m = extractFeatures(createEventLog(events), { cutoff: CUTOFF, features: [{ op: 'gap', role: 'purchase', stat: 'median' }] });
    expect(new Set(gaps).size).toBe(40);
    expect(m.columns[0]![0]).toBe(20.5);
  });
});
