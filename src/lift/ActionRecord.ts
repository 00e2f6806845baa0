import type { CampaignGroup } from './CampaignOutcome.js';

/**
 * One win-back or retention action taken (or deliberately withheld) for one customer: a row of
 * the action log that `measureWinBack` turns into measured outcomes.
 *
 * In the churn workflow the playbook recommends actions; the team sends them to a treatment
 * group and holds a random control group out. Each held-out customer is logged too, with the
 * moment they *would have been* contacted, so that both arms are measured over windows that
 * start at comparable moments.
 *
 * @example
 * ```ts
 * const actions: ActionRecord[] = [
 *   { customerId: 'C00017', time: '2024-03-01', group: 'treatment', strategy: 'coupon10', cost: 4 },
 *   { customerId: 'C00042', time: '2024-03-01', group: 'control', strategy: 'coupon10' },
 * ];
 * ```
 * @category Lift
 */
export interface ActionRecord {
  /** Customer id, as in the event log (numbers are compared as their decimal string). */
  customerId: string | number;
  /** When the action was taken; for a control, when it was held out (the would-have-been time). */
  time: Date | string | number;
  /** Treated (contacted) or held out. */
  group: CampaignGroup;
  /** Strategy sent (or that a control would have got), for the breakdown by strategy. */
  strategy?: string;
  /** Segment or persona, for the breakdown by segment. */
  segment?: string;
  /** Cost of the action (contact, coupon); usually 0 or absent for controls. */
  cost?: number;
  /** Customer value weight (e.g. predicted lifetime value) for the value-weighted lift; default 1. */
  value?: number;
}

/**
 * A problem with one action that did not stop the measurement: it is listed, counted and left
 * out of the outcomes, never dropped silently.
 *
 * @category Lift
 */
export interface ActionIssue {
  /** Index of the action in the input array. */
  index: number;
  /** Customer id of the action (as a string). */
  customerId: string;
  /** `'UNKNOWN_CUSTOMER'`: the customer has no event in the log (often an id mismatch). */
  code: 'UNKNOWN_CUSTOMER';
  /** What happened, in words. */
  message: string;
}
