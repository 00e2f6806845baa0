import { grown } from '../internal/grown.js';
import { NeumaierSum } from '../internal/neumaier.js';
import { knownOptions, optionNames, optionsOf } from '../internal/args.js';
import { ChurnkitError, invalidOption, show } from '../internal/errors.js';
import type { CampaignOutcome } from './CampaignOutcome.js';
import { badField, checkRows, numberField, rowObject, textField } from './_rows.js';
import type {
  ArmSummary, CampaignComparison, CampaignResult, IncompleteGroup, SampleRatioCheck, StrategyComparison, StrategyVerdict,
} from './CampaignResult.js';
import { erfc } from './_normal.js';
import { newcombeUnchecked } from './newcombeInterval.js';
import { proportionTestUnchecked, type ProportionTestMethod } from './twoProportionTest.js';
import { sampleVariance, welchInterval } from './_welchInterval.js';

const EVALUATE_CAMPAIGN_OPTIONS = optionNames<EvaluateCampaignOptions>()(['alpha', 'expectedTreatmentShare', 'test']);

/** Options of {@link evaluateCampaign}. @category Lift */
export interface EvaluateCampaignOptions {
  /** 1 − the confidence level of every lift interval, in (0, 1) (default 0.05: 95% intervals). */
  alpha?: number;
  /**
   * The intended share of customers in the treatment arm, in (0, 1). When given, a
   * sample-ratio-mismatch check is run (see {@link SampleRatioCheck}).
   */
  expectedTreatmentShare?: number;
  /** Which test gives the p-values: `'auto'` (default; Fisher when an expected cell is < 5), `'z'` or `'fisher'`. */
  test?: ProportionTestMethod;
}

/** Arms smaller than this get a warning. */
const MIN_ARM = 30;
/** Arms with fewer retained or fewer lost customers than this get a warning. */
const MIN_EVENTS = 5;
/** The usual SRM alarm threshold (Fabijan et al. 2019, "Diagnosing sample ratio mismatch"). */
const SRM_P = 0.001;

/** Running totals of one arm of one group. */
class Arm {
  size = 0;
  retained = 0;
  readonly revenue = new NeumaierSum();
  /** Each customer's revenue (absent revenue as 0, like `revenue`), for the variance; first `size` slots. */
  revenues = new Float64Array(16);
  readonly cost = new NeumaierSum();
  readonly value = new NeumaierSum();
  readonly valueRetained = new NeumaierSum();

  add(retained: boolean, revenue: number, cost: number, value: number): void {
    if (this.size === this.revenues.length) this.revenues = grown(this.revenues, 2 * this.size);
    this.revenues[this.size] = revenue;
    this.size++;
    if (revenue !== 0) this.revenue.add(revenue);
    if (cost !== 0) this.cost.add(cost);
    this.value.add(value);
    if (retained) {
      this.retained++;
      this.valueRetained.add(value);
    }
  }

  summary(): ArmSummary {
    const revenue = this.revenue.value;
    return {
      size: this.size,
      retained: this.retained,
      rate: this.retained / this.size,
      revenue,
      revenuePerCustomer: revenue / this.size,
      cost: this.cost.value,
      value: this.value.value,
      valueRetained: this.valueRetained.value,
    };
  }
}

interface Pair { treatment: Arm; control: Arm }

