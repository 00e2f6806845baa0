import { checkOptions } from '../internal/args.js';
import { invalidOption } from '../internal/errors.js';
import { powerShift } from './_normal.js';

/** Options of {@link sampleSize}. @category Lift */
export interface SampleSizeOptions {
  /** Retention rate expected without treatment (the control arm), in [0, 1]. */
  baselineRate: number;
  /**
   * Smallest absolute lift worth detecting (treatment rate − baseline), non-zero, with
   * baselineRate + minDetectableLift in [0, 1]. A negative value plans to detect a drop.
   */
  minDetectableLift: number;
  /** Two-sided significance level in (0, 1) (default 0.05). */
  alpha?: number;
  /** Wanted power in (alpha, 1) (default 0.8). */
  power?: number;
  /** Arm size ratio n_treatment / n_control, > 0 (default 1: equal arms). */
  ratio?: number;
}

/** Result of {@link sampleSize}. @category Lift */
export interface SampleSizeResult {
  /** Customers needed in the control (holdout) arm, rounded up. */
  control: number;
  /** Customers needed in the treatment arm (ratio × the unrounded control size, rounded up). */
  treatment: number;
  /** control + treatment. */
  total: number;
  /** Cohen's h = 2·asin√(baseline + lift) − 2·asin√baseline. */
  effectSize: number;
  /** The unrounded control size that gives exactly the wanted power. */
  exactControl: number;
}

/**
 * Customers needed per arm of a retention experiment to detect a given lift.
 *
 * In the churn workflow: before a pilot, how big must the treatment and holdout groups be
 * so that a real lift of `minDetectableLift` is found with probability `power`? The inverse
 * question is answered by {@link detectableLift}.
 *
 * Maths: the arcsine (variance-stabilising) transform of each rate; the effect is Cohen's
 * h = 2 asin√p₂ − 2 asin√p₁ (Cohen 1988, "Statistical Power Analysis", ch. 6), and the
 * two-sided z-test of h has power Φ(|h|√n_eff − c) + Φ(−c − |h|√n_eff) with c = Φ⁻¹(1 − α/2)
 * and n_eff = 1/(1/n_c + 1/n_t) = n_c·r/(1 + r). The equation is solved for n_c to machine
 * precision and rounded up. This is statsmodels'
 * `NormalIndPower().solve_power(effect_size=proportion_effectsize(p2, p1), alpha=alpha,
 * power=power, ratio=ratio)` with nobs1 = control (checked exactly after rounding up in
 * test/lift/reference.test.ts).
 *
 * @param options - {@link SampleSizeOptions}
 * @returns per-arm sizes (rounded up), their total, the effect size and the unrounded size
 * @throws ChurnkitError `INVALID_OPTION` (path = the option) for a rate outside [0, 1], a zero
 *   lift or one that leaves [0, 1], alpha outside (0, 1), power outside (alpha, 1), ratio ≤ 0
 * @example
 * ```ts
 * sampleSize({ baselineRate: 0.3, minDetectableLift: 0.06 });
 * // { control: 963, treatment: 963, total: 1926, effectSize: 0.12772…, exactControl: 962.277… }
 * ```
 * @category Lift
 */
export function sampleSize(options: SampleSizeOptions): SampleSizeResult {
  checkOptions('sampleSize', options);
  const { baselineRate, minDetectableLift } = options;
  const { alpha, power, ratio } = checkPlan('sampleSize', options);
  checkRate('sampleSize', 'baselineRate', baselineRate);
  if (typeof minDetectableLift !== 'number' || !Number.isFinite(minDetectableLift) || minDetectableLift === 0 ||
    !(baselineRate + minDetectableLift >= 0 && baselineRate + minDetectableLift <= 1)) {
    invalidOption('sampleSize', 'minDetectableLift', `a non-zero number with baselineRate + minDetectableLift in [0, 1] (baselineRate = ${baselineRate})`, minDetectableLift);
  }
  const h = 2 * Math.asin(Math.sqrt(baselineRate + minDetectableLift)) - 2 * Math.asin(Math.sqrt(baselineRate));
  const t = powerShift(alpha, power);
  const nEff = (t / Math.abs(h)) ** 2;
  const exactControl = (nEff * (1 + ratio)) / ratio;
  const control = Math.ceil(exactControl);
  const treatment = Math.ceil(ratio * exactControl);
  return { control, treatment, total: control + treatment, effectSize: h, exactControl };
}

/** Checks alpha, power and ratio shared by the power functions; returns them with defaults. @internal */
export function checkPlan(fn: string, options: { alpha?: number; power?: number; ratio?: number }): { alpha: number; power: number; ratio: number } {
  const alpha = options.alpha ?? 0.05;
  const power = options.power ?? 0.8;
  const ratio = options.ratio ?? 1;
  if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 1)) invalidOption(fn, 'alpha', 'a number in (0, 1)', alpha);
  if (typeof power !== 'number' || !(power > alpha && power < 1)) invalidOption(fn, 'power', `a number in (alpha, 1) = (${alpha}, 1)`, power);
  if (typeof ratio !== 'number' || !(ratio > 0 && Number.isFinite(ratio))) invalidOption(fn, 'ratio', 'a finite number > 0 (n_treatment / n_control)', ratio);
  return { alpha, power, ratio };
}

/** Throws `INVALID_OPTION` unless a rate is a number in [0, 1]. @internal */
export function checkRate(fn: string, name: string, rate: unknown): asserts rate is number {
  if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) invalidOption(fn, name, 'a number in [0, 1]', rate);
}
