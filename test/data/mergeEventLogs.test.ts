import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChurnkitError, createEventLog, type EventInput, type EventLog } from '../../src/data/index.js';
import { resolveIdentities } from '../../src/data/IdentityMap.js';
import { mergeEventLogs, mergeEventLogsWithReport } from '../../src/data/mergeEventLogs.js';


/** Every stored column of a log, as plain arrays, for whole-log equality. */
function columns(log: EventLog) {
  const pos = Array.from({ length: log.size }, (_, k) => log.row(k));
  return {
    ids: [...log.customerIds],
    offsets: [...log.offsets],
    time: pos.map((i) => log.time[i]),
    value: pos.map((i) => log.value[i]),
    quantity: pos.map((i) => log.quantity[i]),
    types: [...log.types],
    type: pos.map((i) => log.type[i]),
    sources: [...log.sources],
    source: pos.map((i) => log.source[i]),
    text: pos.map((i) => log.textAt(i) ?? null),
    attrs: [...log.attrNames].sort().map((n) => [n, pos.map((i) => log.attrAt(n, i) ?? null)]),
  };
}

function freezeAll(events: EventInput[]): EventInput[] {
  for (const e of events) {
    if (e.attrs) Object.freeze(e.attrs);
    Object.freeze(e);
  }
  return Object.freeze(events) as EventInput[];
}

// Three systems, one shop. CRM ids are canonical; the POS and the app use their own ids.
const crmEvents = freezeAll([
  { customerId: '1001', time: '2024-05-01T10:00:00Z', type: 'order', value: 40, quantity: 2, attrs: { channel: 'web' } },
  { customerId: '1002', time: '2024-05-03T09:00:00Z', type: 'order', value: 15 },
  { customerId: '1001', time: '2024-05-10T08:00:00Z', type: 'campaign_sent' },
]);
const posEvents = freezeAll([
  { customerId: 'A7', time: '2024-05-01T10:00:00Z', type: 'order', value: 40, quantity: 2, attrs: { store: 'north' } }, // = crm row 0
  { customerId: 'A7', time: '2024-05-09T12:00:00Z', type: 'pos_sale', value: 12.5 },
  { customerId: 'B2', time: '2024-05-03T09:00:00Z', type: 'order', value: 15 }, // = crm row 1
  { customerId: 'C9', time: '2024-05-04T09:00:00Z', type: 'pos_sale', value: 7 }, // unmapped: stays C9
]);
const appEvents = freezeAll([
  { customerId: 'u-1', time: '2024-05-02T07:00:00Z', type: 'login' },
  { customerId: 'A7', time: '2024-05-02T07:30:00Z', type: 'login' }, // A7 in the app is a different person
  { customerId: 'jane@example.com', time: '2024-05-05T18:00:00Z', type: 'complaint', text: 'late delivery' },
]);
const identities = Object.freeze([
  Object.freeze({ source: 'pos', id: 'A7', customerId: '1001' }),
  Object.freeze({ source: 'pos', id: 'B2', customerId: 1002 }),
  Object.freeze({ source: 'app', id: 'u-1', customerId: '1001' }),
  Object.freeze({ id: 'jane@example.com', customerId: '1002' }),
]);

function shop() {
  return {
    crm: createEventLog(crmEvents, { source: 'crm' }),
    pos: createEventLog(posEvents, { source: 'pos' }),
    app: createEventLog(appEvents, { source: 'app' }),
  };
}

