import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChurnkitError, createEventLog, createEventLogAsync, EventLogBuilder, type EventInput, type EventLog } from '../../src/data/index.js';


function columns(log: EventLog) {
  return {
    ids: [...log.customerIds],
    offsets: [...log.offsets],
    time: [...log.time],
    value: [...log.value],
    quantity: [...log.quantity],
    types: log.types.map((t) => t),
    type: [...log.type],
  };
}

describe('createEventLog: storage and order', () => {
  it('sorts by (customer, time) whatever the input order, ties in one canonical order (type name, value, ...)', () => {
    const input: EventInput[] = Object.freeze([
      Object.freeze({ customerId: 'b', time: '2024-01-03', type: 'order', value: 3 }),
      Object.freeze({ customerId: 'a', time: '2024-01-02', type: 'login' }),
      Object.freeze({ customerId: 'a', time: '2024-01-01', type: 'order', value: 1 }),
      Object.freeze({ customerId: 'b', time: '2024-01-03', type: 'complaint', text: 'first tie' }),
      Object.freeze({ customerId: 'b', time: '2024-01-01', type: 'visit' }),
      Object.freeze({ customerId: 'b', time: '2024-01-03', type: 'refund', value: 2 }),
    ]) as EventInput[];
    const log = createEventLog(input);
    expect(log.customerIds).toEqual(['a', 'b']);
    expect([...log.offsets]).toEqual([0, 2, 6]);
    const events = [...log.events()].map((e) => `${e.customerId} ${new Date(e.time).toISOString().slice(0, 10)} ${e.type}`);
    expect(events).toEqual([
      'a 2024-01-01 order',
      'a 2024-01-02 login',
      'b 2024-01-01 visit',
      'b 2024-01-03 complaint', // three ties on 01-03 (input order: order, complaint, refund), by type name
      'b 2024-01-03 order',
      'b 2024-01-03 refund',
    ]);
    // The text moved with its event.
    expect(log.textAt(3)).toBe('first tie');
    expect(log.textAt(4)).toBeUndefined();
    // Every permutation of the input gives the same log.
    const same = (l: ReturnType<typeof createEventLog>) => JSON.stringify([...l.events()]);
    const perms = (xs: EventInput[]): EventInput[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => perms([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p])));
    for (const p of perms(input)) expect(same(createEventLog(p))).toBe(same(log));
  });

  it('orders simultaneous events by value, then quantity, source, text and attribute values', () => {
    const t = '2024-01-01';
    const input: EventInput[] = [
      { customerId: 'a', time: t, type: 'order', value: 5, attrs: { coupon: 'B' } },
      { customerId: 'a', time: t, type: 'order', value: 5, attrs: { coupon: 'A' } },
      { customerId: 'a', time: t, type: 'order', value: 5, text: 'z' },
      { customerId: 'a', time: t, type: 'order', value: 5, quantity: 1 },
      { customerId: 'a', time: t, type: 'order' },
      { customerId: 'a', time: t, type: 'order', value: 2 },
    ];
    const log = createEventLog(input);
    // value 2, then the 5s (quantity 1 before NaN; among the rest, no text before 'z'; among
    // those without text, no coupon... here both have one: 'A' before 'B'), then no value (NaN).
    expect([...log.events()].map((e) => [e.value ?? null, e.quantity ?? null, e.text ?? null, e.attrs?.['coupon'] ?? null])).toEqual([
      [2, null, null, null],
      [5, 1, null, null],
      [5, null, null, 'A'],
      [5, null, null, 'B'],
      [5, null, 'z', null],
      [null, null, null, null],
    ]);
  });

  it('stores −0 as +0 (times and attribute values) and lists attributes by name, so input order leaves no trace', () => {
    const a: EventInput = { customerId: 'c', time: -0, type: 'x', attrs: { m: 1, k: -0 } };
    const b: EventInput = { customerId: 'c', time: 0, type: 'y', attrs: { k: 0 } };
    for (const input of [[a, b], [b, a]]) {
      const log = createEventLog(input);
      expect(log.attrNames).toEqual(['k', 'm']);
      expect(Object.is(log.time[0], 0) && Object.is(log.time[1], 0)).toBe(true);
      expect(log.attr('k')!.values.every((v) => Object.is(v, 0))).toBe(true);
      expect(JSON.stringify([...log.events()])).toBe('[{"customerId":"c","time":0,"type":"x","source":"default","attrs":{"k":0,"m":1}},{"customerId":"c","time":0,"type":"y","source":"default","attrs":{"k":0}}]');
    }
  });

  it('orders ties by value for a customer with many events (array-sort path)', () => {
    const input: EventInput[] = [];
    for (let i = 0; i < 200; i++) input.push({ customerId: 1, time: (i * 7919) % 50, type: 'order', value: i });
    const log = createEventLog(input);
    for (let k = 1; k < log.size; k++) {
      const t0 = log.time[k - 1]!;
      const t1 = log.time[k]!;
      expect(t0 <= t1).toBe(true);
      if (t0 === t1) expect(log.value[k - 1]! < log.value[k]!).toBe(true);
    }
  });

  it('orders customer ids numerically for integers, then the rest by code unit', () => {
    const log = createEventLog(
      ['10', 2, 'b', '002', 1, 'A', '-3', '1.5'].map((id) => ({ customerId: id, time: 0, type: 'login' })),
    );
    expect(log.customerIds).toEqual(['1', '2', '10', '-3', '002', '1.5', 'A', 'b']);
    expect(log.customerIndex(10)).toBe(2);
    expect(log.customerIndex('nobody')).toBe(-1);
  });

  it('treats a number id and its decimal string as one customer', () => {
    const log = createEventLog([
      { customerId: 17850, time: 0, type: 'order' },
      { customerId: '17850', time: 1, type: 'order' },
    ]);
    expect(log.customerCount).toBe(1);
    expect(log.customerId(0)).toBe('17850');
  });

  it('stores value and quantity as NaN when absent and keeps attrs column-wise', () => {
    const log = createEventLog([
      { customerId: 'a', time: 0, type: 'order', value: 10.5, quantity: 2, attrs: { coupon: 'WELCOME', first: true } },
      { customerId: 'a', time: 1, type: 'login', attrs: { channel: 'app' } },
      { customerId: 'a', time: 2, type: 'order', value: null, attrs: { coupon: null } },
    ]);
    expect(log.value[0]).toBe(10.5);
    expect(log.value[1]).toBeNaN();
    expect(log.value[2]).toBeNaN();
    expect(log.quantity[0]).toBe(2);
    expect([...log.attrNames].sort()).toEqual(['channel', 'coupon', 'first']);
    expect(log.attrAt('coupon', 0)).toBe('WELCOME');
    expect(log.attrAt('coupon', 1)).toBeUndefined();
    expect(log.attrAt('coupon', 2)).toBeNull();
    expect(log.attrAt('first', 0)).toBe(true);
    expect([...log.attr('channel')!.codes]).toEqual([-1, 0, -1]);
  });

  it('accepts Date, ISO with offsets, date-only and epoch ms, all stored as UTC epoch ms', () => {
    const log = createEventLog([
      { customerId: 1, time: new Date(Date.UTC(2024, 0, 1, 12)), type: 'a' },
      { customerId: 2, time: '2024-01-01T14:00:00+02:00', type: 'a' },
      { customerId: 3, time: '2024-01-01', type: 'a' },
      { customerId: 4, time: Date.UTC(2024, 0, 1, 12), type: 'a' },
    ]);
    expect([...log.time]).toEqual([Date.UTC(2024, 0, 1, 12), Date.UTC(2024, 0, 1, 12), Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1, 12)]);
  });

  it('handles huge values and negative amounts without loss', () => {
    const log = createEventLog([
      { customerId: 1, time: 0, type: 'order', value: 1e300 },
      { customerId: 1, time: 1, type: 'refund', value: -Number.MAX_SAFE_INTEGER },
    ]);
    expect(log.value[0]).toBe(1e300);
    expect(log.value[1]).toBe(-Number.MAX_SAFE_INTEGER);
  });

  it('builds an empty log from no events', () => {
    const log = createEventLog([]);
    expect(log.size).toBe(0);
    expect(log.customerCount).toBe(0);
    expect(log.timeSpan()).toBeNull();
    expect(log.rejects).toMatchObject({ rows: 0, accepted: 0, rejected: 0 });
  });

  it('gives the same columns for any input order (property; distinct times per customer)', () => {
    const arb = fc.uniqueArray(fc.record({ c: fc.integer({ min: 0, max: 6 }), t: fc.integer({ min: 0, max: 10_000 }), v: fc.double({ noNaN: true, min: -1e6, max: 1e6 }) }), {
      selector: (e) => `${e.c}:${e.t}`,
      maxLength: 60,
    });
    fc.assert(
      fc.property(arb, fc.integer(), (events, seed) => {
        const input = events.map((e) => ({ customerId: e.c, time: e.t, type: e.v > 0 ? 'order' : 'visit', value: e.v }));
        const shuffled = fc.sample(fc.shuffledSubarray(input, { minLength: input.length, maxLength: input.length }), { seed, numRuns: 1 })[0]!;
        expect(columns(createEventLog(shuffled))).toEqual(columns(createEventLog(input)));
      }),
    );
  });

  it('does not mutate its input', () => {
    const input = [{ customerId: 'x', time: '2024-01-01', type: 'order', value: 1, attrs: { a: 1 } }];
    const copy = structuredClone(input);
    createEventLog(input);
    expect(input).toEqual(copy);
  });
});

