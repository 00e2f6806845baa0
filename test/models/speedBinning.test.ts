import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { binColumns, binOf, binThresholds, sortedCopy } from '../../src/models/binning.js';
import { Random } from '../../src/internal/random.js';

/**
 * binColumns takes three routes (a hash table of distinct values for columns with at most
 * maxBins of them, a radix sort carrying row order for large continuous columns, a binary search
 * per row for small ones). Every route must give exactly the thresholds of binThresholds and
 * the codes of binOf (the definition: a code is the number of thresholds strictly below the value).
 */
function reference(col: Float64Array, maxBins: number): { codes: Uint8Array; thresholds: Float64Array } {
  const thresholds = binThresholds(col, maxBins);
  return { codes: Uint8Array.from(col, (v) => binOf(thresholds, v)), thresholds };
}

function expectSame(col: Float64Array, maxBins: number): void {
  const got = binColumns([col], maxBins);
  const ref = reference(col, maxBins);
  // bytes, so that −0 / +0 and every last bit of a threshold count
  expect(Buffer.from(got.thresholds[0]!.buffer).equals(Buffer.from(ref.thresholds.buffer))).toBe(true);
  expect(Buffer.from(got.codes[0]!).equals(Buffer.from(ref.codes))).toBe(true);
}

const gen = (n: number, f: (i: number) => number): Float64Array => Float64Array.from({ length: n }, (_, i) => f(i));

describe('binColumns fast routes equal binThresholds + binOf', () => {
  const rng = new Random(11);
  // 20,000 rows take the radix route (>= 16,384 rows), 3,000 the per-row search
  for (const n of [0, 1, 3, 3000, 20000]) {
    it(`n = ${n}: continuous, integer, signed zeros, adjacent floats, exactly maxBins and maxBins + 1 distinct`, () => {
      const cols: [string, Float64Array][] = [
        ['normal', gen(n, () => rng.normal())],
        ['negative exponential', gen(n, () => -rng.exponential(2))],
        ['poisson − 2', gen(n, () => rng.poisson(3) - 2)],
        ['−0, +0, 1', gen(n, (i) => [-0, 0, 1][i % 3]!)],
        // 1 + kε: neighbouring doubles whose midpoints round onto one of them
        ['adjacent doubles', gen(n, (i) => 1 + (i % 7) * Number.EPSILON)],
        ['255 distinct', gen(n, (i) => (i * 7919) % 255)],
        ['256 distinct', gen(n, (i) => (i * 7919) % 256)],
        ['ties at one decimal', gen(n, () => Math.round(rng.normal() * 100) / 10)],
        ['near ±MAX_VALUE', gen(n, (i) => (i % 2 ? 1.7e308 : -1.7e308) * rng.next())],
        ['constant', gen(n, () => 7)],
        // one high word for thousands of values (long runs the sort orders by comparison) and
        // short runs of values equal up to 2^-20 (ordered by insertion)
        ['epoch milliseconds within an hour', gen(n, () => 1.7e12 + Math.floor(rng.next() * 3.6e6))],
        ['1 + noise below 1e-5', gen(n, () => 1 + rng.next() * 1e-5)],
      ];
      for (const [, col] of cols) for (const maxBins of [2, 16, 255]) expectSame(col, maxBins);
    });
  }

  it('sortedCopy (radix on the high words + run fix-up from 16,384 values) equals Float64Array.prototype.sort, bytes (−0 before +0)', () => {
    const n = 20000;
    const cols = [
      gen(n, () => rng.normal()),
      gen(n, () => 1.7e12 + Math.floor(rng.next() * 3.6e6)),
      gen(n, () => -(1 + rng.next() * 1e-5)),
      gen(n, (i) => [-0, 0, -1e-300, 1e-300][i % 4]! * (1 + (i % 5))),
      gen(n, (i) => (i % 2 ? 1 : -1) * Math.round(rng.exponential(1) * 1000) / 1000),
      gen(n, (i) => n - i),
    ];
    for (const col of cols) {
      const want = Float64Array.from(col).sort();
      expect(Buffer.from(sortedCopy(col).buffer).equals(Buffer.from(want.buffer))).toBe(true);
    }
  });

  it('a hashed column with exactly maxBins distinct values keeps one bin per value (codes 0..maxBins−1)', () => {
    const col = gen(20000, (i) => (i * 31) % 16);
    const { codes, thresholds } = binColumns([col], 16);
    expect(thresholds[0]!.length).toBe(15);
    for (let r = 0; r < col.length; r++) expect(codes[0]![r]).toBe(col[r]);
  });

  it('property: random mixtures of a few values and noise, at both sizes (fast-check, seed 5)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.constantFrom(200, 17000),
        fc.constantFrom(2, 32, 255),
        (distinct, seed, n, maxBins) => {
          const r = new Random(seed);
          const pool = gen(distinct, () => r.normal() * 10);
          expectSame(gen(n, () => (r.next() < 0.9 ? pool[r.int(distinct)]! : r.normal())), maxBins);
        },
      ),
      { numRuns: 12, seed: 5 },
    );
  });

  it('columns are binned independently (shared scratch is reset between columns)', () => {
    const a = gen(20000, (i) => i % 3);
    const b = gen(20000, (i) => (i % 5) * 2);
    const both = binColumns([a, b], 255);
    const alone = binColumns([b], 255);
    expect(Array.from(both.thresholds[1]!)).toEqual(Array.from(alone.thresholds[0]!));
    expect(Buffer.from(both.codes[1]!).equals(Buffer.from(alone.codes[0]!))).toBe(true);
  });
});
