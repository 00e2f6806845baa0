import type { ChurnStatusName } from '../churn/churnStatus.js';
import type { PersonaName } from '../segments/PersonaName.js';

/**
 * Which customers a {@link PlaybookStrategy} is for: any of the listed personas, tags or
 * segments, or every customer no other strategy matches (`fallback`).
 *
 * Precedence in {@link recommendActions}: a customer's **persona** first (the diagnosis of why
 * they leave), then their **tags**, then their **segment**, then **fallback** strategies. The
 * first level with at least one matching strategy decides; within it the strategy with the
 * highest expected value saved wins. A lower level never overrides a higher one, so a
 * `disappointed` customer is not sent a segment-wide coupon.
 *
 * @category Playbook
 */
export interface StrategyMatch {
  /** Personas the strategy treats (`none` allowed: customers who fit no persona). */
  personas?: readonly PersonaName[];
  /** Tag names (e.g. from tag rules); matches when the customer carries any of them. */
  tags?: readonly string[];
  /** Segment names (e.g. an RFM segment or lifecycle stage); matches the customer's one segment. */
  segments?: readonly string[];
  /** `true`: the strategy applies to customers no persona, tag or segment strategy matches. */
  fallback?: boolean;
}

/**
 * One win-back or retention strategy: who it is for, how (channel, action), what it is
 * assumed to achieve and cost, and the KPI that shows whether it worked.
 *
 * `successRate` is the probability that a customer who would otherwise churn is kept because
 * of the action (the acceptance rate γ of Verbraken et al. 2013), not the open or click rate.
 * `cost` is the expected cost per contacted customer (contact plus the expected incentive).
 *
 * @category Playbook
 */
export interface PlaybookStrategy {
  /** Unique id within the playbook, e.g. `'time_limited_coupon'`. */
  id: string;
  /** Who the strategy is for. */
  appliesTo: StrategyMatch;
  /** Contact channel: `'email'`, `'sms'`, `'push'`, `'phone'`, `'in_person'`, `'account_manager'`, ... */
  channel: string;
  /** What is done, in plain words. */
  action: string;
  /** Assumed share of would-be churners kept by the action, in [0, 1]. */
  successRate: number;
  /** Expected cost per contacted customer (contact plus incentive), ≥ 0, in the playbook's currency. */
  cost: number;
  /** KPIs to track, the primary one first (e.g. `['coupon_redemption_rate', 'repurchase_rate_30d']`). */
  kpi: readonly string[];
  /** Why the numbers are what they are: the assumption and its rough source. */
  rationale?: string;
  /** Things not to do with this customer, e.g. `'no coupon in the first contact'`. */
  guardrails?: readonly string[];
}

/**
 * Churn probabilities assumed when no model score is given: by churn status, persona or
 * segment (checked in that order), else `default`. All in [0, 1]. For a customer who has
 * already churned, read the risk as the chance they stay away without an action.
 *
 * @category Playbook
 */
export interface RiskPriors {
  /** Prior by churn status (see `churnStatus`). */
  statuses?: Partial<Record<ChurnStatusName, number>>;
  /**
   * Prior by persona. A prior for `none` applies to customers without a persona before any
   * segment prior; leave it out to let segments speak for them.
   */
  personas?: Partial<Record<PersonaName, number>>;
  /** Prior by segment name. */
  segments?: Readonly<Record<string, number>>;
  /** Prior for everyone else. */
  default: number;
}

/**
 * A playbook: strategies per persona, tag or segment, as plain JSON data that can be stored,
 * edited in a dashboard and checked with {@link validatePlaybook}.
 *
 * It is the "recommend win-back actions" step of the churn loop: {@link recommendActions}
 * picks, for each customer, the strategy with the best expected value saved.
 *
 * @category Playbook
 */
export interface Playbook {
  /** Payload version; always 1. */
  version: 1;
  /** Name, e.g. `'default'` or `'healthcare'`. */
  name: string;
  /** What the playbook is for. */
  description?: string;
  /** Currency (or unit) of costs and values, e.g. `'USD'`; informational. */
  currency?: string;
  /** Customer value assumed when none is given (a placeholder; pass real values). ≥ 0. */
  defaultValue?: number;
  /** Churn probabilities assumed when no model score is given. */
  riskPriors?: RiskPriors;
  /** The strategies, in order of preference on ties. Non-empty. */
  strategies: readonly PlaybookStrategy[];
}

/**
 * One problem found in a playbook by {@link safeValidatePlaybook}.
 *
 * @category Playbook
 */
export interface PlaybookIssue {
  /** Always `'INVALID_PLAYBOOK'`. */
  code: 'INVALID_PLAYBOOK';
  /** Path of the bad field, e.g. `['strategies', 2, 'successRate']`. */
  path: (string | number)[];
  /** Human wording. */
  message: string;
  /** What was expected, in words. */
  expected: string;
  /** What was found. */
  received: unknown;
}

/** Result of {@link safeValidatePlaybook}. @category Playbook */
export type SafePlaybookResult = { ok: true; value: Playbook } | { ok: false; issues: PlaybookIssue[] };
