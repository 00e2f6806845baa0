import { checkOptions } from '../internal/args.js';
import { invalidOption } from '../internal/errors.js';
import { powerShift } from './_normal.js';
import { checkPlan, checkRate } from './sampleSize.js';

/** Options of {@link detectableLift}. @category Lift */
export interface DetectableLiftOptions {
  /** Control (holdout) arm size, > 0; the treatment arm is ratio × n. */
  n: number;
  /** Retention rate expected without treatment, in [0, 1). */
  baselineRate: number;
  /** Two-sided significance level in (0, 1) (default 0.05). */
  alpha?: number;
  /** Wanted power in (alpha, 1) (default 0.8). */
  power?: number;
  /** Arm size ratio n_treatment / n_control, > 0 (default 1). */
  ratio?: number;
}

/** Result of {@link detectableLift}. @category Lift */
export interface DetectableLiftResult {
  /** Smallest absolute retention lift (treatment rate − baseline) detected with the wanted power. */
  lift: number;
  /** The treatment retention rate at that lift: baselineRate + lift. */
  treatmentRate: number;
  /** lift / baselineRate (null when the baseline is 0). */
  relativeLift: number | null;
  /** Cohen's h of that lift. */
  effectSize: number;
}

/**
 * The smallest retention lift an experiment of a given size can detect.
 *
 * In the churn workflow: "we can hold out 500 customers: is a 3-point lift even visible?"
 * The inverse of {@link sampleSize}; it looks for an increase in retention.
 *
 * Maths: solve Φ(h√n_eff − c) + Φ(−c − h√n_eff) = power for Cohen's h > 0 (c = Φ⁻¹(1 − α/2),
 * n_eff = n·r/(1 + r); Cohen 1988, ch. 6), then invert the arcsine transform:
 * p₂ = sin²(asin√p₁ + h/2), lift = p₂ − p₁. Matches statsmodels'
 * `NormalIndPower().solve_power(nobs1=n, alpha=alpha, power=power, ratio=ratio)` followed by
 * the same inversion (test/lift/reference.test.ts, 1e-9 relative).
 *
 * @param options - {@link DetectableLiftOptions}
 * @returns the lift, the treatment rate it implies, the relative lift and Cohen's h
 * @throws ChurnkitError `INVALID_OPTION` for n ≤ 0, a rate outside [0, 1), alpha outside (0, 1),
 *   power outside (alpha, 1), ratio ≤ 0, or when even a lift to 100% retention is not
 *   detectable with this n (path `['n']`)
 * @example
 * ```ts
 * detectableLift({ n: 963, baselineRate: 0.3 });
 * // { lift: 0.059977…, treatmentRate: 0.359977…, relativeLift: 0.19992…, effectSize: 0.12767… }
 * ```
 * @category Lift
 */
export function detectableLift(options: DetectableLiftOptions): DetectableLiftResult {
  checkOptions('detectableLift', options);
  const { n, baselineRate } = options;
  const { alpha, power, ratio } = checkPlan('detectableLift', options);
  if (typeof n !== 'number' || !(n > 0 && Number.isFinite(n))) invalidOption('detectableLift', 'n', 'a finite number > 0 (control arm size)', n);
  checkRate('detectableLift', 'baselineRate', baselineRate);
  if (baselineRate === 1) invalidOption('detectableLift', 'baselineRate', 'a number in [0, 1) (no lift above 100% retention)', baselineRate);
  const nEff = (n * ratio) / (1 + ratio);
  const h = powerShift(alpha, power) / Math.sqrt(nEff);
  const angle = Math.asin(Math.sqrt(baselineRate)) + h / 2;
  if (angle > Math.PI / 2) {
    invalidOption('detectableLift', 'n', `large enough to detect some lift: with n = ${n} not even a lift to 100% retention reaches power ${power}`, n);
  }
  const treatmentRate = Math.sin(angle) ** 2;
  const lift = treatmentRate - baselineRate;
  return { lift, treatmentRate, relativeLift: baselineRate > 0 ? lift / baselineRate : null, effectSize: h };
}
