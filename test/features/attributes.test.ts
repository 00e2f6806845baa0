import { describe, expect, it } from 'vitest';
import { createEventLog } from '../../src/data/createEventLog.js';
import { createCustomerTable } from '../../src/data/CustomerTable.js';
import type { AttributeTable } from '../../src/features/_attributes.js';
import { attributeFeatures } from '../../src/features/attributeFeatures.js';
import { featureColumn } from '../../src/features/FeatureMatrix.js';
import { extractFeatures } from '../../src/features/extractFeatures.js';

const DAY = 86_400_000;
const CUTOFF = Date.UTC(2024, 0, 31);

/** A customer table in the shape of churnkit's CustomerTable (ids + typed columns). */
function table(ids: string[], columns: Record<string, ReturnType<AttributeTable['column']>>): AttributeTable {
  return {
    index: (id) => ids.indexOf(id),
    column: (name) => columns[name],
  };
}

describe('attribute features from a customer table', () => {
  const log = createEventLog(['a', 'b', 'c', 'd', 'e'].map((id) => ({ customerId: id, time: CUTOFF - DAY, type: 'login' })));
  // table rows in another order than the log, one customer (e) missing, one extra (z)
  const t = table(['z', 'd', 'c', 'b', 'a'], {
    age: { kind: 'numeric', values: Float64Array.of(50, 40, Number.NaN, 20, 31) },
    // region counts over the whole table: north 2 (z, a), south 2 (d, b), west 1 (c) → top 2 = north, south (tie by name)
    region: { kind: 'categorical', values: ['north', 'south', 'west', 'south', 'north'] },
    plan: { kind: 'categorical', values: ['pro', null, 'basic', 'basic', 'other'] },
    signup: { kind: 'time', values: Float64Array.of(CUTOFF - 10 * DAY, CUTOFF - 3 * DAY, CUTOFF, Number.NaN, CUTOFF - 365 * DAY) },
  });

  it('numeric passthrough, one-hot with a cardinality cap and other, time as days before the cutoff', () => {
    const m = extractFeatures(log, { cutoff: CUTOFF, features: attributeFeatures(['age', 'region', 'signup'], 2), table: t });
    expect(m.customerIds).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(m.names).toEqual(['age', 'region=north', 'region=south', 'region=other', 'signup']);
    expect(Array.from(featureColumn(m, 'age'))).toEqual([31, 20, Number.NaN, 40, Number.NaN]);
    expect(Array.from(featureColumn(m, 'region=north'))).toEqual([1, 0, 0, 0, 0]);
    expect(Array.from(featureColumn(m, 'region=south'))).toEqual([0, 1, 0, 1, 0]);
    expect(Array.from(featureColumn(m, 'region=other'))).toEqual([0, 0, 1, 0, 0]);
    // signup of c is at the cutoff (not before): NaN; b missing: NaN; e absent: NaN
    expect(Array.from(featureColumn(m, 'signup'))).toEqual([365, Number.NaN, Number.NaN, 3, Number.NaN]);
    expect(m.meta[1]).toMatchObject({ kind: 'binary', unit: 'flag', group: 'attributes' });
  });

  it('a level literally called "other" does not collide with the other column; missing labels are all-zero', () => {
    const m = extractFeatures(log, { cutoff: CUTOFF, features: [{ op: 'attribute', column: 'plan', maxLevels: 2 }], table: t });
    // counts: basic 2, other 1, pro 1 → top 2 = basic, other (ties by name: "other" < "pro")
    expect(m.names).toEqual(['plan=basic', 'plan=other', 'plan=(other)']);
    expect(Array.from(featureColumn(m, 'plan=(other)'))).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(featureColumn(m, 'plan=basic'))).toEqual([0, 1, 1, 0, 0]);
    expect(Array.from(featureColumn(m, 'plan=other'))).toEqual([1, 0, 0, 0, 0]);
  });

  it('an unknown column is UNKNOWN_COLUMN with the spec path', () => {
    expect(() => extractFeatures(log, { cutoff: CUTOFF, features: [{ op: 'attribute', column: 'income' }], table: t })).toThrowError(
      expect.objectContaining({ code: 'UNKNOWN_COLUMN', path: ['features', 0, 'column'] }),
    );
  });

  it('an attribute column named like an event feature is INVALID_SPEC before any work', () => {
    const t2 = table(['a'], { tenure_days: { kind: 'numeric', values: Float64Array.of(1) } });
    expect(() => extractFeatures(log, { cutoff: CUTOFF, features: [{ op: 'tenure' }, { op: 'attribute', column: 'tenure_days' }], table: t2 })).toThrowError(
      expect.objectContaining({ code: 'INVALID_SPEC', received: 'tenure_days' }),
    );
  });

  it("churnkit's CustomerTable is an AttributeTable (numeric, categorical and time columns)", () => {
    const table = createCustomerTable(
      [
        { customerId: 'a', age: 31, region: 'north', signupDate: '2023-12-01' },
        { customerId: 'b', age: 20, region: 'south', signupDate: '2024-01-21' },
      ],
      { kinds: { signupDate: 'time' } },
    );
    const m = extractFeatures(log, { cutoff: CUTOFF, features: attributeFeatures(['age', 'region', 'signupDate']), table });
    expect(m.names).toEqual(['age', 'region=north', 'region=south', 'signupDate']);
    expect(Array.from(featureColumn(m, 'age'))).toEqual([31, 20, Number.NaN, Number.NaN, Number.NaN]);
    expect(Array.from(featureColumn(m, 'region=south'))).toEqual([0, 1, 0, 0, 0]);
    // 2023-12-01 → 2024-01-31 is 61 days; 2024-01-21 → 10 days
    expect(Array.from(featureColumn(m, 'signupDate'))).toEqual([61, 10, Number.NaN, Number.NaN, Number.NaN]);
  });
});
