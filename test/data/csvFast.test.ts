/**
 * The fast ingestion paths (session 3, brief K): the builder keeps already-sorted columns as
 * they are, scatters time-ordered input with one counting sort, and sorts only the customer
 * blocks found out of time order; the CSV reader hands the builder dictionary codes resolved
 * once per distinct cell (a dense table for integer ids). Every path must give the same log
 * as a plain reference sort written here from the documented order: (customer, time, input
 * order), canonical integer ids numerically first, then the other ids by UTF-16 code unit;
 * types and sources sorted by code unit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEventLog, EventLogBuilder, parseEventsCsv, type AttrValue, type EventInput, type EventLog } from '../../src/data/index.js';
import { CellInterner } from '../../src/data/_csvIntern.js';
import { CsvTokenizer } from '../../src/data/_csvTokenizer.js';
import { isoCellInto, isoMemo } from '../../src/data/_csvTime.js';
import { parseIsoTime } from '../../src/internal/time.js';

interface Row {
  id: string;
  time: number;
  type: string;
  value?: number;
  quantity?: number;
  source?: string;
  text?: string;
  attrs?: Record<string, AttrValue>;
}

interface Dump {
  customerIds: string[];
  offsets: number[];
  time: number[];
  value: (number | null)[];
  quantity: (number | null)[];
  type: string[];
  source: string[];
  types: string[];
  sources: string[];
  text: (string | null)[];
  attrs: Record<string, (AttrValue | undefined)[]>;
}

const nan = (x: number): number | null => (Number.isNaN(x) ? null : x);

/** Everything a log holds, by position, with dictionary codes decoded. */
function dump(log: EventLog): Dump {
  const n = log.size;
  const pos = Array.from({ length: n }, (_, k) => log.row(k));
  const attrs: Record<string, (AttrValue | undefined)[]> = {};
  for (const name of [...log.attrNames].sort()) {
    const col = log.attr(name)!;
    expect(col.codes.length).toBe(n);
    attrs[name] = pos.map((i) => (col.codes[i]! < 0 ? undefined : col.values[col.codes[i]!]));
  }
  expect(log.time.length).toBe(n);
  expect(log.value.length).toBe(n);
  expect(log.quantity.length).toBe(n);
  expect(log.type.length).toBe(n);
  expect(log.source.length).toBe(n);
  return {
    customerIds: [...log.customerIds],
    offsets: [...log.offsets],
    time: pos.map((i) => log.time[i]!),
    value: pos.map((i) => nan(log.value[i]!)),
    quantity: pos.map((i) => nan(log.quantity[i]!)),
    type: pos.map((i) => log.types[log.type[i]!]!),
    source: pos.map((i) => log.sources[log.source[i]!]!),
    types: [...log.types],
    sources: [...log.sources],
    text: pos.map((i) => log.textAt(i) ?? null),
    attrs,
  };
}

const isCanonicalInt = (s: string): boolean => /^(0|[1-9]\d{0,14})$/.test(s);
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** The documented customer order, written independently of the implementation. */
function idOrder(a: string, b: string): number {
  const na = isCanonicalInt(a);
  const nb = isCanonicalInt(b);
  if (na && nb) return Number(a) - Number(b);
  if (na !== nb) return na ? -1 : 1;
  return byCodeUnit(a, b);
}

/** Numbers ascending, NaN (absent) last. */
const numOrder = (a: number | undefined, b: number | undefined): number => (a === undefined ? (b === undefined ? 0 : 1) : b === undefined ? -1 : a - b);
/** Attribute values: absent, then null, booleans, numbers, strings. */
function attrOrder(a: AttrValue | undefined, b: AttrValue | undefined): number {
  const rank = (v: AttrValue | undefined): number => (v === undefined ? 0 : v === null ? 1 : typeof v === 'boolean' ? 2 : typeof v === 'number' ? 3 : 4);
  return rank(a) - rank(b) || (typeof a === 'number' ? a - (b as number) : byCodeUnit(String(a), String(b)));
}
/** The documented order of simultaneous events: type name, value, quantity, source, text, attributes by name. */
function tieOrder(a: Row, b: Row, defaultSource: string): number {
  const d = byCodeUnit(a.type, b.type) || numOrder(a.value, b.value) || numOrder(a.quantity, b.quantity) || byCodeUnit(a.source ?? defaultSource, b.source ?? defaultSource);
  if (d !== 0) return d;
  if (a.text !== b.text) return a.text === undefined ? -1 : b.text === undefined ? 1 : byCodeUnit(a.text, b.text);
  for (const k of [...new Set([...Object.keys(a.attrs ?? {}), ...Object.keys(b.attrs ?? {})])].sort()) {
    const e = attrOrder(a.attrs?.[k], b.attrs?.[k]);
    if (e !== 0) return e;
  }
  return 0;
}

