import { describe, expect, it } from 'vitest';
import { churnStatus } from '../../src/churn/churnStatus.js';
import type { ChurnRule } from '../../src/churn/ChurnRule.js';
import { createEventLog } from '../../src/data/createEventLog.js';
import type { EventInput } from '../../src/data/types.js';
import { simulateShop } from '../../src/data/simulateShop.js';
import type { ActionRecord } from '../../src/lift/ActionRecord.js';
import { evaluateCampaign } from '../../src/lift/evaluateCampaign.js';
import { measureWinBack } from '../../src/lift/measureWinBack.js';
import { caught, errorCode } from '../helpers/errors.js';

const DAY = 86_400_000;
const T = (iso: string): number => Date.parse(iso);

// Hand log (UTC). Actions on 1 Mar 2024, window 30 days = [1 Mar, 31 Mar).
//   a: order 5 Jan (30), orders 10 Mar (25) and 20 Mar (5), visit 2 Mar → returned after 9 days, revenue 30.
//   b: order 20 Jan, visit 15 Mar, order 31 Mar 00:00 (exactly the window end: outside) → not returned.
//   c: order 1 Mar 00:00 (exactly the action time: inside, 12) → returned after 0 days.
//   d: order 1 Feb only, and a late visit 30 Jun (sets the data end) → not returned.
const events: EventInput[] = [
  { customerId: 'a', time: '2024-03-20T00:00:00Z', type: 'order', value: 5 },
  { customerId: 'a', time: '2024-01-05T00:00:00Z', type: 'order', value: 30 },
  { customerId: 'a', time: '2024-03-10T00:00:00Z', type: 'order', value: 25 },
  { customerId: 'a', time: '2024-03-02T00:00:00Z', type: 'visit' },
  { customerId: 'b', time: '2024-01-20T00:00:00Z', type: 'order', value: 40 },
  { customerId: 'b', time: '2024-03-15T00:00:00Z', type: 'visit' },
  { customerId: 'b', time: '2024-03-31T00:00:00Z', type: 'order', value: 99 },
  { customerId: 'c', time: '2024-03-01T00:00:00Z', type: 'order', value: 12 },
  { customerId: 'd', time: '2024-02-01T00:00:00Z', type: 'order', value: 10 },
  { customerId: 'd', time: '2024-06-30T00:00:00Z', type: 'visit' },
];
const log = createEventLog(events);
const MAR1 = '2024-03-01T00:00:00Z';
const actions: ActionRecord[] = Object.freeze([
  Object.freeze({ customerId: 'a', time: MAR1, group: 'treatment', strategy: 's1', segment: 'x', cost: 2, value: 3 }),
  Object.freeze({ customerId: 'b', time: MAR1, group: 'control', strategy: 's1', segment: 'x' }),
  Object.freeze({ customerId: 'c', time: MAR1, group: 'treatment', strategy: 's1' }),
  Object.freeze({ customerId: 'd', time: MAR1, group: 'control', strategy: 's1' }),
]) as ActionRecord[];

