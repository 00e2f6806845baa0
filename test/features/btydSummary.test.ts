import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEventLog } from '../../src/data/createEventLog.js';
import { btydHoldout, btydKernel, btydSummary, emptyBtydStats } from '../../src/features/btydSummary.js';
import { ChurnkitError } from '../../src/internal/errors.js';
import { describeWithData } from '../helpers/sharedData.js';
import { loadCdnowSample, readNumericCsv } from '../models/btyd/cdnowFixtures.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

describe('btydSummary on small logs', () => {
  const events = Object.freeze([
    // a: purchases on day 0 (two lines, same day), day 7, day 14 (value absent) — cutoff at day 21
    { customerId: 'a', time: T0 + 14 * DAY + 3_600_000, type: 'order' },
    { customerId: 'a', time: T0, type: 'order', value: 10 },
    { customerId: 'a', time: T0 + 5_000, type: 'order', value: 5 },
    { customerId: 'a', time: T0 + 7 * DAY + 60_000, type: 'order', value: 20 },
    { customerId: 'a', time: T0 + 7 * DAY, type: 'login' },
    // b: one purchase, then one at the cutoff (must be ignored)
    { customerId: 'b', time: T0 + 2 * DAY, type: 'order', value: 8 },
    { customerId: 'b', time: T0 + 21 * DAY, type: 'order', value: 99 },
    // c: only logins
    { customerId: 'c', time: T0 + 1 * DAY, type: 'login' },
  ].map((e) => Object.freeze(e)));
  const log = createEventLog(events);
  const cutoff = T0 + 21 * DAY;

  it('merges same-day purchases, reads strictly before the cutoff, skips customers without purchases', () => {
    const s = btydSummary(log, { cutoff, unit: 'day' });
    expect(s.customerIds).toEqual(['a', 'b']);
    expect(Array.from(s.x)).toEqual([2, 0]);
    expect(Array.from(s.tx)).toEqual([14, 0]);
    // day clock: observation ends on day 20 (last day before the cutoff)
    expect(Array.from(s.T)).toEqual([20, 18]);
    // repeat transactions of a: 20 (day 7) and 0 (day 14, value absent)
    expect(Array.from(s.monetary)).toEqual([10, 0]);
    expect(s.missingValues).toBe(1);
    expect(s.customersWithoutPurchase).toBe(1);
    expect(Array.from(s.firstPurchase)).toEqual([T0, T0 + 2 * DAY]);
  });

  it('exact clock counts distinct timestamps and exact ages; week unit divides by 7', () => {
    const s = btydSummary(log, { cutoff, unit: 'week', clock: 'exact' });
    expect(Array.from(s.x)).toEqual([3, 0]);
    expect(s.tx[0]).toBeCloseTo((14 * DAY + 3_600_000) / (7 * DAY), 12);
    expect(s.T[0]).toBeCloseTo(3, 12);
    expect(s.monetary[0]).toBeCloseTo(25 / 3, 12);
  });

  it('a later cutoff sees b\'s second purchase; events after the cutoff never change the summary', () => {
    const later = btydSummary(log, { cutoff: cutoff + 1, unit: 'day' });
    expect(Array.from(later.x)).toEqual([2, 1]);
    const mutated = createEventLog([...events, { customerId: 'a', time: cutoff, type: 'order', value: 1e6 }]);
    const s1 = btydSummary(log, { cutoff, unit: 'day' });
    const s2 = btydSummary(mutated, { cutoff, unit: 'day' });
    expect(Array.from(s2.x)).toEqual(Array.from(s1.x));
    expect(Array.from(s2.monetary)).toEqual(Array.from(s1.monetary));
  });

  it('start drops earlier purchases; kernel agrees with the summary', () => {
    const s = btydSummary(log, { cutoff, unit: 'day', start: T0 + DAY });
    expect(s.customerIds).toEqual(['a', 'b']);
    expect(Array.from(s.x)).toEqual([1, 0]);
    expect(s.firstPurchase[0]).toBe(T0 + 7 * DAY);
    const k = btydKernel(log, { cutoff, unit: 'day' });
    const st = emptyBtydStats();
    expect(k(log.customerIndex('c'), st)).toBe(false);
    expect(st.x).toBeNaN();
    expect(k(log.customerIndex('a'), st)).toBe(true);
    expect([st.x, st.tx, st.T, st.monetary, st.events]).toEqual([2, 14, 20, 10, 4]);
  });

  it('empty log gives an empty summary; bad options throw INVALID_OPTION', () => {
    const s = btydSummary(createEventLog([]), { cutoff });
    expect(s.customerIds).toEqual([]);
    expect(s.x.length).toBe(0);
    expect(() => btydSummary(log, { cutoff: 'not a date' })).toThrowError(ChurnkitError);
    const err = (() => {
      try {
        btydSummary(log, { cutoff, unit: 'month' as 'week' });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(ChurnkitError);
    expect((err as ChurnkitError).code).toBe('INVALID_OPTION');
    expect((err as ChurnkitError).message).toMatchInlineSnapshot(`"btydSummary: option "unit" must be "week" or "day"; received "month"."`);
    expect(() => btydSummary(log, { cutoff, start: cutoff })).toThrowError(/start/);
    expect(() => btydHoldout(log, { calibrationEnd: cutoff, holdoutEnd: cutoff })).toThrowError(/holdoutEnd/);
  });

  it('holdout counts distinct purchase days in [calibrationEnd, holdoutEnd) and the per-period repeat series', () => {
    const h = btydHoldout(log, { calibrationEnd: T0 + 10 * DAY, holdoutEnd: cutoff + DAY, unit: 'week' });
    expect(h.customerIds).toEqual(['a', 'b']);
    expect(Array.from(h.counts)).toEqual([1, 1]); // a: day 14; b: day 21
    expect(h.duration).toBeCloseTo(12 / 7, 12);
    expect(h.origin).toBe(T0);
    // repeat transactions: a day 7 (week 1), a day 14 (week 2), b day 21 (week 3)
    expect(Array.from(h.repeatByPeriod)).toEqual([0, 1, 1, 1]);
    expect(h.calibrationEnd).toBeCloseTo(10 / 7, 12);
  });
});

describeWithData('btydSummary reproduces the CDNOW calibration file', ['cdnow', 'CDNOW_sample.txt'], () => {
  const log = loadCdnowSample();
  it('equals cdnow_customers_summary_with_transactions.csv for all 2,357 customers (rounded to 2 dp)', () => {
    // Convention that reproduces the file: day clock, calibration through 1997-09-30 inclusive
    // (exclusive cutoff 1997-10-01T00:00Z), weeks of 7 days, zbar = mean of repeat-day totals.
    const s = btydSummary(log, { cutoff: '1997-10-01', unit: 'week' });
    const ref = readNumericCsv('cdnow', 'cdnow_customers_summary_with_transactions.csv');
    expect(s.customerIds.length).toBe(2357);
    let worst = 0;
    for (let r = 0; r < 2357; r++) {
      const id = Number(s.customerIds[r]);
      expect(id).toBe(ref.ID![r]);
      expect(s.x[r]).toBe(ref.x![r]);
      worst = Math.max(worst, Math.abs(s.tx[r]! - ref.t_x![r]!), Math.abs(s.T[r]! - ref.T![r]!), Math.abs(s.monetary[r]! - ref.zbar![r]!));
    }
    // the file is rounded to 2 decimals
    expect(worst).toBeLessThanOrEqual(0.005 + 1e-9);
    const sumX = s.x.reduce((a, b) => a + b, 0);
    expect(sumX).toBe(2457);
    expect(s.x.filter((v) => v > 0).length).toBe(946);
  });

  it('holdout weeks 40–78 hold 1,882 repeat transactions (Fader, Hardie & Lee 2005)', () => {
    const h = btydHoldout(log, { calibrationEnd: '1997-10-01', holdoutEnd: '1998-07-01' });
    expect(h.duration).toBe(39);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(1882);
    expect(h.repeatByPeriod.length).toBe(78);
    expect(h.repeatByPeriod.reduce((a, b) => a + b, 0)).toBe(4339);
    expect(h.origin).toBe(Date.UTC(1997, 0, 1));
  });
});

describe('btydSummary properties (fast-check)', () => {
  const DAYS = 60;
  const event = fc.record({
    customer: fc.constantFrom('a', 'b', 'c', '7', '12'),
    day: fc.integer({ min: 0, max: DAYS }),
    ms: fc.integer({ min: 0, max: DAY - 1 }),
    type: fc.constantFrom('order', 'order', 'login'),
    value: fc.option(fc.integer({ min: 0, max: 50_000 }).map((c) => c / 100), { nil: undefined }),
  });
  const toInput = (e: { customer: string; day: number; ms: number; type: string; value: number | undefined }) =>
    e.value === undefined ? { customerId: e.customer, time: T0 + e.day * DAY + e.ms, type: e.type } : { customerId: e.customer, time: T0 + e.day * DAY + e.ms, type: e.type, value: e.value };

  it('events at or after the cutoff never change the summary; input order never matters', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), fc.array(event, { maxLength: 10 }), fc.integer({ min: 1, max: DAYS }), fc.constantFrom('day', 'exact'), (before, after, cutDay, clock) => {
        const cutoff = T0 + cutDay * DAY;
        const base = before.map(toInput);
        // later events: shifted to at/after the cutoff
        const late = after.map((e) => ({ ...toInput(e), time: cutoff + e.day * DAY + e.ms }));
        const opts = { cutoff, clock: clock as 'day' | 'exact', unit: 'day' as const };
        const s1 = btydSummary(createEventLog(base), opts);
        const s2 = btydSummary(createEventLog([...late, ...base].reverse()), opts);
        expect(s2.customerIds).toEqual(s1.customerIds);
        expect(Array.from(s2.x)).toEqual(Array.from(s1.x));
        expect(Array.from(s2.tx)).toEqual(Array.from(s1.tx));
        expect(Array.from(s2.T)).toEqual(Array.from(s1.T));
        s1.monetary.forEach((m, i) => expect(Math.abs(s2.monetary[i]! - m)).toBeLessThan(1e-9));
        // invariants: 0 ≤ tx ≤ T, x = 0 ⇒ tx = 0 and monetary = 0
        for (let i = 0; i < s1.x.length; i++) {
          expect(s1.tx[i]!).toBeGreaterThanOrEqual(0);
          expect(s1.tx[i]!).toBeLessThanOrEqual(s1.T[i]!);
          if (s1.x[i] === 0) expect([s1.tx[i], s1.monetary[i]]).toEqual([0, 0]);
        }
      }),
      { numRuns: 150, seed: 8 },
    );
  });
});
