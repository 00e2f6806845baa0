import { describe, expect, it } from 'vitest';
import { churnStatus } from '../../src/churn/churnStatus.js';
import type { ChurnRule } from '../../src/churn/ChurnRule.js';
import { createEventLog } from '../../src/data/createEventLog.js';
import type { EventInput } from '../../src/data/types.js';
import { simulateShop } from '../../src/data/simulateShop.js';
import { DAY_MS } from '../../src/internal/time.js';
import { lifecycleStages, type LifecycleStage } from '../../src/segments/lifecycleStages.js';
import { caught, errorCode } from '../helpers/errors.js';

// Hand log, asOf 2024-07-01, default rule (inactivity 90 days on purchase + activity), trend
// windows [2024-06-01, 2024-07-01) and [2024-05-02, 2024-06-01). Dates worked by hand (2024 is a leap year).
const ASOF = '2024-07-01';
const ev = (customerId: string, day: string, type: string): EventInput => ({ customerId, time: `${day}T00:00:00Z`, type });
const HAND: EventInput[] = [
  // new: first event 11 days before asOf
  ev('n1', '2024-06-20', 'order'),
  // active: 3 events in each window
  ...['2024-05-05', '2024-05-15', '2024-05-25', '2024-06-05', '2024-06-15'].map((d) => ev('a1', d, 'order')),
  ev('a1', '2024-06-25', 'login'),
  // declining: 4 visits in the previous window, 1 in the recent one (1 < 0.5 × 4)
  ...['2024-05-03', '2024-05-10', '2024-05-17', '2024-05-24', '2024-06-10'].map((d) => ev('d1', d, 'visit')),
  // boundary: 2 then 1 is not below half (1 < 0.5 × 2 is false) → active
  ...['2024-04-01', '2024-05-10', '2024-05-20', '2024-06-20'].map((d) => ev('b1', d, 'order')),
  // silent: last order 2024-05-02, 60 days ago ≥ 0.5 × 90; projected churn 2024-05-02 + 90 d = 2024-07-31
  ev('s1', '2024-01-10', 'order'),
  ev('s1', '2024-05-02', 'order'),
  // churned: last order 2024-02-01 + 90 d = 2024-05-01; a complaint does not reset the inactivity clock
  ev('c1', '2023-12-01', 'order'),
  ev('c1', '2024-02-01', 'order'),
  ev('c1', '2024-06-01', 'complaint'),
  // reactivated: churned 2023-10-01 + 90 d = 2023-12-30, came back 2024-06-15 (16 days ago)
  ev('r1', '2023-10-01', 'order'),
  ev('r1', '2024-06-15', 'order'),
  // not yet a customer at asOf
  ev('f1', '2024-07-05', 'order'),
];
const utc = (d: string) => Date.parse(`${d}T00:00:00Z`);

