import { startOfISOWeek } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { createEventLog } from '../../src/data/createEventLog.js';
import { cohortRetention } from '../../src/lift/cohortRetention.js';
import { caught, errorCode } from '../helpers/errors.js';

// Hand-built logs; every expected count is worked in the comments.
const events = [
  { customerId: 'a', time: '2024-01-05T10:00:00Z', type: 'order' },
  { customerId: 'a', time: '2024-01-20T10:00:00Z', type: 'login' },
  { customerId: 'a', time: '2024-02-10T10:00:00Z', type: 'order' },
  { customerId: 'a', time: '2024-04-01T10:00:00Z', type: 'order' },
  { customerId: 'b', time: '2024-01-31T23:59:59Z', type: 'order' },
  { customerId: 'b', time: '2024-03-15T00:00:00Z', type: 'order' },
  { customerId: 'c', time: '2024-01-10T00:00:00Z', type: 'login' },
  { customerId: 'c', time: '2024-02-20T00:00:00Z', type: 'order' },
  { customerId: 'c', time: '2024-02-02T00:00:00Z', type: 'order' }, // unsorted input on purpose
  { customerId: 'c', time: '2024-03-01T00:00:00Z', type: 'order' },
  { customerId: 'd', time: '2024-03-31T12:00:00Z', type: 'order' },
  { customerId: 'd', time: '2024-04-02T00:00:00Z', type: 'order' },
  { customerId: 'e', time: '2024-02-01T00:00:00Z', type: 'login' },
];
const log = createEventLog(events);
const utc = (s: string): number => Date.parse(s);

describe('cohortRetention by month', () => {
  it('purchase cohorts: sizes, active counts, incomplete April left out', () => {
    // Purchases only, asOf 15 April (April is running):
    //   Jan cohort = a (5 Jan), b (31 Jan 23:59:59): size 2.
    //     Jan: a, b → 2/2; Feb: a (10 Feb) → 1/2; Mar: b (15 Mar) → 1/2; Apr (a) not complete → omitted.
    //   Feb cohort = c (first order 2 Feb; its January login does not count): Feb 1/1 (two orders count once), Mar 1/1.
    //   Mar cohort = d (31 Mar): Mar 1/1; Apr omitted.
    //   e has no purchase → notYetCustomers 1.
    const r = cohortRetention(log, { period: 'month', roles: ['purchase'], asOf: '2024-04-15' });
    expect(r.notYetCustomers).toBe(1);
    expect(r.cohorts.map((c) => [c.cohort, c.size, c.complete])).toEqual([
      ['2024-01', 2, true],
      ['2024-02', 1, true],
      ['2024-03', 1, true],
    ]);
    expect(r.cohorts[0]!.periods.map((p) => [p.index, p.active, p.rate])).toEqual([[0, 2, 1], [1, 1, 0.5], [2, 1, 0.5]]);
    expect(r.cohorts[1]!.periods.map((p) => [p.index, p.active])).toEqual([[0, 1], [1, 1]]);
    expect(r.cohorts[2]!.periods.map((p) => p.index)).toEqual([0]);
    expect(r.cohorts[0]!.cohortStart).toBe(utc('2024-01-01T00:00:00Z'));
    expect(r.cohorts[0]!.periods.map((p) => p.periodStart)).toEqual([utc('2024-01-01T00:00:00Z'), utc('2024-02-01T00:00:00Z'), utc('2024-03-01T00:00:00Z')]);
    expect(r.cells).toHaveLength(6);
    expect(r.cells[4]).toEqual({ cohort: '2024-02', cohortStart: utc('2024-02-01T00:00:00Z'), index: 1, periodStart: utc('2024-03-01T00:00:00Z'), size: 1, active: 1, rate: 1 });
    expect(r.asOf).toBe(utc('2024-04-15T00:00:00Z'));
  });

  it('all events: the January login makes c a January customer; a period with nobody active has rate 0', () => {
    // Jan cohort = a, b, c (login 10 Jan): Jan 3/3; Feb: a, c → 2/3; Mar: b, c → 2/3.
    // Feb cohort = e (login 1 Feb): Feb 1/1; Mar 0/1.
    const r = cohortRetention(log, { period: 'month', asOf: '2024-04-15' });
    expect(r.cohorts.map((c) => [c.cohort, c.size])).toEqual([['2024-01', 3], ['2024-02', 1], ['2024-03', 1]]);
    expect(r.cohorts[0]!.periods.map((p) => p.active)).toEqual([3, 2, 2]);
    expect(r.cohorts[1]!.periods.map((p) => [p.active, p.rate])).toEqual([[1, 1], [0, 0]]);
    expect(r.notYetCustomers).toBe(0);
  });

  it('point in time: events at or after asOf change nothing; a period ending exactly at asOf counts', () => {
    // asOf = 1 April 00:00: March has ended (complete); a's 1 April order is not read.
    const base = cohortRetention(log, { period: 'month', roles: ['purchase'], asOf: '2024-04-01T00:00:00Z' });
    const later = createEventLog([
      ...events,
      { customerId: 'a', time: '2024-04-01T00:00:00Z', type: 'order' },
      { customerId: 'f', time: '2024-04-01T00:00:00Z', type: 'order' },
      { customerId: 'b', time: '2024-06-01T00:00:00Z', type: 'order' },
    ]);
    const again = cohortRetention(later, { period: 'month', roles: ['purchase'], asOf: '2024-04-01T00:00:00Z' });
    expect(again.cohorts).toEqual(base.cohorts);
    expect(base.cohorts[2]!.periods).toHaveLength(1); // d's March is complete
    expect(again.notYetCustomers).toBe(base.notYetCustomers + 1); // f
  });

  it('a cohort whose acquisition period is still running is marked incomplete with no periods', () => {
    const r = cohortRetention(log, { period: 'month', roles: ['purchase'], asOf: '2024-03-31T13:00:00Z' });
    const mar = r.cohorts.find((c) => c.cohort === '2024-03')!;
    expect(mar).toMatchObject({ size: 1, complete: false, periods: [] });
    expect(r.cells.some((c) => c.cohort === '2024-03')).toBe(false);
  });

  it('default asOf = 1 ms after the last event (so the last month is incomplete)', () => {
    const r = cohortRetention(log, { period: 'month' });
    expect(r.asOf).toBe(utc('2024-04-02T00:00:00.001Z'));
    expect(r.cohorts[0]!.periods).toHaveLength(3);
  });
});

