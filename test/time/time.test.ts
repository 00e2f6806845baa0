import { addMonths, startOfMonth, startOfWeek, startOfQuarter, startOfYear } from 'date-fns';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ChurnkitError } from '../../src/internal/errors.js';
import { caught } from '../helpers/errors.js';
import { addDays, addPeriods, calendarPeriods, cutoffSeries, diffDays, startOfPeriod, startOfUtcDay } from '../../src/time/index.js';

const D = Date.UTC;
const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('day arithmetic', () => {
  it('adds and differences fixed 24-hour days', () => {
    expect(addDays(D(2024, 0, 31), 30)).toBe(D(2024, 2, 1)); // Jan 31 + 30 days across leap Feb 29
    expect(addDays(D(2024, 0, 1), -0.5)).toBe(D(2023, 11, 31, 12));
    expect(diffDays(D(2024, 2, 1), D(2024, 1, 1))).toBe(29);
    expect(diffDays(D(2023, 2, 1), D(2023, 1, 1))).toBe(28);
    expect(startOfUtcDay(Date.parse('2024-05-17T23:59:59.999Z'))).toBe(D(2024, 4, 17));
    expect(startOfUtcDay(Date.parse('1969-12-31T13:00:00Z'))).toBe(D(1969, 11, 31)); // negative epoch
  });
});

describe('calendar periods on the UTC calendar', () => {
  it('known boundaries', () => {
    // 2024-05-17 is a Friday; ISO week starts Monday 13 May, US week Sunday 12 May.
    expect(startOfPeriod('2024-05-17T13:45Z', 'week')).toBe(D(2024, 4, 13));
    expect(startOfPeriod('2024-05-17T13:45Z', 'week', { weekStartsOn: 0 })).toBe(D(2024, 4, 12));
    expect(startOfPeriod('2024-05-13', 'week')).toBe(D(2024, 4, 13)); // the Monday itself
    expect(startOfPeriod('2024-05-17T13:45Z', 'month')).toBe(D(2024, 4, 1));
    expect(startOfPeriod('2024-05-17', 'quarter')).toBe(D(2024, 3, 1));
    expect(startOfPeriod('2024-05-17', 'year')).toBe(D(2024, 0, 1));
    expect(startOfPeriod('2024-05-17T13:45Z', 'day')).toBe(D(2024, 4, 17));
    expect(addPeriods('2024-01-31', 'month', 1)).toBe(D(2024, 1, 29));
    expect(addPeriods('2023-01-31', 'month', 1)).toBe(D(2023, 1, 28));
    expect(addPeriods('2024-03-10T05:00Z', 'quarter', -1)).toBe(D(2023, 11, 10, 5));
    expect(addPeriods('2024-02-29', 'year', 1)).toBe(D(2025, 1, 28));
    expect(addPeriods('2024-02-29', 'week', 2)).toBe(D(2024, 2, 14));
  });

  it('matches date-fns (run in UTC, where local time = UTC) on random instants', () => {
    process.env.TZ = 'UTC';
    fc.assert(
      fc.property(fc.integer({ min: D(1950, 0, 1), max: D(2090, 0, 1) }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: -30, max: 30 }), (t, w, n) => {
        const ws = w as 0 | 1 | 2 | 3 | 4 | 5 | 6;
        expect(startOfPeriod(t, 'week', { weekStartsOn: ws })).toBe(startOfWeek(t, { weekStartsOn: ws }).getTime());
        expect(startOfPeriod(t, 'month')).toBe(startOfMonth(t).getTime());
        expect(startOfPeriod(t, 'quarter')).toBe(startOfQuarter(t).getTime());
        expect(startOfPeriod(t, 'year')).toBe(startOfYear(t).getTime());
        expect(addPeriods(t, 'month', n)).toBe(addMonths(t, n).getTime());
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('gives the same answers whatever the machine time zone', () => {
    const probe = (): number[] => [
      startOfPeriod('2024-03-31T01:30Z', 'week'),
      startOfPeriod('2024-03-31T01:30Z', 'month'),
      addPeriods('2024-03-31T01:30Z', 'month', 1),
      ...calendarPeriods({ start: '2024-03-01', end: '2024-11-15', period: 'month' }).map((p) => p.start),
    ];
    process.env.TZ = 'UTC';
    const utc = probe();
    for (const tz of ['America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'Europe/Berlin']) {
      process.env.TZ = tz;
      expect(new Date(D(2024, 6, 1)).getTimezoneOffset()).not.toBe(0); // the zone really changed
      expect(probe()).toEqual(utc);
    }
    expect(utc.slice(0, 3)).toEqual([D(2024, 2, 25), D(2024, 2, 1), D(2024, 3, 30, 1, 30)]);
  });

  it('calendarPeriods covers [start, end) with whole periods and labels', () => {
    const m = calendarPeriods({ start: '2024-01-15', end: '2024-03-01', period: 'month' });
    expect(m).toEqual([
      { start: D(2024, 0, 1), end: D(2024, 1, 1), label: '2024-01' },
      { start: D(2024, 1, 1), end: D(2024, 2, 1), label: '2024-02' },
    ]);
    const w = calendarPeriods({ start: '2024-01-03', end: '2024-01-15T00:00:00.001Z', period: 'week' });
    expect(w.map((p) => p.label)).toEqual(['2024-01-01', '2024-01-08', '2024-01-15']);
    expect(calendarPeriods({ start: '2023-11-02', end: '2024-02-01', period: 'quarter' }).map((p) => p.label)).toEqual(['2023-Q4', '2024-Q1']);
    expect(() => calendarPeriods({ start: '2024-02-01', end: '2024-02-01', period: 'month' })).toThrow(ChurnkitError);
    expect(() => calendarPeriods({ start: '2024-02-01', end: '2024-03-01', period: 'fortnight' as never })).toThrowError(/one of day, week, month, quarter, year/);
  });
});

describe('cutoffSeries', () => {
  it('steps by fixed days and includes an end it lands on', () => {
    expect(cutoffSeries({ start: '2024-01-01', end: '2024-03-01', everyDays: 30 })).toEqual([D(2024, 0, 1), D(2024, 0, 31), D(2024, 2, 1)]);
    expect(cutoffSeries({ start: '2024-01-01', end: '2024-02-29', everyDays: 30 })).toEqual([D(2024, 0, 1), D(2024, 0, 31)]);
    expect(cutoffSeries({ start: '2024-01-01', end: '2024-01-01', everyDays: 7 })).toEqual([D(2024, 0, 1)]);
    expect(cutoffSeries({ start: '2024-01-02', end: '2024-01-01', everyDays: 7 })).toEqual([]);
  });

  it('rejects bad options with codes and paths', () => {
    const a = caught(() => cutoffSeries({ start: '2024-01-01', end: '2024-02-01', everyDays: 0 }));
    expect([a.code, a.path]).toEqual(['INVALID_OPTION', ['everyDays']]);
    expect(a.message).toMatchInlineSnapshot(`"cutoffSeries: option "everyDays" must be a finite number > 0; received 0."`);
    const b = caught(() => cutoffSeries({ start: 'soon', end: '2024-02-01', everyDays: 1 }));
    expect([b.code, b.path]).toEqual(['INVALID_TIME', ['start']]);
    expect(caught(() => cutoffSeries({ start: 0, end: 1e15, everyDays: 0.001 })).code).toBe('INVALID_OPTION');
  });
});
