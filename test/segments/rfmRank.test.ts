import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { radixOrder, rankScores } from '../../src/segments/_rank.js';

describe('radixOrder (internal sort behind scoreRfm)', () => {
  it('orders doubles like a numeric comparator sort, stably, with -0 tied to 0', () => {
    const special = [0, -0, 1e-310, -1e-310, Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1, 0.1 + 0.2, 0.3, 2 ** 53, -(2 ** 53)];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(...special), fc.integer({ min: -3, max: 3 })), { maxLength: 200 }), (xs) => {
        const v = Float64Array.from(xs);
        const order = [...radixOrder(v)];
        // reference: Array.prototype.sort is stable (ES2019); -0 and 0 compare equal with `-`
        const expected = xs.map((_, i) => i).sort((a, b) => v[a]! - v[b]!);
        expect(order).toEqual(expected);
      }),
      { seed: 3, numRuns: 300 },
    );
  });

  it('handles empty and one-element input', () => {
    expect([...radixOrder(new Float64Array(0))]).toEqual([]);
    expect([...radixOrder(Float64Array.of(-4))]).toEqual([0]);
  });
});

describe('rankScores', () => {
  it('equals the midrank formula computed naively (O(n²) count of smaller and equal values)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 50 }), fc.integer({ min: 2, max: 10 }), fc.boolean(), (xs, bins, desc) => {
        const n = xs.length;
        const out = new Uint8Array(n);
        rankScores(Float64Array.from(xs), Int32Array.from(xs, (_, i) => i), bins, desc, out);
        xs.forEach((x, i) => {
          const less = xs.filter((y) => (desc ? y > x : y < x)).length;
          const equal = xs.filter((y) => y === x).length;
          const midrank = less + (equal + 1) / 2;
          expect(out[i]).toBe(1 + Math.floor((bins * (midrank - 0.5)) / n));
        });
      }),
      { seed: 5, numRuns: 300 },
    );
  });
});
