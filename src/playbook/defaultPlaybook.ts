import type { Playbook } from './Playbook.js';
import { deepFreeze } from '../internal/deepFreeze.js';

/**
 * Churn priors for the named RFM segments of `scoreRfm` (assumptions, ordered by the recency
 * score: Champions bought lately and often, Lost neither) and the stages of `lifecycleStages`
 * (as the status priors). @internal
 */
export const SEGMENT_PRIORS: Readonly<Record<string, number>> = {
  Champions: 0.05,
  Loyal: 0.1,
  'Potential Loyalist': 0.15,
  New: 0.25,
  Promising: 0.25,
  'Need Attention': 0.3,
  'About to Sleep': 0.4,
  'At Risk': 0.5,
  "Can't Lose Them": 0.5,
  Hibernating: 0.6,
  Lost: 0.8,
  new: 0.2,
  active: 0.1,
  declining: 0.4,
  silent: 0.5,
  churned: 0.8,
  reactivated: 0.3,
};

/**
 * The default win-back playbook: common practice for a consumer business, one or two
 * strategies per persona plus a cheap fallback.
 *
 * - `price_sensitive` → a time-limited coupon with personalised recommendations (track
 *   redemption and repurchase), or a price-drop alert on viewed items;
 * - `disappointed` → a one-to-one service follow-up: apology, the open issue resolved, a
 *   preview of the fix (track feedback and complaint rate); **no coupon first**;
 * - `fading` → soft content and new arrivals, no discount (track activity and clicks);
 * - `lost_loyal` → senior / VIP care, a thank-you gift, an invitation to co-create (track
 *   return visits and long-term value);
 * - everyone else (`fallback`) → a plain "we miss you" reminder.
 *
 * Without personas the same strategies match by the tags of `TAG_LIBRARY` (`complainer`,
 * `detractor`, `refund_heavy`, `negative_sentiment` → service follow-up, never a coupon;
 * `activity_declining`, `silent`, `overdue` → soft content; `coupon_driven` → price-drop
 * alert) and by the RFM segments of `scoreRfm` (`Can't Lose Them`, `At Risk` → VIP care;
 * `Need Attention`, `About to Sleep`, `Hibernating` → soft content) or the stages of
 * `lifecycleStages` (`declining`, `silent` → soft content), and the risk priors cover the
 * eleven RFM segments and the six lifecycle stages.
 *
 * **The success rates, costs, risk priors and `defaultValue` are stated assumptions, not
 * measurements.** They are rough orders of magnitude: the acceptance rate of a retention
 * offer is modelled around 30% in the churn-profit literature (Verbraken, Verdonck & Baesens
 * 2013, IEEE TKDE 25(5): γ ~ Beta(6, 14), incentive 10 and contact 1 against a CLV of 200);
 * a cold bulk e-mail converts an order of magnitude less than a personal call; a coupon's
 * cost is the contact plus the expected discount paid. Replace them with your own: run the
 * strategies against a holdout and measure them with `evaluateCampaign` (churnkit/lift), and
 * calibrate the priors with the churn rate per persona from `labelCustomers`.
 *
 * Deeply frozen; copy it (`structuredClone`) to edit.
 *
 * @example
 * ```ts
 * const { recommendations } = recommendActions(personas, { playbook: DEFAULT_PLAYBOOK, risk, value });
 * DEFAULT_PLAYBOOK.strategies.map((s) => s.id);
 * // ['time_limited_coupon', 'price_drop_alert', 'service_follow_up', 'soft_content',
 * //  'vip_care', 'we_miss_you']
 * ```
 * @category Playbook
 */
export const DEFAULT_PLAYBOOK: Playbook = deepFreeze<Playbook>({
  version: 1,
  name: 'default',
  description: 'Common win-back practice for a consumer business (web, app and store). Numbers are assumptions to replace with measured ones.',
  currency: 'unit',
  defaultValue: 100,
  riskPriors: {
    statuses: { new: 0.2, active: 0.1, at_risk: 0.5, churned: 0.8, reactivated: 0.3 },
    personas: { price_sensitive: 0.5, disappointed: 0.6, fading: 0.5, lost_loyal: 0.6 },
    segments: SEGMENT_PRIORS,
    default: 0.15,
  },
  strategies: [
    {
      id: 'time_limited_coupon',
      appliesTo: { personas: ['price_sensitive'] },
      channel: 'email',
      action: 'Time-limited coupon (about 15% off, valid 14 days) with personalised recommendations from past categories.',
      successRate: 0.2,
      cost: 8,
      kpi: ['coupon_redemption_rate', 'repurchase_rate_30d'],
      rationale:
        'Assumption: price-driven customers answer offers, so the save rate sits near the ~30% acceptance of the churn-profit literature, discounted because a coupon also goes to people who would have bought anyway; cost = contact (~0.5) + expected discount paid (~15% of a ~50 basket on redemption).',
      guardrails: ['cap coupons per customer per quarter, so that customers do not learn to wait for them'],
    },
    {
      id: 'price_drop_alert',
      appliesTo: { personas: ['price_sensitive'], tags: ['coupon_driven'] },
      channel: 'push',
      action: 'Price-drop alert on products the customer viewed or wish-listed; no extra discount.',
      successRate: 0.06,
      cost: 0.2,
      kpi: ['alert_click_rate', 'repurchase_rate_30d'],
      rationale: 'Assumption: a cheap automated nudge; a few percent of would-be churners return.',
    },
    {
      id: 'service_follow_up',
      appliesTo: { personas: ['disappointed'], tags: ['complainer', 'detractor', 'refund_heavy', 'negative_sentiment'] },
      channel: 'phone',
      action: 'One-to-one follow-up by a service agent: apologise, resolve the open issue, preview the fix.',
      successRate: 0.25,
      cost: 12,
      kpi: ['feedback_score', 'complaint_rate'],
      rationale:
        'Assumption: service recovery works when the problem is fixed and acknowledged personally; cost = 10 to 15 minutes of an agent.',
      guardrails: ['no coupon in the first contact: a discount before the problem is fixed reads as buying silence'],
    },
    {
      id: 'soft_content',
      appliesTo: { personas: ['fading'], tags: ['activity_declining', 'silent', 'overdue'], segments: ['Need Attention', 'About to Sleep', 'Hibernating', 'declining', 'silent'] },
      channel: 'email',
      action: 'Soft re-engagement: content and new arrivals matched to past categories, no discount.',
      successRate: 0.05,
      cost: 0.5,
      kpi: ['activity_rate_30d', 'click_through_rate'],
      rationale: 'Assumption: interest is fading rather than broken; low save rate, but nearly free.',
      guardrails: ['no discount: it trains the customer to wait for one'],
    },
    {
      id: 'vip_care',
      appliesTo: { personas: ['lost_loyal'], segments: ["Can't Lose Them", 'At Risk'] },
      channel: 'phone',
      action: 'Senior or VIP care call, a thank-you gift, and an invitation to co-create (product panel, preview event).',
      successRate: 0.3,
      cost: 40,
      kpi: ['return_visit_rate_90d', 'customer_lifetime_value'],
      rationale: 'Assumption: long-tenure, high-value customers respond to recognition; expensive, so only worth it for high value.',
    },
    {
      id: 'we_miss_you',
      appliesTo: { fallback: true },
      channel: 'email',
      action: 'A plain "we miss you" reminder with what is new.',
      successRate: 0.02,
      cost: 0.3,
      kpi: ['reactivation_rate_30d'],
      rationale: 'Assumption: a generic bulk message; the save rate is small.',
    },
  ],
});
