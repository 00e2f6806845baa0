import type { Role } from '../data/types.js';
import type { EventLog } from '../data/EventLog.js';
import type { FeatureKind } from './FeatureMatrix.js';

/**
 * Fields every feature spec may carry: the column name, a description and the catalogue it
 * belongs to. When `name` is omitted a name is derived from the operation and its parameters.
 *
 * @category Features
 */
export interface FeatureSpecBase {
  /** Column name in the {@link FeatureMatrix}; unique among the requested features. */
  name?: string;
  /** One line a business user reads; derived from the parameters when omitted. */
  description?: string;
  /** Catalogue or group the feature belongs to (`rfm`, `service`, ...). */
  group?: string;
}

/**
 * A look-back window ending `offsetDays` before the cutoff: events with time in
 * `[cutoff − (offsetDays + windowDays)·day, cutoff − offsetDays·day)`. Without `windowDays`
 * the window reaches back to the customer's first event.
 *
 * @category Features
 */
export interface FeatureWindow {
  /** Length of the window in days (> 0). */
  windowDays?: number;
  /** Days between the window's end and the cutoff (≥ 0, default 0). */
  offsetDays?: number;
}

/** One side of a {@link RatioSpec}: a count or a value sum of one role in a window. @category Features */
export interface RatioTerm extends FeatureWindow {
  role: Role;
  /** `count` of events (default) or `sum` of their `value`. */
  measure?: 'count' | 'sum';
}

/** Number of events of a role in a window (unit `count`). @category Features */
export interface CountSpec extends FeatureSpecBase, FeatureWindow {
  op: 'count';
  role: Role;
}
/** Distinct UTC calendar days with an event of the role (any event when `role` is omitted). @category Features */
export interface ActiveDaysSpec extends FeatureSpecBase, FeatureWindow {
  op: 'activeDays';
  role?: Role;
}
/** Sum (compensated) or mean of `value` over events of a role in a window; events without a value are not counted. @category Features */
export interface ValueSpec extends FeatureSpecBase, FeatureWindow {
  op: 'sum' | 'mean';
  role: Role;
}
/** Days from the last event of the role (any event when omitted) to the cutoff; NaN when there is none. @category Features */
export interface RecencySpec extends FeatureSpecBase {
  op: 'recency';
  role?: Role;
}
/** Days from the customer's first event of any type to the cutoff. @category Features */
export interface TenureSpec extends FeatureSpecBase {
  op: 'tenure';
}
/** `numerator ÷ denominator`; NaN when the denominator is 0. @category Features */
export interface RatioSpec extends FeatureSpecBase {
  op: 'ratio';
  numerator: RatioTerm;
  denominator: RatioTerm;
  /** Unit shown in the metadata (default `ratio`). */
  unit?: string;
}
/** Least-squares slope of weekly event counts over the last `weeks` weeks (events per week per week). @category Features */
export interface WeeklySlopeSpec extends FeatureSpecBase {
  op: 'weeklySlope';
  role: Role;
  /** Number of 7-day weeks before the cutoff (≥ 2, default 12). */
  weeks?: number;
}
/**
 * Statistics of the gaps (in days) between distinct UTC days with an event of the role:
 * `mean`, `median`, `cv` (sample standard deviation ÷ mean), `overdue` (days since the last
 * such day ÷ mean gap) and `slowdown` (last gap ÷ mean of the earlier gaps).
 *
 * @category Features
 */
export interface GapSpec extends FeatureSpecBase {
  op: 'gap';
  role: Role;
  stat: 'mean' | 'median' | 'cv' | 'overdue' | 'slowdown';
}
/**
 * Survey scores (the `value` of survey events): `last`, `mean`, `change` (last − previous),
 * `detractor` (1 when the last score ≤ `threshold`, default 6: the NPS detractor band 0–6 of
 * Reichheld 2003).
 *
 * @category Features
 */
