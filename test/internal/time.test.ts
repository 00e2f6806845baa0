import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFromCivil, parseDayMonthYear, parseIsoTime, parseYyyymmdd, toEpochMs, utcMs } from '../../src/internal/time.js';

describe('parseIsoTime', () => {
  it('reads a date-only string as UTC midnight', () => {
    expect(parseIsoTime('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseIsoTime('1997-01-01')).toBe(852_076_800_000); // epochconverter: 1997-01-01T00:00:00Z
  });

  it('reads a date-time without offset as UTC, whatever the machine zone', () => {
    expect(parseIsoTime('2024-03-10T02:30:00')).toBe(Date.UTC(2024, 2, 10, 2, 30));
    expect(parseIsoTime('2011-12-09 12:50:00')).toBe(Date.UTC(2011, 11, 9, 12, 50));
    expect(parseIsoTime('2024-03-10T02:30')).toBe(Date.UTC(2024, 2, 10, 2, 30));
  });

  it('applies Z and numeric offsets in every accepted spelling', () => {
    const utc = Date.UTC(2024, 0, 1, 10, 0);
    expect(parseIsoTime('2024-01-01T10:00:00Z')).toBe(utc);
    expect(parseIsoTime('2024-01-01T12:00:00+02:00')).toBe(utc);
    expect(parseIsoTime('2024-01-01T12:00:00+0200')).toBe(utc);
    expect(parseIsoTime('2024-01-01T12:00:00+02')).toBe(utc);
    expect(parseIsoTime('2024-01-01T04:30:00-05:30')).toBe(utc);
    expect(parseIsoTime('2024-01-01T18:00:00+08:00')).toBe(utc); // Asia/Shanghai
  });

  it('keeps fractional seconds to the millisecond', () => {
    expect(parseIsoTime('2024-01-01T00:00:00.123Z')).toBe(Date.UTC(2024, 0, 1) + 123);
    expect(parseIsoTime('2024-01-01T00:00:00.5Z')).toBe(Date.UTC(2024, 0, 1) + 500);
  });

  it('agrees with Date.parse on valid offset strings (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString();
        expect(parseIsoTime(iso)).toBe(d.getTime());
        expect(parseIsoTime(iso.slice(0, 10))).toBe(Date.parse(iso.slice(0, 10)));
      }),
    );
  });

  it.each([
    ['', 'empty'],
    ['yesterday', 'words'],
    ['2024-13-01', 'month 13'],
    ['2024-04-31', '31 April'],
    ['2023-02-29', '29 February in a common year'],
    ['2024-01-01T25:00', 'hour 25'],
    ['2024-01-01T10:60', 'minute 60'],
    ['2024-01-01T10:00:00+25:00', 'offset 25 h'],
    ['2024-01-01T10:00:00Q', 'unknown zone letter'],
    ['2024/01/01', 'slashes'],
    ['01-02-2024', 'day first'],
    ['2024-01-01T10:00:00.', 'dot without fraction'],
  ])('rejects %j (%s) with NaN', (s) => {
    expect(parseIsoTime(s)).toBeNaN();
  });
});

describe('other time formats', () => {
  it('parses yyyymmdd as in CDNOW', () => {
    expect(parseYyyymmdd('19970101')).toBe(Date.UTC(1997, 0, 1));
    expect(parseYyyymmdd('19980630')).toBe(Date.UTC(1998, 5, 30));
    expect(parseYyyymmdd('19970230')).toBeNaN();
    expect(parseYyyymmdd('1997011')).toBeNaN();
  });

  it('parses day-first and month-first dates', () => {
    expect(parseDayMonthYear('03/04/2024', 'dmy')).toBe(Date.UTC(2024, 3, 3));
    expect(parseDayMonthYear('03/04/2024', 'mdy')).toBe(Date.UTC(2024, 2, 4));
    expect(parseDayMonthYear('1.12.2010 08:26', 'dmy')).toBe(Date.UTC(2010, 11, 1, 8, 26));
    expect(parseDayMonthYear('31/02/2024', 'dmy')).toBeNaN();
  });

  it('toEpochMs accepts Date, ISO and epoch ms and refuses the rest', () => {
    expect(toEpochMs(new Date(5))).toBe(5);
    expect(toEpochMs(1_700_000_000_000)).toBe(1_700_000_000_000);
    expect(toEpochMs(' 2024-01-01 ')).toBe(Date.UTC(2024, 0, 1));
    expect(toEpochMs(Number.NaN)).toBeNaN();
    expect(toEpochMs(Infinity)).toBeNaN();
    expect(toEpochMs(new Date('nope'))).toBeNaN();
    expect(toEpochMs(null)).toBeNaN();
    expect(toEpochMs({})).toBeNaN();
  });

  it('daysFromCivil matches Date.UTC over four centuries (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1800, max: 2200 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (y, m, d) => {
        expect(daysFromCivil(y, m, d) * 86_400_000).toBe(Date.UTC(y, m - 1, d));
      }),
    );
    expect(utcMs(2024, 2, 30)).toBeNaN();
  });
});
