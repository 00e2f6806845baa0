import { describe, expect, it } from 'vitest';
import { createEventLog, parseEventsNdjson, type EventInput } from '../../src/data/index.js';
import { caught } from '../helpers/errors.js';


describe('parseEventsNdjson', () => {
  const events: EventInput[] = [
    { customerId: 'b', time: '2024-01-03T10:00:00Z', type: 'order', value: 12.5, quantity: 2, attrs: { channel: 'app' } },
    { customerId: 17850, time: 1_700_000_000_000, type: 'login' },
    { customerId: 'b', time: '2024-01-01', type: 'ticket', text: '退款太慢 slow refund' },
  ];

  it('gives the same log as createEventLog on the same objects (CRLF, blank lines, BOM, no final newline)', () => {
    const text = '\uFEFF' + events.map((e) => JSON.stringify(e)).join('\r\n\r\n  \n');
    const a = parseEventsNdjson(text);
    const b = createEventLog(events);
    expect(a.customerIds).toEqual(b.customerIds);
    expect(Array.from(a.time)).toEqual(Array.from(b.time));
    expect(Array.from(a.value)).toEqual(Array.from(b.value));
    expect(a.types).toEqual(['login', 'order', 'ticket']);
    expect(a.textAt(a.row(a.start(a.customerIndex('b'))))).toBe('退款太慢 slow refund');
    expect(a.attrAt('channel', a.row(a.start(a.customerIndex('b')) + 1))).toBe('app');
    expect(a.rejects.rows).toBe(3);
  });

  it('empty text gives an empty log', () => {
    expect(parseEventsNdjson('').size).toBe(0);
    expect(parseEventsNdjson('\n\r\n').rejects.rows).toBe(0);
  });

  it('rejects a bad line as JSON_SYNTAX with its row (non-blank lines, from 0) and 1-based line', () => {
    const text = ['{"customerId":1,"time":"2024-01-01","type":"order"}', '', '{"customerId":1,"time":', '[1,2]', '{"customerId":2,"time":"soon","type":"order"}', '{"time":"2024-01-01","type":"x"}'].join('\n');
    const log = parseEventsNdjson(text, { onInvalid: 'collect' });
    expect(log.size).toBe(1);
    expect(log.rejects.issues.map((i) => [i.row, i.code, i.field])).toEqual([
      [1, 'JSON_SYNTAX', 'row'],
      [2, 'INVALID_ROW', 'row'],
      [3, 'INVALID_TIME', 'time'],
      [4, 'MISSING_CUSTOMER', 'customerId'],
    ]);
    expect(log.rejects.issues[0]!.expected).toBe('one JSON value per line (line 3)');
    expect(log.rejects.issues[0]!.received).toBe('{"customerId":1,"time":');
  });

  it("throws the first bad line's code by default", () => {
    const e = caught(() => parseEventsNdjson('{"customerId":1,"time":"2024-01-01","type":"order"}\nnot json\n'));
    expect([e.code, e.row]).toEqual(['JSON_SYNTAX', 1]);
    expect(e.message).toMatchInlineSnapshot(`"parseEventsNdjson: row 1: field "row" must be one JSON value per line (line 2); received "not json"."`);
  });

  it('rejects a non-string text argument', () => {
    expect(caught(() => parseEventsNdjson(42 as unknown as string)).code).toBe('INVALID_OPTION');
  });
});