describe('cohortRetention by ISO week', () => {
  it('weeks start on Monday 00:00 UTC (checked against date-fns startOfISOWeek in a UTC process)', () => {
    // Monday 2024-05-06 … Sunday 2024-05-12 is week 0 of both customers.
    //   x: Sun 12 May 23:00 (week 0), Mon 13 May 00:00 (week 1)
    //   y: Wed 8 May (week 0), Wed 22 May (week 2)
    // asOf Mon 27 May: weeks 0, 1, 2 have ended. Week 0: 2/2, week 1: x → 1/2, week 2: y → 1/2.
    const w = createEventLog([
      { customerId: 'x', time: '2024-05-12T23:00:00Z', type: 'login' },
      { customerId: 'x', time: '2024-05-13T00:00:00Z', type: 'login' },
      { customerId: 'y', time: '2024-05-08T09:00:00Z', type: 'login' },
      { customerId: 'y', time: '2024-05-22T09:00:00Z', type: 'login' },
    ]);
    const r = cohortRetention(w, { period: 'week', asOf: '2024-05-27' });
    expect(r.cohorts).toHaveLength(1);
    const c = r.cohorts[0]!;
    expect(c.cohort).toBe('2024-05-06');
    expect(c.cohortStart).toBe(utc('2024-05-06T00:00:00Z'));
    if (new Date(0).getTimezoneOffset() === 0) expect(c.cohortStart).toBe(startOfISOWeek(new Date('2024-05-12T23:00:00Z')).getTime());
    expect(c.periods.map((p) => [p.index, p.active, p.rate])).toEqual([[0, 2, 1], [1, 1, 0.5], [2, 1, 0.5]]);
    expect(c.periods.map((p) => p.periodStart)).toEqual([utc('2024-05-06T00:00:00Z'), utc('2024-05-13T00:00:00Z'), utc('2024-05-20T00:00:00Z')]);
  });
});

describe('cohortRetention errors and edge cases', () => {
  it('empty log: no cohorts', () => {
    const r = cohortRetention(createEventLog([]), { period: 'month' });
    expect(r.cohorts).toEqual([]);
    expect(r.cells).toEqual([]);
  });

  it('bad arguments', () => {
    expect(errorCode(() => cohortRetention({} as never, { period: 'month' }))).toBe('INVALID_INPUT');
    expect(errorCode(() => cohortRetention(log, null as never))).toBe('INVALID_OPTION');
    const p = caught(() => cohortRetention(log, { period: 'day' as never }));
    expect(p.code).toBe('INVALID_OPTION');
    expect(p.message).toMatchInlineSnapshot(`"cohortRetention: option "period" must be "week" or "month"; received "day"."`);
    expect(errorCode(() => cohortRetention(log, { period: 'month', roles: ['nope' as never] }))).toBe('UNKNOWN_ROLE');
    expect(errorCode(() => cohortRetention(log, { period: 'month', roles: [] }))).toBe('INVALID_OPTION');
    expect(errorCode(() => cohortRetention(log, { period: 'month', asOf: 'soon' }))).toBe('INVALID_TIME');
  });
});