export interface SurveySpec extends FeatureSpecBase {
  op: 'survey';
  role?: Role;
  stat: 'last' | 'mean' | 'change' | 'detractor';
  threshold?: number;
}
/** Share of events of the role (in a window) that carry one of `attrs` with a truthy value (not null, false, 0 or ''). @category Features */
export interface AttrShareSpec extends FeatureSpecBase, FeatureWindow {
  op: 'attrShare';
  role: Role;
  attrs: string[];
}
/** Number of distinct values of attribute `attr` on events of the role in a window (null and '' are no value and do not count). @category Features */
export interface DistinctAttrSpec extends FeatureSpecBase, FeatureWindow {
  op: 'distinctAttr';
  role: Role;
  attr: string;
}
/**
 * Shopping sessions: events of the funnel roles (productView, cartAdd, checkout, purchase)
 * split where two consecutive ones are more than `sessionGapMinutes` apart (default 30, the
 * usual web-analytics timeout). A session that reached the cart (cartAdd or checkout) but has
 * no purchase is abandoned. Sessions belong to the window holding their first event.
 * `abandoned` counts abandoned sessions, `cartSessions` counts sessions that reached the cart,
 * `abandonRate` is their ratio (NaN without cart sessions).
 *
 * @category Features
 */
export interface FunnelSpec extends FeatureSpecBase, FeatureWindow {
  op: 'funnel';
  stat: 'abandoned' | 'cartSessions' | 'abandonRate';
  sessionGapMinutes?: number;
}
/**
 * Response to the last campaign before the cutoff: 1 when a campaignOpened or purchase event
 * follows the last campaignSent (or comes at the same instant) within `responseDays` (default 7) and before the cutoff,
 * else 0; NaN when no campaign was sent.
 *
 * @category Features
 */
export interface CampaignResponseSpec extends FeatureSpecBase {
  op: 'campaignResponse';
  responseDays?: number;
}
/**
 * Sentiment of event texts in a window, scored by {@link scoreSentiment}: `mean` score or
 * `negativeShare` (share of texts with a negative score). Only events of `roles` (all roles
 * when omitted) are read. NaN when no text falls in the window.
 *
 * @category Features
 */
export interface SentimentSpec extends FeatureSpecBase, FeatureWindow {
  op: 'sentiment';
  stat: 'mean' | 'negativeShare';
  roles?: Role[];
}
/**
 * Texts that mention any of `words` (case-insensitive substrings: `price` finds "overpriced"),
 * among the texts of events of `roles` (every role when omitted) in a window: their `count`
 * (default; 0 when there is no text) or their `share` of the window's texts (NaN when there is
 * none). Empty or blank (whitespace-only) texts are not texts, here and for sentiment features. With `exclude: 'positive'` a text whose sentiment score
 * (the extraction's scorer, {@link scoreSentiment} by default) is above 0 does not count as a
 * match, so "great prices!" is not a price complaint.
 *
 * @category Features
 */
export interface TextMatchSpec extends FeatureSpecBase, FeatureWindow {
  op: 'textMatch';
  /** Words or phrases looked for (non-empty strings). */
  words: string[];
  stat?: 'count' | 'share';
  roles?: Role[];
  exclude?: 'positive';
}
/**
 * The rhythm of a customer's active days (distinct UTC days with an event of `roles`, default
 * activity and purchase) anchored at the customer's LAST active day before the cutoff, not at the
 * cutoff, so that a customer who went quiet 60 or 120 days ago is described by the same numbers
 * as one who is still active:
 * - `gapGrowth`: mean of the last `recentGaps` (default 3) gaps between active days ÷ the median
 *   of the earlier gaps — about 1 for a steady rhythm, above 1 when the silences grew before the
 *   stop (fading), at or below 1 for a sudden stop. NaN with fewer than `recentGaps + 3` gaps.
 * - `countChange`: active days in the `spanDays` (default 90) ending at the last active day ÷
 *   those in the `spanDays` before — below 1 when activity declined before the stop. NaN when
 *   the active days span less than `2 × spanDays` or the earlier span has none.
 *
 * @category Features
 */
