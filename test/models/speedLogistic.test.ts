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
const SAMPLE_STEP = Math.floor(20480 / Math.round(4 * Math.sqrt(20480)));

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
    // the values the systematic sample reads (every `step`-th: n / round(4√n), as preprocess.ts's
    // sampleSize) are small, the rest large, so the bracket misses the middle and the plain
    // selection runs: once with a tied sample (all 0), once with distinct sample values
    ['sample misses the middle (tied sample)', gen(20480, (i) => (i % SAMPLE_STEP === 0 ? 0 : 1e6 + i))],
    ['sample misses the middle (distinct sample values)', gen(20480, (i) => (i % SAMPLE_STEP === 0 ? i / 1e9 : 1e6 + i))],
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
  it('two middle values near the largest double: their mean without overflow (numpy gives inf), by either route', () => {
    // 4,096 values: 1,000 small ones, then 3,096 near 1.7e308 (the j-th of them 1.7e308 − (3095 − j)·1e292);
    // the middle ranks 2,047 and 2,048 are the 1,047th and 1,048th of those
    const spread = gen(4096, (i) => (i < 1000 ? -i : 1.7e308 - (4095 - i) * 1e292));
    const a = 1.7e308 - 2047e292;
    const b = 1.7e308 - 2048e292;
    expect(median(spread)).toBe(a / 2 + b / 2);
    // below 2,048 values (plain quickselect) and with both middle values tied
    expect(median(Float64Array.from([1.6e308, 1.7e308, 1.7e308, 1.8e308]))).toBe(1.7e308);
    expect(median(Float64Array.from([1e308, 1.6e308, 1.795e308, 1.79e308]))).toBe(1.6e308 / 2 + 1.79e308 / 2);
    // infinities are ordered like any value (models reject them before, the median does not need to)
    expect(median(Float64Array.from([Infinity, 2, -Infinity, 1]))).toBe(1.5);
  });
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
  it('the objective keeps losses far below 1: margins 15 to 60 with λ = 0 (1 + e^{−60} rounds to 1), within 1e-13 relative of n·log1p(e^{−s})', () => {
    const n = 777;
    const y = Uint8Array.from({ length: n }, (_, i) => i % 3 === 0 ? 1 : 0);
    const Z = [Float64Array.from(y, (c) => (c ? 1 : -1))];
    for (const margin of [15, 20, 30, 36, 40, 60]) {
      const { f } = objectiveAt(Z, y, new Float64Array(n).fill(1), 0, Float64Array.from([0, margin]));
      const exact = n * Math.log1p(Math.exp(-margin));
      expect(Math.abs(f - exact) / exact).toBeLessThan(1e-13);
    }
  });
  it('a rare one-hot level that no subsample row holds still converges: subsample factors are never reused for chord steps (reusing one ran 100 iterations without converging)', () => {
    const n = 40000;
    const { Z, y } = design(n, 6);
    // 1 in five rows, none on the far steps' sample (every 4th row from row 0: rows ≡ 0 mod 4)
    const rare = new Float64Array(n);
    for (const i of [5, 17, 29, 30001, 30002]) rare[i] = 1;
    const mean = 5 / n;
    const sd = Math.sqrt(mean * (1 - mean));
    Z.push(Float64Array.from(rare, (v) => (v - mean) / sd));
    for (const i of [5, 17, 29, 30001, 30002]) y[i] = 1;
    const w = new Float64Array(n).fill(1);
    const fit = fitLogistic(Z, y, w, 1, 1e-10, 100, undefined);
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThan(20);
    for (const g of gradientAt(Z, y, w, 1, fit.intercept, fit.coef)) expect(Math.abs(g)).toBeLessThan(1e-8);
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