describe('mergeEventLogs: identities across three sources', () => {
  it('resolves aliases per source, keeps sources, text and attrs, and removes the two double-recorded orders', () => {
    const { crm, pos, app } = shop();
    const before = [crm, pos, app].map(columns);
    const { log, report } = mergeEventLogsWithReport([crm, pos, app], { identities });
    // Hand count: 10 input events, 2 POS orders equal a CRM order (same canonical customer, time, type, value, quantity).
    expect(log.size).toBe(8);
    expect(log.customerIds).toEqual(['1001', '1002', 'A7', 'C9']);
    expect(log.rejects.duplicatesRemoved).toBe(2);
    expect(report).toEqual({
      inputEvents: 10,
      outputEvents: 8,
      eventsRemapped: 5, // A7×2 and B2 in the POS, u-1 and jane@ in the app
      inputIdentities: 8, // crm:1001, crm:1002, pos:A7, pos:B2, pos:C9, app:u-1, app:A7, app:jane@
      customers: 4,
      duplicatesRemoved: 2,
      duplicatesBySourcePair: [{ kept: 'crm', removed: 'pos', count: 2 }],
    });
    const events = [...log.events()].map((e) => `${e.customerId} ${new Date(e.time).toISOString().slice(5, 16)} ${e.type} ${e.source}`);
    expect(events).toEqual([
      '1001 05-01T10:00 order crm',
      '1001 05-02T07:00 login app',
      '1001 05-09T12:00 pos_sale pos',
      '1001 05-10T08:00 campaign_sent crm',
      '1002 05-03T09:00 order crm',
      '1002 05-05T18:00 complaint app',
      'A7 05-02T07:30 login app',
      'C9 05-04T09:00 pos_sale pos',
    ]);
    // The kept copy is the CRM's: its attrs survive, the POS copy's store attr does not.
    expect(log.attrAt('channel', log.row(0))).toBe('web');
    expect(log.attrAt('store', log.row(0))).toBeUndefined();
    expect(log.textAt(log.row(5))).toBe('late delivery');
    // inputs untouched
    expect([crm, pos, app].map(columns)).toEqual(before);
  });

  it('equals createEventLog of the resolved, de-duplicated events listed log by log (same columns)', () => {
    const { crm, pos, app } = shop();
    const log = mergeEventLogs([crm, pos, app], { identities });
    const resolve = (e: EventInput, source: string): EventInput => {
      const id = String(e.customerId);
      const map: Record<string, string> = source === 'pos' ? { A7: '1001', B2: '1002' } : source === 'app' ? { 'u-1': '1001' } : {};
      const canonical = map[id] ?? (id === 'jane@example.com' ? '1002' : id);
      return { ...e, customerId: canonical, source };
    };
    const expected = createEventLog([
      ...crmEvents.map((e) => resolve(e, 'crm')),
      ...posEvents.filter((_, i) => i !== 0 && i !== 2).map((e) => resolve(e, 'pos')), // the two duplicates
      ...appEvents.map((e) => resolve(e, 'app')),
    ]);
    expect(columns(log)).toEqual(columns(expected));
  });

  it('a plain record maps an alias in every source', () => {
    const a = createEventLog([{ customerId: 'x', time: 1, type: 'login' }], { source: 'app' });
    const b = createEventLog([{ customerId: 'x', time: 2, type: 'order', value: 1 }], { source: 'pos' });
    const log = mergeEventLogs([a, b], { identities: { x: 'c1' } });
    expect(log.customerIds).toEqual(['c1']);
    expect(log.size).toBe(2);
    expect(log.sources).toEqual(['app', 'pos']);
  });

  it('a source-qualified alias wins over a source-free one for its source only', () => {
    const a = createEventLog([{ customerId: 'x', time: 1, type: 'login' }], { source: 'app' });
    const b = createEventLog([{ customerId: 'x', time: 2, type: 'login' }], { source: 'pos' });
    const log = mergeEventLogs([a, b], { identities: [{ id: 'x', customerId: 'free' }, { source: 'pos', id: 'x', customerId: 'posx' }] });
    expect(log.customerIds).toEqual(['free', 'posx']);
  });

  it('reads views through their positions', () => {
    const { crm, pos } = shop();
    const log = mergeEventLogs([crm.filter({ roles: ['purchase'] }), pos.filter({ to: '2024-05-04' })], { identities });
    // crm purchases: 2; pos before 05-04: A7 order (dup of crm), B2 order (dup of crm) → 2 kept.
    expect(log.size).toBe(2);
    expect(log.rejects.duplicatesRemoved).toBe(2);
  });
});

