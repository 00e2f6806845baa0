import { ChurnkitError } from '../../internal/errors.js';
import { hessian, invertMatrix, minimize } from '../../internal/optimize.js';
import { logBeta } from '../../internal/special.js';
import { ShiftedBetaGeometricModel } from './ShiftedBetaGeometricModel.js';

/**
 * Fits the shifted-beta-geometric retention model to a cohort's survivors by period.
 *
 * Input: customers active at periods 0, 1, …, n (counts, or percentages of the starting cohort). With
 * P(T = t) = B(α+1, β+t−1)/B(α, β) and S(t) = B(α, β+t)/B(α, β), the log-likelihood is
 * Σ_{t=1}^{n} (s_{t−1} − s_t) ln P(T = t) + s_n ln S(n) (Fader & Hardie 2007, eq. 7), maximised over
 * (ln α, ln β) with BFGS and a Nelder–Mead fallback. On the "regular" cohort of that paper
 * (100, 63.1, 46.8, 38.2, 32.6, 28.9, 26.2, 24.1 %) it gives α ≈ 0.704, β ≈ 1.182.
 *
 * @param survivingByPeriod - customers active at period 0..n (non-increasing, first > 0, at least 2 values)
 * @returns the fitted {@link ShiftedBetaGeometricModel}
 * @throws ChurnkitError `INVALID_INPUT` for an increasing, negative or too short series, or one with no churn
 * (or total churn in period 1), where no estimate exists; `NOT_CONVERGED`
 * @example
 * ```ts
 * const sbg = fitShiftedBetaGeometric([1000, 631, 468, 382, 326, 289, 262, 241]);
 * sbg.alpha; sbg.beta; // 0.704, 1.182
 * sbg.projectSurvival(12);
 * ```
 * @category BTYD
 */
export function fitShiftedBetaGeometric(survivingByPeriod: ArrayLike<number>): ShiftedBetaGeometricModel {
  const fn = 'fitShiftedBetaGeometric';
  const s = Array.from(survivingByPeriod ?? []);
  if (s.length < 2) {
    throw new ChurnkitError('INVALID_INPUT', `${fn}: needs survivors for at least periods 0 and 1; received ${s.length} value(s).`, { expected: 'at least 2 values', received: s.length });
  }
  s.forEach((v, t) => {
    if (!(v >= 0) || !Number.isFinite(v) || (t === 0 && !(v > 0))) {
      throw new ChurnkitError('INVALID_INPUT', `${fn}: survivors at period ${t} must be a finite number ${t === 0 ? '> 0' : '≥ 0'}; received ${v}.`, { row: t, expected: 'a finite non-negative count', received: v });
    }
    if (t > 0 && v > s[t - 1]! * (1 + 1e-12)) {
      throw new ChurnkitError('INVALID_INPUT', `${fn}: survivors rise from ${s[t - 1]} at period ${t - 1} to ${v} at period ${t}; a cohort can only shrink.`, { row: t, expected: `at most ${s[t - 1]}`, received: v });
    }
  });
  const n = s.length - 1;
  if (s[n] === s[0]) {
    throw new ChurnkitError('INVALID_INPUT', `${fn}: nobody churned in ${n} period(s); the churn distribution cannot be estimated (its maximum-likelihood estimate does not exist).`, { expected: 'at least one customer lost', received: s });
  }
  if (s[1] === 0) {
    throw new ChurnkitError('INVALID_INPUT', `${fn}: the whole cohort churned in period 1; the churn distribution cannot be estimated.`, { row: 1, expected: 'some customers retained after period 1', received: 0 });
  }
  const ll = (a: number, b: number): number => {
    if (!(a > 0 && b > 0)) return NaN;
    const lb = logBeta(a, b);
    let sum = 0;
    let lp = Math.log(a / (a + b)); // ln P(T = 1)
    for (let t = 1; t <= n; t++) {
      if (t > 1) lp += Math.log((b + t - 2) / (a + b + t - 1));
      const lost = s[t - 1]! - s[t]!;
      if (lost > 0) sum += lost * lp;
    }
    if (s[n]! > 0) sum += s[n]! * (logBeta(a, b + n) - lb);
    return sum;
  };
  const f = (th: Float64Array): number => -ll(Math.exp(th[0]!), Math.exp(th[1]!)) / s[0]!;
  let res = minimize(f, [0, 0], { method: 'bfgs', tol: 1e-9 });
  if (!res.converged) {
    const nm = minimize(f, res.x, { method: 'nelder-mead', tol: 1e-13 });
    const pol = minimize(f, nm.x, { method: 'bfgs', tol: 1e-9 });
    res = pol.converged ? pol : nm;
  }
  if (!res.converged) {
    throw new ChurnkitError('NOT_CONVERGED', `${fn}: the optimiser did not converge (${res.message}). A cohort with no churn, or with everyone churning in period 1, has no finite estimate.`, {
      expected: 'a converged maximum-likelihood fit',
      received: { alpha: Math.exp(res.x[0]!), beta: Math.exp(res.x[1]!) },
    });
  }
  const alpha = Math.exp(res.x[0]!);
  const beta = Math.exp(res.x[1]!);
  if (!(alpha > 1e-8 && alpha < 1e8 && beta > 1e-8 && beta < 1e8)) {
    throw new ChurnkitError('NOT_CONVERGED', `${fn}: the estimate ran off to α = ${alpha}, β = ${beta}; the data do not identify the model.`, { expected: 'finite α and β', received: { alpha, beta } });
  }
  const cov = invertMatrix(hessian((v) => -ll(v[0]!, v[1]!), [alpha, beta]));
  const se = cov === null ? null : [Math.sqrt(cov[0]![0]!), Math.sqrt(cov[1]![1]!)];
  return new ShiftedBetaGeometricModel({
    alpha,
    beta,
    logLikelihood: ll(alpha, beta),
    periods: n,
    cohortSize: s[0]!,
    standardErrors: se !== null && se.every((v) => Number.isFinite(v) && v > 0) ? { alpha: se[0]!, beta: se[1]! } : null,
  });
}
