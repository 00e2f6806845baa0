import { describe, expect, it } from 'vitest';
import { createFeatureMatrix } from '../../src/features/FeatureMatrix.js';
import { selectFeatureRows } from '../../src/features/selectFeatureRows.js';

const m = createFeatureMatrix({
  customerIds: ['a', 'b', 'c', 'd'],
  features: [
    { meta: { name: 'x', description: 'x', unit: 'n', kind: 'numeric' }, values: [1, 2, 3, 4] },
    { meta: { name: 'y', description: 'y', unit: 'n', kind: 'numeric' }, values: [10, 20, 30, NaN] },
  ],
  cutoff: 5,
});

describe('selectFeatureRows', () => {
  it('every row in order is the matrix itself', () => {
    expect(selectFeatureRows(m, [0, 1, 2, 3])).toBe(m);
  });

  it('leading rows are views of the columns; other selections are copies in the given order', () => {
    const lead = selectFeatureRows(m, [0, 1]);
    expect(lead.customerIds).toEqual(['a', 'b']);
    expect(lead.columns[0]!.buffer).toBe(m.columns[0]!.buffer);
    expect(Array.from(lead.columns[1]!)).toEqual([10, 20]);
    const picked = selectFeatureRows(m, Uint32Array.from([3, 0]));
    expect(picked.customerIds).toEqual(['d', 'a']);
    expect(picked.columns.map((c) => Array.from(c))).toEqual([[4, 1], [NaN, 10]]);
    expect(picked.columns[0]!.buffer).not.toBe(m.columns[0]!.buffer);
    expect([picked.names, picked.meta, picked.cutoff]).toEqual([m.names, m.meta, 5]);
    expect(Object.isFrozen(picked) && Object.isFrozen(picked.columns)).toBe(true);
    expect(selectFeatureRows(m, []).customerIds).toEqual([]);
  });
});