describe('lifecycleStages on a hand log', () => {
  const log = createEventLog(HAND);
  const t = lifecycleStages(log, { asOf: ASOF });
  const row = (id: string) => t.customerIds.indexOf(id);

  it('gives each customer the stage worked by hand', () => {
    const want: Record<string, LifecycleStage> = { n1: 'new', a1: 'active', d1: 'declining', b1: 'active', s1: 'silent', c1: 'churned', r1: 'reactivated' };
    expect(Object.fromEntries(t.customerIds.map((id, i) => [id, t.stage[i]]))).toEqual(want);
    expect(t.counts).toEqual({ new: 1, active: 2, declining: 1, silent: 1, churned: 1, reactivated: 1 });
    expect(t.notYetCustomers).toBe(1);
    expect(t.asOf).toBe(utc('2024-07-01'));
    expect(t.rule).toEqual({ kind: 'inactivity', days: 90, roles: ['purchase', 'activity'] });
  });

  it('states the dates that explain each stage', () => {
    expect(t.churnTime[row('c1')]).toBe(utc('2024-05-01'));
    expect(t.countdownStart[row('c1')]).toBe(utc('2024-02-01'));
    expect(t.lastEventTime[row('c1')]).toBe(utc('2024-06-01'));
    expect(t.projectedChurnTime[row('s1')]).toBe(utc('2024-07-31'));
    expect(t.comebackTime[row('r1')]).toBe(utc('2024-06-15'));
    expect(t.firstEventTime[row('n1')]).toBe(utc('2024-06-20'));
    expect(t.churnTime[row('a1')]).toBeNaN();
    expect([t.previousEvents[row('d1')], t.recentEvents[row('d1')]]).toEqual([4, 1]);
    expect([t.previousEvents[row('b1')], t.recentEvents[row('b1')]]).toEqual([2, 1]);
    expect([t.previousEvents[row('a1')], t.recentEvents[row('a1')]]).toEqual([3, 3]);
  });

  it('gives a one-line reason per customer', () => {
    expect(Object.fromEntries(t.customerIds.map((id, i) => [id, t.reason[i]]))).toMatchInlineSnapshot(`
      {
        "a1": "3 purchase/activity events in the last 30 days vs 3 in the 30 before; last event 2024-06-25 (6 days ago)",
        "b1": "1 purchase/activity events in the last 30 days vs 2 in the 30 before; last event 2024-06-20 (11 days ago)",
        "c1": "no purchase or activity since 2024-02-01 (151 days); churned on 2024-05-01",
        "d1": "1 purchase/activity events in the last 30 days vs 4 in the 30 before (0.25 < 0.5)",
        "n1": "first event on 2024-06-20 (11 days ago)",
        "r1": "came back on 2024-06-15 (16 days ago) after a churn spell",
        "s1": "no purchase or activity since 2024-05-02 (60 days); churns on 2024-07-31 if nothing happens",
      }
    `);
  });

  it('ignores events at or after asOf (an event exactly at asOf changes nothing)', () => {
    const later = createEventLog([
      ...HAND,
      ev('s1', '2024-07-01', 'order'), // exactly at asOf
      ev('c1', '2024-07-02', 'order'),
      ev('d1', '2024-07-01', 'visit'),
      ev('z9', '2024-07-01', 'order'), // a customer whose first event is at asOf
    ]);
    const u = lifecycleStages(later, { asOf: ASOF });
    expect(u.customerIds).toEqual(t.customerIds);
    expect(u.stage).toEqual(t.stage);
    expect(u.reason).toEqual(t.reason);
    expect([...u.recentEvents]).toEqual([...t.recentEvents]);
    expect([...u.lastEventTime]).toEqual([...t.lastEventTime]);
    expect(u.notYetCustomers).toBe(2);
  });

  it('does not depend on input order or duplicate-free input', () => {
    const shuffled = createEventLog([...HAND].reverse());
    expect(lifecycleStages(shuffled, { asOf: ASOF }).stage).toEqual(t.stage);
    // a duplicated visit of d1 in the previous window counts twice: 5 before, 1 recent → still declining
    const dup = lifecycleStages(createEventLog([...HAND, ev('d1', '2024-05-03', 'visit')]), { asOf: ASOF });
    expect(dup.previousEvents[dup.customerIds.indexOf('d1')]).toBe(5);
    expect(dup.stage[dup.customerIds.indexOf('d1')]).toBe('declining');
  });

  it('handles an empty log and a single customer', () => {
    const empty = lifecycleStages(createEventLog([]), { asOf: ASOF });
    expect(empty.customerIds).toEqual([]);
    expect(empty.counts).toEqual({ new: 0, active: 0, declining: 0, silent: 0, churned: 0, reactivated: 0 });
    const one = lifecycleStages(createEventLog([ev('x', '2024-03-01', 'login')]), { asOf: ASOF });
    // 122 days of silence > 90: churned on 2024-03-01 + 90 d = 2024-05-30
    expect([one.stage, one.reason]).toEqual([['churned'], ['no purchase or activity since 2024-03-01 (122 days); churned on 2024-05-30']]);
  });

  it('follows the options: trend window, ratio, roles, rule and countdown fraction', () => {
    // ratio 1: b1 (1 vs 2) now declines
    const strict = lifecycleStages(log, { asOf: ASOF, decliningRatio: 1 });
    expect(strict.stage[strict.customerIds.indexOf('b1')]).toBe('declining');
    // trend on activity only: a1 had 0 activity events before and 1 after → active; d1 unchanged
    const act = lifecycleStages(log, { asOf: ASOF, trendRoles: ['activity'] });
    expect([act.previousEvents[act.customerIds.indexOf('a1')], act.recentEvents[act.customerIds.indexOf('a1')]]).toEqual([0, 1]);
    expect(act.stage[act.customerIds.indexOf('d1')]).toBe('declining');
    // 20-day windows: d1 has 0 in [06-11, 07-01) and 2 (05-24, 06-10) in [05-22, 06-11) → declining
    const short = lifecycleStages(log, { asOf: ASOF, trendDays: 20 });
    expect([short.previousEvents[short.customerIds.indexOf('d1')], short.recentEvents[short.customerIds.indexOf('d1')]]).toEqual([2, 0]);
    expect(short.stage[short.customerIds.indexOf('d1')]).toBe('declining');
    // a purchase-only rule of 30 days: d1 (visits only) counts from its first event, 2024-05-03 + 30 d
    const rule: ChurnRule = { kind: 'inactivity', days: 30, roles: ['purchase'] };
    const p = lifecycleStages(log, { asOf: ASOF, rule });
    expect(p.stage[p.customerIds.indexOf('d1')]).toBe('churned');
    expect(p.reason[p.customerIds.indexOf('d1')]).toBe('no purchase since 2024-05-03 (59 days); churned on 2024-06-02');
    // atRiskFraction 0.7: s1 at 60/90 = 0.67 is no longer silent; its 05-02 order is in the
    // previous window and nothing in the recent one → declining
    const late = lifecycleStages(log, { asOf: ASOF, atRiskFraction: 0.7 });
    expect(late.stage[late.customerIds.indexOf('s1')]).toBe('declining');
    expect(late.counts.silent).toBe(0);
  });

  it('words reasons for a non-inactivity rule by the rule', () => {
    const rule: ChurnRule = { kind: 'cancellation', name: 'plan cancelled' };
    const l = createEventLog([ev('k', '2024-01-01', 'subscribe'), ev('k', '2024-03-01', 'cancel'), ev('k', '2024-06-20', 'login')]);
    const t2 = lifecycleStages(l, { asOf: ASOF, rule });
    expect(t2.stage).toEqual(['churned']);
    expect(t2.reason).toEqual(['churned on 2024-03-01 under the "plan cancelled" rule']);
  });

  it('rejects bad input and options with stable codes', () => {
    expect(errorCode(() => lifecycleStages({} as never, { asOf: ASOF }))).toBe('INVALID_INPUT');
    expect(errorCode(() => lifecycleStages(log, null as never))).toBe('INVALID_OPTION');
    expect(errorCode(() => lifecycleStages(log, { asOf: 'soon' }))).toBe('INVALID_TIME');
    expect(caught(() => lifecycleStages(log, { asOf: ASOF, trendDays: 0 })).path).toEqual(['trendDays']);
    expect(caught(() => lifecycleStages(log, { asOf: ASOF, decliningRatio: 1.5 })).path).toEqual(['decliningRatio']);
    expect(caught(() => lifecycleStages(log, { asOf: ASOF, trendRoles: [] })).path).toEqual(['trendRoles']);
    expect(errorCode(() => lifecycleStages(log, { asOf: ASOF, trendRoles: ['buying' as never] }))).toBe('UNKNOWN_ROLE');
    expect(errorCode(() => lifecycleStages(log, { asOf: ASOF, rule: { kind: 'inactivity', days: -1 } }))).toBe('INVALID_RULE');
     // Errors found by the churnStatus machinery it builds on still name lifecycleStages.
    for (const bad of [
      () => lifecycleStages(log, { asOf: ASOF, rule: { kind: 'inactivity', days: -1 } }),
      () => lifecycleStages(log, { asOf: 'soon' }),
      () => lifecycleStages(log, { asOf: ASOF, atRiskFraction: 2 }),
      () => lifecycleStages(log, { asOf: ASOF, recentDays: -3 }),
    ]) {
      expect(caught(bad).message).toMatch(/^lifecycleStages: /);
    }
  });
});

