import type { BtydUnit } from '../../features/btydSummary.js';
import { ChurnkitError } from '../../internal/errors.js';
import { hyp2f1, lgamma, logBeta } from '../../internal/special.js';
import { bgNbdLogLikelihood } from './bgNbdLogLikelihood.js';
import type { BgNbdParams, BtydCountModel, BtydCounts, FitDiagnostics } from './types.js';

/** Construction state of a {@link BgNbdModel}. @category BTYD */
export interface BgNbdState {
  params: BgNbdParams;
  /** Standard errors of r, alpha, a, b, or null when the Hessian was not invertible / not computed. */
  standardErrors: BgNbdParams | null;
  logLikelihood: number;
  customers: number;
  penalty: number;
  unit: BtydUnit | null;
  diagnostics: FitDiagnostics;
}

/** Serialized form of a {@link BgNbdModel} (see {@link loadBgNbd}): its state plus a versioned tag. @category BTYD */
export interface BgNbdJson extends BgNbdState {
  format: 'churnkit.bgnbd';
  version: 1;
}

/**
 * A fitted BG/NBD ("beta-geometric / negative binomial") model of repeat purchasing.
 *
 * While alive, a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after each purchase
 * they drop out with probability p ~ Beta(a, b). Fader, Hardie & Lee (2005), "Counting your
 * customers the easy way: an alternative to the Pareto/NBD model", Marketing Science 24(2):275–284.
 * In the churn workflow it gives a label-free churn risk, 1 − P(alive), and expected purchases.
 * Create it with {@link fitBgNbd} or {@link loadBgNbd}; it is immutable.
 *
 * @category BTYD
 */
export class BgNbdModel implements BtydCountModel {
  /** Fitted parameters. */
  readonly params: Readonly<BgNbdParams>;
  /** Standard errors from the inverse Hessian of −LL in (r, α, a, b), or null. */
  readonly standardErrors: Readonly<BgNbdParams> | null;
  /** Log-likelihood at the estimate (without the penalty). */
  readonly logLikelihood: number;
  /** Customers the model was fitted on. */
  readonly customers: number;
  /** L2 penalty used in the fit (0 = plain maximum likelihood). */
  readonly penalty: number;
  /** Time unit of t, t_x and T (from the summary), or null when unknown. */
  readonly unit: BtydUnit | null;
  /** How the optimiser got there. */
  readonly diagnostics: Readonly<FitDiagnostics>;

