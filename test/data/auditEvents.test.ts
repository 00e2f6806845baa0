import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEventLog, type EventInput } from '../../src/data/index.js';
import { auditEvents } from '../../src/data/auditEvents.js';
import { formatAuditReport } from '../../src/data/formatAuditReport.js';
import { mergeEventLogs } from '../../src/data/mergeEventLogs.js';
import { dataPath, describeWithData } from '../helpers/sharedData.js';

// A handmade log whose every audit figure is counted by hand in the comments. Input is unsorted on purpose.
const rows: EventInput[] = [
  { customerId: '3', time: '2024-02-10', type: 'refund', value: 12, quantity: 1, source: 'pos' }, // 12
  { customerId: '1', time: '2024-01-05', type: 'order', value: 30, quantity: 2, attrs: { channel: 'web' }, source: 'crm' }, // 1
  { customerId: '1', time: '2024-01-05', type: 'order', value: 30, quantity: 1, source: 'crm' }, // 2 duplicate of 1 (quantity is not in the key)
  { customerId: '1', time: '2024-01-10', type: 'order', value: -5, source: 'crm' }, // 3 negative amount
  { customerId: '1', time: '2024-01-12', type: 'nps', value: 11, source: 'desk' }, // 4 out of 0-10
  { customerId: '1', time: '2024-01-12', type: 'ticket', text: 'slow', source: 'desk' }, // 5
  { customerId: 'x', time: 'not a date', type: 'order' }, // rejected INVALID_TIME
  { customerId: '2', time: '2024-02-01', type: 'login', attrs: { channel: 'app' }, source: 'crm' }, // 6
  { customerId: '2', time: '2024-02-01', type: 'login', source: 'crm' }, // 7 duplicate of 6 (value absent in both)
  { customerId: '2', time: '2024-02-03', type: 'complaint', source: 'desk' }, // 8 no text
  { customerId: '2', time: '2024-03-02', type: 'order', source: 'pos' }, // 9 after asOf, no value
  { customerId: '3', time: '2024-01-20', type: 'pos_sale', value: 12, source: 'pos' }, // 10
  { customerId: '3', time: '2024-01-20', type: 'wishlist_add', source: 'pos' }, // 11 unknown type
  { customerId: '', time: '2024-01-20', type: 'order' }, // rejected MISSING_CUSTOMER
  { customerId: '3', time: '2024-01-25', type: 'csat', value: 4, source: 'desk' }, // 13
  { customerId: '4', time: '2024-02-20', type: 'visit', source: 'crm' }, // 14 never purchased
];
Object.freeze(rows);
rows.forEach((r) => Object.freeze(r));
const asOf = '2024-03-01T00:00:00Z';
const handmade = () => createEventLog(rows, { onInvalid: 'collect' });

