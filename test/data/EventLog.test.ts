import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEventLog, DEFAULT_VOCABULARY, resolveVocabulary, type EventInput, type EventLog } from '../../src/data/index.js';

const day = (d: number): number => Date.UTC(2024, 0, 1 + d);

const input: EventInput[] = [
  { customerId: 'a', time: day(0), type: 'order', value: 10, source: 'pos' },
  { customerId: 'a', time: day(1), type: 'login', source: 'app' },
  { customerId: 'a', time: day(5), type: 'order', value: 20, source: 'web' },
  { customerId: 'b', time: day(2), type: 'complaint', text: '太贵了', source: 'crm' },
  { customerId: 'b', time: day(3), type: 'pos_sale', value: 5, source: 'pos' },
  { customerId: 'c', time: day(9), type: 'login', source: 'app' },
];

/** Events of a log or view as plain tuples, via the public position/row API. */
function tuples(log: EventLog): [string, number, string][] {
  const out: [string, number, string][] = [];
  for (let c = 0; c < log.customerCount; c++) {
    for (let k = log.start(c); k < log.end(c); k++) out.push([log.customerId(c), log.time[log.row(k)]!, log.typeAt(log.row(k))]);
  }
  return out;
}

describe('EventLog accessors', () => {
  const log = createEventLog(input);

  it('reports size, customers, span and per-customer ranges', () => {
    expect(log.size).toBe(6);
    expect(log.customerCount).toBe(3);
    expect(log.timeSpan()).toEqual({ start: day(0), end: day(9) });
    expect([log.start(1), log.end(1)]).toEqual([3, 5]);
    expect(log.rows).toBeNull();
  });

  it('finds the point-in-time slice with positionAt (strictly before the cutoff)', () => {
    expect(log.positionAt(0, day(1))).toBe(1); // the login exactly at the cutoff is not before it
    expect(log.positionAt(0, day(1) + 1)).toBe(2);
    expect(log.positionAt(0, day(-1))).toBe(0);
    expect(log.positionAt(0, day(100))).toBe(3);
  });

  it('resolves roles through the vocabulary', () => {
    expect(log.roleTypeIds('purchase').map((i) => log.types[i])).toEqual(['order', 'pos_sale']);
    expect(log.roleTypeIds('refund')).toEqual([]);
    const custom = log.withVocabulary({ purchase: ['pos_sale'] });
    expect(custom.roleTypeIds('purchase').map((i) => custom.types[i])).toEqual(['pos_sale']);
    expect(custom.vocabulary.activity).toEqual(DEFAULT_VOCABULARY.activity);
    expect(() => log.roleMask('buy' as never)).toThrow(expect.objectContaining({ code: 'UNKNOWN_ROLE' }));
  });

  it('rolesMask is the union of the role masks, a fresh array each call', () => {
    const both = log.rolesMask(['purchase', 'complaint']);
    const want = log.types.map((_, i) => (log.roleMask('purchase')[i] === 1 || log.roleMask('complaint')[i] === 1 ? 1 : 0));
    expect(Array.from(both).slice(0, log.types.length)).toEqual(want);
    expect(want).toContain(1);
    expect(log.rolesMask(['purchase', 'complaint'])).not.toBe(both);
    expect(Array.from(log.rolesMask([]))).toEqual(new Array(Math.max(1, log.types.length)).fill(0));
    expect(() => log.rolesMask(['buy' as never])).toThrow(expect.objectContaining({ code: 'UNKNOWN_ROLE' }));
  });

  it('reads back events with source and text', () => {
    const b = [...log.events()].filter((e) => e.customerId === 'b');
    expect(b).toEqual([
      { customerId: 'b', time: day(2), type: 'complaint', source: 'crm', text: '太贵了' },
      { customerId: 'b', time: day(3), type: 'pos_sale', source: 'pos', value: 5 },
    ]);
    expect(log.sources).toEqual(['app', 'crm', 'pos', 'web']);
  });

  it('refuses an out-of-range customer index', () => {
    expect(() => log.customerId(3)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('EventLog.filter views', () => {
  const log = createEventLog(input);

  it('filters by role without copying the columns', () => {
    const v = log.filter({ roles: ['purchase'] });
    expect(v.time).toBe(log.time); // shared, not copied
    expect(tuples(v)).toEqual([
      ['a', day(0), 'order'],
      ['a', day(5), 'order'],
      ['b', day(3), 'pos_sale'],
    ]);
    expect(v.customerIds).toEqual(['a', 'b']); // c has no purchase: not in the view
  });

  it('filters by time range [from, to)', () => {
    const v = log.filter({ from: day(1), to: day(5) });
    expect(tuples(v)).toEqual([
      ['a', day(1), 'login'],
      ['b', day(2), 'complaint'],
      ['b', day(3), 'pos_sale'],
    ]);
    expect(v.positionAt(0, day(2))).toBe(1);
  });

  it('filters by customers, types and sources together, and views of views compose', () => {
    const v = log.filter({ customers: ['b', 'a', 'zz'], types: ['order', 'pos_sale', 'login'], sources: ['pos', 'app'] });
    expect(tuples(v)).toEqual([
      ['a', day(0), 'order'],
      ['a', day(1), 'login'],
      ['b', day(3), 'pos_sale'],
    ]);
    const vv = v.filter({ roles: ['activity'] });
    expect(tuples(vv)).toEqual([['a', day(1), 'login']]);
    expect(vv.customerIndex('a')).toBe(0);
    expect(vv.customerIndex('b')).toBe(-1);
  });

  it('types and roles intersect', () => {
    expect(tuples(log.filter({ types: ['order', 'login'], roles: ['purchase'] }))).toEqual([
      ['a', day(0), 'order'],
      ['a', day(5), 'order'],
    ]);
  });

  it('refuses an invalid bound', () => {
    expect(() => log.filter({ to: 'soon' })).toThrow(expect.objectContaining({ code: 'INVALID_TIME', path: ['to'] }));
  });

  it('agrees with a straightforward filter over event objects (property)', () => {
    const ev = fc.record({
      c: fc.integer({ min: 0, max: 4 }),
      t: fc.integer({ min: 0, max: 100 }),
      type: fc.constantFrom('order', 'login', 'refund', 'visit'),
    });
    fc.assert(
      fc.property(fc.array(ev, { maxLength: 40 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.subarray(['order', 'login', 'refund', 'visit']), (events, a, b, types) => {
        const lg = createEventLog(events.map((e) => ({ customerId: e.c, time: e.t, type: e.type })));
        const from = Math.min(a, b);
        const to = Math.max(a, b);
        const got = tuples(lg.filter({ from, to, types }));
        const want = tuples(lg).filter(([, t, ty]) => t >= from && t < to && types.includes(ty));
        expect(got).toEqual(want);
      }),
    );
  });
});

describe('resolveVocabulary', () => {
  it('overrides role by role and freezes the result', () => {
    const v = resolveVocabulary({ purchase: ['sale'] });
    expect(v.purchase).toEqual(['sale']);
    expect(v.refund).toEqual(DEFAULT_VOCABULARY.refund);
    expect(Object.isFrozen(v)).toBe(true);
  });

  it('rejects non-string type names with the path', () => {
    expect(() => resolveVocabulary({ purchase: [1 as unknown as string] })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', path: ['vocabulary', 'purchase'] }));
  });
});
