import { ChurnkitError, invalidOption, show } from '../internal/errors.js';
import { neumaierError } from '../internal/neumaier.js';
import { checkArrayLike } from './_rows.js';

/**
 * Shared machinery of the uplift metrics (upliftCurve, qiniCurve, qiniCoefficient, upliftAtK,
 * upliftByDecile): argument checks, the ranking, arm tallies over a stretch of it (the top k, a
 * bin; also per arm for `'by_group'`), per-threshold cumulative counts and the curves drawn from them.
 *
 * @module
 * @internal
 */

/** Validated sizes of an uplift input, and its ranking. @internal */
export interface UpliftInput {
  /** Customers. */
  n: number;
  /** Treated customers (treatment = 1). */
  treated: number;
  /** Control customers (treatment = 0). */
  control: number;
  /** Positions 0..n-1 by descending score, ties in reverse input order (as sklift). */
  order: Uint32Array;
}

/**
 * Checks `y` (0/1 outcome, 1 = retained), `treatment` (0/1, 1 = treated) and `score` (finite
 * numbers): same non-zero length, and both arms present (uplift compares them); returns the
 * sizes and the ranking every uplift metric reads.
 *
 * @internal
 */
export function checkUplift(
  fn: string,
  y: ArrayLike<number>,
  treatment: ArrayLike<number>,
  score: ArrayLike<number>,
): UpliftInput {
  checkArrayLike(fn, 'y', y, 'an array of 0/1 outcomes (1 = retained)');
  checkArrayLike(fn, 'treatment', treatment, 'an array of 0/1 flags (1 = treated)');
  checkArrayLike(fn, 'score', score, 'an array of finite numbers');
  const n = y.length;
  for (const [name, len] of [['treatment', treatment.length], ['score', score.length]] as const) {
    if (len !== n) {
      throw new ChurnkitError('LENGTH_MISMATCH', `${fn}: y, treatment and score must have the same length; received ${n} outcomes and ${len} values of ${name}.`, {
        field: name,
        expected: `${n} values`,
        received: len,
      });
    }
  }
  if (n === 0) {
    throw new ChurnkitError('EMPTY_INPUT', `${fn}: needs at least one customer; received empty arrays.`, {
      expected: 'at least one customer',
      received: 0,
    });
  }
  let treated = 0;
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (v !== 0 && v !== 1) {
      throw new ChurnkitError('INVALID_INPUT', `${fn}: outcome y at row ${i} must be 0 or 1 (1 = retained); received ${show(v)}.`, {
        row: i,
        field: 'y',
        expected: '0 or 1',
        received: v,
      });
    }
    const t = treatment[i];
    if (t === 1) treated++;
    else if (t !== 0) {
      throw new ChurnkitError('INVALID_INPUT', `${fn}: treatment at row ${i} must be 0 or 1 (1 = treated); received ${show(t)}.`, {
        row: i,
        field: 'treatment',
        expected: '0 or 1',
        received: t,
      });
    }
    const s = score[i];
    if (typeof s !== 'number' || !Number.isFinite(s)) {
      throw new ChurnkitError('INVALID_INPUT', `${fn}: score at row ${i} must be a finite number; received ${show(s)}.`, {
        row: i,
        field: 'score',
        expected: 'a finite number',
        received: s,
      });
    }
  }
  if (treated === 0 || treated === n) {
    const which = treated === 0 ? 'no treated customers (treatment 1)' : 'no control customers (treatment 0)';
    throw new ChurnkitError('SINGLE_CLASS_LABELS', `${fn}: uplift compares two arms; found ${which} among ${n} customers.`, {
      field: 'treatment',
      expected: 'both treatment 1 and treatment 0',
      received: treated,
    });
  }
  return { n, treated, control: n - treated, order: upliftOrder(score) };
}

/** Reads the `strategy` option of upliftAtK and upliftByDecile (default `'overall'`). @internal */
export function readStrategy(fn: string, strategy: unknown): 'overall' | 'by_group' {
  const s = strategy ?? 'overall';
  if (s !== 'overall' && s !== 'by_group') invalidOption(fn, 'strategy', '"overall" or "by_group"', s);
  return s;
}

/** Customers of each arm, and the retained among them, in a stretch of a ranking. @internal */
export interface ArmTally {
  /** Treated customers. */
  treated: number;
  /** Retained treated customers (Y_T). */
  yTreated: number;
  /** Control customers. */
  control: number;
  /** Retained control customers (Y_C). */
  yControl: number;
}

/**
 * Counts the customers at ranks `order[from..to)` by arm, with the retained of each: the top of a
 * ranking (upliftAtK) or one bin of it (upliftByDecile). Counts are integers, so plain sums are
 * exact. @internal
 */
export function tallyArms(y: ArrayLike<number>, treatment: ArrayLike<number>, order: Uint32Array, from: number, to: number): ArmTally {
  let treated = 0;
  let control = 0;
  let yTreated = 0;
  let yControl = 0;
  for (let r = from; r < to; r++) {
    const i = order[r]!;
    if (treatment[i] === 1) {
      treated++;
      yTreated += y[i]!;
    } else {
      control++;
      yControl += y[i]!;
    }
  }
  return { treated, yTreated, control, yControl };
}

/**
 * The ranking split by arm, each part in the ranking's order: [treated, control] positions (the
 * rankings `'by_group'` cuts separately). `treated` is the number of treated customers. @internal
 */