describe('mergeEventLogs: duplicates', () => {
  const crmOrder = (t: string, v = 40): EventInput => ({ customerId: '1', time: t, type: 'order', value: v });

  it('exact key by default; a time tolerance catches clocks that differ by seconds', () => {
    const a = createEventLog([crmOrder('2024-01-01T10:00:00Z')], { source: 'crm' });
    const b = createEventLog([crmOrder('2024-01-01T10:00:30Z')], { source: 'pos' });
    expect(mergeEventLogs([a, b]).size).toBe(2);
    const tol = mergeEventLogs([a, b], { dedupe: { toleranceMs: 30_000 } });
    expect(tol.size).toBe(1); // |Δt| = 30 000 ms ≤ tolerance (inclusive)
    expect(tol.sourceAt(tol.row(0))).toBe('crm');
    expect(tol.rejects.duplicatesRemoved).toBe(1);
    expect(mergeEventLogs([a, b], { dedupe: { toleranceMs: 29_999 } }).size).toBe(2);
  });

  it('value, quantity and type are part of the key; absent equals absent', () => {
    const a = createEventLog(
      [crmOrder('2024-01-01', 40), { customerId: '1', time: '2024-01-02', type: 'login' }, { customerId: '1', time: '2024-01-03', type: 'order', value: 5, quantity: 1 }],
      { source: 'a' },
    );
    const b = createEventLog(
      [crmOrder('2024-01-01', 41), { customerId: '1', time: '2024-01-02', type: 'login' }, { customerId: '1', time: '2024-01-03', type: 'order', value: 5, quantity: 2 }],
      { source: 'b' },
    );
    const r = mergeEventLogsWithReport([a, b]);
    expect(r.log.size).toBe(5); // only the two value-less logins match
    expect(r.report.duplicatesBySourcePair).toEqual([{ kept: 'a', removed: 'b', count: 1 }]);
  });

  it('two genuine identical orders recorded by both systems stay two (multiset matching)', () => {
    const two = [crmOrder('2024-01-01'), crmOrder('2024-01-01')];
    const three = [...two, crmOrder('2024-01-01')];
    const a = createEventLog(two, { source: 'crm' });
    expect(mergeEventLogs([a, createEventLog(two, { source: 'pos' })]).size).toBe(2);
    // max(2, 3) = 3 kept; 2 removed
    const m = mergeEventLogs([a, createEventLog(three, { source: 'pos' })]);
    expect(m.size).toBe(3);
    expect(m.rejects.duplicatesRemoved).toBe(2);
    // within one log nothing is removed by default; scope 'all' keeps one per key
    expect(mergeEventLogs([a]).size).toBe(2);
    expect(mergeEventLogs([a], { dedupe: { scope: 'all' } }).size).toBe(1);
  });

  it('two exports of the same source overlapping by a day are de-duplicated (scope is logs, not source names)', () => {
    const jan = createEventLog([crmOrder('2024-01-30'), crmOrder('2024-01-31', 9)], { source: 'pos' });
    const feb = createEventLog([crmOrder('2024-01-31', 9), crmOrder('2024-02-01', 3)], { source: 'pos' });
    const r = mergeEventLogsWithReport([jan, feb]);
    expect(r.log.size).toBe(3);
    expect(r.report.duplicatesBySourcePair).toEqual([{ kept: 'pos', removed: 'pos', count: 1 }]);
  });

  it('attrs and text can be added to the key; dedupe: false keeps everything', () => {
    const a = createEventLog([{ customerId: '1', time: 5, type: 'ticket', text: 'broken', attrs: { sku: 'x' } }], { source: 'a' });
    const b = createEventLog([{ customerId: '1', time: 5, type: 'ticket', text: 'Broken', attrs: { sku: 'y' } }], { source: 'b' });
    expect(mergeEventLogs([a, b]).size).toBe(1);
    expect(mergeEventLogs([a, b], { dedupe: { text: true } }).size).toBe(2);
    expect(mergeEventLogs([a, b], { dedupe: { attrs: true } }).size).toBe(2);
    expect(mergeEventLogs([a, b], { dedupe: { attrs: ['channel'] } }).size).toBe(1); // neither has channel
    expect(mergeEventLogs([a, b], { dedupe: false }).size).toBe(2);
    expect(mergeEventLogs([a, b], { dedupe: false }).rejects.duplicatesRemoved).toBe(0);
  });

  it('a value of 0 and an absent value differ', () => {
    const a = createEventLog([{ customerId: '1', time: 5, type: 'survey', value: 0 }], { source: 'a' });
    const b = createEventLog([{ customerId: '1', time: 5, type: 'survey' }], { source: 'b' });
    expect(mergeEventLogs([a, b]).size).toBe(2);
  });
});

describe('mergeEventLogs: attribute names', () => {
  it('keeps an attribute named __proto__ (events parsed from JSON can carry it)', () => {
    const events = JSON.parse('[{"customerId":"A","time":1,"type":"order","attrs":{"__proto__":"vip"}}]') as EventInput[];
    const m = mergeEventLogs([createEventLog(events), createEventLog([{ customerId: 'B', time: 2, type: 'order' }])]);
    expect(m.attrNames).toEqual(['__proto__']);
    expect(m.attrAt('__proto__', m.row(m.start(m.customerIndex('A'))))).toBe('vip');
  });
});

