import { describe, expect, it } from 'vitest';
import { CustomerTable, createCustomerTable } from '../../src/data/CustomerTable.js';
import { caught as codeOf } from '../helpers/errors.js';


describe('createCustomerTable: kinds', () => {
  const rows = Object.freeze([
    Object.freeze({ customerId: 'a', age: 41, joined: '2024-03-01', plan: 'pro', zip: '02134', vip: true, when: new Date(Date.UTC(2024, 0, 2)) }),
    Object.freeze({ customerId: 'b', age: '35', joined: '2024-03-05T10:00:00Z', plan: 'free', zip: '10001', vip: false, when: null }),
    Object.freeze({ customerId: 7, age: null, plan: '', zip: '94105', vip: true }),
  ]);

  it('infers numeric, time and categorical columns and marks missing cells', () => {
    const t = createCustomerTable(rows);
    expect(t.ids).toEqual(['a', 'b', '7']);
    expect(t.size).toBe(3);
    expect([...t.columns.keys()]).toEqual(['age', 'joined', 'plan', 'zip', 'vip', 'when']);
    const age = t.column('age')!;
    expect(age.kind).toBe('numeric');
    expect(Array.from(age.values as Float64Array)).toEqual([41, 35, NaN]);
    const joined = t.column('joined')!;
    expect(joined.kind).toBe('time');
    expect(Array.from(joined.values as Float64Array)).toEqual([Date.UTC(2024, 2, 1), Date.UTC(2024, 2, 5, 10), NaN]);
    expect(t.column('plan')).toEqual({ kind: 'categorical', values: ['pro', 'free', null] });
    // numeric strings are numbers unless overridden: zip codes lose nothing here but would lose a leading zero
    expect(t.column('zip')!.kind).toBe('numeric');
    expect(t.numeric('zip')![0]).toBe(2134);
    expect(t.categorical('vip')).toEqual(['true', 'false', 'true']);
    expect(t.time('when')![0]).toBe(Date.UTC(2024, 0, 2));
    expect(Number.isNaN(t.time('when')![1]!)).toBe(true);
  });

  it('lets kinds override inference', () => {
    const t = createCustomerTable(rows, { kinds: { zip: 'categorical', age: 'categorical' } });
    expect(t.categorical('zip')).toEqual(['02134', '10001', '94105']);
    expect(t.categorical('age')).toEqual(['41', '35', null]);
    const epoch = createCustomerTable([{ customerId: 1, first: 1_700_000_000_000 }], { kinds: { first: 'time' } });
    expect(epoch.time('first')![0]).toBe(1_700_000_000_000);
  });

  it('finds rows by id, numbers by their decimal string', () => {
    const t = createCustomerTable(rows);
    expect(t.index('b')).toBe(1);
    expect(t.index(7)).toBe(2);
    expect(t.index('7')).toBe(2);
    expect(t.index('zz')).toBe(-1);
    expect(t.numeric('plan')).toBeUndefined();
    expect(t.categorical('age')).toBeUndefined();
    expect(t.time('nope')).toBeUndefined();
  });

  it('uses a custom id field and treats NaN as missing', () => {
    const t = createCustomerTable([{ id: 'x', score: NaN }, { id: 'y', score: 2 }], { id: 'id' });
    expect(t.ids).toEqual(['x', 'y']);
    expect(Array.from(t.numeric('score')!)).toEqual([NaN, 2]);
  });

  it('accepts an empty iterable and a generator', () => {
    expect(createCustomerTable([]).size).toBe(0);
    function* gen(): Generator<Record<string, unknown>> {
      yield { customerId: 'g1', region: 'north' };
      yield { customerId: 'g2' };
    }
    const t = createCustomerTable(gen());
    expect(t.categorical('region')).toEqual(['north', null]);
  });

  it('does not mutate frozen input rows', () => {
    const copy = JSON.stringify(rows);
    createCustomerTable(rows);
    expect(JSON.stringify(rows)).toBe(copy);
  });
});

