import { describe, expect, it } from 'vitest';
import { churnRateSeries, type ChurnRule } from '../../src/churn/index.js';
import { createEventLog } from '../../src/data/createEventLog.js';
import { day, logOf } from './_logs.js';

describe('churnRateSeries (handmade, worked by hand)', () => {
  const rule: ChurnRule = { kind: 'inactivity', days: 10, roles: ['purchase'] };
  const log = logOf([
    ['a', '2024-01-01', 'order'],
    ['a', '2024-01-05', 'order'], // churn 01-15
    ['b', '2024-01-02', 'order'], // churn 01-12, back 01-20, churn 01-30
    ['b', '2024-01-20', 'order'],
    ['c', '2024-01-10', 'order'], // churn 01-20
    ['d', '2024-01-03', 'order'],
    ['d', '2024-01-13', 'order'], // gap of exactly 10 days is not churn; churn 01-23
  ]);

  it('weekly counts: active at start, churned, returned, new, rate', () => {
    const s = churnRateSeries(log, rule, { start: '2024-01-01', end: '2024-02-05', period: 'week', dataEnd: '2024-03-01' });
    expect(s.map((p) => [p.label, p.activeAtStart, p.churned, p.returned, p.newCustomers])).toEqual([
      ['2024-01-01', 0, 0, 0, 3],
      ['2024-01-08', 3, 1, 0, 1],
      ['2024-01-15', 3, 2, 1, 0],
      ['2024-01-22', 2, 1, 0, 0],
      ['2024-01-29', 1, 1, 0, 0],
    ]);
    expect(s.map((p) => p.rate)).toEqual([NaN, 1 / 3, 2 / 3, 1 / 2, 1]);
    expect(s.every((p) => p.complete)).toBe(true);
    expect(s[1]!.start).toBe(day('2024-01-08'));
    expect(s[1]!.end).toBe(day('2024-01-15'));
  });

  it('Sunday weeks, incomplete last period, errors past the end of data', () => {
    const s = churnRateSeries(log, rule, { start: '2024-01-07', end: '2024-01-21', period: 'week', weekStartsOn: 0 });
    // default dataEnd = 2024-01-20 + 1 ms; week of Sunday 01-14 runs to 01-21 → incomplete
    expect(s.map((p) => [p.label, p.complete])).toEqual([
      ['2024-01-07', true],
      ['2024-01-14', false],
    ]);
    expect(() => churnRateSeries(log, rule, { start: '2024-01-01', end: '2024-02-05', period: 'week' })).toThrowError(
      expect.objectContaining({ code: 'INVALID_OPTION', path: ['end'] }),
    );
    expect(() => churnRateSeries(log, rule, { start: '2024-01-01', end: '2024-02-05', period: 'fortnight' as never })).toThrowError(/one of day, week, month/);
  });

  it('empty log gives zero counts', () => {
    const s = churnRateSeries(createEventLog([]), rule, { start: '2024-01-01', end: '2024-03-01', period: 'month' });
    expect(s.map((p) => [p.label, p.activeAtStart, p.churned, p.complete])).toEqual([
      ['2024-01', 0, 0, true],
      ['2024-02', 0, 0, true],
    ]);
  });
});