/**
 * Measures a retention campaign against its holdout control: lift with an interval, p-value,
 * incremental customers and revenue, ROI, broken down by segment and by strategy.
 *
 * In the churn workflow this closes the loop: after win-back actions were sent to a treatment
 * group and withheld from a random control group, did they keep more customers, and did it pay?
 * The verdict per strategy says which to scale up and which to stop or redesign.
 *
 * Per comparison (overall, each segment, each strategy):
 * - rates r_t, r_c; lift = r_t − r_c with the Newcombe hybrid-score interval at level 1 − alpha
 *   (Newcombe 1998, method 10; see {@link newcombeInterval}); relative lift = lift / r_c;
 * - p-value of the pooled two-proportion z-test, or Fisher's exact test when any expected cell
 *   is below 5 (`test` says which; see {@link twoProportionTest});
 * - incremental customers = lift × n_t; incremental revenue = (revenue/customer in treatment −
 *   in control) × n_t; cost = the treatment arm's total cost (control costs are reported per arm
 *   but not charged); ROI = (incremental revenue − cost) / cost; cost per incremental customer =
 *   cost / incremental customers. Money is summed with Neumaier's compensated sum.
 * - intervals for the money at the lift's level 1 − alpha: Welch's interval for the difference of
 *   mean revenue per customer (treatment − control; sample variances, Welch–Satterthwaite degrees
 *   of freedom, Student-t quantile — Welch 1947, the same as statsmodels'
 *   `CompareMeans.tconfint_diff(usevar='unequal')`) × n_t gives `incrementalRevenueLower/Upper`;
 *   the cost is fixed, so `roiLower/Upper` = (those bounds − cost) / cost. A customer without
 *   revenue counts as 0 in the interval exactly as in the point estimate (which is its centre).
 *   Null when no outcome carries revenue or an arm has fewer than 2 customers (with a warning);
 *   when revenue is constant within both arms the interval is the point (with a warning).
 * - value-weighted lift: per arm Σ value·retained / Σ value, the difference × the treatment arm's
 *   total value (see {@link ValueWeightedLift}).
 *
 * Strategies: controls carry the strategy they would have got and each strategy is compared with
 * its own controls (`controlScope: 'matched'`). When no control carries a strategy, each
 * strategy's treated customers are compared with the whole control group
 * (`controlScope: 'all_controls'`, with a warning: valid when the holdout was drawn at random
 * from everyone, before strategies were assigned). Verdict rule: `'stop_or_redesign'` when the
 * whole lift interval is at or below 0; `'scale_up'` when the whole lift interval is above 0 AND,
 * when cost and revenue are known, the whole ROI interval is above 0 (`roiLower` > 0; an unknown
 * ROI — no cost or no revenue recorded — does not block); `'inconclusive'` otherwise, including a
 * real lift that loses money, and a real lift whose point ROI is positive but whose ROI interval
 * reaches 0 or below or cannot be computed (the reason says which). Before the ROI interval
 * existed, a positive point ROI was enough for `'scale_up'`.
 *
 * Checks: with `expectedTreatmentShare`, a sample-ratio-mismatch test (Pearson chi-square with
 * 1 df on the two arm sizes; flagged when p < 0.001). A warning for every arm with fewer than
 * 30 customers or fewer than 5 retained or 5 lost customers (the interval and p-value are then
 * rough). Segments or strategies with an empty arm are listed in `incomplete` and warned about.
 * Customers without a segment (strategy) form the group with key null. O(n) plus sorting the keys.
 *
 * @param outcomes - one row per customer (see {@link CampaignOutcome}); not modified
 * @param options - {@link EvaluateCampaignOptions}
 * @returns the {@link CampaignResult}
 * @throws ChurnkitError `INVALID_INPUT` when outcomes is not an array or a field is wrong (path
 *   `['outcomes', i, field]`, row i), `INVALID_ROW` for a row that is not an object,
 *   `INVALID_CUSTOMER` for a customer id that is not a non-empty string, `DUPLICATE_CUSTOMER`,
 *   `EMPTY_INPUT` for no outcomes, `EMPTY_ARM` when the treatment or control arm is empty,
 *   `INVALID_OPTION` for alpha or expectedTreatmentShare outside (0, 1) or an unknown test
 * @example
 * ```ts
 * const outcomes = [
 *   ...Array.from({ length: 1000 }, (_, i) => ({ customerId: `t${i}`, group: 'treatment' as const,
 *     retained: i < 360, revenue: i < 360 ? 50 : 0, cost: 5 })),
 *   ...Array.from({ length: 1000 }, (_, i) => ({ customerId: `c${i}`, group: 'control' as const,
 *     retained: i < 300, revenue: i < 300 ? 50 : 0 })),
 * ];
 * const r = evaluateCampaign(outcomes);
 * r.overall.lift;                 // 0.06 (0.36 − 0.30)
 * [r.overall.lower, r.overall.upper]; // [0.01879…, 0.10093…] (Newcombe 95%)
 * r.overall.pValue;              // 0.00433… (pooled z-test: every expected cell ≥ 5)
 * r.overall.incrementalRetained;  // 60
 * r.overall.incrementalRevenue;   // 3000 ((18 − 15) × 1000)
 * r.overall.roi;                  // -0.4 ((3000 − 5000) / 5000)
 * [r.overall.incrementalRevenueLower, r.overall.incrementalRevenueUpper]; // [941.15…, 5058.84…] (Welch 95%)
 * [r.overall.roiLower, r.overall.roiUpper]; // [-0.8117…, 0.01176…]: a small profit is not ruled out
 * r.overall.costPerIncrementalCustomer; // 83.33… (5000 / 60)
 * ```
 * @category Lift
 */