  /**
   * @param state - parameters and fit metadata (use {@link fitBgNbd} or {@link loadBgNbd})
   * @throws ChurnkitError `INVALID_MODEL` when a parameter is not a positive finite number
   */
  constructor(state: BgNbdState) {
    const p = state.params;
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      if (!(typeof p[k] === 'number' && p[k] > 0 && Number.isFinite(p[k]))) {
        throw new ChurnkitError('INVALID_MODEL', `BgNbdModel: parameter ${k} must be a positive finite number; received ${String(p[k])}.`, {
          path: ['params', k],
          expected: 'a positive finite number',
          received: p[k],
        });
      }
    }
    this.params = Object.freeze({ r: p.r, alpha: p.alpha, a: p.a, b: p.b });
    this.standardErrors = state.standardErrors === null ? null : Object.freeze({ ...state.standardErrors });
    this.logLikelihood = state.logLikelihood;
    this.customers = state.customers;
    this.penalty = state.penalty;
    this.unit = state.unit;
    this.diagnostics = Object.freeze({ ...state.diagnostics });
    Object.freeze(this);
  }

  /**
   * Probability that a customer with history (x, t_x, T) is still alive at T.
   *
   * P(alive) = 1 / (1 + δ_{x>0} · a/(b+x−1) · ((α+T)/(α+t_x))^{r+x})  (FHL 2005, eq. 11); 1 when x = 0.
   * Scalar arguments give a number; array arguments give one value per customer.
   *
   * @param x - repeat transactions
   * @param tx - recency (time of the last transaction since the first)
   * @param T - age
   * @returns P(alive) in [0, 1]
   * @example
   * ```ts
   * model.probabilityAlive(2, 30.43, 38.86); // 0.727 for the CDNOW fit
   * ```
   */
  probabilityAlive(x: number, tx: number, T: number): number;
  probabilityAlive(x: ArrayLike<number>, tx: ArrayLike<number>, T: ArrayLike<number>): Float64Array;
  probabilityAlive(x: number | ArrayLike<number>, tx: number | ArrayLike<number>, T: number | ArrayLike<number>): number | Float64Array {
    if (typeof x === 'number') return this.#alive(x, tx as number, T as number);
    const n = vectorLength('probabilityAlive', x, tx as ArrayLike<number>, T as ArrayLike<number>);
    const out = new Float64Array(n);
    const txa = tx as ArrayLike<number>;
    const Ta = T as ArrayLike<number>;
    for (let i = 0; i < n; i++) out[i] = this.#alive(x[i]!, txa[i]!, Ta[i]!);
    return out;
  }

  #alive(x: number, tx: number, T: number): number {
    if (!(x > 0)) return x === 0 ? 1 : NaN;
    const { r, alpha, a, b } = this.params;
    const lnOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
    return 1 / (1 + Math.exp(lnOdds));
  }

  /**
   * Expected number of transactions in (0, t] of a customer just acquired.
   *
   * E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))]  (FHL 2005, eq. 7),
   * evaluated through Euler's transformation as (1−z)^{a−1} ₂F₁(a+b−1−r, a−1; a+b−1; z).
   *
   * @param t - horizon in the model's unit (≥ 0)
   * @returns E[X(t)] (NaN for negative or non-finite t)
   * @example
   * ```ts
   * model.expectedPurchases(78); // 1.8576 for the CDNOW fit
   * ```
   */
  expectedPurchases(t: number): number {
    if (!(t >= 0) || !Number.isFinite(t)) return NaN;
    if (t === 0) return 0;
    const { r, alpha, a, b } = this.params;
    return aliveTerm(r, a, b, 0, t / (alpha + t));
  }

  /**
   * Expected transactions in the next t units of customers with history (x, t_x, T).
   *
   * E[Y(t) | x, t_x, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x} ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
   * / (1 + δ_{x>0} a/(b+x−1) ((α+T)/(α+t_x))^{r+x})  (FHL 2005, eq. 10). The power and ₂F₁ are combined by
   * Euler's transformation into (1−z)^{a−1} ₂F₁(a+b−1−r, a−1; a+b+x−1; z), so heavy buyers neither
   * overflow nor lose digits. Scalar arguments give a number; arrays give one value per customer.
   *
   * @param t - horizon in the model's unit
   * @param x - repeat transactions
   * @param tx - recency
   * @param T - age
   * @returns expected transactions over (T, T + t]
   * @example
   * ```ts
   * model.conditionalExpectedPurchases(39, 2, 30.43, 38.86); // 1.226 for the CDNOW fit
   * ```
   */
  conditionalExpectedPurchases(t: number, x: number, tx: number, T: number): number;
  conditionalExpectedPurchases(t: number, x: ArrayLike<number>, tx: ArrayLike<number>, T: ArrayLike<number>): Float64Array;
  conditionalExpectedPurchases(t: number, x: number | ArrayLike<number>, tx: number | ArrayLike<number>, T: number | ArrayLike<number>): number | Float64Array {
    if (typeof x === 'number') return this.#conditional(t, x, tx as number, T as number);
    const n = vectorLength('conditionalExpectedPurchases', x, tx as ArrayLike<number>, T as ArrayLike<number>);
    const out = new Float64Array(n);
    const txa = tx as ArrayLike<number>;
    const Ta = T as ArrayLike<number>;
    for (let i = 0; i < n; i++) out[i] = this.#conditional(t, x[i]!, txa[i]!, Ta[i]!);
    return out;
  }

  #conditional(t: number, x: number, tx: number, T: number): number {
    if (!(t >= 0) || !Number.isFinite(t) || !(x >= 0) || !(T >= 0)) return NaN;
    if (t === 0) return 0;
    const { r, alpha, a, b } = this.params;
    const num = aliveTerm(r, a, b, x, t / (alpha + T + t));
    if (x === 0) return num;
    const lnOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
    return num / (1 + Math.exp(lnOdds));
  }

  /**
   * Probability that a customer just acquired makes exactly n transactions in (0, t].
   *
   * FHL (2005), eq. 8: P(X(t)=n) = B(a, b+n)/B(a, b) · Γ(r+n)/(Γ(r) n!) (α/(α+t))^r (t/(α+t))^n
   * + δ_{n>0} B(a+1, b+n−1)/B(a, b) · [1 − Σ_{j<n} Γ(r+j)/(Γ(r) j!) (α/(α+t))^r (t/(α+t))^j].
   * The bracket (an NBD upper tail) is summed directly when it is small, so it keeps its digits.
   * Complexity O(n).
   *
   * @param n - number of transactions (non-negative integer)
   * @param t - horizon in the model's unit
   * @returns the probability (NaN for invalid n or t)
   * @example
   * ```ts
   * model.probabilityOfPurchases(0, 39); // ≈ 0.5738 for the CDNOW fit
   * ```
   */
  probabilityOfPurchases(n: number, t: number): number {
    if (!(n >= 0) || n !== Math.floor(n) || !(t >= 0) || !Number.isFinite(t)) return NaN;
    if (t === 0) return n === 0 ? 1 : 0;
    const { r, alpha, a, b } = this.params;
    const lp = Math.log(alpha / (alpha + t)); // ln(1 − q)
    const lq = Math.log(t / (alpha + t)); // ln q
    const lnbd = (j: number): number => lgamma(r + j) - lgamma(r) - lgamma(j + 1) + r * lp + j * lq;
    const lbab = logBeta(a, b);
    const first = Math.exp(logBeta(a, b + n) - lbab + lnbd(n));
    if (n === 0) return first;
    // NBD(r, q) lower sum S = Σ_{j<n} pmf(j); tail = 1 − S. Sum whichever side is smaller.
    let lower = 0;
    for (let j = 0; j < n; j++) lower += Math.exp(lnbd(j));
    let tail: number;
    if (lower < 0.5) tail = 1 - lower;
    else {
      tail = 0;
      for (let j = n; j < n + 100_000; j++) {
        const term = Math.exp(lnbd(j));
        tail += term;
        if (term < 1e-17 * tail && j > n + r * Math.exp(lq - lp) + 10) break;
      }
    }
    return first + Math.exp(logBeta(a + 1, b + n - 1) - lbab) * tail;
  }

  /**
   * Log-likelihood of this model's parameters on another summary (e.g. a later cohort).
   *
   * @param summary - x, tx, T columns
   * @returns total log-likelihood
   * @throws ChurnkitError `INVALID_INPUT` / `LENGTH_MISMATCH` for a malformed summary
   */
  scoreLogLikelihood(summary: BtydCounts): number {
    return bgNbdLogLikelihood(this.params, summary);
  }

  /**
   * Versioned JSON payload that {@link loadBgNbd} turns back into an identical model.
   *
   * @returns plain JSON
   * @example
   * ```ts
   * const again = loadBgNbd(JSON.parse(JSON.stringify(model.toJSON())));
   * ```
   */
  toJSON(): BgNbdJson {
    return {
      format: 'churnkit.bgnbd',
      version: 1,
      params: { ...this.params },
      standardErrors: this.standardErrors === null ? null : { ...this.standardErrors },
      logLikelihood: this.logLikelihood,
      customers: this.customers,
      penalty: this.penalty,
      unit: this.unit,
      diagnostics: { ...this.diagnostics },
    };
  }
}

