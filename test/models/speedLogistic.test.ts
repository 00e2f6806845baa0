import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { trainChurnModel } from '../../src/models/index.js';
import { median, transformColumns, type PreprocessorState } from '../../src/models/preprocess.js';
import { Random } from '../../src/internal/random.js';
import { synthetic } from './fixtures.js';

/** numpy's median of the non-NaN values, by sorting (the definition). */
function sortedMedian(xs: Float64Array): number {
  const clean = Array.from(xs).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const h = clean.length >> 1;
  return clean.length === 0 ? Number.NaN : clean.length % 2 ? clean[h]! : (clean[h - 1]! + clean[h]!) / 2;
}

const gen = (n: number, f: (i: number) => number): Float64Array => Float64Array.from({ length: n }, (_, i) => f(i));

describe('median from 4,096 values on (sampled bracket, tied shortcut, fallback)', () => {
  const rng = new Random(3);
  const cases: [string, Float64Array][] = [
    ['normal, odd count', gen(10001, () => rng.normal())],
    ['normal, even count', gen(10000, () => rng.normal())],
    ['exponential with 30% NaN', gen(9000, () => (rng.next() < 0.3 ? Number.NaN : rng.exponential(1)))],
    ['flags 0/1 (tied middle)', gen(8000, () => (rng.next() < 0.7 ? 0 : 1))],
    ['flags with the middle between the two values', gen(8000, (i) => (i < 4000 ? 0 : 1))],
    ['Poisson counts (tied middle)', gen(8191, () => rng.poisson(2))],
    ['sorted ascending', gen(6000, (i) => i * 0.5)],
    // every 1,024th-ish value (the systematic sample) is 0, the rest large: the bracket misses
    ['sample misses the middle', gen(20480, (i) => (i % 20 === 0 ? 0 : 1e6 + i))],
    ['all NaN', gen(5000, () => Number.NaN)],
    ['NaN but 10 values', gen(5000, (i) => (i % 500 === 0 ? i : Number.NaN))],
  ];
  for (const [name, xs] of cases) {
    it(`${name}: equals the sorted-array median, input untouched`, () => {
      const copy = Float64Array.from(xs);
      const expected = sortedMedian(xs);
      const got = median(xs);
      expect(Object.is(got, expected) || got === expected).toBe(true);
      expect(Buffer.from(xs.buffer).equals(Buffer.from(copy.buffer))).toBe(true);
    });
  }
  it('property: random mixtures of ties, noise and NaN (fast-check, seed 8)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 4096, max: 12000 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.double({ min: 0, max: 0.95, noNaN: true }), (n, seed, tieShare) => {
        const r = new Random(seed);
        const xs = gen(n, () => (r.next() < 0.05 ? Number.NaN : r.next() < tieShare ? 3 : r.normal() * 5));
        const expected = sortedMedian(xs);
        expect(median(xs)).toBe(expected);
      }),
      { numRuns: 25, seed: 8 },
    );
  });
});

describe('logistic on 24,000 rows (sub-sampled Hessian for the first steps)', () => {
  it('still solves the optimality conditions: every gradient component of Σ logloss + λ/2‖β‖² below 1e-7 (independent check)', () => {
    const data = synthetic(24000, 31);
    for (const l2 of [1, 0.01]) {
      const model = trainChurnModel(data.matrix, data.labels, { algorithm: 'logistic', l2 });
      expect(model.summary.converged).toBe(true);
      expect(model.summary.iterations).toBeLessThan(20);
      const json = model.toJSON();
      const Z = transformColumns('test', json.preprocessing as unknown as PreprocessorState, data.matrix);
      const { intercept, coef } = json.logistic!;
      const g = new Float64Array(coef.length + 1);
      for (let i = 0; i < data.labels.length; i++) {
        let eta = intercept;
        for (let j = 0; j < coef.length; j++) eta += coef[j]! * Z[j]![i]!;
        const r = 1 / (1 + Math.exp(-eta)) - data.labels[i]!;
        g[0] = g[0]! + r;
        for (let j = 0; j < coef.length; j++) g[j + 1] = g[j + 1]! + r * Z[j]![i]!;
      }
      for (let j = 0; j < coef.length; j++) g[j + 1] = g[j + 1]! + l2 * coef[j]!;
      // measured max |g| ≈ 2e-12 at both λ (7 iterations; tolerance 1e-10 on the step)
      for (const x of g) expect(Math.abs(x)).toBeLessThan(1e-7);
    }
  });

  it('a loose tolerance stops at the same model to within the tolerance scale (the last step is taken without a line search)', () => {
    const data = synthetic(24000, 32);
    const tight = trainChurnModel(data.matrix, data.labels, { algorithm: 'logistic', tolerance: 1e-12 }).toJSON().logistic!;
    const loose = trainChurnModel(data.matrix, data.labels, { algorithm: 'logistic', tolerance: 1e-6 }).toJSON().logistic!;
    expect(Math.abs(loose.intercept - tight.intercept)).toBeLessThan(1e-6);
    loose.coef.forEach((b, j) => expect(Math.abs(b - tight.coef[j]!)).toBeLessThan(1e-6));
  });
});
