import type { BtydUnit } from '../../features/btydSummary.js';

/**
 * Per-customer (x, t_x, T) columns a BTYD count model is fitted on; the summary returned by
 * `btydSummary` satisfies it, as does any table with those three columns.
 *
 * @category BTYD
 */
export interface BtydCounts {
  /** Repeat transactions in the calibration period (non-negative integers). */
  readonly x: ArrayLike<number>;
  /** Time of the last transaction since the first (0 when x = 0), same unit as T. */
  readonly tx: ArrayLike<number>;
  /** Time from the first transaction to the end of calibration. */
  readonly T: ArrayLike<number>;
  /** Unit of tx and T, kept on the fitted model when present. */
  readonly unit?: BtydUnit;
}

/**
 * A fitted BTYD transaction model as {@link evaluateBtyd} needs it: expected transactions of a new
 * customer and of a customer with a given history.
 *
 * @category BTYD
 */
export interface BtydCountModel {
  /** Time unit of the model, when known; {@link evaluateBtyd} checks it against the holdout's. */
  readonly unit?: BtydUnit | null;
  /** E[X(t)] for a customer just acquired, over t units. */
  expectedPurchases(t: number): number;
  /** E[Y(t) | x, t_x, T] for each customer of the summary, over the next t units. */
  conditionalExpectedPurchases(t: number, x: ArrayLike<number>, tx: ArrayLike<number>, T: ArrayLike<number>): Float64Array;
  /** P(alive | x, t_x, T) for each customer. */
  probabilityAlive(x: ArrayLike<number>, tx: ArrayLike<number>, T: ArrayLike<number>): Float64Array;
}

/** BG/NBD parameters: purchase rates λ ~ Gamma(r, α); dropout p ~ Beta(a, b). @category BTYD */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** Diagnostics of a maximum-likelihood fit. @category BTYD */
export interface FitDiagnostics {
  /** Optimiser that produced the final estimate (`'bfgs'` or `'nelder-mead'`, `'bfgs+nelder-mead'` after a fallback). */
  method: string;
  /** Iterations of the final run. */
  iterations: number;
  /** Objective evaluations over all runs. */
  evaluations: number;
  /** Max |gradient| of the scaled objective (−LL/n + penalty) at the estimate, in log-parameters. */
  gradientNorm: number;
  /** Why the optimiser stopped. */
  message: string;
}