describe('auditEvents: every item on a handmade log', () => {
  const r = auditEvents(handmade(), { asOf });

  it('volumes by type and by source, time span', () => {
    expect(r.asOf).toBe('2024-03-01T00:00:00.000Z');
    expect(r.events).toBe(14);
    expect(r.customers).toBe(4);
    // 2024-01-05 → 2024-03-02 is 57 days (2024 is a leap year; python datetime difference).
    expect(r.timeSpan).toEqual({ start: '2024-01-05T00:00:00.000Z', end: '2024-03-02T00:00:00.000Z', days: 57 });
    expect(r.byType.map((t) => [t.type, t.events, t.customers, t.roles.join(',')])).toEqual([
      ['order', 4, 2, 'purchase'],
      ['login', 2, 1, 'activity'],
      ['complaint', 1, 1, 'complaint'],
      ['csat', 1, 1, 'survey'],
      ['nps', 1, 1, 'survey'],
      ['pos_sale', 1, 1, 'purchase'],
      ['refund', 1, 1, 'refund'],
      ['ticket', 1, 1, 'ticket'],
      ['visit', 1, 1, 'activity'],
      ['wishlist_add', 1, 1, ''],
    ]);
    // lag = asOf − latest: crm 02-20 → 10 days, desk 02-03 → 27 days, pos 03-02 → −1 day.
    expect(r.lagBasis).toBe('asOf');
    expect(r.bySource).toEqual([
      { source: 'crm', events: 6, customers: 3, firstEvent: '2024-01-05T00:00:00.000Z', latestEvent: '2024-02-20T00:00:00.000Z', lagDays: 10 },
      { source: 'desk', events: 4, customers: 3, firstEvent: '2024-01-12T00:00:00.000Z', latestEvent: '2024-02-03T00:00:00.000Z', lagDays: 27 },
      { source: 'pos', events: 4, customers: 2, firstEvent: '2024-01-20T00:00:00.000Z', latestEvent: '2024-03-02T00:00:00.000Z', lagDays: -1 },
    ]);
  });

  it('completeness per field and attribute coverage', () => {
    expect(r.completeness).toEqual([
      { field: 'value', role: 'purchase', events: 5, present: 4, fraction: 0.8 }, // rows 1,2,3,9,10; 9 has none
      { field: 'value', role: 'refund', events: 1, present: 1, fraction: 1 },
      { field: 'value', role: 'survey', events: 2, present: 2, fraction: 1 },
      { field: 'quantity', role: 'purchase', events: 5, present: 2, fraction: 0.4 },
      { field: 'quantity', role: 'refund', events: 1, present: 1, fraction: 1 },
      { field: 'text', role: 'ticket', events: 1, present: 1, fraction: 1 },
      { field: 'text', role: 'complaint', events: 1, present: 0, fraction: 0 },
    ]);
    expect(r.attrCoverage).toEqual([{ key: 'channel', events: 2, fraction: 2 / 14 }]);
  });

  it('invalid values, duplicates, future-dated, never purchased, rejects', () => {
    expect(r.invalid).toEqual({ negativePurchaseValues: 1, surveyOutOfRange: 1, unknownTypes: [{ type: 'wishlist_add', events: 1 }], unknownTypeEvents: 1 });
    expect(r.duplicates).toEqual({ events: 2, customers: 2 });
    expect(r.futureDated).toEqual({ events: 1, customers: 1 });
    expect(r.neverPurchased).toEqual({ customers: 1, fraction: 0.25 });
    expect(r.rejects).toEqual({ rows: 16, accepted: 14, rejected: 2, byCode: { INVALID_TIME: 1, MISSING_CUSTOMER: 1 }, keptWithoutCustomer: 0, duplicatesRemoved: 0 });
  });

  it('findings: errors first, each with its count and a plain message', () => {
    expect(r.findings.map((f) => [f.severity, f.code, f.count])).toEqual([
      ['error', 'NEGATIVE_PURCHASE_VALUE', 1],
      ['error', 'SURVEY_OUT_OF_RANGE', 1],
      ['error', 'FUTURE_DATED', 1],
      ['warning', 'INGEST_REJECTS', 2],
      ['warning', 'UNKNOWN_TYPES', 1],
      ['warning', 'DUPLICATES', 2],
      ['warning', 'STALE_SOURCE', 1], // crm: 10 days > 7
      ['warning', 'STALE_SOURCE', 1], // desk: 27 days > 7
      ['warning', 'MISSING_VALUE', 1],
      ['info', 'MISSING_QUANTITY', 3],
      ['info', 'MISSING_TEXT', 1],
      ['info', 'NEVER_PURCHASED', 1],
    ]);
    expect(r.findings.map((f) => f.message)).toMatchInlineSnapshot(`
      [
        "1 purchase events (20.0%) have a negative amount; record returns as refund events.",
        "1 survey scores fall outside the range 0-10; check the scale (NPS 0-10, CSAT 1-5).",
        "1 events of 1 customers are dated at or after 2024-03-01T00:00:00.000Z; they leak the future into as-of features.",
        "2 of 16 input rows (12.5%) were rejected at ingestion (INVALID_TIME 1, MISSING_CUSTOMER 1); they are not in the log.",
        "1 events have types that play no role in the vocabulary: wishlist_add (1). Map them or they are ignored by role-based rules.",
        "2 events of 2 customers repeat an earlier event (same customer, time, type and value); check for double loads.",
        "Source "crm" last recorded an event 10.0 days before asOf; its feed may have stopped.",
        "Source "desk" last recorded an event 27.0 days before asOf; its feed may have stopped.",
        "1 of 5 purchase events (20.0%) have no value.",
        "3 of 5 purchase events (60.0%) have no quantity.",
        "1 of 1 complaint events (100.0%) have no text for sentiment.",
        "1 of 4 customers (25.0%) never purchased; purchase-based churn rules do not apply to them.",
      ]
    `);
  });

  it('is JSON-serializable without loss and leaves the log untouched', () => {
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    const log = handmade();
    const before = [...log.time, ...log.value];
    auditEvents(log, { asOf });
    expect([...log.time, ...log.value]).toEqual(before);
  });
});