export function evaluateCampaign(outcomes: readonly CampaignOutcome[], options?: EvaluateCampaignOptions): CampaignResult {
  const fn = 'evaluateCampaign';
  const opts = optionsOf(fn, options);
  knownOptions(fn, opts, EVALUATE_CAMPAIGN_OPTIONS);
  const alpha = opts.alpha ?? 0.05;
  if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 1)) invalidOption(fn, 'alpha', 'a number in (0, 1)', alpha);
  const share = opts.expectedTreatmentShare;
  if (share !== undefined && (typeof share !== 'number' || !(share > 0 && share < 1))) {
    invalidOption(fn, 'expectedTreatmentShare', 'a number in (0, 1)', share);
  }
  const test = opts.test ?? 'auto';
  if (test !== 'auto' && test !== 'z' && test !== 'fisher') invalidOption(fn, 'test', "'auto', 'z' or 'fisher'", test);
  checkRows(fn, 'outcomes', outcomes, 'CampaignOutcome', 'at least one treated and one control customer');

  const overall: Pair = { treatment: new Arm(), control: new Arm() };
  const segments = new Map<string | null, Pair>();
  const strategies = new Map<string | null, Pair>();
  const seen = new Set<string>();
  let anySegment = false;
  let anyRevenue = false;
  let treatedWithStrategy = 0;
  let treatedWithoutStrategy = 0;
  let controlsWithStrategy = 0;
  let controlsWithoutStrategy = 0;

  for (let i = 0; i < outcomes.length; i++) {
    const o = rowObject(fn, 'outcomes', i, outcomes[i], 'customerId, group, retained, ...', 'a CampaignOutcome object');
    const id = o.customerId;
    if (typeof id !== 'string' || id === '') {
      throw new ChurnkitError('INVALID_CUSTOMER', `${fn}: outcomes[${i}].customerId must be a non-empty string; received ${show(id)}.`, {
        path: ['outcomes', i, 'customerId'], row: i, field: 'customerId', expected: 'a non-empty string', received: id,
      });
    }
    if (seen.has(id)) {
      throw new ChurnkitError('DUPLICATE_CUSTOMER', `${fn}: customer ${show(id)} appears twice (again at outcomes[${i}]); each customer must have one outcome.`, {
        path: ['outcomes', i, 'customerId'], row: i, field: 'customerId', expected: 'one outcome per customer', received: id,
      });
    }
    seen.add(id);
    const group = o.group;
    if (group !== 'treatment' && group !== 'control') badField(fn, 'outcomes', i, 'group', "'treatment' or 'control'", group);
    const retained = o.retained;
    if (typeof retained !== 'boolean') badField(fn, 'outcomes', i, 'retained', 'a boolean', retained);
    const revenue = numberField(fn, 'outcomes', o, i, 'revenue', 'a finite number', false) ?? 0;
    const cost = numberField(fn, 'outcomes', o, i, 'cost', 'a finite number ≥ 0', true) ?? 0;
    const value = numberField(fn, 'outcomes', o, i, 'value', 'a finite number ≥ 0', true) ?? 1;
    const segment = textField(fn, 'outcomes', o, i, 'segment', 'a string (or absent)');
    const strategy = textField(fn, 'outcomes', o, i, 'strategy', 'a string (or absent)');
    if (o.revenue !== undefined) anyRevenue = true;

    const treated = group === 'treatment';
    (treated ? overall.treatment : overall.control).add(retained, revenue, cost, value);
    if (segment !== null) anySegment = true;
    pairOf(segments, segment)[treated ? 'treatment' : 'control'].add(retained, revenue, cost, value);
    if (treated) {
      if (strategy === null) treatedWithoutStrategy++;
      else treatedWithStrategy++;
    } else if (strategy === null) controlsWithoutStrategy++;
    else controlsWithStrategy++;
    pairOf(strategies, strategy)[treated ? 'treatment' : 'control'].add(retained, revenue, cost, value);
  }

  for (const arm of ['treatment', 'control'] as const) {
    if (overall[arm].size === 0) {
      const other = arm === 'treatment' ? 'control' : 'treatment';
      throw new ChurnkitError('EMPTY_ARM', `${fn}: the ${arm} arm is empty (${overall[other].size} ${other} customers); a lift needs both arms.`, {
        path: ['outcomes'], field: 'group', expected: `at least one outcome with group '${arm}'`,
      });
    }
  }

  const warnings: string[] = [];
  const note = (where: string, list: string[]): void => {
    for (const w of list) warnings.push(`${where}: ${w}`);
  };
  const total = overall.treatment.size + overall.control.size;
  let srm: SampleRatioCheck | null = null;
  if (share !== undefined) {
    srm = sampleRatioCheck(overall.treatment.size, overall.control.size, share);
    if (srm.mismatch) {
      warnings.push(
        `sample ratio mismatch: ${overall.treatment.size} treated of ${total} (${fmt(srm.observedTreatmentShare)}) against an intended share of ` +
        `${share} (chi-square ${fmt(srm.chiSquare)}, p = ${srm.pValue.toExponential(2)} < 0.001); the assignment or the data pipeline is ` +
        'probably broken and the comparison may be biased.',
      );
    }
  }
  const controlCost = overall.control.cost.value;
  if (controlCost !== 0) {
    warnings.push(`the control arm carries a cost of ${controlCost}: it is reported in control.cost but not charged to the campaign.`);
  }

  const overallResult = compare('overall', overall.treatment, overall.control, alpha, test, anyRevenue);
  note('overall', overallResult.warnings);

  const incomplete: IncompleteGroup[] = [];
  const bySegment: CampaignComparison[] = [];
  if (anySegment) {
    for (const key of sortedKeys(segments)) {
      const p = segments.get(key)!;
      if (p.treatment.size === 0 || p.control.size === 0) {
        incomplete.push({ by: 'segment', key, treatment: p.treatment.size, control: p.control.size });
        warnings.push(`segment ${label(key)}: not compared, its ${p.treatment.size === 0 ? 'treatment' : 'control'} arm is empty ` +
          `(${p.treatment.size} treated, ${p.control.size} controls).`);
        continue;
      }
      const c = compare(key, p.treatment, p.control, alpha, test, anyRevenue);
      note(`segment ${label(key)}`, c.warnings);
      bySegment.push(c);
    }
  }

  const byStrategy: StrategyComparison[] = [];
  if (treatedWithStrategy > 0) {
    const pooled = controlsWithStrategy === 0;
    if (pooled) {
      warnings.push(`no control carries a strategy: each strategy's treated customers are compared with the whole control group ` +
        `(${overall.control.size} customers); this is valid only if the holdout was drawn at random from everyone.`);
    } else if (controlsWithoutStrategy > 0) {
      warnings.push(`${controlsWithoutStrategy} control customers carry no strategy: they form the strategy group null, ` +
        'not the controls of any named strategy.');
    }
    if (treatedWithoutStrategy > 0) {
      warnings.push(`${treatedWithoutStrategy} treated customers carry no strategy: they form the strategy group null.`);
    }
    for (const key of sortedKeys(strategies)) {
      const p = strategies.get(key)!;
      const control = pooled ? overall.control : p.control;
      if (p.treatment.size === 0 || control.size === 0) {
        incomplete.push({ by: 'strategy', key, treatment: p.treatment.size, control: control.size });
        warnings.push(`strategy ${label(key)}: not compared, its ${p.treatment.size === 0 ? 'treatment' : 'control'} arm is empty ` +
          `(${p.treatment.size} treated, ${control.size} controls).`);
        continue;
      }
      const c = compare(key, p.treatment, control, alpha, test, anyRevenue);
      note(`strategy ${label(key)}`, c.warnings);
      byStrategy.push({ ...c, ...verdictOf(c, alpha), controlScope: pooled ? 'all_controls' : 'matched' });
    }
  }

  return { overall: overallResult, bySegment, byStrategy, incomplete, srm, alpha, warnings };
}

