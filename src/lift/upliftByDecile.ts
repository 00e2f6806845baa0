import { optionsOf } from '../internal/args.js';
import { invalidOption } from '../internal/errors.js';
import { armOrders, checkUplift, cutSplitsTie, readStrategy, tallyArms } from './_upliftCore.js';

/** Options of {@link upliftByDecile}. @category Lift */
export interface UpliftByDecileOptions {
  /** Number of bins (an integer ≥ 1). Default 10 (deciles). */
  bins?: number;
  /**
   * `'overall'` (default): split the whole ranking into equal bins, then compare the arms in
   * each. `'by_group'`: split the treated ranking and the control ranking into bins separately.
   */
  strategy?: 'overall' | 'by_group';
}

/**
 * Treatment against control in one bin of the uplift ranking (or in all customers, for the total).
 * @category Lift
 */
export interface UpliftBin {
  /** Bin number, 1 = highest scores; 0 for the total row. */
  bin: number;
  /** Percentile range of the bin, as sklift labels it: `'0-10'`, `'10-20'`, … (`'total'` for the total row). */
  percentiles: string;
  /** Treated customers in the bin. */
  treated: number;
  /** Control customers in the bin. */
  control: number;
  /** Retention rate of the treated (NaN when `treated` is 0). */
  treatmentRate: number;
  /** Retention rate of the control (NaN when `control` is 0). */
  controlRate: number;
  /** treatmentRate − controlRate. */
  uplift: number;
  /** √(p(1−p)/n) of the treatment rate. */
  treatmentStdError: number;
  /** √(p(1−p)/n) of the control rate. */
  controlStdError: number;
  /** √(se_T² + se_C²), the binomial standard error of the uplift (arms independent). */
  upliftStdError: number;
  /** Whether the cut after this bin fell inside a block of tied scores (input order then decided the side). */
  tieSplit: boolean;
}

/** Result of {@link upliftByDecile}. @category Lift */
export interface UpliftByDecile {
  /** One row per bin, highest scores first. */
  bins: UpliftBin[];
  /** All customers together (`bin` 0). */
  total: UpliftBin;
}

function row(bin: number, label: string, nt: number, yt: number, nc: number, yc: number, tieSplit: boolean): UpliftBin {
  const pt = nt > 0 ? yt / nt : NaN;
  const pc = nc > 0 ? yc / nc : NaN;
  const st = Math.sqrt((pt * (1 - pt)) / nt);
  const sc = Math.sqrt((pc * (1 - pc)) / nc);
  return {
    bin,
    percentiles: label,
    treated: nt,
    control: nc,
    treatmentRate: pt,
    controlRate: pc,
    uplift: pt - pc,
    treatmentStdError: st,
    controlStdError: sc,
    upliftStdError: Math.sqrt(st * st + sc * sc),
    tieSplit,
  };
}

/** Rounds half to even, as Python's `round` in sklift's percentile labels (12.5 → 12). */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** Size of bin b (0-based) when `n` items go into `bins` parts as numpy's `array_split`: the first n mod bins parts get one more. */
function binSize(n: number, bins: number, b: number): number {
  return Math.floor(n / bins) + (b < n % bins ? 1 : 0);
}

/**
 * Treatment and control retention, and their difference, per decile (or any number of bins)
 * of an uplift score.
 *
 * The table behind an uplift bar chart: a good model shows large uplift in the first bins and
 * none (or negative: "sleeping dogs") in the last, so the campaign targets the first bins
 * only. In the churn setting pass **y = 1 for retained**.
 *
 * Maths (scikit-uplift `uplift_by_percentile`, with `std=True, total=True`): rank by score,
 * highest first; split into `bins` consecutive parts whose sizes differ by at most one (the
 * first n mod bins parts get ⌊n/bins⌋ + 1, as numpy `array_split`); per bin p̂_T = Y_T/N_T,
 * p̂_C = Y_C/N_C, uplift = p̂_T − p̂_C, se = √(p̂(1−p̂)/N) per arm and √(se_T² + se_C²) for the
 * uplift. With `'by_group'` the treated and control rankings are split separately. Ties: a
 * cut can fall inside a block of equal scores; customers are then taken in sklift's order
 * (ties by reverse input position) and the row's `tieSplit` is true. A bin with no customer
 * of an arm has rate NaN and count 0. O(n log n).
 *
 * @param y - outcome per customer, 1 = retained, 0 = churned
 * @param treatment - 1 = treated, 0 = control
 * @param score - predicted uplift (higher = target first)
 * @param options - `bins`, `strategy`
 * @returns one row per bin and a total row
 * @throws ChurnkitError `LENGTH_MISMATCH`, `EMPTY_INPUT`, `INVALID_INPUT` (with the row),
 *   `SINGLE_CLASS_LABELS` when one arm is empty, `INVALID_OPTION` for bad `bins` (more bins
 *   than customers, or than the smaller arm with `'by_group'`) or `strategy`
 * @example
 * ```ts
 * const d = upliftByDecile([1, 0, 0, 1], [1, 0, 1, 0], [4, 3, 2, 1], { bins: 2 });
 * d.bins.map((b) => b.uplift); // [1, -1]
 * d.total.uplift;              // 0
 * ```
 * @category Lift
 */
export function upliftByDecile(
  y: ArrayLike<number>,
  treatment: ArrayLike<number>,
  score: ArrayLike<number>,
  options?: UpliftByDecileOptions,
): UpliftByDecile {
  const fn = 'upliftByDecile';
  const o = optionsOf(fn, options);
  const strategy = readStrategy(fn, o.strategy);
  const bins = o.bins ?? 10;
  if (!Number.isSafeInteger(bins) || bins < 1) invalidOption(fn, 'bins', 'an integer ≥ 1', bins);
  const { n, treated, control, order } = checkUplift(fn, y, treatment, score);
  const limit = strategy === 'overall' ? n : Math.min(treated, control);
  if (bins > limit) {
    const what = strategy === 'overall' ? `the number of customers (${n})` : `the size of the smaller arm (${limit})`;
    invalidOption(fn, 'bins', `an integer ≤ ${what}`, bins);
  }
  const label = (b: number): string => `${roundHalfEven((b * 100) / bins)}-${roundHalfEven(((b + 1) * 100) / bins)}`;
  const out: UpliftBin[] = [];
  let totalYt = 0;
  let totalYc = 0;
  if (strategy === 'overall') {
    let r = 0;
    for (let b = 0; b < bins; b++) {
      const end = r + binSize(n, bins, b);
      const t = tallyArms(y, treatment, order, r, end);
      r = end;
      totalYt += t.yTreated;
      totalYc += t.yControl;
      out.push(row(b + 1, label(b), t.treated, t.yTreated, t.control, t.yControl, cutSplitsTie(score, order, r)));
    }
  } else {
    const [tOrder, cOrder] = armOrders(treatment, order, treated);
    let rt = 0;
    let rc = 0;
    for (let b = 0; b < bins; b++) {
      const endT = rt + binSize(treated, bins, b);
      const endC = rc + binSize(control, bins, b);
      const t = tallyArms(y, treatment, tOrder, rt, endT);
      const c = tallyArms(y, treatment, cOrder, rc, endC);
      rt = endT;
      rc = endC;
      totalYt += t.yTreated;
      totalYc += c.yControl;
      out.push(row(b + 1, label(b), t.treated, t.yTreated, c.control, c.yControl, cutSplitsTie(score, tOrder, rt) || cutSplitsTie(score, cOrder, rc)));
    }
  }
  return { bins: out, total: row(0, 'total', treated, totalYt, control, totalYc, false) };
}
