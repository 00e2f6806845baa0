import type { FeatureSpec } from './FeatureSpec.js';

/**
 * Marketing-response catalogue: campaigns received (total and last 90 days), open rate, coupon
 * redemption rate, share of orders with a coupon or discount (price sensitivity), and the
 * response to the last campaign.
 *
 * Customers who buy only with a coupon are the "price-sensitive" churners; those who stop
 * opening campaigns are fading.
 *
 * @example
 * ```ts
 * extractFeatures(log, { cutoff: '2024-01-01', features: marketingFeatures });
 * ```
 * @category Features
 */
export const marketingFeatures: readonly FeatureSpec[] = Object.freeze([
  { op: 'count', role: 'campaignSent', group: 'marketing' },
  { op: 'count', role: 'campaignSent', windowDays: 90, group: 'marketing' },
  {
    op: 'ratio',
    name: 'campaign_open_rate',
    description: 'Campaigns opened ÷ campaigns sent, all history before the cutoff.',
    numerator: { role: 'campaignOpened' },
    denominator: { role: 'campaignSent' },
    group: 'marketing',
  },
  {
    op: 'ratio',
    name: 'coupon_redemption_rate',
    description: 'Coupons redeemed ÷ coupons issued, all history before the cutoff.',
    numerator: { role: 'couponRedeemed' },
    denominator: { role: 'couponIssued' },
    group: 'marketing',
  },
  { op: 'attrShare', role: 'purchase', attrs: ['coupon', 'discount'], name: 'coupon_order_share', group: 'marketing' },
  { op: 'campaignResponse', responseDays: 7, group: 'marketing' },
] satisfies FeatureSpec[]);