/** The log the rows must give, by a plain stable sort of row objects. */
function reference(rows: readonly Row[], defaultSource = 'default'): Dump {
  const idx = rows
    .map((_, i) => i)
    .sort((x, y) => idOrder(rows[x]!.id, rows[y]!.id) || rows[x]!.time - rows[y]!.time || tieOrder(rows[x]!, rows[y]!, defaultSource) || x - y);
  const customerIds = [...new Set(idx.map((i) => rows[i]!.id))];
  const offsets = [0];
  for (const id of customerIds) offsets.push(offsets[offsets.length - 1]! + rows.filter((r) => r.id === id).length);
  const names = [...new Set(rows.flatMap((r) => Object.keys(r.attrs ?? {})))].sort();
  const attrs: Record<string, (AttrValue | undefined)[]> = {};
  for (const name of names) attrs[name] = idx.map((i) => rows[i]!.attrs?.[name]);
  return {
    customerIds,
    offsets,
    time: idx.map((i) => rows[i]!.time),
    value: idx.map((i) => rows[i]!.value ?? null),
    quantity: idx.map((i) => rows[i]!.quantity ?? null),
    type: idx.map((i) => rows[i]!.type),
    source: idx.map((i) => rows[i]!.source ?? defaultSource),
    types: [...new Set(rows.map((r) => r.type))].sort(byCodeUnit),
    sources: [...new Set(rows.map((r) => r.source ?? defaultSource))].sort(byCodeUnit),
    text: idx.map((i) => rows[i]!.text ?? null),
    attrs,
  };
}

const MAPPING = { customerId: 'id', time: 'time', type: 'type', value: 'value', quantity: 'qty' } as const;

/** CSV text of the rows (no quotes: ids, types and sources here hold no delimiter). */
function csvOf(rows: readonly Row[]): string {
  const lines = ['id,time,type,value,qty'];
  for (const r of rows) lines.push(`${r.id},${new Date(r.time).toISOString()},${r.type},${r.value ?? ''},${r.quantity ?? ''}`);
  return lines.join('\n') + '\n';
}

function objectsOf(rows: readonly Row[]): EventInput[] {
  return rows.map((r) => {
    const e: EventInput = { customerId: r.id, time: r.time, type: r.type };
    if (r.value !== undefined) e.value = r.value;
    if (r.quantity !== undefined) e.quantity = r.quantity;
    if (r.source !== undefined) e.source = r.source;
    if (r.text !== undefined) e.text = r.text;
    if (r.attrs !== undefined) e.attrs = r.attrs;
    return Object.freeze(e);
  });
}

/** Rows sorted as the log stores them (the input of the no-sort path). */
function sortedRows(rows: readonly Row[]): Row[] {
  return rows
    .map((r, i) => [r, i] as const)
    .sort(([a, i], [b, j]) => idOrder(a.id, b.id) || a.time - b.time || i - j)
    .map(([r]) => r);
}

const T0 = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;

