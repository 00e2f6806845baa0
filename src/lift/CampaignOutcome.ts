/** Arm of a retention experiment. @category Lift */
export type CampaignGroup = 'treatment' | 'control';

/**
 * One customer's outcome in a retention campaign with a holdout control: the input of
 * `evaluateCampaign`, and what `measureWinBack` produces from an event log.
 *
 * @category Lift
 */
export interface CampaignOutcome {
  /** Customer id. */
  customerId: string;
  /** Treated (contacted) or held out. */
  group: CampaignGroup;
  /** Whether the customer was retained (or came back) within the measurement window. */
  retained: boolean;
  /** Revenue from the customer in the measurement window (0 when absent). */
  revenue?: number;
  /** Cost of the treatment for this customer (contact, coupon); control usually 0. */
  cost?: number;
  /** Segment or persona, for the breakdown by segment. */
  segment?: string;
  /** Strategy the customer got (or would have got, for controls), for the breakdown by strategy. */
  strategy?: string;
  /** Customer value weight (e.g. predicted lifetime value) for value-weighted lift; default 1. */
  value?: number;
}
