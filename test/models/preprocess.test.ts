import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { median } from '../../src/models/preprocess.js';

describe('median (quickselect) used for imputation', () => {
  it('equals the sort-based median (numpy convention: mean of the two middle values) with NaN ignored', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true, min: -1e6, max: 1e6 }), fc.constant(Number.NaN)), { maxLength: 60 }), (xs) => {
        const clean = xs.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
        const h = clean.length >> 1;
        const expected = clean.length === 0 ? Number.NaN : clean.length % 2 ? clean[h]! : (clean[h - 1]! + clean[h]!) / 2;
        const input = Float64Array.from(xs);
        const copy = Float64Array.from(xs);
        expect(Object.is(median(input), expected) || median(input) === expected).toBe(true);
        expect(input).toEqual(copy); // the input is not reordered
      }),
      { numRuns: 300, seed: 3 },
    );
  });
  it('handles ties and tiny inputs', () => {
    expect(median(Float64Array.from([2, 2, 2, 2]))).toBe(2);
    expect(median(Float64Array.from([5]))).toBe(5);
    expect(median(Float64Array.from([1, 3]))).toBe(2);
    expect(median(Float64Array.from([Number.NaN]))).toBeNaN();
  });
});