describe('EventLogBuilder: sorted, time-ordered and unsorted inputs give the reference log', () => {
  const rows: Row[] = Object.freeze([
    { id: '9', time: T0 + 2 * DAY, type: 'order', value: 5, text: 'late', attrs: { channel: 'web' } },
    { id: '10', time: T0, type: 'login', source: 'app' },
    { id: '9', time: T0, type: 'visit', quantity: 2 },
    { id: 'b', time: T0 + DAY, type: 'order', value: 1.5, attrs: { coupon: 'X' } },
    { id: '9', time: T0, type: 'order', value: 7, text: 'tie after visit' },
    { id: '007', time: T0 + 3 * DAY, type: 'refund', value: -2, source: 'crm' },
    { id: '10', time: T0 + DAY, type: 'order', value: 3, attrs: { channel: 'app', coupon: null } },
  ]) as Row[];

  it('unsorted input (counting sort, then the out-of-order blocks sorted by time, ties in canonical order)', () => {
    expect(dump(createEventLog(objectsOf(rows)))).toEqual(reference(rows));
  });

  it('already sorted input: same log as the unsorted one', () => {
    const sorted = sortedRows(rows);
    expect(sorted.map((r) => r.id)).toEqual(['9', '9', '9', '10', '10', '007', 'b']);
    const b = new EventLogBuilder({ expectedRows: sorted.length });
    objectsOf(sorted).forEach((e) => b.add(e));
    expect(dump(b.build())).toEqual(reference(rows));
    // Growing by doubling leaves a long unused tail: the columns are cut to length.
    const small = new EventLogBuilder();
    objectsOf(sorted).forEach((e) => small.add(e));
    expect(dump(small.build())).toEqual(reference(rows));
  });

  it('customers contiguous and time-sorted but not in id order ("10" before "9") still get sorted', () => {
    const input: Row[] = [
      { id: '10', time: T0, type: 'a' },
      { id: '10', time: T0 + 1, type: 'b' },
      { id: '9', time: T0 - 5, type: 'a' },
      { id: 'a', time: T0 - 9, type: 'c' },
    ];
    const log = createEventLog(objectsOf(input));
    expect(log.customerIds).toEqual(['9', '10', 'a']);
    expect(dump(log)).toEqual(reference(input));
  });

  it('input in global time order with customers interleaved (one scatter, no per-customer sort)', () => {
    const input: Row[] = [];
    for (let i = 0; i < 300; i++) input.push({ id: String((i * 37) % 23), time: T0 + Math.floor(i / 3) * 1000, type: i % 2 ? 'login' : 'order', value: i });
    const log = createEventLog(objectsOf(input));
    expect(dump(log)).toEqual(reference(input));
    // Ties (three rows per second) in canonical order within a customer: by type name, then value.
    for (let k = 1; k < log.size; k++) {
      if (log.time[k] !== log.time[k - 1] || log.offsets.indexOf(k) !== -1) continue;
      const d = log.types[log.type[k]!]!.localeCompare(log.types[log.type[k - 1]!]!);
      expect(d > 0 || (d === 0 && log.value[k]! > log.value[k - 1]!)).toBe(true);
    }
  });

  it('one customer with more than 32 events out of order (array sort path) puts ties in canonical order', () => {
    const input: Row[] = [];
    for (let i = 0; i < 100; i++) input.push({ id: 'solo', time: T0 + ((i * 7919) % 13) * DAY, type: 'order', value: i });
    input.push({ id: 'other', time: T0, type: 'login' });
    expect(dump(createEventLog(objectsOf(input)))).toEqual(reference(input));
  });

  it('source codes: first source not the smallest name, and one source on every row', () => {
    const input: Row[] = [
      { id: '1', time: 1, type: 'x', source: 'zeta' },
      { id: '1', time: 2, type: 'x', source: 'alpha' },
      { id: '2', time: 3, type: 'x' },
    ];
    expect(dump(createEventLog(objectsOf(input)))).toEqual(reference(input));
    const one: Row[] = [
      { id: '1', time: 1, type: 'x', source: 'pos' },
      { id: '2', time: 0, type: 'x', source: 'pos' },
    ];
    const log = createEventLog(objectsOf(one));
    expect(log.sources).toEqual(['pos']);
    expect([...log.source]).toEqual([0, 0]);
  });

  it('empty input and a single event', () => {
    const empty = new EventLogBuilder().build();
    expect(empty.size).toBe(0);
    expect(empty.customerCount).toBe(0);
    expect([...empty.offsets]).toEqual([0]);
    const one: Row[] = [{ id: 'x', time: 5, type: 'login' }];
    expect(dump(createEventLog(objectsOf(one)))).toEqual(reference(one));
  });

  it('a built builder refuses more rows and a second build', () => {
    const b = new EventLogBuilder();
    b.add({ customerId: 1, time: 0, type: 'x' });
    b.build();
    expect(() => b.add({ customerId: 1, time: 1, type: 'x' })).toThrow(/already built/);
    expect(() => b.build()).toThrow(/already built/);
  });
});

