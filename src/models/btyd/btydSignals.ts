import { createFeatureMatrix, type FeatureMatrix, type FeatureMeta } from '../../features/FeatureMatrix.js';
import { ChurnkitError, invalidOption } from '../../internal/errors.js';
import type { BgNbdModel } from './BgNbdModel.js';
import type { GammaGammaModel } from './GammaGammaModel.js';

/** Input of {@link btydSignals}: a calibration summary with ids (as `btydSummary` returns). @category BTYD */
export interface BtydSignalsInput {
  readonly customerIds: readonly string[];
  readonly x: ArrayLike<number>;
  readonly tx: ArrayLike<number>;
  readonly T: ArrayLike<number>;
  /** Needed only when a Gamma-Gamma model is given. */
  readonly monetary?: ArrayLike<number>;
  /** The cutoff the summary was built at (epoch ms), carried into the matrix. */
  readonly cutoff?: number;
}

/** Options of {@link btydSignals}. @category BTYD */
export interface BtydSignalsOptions {
  /** Horizon of the expected purchases (and value), in the model's unit. */
  horizon: number;
  /** Add expected spend and value over the horizon from this spend model. */
  spend?: GammaGammaModel;
  /** Discount rate per step for the value (default 0). */
  discountRate?: number;
}

/**
 * Label-free churn signals from a fitted BG/NBD model, as a feature matrix the rest of the pipeline reads.
 *
 * For non-contractual customers nobody cancels, so there is no churn label to learn from; P(alive)
 * (Fader, Hardie & Lee 2005, eq. 11) is the churn risk that needs none. Columns: `btyd_p_alive`,
 * `btyd_churn_risk` (1 − P(alive)), `btyd_expected_purchases` over the horizon (eq. 10), and with a
 * Gamma-Gamma model `btyd_expected_spend` (per transaction) and `btyd_value` (CLV over the horizon).
 * Join it to other features or segments by customer id; customers without a purchase before the cutoff
 * are not in a BTYD summary.
 *
 * @param model - fitted BG/NBD model
 * @param summary - customer ids with x, tx, T (and monetary for spend)
 * @param options - horizon, spend model, discount rate
 * @returns a {@link FeatureMatrix} with one row per summary customer
 * @throws ChurnkitError `INVALID_OPTION` for a bad horizon; `INVALID_INPUT` when spend is asked without monetary
 * @example
 * ```ts
 * const signals = btydSignals(fitBgNbd(summary), summary, { horizon: 13 });
 * signals.names; // ['btyd_p_alive', 'btyd_churn_risk', 'btyd_expected_purchases']
 * ```
 * @category BTYD
 */
export function btydSignals(model: BgNbdModel, summary: BtydSignalsInput, options: BtydSignalsOptions): FeatureMatrix {
  const fn = 'btydSignals';
  const h = options?.horizon;
  if (!(h > 0) || !Number.isFinite(h)) invalidOption(fn, 'horizon', 'a positive finite number of units', h);
  const unit = model.unit ?? 'unit';
  const alive = model.probabilityAlive(summary.x, summary.tx, summary.T);
  const risk = Float64Array.from(alive, (p) => 1 - p);
  const expected = model.conditionalExpectedPurchases(h, summary.x, summary.tx, summary.T);
  const meta = (name: string, description: string, u: string): FeatureMeta => ({ name, description, unit: u, kind: 'numeric', group: 'btyd' });
  const features: { meta: FeatureMeta; values: ArrayLike<number> }[] = [
    { meta: meta('btyd_p_alive', 'Probability the customer is still active (BG/NBD)', 'ratio'), values: alive },
    { meta: meta('btyd_churn_risk', 'Probability the customer has silently left (1 − P(alive), BG/NBD)', 'ratio'), values: risk },
    { meta: meta('btyd_expected_purchases', `Expected purchases in the next ${h} ${unit}(s) (BG/NBD)`, 'count'), values: expected },
  ];
  if (options.spend !== undefined) {
    if (summary.monetary === undefined) {
      throw new ChurnkitError('INVALID_INPUT', `${fn}: a spend model was given but the summary has no monetary column.`, { field: 'monetary', expected: 'mean repeat spend per customer', received: undefined });
    }
    const spend = options.spend.expectedAverageValue(summary.x, summary.monetary);
    const value = options.spend.customerLifetimeValue(model, { x: summary.x, tx: summary.tx, T: summary.T, monetary: summary.monetary }, { horizon: h, discountRate: options.discountRate ?? 0 });
    features.push({ meta: meta('btyd_expected_spend', 'Expected spend per purchase (Gamma-Gamma)', 'currency'), values: spend });
    features.push({ meta: meta('btyd_value', `Expected (discounted) spend over the next ${h} ${unit}(s)`, 'currency'), values: value });
  }
  return createFeatureMatrix({ customerIds: summary.customerIds, features, cutoff: summary.cutoff ?? null });
}
