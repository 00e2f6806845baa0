/**
 * One arm (treatment or control) of a campaign comparison.
 * @category Lift
 */
export interface ArmSummary {
  /** Customers in the arm. */
  size: number;
  /** Customers retained. */
  retained: number;
  /** retained / size. */
  rate: number;
  /** Total revenue (compensated sum; absent revenue counts as 0). */
  revenue: number;
  /** revenue / size. */
  revenuePerCustomer: number;
  /** Total cost (compensated sum; absent cost counts as 0). */
  cost: number;
  /** Σ value over the arm (value defaults to 1 per customer). */
  value: number;
  /** Σ value over the retained customers of the arm. */
  valueRetained: number;
}

/**
 * Value-weighted retention lift: each customer counts with their `value` (e.g. a predicted
 * lifetime value), so keeping a valuable customer weighs more.
 *
 * Estimator: per arm the value-weighted retention rate r = Σ value·retained / Σ value; the
 * lift is r_treatment − r_control and the incremental value is that lift × the treatment
 * arm's total value (the value the treated customers would have kept at the control's rate,
 * compared with what they kept).
 * @category Lift
 */
export interface ValueWeightedLift {
  /** Value-weighted retention rate of the treatment arm. */
  treatmentRate: number;
  /** Value-weighted retention rate of the control arm. */
  controlRate: number;
  /** treatmentRate − controlRate. */
  lift: number;
  /** lift × Σ value of the treatment arm. */
  incrementalValue: number;
}

/** Which two-proportion test produced the p-value. @category Lift */
export type LiftTest = 'z' | 'fisher';

/**
 * Treatment against control for one group of customers: rates, lift with its interval,
 * p-value, incremental customers and money.
 * @category Lift
 */
export interface CampaignComparison {
  /** `'overall'`, the segment or the strategy name; null for customers without one. */
  key: string | null;
  /** The treated customers. */
  treatment: ArmSummary;
  /** The control (holdout) customers compared with them. */
  control: ArmSummary;
  /** Absolute lift: treatment rate − control rate. */
  lift: number;
  /** Newcombe hybrid-score interval for the lift at level 1 − alpha. */
  lower: number;
  /** Upper end of the lift interval. */
  upper: number;
  /** lift / control rate; null when the control rate is 0. */
  relativeLift: number | null;
  /** Two-sided p-value of equal rates. */
  pValue: number;
  /** The test used: pooled z-test, or Fisher's exact test when an expected cell is below 5. */
  test: LiftTest;
  /** lift × treatment size: customers kept who would have left without the campaign. */
  incrementalRetained: number;
  /**
   * (treatment revenue per customer − control revenue per customer) × treatment size;
   * null when no outcome carries revenue.
   */
  incrementalRevenue: number | null;
  /**
   * Lower end of the interval for `incrementalRevenue` at level 1 − alpha (the lift's level):
   * Welch's interval for the difference of mean revenue per customer, treatment − control
   * (unequal variances, Welch–Satterthwaite degrees of freedom, Student-t quantile; Welch 1947,
   * as statsmodels' `CompareMeans.tconfint_diff(usevar='unequal')`), × treatment size. Customers
   * without revenue count as 0 here exactly as in the point estimate, which is the interval's
   * centre. Null when no outcome carries revenue or an arm has fewer than 2 customers; both ends
   * equal the point estimate when every arm's revenue is constant (with a warning).
   */
  incrementalRevenueLower: number | null;
  /** Upper end of the interval for `incrementalRevenue` (see `incrementalRevenueLower`). */
  incrementalRevenueUpper: number | null;
  /** The campaign cost charged: the treatment arm's total cost. */
  cost: number;
  /** (incrementalRevenue − cost) / cost; null when the cost is 0 or revenue is unknown. */
  roi: number | null;
  /**
   * Lower end of the ROI interval: (incrementalRevenueLower − cost) / cost (the cost is fixed, so
   * the revenue interval maps straight onto the ROI). Null where `roi` or the revenue interval is null.
   */
  roiLower: number | null;
  /** Upper end of the ROI interval: (incrementalRevenueUpper − cost) / cost; null like `roiLower`. */
  roiUpper: number | null;
  /** cost / incrementalRetained; null when no customer was kept incrementally (≤ 0) or the cost is 0. */
  costPerIncrementalCustomer: number | null;
  /** Value-weighted lift; null when an arm's total value is 0. */
  valueWeighted: ValueWeightedLift | null;
  /** Reasons to distrust this comparison (small arms, few successes or failures). */
  warnings: string[];
}

/**
 * What to do with a strategy, read off its lift interval (and ROI interval):
 * `'scale_up'` when the whole lift interval is above 0 and, when costs and revenue are known,
 * the whole ROI interval is above 0 too (`roiLower` > 0; unknown ROI does not block);
 * `'stop_or_redesign'` when the whole lift interval is at or below 0; `'inconclusive'` otherwise —
 * including a real lift whose ROI is ≤ 0, or whose ROI interval reaches 0 or has no interval.
 * @category Lift
 */
export type StrategyVerdict = 'scale_up' | 'stop_or_redesign' | 'inconclusive';

/**
 * A strategy's treated customers against their controls, with a verdict.
 * @category Lift
 */
export interface StrategyComparison extends CampaignComparison {
  /** The verdict (see {@link StrategyVerdict}). */
  verdict: StrategyVerdict;
  /** Why, in one sentence. */
  verdictReason: string;
  /**
   * `'matched'`: controls that carry this strategy (the one they would have got);
   * `'all_controls'`: no control carries a strategy, so the whole control group is used.
   */
  controlScope: 'matched' | 'all_controls';
}

/**
 * Sample-ratio-mismatch check: does the observed treatment share fit the intended split?
 * @category Lift
 */
export interface SampleRatioCheck {
  /** The intended share of customers in treatment. */
  expectedTreatmentShare: number;
  /** treatment size / all customers. */
  observedTreatmentShare: number;
  /** Pearson chi-square statistic with 1 degree of freedom. */
  chiSquare: number;
  /** Its p-value. */
  pValue: number;
  /** pValue < 0.001: the split is broken and the comparison may be biased. */
  mismatch: boolean;
}

/**
 * A breakdown group left out because one of its arms is empty.
 * @category Lift
 */
export interface IncompleteGroup {
  /** Which breakdown. */
  by: 'segment' | 'strategy';
  /** The segment or strategy (null: customers without one). */
  key: string | null;
  /** Treated customers in the group. */
  treatment: number;
  /** Control customers in the group. */
  control: number;
}

/**
 * Result of {@link evaluateCampaign}.
 * @category Lift
 */
export interface CampaignResult {
  /** All treated customers against all controls. */
  overall: CampaignComparison;
  /** One comparison per segment (sorted by key; empty when no outcome has a segment). */
  bySegment: CampaignComparison[];
  /** One comparison per strategy with its verdict (sorted by key; empty when no treated outcome has a strategy). */
  byStrategy: StrategyComparison[];
  /** Segments or strategies with an empty arm, counted here instead of compared. */
  incomplete: IncompleteGroup[];
  /** The sample-ratio-mismatch check; null without `expectedTreatmentShare`. */
  srm: SampleRatioCheck | null;
  /** The alpha of every interval (level 1 − alpha). */
  alpha: number;
  /** Every warning of the evaluation, each naming its group. Never printed. */
  warnings: string[];
}
