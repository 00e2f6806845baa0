import { knownOptions, optionNames, optionsOf } from '../../internal/args.js';
import { ChurnkitError, invalidOption } from '../../internal/errors.js';
import { hessian, invertMatrix, minimize } from '../../internal/optimize.js';
import { lgamma } from '../../internal/special.js';
import { GammaGammaModel, type GammaGammaParams } from './GammaGammaModel.js';
import { neumaierError } from '../../internal/neumaier.js';

const FIT_GAMMA_GAMMA_OPTION_NAMES = optionNames<FitGammaGammaOptions>()(['penalty', 'correlationThreshold', 'start', 'onNonPositive']);

/** Input of {@link fitGammaGamma}: repeat transactions and their mean value per customer. @category BTYD */
export interface GammaGammaInput {
  /** Repeat transactions (customers with x = 0 are left out and counted). */
  readonly x: ArrayLike<number>;
  /** Mean value of the repeat transactions (must be > 0 when x > 0). */
  readonly monetary: ArrayLike<number>;
}

/** Options of {@link fitGammaGamma}. @category BTYD */
export interface FitGammaGammaOptions {
  /** L2 penalty λ on (p, q, γ) added to −LL/n (default 0). */
  penalty?: number;
  /** |correlation| of x and spend at or above which a warning is returned (default 0.3). */
  correlationThreshold?: number;
  /** Start values (default p = 1, q = 1, γ = 1). */
  start?: Partial<GammaGammaParams>;
  /**
   * What to do with a customer whose mean repeat spend is ≤ 0 (e.g. free items; the model needs positive
   * values): `'throw'` (default) or `'skip'` (left out and counted in the model's `skipped`).
   */
  onNonPositive?: 'throw' | 'skip';
}

/**
 * Fits the Gamma-Gamma spend model by maximum likelihood on customers with at least one repeat transaction.
 *
 * Likelihood of a customer's mean z̄ over x transactions (Fader & Hardie 2013, note 025, eq. 3):
 * f(z̄) = Γ(px+q)/(Γ(px)Γ(q)) · γ^q z̄^{px−1} x^{px} / (γ + x z̄)^{px+q}. Optimised in log-parameters
 * with BFGS (Nelder–Mead fallback). The model assumes spend is independent of frequency: the Pearson
 * correlation of x and z̄ is returned, with a warning when |ρ| ≥ the threshold. On CDNOW's 946 repeat
 * customers: p 6.25, q 3.74, γ 15.44, LL −4055.92.
 *
 * @param input - x and monetary per customer (a BTYD summary works)
 * @param options - penalty, correlation threshold, start values
 * @returns the fitted {@link GammaGammaModel}
 * @throws ChurnkitError `EMPTY_INPUT` when no customer has x > 0; `INVALID_INPUT` for a non-positive
 * mean spend with x > 0 (unless `onNonPositive: 'skip'`); `LENGTH_MISMATCH`; `NOT_CONVERGED`
 * @example
 * ```ts
 * const gg = fitGammaGamma(summary);
 * gg.params; // { p: 6.25, q: 3.74, gamma: 15.45 }
 * gg.warnings; // [] when spend and frequency are unrelated
 * ```
 * @category BTYD
 */