describe('measureWinBack: purchases in [t, t + window)', () => {
  const r = measureWinBack(log, actions, { windowDays: 30 });

  it('returned, time to return and revenue per action, hand-worked', () => {
    expect(r.rows.map((x) => [x.customerId, x.returned, x.daysToReturn, x.revenue, x.purchases])).toEqual([
      ['a', true, 9, 30, 2],
      ['b', false, NaN, 0, 0],
      ['c', true, 0, 12, 1],
      ['d', false, NaN, 0, 0],
    ]);
    expect(r.rows[0]!.returnTime).toBe(T('2024-03-10T00:00:00Z'));
    expect(r.rows[0]!.windowEnd).toBe(T(MAR1) + 30 * DAY);
    expect(r.rows.every((x) => x.windowComplete && !x.censored && x.churnedAtAction === null)).toBe(true);
    expect(r.definition).toBe('purchase');
    expect(r.dataEnd).toBe(T('2024-06-30T00:00:00Z') + 1);
  });

  it('outcomes carry the action fields and the evaluation is evaluateCampaign of them', () => {
    expect(r.outcomes).toEqual([
      { customerId: 'a', group: 'treatment', retained: true, revenue: 30, cost: 2, value: 3, segment: 'x', strategy: 's1' },
      { customerId: 'b', group: 'control', retained: false, revenue: 0, segment: 'x', strategy: 's1' },
      { customerId: 'c', group: 'treatment', retained: true, revenue: 12, strategy: 's1' },
      { customerId: 'd', group: 'control', retained: false, revenue: 0, strategy: 's1' },
    ]);
    expect(r.evaluation).toEqual(evaluateCampaign(r.outcomes));
    expect(r.evaluation!.overall.lift).toBe(1);
    expect(r.censored).toBe(0);
    expect(r.issues).toEqual([]);
  });

  it('events before the action and at or after the window end are never read', () => {
    const extra: EventInput[] = [
      ...events,
      { customerId: 'b', time: '2024-02-29T23:59:59Z', type: 'order', value: 500 },
      { customerId: 'd', time: '2024-03-31T00:00:00Z', type: 'order', value: 500 },
      { customerId: 'd', time: '2024-05-01T00:00:00Z', type: 'order', value: 500 },
    ];
    const r2 = measureWinBack(createEventLog(extra), actions, { windowDays: 30 });
    expect(r2.rows).toEqual(r.rows);
  });

  it('the order of the events does not matter (the log sorts them)', () => {
    const r2 = measureWinBack(createEventLog([...events].reverse()), actions, { windowDays: 30 });
    expect(r2.rows).toEqual(r.rows);
  });

  it('revenue is a compensated sum; purchases without a value are counted, not added', () => {
    // Ten orders of 0.1: a naive left-to-right sum gives 0.9999999999999999; Neumaier's gives 1.
    const ev: EventInput[] = Array.from({ length: 10 }, (_, k) => ({ customerId: 'z', time: T(MAR1) + k * DAY, type: 'order', value: 0.1 }));
    ev.push({ customerId: 'z', time: T(MAR1) + 11 * DAY, type: 'order' }); // no value
    let naive = 0;
    for (let k = 0; k < 10; k++) naive += 0.1;
    expect(naive).not.toBe(1);
    const z = measureWinBack(createEventLog(ev), [{ customerId: 'z', time: MAR1, group: 'treatment' }], { windowDays: 30, dataEnd: '2024-12-31' });
    expect(z.rows[0]!.revenue).toBe(1);
    expect(z.rows[0]!.purchases).toBe(11);
    expect(z.purchasesWithoutValue).toBe(1);
    expect(z.warnings.some((w) => w.includes('1 purchase(s) in the windows have no value'))).toBe(true);
    // one arm only: no evaluation, said in a warning
    expect(z.evaluation).toBeNull();
    expect(z.warnings).toContain('no evaluation: the control arm has no uncensored outcome.');
  });
});

describe('measureWinBack: censoring at the end of the data', () => {
  // dataEnd 20 Mar: every 30-day window from 1 Mar is cut. a returned on 10 Mar (before the
  // cut), c on 1 Mar; b and d have not come back by 20 Mar → censored.
  it("default 'unreturned': the unreturned are censored, the returned kept with their partial revenue", () => {
    const r = measureWinBack(log, actions, { windowDays: 30, dataEnd: '2024-03-20T00:00:00Z' });
    expect(r.rows.map((x) => [x.customerId, x.returned, x.censored, x.windowComplete, x.revenue])).toEqual([
      ['a', true, false, false, 25], // the 20 Mar order is at the data end: not read
      ['b', false, true, false, 0],
      ['c', true, false, false, 12],
      ['d', false, true, false, 0],
    ]);
    expect(r.censored).toBe(2);
    expect(r.censoredByGroup).toEqual({ treatment: 0, control: 2 });
    expect(r.outcomes.map((o) => o.customerId)).toEqual(['a', 'c']);
    expect(r.evaluation).toBeNull();
    expect(r.warnings[0]).toBe('2 action(s) censored (0 treated, 2 controls): their window runs past the end of the data (2024-03-20) ' +
      'and the customer has not come back yet; left out of the outcomes.');
    expect(r.warnings[1]).toMatch(/^2 returned action\(s\) have a window cut/);
  });

  it("'incomplete': every cut window is censored, returned or not", () => {
    const r = measureWinBack(log, actions, { windowDays: 30, dataEnd: '2024-03-20T00:00:00Z', censor: 'incomplete' });
    expect(r.rows.map((x) => [x.returned, x.censored, Number.isNaN(x.returnTime)])).toEqual([
      [false, true, true], [false, true, true], [false, true, true], [false, true, true],
    ]);
    expect(r.censored).toBe(4);
    expect(r.outcomes).toEqual([]);
  });

  it('a window that ends exactly at the data end is complete', () => {
    const r = measureWinBack(log, actions, { windowDays: 30, dataEnd: '2024-03-31T00:00:00Z' });
    expect(r.rows.every((x) => x.windowComplete && !x.censored)).toBe(true);
  });

  it('an action at or after the data end is censored (nothing observed)', () => {
    const r = measureWinBack(log, [{ customerId: 'a', time: '2024-07-01', group: 'treatment' }], { windowDays: 10 });
    expect(r.rows[0]).toMatchObject({ returned: false, censored: true, purchases: 0, revenue: 0 });
  });
});

