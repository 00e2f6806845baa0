import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectableLift, sampleSize } from '../../src/lift/index.js';
import { normalCdf, normalQuantile, normalSf, powerShift } from '../../src/lift/_normal.js';
import { caught, errorCode } from '../helpers/errors.js';

// Exact agreement with statsmodels is in test/lift/reference.test.ts; here: the properties the
// power formulas must have, the textbook closed form, and the argument checks.

describe('sampleSize', () => {
  it('is close to the one-tail closed form n = (z_{α/2} + z_β)²/h² per arm (Cohen 1988, eq. 6.4.1)', () => {
    // for equal arms n_c = 2·((z_.975 + z_.8)/h)² up to the far-tail term, which only lowers n
    const r = sampleSize({ baselineRate: 0.3, minDetectableLift: 0.06 });
    const closed = 2 * ((1.959963984540054 + 0.8416212335729143) / r.effectSize) ** 2;
    expect(r.exactControl).toBeLessThanOrEqual(closed);
    // the far tail Φ(−c − t) = Φ(−4.76) ≈ 9.7e-7 moves t by ≈ 9.7e-7/φ(t − c) = 3.5e-6 and n by
    // ≈ 2·3.5e-6/2.8 = 2.5e-6 relative (measured 2.45e-6)
    expect((closed - r.exactControl) / closed).toBeLessThan(3e-6);
    expect((closed - r.exactControl) / closed).toBeGreaterThan(2e-6);
    expect(r.control).toBe(Math.ceil(r.exactControl));
  });
  it('reaches the wanted power at the rounded-up size and not one customer below', () => {
    const power = (nc: number, h: number, ratio: number): number => {
      const t = Math.abs(h) * Math.sqrt((nc * ratio) / (1 + ratio));
      const c = normalQuantile(0.975);
      return normalSf(c - t) + normalCdf(-c - t);
    };
    for (const ratio of [1, 2, 0.5]) {
      const r = sampleSize({ baselineRate: 0.2, minDetectableLift: 0.04, ratio });
      expect(power(r.exactControl, r.effectSize, ratio)).toBeCloseTo(0.8, 12);
      expect(power(r.control, r.effectSize, ratio)).toBeGreaterThanOrEqual(0.8);
      expect(power(r.control - 1, r.effectSize, ratio)).toBeLessThan(0.8);
      expect(r.treatment).toBe(Math.ceil(ratio * r.exactControl));
    }
  });
  it('grows as the lift shrinks, alpha shrinks or power grows', () => {
    fc.assert(fc.property(
      fc.double({ min: 0.01, max: 0.8, noNaN: true }), fc.double({ min: 0.005, max: 0.15, noNaN: true }),
      (base, lift) => {
        const a = sampleSize({ baselineRate: base, minDetectableLift: lift });
        const smaller = sampleSize({ baselineRate: base, minDetectableLift: lift / 2 });
        const strict = sampleSize({ baselineRate: base, minDetectableLift: lift, alpha: 0.01 });
        const powerful = sampleSize({ baselineRate: base, minDetectableLift: lift, power: 0.9 });
        return smaller.exactControl > a.exactControl && strict.exactControl > a.exactControl && powerful.exactControl > a.exactControl;
      },
    ), { seed: 11, numRuns: 100 });
  });
  it('a drop and a rise with the same arcsine distance need the same n', () => {
    // h(0.5 → 0.6) = −h(0.6 → 0.5), so the sizes agree
    const up = sampleSize({ baselineRate: 0.5, minDetectableLift: 0.1 });
    const down = sampleSize({ baselineRate: 0.6, minDetectableLift: -0.1 });
    expect(down.effectSize).toBeCloseTo(-up.effectSize, 14);
    expect(down.control).toBe(up.control);
  });
  it('rejects bad options with INVALID_OPTION and the option path', () => {
    const base = { baselineRate: 0.3, minDetectableLift: 0.05 };
    const bad: [Record<string, unknown>, string][] = [
      [{ baselineRate: -0.1 }, 'baselineRate'], [{ baselineRate: 1.1 }, 'baselineRate'], [{ baselineRate: NaN }, 'baselineRate'],
      [{ minDetectableLift: 0 }, 'minDetectableLift'], [{ minDetectableLift: 0.8 }, 'minDetectableLift'],
      [{ minDetectableLift: -0.31 }, 'minDetectableLift'], [{ minDetectableLift: Infinity }, 'minDetectableLift'],
      [{ alpha: 0 }, 'alpha'], [{ alpha: 1 }, 'alpha'], [{ power: 0.04 }, 'power'], [{ power: 1 }, 'power'],
      [{ ratio: 0 }, 'ratio'], [{ ratio: Infinity }, 'ratio'],
    ];
    for (const [patch, path] of bad) {
      const e = caught(() => sampleSize({ ...base, ...patch } as never));
      expect([e.code, e.path]).toEqual(['INVALID_OPTION', [path]]);
    }
    expect(errorCode(() => sampleSize(undefined as never))).toBe('INVALID_OPTION');
    expect(caught(() => sampleSize({ ...base, power: 0.01 })).message).toMatchInlineSnapshot(
      `"sampleSize: option "power" must be a number in (alpha, 1) = (0.05, 1); received 0.01."`,
    );
  });
});

