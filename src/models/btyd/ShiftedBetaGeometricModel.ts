import { ChurnkitError } from '../../internal/errors.js';
import { hyp2f1, logBeta } from '../../internal/special.js';

/** Construction state of a {@link ShiftedBetaGeometricModel}. @category BTYD */
export interface ShiftedBetaGeometricState {
  /** Beta shape α of the per-period churn probability θ ~ Beta(α, β). */
  alpha: number;
  /** Beta shape β. */
  beta: number;
  logLikelihood: number;
  /** Periods of data the model was fitted on (excluding period 0). */
  periods: number;
  /** Customers at period 0. */
  cohortSize: number;
  /** Standard errors of α and β, or null. */
  standardErrors: { alpha: number; beta: number } | null;
}

/** Serialized form of a {@link ShiftedBetaGeometricModel} (see {@link loadShiftedBetaGeometric}): its state plus a versioned tag. @category BTYD */
export interface ShiftedBetaGeometricJson extends ShiftedBetaGeometricState {
  format: 'churnkit.sbg';
  version: 1;
}

/**
 * A fitted shifted-beta-geometric (sBG) model of retention in a contractual cohort.
 *
 * Each customer renews every period until they churn, with a churn probability θ that is constant for
 * them and Beta(α, β) across customers; so aggregate retention rises over time as the churn-prone
 * leave. Fader & Hardie (2007), "How to project customer retention", J. Interactive Marketing 21(1).
 * In the churn workflow it projects a subscription cohort's survival curve and values a renewal
 * (discounted expected residual lifetime). Create it with {@link fitShiftedBetaGeometric}.
 *
 * @category BTYD
 */
export class ShiftedBetaGeometricModel {
  readonly alpha: number;
  readonly beta: number;
  /** Log-likelihood at the estimate. */
  readonly logLikelihood: number;
  /** Periods observed in the fit. */
  readonly periods: number;
  /** Cohort size at period 0. */
  readonly cohortSize: number;
  /** Standard errors of α and β, or null. */
  readonly standardErrors: Readonly<{ alpha: number; beta: number }> | null;

  /**
   * @param state - parameters (use {@link fitShiftedBetaGeometric})
   * @throws ChurnkitError `INVALID_MODEL` for non-positive α or β
   */
  constructor(state: ShiftedBetaGeometricState) {
    for (const k of ['alpha', 'beta'] as const) {
      if (!(state[k] > 0) || !Number.isFinite(state[k])) {
        throw new ChurnkitError('INVALID_MODEL', `ShiftedBetaGeometricModel: ${k} must be a positive finite number; received ${String(state[k])}.`, {
          path: [k],
          expected: 'a positive finite number',
          received: state[k],
        });
      }
    }
    this.alpha = state.alpha;
    this.beta = state.beta;
    this.logLikelihood = state.logLikelihood;
    this.periods = state.periods;
    this.cohortSize = state.cohortSize;
    this.standardErrors = state.standardErrors === null ? null : Object.freeze({ ...state.standardErrors });
    Object.freeze(this);
  }

  /**
   * Probability of churning exactly in period t (t = 1, 2, ...): P(T = t) = B(α+1, β+t−1) / B(α, β).
   * @param t - period (positive integer)
   * @returns probability (NaN for an invalid t)
   */
  churnProbability(t: number): number {
    if (!(t >= 1) || t !== Math.floor(t)) return NaN;
    return Math.exp(logBeta(this.alpha + 1, this.beta + t - 1) - logBeta(this.alpha, this.beta));
  }

  /**
   * Share of the cohort still active after t periods: S(t) = B(α, β+t) / B(α, β); S(0) = 1.
   * @param t - periods (≥ 0; non-integers interpolate the formula)
   * @returns survival in [0, 1]
   * @example
   * ```ts
   * sbg.survival(7); // ≈ 0.242 for the "regular" cohort of Fader & Hardie (2007)
   * ```
   */
  survival(t: number): number {
    if (!(t >= 0) || !Number.isFinite(t)) return NaN;
    return Math.exp(logBeta(this.alpha, this.beta + t) - logBeta(this.alpha, this.beta));
  }

  /**
   * Retention rate from period t−1 to t: r_t = S(t)/S(t−1) = (β + t − 1)/(α + β + t − 1) (FH 2007, eq. 4).
   * @param t - period (≥ 1)
   * @returns the rate
   */
  retentionRate(t: number): number {
    if (!(t >= 1) || !Number.isFinite(t)) return NaN;
    return (this.beta + t - 1) / (this.alpha + this.beta + t - 1);
  }

  /**
   * Projected survival curve S(0..periods), e.g. to extend an observed cohort beyond the data.
   * @param periods - last period to project (non-negative integer)
   * @returns S(0), S(1), …, S(periods)
   * @throws ChurnkitError `INVALID_OPTION` for a negative or fractional count
   */
  projectSurvival(periods: number): Float64Array {
    if (!(periods >= 0) || periods !== Math.floor(periods) || periods > 1e7) {
      throw new ChurnkitError('INVALID_OPTION', `ShiftedBetaGeometricModel.projectSurvival: periods must be a non-negative integer; received ${String(periods)}.`, {
        path: ['periods'],
        expected: 'a non-negative integer',
        received: periods,
      });
    }
    const out = new Float64Array(periods + 1);
    out[0] = 1;
    for (let t = 1; t <= periods; t++) out[t] = out[t - 1]! * this.retentionRate(t);
    return out;
  }

  /**
   * Discounted expected residual lifetime of a customer who has made `renewals` renewals.
   *
   * DERL(d | α, β, n) = (β + n)/(α + β + n) · ₂F₁(1, β + n + 1; α + β + n + 1; 1/(1 + d)) (Fader & Hardie 2010,
   * "Customer-base valuation in a contractual setting: the perils of ignoring heterogeneity", Marketing
   * Science 29(1), eq. 6): the expected number of future payments, the next one undiscounted and each
   * later one discounted by (1 + d) per period. Multiply by the margin per period for the residual value
   * of a customer. For n = 0 it is a just-acquired customer's remaining lifetime after the first payment.
   *
   * @param discountRate - discount rate per period (> 0)
   * @param renewals - renewals made so far (non-negative integer, default 0)
   * @returns DERL in periods
   * @example
   * ```ts
   * sbg.discountedExpectedResidualLifetime(0.1, 4); // expected discounted future payments after 4 renewals
   * ```
   */
  discountedExpectedResidualLifetime(discountRate: number, renewals = 0): number {
    if (!(discountRate > 0) || !Number.isFinite(discountRate) || !(renewals >= 0) || renewals !== Math.floor(renewals)) return NaN;
    const { alpha, beta } = this;
    const n = renewals;
    return ((beta + n) / (alpha + beta + n)) * hyp2f1(1, beta + n + 1, alpha + beta + n + 1, 1 / (1 + discountRate));
  }

  /**
   * Versioned JSON payload that {@link loadShiftedBetaGeometric} turns back into an identical model.
   * @returns plain JSON with every field of the model
   */
  toJSON(): ShiftedBetaGeometricJson {
    return {
      format: 'churnkit.sbg',
      version: 1,
      alpha: this.alpha,
      beta: this.beta,
      logLikelihood: this.logLikelihood,
      periods: this.periods,
      cohortSize: this.cohortSize,
      standardErrors: this.standardErrors === null ? null : { ...this.standardErrors },
    };
  }
}