describe('measureWinBack: unknown customers and repeated actions', () => {
  it('unknown customers are listed and counted, not measured', () => {
    const r = measureWinBack(log, [...actions, { customerId: 'ghost', time: MAR1, group: 'control' }, { customerId: 7, time: MAR1, group: 'treatment' }], { windowDays: 30 });
    expect(r.unknownCustomers).toBe(2);
    expect(r.issues.map((x) => [x.index, x.customerId, x.code])).toEqual([[4, 'ghost', 'UNKNOWN_CUSTOMER'], [5, '7', 'UNKNOWN_CUSTOMER']]);
    expect(r.rows).toHaveLength(4);
    expect(r.outcomes).toHaveLength(4);
    expect(r.warnings[0]).toBe('2 action(s) name customers with no event in the log (see issues); they are left out of the outcomes.');
  });

  it('several actions of one customer: each on its own window, outcome ids id, id#2, …', () => {
    const r = measureWinBack(log, [
      { customerId: 'a', time: '2024-03-05', group: 'treatment' },
      { customerId: 'a', time: '2024-03-15', group: 'treatment' },
      { customerId: 'a', time: '2024-01-01', group: 'control' },
      { customerId: 'b', time: '2024-03-01', group: 'control' },
    ], { windowDays: 10 });
    // [5 Mar, 15 Mar): order 10 Mar (25); [15 Mar, 25 Mar): order 20 Mar (5); [1 Jan, 11 Jan): order 5 Jan (30)
    expect(r.rows.map((x) => [x.returned, x.daysToReturn, x.revenue])).toEqual([[true, 5, 25], [true, 5, 5], [true, 4, 30], [false, NaN, 0]]);
    expect(r.outcomes.map((o) => o.customerId)).toEqual(['a', 'a#2', 'a#3', 'b']);
    expect(r.repeatedActions).toBe(2);
    expect(r.warnings.some((w) => w.startsWith('2 action(s) are for customers with an earlier action'))).toBe(true);
  });

  it('overlapping windows count a purchase in both', () => {
    const r = measureWinBack(log, [
      { customerId: 'a', time: '2024-03-08', group: 'treatment' },
      { customerId: 'a', time: '2024-03-09', group: 'control' },
    ], { windowDays: 5 });
    expect(r.rows.map((x) => x.revenue)).toEqual([25, 25]);
  });

  it('an id that collides with a generated suffix gets another #', () => {
    const l2 = createEventLog([
      { customerId: 'a', time: MAR1, type: 'order', value: 1 },
      { customerId: 'a#2', time: MAR1, type: 'order', value: 1 },
    ]);
    const r = measureWinBack(l2, [
      { customerId: 'a#2', time: MAR1, group: 'treatment' },
      { customerId: 'a', time: MAR1, group: 'treatment' },
      { customerId: 'a', time: MAR1, group: 'control' },
    ], { windowDays: 5 });
    expect(r.outcomes.map((o) => o.customerId)).toEqual(['a#2', 'a', 'a#2#']);
    expect(r.evaluation).not.toBeNull();
  });
});