describe('detectableLift', () => {
  it('inverts sampleSize: at the unrounded planned n the detectable lift is the planned lift', () => {
    fc.assert(fc.property(
      fc.double({ min: 0.02, max: 0.8, noNaN: true }), fc.double({ min: 0.01, max: 0.15, noNaN: true }),
      fc.constantFrom(0.5, 1, 3),
      (base, lift, ratio) => {
        const plan = sampleSize({ baselineRate: base, minDetectableLift: lift, ratio });
        const back = detectableLift({ n: plan.exactControl, baselineRate: base, ratio });
        return Math.abs(back.lift - lift) <= 1e-9 * lift;
      },
    ), { seed: 5, numRuns: 100 });
  });
  it('shrinks as n grows, roughly like 1/√n', () => {
    const a = detectableLift({ n: 1000, baselineRate: 0.3 });
    const b = detectableLift({ n: 4000, baselineRate: 0.3 });
    expect(b.lift).toBeLessThan(a.lift);
    expect(b.effectSize).toBeCloseTo(a.effectSize / 2, 12); // h ∝ 1/√n exactly
    expect(a.treatmentRate).toBeCloseTo(0.3 + a.lift, 15);
    expect(a.relativeLift).toBeCloseTo(a.lift / 0.3, 15);
  });
  it('a zero baseline has no relative lift', () => {
    expect(detectableLift({ n: 1000, baselineRate: 0 }).relativeLift).toBeNull();
  });
  it('says when no lift up to 100% retention is detectable', () => {
    const e = caught(() => detectableLift({ n: 2, baselineRate: 0.9 }));
    expect([e.code, e.path]).toEqual(['INVALID_OPTION', ['n']]);
    expect(e.message).toMatch(/not even a lift to 100% retention reaches power 0\.8/);
  });
  it('rejects bad options', () => {
    for (const patch of [{ n: 0 }, { n: -5 }, { n: NaN }, { baselineRate: 1 }, { baselineRate: -0.2 }, { alpha: 2 }, { ratio: -1 }]) {
      expect(errorCode(() => detectableLift({ n: 100, baselineRate: 0.3, ...patch }))).toBe('INVALID_OPTION');
    }
    expect(errorCode(() => detectableLift(null as never))).toBe('INVALID_OPTION');
  });
});

describe('normal helpers (src/lift/_normal.ts)', () => {
  it('quantile and cdf invert each other, including far tails', () => {
    for (const p of [1e-300, 1e-100, 1e-20, 1e-8, 0.001, 0.025, 0.2, 0.5, 0.8, 0.975, 0.999999]) {
      const x = normalQuantile(p);
      // Φ(x(1 + ε))/Φ(x) − 1 ≈ x²ε in the tail, so the round trip can only be as good as 1e-15·(1 + x²)
      expect(Math.abs(normalCdf(x) / p - 1)).toBeLessThan(1e-15 * (1 + x * x));
    }
    expect([normalQuantile(0), normalQuantile(1), normalQuantile(-0.1), normalQuantile(NaN)]).toEqual([-Infinity, Infinity, NaN, NaN]);
  });
  it('cdf and upper tail add to 1 and are symmetric', () => {
    for (const z of [-7, -2.5, -1, 0, 0.3, 1.7, 4]) {
      expect(normalCdf(z) + normalSf(z)).toBeCloseTo(1, 15);
      expect(normalCdf(-z)).toBe(normalSf(z));
    }
    // A&S Table 26.1: Φ(1.96) = 0.9750021048517795; Q(5) = 2.866515718791939e-7 (scipy norm.sf(5))
    expect(Math.abs(normalCdf(1.96) - 0.9750021048517795)).toBeLessThan(1e-15);
    expect(Math.abs(normalSf(5) / 2.866515718791939e-7 - 1)).toBeLessThan(1e-14);
  });
  it('powerShift solves the two-tailed power equation (statsmodels normal_power)', () => {
    // t for alpha 0.05 / power 0.8: 2.8015817870135784 (root of normal_power(t, 1, 0.05) = 0.8,
    // scipy brentq, residual 2e-16; the one-tail value z.975 + z.8 = 2.8015852181 is slightly larger)
    expect(Math.abs(powerShift(0.05, 0.8) - 2.8015817870135784)).toBeLessThan(1e-13);
    expect(powerShift(0.05, 0.8)).toBeLessThan(1.959963984540054 + 0.8416212335729143);
  });
});
