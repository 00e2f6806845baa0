import { checkOptions, knownOptions, optionNames } from '../internal/args.js';
import { ChurnkitError, invalidOption, show } from '../internal/errors.js';
import { checkBinary } from './checkBinary.js';
import { NeumaierSum } from '../internal/neumaier.js';
import { rankOrder, scoreGroups } from './scoreGroups.js';

const PROFIT_OPTION_NAMES = optionNames<ProfitOptions>()(['clv', 'incentive', 'contact', 'acceptanceRate']);

/** Campaign economics for {@link profitCurve}. @category Evaluate */
export interface ProfitOptions {
  /** Value kept when a churner is retained (CLV): one number for all, or one per customer (same order as the labels). */
  clv: number | ArrayLike<number>;
  /** Cost of the incentive, paid by every contacted customer who accepts it (≥ 0). */
  incentive: number;
  /** Cost of contacting one customer (≥ 0). */
  contact: number;
  /** Share of contacted churners who accept the offer and stay, in [0, 1]. */
  acceptanceRate: number;
}

/** The profit-maximising cut of a {@link ProfitCurve}. @category Evaluate */
export interface ProfitCut {
  /** Customers contacted. */
  count: number;
  /** Share of customers contacted. */
  fraction: number;
  /** Contact everyone with score ≥ threshold (`Infinity`: contact nobody). */
  threshold: number;
  /** Campaign profit at that cut. */
  profit: number;
}

/** Campaign profit for every targeting depth. @category Evaluate */
export interface ProfitCurve {
  /** Customers contacted at each point (0, then one point per distinct score). */
  count: Uint32Array;
  /** Share of customers contacted. */
  fraction: Float64Array;
  /** Cut-off of each point (`Infinity` at the first, nobody contacted). */
  threshold: Float64Array;
  /** Total campaign profit, in the currency of `clv`. */
  profit: Float64Array;
  /** The highest-profit point; the smallest campaign on ties. */
  best: ProfitCut;
}

/**
 * Profit of a retention campaign that contacts the top-k customers by churn score, for
 * every k, and the profit-maximising cut.
 *
 * This is the business view of a churn model: what the campaign earns if it targets down to
 * each depth, given what a retained customer is worth, what the incentive and each contact
 * cost, and how many contacted churners accept. Use `best` to size the campaign; compare
 * models by {@link empc} when the acceptance rate is uncertain.
 *
 * Maths (Neslin, Gupta, Kamakura, Lu & Mason 2006, J. Marketing Research 43(2); Verbraken,
 * Verdonck & Baesens 2013, eq. 1): a contacted churner i brings γ·(CLVᵢ − d) − f (accepts with
 * probability γ, then pays the incentive d; the contact f is always spent); a contacted
 * non-churner takes the incentive and brings −(d + f). Profit(k) is the compensated sum over
 * the k highest scores; ties are contacted together. Checked against a numpy reference within 1e-9.
 * O(n log n).
 *
 * @param y - actual outcomes, 1 = churned, 0 = stayed
 * @param scores - churn scores, higher = contact first
 * @param options - {@link ProfitOptions}
 * @returns the curve and its best cut
 * @throws ChurnkitError `LENGTH_MISMATCH`, `EMPTY_INPUT`, `INVALID_INPUT` (a bad label, score or
 *   per-customer CLV, with its row), `INVALID_OPTION` for a negative cost or an acceptance rate
 *   outside [0, 1]
 * @example
 * ```ts
 * const c = profitCurve([1, 0, 1, 0], [0.9, 0.8, 0.4, 0.1], { clv: 200, incentive: 10, contact: 1, acceptanceRate: 0.3 });
 * c.profit; // [0, 56, 45, 101, 90]  (0.3·190 − 1 = 56 per churner, −11 per non-churner)
 * c.best;   // { count: 3, fraction: 0.75, threshold: 0.4, profit: 101 }
 * ```
 * @category Evaluate
 */