/** One comparison of a treatment arm with a control arm. */
function compare(key: string | null, t: Arm, c: Arm, alpha: number, test: ProportionTestMethod, anyRevenue: boolean): CampaignComparison {
  const treatment = t.summary();
  const control = c.summary();
  const ci = newcombeUnchecked(treatment.retained, treatment.size, control.retained, control.size, alpha);
  const tested = proportionTestUnchecked(treatment.retained, treatment.size, control.retained, control.size, test);
  const lift = ci.estimate;
  const incrementalRetained = lift * treatment.size;
  const difference = treatment.revenuePerCustomer - control.revenuePerCustomer;
  const incrementalRevenue = anyRevenue ? difference * treatment.size : null;
  // Welch's interval around the same (compensated) difference, with the same zeros for absent revenue.
  const welch = anyRevenue
    ? welchInterval(
      difference,
      sampleVariance(t.revenues, t.size, treatment.revenuePerCustomer), t.size,
      sampleVariance(c.revenues, c.size, control.revenuePerCustomer), c.size,
      alpha,
    )
    : null;
  const incrementalRevenueLower = welch === null ? null : welch.lower * treatment.size;
  const incrementalRevenueUpper = welch === null ? null : welch.upper * treatment.size;
  const cost = treatment.cost;
  const roi = incrementalRevenue !== null && cost > 0 ? (incrementalRevenue - cost) / cost : null;
  const roiLower = roi !== null && incrementalRevenueLower !== null ? (incrementalRevenueLower - cost) / cost : null;
  const roiUpper = roi !== null && incrementalRevenueUpper !== null ? (incrementalRevenueUpper - cost) / cost : null;
  const costPerIncrementalCustomer = cost > 0 && incrementalRetained > 0 ? cost / incrementalRetained : null;
  const warnings: string[] = [];
  for (const [name, arm] of [['treatment', treatment], ['control', control]] as const) {
    if (arm.size < MIN_ARM) warnings.push(`the ${name} arm has ${arm.size} customers (fewer than ${MIN_ARM}): the interval and p-value are rough.`);
    if (arm.retained < MIN_EVENTS) warnings.push(`the ${name} arm has ${arm.retained} retained customers (fewer than ${MIN_EVENTS}): the interval is rough.`);
    const lost = arm.size - arm.retained;
    if (lost < MIN_EVENTS) warnings.push(`the ${name} arm has ${lost} customers not retained (fewer than ${MIN_EVENTS}): the interval is rough.`);
  }
  if (anyRevenue) {
    if (welch === null) {
      const small = treatment.size < 2 ? `treatment arm has ${treatment.size}` : `control arm has ${control.size}`;
      warnings.push(`the ${small} customer: no interval for the incremental revenue or the ROI (a variance needs 2).`);
    } else if (welch.standardError === 0) {
      warnings.push('revenue is the same for every customer within each arm: the revenue and ROI intervals have width 0.');
    }
  }
  let valueWeighted: CampaignComparison['valueWeighted'] = null;
  if (treatment.value > 0 && control.value > 0) {
    const treatmentRate = treatment.valueRetained / treatment.value;
    const controlRate = control.valueRetained / control.value;
    valueWeighted = { treatmentRate, controlRate, lift: treatmentRate - controlRate, incrementalValue: (treatmentRate - controlRate) * treatment.value };
  } else {
    warnings.push(`the ${treatment.value > 0 ? 'control' : 'treatment'} arm has a total value of 0: no value-weighted lift.`);
  }
  return {
    key,
    treatment,
    control,
    lift,
    lower: ci.lower,
    upper: ci.upper,
    relativeLift: control.rate > 0 ? lift / control.rate : null,
    pValue: tested.pValue,
    test: tested.method,
    incrementalRetained,
    incrementalRevenue,
    incrementalRevenueLower,
    incrementalRevenueUpper,
    cost,
    roi,
    roiLower,
    roiUpper,
    costPerIncrementalCustomer,
    valueWeighted,
    warnings,
  };
}