describe('measureWinBack with a churn rule', () => {
  const rule: ChurnRule = { kind: 'inactivity', days: 20, roles: ['purchase'] };
  // Hand log, rule: churned 20 days after the last purchase.
  //   p: order 1 Jan → churned from 21 Jan; order 15 Mar brings it back; no more → churned again from 4 Apr.
  //   q: order 1 Jan → churned from 21 Jan; order 10 Mar → back; order 25 Mar → still active at 31 Mar.
  //   r: orders 20 Feb, 5 Mar, 18 Mar → never churned in March (retained).
  //   s: order 1 Jan, nothing else → churned throughout.
  const rl = createEventLog([
    { customerId: 'p', time: '2024-01-01', type: 'order', value: 1 },
    { customerId: 'p', time: '2024-03-15', type: 'order', value: 2 },
    { customerId: 'q', time: '2024-01-01', type: 'order', value: 1 },
    { customerId: 'q', time: '2024-03-10', type: 'order', value: 3 },
    { customerId: 'q', time: '2024-03-25', type: 'order', value: 4 },
    { customerId: 'r', time: '2024-02-20', type: 'order', value: 1 },
    { customerId: 'r', time: '2024-03-05', type: 'order', value: 5 },
    { customerId: 'r', time: '2024-03-18', type: 'order', value: 6 },
    { customerId: 's', time: '2024-01-01', type: 'order', value: 1 },
    { customerId: 's', time: '2024-12-01', type: 'visit' },
  ]);
  const acts: ActionRecord[] = ['p', 'q', 'r', 's'].map((id, k) => ({ customerId: id, time: MAR1, group: k % 2 === 0 ? 'treatment' : 'control' }));

  it('window 30 days (end 31 Mar): back unless churned at the window end', () => {
    const r = measureWinBack(rl, acts, { windowDays: 30, rule });
    expect(r.definition).toBe('rule');
    expect(r.rows.map((x) => [x.customerId, x.churnedAtAction, x.returned, x.daysToReturn, x.revenue])).toEqual([
      ['p', true, true, 14, 2], // back on 15 Mar, the next churn (4 Apr) is after the window end
      ['q', true, true, 9, 7], // back on 10 Mar (the spell's end), still active on 31 Mar
      ['r', false, true, NaN, 11], // never churned: retained, nothing to come back from
      ['s', true, false, NaN, 0],
    ]);
  });

  it('window 40 days (end 10 Apr): p and r churn (again) before the end, q does not', () => {
    // p: churned again from 4 Apr; r: last order 18 Mar → churned from 7 Apr; q: 25 Mar → 14 Apr.
    const r = measureWinBack(rl, acts, { windowDays: 40, rule });
    expect(r.rows.map((x) => x.returned)).toEqual([false, true, false, false]);
  });

  it('agrees with churnStatus at asOf = window end', () => {
    for (const days of [5, 10, 30, 40, 60]) {
      const r = measureWinBack(rl, acts, { windowDays: days, rule });
      const st = churnStatus(rl, rule, { asOf: T(MAR1) + days * DAY });
      for (const row of r.rows) {
        const k = st.customerIds.indexOf(row.customerId);
        expect(row.returned).toBe(st.status[k] !== 'churned');
      }
    }
  });

  it('censoring under a rule: still churned at the data end → censored', () => {
    const r = measureWinBack(rl, acts, { windowDays: 30, rule, dataEnd: '2024-03-12' });
    // at 12 Mar: p churned (back only on 15 Mar) → censored; q back on 10 Mar → returned (partial);
    // r active → returned; s churned → censored
    expect(r.rows.map((x) => [x.returned, x.censored])).toEqual([[false, true], [true, false], [true, false], [false, true]]);
    expect(r.censoredByGroup).toEqual({ treatment: 1, control: 1 }); // p treated, s control
  });
});

describe('measureWinBack on simulateShop against a brute-force re-derivation', () => {
  const shop = simulateShop({ customers: 300, seed: 3 });
  const purchaseTypes = new Set(shop.log.vocabulary.purchase);
  // Raw events per customer, read back from the log one by one (the brute force scans them all).
  const all: { id: string; t: number; type: string; value: number }[] = [];
  for (let c = 0; c < shop.log.customerCount; c++) {
    for (let k = shop.log.start(c); k < shop.log.end(c); k++) {
      const row = shop.log.row(k);
      all.push({ id: shop.log.customerId(c), t: shop.log.time[row]!, type: shop.log.typeAt(row), value: shop.log.value[row]! });
    }
  }
  const acts: ActionRecord[] = shop.truth.customerIds.map((id, i) => ({
    customerId: id, time: Date.UTC(2023, 6 + (i % 12), 1 + (i % 27)), group: i % 3 === 0 ? 'control' : 'treatment',
  }));

  it('returned, first purchase and revenue match a scan of every event (revenue within 1e-9 relative)', () => {
    const r = measureWinBack(shop.log, acts, { windowDays: 60 });
    const dataEnd = r.dataEnd;
    expect(r.rows).toHaveLength(300);
    let returned = 0;
    for (const row of r.rows) {
      const t = row.actionTime;
      const until = Math.min(t + 60 * DAY, dataEnd);
      const ps = all.filter((e) => e.id === row.customerId && e.t >= t && e.t < until && purchaseTypes.has(e.type));
      const back = ps.length > 0;
      const censored = t + 60 * DAY > dataEnd && !back;
      expect(row.censored).toBe(censored);
      expect(row.returned).toBe(back);
      expect(row.purchases).toBe(ps.length);
      if (back) expect(row.returnTime).toBe(Math.min(...ps.map((e) => e.t)));
      const rev = ps.reduce((s, e) => s + (Number.isNaN(e.value) ? 0 : e.value), 0);
      expect(Math.abs(row.revenue - rev)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(rev)));
      if (back) returned++;
    }
    // the test is not vacuous: both kinds occur
    expect(returned).toBeGreaterThan(30);
    expect(300 - returned - r.censored).toBeGreaterThan(30);
  });
});