/**
 * (a+b+x−1)/(a−1) · [1 − (1−z)^{a−1} ₂F₁(a+b−1−r, a−1; a+b+x−1; z)]: the numerator of FHL (2005) eq. 10
 * (eq. 7 when x = 0) after Euler's transformation. At a = 1 the expression is 0/0; within 1e-5 of it we
 * average a = 1 ± 1e-4 (the function is smooth in a; error O(1e-8) relative).
 */
function aliveTerm(r: number, a: number, b: number, x: number, z: number): number {
  if (Math.abs(a - 1) < 1e-5) return 0.5 * (aliveTerm(r, 1 + 1e-4, b, x, z) + aliveTerm(r, 1 - 1e-4, b, x, z));
  const c = a + b + x - 1;
  return (c / (a - 1)) * (1 - Math.pow(1 - z, a - 1) * hyp2f1(a + b - 1 - r, a - 1, c, z));
}

function vectorLength(fn: string, x: ArrayLike<number>, tx: ArrayLike<number>, T: ArrayLike<number>): number {
  const n = x.length;
  if (tx === undefined || T === undefined || tx.length !== n || T.length !== n) {
    throw new ChurnkitError('LENGTH_MISMATCH', `BgNbdModel.${fn}: x, tx and T must have the same length (${n}, ${tx?.length}, ${T?.length}).`, {
      expected: `${n} values in each`,
      received: [n, tx?.length, T?.length],
    });
  }
  return n;
}