describe('lifecycleStages on simulateShop (consistency with churnStatus)', () => {
  const shop = simulateShop({ customers: 600, seed: 5 });
  const asOf = shop.end - 120 * DAY_MS;
  const rule: ChurnRule = { kind: 'inactivity', days: 90, roles: ['purchase', 'activity'] };
  const t = lifecycleStages(shop.log, { asOf });
  const s = churnStatus(shop.log, rule, { asOf });

  it('agrees with churnStatus row by row: churned, new, reactivated equal; at_risk ↔ silent; active ↔ active or declining', () => {
    expect(t.customerIds).toEqual(s.customerIds);
    const map: Record<string, LifecycleStage[]> = { churned: ['churned'], new: ['new'], reactivated: ['reactivated'], at_risk: ['silent'], active: ['active', 'declining'] };
    s.status.forEach((st, i) => expect(map[st]).toContain(t.stage[i]));
    expect(t.counts.churned).toBe(s.counts.churned);
    expect(t.counts.silent).toBe(s.counts.at_risk);
    expect(t.counts.active + t.counts.declining).toBe(s.counts.active);
    // the sample has every stage but reactivated at this asOf (600 customers, seed 5)
    expect(Math.min(t.counts.declining, t.counts.silent, t.counts.churned, t.counts.new, t.counts.active)).toBeGreaterThan(0);
    expect([...t.churnTime]).toEqual([...s.churnTime]);
    expect([...t.projectedChurnTime]).toEqual([...s.projectedChurnTime]);
  });

  it('counts trend events like a naive scan of every event', () => {
    const w = 30 * DAY_MS;
    const purchaseOrActivity = new Set([...shop.log.vocabulary.purchase, ...shop.log.vocabulary.activity]);
    const recent = new Map<string, number>();
    const previous = new Map<string, number>();
    for (const e of shop.log.events()) {
      if (!purchaseOrActivity.has(e.type)) continue;
      if (e.time >= asOf - w && e.time < asOf) recent.set(e.customerId, (recent.get(e.customerId) ?? 0) + 1);
      if (e.time >= asOf - 2 * w && e.time < asOf - w) previous.set(e.customerId, (previous.get(e.customerId) ?? 0) + 1);
    }
    t.customerIds.forEach((id, i) => {
      const a = previous.get(id) ?? 0;
      const b = recent.get(id) ?? 0;
      expect([t.previousEvents[i], t.recentEvents[i]]).toEqual([a, b]);
      if (s.status[i] === 'active') expect(t.stage[i]).toBe(a > 0 && b < 0.5 * a ? 'declining' : 'active');
    });
  });

  it('is point-in-time: dropping every event at or after asOf changes nothing', () => {
    const cut = shop.log.filter({ to: asOf });
    const u = lifecycleStages(cut, { asOf });
    expect(u.customerIds).toEqual(t.customerIds);
    expect(u.stage).toEqual(t.stage);
    expect(u.reason).toEqual(t.reason);
  });
});
