import { ChurnkitError, invalidOption, show } from '../internal/errors.js';
import { optionsOf } from '../internal/args.js';
import { normalQuantile } from './_normal.js';

/** Options of {@link newcombeInterval}. @category Lift */
export interface NewcombeOptions {
  /** 1 − confidence level, in (0, 1) (default 0.05: a 95% interval). */
  alpha?: number;
}

/**
 * A confidence interval for a difference of two proportions, p1 − p2.
 * @category Lift
 */
export interface ProportionDifferenceInterval {
  /** The point estimate p1 − p2 = x1/n1 − x2/n2. */
  estimate: number;
  /** Lower end of the interval (≥ −1). */
  lower: number;
  /** Upper end of the interval (≤ 1). */
  upper: number;
  /** Confidence level 1 − alpha. */
  level: number;
}

/**
 * Newcombe's hybrid-score interval for the difference of two independent proportions.
 *
 * In the churn workflow this is the interval around a campaign's retention lift (treatment
 * rate − control rate): unlike the Wald interval it stays inside [−1, 1], keeps close to its
 * nominal coverage in small arms and at rates near 0 or 1, and needs no iteration.
 *
 * Maths (Newcombe 1998, "Interval estimation for the difference between independent
 * proportions: comparison of eleven methods", Statistics in Medicine 17:873–890, method 10):
 * with Wilson score limits (l_i, u_i) for each p_i = x_i/n_i at level 1 − α
 * (Wilson 1927: centre (p + z²/2n)/(1 + z²/n), half-width z·√(p(1−p)/n + z²/4n²)/(1 + z²/n),
 * z = Φ⁻¹(1 − α/2)), the interval for d = p1 − p2 is
 * [d − √((p1 − l1)² + (u2 − p2)²), d + √((p2 − l2)² + (u1 − p1)²)].
 * Same as statsmodels' `confint_proportions_2indep(x1, n1, x2, n2, method='newcomb')`
 * (checked to 1e-9 relative in test/lift/reference.test.ts).
 *
 * @param x1 - successes in the first group (e.g. retained treated customers), integer in [0, n1]
 * @param n1 - size of the first group, integer ≥ 1
 * @param x2 - successes in the second group (e.g. retained controls), integer in [0, n2]
 * @param n2 - size of the second group, integer ≥ 1
 * @param options - {@link NewcombeOptions}
 * @returns the estimate p1 − p2 with its lower and upper limits and the level
 * @throws ChurnkitError `INVALID_INPUT` for counts that are not integers with 0 ≤ x ≤ n, n ≥ 1;
 *   `INVALID_OPTION` for alpha outside (0, 1)
 * @example
 * ```ts
 * newcombeInterval(56, 70, 48, 80);
 * // { estimate: 0.2, lower: 0.0524…, upper: 0.3339…, level: 0.95 }  (Newcombe 1998, Table II example (a))
 * ```
 * @category Lift
 */
export function newcombeInterval(x1: number, n1: number, x2: number, n2: number, options?: NewcombeOptions): ProportionDifferenceInterval {
  const opts = optionsOf('newcombeInterval', options);
  const alpha = opts.alpha ?? 0.05;
  if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 1)) invalidOption('newcombeInterval', 'alpha', 'a number in (0, 1)', alpha);
  checkCounts('newcombeInterval', x1, n1, 'x1', 'n1');
  checkCounts('newcombeInterval', x2, n2, 'x2', 'n2');
  return newcombeUnchecked(x1, n1, x2, n2, alpha);
}

/** Newcombe interval without argument checks (counts already validated). @internal */
export function newcombeUnchecked(x1: number, n1: number, x2: number, n2: number, alpha: number): ProportionDifferenceInterval {
  const z = normalQuantile(1 - alpha / 2);
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const [l1, u1] = wilson(p1, n1, z);
  const [l2, u2] = wilson(p2, n2, z);
  const d = p1 - p2;
  return {
    estimate: d,
    lower: d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
    upper: d + Math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2),
    level: 1 - alpha,
  };
}

/** Wilson score interval (Wilson 1927) for a proportion q of n at critical value z. */
function wilson(q: number, n: number, z: number): [number, number] {
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (q + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((q * (1 - q)) / n + z2 / (4 * n * n))) / denom;
  return [centre - half, centre + half];
}

/** Throws `INVALID_INPUT` unless x and n are integer counts with 0 ≤ x ≤ n and n ≥ 1. @internal */
export function checkCounts(fn: string, x: unknown, n: unknown, xName: string, nName: string): void {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
    throw new ChurnkitError('INVALID_INPUT', `${fn}: ${nName} must be an integer ≥ 1; received ${show(n)}.`, {
      path: [nName], field: nName, expected: 'an integer ≥ 1', received: n,
    });
  }
  if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < 0 || x > n) {
    throw new ChurnkitError('INVALID_INPUT', `${fn}: ${xName} must be an integer in [0, ${nName}] = [0, ${n}]; received ${show(x)}.`, {
      path: [xName], field: xName, expected: `an integer in [0, ${n}]`, received: x,
    });
  }
}
