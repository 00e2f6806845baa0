import type { TagRule } from './TagRule.js';
import { deepFreeze } from '../internal/deepFreeze.js';

/**
 * Ids of the built-in tags of {@link TAG_LIBRARY}.
 *
 * @category Segments
 */
export type TagLibraryId =
  | 'high_value'
  | 'frequent_buyer'
  | 'new'
  | 'activity_declining'
  | 'overdue'
  | 'silent'
  | 'complainer'
  | 'detractor'
  | 'coupon_driven'
  | 'refund_heavy'
  | 'negative_sentiment';

// Thresholds were chosen for meaning first and then checked on simulateShop({ customers: 2000,
// seed: 3 }) as of 2024-07-01 (1,533 customers with history): every tag fires for 1–40% of
// customers there (test/segments/tagsLibrary.test.ts prints and bounds the shares).
const RULES: readonly TagRule[] = [
  {
    id: 'high_value',
    label: 'High value',
    description: 'Total spend in the top 20% of the customers being tagged (monetary_total ≥ its 80th percentile) and above 0: when most customers never bought, the percentile is 0 and would tag them all.',
    when: { all: [{ feature: 'monetary_total', gte: { quantile: 0.8 } }, { not: { feature: 'monetary_total', lte: 0 } }] },
  },
  {
    id: 'frequent_buyer',
    label: 'Frequent buyer',
    description: 'Buys often: at least 3 orders and a median gap between purchase days of at most 30 days.',
    when: { all: [{ feature: 'frequency_orders', gte: 3 }, { feature: 'purchase_gap_median_days', lte: 30 }] },
  },
  {
    id: 'new',
    label: 'New',
    description: 'First seen in the last 30 days (tenure_days ≤ 30).',
    when: { feature: 'tenure_days', lte: 30 },
  },
  {
    id: 'activity_declining',
    label: 'Activity declining',
    description: 'At most half as much activity in the last 30 days as in the 30 days before (activity_trend_30d ≤ 0.5).',
    when: { feature: 'activity_trend_30d', lte: 0.5 },
  },
  {
    id: 'overdue',
    label: 'Purchase overdue',
    description: 'The time since the last purchase is at least 1.5 times the usual gap between purchases (purchase_overdue_ratio ≥ 1.5).',
    when: { feature: 'purchase_overdue_ratio', gte: 1.5 },
  },
  {
    id: 'silent',
    label: 'Silent',
    description: 'No activity and no purchase in the last 30 days (activity_recency_days ≥ 30, and recency_days ≥ 30 or no purchase at all).',
    when: {
      all: [
        { feature: 'activity_recency_days', gte: 30 },
        { any: [{ feature: 'recency_days', gte: 30 }, { feature: 'recency_days', missing: true }] },
      ],
    },
  },
  {
    id: 'complainer',
    label: 'Complainer',
    description: 'Complained at least twice in the last 90 days (complaint_count_90d ≥ 2).',
    when: { feature: 'complaint_count_90d', gte: 2 },
  },
  {
    id: 'detractor',
    label: 'Detractor',
    description: 'The last survey score was an NPS detractor score, 0–6 (survey_detractor = 1).',
    when: { feature: 'survey_detractor', eq: 1 },
  },
  {
    id: 'coupon_driven',
    label: 'Coupon-driven',
    description: 'At least half of the orders used a coupon or discount, over at least 2 orders (coupon_order_share ≥ 0.5, frequency_orders ≥ 2).',
    when: { all: [{ feature: 'coupon_order_share', gte: 0.5 }, { feature: 'frequency_orders', gte: 2 }] },
  },
  {
    id: 'refund_heavy',
    label: 'Refund-heavy',
    description: 'Refunds amount to at least 20% of the value ordered (refund_rate ≥ 0.2).',
    when: { feature: 'refund_rate', gte: 0.2 },
  },
  {
    id: 'negative_sentiment',
    label: 'Negative sentiment',
    description: 'Tickets, complaints and survey texts of the last 90 days read negative on average (sentiment_mean_90d ≤ −0.2).',
    when: { feature: 'sentiment_mean_90d', lte: -0.2 },
  },
];

/**
 * The built-in tag rules over the default feature catalogue: a ready first segmentation.
 *
 * Eleven tags, in this order (see each rule's `description`): `high_value` (monetary_total ≥
 * quantile 0.8 and > 0), `frequent_buyer` (≥ 3 orders, median purchase gap ≤ 30 days), `new` (tenure ≤ 30
 * days), `activity_declining` (activity_trend_30d ≤ 0.5), `overdue` (purchase_overdue_ratio ≥ 1.5),
 * `silent` (no activity and no purchase for 30 days), `complainer` (≥ 2 complaints in 90 days),
 * `detractor` (last NPS ≤ 6), `coupon_driven` (≥ half of ≥ 2 orders with a coupon), `refund_heavy`
 * (refund_rate ≥ 0.2), `negative_sentiment` (sentiment_mean_90d ≤ −0.2). Deeply frozen: copy a
 * rule to change it. Use with {@link applyTags}; look one up by id in {@link TAG_LIBRARY_BY_ID}.
 *
 * @example
 * ```ts
 * const table = applyTags(extractFeatures(log, { cutoff }), TAG_LIBRARY);
 * const mine = [...TAG_LIBRARY, { id: 'vip_quiet', label: 'VIP gone quiet', when: { all: [
 *   { feature: 'monetary_total', gte: { quantile: 0.95 } }, { feature: 'recency_days', gte: 45 }] } }];
 * ```
 * @category Segments
 */
export const TAG_LIBRARY: readonly TagRule[] = deepFreeze(RULES);

/**
 * The rules of {@link TAG_LIBRARY} by id (the same frozen objects).
 *
 * @example
 * ```ts
 * applyTags(features, [TAG_LIBRARY_BY_ID.complainer, TAG_LIBRARY_BY_ID.detractor]);
 * ```
 * @category Segments
 */
export const TAG_LIBRARY_BY_ID: Readonly<Record<TagLibraryId, TagRule>> = Object.freeze(
  Object.fromEntries(TAG_LIBRARY.map((r) => [r.id, r])) as Record<TagLibraryId, TagRule>,
);
