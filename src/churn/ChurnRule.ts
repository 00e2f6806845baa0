import type { Role } from '../data/types.js';

/**
 * Which events a rule reads: event types playing any of `roles` under the log's vocabulary,
 * plus any event type named in `types`. When both are omitted the rule's default applies
 * (stated on each rule).
 *
 * @category Churn
 */
export interface EventSelector {
  /** Roles from the log's vocabulary, e.g. `['purchase']`. */
  roles?: readonly Role[];
  /** Explicit event type names, e.g. `['order', 'pos_sale']`. */
  types?: readonly string[];
}

/** Fields every rule may carry. @category Churn */
export interface RuleBase {
  /** A name shown in reports and explanations. */
  name?: string;
}

/**
 * Churned after `days` days without a selected event.
 *
 * At time `t` the customer is churned when `t − L > days`, where `L` is the latest selected
 * event strictly before `t` — or, before the first selected event, the customer's first
 * event of any type. The churn time is `L + days`; the next selected event ends the spell
 * (a reactivation). Default selection: every event type.
 *
 * @category Churn
 */
export interface InactivityRule extends RuleBase, EventSelector {
  kind: 'inactivity';
  /** Length of the silence in days (> 0). */
  days: number;
}

/**
 * Churned when a cancellation takes effect.
 *
 * A selected cancel event (default role `cancel`) at time `x` takes effect at
 * `max(effective + graceDays, x)`, where `effective` is the event's `effectiveDateAttr`
 * attribute (ISO date or epoch ms) when present, else `x`; the customer is churned from just
 * after that moment. A later undo event (default role
 * `subscribe`: subscribe/renew) before that moment withdraws the cancellation; after it, it
 * reactivates the customer. A second cancel while one is pending replaces it.
 *
 * @category Churn
 */
export interface CancellationRule extends RuleBase, EventSelector {
  kind: 'cancellation';
  /** Roles of events that undo a cancellation. Default `['subscribe']` when `undoTypes` is also omitted. */
  undoRoles?: readonly Role[];
  /** Event types that undo a cancellation. */
  undoTypes?: readonly string[];
  /** Attribute holding the date the cancellation takes effect (e.g. the end of the paid term). */
  effectiveDateAttr?: string;
  /** Days added after the effective date before the customer counts as churned (≥ 0, default 0). */
  graceDays?: number;
}

/**
 * Churned when recent spend, orders or activity fall below `ratio` × the baseline before.
 *
 * At time `t`, `recent` is the measure over events in `[t − windowDays, t)` and `baseline`
 * over `[t − windowDays − baselineDays, t − windowDays)`; the customer is churned while
 * `recent < ratio × baseline` (never when the baseline is 0), and a churned customer with no
 * selected event left in either window stays churned until the next one. `spend` sums event values
 * (events without a value add 0; Neumaier-compensated sums); `orders` and `activity` count
 * events. Default selection: role `purchase` for spend and orders, `activity` for activity.
 * The churn time is the instant the inequality starts to hold.
 *
 * @category Churn
 */
export interface ValueDropRule extends RuleBase, EventSelector {
  kind: 'valueDrop';
  /** What is measured. */
  measure: 'spend' | 'orders' | 'activity';
  /** Recent window in days (> 0). */
  windowDays: number;
  /** Baseline window before it, in days (> 0). */
  baselineDays: number;
  /** Fraction of the baseline below which the customer counts as churned (0 < ratio ≤ 1). */
  ratio: number;
}

/**
 * Churned when silent for more than `multiple` × the customer's own usual gap.
 *
 * Purchase occasions are the distinct times of selected events (default role `purchase`).
 * Once a customer has at least `minPurchases` occasions before `t`, the usual gap is the
 * median of the gaps between them and the customer is churned when
 * `t − lastPurchase > multiple × median`. Before that, `fallback` decides.
 *
 * @category Churn
 */
export interface OverdueRule extends RuleBase, EventSelector {
  kind: 'overdue';
  /** Multiple of the median gap (> 0; 2 or 3 are common). */
  multiple: number;
  /** Purchase occasions needed before the customer's own rhythm is trusted (integer ≥ 2). */
  minPurchases: number;
  /** The rule for customers with fewer occasions (usually an {@link InactivityRule}). */
  fallback: ChurnRule;
}

/** Churned while any of `rules` says churned (union of churn spells). @category Churn */
export interface AnyOfRule extends RuleBase {
  kind: 'anyOf';
  /** At least one rule. */
  rules: readonly ChurnRule[];
}

/** Churned while all of `rules` say churned (intersection of churn spells). @category Churn */
export interface AllOfRule extends RuleBase {
  kind: 'allOf';
  /** At least one rule. */
  rules: readonly ChurnRule[];
}

/**
 * A churn definition as plain, JSON-serializable data, discriminated by `kind`.
 *
 * Rules are never compiled from code strings; {@link validateChurnRule} checks one read
 * from a database or a dashboard. Every rule defines, for each instant `t`, whether the
 * customer is churned from the events strictly before `t` only; a churn *spell* runs from
 * the churn time (exclusive) to the event that ends it (inclusive).
 *
 * @example
 * ```ts
 * const grocery: ChurnRule = { kind: 'inactivity', days: 30, roles: ['purchase'] };
 * const subscription: ChurnRule = { kind: 'cancellation', effectiveDateAttr: 'ends_on', graceDays: 7 };
 * const b2b: ChurnRule = { kind: 'valueDrop', measure: 'spend', windowDays: 90, baselineDays: 90, ratio: 0.5 };
 * const rhythm: ChurnRule = { kind: 'overdue', multiple: 3, minPurchases: 4, fallback: { kind: 'inactivity', days: 90, roles: ['purchase'] } };
 * const either: ChurnRule = { kind: 'anyOf', rules: [grocery, subscription] };
 * ```
 * @category Churn
 */
export type ChurnRule = InactivityRule | CancellationRule | ValueDropRule | OverdueRule | AnyOfRule | AllOfRule;