describe('auditEvents: options and edge cases', () => {
  it('without asOf: no future check, lags measured to the latest event', () => {
    const r = auditEvents(handmade());
    expect(r.asOf).toBeNull();
    expect(r.futureDated).toBeNull();
    expect(r.lagBasis).toBe('latestEvent');
    expect(r.bySource.map((s) => [s.source, s.lagDays])).toEqual([
      ['crm', 11],
      ['desk', 28],
      ['pos', 0],
    ]);
    expect(r.findings.some((f) => f.code === 'FUTURE_DATED')).toBe(false);
  });

  it('an event exactly at asOf counts as future-dated (time >= asOf), one ms before does not', () => {
    const log = createEventLog([
      { customerId: 1, time: 1000, type: 'order', value: 1 },
      { customerId: 1, time: 999, type: 'order', value: 1 },
    ]);
    expect(auditEvents(log, { asOf: 1000 }).futureDated).toEqual({ events: 1, customers: 1 });
    expect(auditEvents(log, { asOf: 1001 }).futureDated).toEqual({ events: 0, customers: 0 });
  });

  it('surveyRange: one range for all survey types or one per type', () => {
    const log = handmade();
    expect(auditEvents(log, { surveyRange: [0, 3] }).invalid.surveyOutOfRange).toBe(2); // nps 11 and csat 4
    expect(auditEvents(log, { surveyRange: [0, 11] }).invalid.surveyOutOfRange).toBe(0);
    expect(auditEvents(log, { surveyRange: { csat: [1, 3] } }).invalid.surveyOutOfRange).toBe(2); // nps uses 0-10
    expect(auditEvents(log, { surveyRange: { nps: [0, 11], csat: [1, 5] } }).invalid.surveyOutOfRange).toBe(0);
  });

  it('a vocabulary option re-reads the types', () => {
    const r = auditEvents(handmade(), { vocabulary: { purchase: ['order', 'pos_sale', 'wishlist_add'] } });
    expect(r.invalid.unknownTypeEvents).toBe(0);
    expect(r.completeness[0]).toEqual({ field: 'value', role: 'purchase', events: 6, present: 4, fraction: 4 / 6 });
  });

  it('staleDays moves the staleness threshold', () => {
    const codes = (d: number) => auditEvents(handmade(), { asOf, staleDays: d }).findings.filter((f) => f.code === 'STALE_SOURCE').length;
    expect(codes(9)).toBe(2);
    expect(codes(10)).toBe(1); // 10 days is not more than 10
    expect(codes(27)).toBe(0);
  });

  it('audits views and merged logs (duplicates removed by the merge are reported)', () => {
    const v = auditEvents(handmade().filter({ sources: ['pos'] }), { asOf });
    expect([v.events, v.customers, v.neverPurchased.customers, v.invalid.unknownTypeEvents]).toEqual([4, 2, 0, 1]);
    const a = createEventLog([{ customerId: 1, time: '2024-01-01T00:00:05Z', type: 'order', value: 2, quantity: 1 }], { source: 'a' });
    const b = createEventLog([{ customerId: 1, time: '2024-01-01T00:00:05Z', type: 'order', value: 2, quantity: 1 }], { source: 'b' });
    const m = auditEvents(mergeEventLogs([a, b]));
    expect(m.rejects.duplicatesRemoved).toBe(1);
    expect(m.duplicates.events).toBe(0);
    expect(m.findings.map((f) => f.code)).toEqual(['DUPLICATES_REMOVED']);
  });

  it('empty log', () => {
    const r = auditEvents(createEventLog([]), { asOf });
    expect(r.events).toBe(0);
    expect(r.timeSpan).toBeNull();
    expect(r.byType).toEqual([]);
    expect(r.neverPurchased).toEqual({ customers: 0, fraction: null });
    expect(r.completeness.every((e) => e.fraction === null)).toBe(true);
    expect(r.findings.map((f) => f.code)).toEqual(['EMPTY_LOG']);
  });

  it('a log with no purchase at all is flagged', () => {
    const r = auditEvents(createEventLog([{ customerId: 1, time: '2024-01-01', type: 'login' }]));
    expect(r.findings.map((f) => f.code)).toEqual(['NO_PURCHASES']);
  });

  it('rejects bad options', () => {
    const log = handmade();
    expect(() => auditEvents(log, { asOf: 'soon' })).toThrowError(expect.objectContaining({ code: 'INVALID_TIME', path: ['asOf'] }));
    expect(() => auditEvents(log, { surveyRange: [5, 1] })).toThrowError(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => auditEvents(log, { staleDays: -1 })).toThrowError(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => auditEvents(log, { vocabulary: { buy: ['order'] } as never })).toThrowError(expect.objectContaining({ code: 'UNKNOWN_ROLE' }));
  });

  it('long runs of equal times (hash path) count duplicates like the pairwise path', () => {
    // 40 distinct orders, the same 40 again, then 20 logins, all at one instant: 40 + 19 duplicates.
    const ev: EventInput[] = [];
    for (let r = 0; r < 2; r++) for (let v = 1; v <= 40; v++) ev.push({ customerId: 1, time: 0, type: 'order', value: v });
    for (let j = 0; j < 20; j++) ev.push({ customerId: 1, time: 0, type: 'login' });
    expect(auditEvents(createEventLog(ev)).duplicates).toEqual({ events: 59, customers: 1 });
  });

  it('property: duplicate count equals a brute-force count, any order', () => {
    const e = fc.record({
      customerId: fc.constantFrom('1', '2'),
      time: fc.integer({ min: 0, max: 2 }),
      type: fc.constantFrom('order', 'login'),
      value: fc.option(fc.constantFrom(1, 2), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(e, { maxLength: 120 }), (events) => {
        const seen = new Set<string>();
        let dups = 0;
        for (const x of events) {
          const k = `${x.customerId}|${x.time}|${x.type}|${x.value ?? 'none'}`;
          if (seen.has(k)) dups++;
          else seen.add(k);
        }
        expect(auditEvents(createEventLog(events)).duplicates.events).toBe(dups);
      }),
      { numRuns: 200 },
    );
  });
});

describe('formatAuditReport', () => {
  it('renders an aligned summary', () => {
    const text = formatAuditReport(auditEvents(handmade(), { asOf }));
    expect(text).toMatchInlineSnapshot(`
      "Data quality report (as of 2024-03-01T00:00:00.000Z)
        Events  14  Customers  4  Sources  3
        Time span  2024-01-05 → 2024-03-02 (57.0 days)

      Findings (3 errors, 6 warnings, 3 notes)
        ERROR    NEGATIVE_PURCHASE_VALUE  1 purchase events (20.0%) have a negative amount; record returns as refund events.
        ERROR    SURVEY_OUT_OF_RANGE      1 survey scores fall outside the range 0-10; check the scale (NPS 0-10, CSAT 1-5).
        ERROR    FUTURE_DATED             1 events of 1 customers are dated at or after 2024-03-01T00:00:00.000Z; they leak the future into as-of features.
        WARNING  INGEST_REJECTS           2 of 16 input rows (12.5%) were rejected at ingestion (INVALID_TIME 1, MISSING_CUSTOMER 1); they are not in the log.
        WARNING  UNKNOWN_TYPES            1 events have types that play no role in the vocabulary: wishlist_add (1). Map them or they are ignored by role-based rules.
        WARNING  DUPLICATES               2 events of 2 customers repeat an earlier event (same customer, time, type and value); check for double loads.
        WARNING  STALE_SOURCE             Source "crm" last recorded an event 10.0 days before asOf; its feed may have stopped.
        WARNING  STALE_SOURCE             Source "desk" last recorded an event 27.0 days before asOf; its feed may have stopped.
        WARNING  MISSING_VALUE            1 of 5 purchase events (20.0%) have no value.
        INFO     MISSING_QUANTITY         3 of 5 purchase events (60.0%) have no quantity.
        INFO     MISSING_TEXT             1 of 1 complaint events (100.0%) have no text for sentiment.
        INFO     NEVER_PURCHASED          1 of 4 customers (25.0%) never purchased; purchase-based churn rules do not apply to them.

      Events by type
        type          roles      events  customers
        order         purchase        4          2
        login         activity        2          1
        complaint     complaint       1          1
        csat          survey          1          1
        nps           survey          1          1
        pos_sale      purchase        1          1
        refund        refund          1          1
        ticket        ticket          1          1
        visit         activity        1          1
        wishlist_add  (unknown)       1          1

      Sources (lag in days behind asOf)
        source  events  customers  first       latest       lag
        crm          6          3  2024-01-05  2024-02-20  10.0
        desk         4          3  2024-01-12  2024-02-03  27.0
        pos          4          2  2024-01-20  2024-03-02  -1.0

      Completeness
        field     role       events  present   share
        value     purchase        5        4   80.0%
        value     refund          1        1  100.0%
        value     survey          2        2  100.0%
        quantity  purchase        5        2   40.0%
        quantity  refund          1        1  100.0%
        text      ticket          1        1  100.0%
        text      complaint       1        0    0.0%

      Attributes
        key      events  share
        channel       2  14.3%

      Checks
        negative purchase values       1
        survey scores out of range     1
        events of unknown types        1
        duplicate events               2
        future-dated events            1
        customers who never purchased  1
        rows rejected at ingestion     2
        duplicates removed by merge    0

      Ingestion rejects by code
        INVALID_TIME      1
        MISSING_CUSTOMER  1"
    `);
    // Right-aligned number columns end at the same column in every row of a table.
    const lines = text.split('\n');
    const typeTable = lines.slice(lines.indexOf('Events by type') + 1, lines.indexOf('Events by type') + 12);
    expect(new Set(typeTable.map((l) => l.length)).size).toBe(1);
  });

  it('caps long tables and renders an empty report', () => {
    const many = createEventLog(Array.from({ length: 30 }, (_, i) => ({ customerId: 1, time: i, type: `t${String(i).padStart(2, '0')}` })));
    const text = formatAuditReport(auditEvents(many), { maxRows: 5 });
    expect(text).toContain('  … 25 more');
    expect(formatAuditReport(auditEvents(createEventLog([])))).toContain('Time span  (empty)');
  });
});

describeWithData('auditEvents and mergeEventLogs on CDNOW_master (real log)', ['cdnow', 'CDNOW_master.txt'], () => {
  // Whitespace-separated: customer id, yyyymmdd, number of CDs, dollar value (header line first).
  // Read lazily: a skipped suite's body still runs at collection time, when the file is absent.
  let cache: EventInput[] | undefined;
  const load = (): EventInput[] => {
    if (cache !== undefined) return cache;
    const out: EventInput[] = (cache = []);
    for (const line of readFileSync(dataPath('cdnow', 'CDNOW_master.txt'), 'utf8').split('\n')) {
      const p = line.trim().split(/\s+/);
      if (p.length !== 4 || !/^\d+$/.test(p[0]!)) continue;
      const d = p[1]!;
      out.push({ customerId: p[0]!, time: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, type: 'order', quantity: Number(p[2]), value: Number(p[3]) });
    }
    return out;
  };
  it('audit figures match a Python 3 standard-library count of the file (exact)', () => {
    // Reference (python3, csv split by whitespace): 69,659 rows, 23,570 ids, 0 negative amounts,
    // 255 rows repeating an earlier (id, date, amount) over 164 customers, dates 19970101..19980630.
    const r = auditEvents(createEventLog(load(), { source: 'cdnow' }), { asOf: '1998-07-01' });
    expect([r.events, r.customers]).toEqual([69_659, 23_570]);
    expect(r.timeSpan?.start).toBe('1997-01-01T00:00:00.000Z');
    expect(r.timeSpan?.end).toBe('1998-06-30T00:00:00.000Z');
    expect(r.invalid.negativePurchaseValues).toBe(0);
    expect(r.duplicates).toEqual({ events: 255, customers: 164 });
    expect(r.neverPurchased.customers).toBe(0);
    expect(r.futureDated).toEqual({ events: 0, customers: 0 });
    expect(r.bySource.map((s) => [s.source, s.events, s.lagDays])).toEqual([['cdnow', 69_659, 1]]);
    expect(r.completeness[0]).toEqual({ field: 'value', role: 'purchase', events: 69_659, present: 69_659, fraction: 1 });
    expect(r.findings.map((f) => f.code)).toEqual(['DUPLICATES']);
  });

  it('two overlapping exports merge back into exactly the original log', () => {
    // Export 1: up to 1997-10-01; export 2: from 1997-07-01. The overlap quarter is in both.
    const events = load();
    const a = createEventLog(events.filter((e) => (e.time as string) < '1997-10-01'), { source: 'cdnow' });
    const b = createEventLog(events.filter((e) => (e.time as string) >= '1997-07-01'), { source: 'cdnow' });
    const overlap = events.filter((e) => (e.time as string) >= '1997-07-01' && (e.time as string) < '1997-10-01').length;
    const merged = mergeEventLogs([a, b]);
    const original = createEventLog(events, { source: 'cdnow' });
    expect(merged.rejects.duplicatesRemoved).toBe(overlap);
    expect(merged.size).toBe(69_659);
    expect([...merged.customerIds]).toEqual([...original.customerIds]);
    expect(merged.time).toEqual(original.time);
    expect(merged.value).toEqual(original.value);
    expect(merged.quantity).toEqual(original.quantity);
  });

  it('flags events dated before 1990: epoch seconds read as milliseconds land in January 1970', () => {
    const r = auditEvents(createEventLog([
      { customerId: 'a', time: 1709251200, type: 'order', value: 5 }, // 2024-03-01 in seconds: read as 1970-01-20
      { customerId: 'a', time: '2024-03-02', type: 'order', value: 5 },
      { customerId: 'b', time: '2024-03-02', type: 'login' },
    ]));
    expect(r.earlyDated).toEqual({ events: 1, customers: 1 });
    const f = r.findings.find((x) => x.code === 'EARLY_DATED');
    expect(f?.severity).toBe('warning');
    expect(f?.message).toContain('multiply them by 1000');
  });
});