describe('createCustomerTable: errors', () => {
  it('rejects a duplicate id with both rows named', () => {
    const e = codeOf(() => createCustomerTable([{ customerId: 'a' }, { customerId: 'b' }, { customerId: 'a' }]));
    expect(e.code).toBe('DUPLICATE_CUSTOMER');
    expect(e.row).toBe(2);
    expect(e.message).toMatchInlineSnapshot(`"createCustomerTable: row 2: customer id "a" already appeared in row 0; ids must be unique."`);
  });

  it('treats 5 and "5" as the same id', () => {
    expect(codeOf(() => createCustomerTable([{ customerId: 5 }, { customerId: '5' }])).code).toBe('DUPLICATE_CUSTOMER');
  });

  it('rejects missing and invalid ids', () => {
    const missing = codeOf(() => createCustomerTable([{ customerId: 'a' }, { age: 3 }]));
    expect(missing.code).toBe('MISSING_CUSTOMER');
    expect(missing.row).toBe(1);
    expect(missing.field).toBe('customerId');
    expect(codeOf(() => createCustomerTable([{ customerId: '  ' }])).code).toBe('MISSING_CUSTOMER');
    expect(codeOf(() => createCustomerTable([{ customerId: Infinity }])).code).toBe('INVALID_CUSTOMER');
    expect(codeOf(() => createCustomerTable([{ customerId: { id: 1 } }])).code).toBe('INVALID_CUSTOMER');
  });

  it('rejects rows that are not objects', () => {
    const e = codeOf(() => createCustomerTable([{ customerId: 'a' }, 'b' as never]));
    expect(e.code).toBe('INVALID_ROW');
    expect(e.row).toBe(1);
    expect(codeOf(() => createCustomerTable([[1, 2] as never])).code).toBe('INVALID_ROW');
  });

  it('rejects cells that are objects, arrays or infinite', () => {
    const e = codeOf(() => createCustomerTable([{ customerId: 'a', tags: ['x'] }]));
    expect(e.code).toBe('INVALID_VALUE');
    expect(e.field).toBe('tags');
    expect(codeOf(() => createCustomerTable([{ customerId: 'a', spend: -Infinity }])).code).toBe('INVALID_VALUE');
    expect(codeOf(() => createCustomerTable([{ customerId: 'a', d: new Date(NaN) }])).code).toBe('INVALID_VALUE');
  });

  it('rejects cells that do not fit an overridden kind, with row and field', () => {
    const e = codeOf(() => createCustomerTable([{ customerId: 'a', age: '40' }, { customerId: 'b', age: 'forty' }], { kinds: { age: 'numeric' } }));
    expect(e.code).toBe('INVALID_VALUE');
    expect(e.row).toBe(1);
    expect(e.field).toBe('age');
    const t = codeOf(() => createCustomerTable([{ customerId: 'a', joined: 'last week' }], { kinds: { joined: 'time' } }));
    expect(t.code).toBe('INVALID_TIME');
  });

  it('rejects bad options', () => {
    expect(codeOf(() => createCustomerTable([{ customerId: 'a', x: 1 }], { kinds: { y: 'numeric' } })).code).toBe('UNKNOWN_COLUMN');
    expect(codeOf(() => createCustomerTable([{ customerId: 'a', x: 1 }], { kinds: { customerId: 'numeric' } })).code).toBe('UNKNOWN_COLUMN');
    const k = codeOf(() => createCustomerTable([{ customerId: 'a', x: 1 }], { kinds: { x: 'integer' as never } }));
    expect(k.code).toBe('INVALID_OPTION');
    expect(k.path).toEqual(['kinds', 'x']);
    expect(codeOf(() => createCustomerTable([], { id: '' })).code).toBe('INVALID_OPTION');
    expect(codeOf(() => createCustomerTable(42 as never)).code).toBe('INVALID_INPUT');
  });
});

describe('CustomerTable constructor', () => {
  it('checks ids and column lengths', () => {
    expect(codeOf(() => new CustomerTable(['a', 'a'], new Map())).code).toBe('DUPLICATE_CUSTOMER');
    const cols = new Map([['x', { kind: 'numeric' as const, values: new Float64Array(1) }]]);
    expect(codeOf(() => new CustomerTable(['a', 'b'], cols)).code).toBe('LENGTH_MISMATCH');
  });

  it('freezes the ids it is given', () => {
    const ids = ['a', 'b'];
    const t = new CustomerTable(ids, new Map());
    ids.push('c');
    expect(t.ids).toEqual(['a', 'b']);
    expect(Object.isFrozen(t.ids)).toBe(true);
  });
});