describe('parseEventsCsv: codes resolved once per distinct cell', () => {
  it('integer ids through the dense table, leading zeros and long ids as other customers', () => {
    const input: Row[] = [
      { id: '17850', time: T0, type: 'order', value: 1 },
      { id: '7', time: T0, type: 'order', value: 2 },
      { id: '007', time: T0, type: 'order', value: 3 },
      { id: '4194304', time: T0, type: 'order', value: 4 }, // 2^22: past the dense table
      { id: '123456789012', time: T0, type: 'order', value: 5 }, // 12 digits: hashed
      { id: '17850', time: T0 + DAY, type: 'login' },
      { id: 'C00001', time: T0, type: 'login' },
      { id: '0', time: T0, type: 'login' },
      { id: '7', time: T0 - DAY, type: 'login' },
    ];
    const log = parseEventsCsv(csvOf(input), MAPPING);
    expect(log.customerIds).toEqual(['0', '7', '17850', '4194304', '123456789012', '007', 'C00001']);
    expect(dump(log)).toEqual(reference(input));
  });

  it("normalize: 'integer' folds 17850, 017850 and 17850.0 into one customer", () => {
    const text = 'id,time,type\n17850,2024-01-02,order\n017850,2024-01-01,order\n17850.0,2024-01-03,order\n9,2024-01-01,order\n';
    const log = parseEventsCsv(text, { customerId: { column: 'id', normalize: 'integer' }, time: 'time', type: 'type' });
    expect(log.customerIds).toEqual(['9', '17850']);
    expect([...log.offsets]).toEqual([0, 1, 4]);
  });

  it('rows rejected after the customer cell was read leave no customer, type or source behind', () => {
    const text = 'id,time,type,value,src\n1,2024-01-01,order,5,crm\n2,2024-01-01,refund,oops,pos\n3,nope,visit,1,web\n1,2024-01-02,login,,crm\n';
    const log = parseEventsCsv(text, { customerId: 'id', time: 'time', type: 'type', value: 'value', source: 'src' }, { onInvalid: 'collect' });
    expect(log.customerIds).toEqual(['1']);
    expect(log.types).toEqual(['login', 'order']);
    expect(log.sources).toEqual(['crm']);
    expect(log.rejects.byCode).toEqual({ INVALID_VALUE: 1, INVALID_TIME: 1 });
  });

  it('type rules, otherwise, constants and quoted cells resolve to the right codes', () => {
    const text = 'id,time,kind,src\n1,2024-01-01,buy,"p""os"\n1,2024-01-02,"re""fund",app\n2,2024-01-01,view,\n2,2024-01-02,buy,app\n"x,y",2024-01-03,view,app\n';
    const log = parseEventsCsv(text, {
      customerId: 'id',
      time: 'time',
      type: { column: 'kind', rules: [{ equals: 'buy', type: 'order' }, { contains: 'fund', type: 'refund' }], otherwise: 'other' },
      source: 'src',
    });
    expect(dump(log).type).toEqual(['order', 'refund', 'other', 'order', 'other']);
    expect(dump(log).source).toEqual(['p"os', 'app', 'default', 'app', 'app']);
    expect(log.customerIds).toEqual(['1', '2', 'x,y']);
    const constant = parseEventsCsv('id,time\n2,2024-01-01\n1,2024-01-01\n', { customerId: 'id', time: 'time', type: { constant: 'order' }, source: { constant: 'shop' } });
    expect(dump(constant)).toEqual(
      reference([
        { id: '2', time: T0, type: 'order', source: 'shop' },
        { id: '1', time: T0, type: 'order', source: 'shop' },
      ]),
    );
  });

  it('keepAs placeholder ids share one customer with a real id of the same text', () => {
    const text = 'id,time,type\n,2024-01-02,order\nunknown,2024-01-01,order\n5,2024-01-01,order\n';
    const log = parseEventsCsv(text, { customerId: 'id', time: 'time', type: 'type' }, { missingCustomer: { keepAs: 'unknown' } });
    expect(log.customerIds).toEqual(['5', 'unknown']);
    expect([...log.offsets]).toEqual([0, 1, 3]);
    expect(log.rejects.keptWithoutCustomer).toBe(1);
  });
});