export function armOrders(treatment: ArrayLike<number>, order: Uint32Array, treated: number): [Uint32Array, Uint32Array] {
  const tOrder = new Uint32Array(treated);
  const cOrder = new Uint32Array(order.length - treated);
  let a = 0;
  let c = 0;
  for (let r = 0; r < order.length; r++) {
    const i = order[r]!;
    if (treatment[i] === 1) tOrder[a++] = i;
    else cOrder[c++] = i;
  }
  return [tOrder, cOrder];
}

/**
 * Whether a cut before rank `cut` of `order` (0 < cut) falls inside a block of tied scores: the
 * last customer taken and the first left out have the same score. False when nothing is left
 * out (cut ≥ order.length). @internal
 */
export function cutSplitsTie(score: ArrayLike<number>, order: Uint32Array, cut: number): boolean {
  return cut < order.length && score[order[cut - 1]!] === score[order[cut]!];
}

/**
 * Positions 0..n-1 by descending score; ties in *reverse* input order. This is the order of
 * scikit-uplift's `np.argsort(uplift, kind="mergesort")[::-1]`, so that cut-offs that split a
 * tie block (upliftAtK, upliftByDecile) pick the same customers as sklift. O(n log n).
 *
 * @internal
 */
function upliftOrder(score: ArrayLike<number>): Uint32Array {
  const n = score.length;
  const s = Float64Array.from(score);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((p, q) => s[q]! - s[p]! || q - p);
}

/**
 * Cumulative counts at each distinct score threshold, highest first: customers with
 * score ≥ `threshold[g]` number `count[g]`, of whom `treated[g]` are treated; `yTreated[g]` and
 * `yControl[g]` are the retained among the treated and the control. @internal
 */
export interface ThresholdCounts {
  /** Number of distinct scores. */
  groups: number;
  /** Distinct scores, descending. */
  threshold: Float64Array;
  /** Customers with score ≥ threshold (N). */
  count: Float64Array;
  /** Treated among them (N_T). */
  treated: Float64Array;
  /** Retained treated among them (Y_T). */
  yTreated: Float64Array;
  /** Retained control among them (Y_C). */
  yControl: Float64Array;
}

/**
 * Accumulates {@link ThresholdCounts} over a ranking: one row per tie block, so every customer
 * with the same score enters the targeted set together (Radcliffe 2007, §3; the
 * `threshold_indices` of sklift's curves). Counts are integers, so plain sums are exact. @internal
 */
export function thresholdCounts(y: ArrayLike<number>, treatment: ArrayLike<number>, score: ArrayLike<number>, order: Uint32Array): ThresholdCounts {
  const n = order.length;
  const threshold = new Float64Array(n);
  const count = new Float64Array(n);
  const treated = new Float64Array(n);
  const yTreated = new Float64Array(n);
  const yControl = new Float64Array(n);
  let g = 0;
  let nt = 0;
  let yt = 0;
  let yc = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    if (treatment[i] === 1) {
      nt++;
      yt += y[i]!;
    } else yc += y[i]!;
    const s = score[i]!;
    if (k === n - 1 || score[order[k + 1]!] !== s) {
      threshold[g] = s;
      count[g] = k + 1;
      treated[g] = nt;
      yTreated[g] = yt;
      yControl[g] = yc;
      g++;
    }
  }
  return {
    groups: g,
    threshold: threshold.slice(0, g),
    count: count.slice(0, g),
    treated: treated.slice(0, g),
    yTreated: yTreated.slice(0, g),
    yControl: yControl.slice(0, g),
  };
}

/**
 * Points of a cumulative curve over {@link ThresholdCounts}, the origin (0, 0) prepended; returns
 * [targeted, value]. `'qini'`: Y_T − Y_C·N_T/N_C (the control term 0 while N_C = 0, as sklift's
 * `qini_curve`). `'uplift'`: (Y_T/N_T − Y_C/N_C)·N, each ratio 0 when its denominator is 0 (sklift's
 * `uplift_curve`). @internal
 */
export function curvePoints(c: ThresholdCounts, kind: 'qini' | 'uplift'): [Float64Array, Float64Array] {
  const x = new Float64Array(c.groups + 1);
  const v = new Float64Array(c.groups + 1);
  for (let g = 0; g < c.groups; g++) {
    const n = c.count[g]!;
    const nt = c.treated[g]!;
    const nc = n - nt;
    x[g + 1] = n;
    if (kind === 'qini') v[g + 1] = c.yTreated[g]! - (nc > 0 ? (c.yControl[g]! * nt) / nc : 0);
    else v[g + 1] = ((nt > 0 ? c.yTreated[g]! / nt : 0) - (nc > 0 ? c.yControl[g]! / nc : 0)) * n;
  }
  return [x, v];
}

/** The score cut-off of each curve point: `Infinity` at the origin, then the thresholds. @internal */
export function curveThresholds(c: ThresholdCounts): Float64Array {
  const threshold = new Float64Array(c.groups + 1);
  threshold[0] = Infinity;
  threshold.set(c.threshold, 1);
  return threshold;
}

/** Area under a piecewise-linear curve by the trapezoidal rule (x ascending). @internal */
export function trapezoid(x: ArrayLike<number>, v: ArrayLike<number>): number {
  let area = 0;
  let comp = 0;
  for (let i = 1; i < x.length; i++) {
    const term = ((x[i]! - x[i - 1]!) * (v[i]! + v[i - 1]!)) / 2;
    // Neumaier compensation: curves over 10^6 customers add many terms of mixed sign.
    const t = area + term;
    comp += neumaierError(area, term, t);
    area = t;
  }
  return area + comp;
}
