import { describe, expect, it } from 'vitest';
import { purchaseGapQuantiles } from '../../src/churn/index.js';
import { createEventLog } from '../../src/data/createEventLog.js';
import { logOf } from './_logs.js';

describe('purchaseGapQuantiles (handmade)', () => {
  // a: purchases on days 0, 10, 10 (same occasion), 40 → gaps 10, 30; b: 0, 5 → gap 5;
  // c: one purchase; d: only logins. Gaps sorted [5, 10, 30]; numpy.percentile linear:
  // p50 → 10, p90 → 10 + 0.8 × 20 = 26, p0 → 5, p100 → 30; mean 15.
  const log = logOf([
    ['a', '2024-01-01', 'order'],
    ['a', '2024-01-11', 'order'],
    ['a', '2024-01-11', 'pos_sale'],
    ['a', '2024-02-10', 'order'],
    ['b', '2024-03-01', 'order'],
    ['b', '2024-03-06', 'order'],
    ['b', '2024-03-07', 'login'],
    ['c', '2024-01-01', 'order'],
    ['d', '2024-01-01', 'login'],
    ['d', '2024-01-03', 'login'],
  ]);

  it('quantiles, counts and mean', () => {
    const q = purchaseGapQuantiles(log, { probs: [0, 0.5, 0.9, 1] });
    expect(q.days).toEqual([5, 10, 26, 30]);
    expect([q.gaps, q.customersWithGaps, q.singleOccasionCustomers, q.meanDays]).toEqual([3, 2, 1, 15]);
  });

  it('types, roles and before', () => {
    expect(purchaseGapQuantiles(log, { types: ['login'], probs: [0.5] }).days).toEqual([2]); // d: 2 days (b has one login)
    expect(purchaseGapQuantiles(log, { roles: ['purchase', 'activity'], probs: [1] }).days).toEqual([30]);
    const early = purchaseGapQuantiles(log, { before: '2024-02-10', probs: [0.5] }); // a's 30-day gap ends on 02-10 and b buys in March: only a's 10-day gap
    expect([early.gaps, early.days[0]]).toEqual([1, 10]);
  });

  it('empty log, no gaps, bad probabilities', () => {
    const e = purchaseGapQuantiles(createEventLog([]));
    expect(e.gaps).toBe(0);
    expect(e.days.every(Number.isNaN)).toBe(true);
    expect(e.meanDays).toBeNaN();
    expect(() => purchaseGapQuantiles(log, { probs: [1.5] })).toThrowError(expect.objectContaining({ code: 'INVALID_OPTION', path: ['probs', 0] }));
  });
});
