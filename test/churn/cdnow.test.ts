import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { churnRateSeries, labelCustomers, purchaseGapQuantiles, type ChurnRule } from '../../src/churn/index.js';
import { createEventLog } from '../../src/data/createEventLog.js';
import type { EventLog } from '../../src/data/EventLog.js';
import type { EventInput } from '../../src/data/types.js';
import { calendarPeriods } from '../../src/time/index.js';
import { dataPath, describeWithData } from '../helpers/sharedData.js';

const DAY = 86_400_000;

describeWithData('CDNOW master log (real)', ['cdnow', 'CDNOW_master.txt'], () => {
  let log: EventLog;
  /** customer → ascending purchase times, parsed independently of the event log */
  const byCustomer = new Map<string, number[]>();

  beforeAll(() => {
    // whitespace separated: customer_id date(yyyymmdd) number_of_cds dollar_value; one header line
    const lines = readFileSync(dataPath('cdnow', 'CDNOW_master.txt'), 'utf8').split('\n').slice(1);
    const events: EventInput[] = [];
    for (const line of lines) {
      const f = line.trim().split(/\s+/);
      if (f.length !== 4) continue;
      const [id, d, n, v] = f as [string, string, string, string];
      const time = Date.UTC(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8)));
      events.push({ customerId: id, time, type: 'order', value: Number(v), quantity: Number(n) });
      const list = byCustomer.get(id) ?? [];
      list.push(time);
      byCustomer.set(id, list);
    }
    for (const l of byCustomer.values()) l.sort((a, b) => a - b);
    log = createEventLog(events);
    expect(events.length).toBe(69_659); // README: 69,659 rows
    expect(log.customerCount).toBe(23_570);
  });

  it('monthly churn-rate series under 180-day inactivity equals a day-by-day brute-force count', () => {
    const rule: ChurnRule = { kind: 'inactivity', days: 180, roles: ['purchase'] };
    const series = churnRateSeries(log, rule, { start: '1997-01-01', end: '1998-07-01', period: 'month' });
    const dataEnd = Date.UTC(1998, 5, 30) + 1; // last event (1998-06-30) + 1 ms: the documented default
    // Independent computation straight from the definition: churned at t ⇔ t − (last purchase
    // strictly before t) > 180 days. All CDNOW times are UTC midnights, so the state is constant
    // on (midnight, next midnight] and checking t = midnight + 1 ms for each day suffices.
    const periods = calendarPeriods({ start: '1997-01-01', end: '1998-07-01', period: 'month' });
    const lastBefore = (ts: number[], t: number): number => {
      let lo = 0;
      let hi = ts.length;
      while (lo < hi) {
        const m = (lo + hi) >>> 1;
        if (ts[m]! < t) lo = m + 1;
        else hi = m;
      }
      return lo === 0 ? NaN : ts[lo - 1]!;
    };
    const churnedAt = (ts: number[], t: number): boolean => t - lastBefore(ts, t) > 180 * DAY;
    const expected = periods.map((p) => ({ label: p.label, activeAtStart: 0, churned: 0, returned: 0, newCustomers: 0 }));
    for (const ts of byCustomer.values()) {
      const first = ts[0]!;
      periods.forEach((p, k) => {
        const e = expected[k]!;
        if (first >= p.start && first < p.end) e.newCustomers++;
        if (first < p.start && !churnedAt(ts, p.start)) {
          e.activeAtStart++;
          for (let t = p.start + 1; t < p.end && t <= dataEnd; t += DAY) {
            if (churnedAt(ts, t)) {
              e.churned++;
              break;
            }
          }
        }
        // came back: a purchase at x in the period while churned just before it
        if (ts.some((x) => x >= p.start && x < p.end && x > first && churnedAt(ts, x))) e.returned++;
      });
    }
    expect(series.map(({ label, activeAtStart, churned, returned, newCustomers }) => ({ label, activeAtStart, churned, returned, newCustomers }))).toEqual(expected);
    expect(series.map((p) => p.complete)).toEqual(periods.map((_, k) => k < periods.length - 1)); // June 1998 ends after the data
    // Shape checks that could fail if the definition drifted: CDNOW's cohort joined in 1997-Q1,
    // so nobody is new after March 1997, and the first churn times (first purchase 1997-01-01 +
    // 180 days = 1997-06-30) fall in June 1997.
    expect(series.slice(3).every((p) => p.newCustomers === 0)).toBe(true);
    expect(series.slice(0, 5).every((p) => p.churned === 0)).toBe(true);
    expect(series[5]!.churned).toBeGreaterThan(0);
    expect(series[3]!.activeAtStart).toBe(23_570);
    for (const p of series) expect(p.rate).toBe(p.activeAtStart > 0 ? p.churned / p.activeAtStart : NaN);
  });

  it('purchase-gap quantiles equal numpy.percentile (linear) on distinct purchase days', () => {
    // Reference: Python 3 + numpy 2.4.6, distinct purchase days per customer, np.diff,
    // np.percentile(gaps, [50, 75, 80, 90, 95, 99]) → [34, 94, 119, 200, 283, 416];
    // 44,021 gaps, 11,516 customers with a gap, 12,054 with one purchase day, mean 72.21398877808319.
    const q = purchaseGapQuantiles(log);
    expect(q.probs).toEqual([0.5, 0.75, 0.8, 0.9, 0.95, 0.99]);
    expect(q.days).toEqual([34, 94, 119, 200, 283, 416]);
    expect([q.gaps, q.customersWithGaps, q.singleOccasionCustomers]).toEqual([44_021, 11_516, 12_054]);
    expect(q.meanDays).toBeCloseTo(72.21398877808319, 10);
    // before: only gaps completed before the cutoff
    const early = purchaseGapQuantiles(log, { before: '1997-04-01', probs: [0.5] });
    expect(early.gaps).toBeLessThan(q.gaps);
    expect(early.gaps).toBeGreaterThan(0);
  });

  it('labels at 1998-01-01 with a 180-day horizon match the brute-force definition', () => {
    const C = Date.UTC(1998, 0, 1);
    const t = labelCustomers(log, { kind: 'inactivity', days: 180, roles: ['purchase'] }, { cutoff: C, horizonDays: 180 });
    let eligible = 0;
    let churned = 0;
    for (const ts of byCustomer.values()) {
      const L = lastBefore2(ts, C);
      if (Number.isNaN(L) || C - L > 180 * DAY) continue;
      eligible++;
      // follow purchases while each comes within 180 days of the previous one; the churn time
      // last + 180 d is in [C, C + 180 d) exactly when the chain never reaches past the cutoff
      let last = L;
      for (const x of ts) if (x >= C && x - last <= 180 * DAY) last = x;
      if (last + 180 * DAY < C + 180 * DAY) churned++;
    }
    expect(t.counts.eligible).toBe(eligible);
    expect(t.counts.churned).toBe(churned);
    expect(t.counts.censored).toBe(0); // 1998-01-01 + 180 d = 1998-06-30 ≤ dataEnd
  });
});

function lastBefore2(ts: number[], t: number): number {
  let r = NaN;
  for (const x of ts) if (x < t) r = x;
  return r;
}