describe('createEventLog: rejected rows', () => {
  const bad: [string, unknown, string, string][] = [
    ['MISSING_CUSTOMER', { time: 0, type: 'order' }, 'customerId', 'a non-empty string or a finite number'],
    ['MISSING_CUSTOMER', { customerId: '  ', time: 0, type: 'order' }, 'customerId', 'a non-empty string or a finite number'],
    ['INVALID_CUSTOMER', { customerId: { id: 1 }, time: 0, type: 'order' }, 'customerId', 'a non-empty string or a finite number'],
    ['INVALID_CUSTOMER', { customerId: Number.NaN, time: 0, type: 'order' }, 'customerId', 'a non-empty string or a finite number'],
    ['MISSING_TIME', { customerId: 1, type: 'order' }, 'time', 'a Date, ISO 8601 string or epoch ms'],
    ['INVALID_TIME', { customerId: 1, time: 'yesterday', type: 'order' }, 'time', 'a Date, ISO 8601 string or epoch ms'],
    ['INVALID_TIME', { customerId: 1, time: '2024-02-30', type: 'order' }, 'time', 'a Date, ISO 8601 string or epoch ms'],
    ['INVALID_TIME', { customerId: 1, time: new Date('x'), type: 'order' }, 'time', 'a Date, ISO 8601 string or epoch ms'],
    ['MISSING_TYPE', { customerId: 1, time: 0 }, 'type', 'a non-empty string'],
    ['INVALID_TYPE', { customerId: 1, time: 0, type: 7 }, 'type', 'a non-empty string'],
    ['INVALID_VALUE', { customerId: 1, time: 0, type: 'order', value: '12' }, 'value', 'a finite number, null or absent'],
    ['INVALID_VALUE', { customerId: 1, time: 0, type: 'order', value: Infinity }, 'value', 'a finite number, null or absent'],
    ['INVALID_QUANTITY', { customerId: 1, time: 0, type: 'order', quantity: Number.NaN }, 'quantity', 'a finite number, null or absent'],
    ['INVALID_TEXT', { customerId: 1, time: 0, type: 'complaint', text: 42 }, 'text', 'a string, null or absent'],
    ['INVALID_ATTRS', { customerId: 1, time: 0, type: 'order', attrs: ['a'] }, 'attrs', 'an object of string, number, boolean or null values'],
    ['INVALID_ATTRS', { customerId: 1, time: 0, type: 'order', attrs: { sku: { nested: 1 } } }, 'attrs.sku', 'a string, finite number, boolean or null'],
    ['INVALID_ROW', 'not an object', 'row', 'an object with customerId, time and type'],
    ['INVALID_ROW', { customerId: 1, time: 0, type: 'order', source: '' }, 'source', 'a non-empty string'],
  ];

  it.each(bad)('throws %s with the row, field and expectation by default', (code, row, field, expected) => {
    const good = { customerId: 9, time: 0, type: 'order' };
    let err: unknown;
    try {
      createEventLog([good, row as EventInput]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ChurnkitError);
    expect(err).toMatchObject({ code, row: 1, field, expected });
  });

  it('words the message with the function, row, field and expectation', () => {
    expect(() => createEventLog([{ customerId: 'a', time: 'yesterday', type: 'order' }])).toThrowErrorMatchingInlineSnapshot(
      `[ChurnkitError: createEventLog: row 0: field "time" must be a Date, ISO 8601 string or epoch ms; received "yesterday".]`,
    );
  });

  it("counts rejects by code with onInvalid: 'skip' and keeps no issue list", () => {
    const log = createEventLog(
      [
        { customerId: 1, time: 0, type: 'order' },
        { customerId: 1, time: 'bad', type: 'order' },
        { customerId: '', time: 0, type: 'order' },
        { customerId: 2, time: 0, type: 'order', value: 'x' as unknown as number },
        { customerId: 2, time: 'bad', type: 'order' },
      ],
      { onInvalid: 'skip' },
    );
    expect(log.size).toBe(1);
    expect(log.rejects).toEqual({
      rows: 5,
      accepted: 1,
      rejected: 4,
      byCode: { INVALID_TIME: 2, MISSING_CUSTOMER: 1, INVALID_VALUE: 1 },
      issues: [],
      keptWithoutCustomer: 0,
      duplicatesRemoved: 0,
    });
  });

  it("keeps every rejected row with onInvalid: 'collect', up to maxIssues", () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ customerId: i, time: i % 2 === 0 ? 'bad' : 0, type: 'order' }));
    const log = createEventLog(rows, { onInvalid: 'collect', maxIssues: 3 });
    expect(log.rejects.rejected).toBe(5);
    expect(log.rejects.byCode.INVALID_TIME).toBe(5);
    expect(log.rejects.issues).toEqual([
      { row: 0, code: 'INVALID_TIME', field: 'time', expected: 'a Date, ISO 8601 string or epoch ms', received: 'bad' },
      { row: 2, code: 'INVALID_TIME', field: 'time', expected: 'a Date, ISO 8601 string or epoch ms', received: 'bad' },
      { row: 4, code: 'INVALID_TIME', field: 'time', expected: 'a Date, ISO 8601 string or epoch ms', received: 'bad' },
    ]);
  });

  it('keeps rows without a customer under an explicit placeholder, counted', () => {
    const log = createEventLog(
      [
        { customerId: null as unknown as string, time: 0, type: 'order' },
        { customerId: 'a', time: 0, type: 'order' },
      ],
      { missingCustomer: { keepAs: '(guest)' } },
    );
    expect(log.customerIds).toEqual(['(guest)', 'a']);
    expect(log.rejects.keptWithoutCustomer).toBe(1);
    expect(log.rejects.rejected).toBe(0);
  });

  it('refuses bad options with INVALID_OPTION', () => {
    expect(() => createEventLog([], { onInvalid: 'ignore' as 'skip' })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', path: ['onInvalid'] }));
    expect(() => createEventLog([], { maxIssues: -1 })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => createEventLog([], { missingCustomer: { keepAs: '' } })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => createEventLog([], { vocabulary: { buy: ['x'] } as never })).toThrow(expect.objectContaining({ code: 'UNKNOWN_ROLE' }));
  });

  it('refuses a second build of one builder', () => {
    const b = new EventLogBuilder();
    b.build();
    expect(() => b.build()).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('createEventLogAsync', () => {
  it('builds the same log from an async stream', async () => {
    const events: EventInput[] = [
      { customerId: 2, time: 5, type: 'order', value: 1 },
      { customerId: 1, time: 3, type: 'visit' },
    ];
    async function* stream() {
      for (const e of events) yield e;
    }
    const a = await createEventLogAsync(stream());
    expect(columns(a)).toEqual(columns(createEventLog(events)));
  });
});

describe('EventLogBuilder fast paths', () => {
  it('sorts many ids of mixed kinds exactly as compareIds says (precomputed keys)', async () => {
    const { compareIds, sortIds } = await import('../../src/data/EventLogBuilder.js');
    fc.assert(
      fc.property(fc.uniqueArray(fc.oneof(fc.nat({ max: 1e12 }).map(String), fc.string({ maxLength: 4 }), fc.constantFrom('007', '0', '-1', '1e3')), { maxLength: 80 }), (ids) => {
        const want = ids.map((_, i) => i).sort((a, b) => compareIds(ids[a]!, ids[b]!));
        expect(sortIds(ids)).toEqual(want);
      }),
    );
  });

  it('the one-entry customer and type caches give the same log as a cold lookup per row', () => {
    const rows: EventInput[] = [];
    for (let i = 0; i < 300; i++) rows.push({ customerId: `c${Math.floor(i / 7) % 11}`, time: i, type: i % 5 < 3 ? 'order' : 'visit' });
    const a = createEventLog(rows);
    const b = createEventLog([...rows].reverse());
    expect(a.customerIds).toEqual(b.customerIds);
    expect([...a.type]).toEqual([...b.type]);
    expect([...a.offsets]).toEqual([...b.offsets]);
    expect(a.customerCount).toBe(11);
  });
});

describe('entry points refuse what is not their input with a ChurnkitError', () => {
  it('createEventLog, EventLog.filter and createFeatureMatrix', async () => {
    const { createFeatureMatrix } = await import('../../src/features/FeatureMatrix.js');
    expect(() => createEventLog(undefined as never)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => createEventLog(42 as never)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => createEventLog([]).filter(null as never)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => createFeatureMatrix(undefined as never)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('EventLogBuilder capacity hint', () => {
  it('gives the same log with or without expectedRows, including more rows than the hint', () => {
    const rows: EventInput[] = Array.from({ length: 3000 }, (_, i) => ({ customerId: i % 97, time: (i * 7) % 1000, type: i % 3 ? 'order' : 'visit', value: i }));
    const plain = new EventLogBuilder();
    const hinted = new EventLogBuilder({ expectedRows: 1500 });
    rows.forEach((r, i) => {
      plain.add(r, i);
      hinted.add(r, i);
    });
    const a = plain.build();
    const b = hinted.build();
    expect([...b.time]).toEqual([...a.time]);
    expect([...b.value]).toEqual([...a.value]);
    expect([...b.offsets]).toEqual([...a.offsets]);
    expect(() => new EventLogBuilder({ expectedRows: -1 })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', path: ['expectedRows'] }));
  });
});