describe('mergeEventLogs: rejects, empty inputs, options', () => {
  it('carries every input log rejects into the merged report, tagged with the source', () => {
    const a = createEventLog([{ customerId: '1', time: 'bad', type: 'order' }, { customerId: '1', time: 1, type: 'order' }] as EventInput[], {
      source: 'crm',
      onInvalid: 'collect',
    });
    const b = createEventLog([{ customerId: '', time: 1, type: 'order' }, { customerId: '2', time: 1, type: '' }] as EventInput[], {
      source: 'pos',
      onInvalid: 'skip',
    });
    const log = mergeEventLogs([a, b]);
    expect(log.size).toBe(1);
    expect(log.rejects.rejected).toBe(3);
    expect(log.rejects.rows).toBe(4);
    expect(log.rejects.byCode).toEqual({ INVALID_TIME: 1, MISSING_CUSTOMER: 1, MISSING_TYPE: 1 });
    expect(log.rejects.issues).toHaveLength(1); // 'skip' keeps no issues
    expect(log.rejects.issues[0]).toMatchObject({ row: 0, code: 'INVALID_TIME', source: 'crm' });
  });

  it('empty inputs give an empty log', () => {
    expect(mergeEventLogs([]).size).toBe(0);
    const e = mergeEventLogs([createEventLog([]), createEventLog([])], { identities: { a: 'b' } });
    expect(e.size).toBe(0);
    expect(e.customerCount).toBe(0);
    expect(e.rejects.duplicatesRemoved).toBe(0);
  });

  it('one customer, one log: identity', () => {
    const a = createEventLog([{ customerId: 7, time: 2, type: 'login' }, { customerId: 7, time: 1, type: 'order', value: 3 }]);
    expect(columns(mergeEventLogs([a]))).toEqual(columns(a));
  });

  it('rejects bad options', () => {
    const a = createEventLog([]);
    expect(() => mergeEventLogs([a], { dedupe: { toleranceMs: -1 } })).toThrowError(expect.objectContaining({ code: 'INVALID_OPTION', path: ['dedupe.toleranceMs'] }));
    expect(() => mergeEventLogs([a], { dedupe: { scope: 'x' as 'all' } })).toThrowError(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => mergeEventLogs([{} as EventLog])).toThrowError(expect.objectContaining({ code: 'INVALID_INPUT', path: ['logs', 0] }));
  });
});

describe('resolveIdentities: validation', () => {
  it('an alias mapped to two different customers is an error naming both paths', () => {
    const map = [
      { source: 'pos', id: 'A7', customerId: '1001' },
      { id: 'A7', customerId: '1001' },
      { source: 'pos', id: 'A7', customerId: '1001' }, // repeating a link is fine
      { source: 'pos', id: 'A7', customerId: '1002' },
    ];
    let err: unknown;
    try {
      mergeEventLogs([createEventLog([])], { identities: map });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ChurnkitError);
    expect((err as ChurnkitError).code).toBe('INVALID_OPTION');
    expect((err as ChurnkitError).path).toEqual(['identities', 3, 'customerId']);
    expect((err as ChurnkitError).message).toMatchInlineSnapshot(
      `"mergeEventLogs: identities: alias "A7" of source "pos" maps to two different customers: "1001" (at identities.0.customerId) and "1002" (at identities.3.customerId)."`,
    );
  });

  it('source-free conflicts, chains and malformed entries', () => {
    expect(() => resolveIdentities([{ id: 1, customerId: 'a' }, { id: '1', customerId: 'b' }])).toThrowError(
      expect.objectContaining({ code: 'INVALID_OPTION', path: ['identities', 1, 'customerId'] }),
    );
    expect(() => resolveIdentities({ x: 'y', y: 'z' })).toThrowError(/chains are not followed/);
    expect(() => resolveIdentities([{ source: 'pos', id: 'p', customerId: 'y' }, { id: 'y', customerId: 'z' }])).toThrowError(
      expect.objectContaining({ path: ['identities', 0, 'customerId'] }),
    );
    expect(() => resolveIdentities([{ id: '', customerId: 'a' }])).toThrowError(expect.objectContaining({ path: ['identities', 0, 'id'] }));
    expect(() => resolveIdentities([{ id: 'a', customerId: Number.NaN }])).toThrowError(expect.objectContaining({ path: ['identities', 0, 'customerId'] }));
    expect(() => resolveIdentities([{ source: '', id: 'a', customerId: 'b' }])).toThrowError(expect.objectContaining({ path: ['identities', 0, 'source'] }));
    expect(() => resolveIdentities('x' as never)).toThrowError(expect.objectContaining({ path: ['identities'] }));
    // self-maps and a different source's alias with the same spelling are not chains
    const r = resolveIdentities([{ id: 'a', customerId: 'a' }, { source: 'pos', id: 'b', customerId: 'a' }, { source: 'app', id: 'a', customerId: 'q' }]);
    expect(r.links).toBe(3);
    expect(r.bySource.get('app')?.get('a')).toBe('q');
  });
});

