import { describe, expect, it } from 'vitest';
import { Random } from '../../src/internal/random.js';

function draws(seed: number, n: number): number[] {
  const r = new Random(seed);
  return Array.from({ length: n }, () => r.uint32());
}

describe('Random (sfc32)', () => {
  it('gives the same stream for the same seed and a different one otherwise', () => {
    expect(draws(42, 50)).toEqual(draws(42, 50));
    expect(draws(42, 50)).not.toEqual(draws(43, 50));
  });

  it('is uniform enough: mean and variance of 200k draws within 4 standard errors of U(0,1)', () => {
    const r = new Random(7);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const x = r.next();
      if (!(x >= 0 && x < 1)) outside++;
      s += x;
      s2 += x * x;
    }
    expect(outside).toBe(0);
    const mean = s / n;
    const variance = s2 / n - mean * mean;
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });

  it('draws gamma, poisson, normal and beta with the right means (4 standard errors)', () => {
    const r = new Random(11);
    const n = 50_000;
    const mean = (f: () => number): number => {
      let s = 0;
      for (let i = 0; i < n; i++) s += f();
      return s / n;
    };
    // Gamma(k, θ): mean kθ, sd sqrt(k)θ. Poisson(λ): mean λ, sd sqrt(λ). Beta(a,b): mean a/(a+b).
    expect(Math.abs(mean(() => r.gamma(0.5, 2)) - 1)).toBeLessThan((4 * Math.sqrt(0.5) * 2) / Math.sqrt(n));
    expect(Math.abs(mean(() => r.gamma(3, 1)) - 3)).toBeLessThan((4 * Math.sqrt(3)) / Math.sqrt(n));
    expect(Math.abs(mean(() => r.poisson(4)) - 4)).toBeLessThan((4 * 2) / Math.sqrt(n));
    expect(Math.abs(mean(() => r.poisson(100)) - 100)).toBeLessThan((4 * 10) / Math.sqrt(n));
    expect(Math.abs(mean(() => r.normal(3, 2)) - 3)).toBeLessThan((4 * 2) / Math.sqrt(n));
    expect(Math.abs(mean(() => r.beta(2, 6)) - 0.25)).toBeLessThan(0.01);
    expect(Math.abs(mean(() => r.exponential(0.5)) - 2)).toBeLessThan((4 * 2) / Math.sqrt(n));
  });

  it('shuffles to a permutation and forks into independent streams', () => {
    const r = new Random(3);
    const a = r.shuffle([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...a].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const f1 = new Random(3).fork(1);
    const f2 = new Random(3).fork(2);
    expect(f1.uint32()).not.toBe(f2.uint32());
    expect(new Random(5).weighted([0, 0, 1])).toBe(2);
  });
});

describe('Random seeds', () => {
  it('gives distinct streams for seeds that differ only in sign or high bits, and refuses non-integers', () => {
    const first = (seed: number): number => new Random(seed).uint32();
    const seeds = [0, 1, -1, 2 ** 32, 2 ** 32 + 1, -(2 ** 32), Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];
    expect(new Set(seeds.map(first)).size).toBe(seeds.length);
    expect(() => new Random(1.5)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', path: ['seed'] }));
    expect(() => new Random(Number.NaN)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });
});
