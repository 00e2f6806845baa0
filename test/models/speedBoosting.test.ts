import { describe, expect, it } from 'vitest';
import { Random } from '../../src/internal/random.js';
import { fitBoosting } from '../../src/models/ensembles.js';
import { expTang } from '../../src/internal/expTang.js';

/**
 * Boosting's gradient pass uses expTang (table-driven e^x, Tang 1989) instead of Math.exp. It
 * must stay within 1 ulp of Math.exp (V8's fdlibm port, itself within 1 ulp of e^x), agree
 * exactly where the answer is exact, and defer to Math.exp outside (−700, 700).
 */
const ulpOf = (v: number): number => {
  const b = Float64Array.of(v);
  const u = new BigInt64Array(b.buffer);
  u[0] = u[0]! + 1n;
  return b[0]! - v;
};

describe('expTang', () => {
  it('is within 1 ulp of Math.exp on 200,000 seeded arguments in (−40, 40) and (−700, 700)', () => {
    const rng = new Random(3);
    let worst = 0;
    let signed = 0;
    // signed error per table entry j (x ≈ (32m + j)·ln2/32): a misrounded 2^(j/32) biases its bucket
    const bucket = new Float64Array(32);
    const count = new Float64Array(32);
    for (let i = 0; i < 200_000; i++) {
      const x = (2 * rng.next() - 1) * (i % 2 ? 40 : 699.9);
      const want = Math.exp(x);
      const got = expTang(x);
      const err = (got - want) / ulpOf(want);
      if (Math.abs(err) > worst) worst = Math.abs(err);
      signed += err;
      const j = Math.floor(x * (32 / Math.LN2) + 0.5) & 31;
      bucket[j] = bucket[j]! + err;
      count[j] = count[j]! + 1;
    }
    expect(worst).toBeLessThanOrEqual(1);
    // a correctly rounded 2^(j/32) is off by at most half an ulp, which shows as that bucket's
    // mean (measured between −0.46 and 0.47); an entry one ulp further off moves it past 0.5
    for (let j = 0; j < 32; j++) expect(Math.abs(bucket[j]! / count[j]!)).toBeLessThan(0.5);
    // no systematic bias: the signed errors average out (measured −0.009 ulp; a constant
    // misrounding in the table or the polynomial would show as ±0.1 or more)
    expect(Math.abs(signed / 200_000)).toBeLessThan(0.05);
  });

  it('exact at 0, at multiples of ln 2 / 32 near 0 within an ulp, and Math.exp outside (−700, 700) and for NaN / ±Infinity', () => {
    expect(expTang(0)).toBe(1);
    expect(expTang(-0)).toBe(1);
    for (let k = -64; k <= 64; k++) {
      const x = (k * Math.LN2) / 32;
      expect(Math.abs(expTang(x) - Math.exp(x))).toBeLessThanOrEqual(ulpOf(Math.exp(x)));
    }
    for (const x of [700, -700, 709.5, -745, 800, -800, Infinity, -Infinity]) expect(expTang(x)).toBe(Math.exp(x));
    expect(expTang(Number.NaN)).toBeNaN();
    // the ends of the table range (2^m with m near ±1010) are normal numbers, not 0 or Infinity
    expect(expTang(699.99) / Math.exp(699.99)).toBeCloseTo(1, 14);
    expect(expTang(-699.99) / Math.exp(-699.99)).toBeCloseTo(1, 14);
  });
});

describe('fitBoosting (bundled histograms, expTang gradients)', () => {
  it('is deterministic: two fits on the same rows give the same trees, bit for bit', () => {
    const rng = new Random(21);
    const n = 3000;
    // flags and small counts (bundled) next to continuous columns
    const X = [0, 1, 2, 3, 4, 5].map((j) => Float64Array.from({ length: n }, () => (j < 2 ? rng.normal() : j < 4 ? rng.poisson(2) : rng.bernoulli(0.3) ? 1 : 0)));
    const y = Uint8Array.from({ length: n }, (_, i) => (rng.next() < 1 / (1 + Math.exp(-(X[0]![i]! + X[4]![i]! - 0.5 * X[2]![i]!))) ? 1 : 0));
    const w = new Float64Array(n).fill(1);
    const params = { rounds: 20, learningRate: 0.1, maxLeafNodes: 31, maxDepth: Infinity, minSamplesLeaf: 20, l2Leaf: 0, maxBins: 255, patience: 10 };
    const a = fitBoosting(X, y, w, params, null);
    const b = fitBoosting(X, y, w, params, null);
    expect(a.trees.length).toBe(20);
    for (let t = 0; t < 20; t++) {
      expect(Buffer.from(a.trees[t]!.value.buffer).equals(Buffer.from(b.trees[t]!.value.buffer))).toBe(true);
      expect(Array.from(a.trees[t]!.feature)).toEqual(Array.from(b.trees[t]!.feature));
    }
    // the flag and the count columns are split on (their histograms come from bundles)
    const used = new Set(a.trees.flatMap((t) => Array.from(t.feature).filter((f) => f >= 0)));
    expect(used.has(4)).toBe(true);
    expect(used.has(2)).toBe(true);
  });
});
