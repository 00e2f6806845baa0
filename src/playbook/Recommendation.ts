import type { ChurnStatusName } from '../churn/churnStatus.js';
import type { PersonaName } from '../segments/PersonaName.js';
import type { Playbook } from './Playbook.js';

/**
 * One customer as input of {@link recommendActions}, when not passing a table of columns.
 * Every field but `customerId` is optional; missing ones are read from the options or
 * fall back as documented there.
 *
 * @category Playbook
 */
export interface CustomerProfile {
  /** Customer id (unique in the input). */
  customerId: string;
  /** Win-back persona (default `none`). */
  persona?: PersonaName;
  /** Tags the customer carries. */
  tags?: readonly string[];
  /** The customer's segment (RFM segment, lifecycle stage, ...). */
  segment?: string;
  /** Churn status, used only for the risk prior when `risk` is missing. */
  status?: ChurnStatusName;
  /** Churn probability in [0, 1] (a model score); NaN counts as missing. */
  risk?: number;
  /** Customer value (e.g. predicted lifetime value) in the playbook's currency; NaN counts as missing. */
  value?: number;
  /** Evidence in words, e.g. why the persona fits (quoted in the recommendation's reason). */
  reasons?: readonly string[];
}

/**
 * Customers as a table of columns, one entry per id: what {@link recommendActions} reads from
 * a `PersonaTable` (`persona`, `reasons`), a `TagTable` (`tags`), an `RfmTable` (`segment`), a
 * `StageTable` (`stage` as the segment, `reason`) or a `StatusTable` (`status`). Every column is
 * optional; pass the others through the options.
 *
 * @category Playbook
 */
export interface CustomerColumns {
  /** Customer id per row (unique). */
  readonly customerIds: readonly string[];
  /** Persona per row. */
  readonly persona?: readonly PersonaName[];
  /** Tags per row. */
  readonly tags?: readonly (readonly string[])[];
  /** Segment per row. */
  readonly segment?: readonly string[];
  /** Lifecycle stage per row, used as the segment when `segment` is absent. */
  readonly stage?: readonly string[];
  /** Churn status per row. */
  readonly status?: readonly ChurnStatusName[];
  /** Evidence per row: persona reasons (`{ text }`) or plain strings. */
  readonly reasons?: readonly (readonly (string | { readonly text: string })[])[];
  /** One line of evidence per row (a `StageTable`'s reason). */
  readonly reason?: readonly string[];
}

/** Per-customer values: aligned with the input rows, or keyed by customer id (a Map or a record). @category Playbook */
export type PerCustomer<T> = ArrayLike<T> | ReadonlyMap<string, T> | Readonly<Record<string, T>>;

/** Options of {@link recommendActions}. @category Playbook */
export interface RecommendOptions {
  /** The playbook (default {@link DEFAULT_PLAYBOOK}); validated first. */
  playbook?: Playbook;
  /** Churn probabilities in [0, 1], e.g. `model.predict(matrix)` (same rows as the customers). */
  risk?: PerCustomer<number>;
  /** Customer values: one number for everyone, or per customer. */
  value?: number | PerCustomer<number>;
  /** Tags per customer, or a `TagTable` from `applyTags` (joined by customer id). */
  tags?: PerCustomer<readonly string[]> | { readonly customerIds: readonly string[]; readonly tags: readonly (readonly string[])[] };
  /**
   * Segment per customer, or a table joined by customer id: an `RfmTable` from `scoreRfm`
   * (its `segment` column) or a `StageTable` from `lifecycleStages` (its `stage` column).
   */
  segment?:
    | PerCustomer<string>
    | { readonly customerIds: readonly string[]; readonly segment: readonly string[] }
    | { readonly customerIds: readonly string[]; readonly stage: readonly string[] };
  /** Churn status per customer, or a `StatusTable` from `churnStatus` (joined by customer id), for the risk prior. */
  status?: PerCustomer<ChurnStatusName> | { readonly customerIds: readonly string[]; readonly status: readonly ChurnStatusName[] };
  /** Total cost allowed (≥ 0); omitted: no budget, every positive recommendation is kept. */
  budget?: number;
}

/** How the strategy was matched (see {@link StrategyMatch}). @category Playbook */
export type MatchLevel = 'persona' | 'tag' | 'segment' | 'fallback';

/** Where a recommendation's churn probability came from. @category Playbook */
export type RiskSource = 'score' | 'status' | 'persona' | 'segment' | 'default';

/**
 * One recommended action for one customer.
 *
 * @category Playbook
 */
export interface Recommendation {
  /** Customer id. */
  readonly customerId: string;
  /** The customer's persona (`none` when not given). */
  readonly persona: PersonaName;
  /** Id of the chosen strategy. */
  readonly strategyId: string;
  /** Contact channel of the strategy. */
  readonly channel: string;
  /** What to do. */
  readonly action: string;
  /** KPIs to track. */
  readonly kpi: readonly string[];
  /** risk × value × successRate − cost (> 0). */
  readonly expectedValueSaved: number;
  /** Cost of the contact. */
  readonly cost: number;
  /** Churn probability used. */
  readonly risk: number;
  /** Customer value used. */
  readonly value: number;
  /** Success rate of the strategy. */
  readonly successRate: number;
  /** The arithmetic and the evidence in one line. */
  readonly reason: string;
  /** 1 = contact first. */
  readonly rank: number;
  /** How the strategy was matched. */
  readonly matchedBy: MatchLevel;
  /** Where the risk came from. */
  readonly riskSource: RiskSource;
  /** `input` (given) or `default` (the playbook's `defaultValue`). */
  readonly valueSource: 'input' | 'default';
}

/** Totals for one strategy in a {@link RecommendationSummary}. @category Playbook */
export interface StrategyTotals {
  /** Strategy id. */
  readonly strategyId: string;
  /** Customers recommended it. */
  readonly count: number;
  /** Their total cost. */
  readonly cost: number;
  /** Their total expected value saved. */
  readonly expectedValueSaved: number;
}

/**
 * What {@link recommendActions} did with every customer: recommended, or left out and why.
 * `customers = recommended + noStrategy + notWorthIt + overBudget`.
 *
 * @category Playbook
 */
export interface RecommendationSummary {
  /** Customers assessed. */
  readonly customers: number;
  /** Customers with a recommendation. */
  readonly recommended: number;
  /** Customers no strategy matched (no persona, tag, segment or fallback strategy). */
  readonly noStrategy: number;
  /** Customers whose best strategy has expected value saved ≤ 0 (not worth contacting). */
  readonly notWorthIt: number;
  /** Customers with a positive expected value left out because the budget ran out. */
  readonly overBudget: number;
  /** The budget given, or null. */
  readonly budget: number | null;
  /** Total cost of the recommendations (the budget used); compensated sum. */
  readonly totalCost: number;
  /** Budget minus total cost, or null without a budget. */
  readonly budgetLeft: number | null;
  /** Total expected value saved; compensated sum. */
  readonly totalExpectedValueSaved: number;
  /** Totals per strategy, in playbook order (every strategy listed). */
  readonly byStrategy: readonly StrategyTotals[];
  /** Customers assessed per risk source. */
  readonly riskSources: Readonly<Record<RiskSource, number>>;
  /** Customers assessed per value source. */
  readonly valueSources: Readonly<Record<'input' | 'default', number>>;
}

/** Result of {@link recommendActions}. @category Playbook */
export interface RecommendationResult {
  /** Recommendations, highest expected value saved first (`rank` 1, 2, ...). */
  readonly recommendations: readonly Recommendation[];
  /** Counts and totals. */
  readonly summary: RecommendationSummary;
}