export function profitCurve(y: ArrayLike<number>, scores: ArrayLike<number>, options: ProfitOptions): ProfitCurve {
  knownOptions('profitCurve', options, PROFIT_OPTION_NAMES);
  const fn = 'profitCurve';
  const { clv, incentive, contact, acceptanceRate } = checkEconomics(fn, options);
  const { n } = checkBinary(fn, y, scores);
  const perCustomer = typeof clv !== 'number';
  if (perCustomer) {
    if (clv === null || typeof clv !== 'object' || typeof clv.length !== 'number') {
      invalidOption(fn, 'clv', 'a number or an array of numbers', clv);
    }
    if (clv.length !== n) {
      throw new ChurnkitError('LENGTH_MISMATCH', `${fn}: clv must hold one value per customer (${n}); received ${clv.length}.`, {
        path: ['clv'], field: 'clv', expected: `${n} values`, received: clv.length,
      });
    }
    for (let i = 0; i < n; i++) {
      const v = clv[i];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new ChurnkitError('INVALID_INPUT', `${fn}: clv at row ${i} must be a finite number; received ${show(v)}.`, {
          row: i, field: 'clv', expected: 'a finite number', received: v,
        });
      }
    }
  }
  const { count, threshold, start, tp, fp } = scoreGroups(y, scores);
  const order = perCustomer ? rankOrder(scores) : null;
  const counts = new Uint32Array(count + 1);
  const fraction = new Float64Array(count + 1);
  const cut = new Float64Array(count + 1);
  const profit = new Float64Array(count + 1);
  cut[0] = Infinity;
  const total = new NeumaierSum();
  const best: ProfitCut = { count: 0, fraction: 0, threshold: Infinity, profit: 0 };
  const loss = -(incentive + contact);
  let prevTp = 0;
  let prevFp = 0;
  for (let g = 0; g < count; g++) {
    if (order === null) {
      // one CLV for all: a group adds (churners)·(γ(CLV − d) − f) + (stayers)·(−(d + f))
      total.add((tp[g]! - prevTp) * (acceptanceRate * ((clv as number) - incentive) - contact));
      total.add((fp[g]! - prevFp) * loss);
    } else {
      const values = clv as ArrayLike<number>;
      for (let k = start[g]!; k < start[g + 1]!; k++) {
        const i = order[k]!;
        total.add(y[i] === 1 ? acceptanceRate * (values[i]! - incentive) - contact : loss);
      }
    }
    prevTp = tp[g]!;
    prevFp = fp[g]!;
    const m = start[g + 1]!;
    counts[g + 1] = m;
    fraction[g + 1] = m / n;
    cut[g + 1] = threshold[g]!;
    profit[g + 1] = total.value;
    if (profit[g + 1]! > best.profit) {
      best.count = m;
      best.fraction = m / n;
      best.threshold = threshold[g]!;
      best.profit = profit[g + 1]!;
    }
  }
  return { count: counts, fraction, threshold: cut, profit, best };
}

/** Validates the cost options shared by profitCurve. */
function checkEconomics(fn: string, options: ProfitOptions): ProfitOptions {
  checkOptions(fn, options);
  const { clv, incentive, contact, acceptanceRate } = options;
  if (typeof clv === 'number' && !Number.isFinite(clv)) invalidOption(fn, 'clv', 'a finite number', clv);
  if (typeof incentive !== 'number' || !(incentive >= 0) || !Number.isFinite(incentive)) {
    invalidOption(fn, 'incentive', 'a finite number ≥ 0', incentive);
  }
  if (typeof contact !== 'number' || !(contact >= 0) || !Number.isFinite(contact)) {
    invalidOption(fn, 'contact', 'a finite number ≥ 0', contact);
  }
  if (typeof acceptanceRate !== 'number' || !(acceptanceRate >= 0 && acceptanceRate <= 1)) {
    invalidOption(fn, 'acceptanceRate', 'a number in [0, 1]', acceptanceRate);
  }
  return options;
}
