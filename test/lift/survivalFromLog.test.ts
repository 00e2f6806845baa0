import { describe, expect, it } from 'vitest';
import { churnStatus } from '../../src/churn/churnStatus.js';
import type { ChurnRule } from '../../src/churn/ChurnRule.js';
import { createCustomerTable } from '../../src/data/CustomerTable.js';
import { createEventLog } from '../../src/data/createEventLog.js';
import { simulateShop } from '../../src/data/simulateShop.js';
import { kaplanMeier } from '../../src/lift/kaplanMeier.js';
import { survivalFromLog } from '../../src/lift/survivalFromLog.js';
import { caught, errorCode } from '../helpers/errors.js';

const DAY = 86_400_000;
const rule: ChurnRule = { kind: 'inactivity', days: 30, roles: ['purchase'] };
// Hand log; inactivity rule: churned 30 days after the last purchase (before the first
// purchase, after the first event of any type).
//   a: orders 1 Jan, 20 Jan → churn 19 Feb: 49 days, churned.
//   b: orders 10 Jan, 1 Mar → churn 9 Feb (30 days), back on 1 Mar; first churn counts: 30 days, churned.
//   c: order 1 Mar → no churn by 15 Mar: censored at 14 days.
//   d: order 20 Mar → after asOf: not followed.
//   e: login 5 Jan, order 20 Feb → churn 4 Feb (30 days after the login), back 20 Feb: 30 days, churned.
const events = [
  { customerId: 'a', time: '2024-01-01T00:00:00Z', type: 'order' },
  { customerId: 'a', time: '2024-01-20T00:00:00Z', type: 'order' },
  { customerId: 'b', time: '2024-03-01T00:00:00Z', type: 'order' },
  { customerId: 'b', time: '2024-01-10T00:00:00Z', type: 'order' },
  { customerId: 'c', time: '2024-03-01T00:00:00Z', type: 'order' },
  { customerId: 'd', time: '2024-03-20T00:00:00Z', type: 'order' },
  { customerId: 'e', time: '2024-01-05T00:00:00Z', type: 'login' },
  { customerId: 'e', time: '2024-02-20T00:00:00Z', type: 'order' },
];
const log = createEventLog(events);
const asOf = '2024-03-15T00:00:00Z';

