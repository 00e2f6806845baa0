import { ChurnkitError } from '../../internal/errors.js';
import type { BgNbdModel } from './BgNbdModel.js';

/** Gamma-Gamma parameters: transaction values ~ Gamma(p, ν), ν ~ Gamma(q, γ). @category BTYD */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** Construction state of a {@link GammaGammaModel}. @category BTYD */
export interface GammaGammaState {
  params: GammaGammaParams;
  standardErrors: GammaGammaParams | null;
  logLikelihood: number;
  /** Customers with x > 0 used in the fit. */
  customers: number;
  /** Customers left out because x = 0 (no repeat transaction, so no spend to average). */
  excluded: number;
  /** Customers with x > 0 left out because their mean spend was ≤ 0 (`onNonPositive: 'skip'`). */
  skipped?: number;
  /** Pearson correlation of x and mean spend among the customers fitted. */
  correlation: number;
  /** Human-readable warnings about the model's assumptions. */
  warnings: readonly string[];
}

/** Serialized form of a {@link GammaGammaModel} (see {@link loadGammaGamma}). @category BTYD */
export interface GammaGammaJson {
  format: 'churnkit.gammagamma';
  version: 1;
  params: GammaGammaParams;
  standardErrors: GammaGammaParams | null;
  logLikelihood: number;
  customers: number;
  excluded: number;
  skipped: number;
  correlation: number;
  warnings: string[];
}

/** Options of {@link GammaGammaModel.customerLifetimeValue}. @category BTYD */
export interface LifetimeValueOptions {
  /** Horizon in the transaction model's unit (e.g. 52 weeks). */
  horizon: number;
  /** Discount rate per step (default 0: undiscounted). */
  discountRate?: number;
  /** Length of a discounting step in the model's unit (default 1: weekly for a weekly model). */
  step?: number;
}

/** Customers' (x, t_x, T, monetary) as {@link GammaGammaModel.customerLifetimeValue} needs them. @category BTYD */
export interface LifetimeValueInput {
  readonly x: ArrayLike<number>;
  readonly tx: ArrayLike<number>;
  readonly T: ArrayLike<number>;
  readonly monetary: ArrayLike<number>;
}

/**
 * A fitted Gamma-Gamma model of spend per transaction.
 *
 * Each customer's transaction values are Gamma(p, ν) with their own scale ν ~ Gamma(q, γ), independent
 * of how often they buy. Fader, Hardie & Lee (2005), "RFM and CLV: using iso-value curves for customer
 * base analysis", J. Marketing Research 42(4); Fader & Hardie (2013), "The Gamma-Gamma model of monetary
 * value" (note 025). In the churn workflow it turns P(alive) and expected purchases into the money at
 * risk. Create it with {@link fitGammaGamma}.
 *
 * @category BTYD
 */
export class GammaGammaModel {
  /** Fitted parameters. */
  readonly params: Readonly<GammaGammaParams>;
  /** Standard errors from the inverse Hessian, or null. */
  readonly standardErrors: Readonly<GammaGammaParams> | null;
  /** Log-likelihood at the estimate. */
  readonly logLikelihood: number;
  /** Customers (x > 0) used. */
  readonly customers: number;
  /** Customers left out (x = 0). */
  readonly excluded: number;
  /** Customers with x > 0 left out because their mean spend was ≤ 0. */
  readonly skipped: number;
  /** Pearson correlation of frequency and mean spend in the fitted data (the model assumes ≈ 0). */
  readonly correlation: number;
  /** Warnings about the assumptions (e.g. frequency and spend correlated). */
  readonly warnings: readonly string[];

  /**
   * @param state - parameters and fit metadata (use {@link fitGammaGamma})
   * @throws ChurnkitError `INVALID_MODEL` for a non-positive parameter
   */
  constructor(state: GammaGammaState) {
    for (const k of ['p', 'q', 'gamma'] as const) {
      const v = state.params[k];
      if (!(typeof v === 'number' && v > 0 && Number.isFinite(v))) {
        throw new ChurnkitError('INVALID_MODEL', `GammaGammaModel: parameter ${k} must be a positive finite number; received ${String(v)}.`, {
          path: ['params', k],
          expected: 'a positive finite number',
          received: v,
        });
      }
    }
    this.params = Object.freeze({ ...state.params });
    this.standardErrors = state.standardErrors === null ? null : Object.freeze({ ...state.standardErrors });
    this.logLikelihood = state.logLikelihood;
    this.customers = state.customers;
    this.excluded = state.excluded;
    this.skipped = state.skipped ?? 0;
    this.correlation = state.correlation;
    this.warnings = Object.freeze([...state.warnings]);
    Object.freeze(this);
  }

