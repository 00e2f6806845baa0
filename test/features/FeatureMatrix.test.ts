import { describe, expect, it } from 'vitest';
import { createFeatureMatrix, featureColumn } from '../../src/features/FeatureMatrix.js';

const meta = (name: string) => ({ name, description: name, unit: 'count', kind: 'numeric' as const });

describe('createFeatureMatrix', () => {
  it('copies columns into Float64Arrays and freezes the matrix', () => {
    const values = [1, 2];
    const m = createFeatureMatrix({ customerIds: [1, 'b'], features: [{ meta: meta('x'), values }], cutoff: 5 });
    values[0] = 99;
    expect(m.customerIds).toEqual(['1', 'b']);
    expect(featureColumn(m, 'x')).toEqual(new Float64Array([1, 2]));
    expect(m.cutoff).toBe(5);
    expect(Object.isFrozen(m)).toBe(true);
  });

  it('rejects wrong lengths, duplicate names and ids, and bad categorical codes', () => {
    expect(() => createFeatureMatrix({ customerIds: ['a'], features: [{ meta: meta('x'), values: [1, 2] }] })).toThrow(
      expect.objectContaining({ code: 'LENGTH_MISMATCH', path: ['features', 0, 'values'] }),
    );
    expect(() => createFeatureMatrix({ customerIds: ['a'], features: [{ meta: meta('x'), values: [1] }, { meta: meta('x'), values: [1] }] })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => createFeatureMatrix({ customerIds: ['a', 'a'], features: [] })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', row: 1 }));
    const cat = { name: 'plan', description: 'Plan', unit: 'level', kind: 'categorical' as const, levels: ['basic', 'pro'] };
    expect(() => createFeatureMatrix({ customerIds: ['a'], features: [{ meta: cat, values: [2] }] })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', row: 0 }));
    expect(createFeatureMatrix({ customerIds: ['a', 'b'], features: [{ meta: cat, values: [1, Number.NaN] }] }).meta[0]!.levels).toEqual(['basic', 'pro']);
  });

  it('names the missing feature', () => {
    const m = createFeatureMatrix({ customerIds: ['a'], features: [{ meta: meta('x'), values: [1] }] });
    expect(() => featureColumn(m, 'y')).toThrowErrorMatchingInlineSnapshot(`[ChurnkitError: featureColumn: the matrix has no feature "y"; it has x.]`);
  });
});