describe('CellInterner indices', () => {
  it('one dense index per distinct cell, the same string object for repeats', () => {
    const s = '17850,7,007,17850,abc,abc,4194304,4194304,7';
    const cells: [number, number][] = [];
    for (let a = 0; a <= s.length; ) {
      const z = s.indexOf(',', a) === -1 ? s.length : s.indexOf(',', a);
      cells.push([a, z]);
      a = z + 1;
    }
    const it = new CellInterner();
    const idx = cells.map(([a, z]) => it.idIndex(s, a, z));
    expect(idx).toEqual([0, 1, 2, 0, 3, 3, 4, 4, 1]);
    expect(it.size).toBe(5);
    expect([0, 1, 2, 3, 4].map((j) => it.at(j))).toEqual(['17850', '7', '007', 'abc', '4194304']);
    expect(it.getId(s, 0, 5)).toBe(it.at(0));
    // Plain index() (types, sources) on the same interner finds the dense-table strings too.
    expect(it.index(s, 6, 7)).toBe(1);
  });

  it('few-value lookups tell apart cells of equal length, first and last character', () => {
    const s = 'order|oxder|order|o|oxder|x|';
    const it = new CellInterner();
    const got = [[0, 5], [6, 11], [12, 17], [18, 19], [20, 25], [26, 27], [28, 28]].map(([a, z]) => it.index(s, a!, z!));
    expect(got).toEqual([0, 1, 0, 2, 1, 3, 4]);
    expect(it.at(4)).toBe('');
  });

  it('stays correct past rehashing (more than 512 distinct non-integer cells)', () => {
    const words = Array.from({ length: 3000 }, (_, i) => `w${(i * 7919) % 3000}`);
    const s = words.join(' ');
    const it = new CellInterner();
    let a = 0;
    const got: number[] = [];
    for (const w of words) {
      got.push(it.index(s, a, a + w.length));
      a += w.length + 1;
    }
    expect(new Set(got).size).toBe(3000);
    got.forEach((j, i) => expect(it.at(j)).toBe(words[i]));
    expect(it.get(s, 0, words[0]!.length)).toBe(it.at(got[0]!));
  });
});