export interface ActiveRhythmSpec extends FeatureSpecBase {
  op: 'activeRhythm';
  stat: 'gapGrowth' | 'countChange';
  roles?: Role[];
  /** `gapGrowth`: the recent gaps averaged (an integer ≥ 1, default 3). */
  recentGaps?: number;
  /** `countChange`: length of each of the two spans, days (> 0, default 90). */
  spanDays?: number;
}
/**
 * The BTYD summary of purchases (Fader, Hardie & Lee 2005): `x` repeat purchase days
 * (distinct purchase days − 1), `t_x` time from the first to the last purchase day, `T` time
 * from the first purchase day to the last day before the cutoff, in `unit` (default: the extraction's
 * `unit`, else `'day'`). Computed by {@link btydKernel} with the day clock.
 *
 * @category Features
 */
export interface BtydSpec extends FeatureSpecBase {
  op: 'btyd';
  stat: 'x' | 't_x' | 'T';
  unit?: 'day' | 'week';
}
/**
 * A column of the customer table: numeric columns pass through, categorical columns become
 * one binary column per level (the `maxLevels` most frequent, default 10, the rest in
 * `other`), time columns become days before the cutoff.
 *
 * The levels kept are counted over the whole customer table, not only the customers of one
 * cutoff, so that matrices at different cutoffs have the same columns (a model trained on one
 * cutoff scores another). No customer's value leaks; only the choice of columns is shared. A
 * static attribute that changes over time (a plan upgrade) belongs in the event log, not here.
 *
 * @category Features
 */
export interface AttributeSpec extends FeatureSpecBase {
  op: 'attribute';
  column: string;
  maxLevels?: number;
}

/**
 * One customer's events before the cutoff, handed to a {@link CustomFeatureSpec}. Arrays are
 * typed slices, in time order, valid only during the call (the engine reuses the buffers):
 * copy what you keep.
 *
 * @category Features
 */
export interface CustomerSlice {
  /** The customer's id. */
  readonly customerId: string;
  /** The cutoff, epoch ms; every event here is strictly before it. */
  readonly cutoff: number;
  /** Number of events. */
  readonly length: number;
  /** Event times, epoch ms, ascending. */
  readonly time: Float64Array;
  /** Event values (NaN when absent). */
  readonly value: Float64Array;
  /** Event quantities (NaN when absent). */
  readonly quantity: Float64Array;
  /** Event type codes into `log.types`. */
  readonly type: Uint16Array;
  /** Base rows of the events in `log` (for `log.attrAt`, `log.textAt`). */
  readonly rows: Int32Array;
  /**
   * The log read, as a view of only the events strictly before the cutoff (with the
   * extraction's vocabulary), so that reaching through it cannot leak the future.
   */
  readonly log: EventLog;
  /** True when event `k` of the slice plays `role`. */
  is(k: number, role: Role): boolean;
}

/**
 * A feature computed by user code: the only place churnkit accepts code, and it is a real
 * function, never a string. Not JSON-serializable.
 *
 * @category Features
 */
export interface CustomFeatureSpec extends FeatureSpecBase {
  op: 'custom';
  name: string;
  /** Unit shown in the metadata. */
  unit?: string;
  /** Kind shown in the metadata (default `numeric`); not `categorical`, whose levels a function cannot name. */
  kind?: Exclude<FeatureKind, 'categorical'>;
  /** What NaN means, when the function may return it. */
  nanMeaning?: string;
  /** Returns the feature for one customer. */
  compute: (slice: CustomerSlice) => number;
}

/**
 * A feature to extract: plain JSON data (validated by {@link validateFeatureSpecs}) or a
 * {@link CustomFeatureSpec}.
 *
 * @category Features
 */
export type FeatureSpec =
  | CountSpec
  | ActiveDaysSpec
  | ValueSpec
  | RecencySpec
  | TenureSpec
  | RatioSpec
  | WeeklySlopeSpec
  | GapSpec
  | SurveySpec
  | AttrShareSpec
  | DistinctAttrSpec
  | FunnelSpec
  | CampaignResponseSpec
  | SentimentSpec
  | TextMatchSpec
  | ActiveRhythmSpec
  | BtydSpec
  | AttributeSpec
  | CustomFeatureSpec;