describe('mergeEventLogs: properties', () => {
  const ev = fc.record({
    customerId: fc.constantFrom('1', '2', '10', 'a', 'b'),
    time: fc.integer({ min: 0, max: 20 }),
    type: fc.constantFrom('order', 'login', 'refund'),
    value: fc.option(fc.constantFrom(1, 2, 3), { nil: undefined }),
  });
  it('without dedupe, merging equals createEventLog of the concatenation (any split, any order)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(ev, { maxLength: 12 }), { maxLength: 4 }), (parts) => {
        const logs = parts.map((p, i) => createEventLog(p, { source: `s${i % 2}` }));
        const all = parts.flatMap((p, i) => p.map((e) => ({ ...e, source: `s${i % 2}` })));
        expect(columns(mergeEventLogs(logs, { dedupe: false }))).toEqual(columns(createEventLog(all)));
      }),
      { numRuns: 150 },
    );
  });
  it('with dedupe, each key keeps max over logs of its count', () => {
    fc.assert(
      fc.property(fc.array(fc.array(ev, { maxLength: 12 }), { maxLength: 4 }), (parts) => {
        const logs = parts.map((p) => createEventLog(p));
        const key = (e: { customerId: string; time: number; type: string; value?: number | undefined }) => `${e.customerId}|${e.time}|${e.type}|${e.value ?? ''}`;
        const max = new Map<string, number>();
        for (const p of parts) {
          const cnt = new Map<string, number>();
          for (const e of p) cnt.set(key(e), (cnt.get(key(e)) ?? 0) + 1);
          for (const [k, n] of cnt) max.set(k, Math.max(max.get(k) ?? 0, n));
        }
        let expected = 0;
        for (const n of max.values()) expected += n;
        const m = mergeEventLogs(logs);
        expect(m.size).toBe(expected);
        expect(m.rejects.duplicatesRemoved).toBe(parts.reduce((s, p) => s + p.length, 0) - expected);
      }),
      { numRuns: 150 },
    );
  });
  it('greedy reference: long windows (hash path) and tolerances give the same kept events as a direct search', () => {
    const e = fc.record({
      customerId: fc.constantFrom('1', '2'),
      time: fc.integer({ min: 0, max: 6 }),
      type: fc.constantFrom('order', 'login'),
      value: fc.option(fc.constantFrom(1, 2), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(fc.array(e, { minLength: 20, maxLength: 70 }), { minLength: 1, maxLength: 3 }), fc.constantFrom(0, 1, 3), (parts, tol) => {
        const logs = parts.map((p, i) => createEventLog(p, { source: `s${i}` }));
        // Reference: all events sorted by (customer, time, log, position); each is dropped when the
        // latest kept event of the same customer within tol with the same key comes from another log
        // that has not yet absorbed a copy from this log.
        const all = logs.flatMap((l, li) => [...l.events()].map((x, pos) => ({ ...x, li, pos })));
        all.sort((x, y) => (x.customerId < y.customerId ? -1 : x.customerId > y.customerId ? 1 : x.time - y.time || x.li - y.li || x.pos - y.pos));
        const kept: { ev: (typeof all)[number]; absorbed: Set<number> }[] = [];
        for (const ev of all) {
          let hit: (typeof kept)[number] | undefined;
          for (let m = kept.length - 1; m >= 0; m--) {
            const k = kept[m]!;
            if (k.ev.customerId !== ev.customerId || ev.time - k.ev.time > tol) break;
            if (k.ev.type === ev.type && k.ev.value === ev.value && k.ev.li !== ev.li && !k.absorbed.has(ev.li)) {
              hit = k;
              break;
            }
          }
          if (hit) hit.absorbed.add(ev.li);
          else kept.push({ ev, absorbed: new Set() });
        }
        const m = mergeEventLogs(logs, { dedupe: { toleranceMs: tol } });
        // The same kept events; their order among simultaneous ones is the log's canonical order
        // (createEventLog's tests), so both lists are compared sorted.
        expect([...m.events()].map((x) => `${x.customerId} ${x.time} ${x.type} ${x.value} ${x.source}`).sort()).toEqual(
          kept.map(({ ev }) => `${ev.customerId} ${ev.time} ${ev.type} ${ev.value} ${ev.source}`).sort(),
        );
      }),
      { numRuns: 150 },
    );
  });
});
