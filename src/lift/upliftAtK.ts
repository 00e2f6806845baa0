import { optionsOf } from '../internal/args.js';
import { ChurnkitError, invalidOption, show } from '../internal/errors.js';
import { armOrders, checkUplift, cutSplitsTie, readStrategy, tallyArms, type ArmTally } from './_upliftCore.js';

/** Options of {@link upliftAtK}. @category Lift */
export interface UpliftAtKOptions {
  /** Share of customers to target, in (0, 1]. Default 0.3 (as sklift). Give `k` or `count`, not both. */
  k?: number;
  /** Number of customers to target (an integer ≥ 1), instead of the share `k`. */
  count?: number;
  /**
   * `'overall'` (default): the top k of all customers, then the rate difference between its
   * arms. `'by_group'`: the top k of the treated and, separately, the top k of the control.
   */
  strategy?: 'overall' | 'by_group';
}

/**
 * Uplift among the targeted top of a ranking, with the counts behind it.
 * @category Lift
 */
export interface UpliftAtK {
  /** treatmentRate − controlRate; NaN when the top holds no customer of one arm (see the counts). */
  uplift: number;
  /** Retention rate of the treated in the top (NaN when `treated` is 0). */
  treatmentRate: number;
  /** Retention rate of the control in the top (NaN when `control` is 0). */
  controlRate: number;
  /** Treated customers in the top. */
  treated: number;
  /** Control customers in the top. */
  control: number;
  /** Whether a cut-off fell inside a block of tied scores (then input order decided who was in; see the note on ties). */
  tieSplit: boolean;
}

/**
 * Uplift at k: the retention-rate difference between treated and control among the customers
 * ranked in the top k.
 *
 * The question it answers: "if the campaign can contact only 30% of customers, how much does
 * contacting them raise retention?" In the churn setting pass **y = 1 for retained**.
 *
 * Maths (scikit-uplift `uplift_at_k`): rank by score, highest first. `'overall'`: take the
 * first m = ⌈k·n⌉ customers (or `count`) and return Y_T/N_T − Y_C/N_C over them.
 * `'by_group'`: take the first ⌈k·n_T⌉ treated and the first ⌈k·n_C⌉ control customers (or
 * `count` of each) and return the difference of their rates. ⌈k·n⌉ is taken with a 1e-9 guard,
 * so 0.07 × 100 = 7.000000000000001 gives 7 (numpy's plain `ceil` in sklift gives 8). Ties: a cut-off can fall inside
 * a block of equal scores; then the customers are taken in sklift's order (descending score,
 * ties by *reverse* input position, i.e. `argsort(mergesort)[::-1]`) and `tieSplit` is true.
 * O(n log n).
 *
 * @param y - outcome per customer, 1 = retained, 0 = churned
 * @param treatment - 1 = treated, 0 = control
 * @param score - predicted uplift (higher = target first)
 * @param options - `k` or `count`, `strategy`
 * @returns the uplift, both rates and the arm counts in the top
 * @throws ChurnkitError `LENGTH_MISMATCH`, `EMPTY_INPUT`, `INVALID_INPUT` (with the row),
 *   `SINGLE_CLASS_LABELS` when one arm is empty, `INVALID_OPTION` for a bad `k`, `count` or
 *   `strategy`, or a `count` larger than the arm it is taken from
 * @example
 * ```ts
 * const u = upliftAtK([1, 0, 1, 0, 0, 1], [1, 0, 1, 0, 1, 0], [6, 5, 4, 3, 2, 1], { k: 0.5 });
 * u.uplift; // top 3 = rows 0,1,2: treated 2/2 retained, control 0/1 → 1
 * ```
 * @category Lift
 */
export function upliftAtK(
  y: ArrayLike<number>,
  treatment: ArrayLike<number>,
  score: ArrayLike<number>,
  options?: UpliftAtKOptions,
): UpliftAtK {
  const fn = 'upliftAtK';
  const o = optionsOf(fn, options);
  const strategy = readStrategy(fn, o.strategy);
  if (o.k !== undefined && o.count !== undefined) {
    throw new ChurnkitError('INVALID_OPTION', `${fn}: give option "k" (a share) or "count" (a number of customers), not both; received k = ${show(o.k)} and count = ${show(o.count)}.`, {
      path: ['count'],
      field: 'count',
      expected: 'only one of k and count',
      received: o.count,
    });
  }
  const k = o.k ?? 0.3;
  if (o.count === undefined && (typeof k !== 'number' || !(k > 0 && k <= 1))) invalidOption(fn, 'k', 'a share in (0, 1]', k);
  if (o.count !== undefined && (!Number.isSafeInteger(o.count) || o.count < 1)) invalidOption(fn, 'count', 'an integer ≥ 1', o.count);
  const { n, treated, control, order } = checkUplift(fn, y, treatment, score);
  // ⌈k·n⌉ with a guard against 0.3·10 = 3.0000000000000004 style rounding.
  const share = (size: number): number => Math.max(1, Math.ceil(k * size - 1e-9));
  let top: ArmTally;
  let tieSplit: boolean;
  if (strategy === 'overall') {
    const m = o.count ?? share(n);
    if (m > n) invalidOption(fn, 'count', `an integer ≤ the number of customers (${n})`, m);
    top = tallyArms(y, treatment, order, 0, m);
    tieSplit = cutSplitsTie(score, order, m);
  } else {
    const mt = o.count ?? share(treated);
    const mc = o.count ?? share(control);
    if (mt > treated || mc > control) {
      invalidOption(fn, 'count', `an integer ≤ the size of each arm (${treated} treated, ${control} control)`, o.count);
    }
    const [tOrder, cOrder] = armOrders(treatment, order, treated);
    const t = tallyArms(y, treatment, tOrder, 0, mt);
    const c = tallyArms(y, treatment, cOrder, 0, mc);
    top = { treated: t.treated, yTreated: t.yTreated, control: c.control, yControl: c.yControl };
    tieSplit = cutSplitsTie(score, tOrder, mt) || cutSplitsTie(score, cOrder, mc);
  }
  const treatmentRate = top.treated > 0 ? top.yTreated / top.treated : NaN;
  const controlRate = top.control > 0 ? top.yControl / top.control : NaN;
  return { uplift: treatmentRate - controlRate, treatmentRate, controlRate, treated: top.treated, control: top.control, tieSplit };
}
