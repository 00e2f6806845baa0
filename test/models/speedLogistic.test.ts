import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { trainChurnModel } from '../../src/models/index.js';
import { median, transformColumns, type PreprocessorState } from '../../src/models/preprocess.js';
import { fitLogistic, objectiveAt } from '../../src/models/logistic.js';
import { Random } from '../../src/internal/random.js';
import { synthetic } from './fixtures.js';

/** numpy's median of the non-NaN values, by sorting (the definition). */
function sortedMedian(xs: Float64Array): number {
  const clean = Array.from(xs).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const h = clean.length >> 1;
  return clean.length === 0 ? Number.NaN : clean.length % 2 ? clean[h]! : (clean[h - 1]! + clean[h]!) / 2;
}

const gen = (n: number, f: (i: number) => number): Float64Array => Float64Array.from({ length: n }, (_, i) => f(i));

describe('median from 2,048 values on (sampled bracket, tied shortcut, recursive selection, fallback)', () => {
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
    // from 2,048 values (the bracket's threshold) up
    ['normal, 2,048 values', gen(2048, () => rng.normal())],
    ['normal, 3,001 values', gen(3001, () => rng.normal())],
    // a bracket of 1,024 sample values keeps ~13% of 300,000 rows: the selection brackets again
    ['normal, 300,000 values (the kept values are bracketed again)', gen(300000, () => rng.normal())],
    ['exponential, 200,001 values with 10% NaN', gen(200001, () => (rng.next() < 0.1 ? Number.NaN : rng.exponential(2)))],
    // Poisson(2): the sample's bracket spans 1..2 (not tied), its middle value 2 is repeated
    ['Poisson counts, 5,250 values (middle in a run of ties, bracket not tied)', gen(5250, () => rng.poisson(2))],
    // even count, the lower middle value tied with the upper one, then a gap below it
    ['even count, both middle values in one run of ties', gen(6000, (i) => (i < 2000 ? i : i < 4000 ? 5000 : 10000 + i))],
    ['even count, middle values distinct and far apart', gen(6000, (i) => (i < 3000 ? -1 - (i % 97) : 1 + (i % 89)))],
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

/** ∇ of Σ w_i logloss_i + λ/2 ‖β‖² at (b, β), computed plainly (one row at a time). */
function gradientAt(Z: Float64Array[], y: Uint8Array, w: Float64Array, l2: number, intercept: number, coef: Float64Array): Float64Array {
  const g = new Float64Array(coef.length + 1);
  for (let i = 0; i < y.length; i++) {
    let eta = intercept;
    for (let j = 0; j < coef.length; j++) eta += coef[j]! * Z[j]![i]!;
    const r = w[i]! * (1 / (1 + Math.exp(-eta)) - y[i]!);
    g[0] = g[0]! + r;
    for (let j = 0; j < coef.length; j++) g[j + 1] = g[j + 1]! + r * Z[j]![i]!;
  }
  for (let j = 0; j < coef.length; j++) g[j + 1] = g[j + 1]! + l2 * coef[j]!;
  return g;
}

describe('fitLogistic kernels (blocked evaluation and Hessian)', () => {
  const rng = new Random(11);
  const design = (n: number, p: number): { Z: Float64Array[]; y: Uint8Array } => {
    const Z = Array.from({ length: p }, () => gen(n, () => rng.normal()));
    const y = Uint8Array.from({ length: n }, (_, i) => {
      let eta = -0.3;
      for (let j = 0; j < p; j++) eta += (j % 2 ? -0.4 : 0.5) * Z[j]![i]!;
      return rng.next() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    });
    return { Z, y };
  };
  // every column count modulo 4 and both parities (the Hessian's pairs of rows and groups of four
  // columns, the evaluation's groups of four), and row counts across a 256-row block boundary
  for (const [n, p] of [[300, 1], [513, 2], [700, 3], [1000, 5], [5000, 7], [4097, 12]] as const) {
    it(`${n} rows × ${p} columns: every gradient component below 1e-9 at the solution (plain check)`, () => {
      const { Z, y } = design(n, p);
      const w = new Float64Array(n).fill(1);
      const fit = fitLogistic(Z, y, w, 0.5, 1e-12, 100, undefined);
      expect(fit.converged).toBe(true);
      for (const g of gradientAt(Z, y, w, 0.5, fit.intercept, fit.coef)) expect(Math.abs(g)).toBeLessThan(1e-9);
    });
  }
  it('weights that are not one value per class take log1p per row: the same solution as the per-class products (within 1e-12)', () => {
    const { Z, y } = design(3000, 6);
    const byClass = Float64Array.from(y, (c) => (c ? 2 : 1));
    // the same weights but one row's differs in its last bit: no longer one value per class
    const perRow = Float64Array.from(byClass);
    perRow[7] = perRow[7]! * (1 + Number.EPSILON);
    const a = fitLogistic(Z, y, byClass, 1, 1e-12, 100, undefined);
    const b = fitLogistic(Z, y, perRow, 1, 1e-12, 100, undefined);
    expect(Math.abs(a.intercept - b.intercept)).toBeLessThan(1e-12);
    a.coef.forEach((c, j) => expect(Math.abs(c - b.coef[j]!)).toBeLessThan(1e-12));
  });
  it('the objective (per-class products of 1 + e^{−|η|}, or log1p per row) equals the plain sum within 1e-13 relative, with its gradient', () => {
    const { Z, y } = design(1333, 5);
    const theta = Float64Array.from([0.2, 1.5, -2, 0.7, 3, -0.1]);
    for (const w of [new Float64Array(1333).fill(1), Float64Array.from(y, (c) => (c ? 3 : 0.5)), gen(1333, () => 0.5 + rng.next())]) {
      let plain = 0;
      for (let i = 0; i < 1333; i++) {
        let eta = theta[0]!;
        for (let j = 0; j < 5; j++) eta += theta[j + 1]! * Z[j]![i]!;
        plain += w[i]! * (Math.log(1 + Math.exp(eta)) - y[i]! * eta);
      }
      let pen = 0;
      for (let j = 1; j <= 5; j++) pen += theta[j]! ** 2;
      plain += 0.5 * 0.7 * pen;
      const { f, g } = objectiveAt(Z, y, w, 0.7, theta);
      expect(Math.abs(f - plain) / plain).toBeLessThan(1e-13);
      const g0 = gradientAt(Z, y, w, 0.7, theta[0]!, theta.subarray(1));
      g.forEach((v, j) => expect(Math.abs(v - g0[j]!)).toBeLessThan(1e-10 * Math.max(1, Math.abs(g0[j]!))));
    }
  });
  it('arbitrary per-row weights: the weighted optimality conditions hold (gradient below 1e-9)', () => {
    const { Z, y } = design(2500, 4);
    const w = gen(2500, () => 0.25 + 2 * rng.next());
    const fit = fitLogistic(Z, y, w, 1, 1e-12, 100, undefined);
    expect(fit.converged).toBe(true);
    for (const g of gradientAt(Z, y, w, 1, fit.intercept, fit.coef)) expect(Math.abs(g)).toBeLessThan(1e-9);
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