describe('measureWinBack: argument checks', () => {
  const ok = { windowDays: 30 };
  it('invalid actions throw with the path of the field', () => {
    const e = caught(() => measureWinBack(log, [actions[0]!, { customerId: 'b', time: 'next week', group: 'control' }], ok));
    expect(e.code).toBe('INVALID_TIME');
    expect(e.path).toEqual(['actions', 1, 'time']);
    expect(e.message).toBe('measureWinBack: actions[1].time must be a Date, ISO 8601 string or epoch ms; received "next week".');
    expect(caught(() => measureWinBack(log, [{ customerId: 'a', time: MAR1, group: 'both' as 'control' }], ok)).path).toEqual(['actions', 0, 'group']);
    expect(caught(() => measureWinBack(log, [{ customerId: '', time: MAR1, group: 'control' }], ok)).code).toBe('INVALID_CUSTOMER');
    expect(caught(() => measureWinBack(log, [{ customerId: 'a', time: MAR1, group: 'control', cost: -1 }], ok)).path).toEqual(['actions', 0, 'cost']);
    expect(caught(() => measureWinBack(log, [{ customerId: 'a', time: MAR1, group: 'control', value: NaN }], ok)).path).toEqual(['actions', 0, 'value']);
    expect(caught(() => measureWinBack(log, [{ customerId: 'a', time: MAR1, group: 'control', strategy: 3 as unknown as string }], ok)).path).toEqual(['actions', 0, 'strategy']);
    expect(caught(() => measureWinBack(log, [null as unknown as ActionRecord], ok)).code).toBe('INVALID_ROW');
    expect(errorCode(() => measureWinBack(log, [{ customerId: 'a', time: NaN, group: 'control' }], ok))).toBe('INVALID_TIME');
  });
  it('bad arguments and options', () => {
    expect(errorCode(() => measureWinBack(log, [], ok))).toBe('EMPTY_INPUT');
    expect(errorCode(() => measureWinBack(log, 'x' as unknown as ActionRecord[], ok))).toBe('INVALID_INPUT');
    expect(errorCode(() => measureWinBack({} as never, actions, ok))).toBe('INVALID_INPUT');
    expect(caught(() => measureWinBack(log, actions, { windowDays: 0 })).path).toEqual(['windowDays']);
    expect(errorCode(() => measureWinBack(log, actions, { windowDays: Infinity }))).toBe('INVALID_OPTION');
    expect(errorCode(() => measureWinBack(log, actions, undefined as never))).toBe('INVALID_OPTION');
    expect(caught(() => measureWinBack(log, actions, { windowDays: 5, censor: 'all' as 'incomplete' })).path).toEqual(['censor']);
    expect(errorCode(() => measureWinBack(log, actions, { windowDays: 5, dataEnd: 'soon' }))).toBe('INVALID_TIME');
    expect(errorCode(() => measureWinBack(log, actions, { windowDays: 5, rule: { kind: 'inactivity', days: -1 } as ChurnRule }))).toBe('INVALID_RULE');
    expect(errorCode(() => measureWinBack(log, actions, { windowDays: 5, campaign: { alpha: 2 } }))).toBe('INVALID_OPTION');
  });
  it('an empty log: every customer is unknown', () => {
    const r = measureWinBack(createEventLog([]), [{ customerId: 'a', time: MAR1, group: 'control' }], ok);
    expect(r.unknownCustomers).toBe(1);
    expect(r.rows).toEqual([]);
    expect(r.evaluation).toBeNull();
    expect(r.dataEnd).toBeNaN();
  });
  it('one customer in each arm works; the input is not modified (frozen)', () => {
    const r = measureWinBack(log, actions.slice(0, 2), ok);
    expect(r.evaluation!.overall.treatment.size).toBe(1);
    expect(r.evaluation!.overall.control.size).toBe(1);
  });
});
