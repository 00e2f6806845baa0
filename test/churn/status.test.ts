import { describe, expect, it } from 'vitest';
import { CHURN_STATUSES, churnStatus, type ChurnRule } from '../../src/churn/index.js';
import { createEventLog } from '../../src/data/createEventLog.js';
import { day, logOf } from './_logs.js';
import { caught } from '../helpers/errors.js';

const iso = (t: number): string | null => (Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 10));

describe('churnStatus', () => {
  // 60-day purchase inactivity, as of 2024-06-01; at_risk once half the window (30 days) has passed.
  const rule: ChurnRule = { kind: 'inactivity', days: 60, roles: ['purchase'] };
  const log = logOf([
    ['new', '2024-05-20', 'order'], // first event 12 days ago → new
    ['act', '2024-04-10', 'order'],
    ['act', '2024-05-15', 'order'], // 17 days silent → active; projected churn 07-14
    ['risk', '2024-03-01', 'order'],
    ['risk', '2024-04-20', 'order'], // 42 days ≥ 30 → at_risk; projected churn 06-19
    ['gone', '2024-01-10', 'order'],
    ['gone', '2024-02-20', 'order'], // churned 04-20
    ['back', '2024-01-01', 'order'],
    ['back', '2024-05-25', 'order'], // churned 03-01, came back 05-25 (7 days ago) → reactivated
    ['later', '2024-06-01', 'order'], // first event at asOf: not yet a customer
    ['old', '2023-01-01', 'order'],
    ['old', '2023-05-01', 'order'], // churned 2023-03-02, back 2023-05-01; churned again 2023-06-30
  ]);

  it('statuses and the dates that explain them', () => {
    const s = churnStatus(log, rule, { asOf: '2024-06-01' });
    const rows = Object.fromEntries(
      s.customerIds.map((id, r) => [id, [s.status[r], iso(s.churnTime[r]!), iso(s.comebackTime[r]!), iso(s.projectedChurnTime[r]!), iso(s.countdownStart[r]!)]]),
    );
    expect(rows).toEqual({
      act: ['active', null, null, '2024-07-14', '2024-05-15'],
      back: ['reactivated', null, '2024-05-25', '2024-07-24', '2024-05-25'],
      gone: ['churned', '2024-04-20', null, null, '2024-02-20'],
      new: ['new', null, null, '2024-07-19', '2024-05-20'],
      old: ['churned', '2023-06-30', '2023-05-01', null, '2023-05-01'],
      risk: ['at_risk', null, null, '2024-06-19', '2024-04-20'],
    });
    expect(s.counts).toEqual({ new: 1, active: 1, at_risk: 1, churned: 2, reactivated: 1 });
    expect(Object.keys(s.counts)).toEqual([...CHURN_STATUSES]); // the exported list names every status, in order
    expect(s.notYetCustomers).toBe(1);
    expect(iso(s.firstEventTime[s.customerIds.indexOf('back')]!)).toBe('2024-01-01');
    expect(iso(s.lastEventTime[s.customerIds.indexOf('back')]!)).toBe('2024-05-25');
  });

  it('atRiskFraction and recentDays move the boundaries', () => {
    const strict = churnStatus(log, rule, { asOf: '2024-06-01', atRiskFraction: 0.25, recentDays: 5 });
    const st = Object.fromEntries(strict.customerIds.map((id, r) => [id, strict.status[r]]));
    // act: 17 days ≥ 15 → at_risk; new: 12 days ≤ 15 → not at risk, but > 5 recent days → active
    expect(st).toMatchObject({ act: 'at_risk', new: 'active', back: 'active', risk: 'at_risk' });
    expect(() => churnStatus(log, rule, { asOf: '2024-06-01', atRiskFraction: 0 })).toThrowError(expect.objectContaining({ code: 'INVALID_OPTION', path: ['atRiskFraction'] }));
  });

  it('a pending cancellation puts a subscriber at risk; a finished one churns', () => {
    const sub = logOf([
      ['p', '2024-01-01', 'subscribe'],
      ['p', '2024-05-20', 'cancel', undefined, { ends_on: '2024-06-10' }], // pending: 12 of 21 days gone
      ['q', '2024-01-01', 'subscribe'],
      ['q', '2024-05-01', 'cancel'], // immediate
      ['r', '2024-01-01', 'subscribe'],
    ]);
    const s = churnStatus(sub, { kind: 'cancellation', effectiveDateAttr: 'ends_on' }, { asOf: '2024-06-01' });
    expect(s.status).toEqual(['at_risk', 'churned', 'active']);
    expect(iso(s.projectedChurnTime[0]!)).toBe('2024-06-10');
    expect(iso(s.churnTime[1]!)).toBe('2024-05-01');
    expect(s.projectedChurnTime[2]).toBeNaN(); // no cancellation: never churns under this rule
  });

  it('an inactivity rule whose named types are none of the log\'s is INVALID_RULE (it churned everyone)', () => {
    const log = logOf([['a', '2024-01-01', 'order'], ['a', '2024-02-01', 'login']]);
    const e = caught(() => churnStatus(log, { kind: 'inactivity', days: 60, types: ['ordr'] }, { asOf: '2024-03-01' }));
    expect(e.code).toBe('INVALID_RULE');
    expect(e.path).toEqual(['types']);
    expect(e.message).toContain('"ordr" is not in this log');
    // a name the log has, next to one it lacks, is fine: something is selected
    expect(churnStatus(log, { kind: 'inactivity', days: 60, types: ['ordr', 'order'] }, { asOf: '2024-01-20' }).status[0]).toBe('new'); // first event 19 days before: new, not churned
  });

  it('empty log and one customer', () => {
    const e = churnStatus(createEventLog([]), rule, { asOf: '2024-06-01' });
    expect([e.customerIds, e.notYetCustomers, e.counts]).toEqual([[], 0, { new: 0, active: 0, at_risk: 0, churned: 0, reactivated: 0 }]);
    const solo = logOf([['a', '2024-01-01', 'login']]);
    // no purchase: the clock runs from the first event; churned once more than 60 days have passed (after 03-01)
    const at = churnStatus(solo, rule, { asOf: day('2024-03-01') });
    expect([at.status[0], iso(at.projectedChurnTime[0]!)]).toEqual(['at_risk', '2024-03-01']);
    const after = churnStatus(solo, rule, { asOf: day('2024-03-01') + 1 });
    expect([after.status[0], iso(after.churnTime[0]!)]).toEqual(['churned', '2024-03-01']);
  });
});
