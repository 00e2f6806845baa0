import { describe, expect, it } from 'vitest';
import { ChurnkitError } from '../../src/internal/errors.js';
import { labelCustomers, labelHistory, type ChurnRule } from '../../src/churn/index.js';
import { createEventLog } from '../../src/data/createEventLog.js';
import { day, deepFreeze, events, logOf, rowsById, type Ev } from './_logs.js';

// Every expected value below is worked out by hand from the rule's definition in ChurnRule.ts;
// dates are exact (no tolerance).

/**
 * A loyal customer who orders on the 1st and 15th of every month (gaps of at most 17 days) up
 * to 2024-12-01, so the default dataEnd (last event + 1 ms) is 2024-12-01T00:00:00.001Z.
 */
const Z: Ev[] = Array.from({ length: 23 }, (_, k) => ['z', `2024-${String((k >> 1) + 1).padStart(2, '0')}-${k % 2 === 0 ? '01' : '15'}`, 'order', 10] as Ev);

describe('inactivity rule', () => {
  const rule = deepFreeze<ChurnRule>({ kind: 'inactivity', days: 30, roles: ['purchase'] });
  const log = logOf([
    ['a', '2024-01-01', 'order'],
    ['a', '2024-02-15', 'order'], // silent 30 days → churned from 2024-03-16
    ['b', '2024-01-01', 'order'],
    ['b', '2024-02-15', 'order'],
    ['b', '2024-03-10', 'order'],
    ['b', '2024-04-05', 'order'], // next churn 2024-05-05, after the horizon
    ['c', '2024-01-15', 'order'], // churned 2024-02-14 < cutoff: not eligible
    ['d', '2024-03-01', 'order'], // first event exactly at the cutoff: belongs to the future
    ['e', '2024-01-31', 'order'], // churn time 2024-03-01 = cutoff: eligible (tie), label 1
    ['f', '2024-01-30', 'order'],
    ['f', '2024-03-01', 'order'], // 2024-01-30 + 30 d = 2024-02-29 < cutoff; the order at the cutoff is future
    ['g', '2024-02-20', 'login'], // no purchase: the clock starts at the first event → 2024-03-21
    ['h', '2024-02-20', 'order'],
    ['h', '2024-04-01', 'order'], // churned 2024-03-21, came back 04-01: still a churner in the horizon
    ['i', '2024-02-28', 'order'],
    ['i', '2024-02-28', 'order'], // duplicate purchase, same answer as one: churn 2024-03-29
    ...Z,
  ]);

  it('labels with known answers, ties at the cutoff and counts', () => {
    const t = labelCustomers(log, rule, { cutoff: '2024-03-01', horizonDays: 60 });
    expect(rowsById(t)).toEqual({
      a: [1, '2024-03-16', 0],
      b: [0, null, 0],
      e: [1, '2024-03-01', 0],
      g: [1, '2024-03-21', 0],
      h: [1, '2024-03-21', 0],
      i: [1, '2024-03-29', 0],
      z: [0, null, 0],
    });
    expect(t.counts).toEqual({ customers: 10, noHistory: 1, alreadyChurned: 2, notSelected: 0, eligible: 7, churned: 5, retained: 2, censored: 0 });
    expect(Array.from(t.cutoff)).toEqual(Array(7).fill(day('2024-03-01')));
    expect(t.dataEnd).toBe(day('2024-12-01') + 1);
    expect([...t.customerIndex].map((c) => log.customerId(c))).toEqual(t.customerIds);
  });

  it('censors horizons that run past the end of the data, never calling them retained', () => {
    const extra = logOf([...Z, ['y', '2024-10-20', 'order'], ['x', '2024-11-20', 'order']]);
    const t = labelCustomers(extra, rule, { cutoff: '2024-11-15', horizonDays: 60 });
    // y: churn 2024-11-19 observed before dataEnd → label 1. z: orders 11-15 and 12-01 keep it
    // active; its next churn (12-31) is after dataEnd and the horizon (to 2025-01-14) runs past
    // it → censored. x: first event after the cutoff → no history.
    expect(rowsById(t)).toEqual({ y: [1, '2024-11-19', 0], z: [0, null, 1] });
    const t2 = labelCustomers(extra, { kind: 'inactivity', days: 45, roles: ['purchase'] }, { cutoff: '2024-11-15', horizonDays: 60 });
    // 45 days: y → 2024-12-04 ≥ dataEnd, z → 2025-01-15: not observed, horizon ends 2025-01-14 > dataEnd.
    expect(rowsById(t2)).toEqual({ y: [0, null, 1], z: [0, null, 1] });
    expect(t2.counts.censored).toBe(2);
    expect(t2.counts.retained).toBe(0);
    // an explicit dataEnd far enough makes the same rows observed (retained / churned)
    const t3 = labelCustomers(extra, { kind: 'inactivity', days: 45, roles: ['purchase'] }, { cutoff: '2024-11-15', horizonDays: 60, dataEnd: '2025-02-01' });
    expect(rowsById(t3)).toEqual({ y: [1, '2024-12-04', 0], z: [0, null, 0] });
  });

  it('an event exactly at the cutoff does not change eligibility; one just before does', () => {
    const base: Ev[] = [['a', '2024-01-01', 'order'], ...Z];
    const at = labelCustomers(logOf([...base, ['a', '2024-03-01', 'order']]), rule, { cutoff: '2024-03-01', horizonDays: 30 });
    const none = labelCustomers(logOf(base), rule, { cutoff: '2024-03-01', horizonDays: 30 });
    const before = labelCustomers(logOf([...base, ['a', day('2024-03-01') - 1, 'order']]), rule, { cutoff: '2024-03-01', horizonDays: 30 });
    expect(at.customerIds).toEqual(['z']);
    expect(none.customerIds).toEqual(['z']);
    expect(before.customerIds).toEqual(['a', 'z']);
  });

  it('one customer with one event; unsorted and duplicated input give the same table', () => {
    const one = labelCustomers(logOf([['solo', '2024-01-01', 'order'], ['solo', '2024-06-01', 'login']]), rule, { cutoff: '2024-01-02', horizonDays: 40 });
    expect(rowsById(one)).toEqual({ solo: [1, '2024-01-31', 0] });
    const rows: Ev[] = [['a', '2024-01-05', 'order'], ['b', '2024-01-20', 'order'], ['a', '2024-02-01', 'order'], ...Z];
    const sorted = labelCustomers(logOf(rows), rule, { cutoff: '2024-02-10', horizonDays: 30 });
    const shuffled = labelCustomers(logOf([...rows].reverse().concat([rows[0]!])), rule, { cutoff: '2024-02-10', horizonDays: 30 });
    expect(rowsById(shuffled)).toEqual(rowsById(sorted));
    expect(rowsById(sorted)).toEqual({ a: [1, '2024-03-02', 0], b: [1, '2024-02-19', 0], z: [0, null, 0] });
  });

  it('restricts to eligible ids and rejects unknown ones', () => {
    const t = labelCustomers(log, rule, { cutoff: '2024-03-01', horizonDays: 60, eligible: ['a', 'c', 'z'] });
    expect(t.customerIds).toEqual(['a', 'z']); // c is already churned
    expect(t.counts.notSelected).toBe(5);
    expect(() => labelCustomers(log, rule, { cutoff: '2024-03-01', horizonDays: 60, eligible: ['nobody'] })).toThrowError(/customer "nobody" in option "eligible" has no events/);
  });
});