  /**
   * Expected mean transaction value of a customer given x repeat transactions averaging `monetary`.
   *
   * E(M | p, q, γ, x, z̄) = p(γ + x z̄) / (px + q − 1): a weighted average of the population mean
   * pγ/(q − 1) and the customer's own mean (Fader, Hardie & Lee 2005, eq. 5). For x = 0 it is the
   * population mean. Needs q > 1 (else the mean does not exist; NaN).
   *
   * @param x - repeat transactions
   * @param monetary - mean value of those transactions
   * @returns expected spend per transaction
   * @example
   * ```ts
   * gg.expectedAverageValue(2, 22.35); // 24.66 for CDNOW: pulled from 22.35 towards the population mean 35.17
   * ```
   */
  expectedAverageValue(x: number, monetary: number): number;
  expectedAverageValue(x: ArrayLike<number>, monetary: ArrayLike<number>): Float64Array;
  expectedAverageValue(x: number | ArrayLike<number>, monetary: number | ArrayLike<number>): number | Float64Array {
    if (typeof x === 'number') return this.#avg(x, monetary as number);
    const m = monetary as ArrayLike<number>;
    if (m.length !== x.length) {
      throw new ChurnkitError('LENGTH_MISMATCH', `GammaGammaModel.expectedAverageValue: x has ${x.length} values, monetary ${m.length}.`, { expected: `${x.length} values`, received: m.length });
    }
    const out = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) out[i] = this.#avg(x[i]!, m[i]!);
    return out;
  }

  #avg(x: number, m: number): number {
    const { p, q, gamma } = this.params;
    if (!(q > 1) || !(x >= 0)) return NaN;
    if (x === 0) return (p * gamma) / (q - 1);
    return (p * (gamma + x * m)) / (p * x + q - 1);
  }

  /**
   * Customer lifetime value over a horizon: expected spend per transaction × discounted expected transactions.
   *
   * CLV_i = E(M_i) · Σ_{k=1}^{K} [E(Y_i(t_k)) − E(Y_i(t_{k−1}))] / (1 + d)^k, with t_k = min(k·step, horizon),
   * K = ⌈horizon/step⌉ and E(Y_i(t)) the BG/NBD conditional expectation. Discounting convention: the
   * transactions expected during step k are discounted by k whole steps (end of step). The Python
   * `lifetimes` package uses monthly steps (30 days) on a daily model; pass `step: 30/7` and a monthly
   * rate for a weekly model to match it. Values are gross revenue: multiply by your margin.
   * Complexity O(n·K) hypergeometric evaluations.
   *
   * @param transactions - fitted BG/NBD model (same time unit as the summary)
   * @param customers - x, tx, T, monetary per customer
   * @param options - horizon, discountRate per step, step length
   * @returns CLV per customer
   * @throws ChurnkitError `INVALID_OPTION` for a bad horizon, rate or step; `LENGTH_MISMATCH` for ragged columns
   * @example
   * ```ts
   * const clv = gg.customerLifetimeValue(bgnbd, summary, { horizon: 52, discountRate: 0.01 / 4.33 });
   * ```
   */
  customerLifetimeValue(transactions: BgNbdModel, customers: LifetimeValueInput, options: LifetimeValueOptions): Float64Array {
    const fn = 'GammaGammaModel.customerLifetimeValue';
    const { horizon } = options;
    const d = options.discountRate ?? 0;
    const step = options.step ?? 1;
    const bad = (name: string, expected: string, v: unknown): never => {
      throw new ChurnkitError('INVALID_OPTION', `${fn}: option "${name}" must be ${expected}; received ${String(v)}.`, { path: [name], field: name, expected, received: v });
    };
    if (!(horizon > 0) || !Number.isFinite(horizon)) bad('horizon', 'a positive finite number', horizon);
    if (!(d > -1) || !Number.isFinite(d)) bad('discountRate', 'a finite number > −1', d);
    if (!(step > 0) || !Number.isFinite(step)) bad('step', 'a positive finite number', step);
    const n = customers.x.length;
    if (customers.tx.length !== n || customers.T.length !== n || customers.monetary.length !== n) {
      throw new ChurnkitError('LENGTH_MISMATCH', `${fn}: x, tx, T and monetary must have the same length.`, {
        expected: `${n} values in each`,
        received: [n, customers.tx.length, customers.T.length, customers.monetary.length],
      });
    }
    const K = Math.ceil(horizon / step - 1e-12);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x = customers.x[i]!;
      const tx = customers.tx[i]!;
      const T = customers.T[i]!;
      let prev = 0;
      let sum = 0;
      for (let k = 1; k <= K; k++) {
        const t = Math.min(k * step, horizon);
        const cum = transactions.conditionalExpectedPurchases(t, x, tx, T);
        sum += (cum - prev) / Math.pow(1 + d, k);
        prev = cum;
      }
      out[i] = this.#avg(x, customers.monetary[i]!) * sum;
    }
    return out;
  }

  /**
   * Versioned JSON payload that {@link loadGammaGamma} turns back into an identical model.
   *
   * @returns plain JSON with every field of the model
   * @example
   * ```ts
   * const again = loadGammaGamma(JSON.parse(JSON.stringify(gg.toJSON())));
   * ```
   */
  toJSON(): GammaGammaJson {
    return {
      format: 'churnkit.gammagamma',
      version: 1,
      params: { ...this.params },
      standardErrors: this.standardErrors === null ? null : { ...this.standardErrors },
      logLikelihood: this.logLikelihood,
      customers: this.customers,
      excluded: this.excluded,
      skipped: this.skipped,
      correlation: this.correlation,
      warnings: [...this.warnings],
    };
  }
}