/** The verdict rule documented on {@link StrategyVerdict}. */
function verdictOf(c: CampaignComparison, alpha: number): { verdict: StrategyVerdict; verdictReason: string } {
  const level = `${fmt(100 * (1 - alpha))}%`;
  const interval = `[${fmt(c.lower)}, ${fmt(c.upper)}]`;
  if (c.upper <= 0) {
    return { verdict: 'stop_or_redesign', verdictReason: `the whole ${level} interval for the lift, ${interval}, is at or below 0.` };
  }
  if (c.lower > 0) {
    if (c.roi !== null && c.roi <= 0) {
      if (c.roiUpper !== null && c.roiUpper > 0) {
        return {
          verdict: 'inconclusive',
          verdictReason: `the lift is positive (${level} interval ${interval}) and the ROI is ${fmt(c.roi)} ≤ 0, but its ${level} interval, ` +
            `[${fmt(c.roiLower!)}, ${fmt(c.roiUpper)}], reaches above 0: more customers are needed to tell whether it pays.`,
        };
      }
      return {
        verdict: 'inconclusive',
        verdictReason: `the lift is positive (${level} interval ${interval}) but the ROI is ${fmt(c.roi)} ≤ 0: cheaper treatment needed before scaling up.`,
      };
    }
    if (c.roi !== null && (c.roiLower === null || c.roiLower <= 0)) {
      const why = c.roiLower === null
        ? 'it has no interval (an arm has fewer than 2 customers)'
        : `its ${level} interval, [${fmt(c.roiLower)}, ${fmt(c.roiUpper!)}], reaches 0 or below`;
      return {
        verdict: 'inconclusive',
        verdictReason: `the lift is positive (${level} interval ${interval}) and the ROI is ${fmt(c.roi)}, but ${why}: ` +
          'more customers are needed to tell whether it pays.',
      };
    }
    const roi = c.roi === null
      ? 'ROI unknown (no cost or no revenue recorded)'
      : `ROI ${fmt(c.roi)}, ${level} interval [${fmt(c.roiLower!)}, ${fmt(c.roiUpper!)}] above 0`;
    return { verdict: 'scale_up', verdictReason: `the whole ${level} interval for the lift, ${interval}, is above 0; ${roi}.` };
  }
  return { verdict: 'inconclusive', verdictReason: `the ${level} interval for the lift, ${interval}, contains 0: more customers are needed to tell.` };
}

/** Pearson chi-square goodness of fit of the arm sizes to the intended split (1 df). */
function sampleRatioCheck(t: number, c: number, share: number): SampleRatioCheck {
  const n = t + c;
  const et = n * share;
  const ec = n * (1 - share);
  const chiSquare = (t - et) ** 2 / et + (c - ec) ** 2 / ec;
  // P(χ²₁ > x) = P(|Z| > √x) = erfc(√(x/2))
  const pValue = erfc(Math.sqrt(chiSquare / 2));
  return { expectedTreatmentShare: share, observedTreatmentShare: t / n, chiSquare, pValue, mismatch: pValue < SRM_P };
}

function pairOf(map: Map<string | null, Pair>, key: string | null): Pair {
  let p = map.get(key);
  if (p === undefined) {
    p = { treatment: new Arm(), control: new Arm() };
    map.set(key, p);
  }
  return p;
}

/** Keys in code-unit order (locale-independent), null last. */
function sortedKeys(map: Map<string | null, Pair>): (string | null)[] {
  return [...map.keys()].sort((a, b) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1));
}

function label(key: string | null): string {
  return key === null ? '(none)' : JSON.stringify(key);
}

function fmt(x: number): string {
  return String(Math.round(x * 10000) / 10000);
}