describe('cancellation rule', () => {
  const rule: ChurnRule = { kind: 'cancellation', effectiveDateAttr: 'ends_on', graceDays: 7 };
  const rows: Ev[] = [
    ['a', '2024-01-01', 'subscribe'],
    ['a', '2024-02-10', 'cancel', undefined, { ends_on: '2024-03-05' }], // effect 03-05 + 7 d = 03-12
    ['b', '2024-01-01', 'subscribe'],
    ['b', '2024-02-10', 'cancel', undefined, { ends_on: '2024-02-15' }], // effect 02-22 < cutoff
    ['c', '2024-01-01', 'subscribe'],
    ['c', '2024-02-10', 'cancel', undefined, { ends_on: '2024-03-05' }],
    ['c', '2024-03-08', 'renew'], // undone before it took effect
    ['d', '2024-02-25', 'cancel'], // no effective date: 02-25 + 7 d = 03-03
    ['e', '2024-01-01', 'subscribe'],
    ['e', '2024-03-01', 'cancel', undefined, { ends_on: day('2024-02-01') }], // at the cutoff; backdated: effect max(02-08, 03-01) = 03-01
    ['f', '2024-01-01', 'subscribe'],
    ['f', '2024-02-01', 'cancel', undefined, { ends_on: '2024-02-10' }],
    ['f', '2024-03-10', 'subscribe'], // churned 02-17, reactivated 03-10
    ...Z,
  ];
  const log = logOf(rows);

  it('effective dates, grace, undo, backdating and a cancel at the cutoff', () => {
    const t = labelCustomers(log, rule, { cutoff: '2024-03-01', horizonDays: 30 });
    expect(rowsById(t)).toEqual({
      a: [1, '2024-03-12', 0],
      c: [0, null, 0],
      d: [1, '2024-03-03', 0],
      e: [1, '2024-03-01', 0],
      z: [0, null, 0],
    });
    expect(t.counts).toMatchObject({ alreadyChurned: 2, eligible: 5, churned: 3, retained: 2 });
    // f is eligible again after coming back
    const later = labelCustomers(log, rule, { cutoff: '2024-03-11', horizonDays: 30 });
    expect(later.customerIds).toContain('f');
  });

  it('a bad effective date is an error with the row', () => {
    const bad = logOf([['a', '2024-01-01', 'cancel', undefined, { ends_on: 'soon' }], ...Z]);
    let err: unknown;
    try {
      labelCustomers(bad, rule, { cutoff: '2024-03-01', horizonDays: 30 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ChurnkitError);
    expect((err as ChurnkitError).code).toBe('INVALID_TIME');
    expect((err as ChurnkitError).field).toBe('ends_on');
    expect((err as ChurnkitError).path).toEqual(['effectiveDateAttr']);
    expect(typeof (err as ChurnkitError).row).toBe('number');
  });

  it('rejects a type that both cancels and undoes', () => {
    expect(() => labelCustomers(log, { kind: 'cancellation', types: ['cancel'], undoTypes: ['cancel'] }, { cutoff: '2024-03-01', horizonDays: 30 })).toThrowError(
      /event type "cancel" both cancels and undoes/,
    );
  });
});

describe('valueDrop rule', () => {
  // spend in the last 30 days < 0.5 × spend in the 30 days before. Breakpoints worked by hand:
  // orders 01-10 $100, 01-20 $100, 02-15 $50 →
  //   02-19: recent 50, baseline 200 → churned (50 < 100); 03-10: baseline 100 → 50 < 50 false → back;
  //   03-16: recent 0, baseline 150 → churned; both windows empty from 04-15: stays churned.
  const rule: ChurnRule = { kind: 'valueDrop', measure: 'spend', windowDays: 30, baselineDays: 30, ratio: 0.5 };
  const log = logOf([['a', '2024-01-10', 'order', 100], ['a', '2024-01-20', 'order', 100], ['a', '2024-02-15', 'order', 50], ...Z]);

  it('finds the exact moments the ratio is crossed', () => {
    expect(rowsById(labelCustomers(log, rule, { cutoff: '2024-02-01', horizonDays: 30 })).a).toEqual([1, '2024-02-19', 0]);
    expect(labelCustomers(log, rule, { cutoff: '2024-03-01', horizonDays: 30 }).customerIds).not.toContain('a'); // inside (02-19, 03-10]
    expect(rowsById(labelCustomers(log, rule, { cutoff: '2024-03-12', horizonDays: 10 })).a).toEqual([1, '2024-03-16', 0]);
    expect(labelCustomers(log, rule, { cutoff: '2024-06-01', horizonDays: 10 }).customerIds).not.toContain('a'); // silent: stays churned
  });

  it('counts orders instead of spend; zero baseline never churns', () => {
    const orders: ChurnRule = { kind: 'valueDrop', measure: 'orders', windowDays: 30, baselineDays: 30, ratio: 0.5 };
    // by count: 01-10,01-20 in recent then baseline; 02-19: recent 1 (02-15), baseline 2 → 1 < 1 false.
    // 03-16: recent 0, baseline 1 (02-15) → churned from 03-16.
    expect(rowsById(labelCustomers(log, orders, { cutoff: '2024-02-01', horizonDays: 60 })).a).toEqual([1, '2024-03-16', 0]);
    const fresh = logOf([['n', '2024-02-01', 'order', 5], ...Z]);
    // one order: baseline 0 until 03-02, then recent 0 < 0.5 × 5 → churned from 03-02
    expect(rowsById(labelCustomers(fresh, rule, { cutoff: '2024-02-02', horizonDays: 60 })).n).toEqual([1, '2024-03-02', 0]);
  });
});

describe('overdue rule', () => {
  const rule: ChurnRule = { kind: 'overdue', multiple: 2, minPurchases: 3, fallback: { kind: 'inactivity', days: 60, roles: ['purchase'] } };
  const log = logOf([
    ['a', '2024-01-01', 'order'],
    ['a', '2024-01-11', 'order'],
    ['a', '2024-01-21', 'order'], // gaps 10, 10 → median 10 → due 01-21 + 20 d = 02-10
    ['b', '2024-01-01', 'order'],
    ['b', '2024-01-11', 'order'], // 2 < 3 purchases: fallback 01-11 + 60 d = 03-11
    ['c', '2024-01-01', 'order'],
    ['c', '2024-01-11', 'order'],
    ['c', '2024-01-21', 'order'],
    ['c', '2024-01-21', 'order'], // same occasion: no zero gap
    ['c', '2024-02-05', 'order'], // gaps 10, 10, 15 → median 10 → due 02-25
    ['d', '2024-01-01', 'order'],
    ['d', '2024-01-02', 'order'],
    ['d', '2024-01-31', 'order'], // gaps 1, 29 → median 15 → due 03-01
    ['e', '2024-01-01', 'order'], // fallback churn 03-01, back 04-01
    ['e', '2024-04-01', 'order'],
    ['e', '2024-04-11', 'order'], // own rhythm from here: gaps 91, 10 → median 50.5 → due 04-11 + 101 d = 07-21
    ...Z,
  ]);

  it("uses each customer's own median gap, falls back below minPurchases", () => {
    expect(rowsById(labelCustomers(log, rule, { cutoff: '2024-02-01', horizonDays: 30 }))).toEqual({
      a: [1, '2024-02-10', 0],
      b: [0, null, 0],
      c: [1, '2024-02-25', 0],
      d: [1, '2024-03-01', 0],
      e: [1, '2024-03-01', 0], // fallback: 2024-01-01 + 60 d (31 + 29 days)
      z: [0, null, 0],
    });
    expect(labelCustomers(log, rule, { cutoff: '2024-03-05', horizonDays: 10 }).customerIds).not.toContain('e'); // fallback spell (03-01, 04-01]
    expect(rowsById(labelCustomers(log, rule, { cutoff: '2024-05-01', horizonDays: 60 })).e).toEqual([0, null, 0]); // fallback would say 06-10
    expect(rowsById(labelCustomers(log, rule, { cutoff: '2024-05-01', horizonDays: 90 })).e).toEqual([1, '2024-07-21', 0]);
  });
});

describe('anyOf / allOf', () => {
  const logins: Ev[] = Array.from({ length: 13 }, (_, w) => ['a', day('2024-01-01') + w * 7 * 86_400_000, 'login'] as Ev); // weekly to 2024-03-25
  const log = logOf([['a', '2024-01-01', 'order'], ...logins, ...Z]);
  const noOrders: ChurnRule = { kind: 'inactivity', days: 30, roles: ['purchase'] };
  const noLogins: ChurnRule = { kind: 'inactivity', days: 30, roles: ['activity'] };

  it('union and intersection of churn spells', () => {
    expect(rowsById(labelCustomers(log, { kind: 'anyOf', rules: [noOrders, noLogins] }, { cutoff: '2024-01-15', horizonDays: 120 })).a).toEqual([1, '2024-01-31', 0]);
    expect(rowsById(labelCustomers(log, { kind: 'allOf', rules: [noOrders, noLogins] }, { cutoff: '2024-01-15', horizonDays: 120 })).a).toEqual([1, '2024-04-24', 0]);
    expect(rowsById(labelCustomers(log, { kind: 'allOf', rules: [noOrders] }, { cutoff: '2024-01-15', horizonDays: 120 })).a).toEqual([1, '2024-01-31', 0]);
  });
});

describe('labelHistory', () => {
  const rule: ChurnRule = { kind: 'inactivity', days: 30, roles: ['purchase'] };
  const log = logOf([
    ['a', '2024-01-01', 'order'],
    ['a', '2024-02-15', 'order'],
    ['b', '2024-02-20', 'order'],
    ['b', '2024-04-01', 'order'],
    ...Z,
  ]);

  it('equals labelCustomers at each cutoff, stacked by customer then cutoff', () => {
    const cutoffs = ['2024-01-15', '2024-02-01', '2024-03-01', '2024-04-01'];
    const h = labelHistory(log, rule, { cutoffs: [...cutoffs].reverse(), horizonDays: 45 });
    expect(h.cutoffs).toEqual(cutoffs.map(day));
    const expected: string[] = [];
    for (const id of ['a', 'b', 'z']) {
      for (const c of cutoffs) {
        const one = labelCustomers(log, rule, { cutoff: c, horizonDays: 45 });
        const r = one.customerIds.indexOf(id);
        if (r >= 0) expected.push(`${id} ${c} ${one.label[r]} ${one.churnTime[r]} ${one.censored[r]}`);
      }
    }
    const got = h.customerIds.map((id, r) => `${id} ${new Date(h.cutoff[r]!).toISOString().slice(0, 10)} ${h.label[r]} ${h.churnTime[r]} ${h.censored[r]}`);
    expect(got).toEqual(expected);
    // a: churned 01-31 (not eligible 02-01), back 02-15, churned 03-16 (not eligible 04-01);
    // b: first order 02-20, churned 03-21 (the order at 04-01 is after that cutoff); z: always.
    expect(h.countsByCutoff.map((k) => k.eligible)).toEqual([2, 1, 3, 1]);
    expect(h.counts.eligible).toBe(h.customerIds.length);
  });

  it('grows its output past the initial capacity (3 daily buyers × 1,000 daily cutoffs)', () => {
    const daily: Ev[] = [];
    for (const id of ['p', 'q', 'r']) for (let d = 0; d < 1100; d++) daily.push([id, day('2024-01-01') + d * 86_400_000, 'order']);
    const h = labelHistory(logOf(daily), rule, { cutoffs: { start: '2024-01-02', end: day('2024-01-02') + 999 * 86_400_000, everyDays: 1 }, horizonDays: 10 });
    // every customer is active at every cutoff and buys again the next day: 3,000 retained rows
    expect(h.counts).toMatchObject({ customers: 3000, eligible: 3000, retained: 3000, churned: 0, censored: 0 });
    expect(h.customerIds.length).toBe(3000);
    expect(h.customerIds[2999]).toBe('r');
    expect(h.cutoff[2999]).toBe(day('2024-01-02') + 999 * 86_400_000);
  });

  it('accepts a cutoff series and rejects bad cutoffs', () => {
    const h = labelHistory(log, rule, { cutoffs: { start: '2024-01-15', end: '2024-04-15', everyDays: 30 }, horizonDays: 30 });
    expect(h.cutoffs.map((t) => new Date(t).toISOString().slice(0, 10))).toEqual(['2024-01-15', '2024-02-14', '2024-03-15', '2024-04-14']);
    expect(() => labelHistory(log, rule, { cutoffs: ['2024-01-15', '2024-01-15'], horizonDays: 30 })).toThrowError(/given twice/);
    expect(() => labelHistory(log, rule, { cutoffs: [], horizonDays: 30 })).toThrowError(/no cutoffs/);
    expect(() => labelHistory(log, rule, { cutoffs: ['2025-01-01'], horizonDays: 30 })).toThrowError(/after the end of the data/);
  });
});

describe('errors and edge cases', () => {
  const log = logOf([['a', '2024-01-01', 'order']]);
  it('empty log, bad options, bad rule', () => {
    const empty = labelCustomers(createEventLog([]), { kind: 'inactivity', days: 30 }, { cutoff: '2024-01-01', horizonDays: 30 });
    expect([empty.customerIds.length, empty.counts.customers, empty.dataEnd]).toEqual([0, 0, NaN]);
    expect(() => labelCustomers(log, { kind: 'inactivity', days: 30 }, { cutoff: 'later', horizonDays: 30 })).toThrowError(expect.objectContaining({ code: 'INVALID_TIME', path: ['cutoff'] }));
    expect(() => labelCustomers(log, { kind: 'inactivity', days: 30 }, { cutoff: '2024-01-01', horizonDays: NaN })).toThrowError(
      expect.objectContaining({ code: 'INVALID_OPTION', path: ['horizonDays'] }),
    );
    expect(() => labelCustomers(log, { kind: 'inactivity', days: 0 }, { cutoff: '2024-01-01', horizonDays: 30 })).toThrowError(expect.objectContaining({ code: 'INVALID_RULE', path: ['days'] }));
    expect(() => labelCustomers({} as never, { kind: 'inactivity', days: 1 }, { cutoff: '2024-01-01', horizonDays: 30 })).toThrowError(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => labelCustomers(log, { kind: 'inactivity', days: 1 }, undefined as never)).toThrowError(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });

  it('a cutoff equal to dataEnd is allowed; every row is then censored or churned at dataEnd', () => {
    const t = labelCustomers(log, { kind: 'inactivity', days: 30 }, { cutoff: day('2024-01-01') + 1, horizonDays: 30 });
    expect(rowsById(t)).toEqual({ a: [0, null, 1] });
  });

  it('does not mutate frozen events or rules', () => {
    const rows = deepFreeze(events([['a', '2024-01-01', 'order'], ['a', '2024-01-05', 'order']]));
    const rule = deepFreeze<ChurnRule>({ kind: 'anyOf', rules: [{ kind: 'inactivity', days: 3, types: ['order'] }] });
    const t = labelCustomers(createEventLog(rows), rule, { cutoff: '2024-01-05', horizonDays: 1, dataEnd: '2024-02-01' });
    expect(rowsById(t)).toEqual({}); // churned 2024-01-04 < cutoff
    expect(t.counts.alreadyChurned).toBe(1);
  });
});