describe('survivalFromLog, hand-worked', () => {
  it('durations to the first churn, censoring at asOf, customers not yet started left out', () => {
    const s = survivalFromLog(log, rule, { asOf });
    expect(s.customerIds).toEqual(['a', 'b', 'c', 'e']);
    expect(Array.from(s.durationDays)).toEqual([49, 30, 14, 30]);
    expect(Array.from(s.churned)).toEqual([1, 1, 0, 1]);
    expect(s.notYetCustomers).toBe(1);
    expect(s.unassigned).toEqual([]);
    expect(s.groups).toHaveLength(1);
    const g = s.groups[0]!;
    expect(g.group).toBe('all');
    expect(g.customers).toBe(4);
    // KM: t=30: 3 at risk (14 censored before), 2 churn → 1/3; t=49: 1 at risk, 1 churn → 0.
    expect(Array.from(g.fit.time)).toEqual([30, 49]);
    expect(Array.from(g.fit.atRisk)).toEqual([3, 1]);
    expect(g.fit.survival[0]).toBeCloseTo(1 / 3, 15);
    expect(g.fit.survival[1]).toBe(0);
    expect(g.fit.censoredBefore).toBe(1);
    expect(g.fit.median).toBe(30);
  });

  it('a churn spell starting after asOf is not seen; the customer is censored', () => {
    // With asOf 15 Mar, c's churn (31 Mar) is in the future; with asOf 15 Apr it is at 30 days.
    const later = survivalFromLog(log, rule, { asOf: '2024-04-15T00:00:00Z' });
    const i = later.customerIds.indexOf('c');
    expect(later.durationDays[i]).toBe(30);
    expect(later.churned[i]).toBe(1);
  });

  it('point in time: events at or after asOf change nothing', () => {
    const base = survivalFromLog(log, rule, { asOf });
    const more = createEventLog([
      ...events,
      { customerId: 'c', time: asOf, type: 'order' },
      { customerId: 'a', time: '2024-05-01T00:00:00Z', type: 'order' },
      { customerId: 'f', time: asOf, type: 'order' },
    ]);
    const again = survivalFromLog(more, rule, { asOf });
    expect(again.customerIds).toEqual(base.customerIds);
    expect(Array.from(again.durationDays)).toEqual(Array.from(base.durationDays));
    expect(Array.from(again.churned)).toEqual(Array.from(base.churned));
    expect(again.notYetCustomers).toBe(2);
  });

  it('groups from a record: one fit per group in name order, customers without a group listed', () => {
    const s = survivalFromLog(log, rule, { asOf, groupBy: { b: 'x', a: 'x', c: 'w' } });
    expect(s.groups.map((g) => [g.group, g.customers])).toEqual([['w', 1], ['x', 2]]);
    expect(s.unassigned).toEqual(['e']);
    expect(s.group).toEqual(['x', 'x', 'w', null]);
    const x = s.groups[1]!.fit;
    const direct = kaplanMeier([49, 30], [1, 1]);
    expect(Array.from(x.survival)).toEqual(Array.from(direct.survival));
    expect(s.groups[0]!.fit.time.length).toBe(0); // c censored: no event time
  });

  it('groups from a Map as from the same record (a Map was once read as an empty record)', () => {
    const fromRecord = survivalFromLog(log, rule, { asOf, groupBy: { b: 'x', a: 'x', c: 'w' } });
    const fromMap = survivalFromLog(log, rule, { asOf, groupBy: new Map([['b', 'x'], ['a', 'x'], ['c', 'w']]) });
    expect(fromMap).toEqual(fromRecord);
    expect(caught(() => survivalFromLog(log, rule, { asOf, groupBy: new Map([['a', 7 as never]]) })).path).toEqual(['groupBy', 'a']);
  });

  it('groups from a customer-table column (missing value → unassigned)', () => {
    const table = createCustomerTable([
      { customerId: 'a', plan: 'basic' },
      { customerId: 'b', plan: 'premium' },
      { customerId: 'c', plan: 'basic' },
      { customerId: 'e', plan: null },
    ]);
    const s = survivalFromLog(log, rule, { asOf, groupBy: 'plan', table, alpha: 0.1 });
    expect(s.groups.map((g) => [g.group, g.customers])).toEqual([['basic', 2], ['premium', 1]]);
    expect(s.unassigned).toEqual(['e']);
    expect(s.groups[0]!.fit.alpha).toBe(0.1);
    expect(errorCode(() => survivalFromLog(log, rule, { asOf, groupBy: 'tier', table }))).toBe('UNKNOWN_COLUMN');
    expect(errorCode(() => survivalFromLog(log, rule, { asOf, groupBy: 'plan' }))).toBe('INVALID_OPTION');
  });

  it('errors', () => {
    expect(errorCode(() => survivalFromLog(log, rule, { asOf: '2023-01-01' }))).toBe('EMPTY_INPUT');
    expect(errorCode(() => survivalFromLog(log, rule, { asOf, groupBy: {} }))).toBe('EMPTY_INPUT');
    const bad = caught(() => survivalFromLog(log, rule, { asOf, groupBy: { a: 3 as never } }));
    expect(bad.code).toBe('INVALID_OPTION');
    expect(bad.path).toEqual(['groupBy', 'a']);
    expect(errorCode(() => survivalFromLog(log, { kind: 'inactivity', days: -1 } as never, { asOf }))).toBe('INVALID_RULE');
    expect(errorCode(() => survivalFromLog(log, rule, { asOf: 'later' }))).toBe('INVALID_TIME');
    expect(errorCode(() => survivalFromLog(log, rule, undefined as never))).toBe('INVALID_OPTION');
  });
});

describe('survivalFromLog on simulateShop (300 customers, seed 1) agrees with churnStatus', () => {
  it('churned-and-never-back customers: duration = churnStatus churnTime − firstEventTime; never churned: censored at asOf', () => {
    const shop = simulateShop({ customers: 300, seed: 1 });
    const r: ChurnRule = { kind: 'inactivity', days: 90, roles: ['purchase'] };
    const at = shop.end;
    const s = survivalFromLog(shop.log, r, { asOf: at });
    const st = churnStatus(shop.log, r, { asOf: at });
    expect(s.customerIds).toEqual(st.customerIds);
    let checkedChurned = 0;
    let checkedCensored = 0;
    for (let i = 0; i < st.customerIds.length; i++) {
      const neverBack = Number.isNaN(st.comebackTime[i]!);
      if (st.status[i] === 'churned' && neverBack) {
        expect(s.churned[i]).toBe(1);
        expect(s.durationDays[i]).toBeCloseTo((st.churnTime[i]! - st.firstEventTime[i]!) / DAY, 9);
        checkedChurned++;
      } else if (st.status[i] !== 'churned' && neverBack) {
        expect(s.churned[i]).toBe(0);
        expect(s.durationDays[i]).toBeCloseTo((at - st.firstEventTime[i]!) / DAY, 9);
        checkedCensored++;
      } else {
        expect(s.churned[i]).toBe(1); // came back from a churn: the first churn is an event
      }
    }
    expect(checkedChurned).toBeGreaterThan(20);
    expect(checkedCensored).toBeGreaterThan(20);
    const fit = s.groups[0]!.fit;
    for (let j = 1; j < fit.survival.length; j++) expect(fit.survival[j]!).toBeLessThan(fit.survival[j - 1]!);
  });
});