describe('fast and general paths agree on random inputs (fast-check)', () => {
  const idArb = fc.oneof(
    fc.integer({ min: 0, max: 60 }).map(String),
    fc.constantFrom('007', '4194304', '99999999', 'C00001', 'b', 'a', 'Z'),
  );
  const rowArb: fc.Arbitrary<Row> = fc.record(
    {
      id: idArb,
      time: fc.integer({ min: 0, max: 40 }).map((k) => T0 + k * 3_600_000 + (k % 3) * 7), // ties and ms
      type: fc.constantFrom('order', 'login', 'visit', 'Refund'),
      value: fc.integer({ min: -5000, max: 50_000 }).map((c) => c / 100),
      quantity: fc.integer({ min: 0, max: 9 }),
    },
    { requiredKeys: ['id', 'time', 'type'] },
  );

  it('CSV sorted, CSV shuffled, objects shuffled and the reference give one log', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 80 }), fc.integer(), (rows, seed) => {
        Object.freeze(rows);
        const want = reference(rows);
        expect(dump(parseEventsCsv(csvOf(rows), MAPPING))).toEqual(want);
        expect(dump(parseEventsCsv(csvOf(sortedRows(rows)), MAPPING))).toEqual(want);
        // A seeded shuffle, then objects through add().
        const shuffled = [...rows];
        let x = seed >>> 0;
        for (let i = shuffled.length - 1; i > 0; i--) {
          x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0;
          const j = x % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        expect(dump(createEventLog(objectsOf(shuffled)))).toEqual(reference(shuffled));
        // Same multiset of rows: only tie order may differ, and sorted input keeps its order.
        expect(dump(createEventLog(objectsOf(sortedRows(rows))))).toEqual(want);
      }),
      { numRuns: 150, seed: 20261124 },
    );
  });

  it('sources, texts and attributes follow their rows through every path', () => {
    const richArb = fc.record({
      id: fc.constantFrom('1', '2', '3', 'x'),
      time: fc.integer({ min: 0, max: 6 }),
      type: fc.constantFrom('a', 'b'),
      source: fc.option(fc.constantFrom('pos', 'app', 'crm'), { nil: undefined }),
      text: fc.option(fc.constantFrom('great', 'slow delivery', ''), { nil: undefined }),
      attrs: fc.option(fc.dictionary(fc.constantFrom('channel', 'coupon'), fc.constantFrom<AttrValue>('web', 'X', null, 3, true)), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(richArb, { maxLength: 40 }), (rich) => {
        const rows = rich.map((r) => {
          const o: Row = { id: r.id, time: r.time, type: r.type };
          if (r.source !== undefined) o.source = r.source;
          if (r.text !== undefined) o.text = r.text;
          if (r.attrs !== undefined) o.attrs = r.attrs;
          return o;
        });
        const want = reference(rows);
        expect(dump(createEventLog(objectsOf(rows)))).toEqual(want);
        expect(dump(createEventLog(objectsOf(sortedRows(rows))))).toEqual(want);
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});

describe('CsvTokenizer: text without quotes or CR (indexOf scan) gives the general records', () => {
  /** Records as [line, cells, escaped flags] from feeding `chunks`. */
  function records(chunks: readonly string[], delimiter = ','): [number, string[], number[]][] {
    const out: [number, string[], number[]][] = [];
    const tok = new CsvTokenizer(delimiter, {
      record(s, starts, ends, escaped, n, line) {
        const cells: string[] = [];
        const esc: number[] = [];
        for (let k = 0; k < n; k++) {
          cells.push(s.slice(starts[k]!, ends[k]!));
          esc.push(escaped[k]!);
        }
        out.push([line, cells, esc]);
      },
      syntaxError(expected) {
        throw new Error(expected);
      },
    });
    for (const c of chunks) tok.feed(c);
    tok.end();
    return out;
  }

  /**
   * Independent oracle for quote-free, CR-free text: split lines, skip blank ones (empty, or only
   * spaces and tabs that are not the delimiter), split cells.
   */
  function oracle(text: string, delimiter = ','): [number, string[], number[]][] {
    const out: [number, string[], number[]][] = [];
    const blank = [' ', '\t'].filter((ch) => ch !== delimiter);
    text.split('\n').forEach((l, i) => {
      if (![...l].every((ch) => blank.includes(ch))) out.push([i + 1, l.split(delimiter), l.split(delimiter).map(() => 0)]);
    });
    return out;
  }

  it('blank lines, empty cells, trailing delimiters, no final LF, a BOM', () => {
    const text = 'a,b,c\n\n,,\nx,\n  \n1,2,3';
    expect(records([text])).toEqual(oracle(text));
    expect(records(['\uFEFF' + text])).toEqual(oracle(text));
    expect(records(['a\tb\n', 'c\td\n'], '\t')).toEqual(oracle('a\tb\nc\td\n', '\t'));
  });

  it('cells after a quoted chunk are not flagged as escaped', () => {
    // First chunk has quotes (general scan, escaped flag set); the second has none.
    expect(records(['a,"b""c"\n', 'd,e\n'])).toEqual([
      [1, ['a', 'b""c'], [0, 1]],
      [2, ['d', 'e'], [0, 0]],
    ]);
  });

  it('any split into chunks gives the oracle records (fast-check)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ab1,\n ]{0,60}$/), fc.array(fc.nat(60), { maxLength: 4 }), (text, cuts) => {
        const points = [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort((x, y) => x - y);
        const chunks: string[] = [];
        let prev = 0;
        for (const p of points) {
          chunks.push(text.slice(prev, p));
          prev = p;
        }
        chunks.push(text.slice(prev));
        expect(records(chunks)).toEqual(oracle(text));
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});

describe('ISO cells with the reader memo and day cache', () => {
  it('equal parseIsoTime for dates in any order, valid or not (fast-check)', () => {
    const cell = fc
      .tuple(
        fc.constantFrom('0000', '1999', '2023', '2024', '2100'),
        fc.constantFrom('00', '01', '02', '12', '13'),
        fc.constantFrom('00', '01', '28', '29', '30', '31'),
        fc.constantFrom('', ' 08:26:13', 'T23:59', 'T10:00:00.5Z', ' 24:00'),
      )
      .map(([y, m, d, t]) => `${y}-${m}-${d}${t}`);
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 60 }), (cells) => {
        const memo = isoMemo();
        const out = new Float64Array(1);
        for (const c of cells) {
          const want = parseIsoTime(c);
          const ok = isoCellInto(c, 0, c.length, memo, out);
          // Every shape generated here is one the fast path reads: it answers exactly when
          // parseIsoTime finds a valid time, and then with the same value.
          expect(ok).toBe(!Number.isNaN(want));
          if (ok) expect(out[0]).toBe(want);
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('a zero key ("0000-00-00") is not taken for a cached day', () => {
    const memo = isoMemo();
    const out = new Float64Array(1);
    expect(isoCellInto('0000-00-00', 0, 10, memo, out)).toBe(false);
    expect(isoCellInto('2024-02-29', 0, 10, memo, out)).toBe(true);
    expect(out[0]).toBe(Date.UTC(2024, 1, 29));
    // Alternating days: the second comes from the cache, not the last-day memo.
    expect(isoCellInto('2024-03-01 10:00', 0, 16, memo, out)).toBe(true);
    expect(isoCellInto('2024-02-29 10:00', 0, 16, memo, out)).toBe(true);
    expect(out[0]).toBe(Date.UTC(2024, 1, 29, 10));
    expect(isoCellInto('2023-02-29', 0, 10, memo, out)).toBe(false);
  });
});