export function fitGammaGamma(input: GammaGammaInput, options: FitGammaGammaOptions = {}): GammaGammaModel {
  knownOptions('fitGammaGamma', options, FIT_GAMMA_GAMMA_OPTION_NAMES);
  const fn = 'fitGammaGamma';
  options = optionsOf(fn, options);
  if (input === null || typeof input !== 'object' || input.x === undefined || input.monetary === undefined) {
    throw new ChurnkitError('INVALID_INPUT', `${fn}: expected { x, monetary } columns.`, { expected: '{ x, monetary }', received: input });
  }
  const N = input.x.length;
  if (input.monetary.length !== N) {
    throw new ChurnkitError('LENGTH_MISMATCH', `${fn}: x has ${N} values, monetary ${input.monetary.length}.`, { expected: `${N} values`, received: input.monetary.length });
  }
  const penalty = options.penalty ?? 0;
  if (!(penalty >= 0) || !Number.isFinite(penalty)) invalidOption(fn, 'penalty', 'a finite number ≥ 0', penalty);
  const threshold = options.correlationThreshold ?? 0.3;
  if (!(threshold >= 0 && threshold <= 1)) invalidOption(fn, 'correlationThreshold', 'a number in [0, 1]', threshold);
  const onNonPositive = options.onNonPositive ?? 'throw';
  if (onNonPositive !== 'throw' && onNonPositive !== 'skip') invalidOption(fn, 'onNonPositive', '"throw" or "skip"', onNonPositive);
  const xs: number[] = [];
  const ms: number[] = [];
  let skipped = 0;
  for (let i = 0; i < N; i++) {
    const x = input.x[i]!;
    const m = input.monetary[i]!;
    if (!(x >= 0) || !Number.isFinite(x)) {
      throw new ChurnkitError('INVALID_INPUT', `${fn}: x at row ${i} must be a finite count ≥ 0; received ${x}.`, { row: i, field: 'x', expected: 'a finite count ≥ 0', received: x });
    }
    if (x === 0) continue;
    if (m <= 0 && onNonPositive === 'skip') {
      skipped++;
      continue;
    }
    if (!(m > 0) || !Number.isFinite(m)) {
      throw new ChurnkitError('INVALID_INPUT', `${fn}: monetary at row ${i} must be a positive mean spend when x > 0; received ${m}.`, { row: i, field: 'monetary', expected: 'a positive finite mean spend', received: m });
    }
    xs.push(x);
    ms.push(m);
  }
  const n = xs.length;
  if (n === 0) throw new ChurnkitError('EMPTY_INPUT', `${fn}: no customer has a repeat transaction (x > 0); the model needs at least one.`, { expected: 'customers with x > 0', received: 0 });
  const x = Float64Array.from(xs);
  const z = Float64Array.from(ms);
  // constant parts: (px−1) ln z̄ + px ln x depend on p; precompute logs
  const lnx = Float64Array.from(x, Math.log);
  const lnz = Float64Array.from(z, Math.log);
  const ll = (p: number, q: number, g: number): number => {
    if (!(p > 0 && q > 0 && g > 0)) return NaN;
    const base = -lgamma(q) + q * Math.log(g);
    let s = 0;
    let c = 0;
    for (let i = 0; i < n; i++) {
      const px = p * x[i]!;
      const v = lgamma(px + q) - lgamma(px) + base + (px - 1) * lnz[i]! + px * lnx[i]! - (px + q) * Math.log(g + x[i]! * z[i]!);
      const t = s + v;
      c += neumaierError(s, v, t);
      s = t;
    }
    return s + c;
  };
  const objective = (th: Float64Array): number => {
    const p = Math.exp(th[0]!);
    const q = Math.exp(th[1]!);
    const g = Math.exp(th[2]!);
    return -ll(p, q, g) / n + penalty * (p * p + q * q + g * g);
  };
  const st = options.start ?? {};
  const theta0 = [Math.log(st.p ?? 1), Math.log(st.q ?? 1), Math.log(st.gamma ?? 1)];
  if (!theta0.every(Number.isFinite)) invalidOption(fn, 'start', 'positive finite p, q, gamma', st);
  let res = minimize(objective, theta0, { method: 'bfgs' });
  let method = 'bfgs';
  if (!res.converged) {
    const nm = minimize(objective, Number.isFinite(res.fx) ? res.x : theta0, { method: 'nelder-mead', tol: 1e-12 });
    const pol = minimize(objective, nm.x, { method: 'bfgs' });
    method = 'bfgs+nelder-mead';
    res = pol.converged ? pol : nm;
  }
  if (!res.converged) {
    throw new ChurnkitError('NOT_CONVERGED', `${fn}: the optimiser did not converge (${method}: ${res.message}). Try options.penalty or other start values.`, {
      expected: 'a converged maximum-likelihood fit',
      received: { p: Math.exp(res.x[0]!), q: Math.exp(res.x[1]!), gamma: Math.exp(res.x[2]!) },
    });
  }
  const params = { p: Math.exp(res.x[0]!), q: Math.exp(res.x[1]!), gamma: Math.exp(res.x[2]!) };
  const cov = invertMatrix(hessian((v) => -ll(v[0]!, v[1]!, v[2]!) + n * penalty * (v[0]! ** 2 + v[1]! ** 2 + v[2]! ** 2), [params.p, params.q, params.gamma]));
  let standardErrors: GammaGammaParams | null = null;
  if (cov !== null) {
    const se = cov.map((row, i) => Math.sqrt(row[i]!));
    if (se.every((v) => Number.isFinite(v) && v > 0)) standardErrors = { p: se[0]!, q: se[1]!, gamma: se[2]! };
  }
  const correlation = pearson(x, z);
  const warnings: string[] = [];
  if (Math.abs(correlation) >= threshold) {
    warnings.push(`frequency and mean spend are correlated (Pearson ρ = ${correlation.toFixed(3)}, |ρ| ≥ ${threshold}); the Gamma-Gamma model assumes they are independent, so its spend estimates are biased for frequent buyers.`);
  }
  if (!(params.q > 1)) warnings.push(`q = ${params.q.toFixed(3)} ≤ 1: the population mean spend pγ/(q − 1) does not exist; expected values are NaN.`);
  return new GammaGammaModel({ params, standardErrors, logLikelihood: ll(params.p, params.q, params.gamma), customers: n, excluded: N - n - skipped, skipped, correlation, warnings });
}

function pearson(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  if (n < 2) return NaN;
  // Welford-style co-moment
  let ma = 0;
  let mb = 0;
  let c = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    ma += da / (i + 1);
    mb += db / (i + 1);
    c += da * (b[i]! - mb);
    va += da * (a[i]! - ma);
    vb += db * (b[i]! - mb);
  }
  return va > 0 && vb > 0 ? c / Math.sqrt(va * vb) : NaN;
}
