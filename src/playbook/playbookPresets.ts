import type { Playbook } from './Playbook.js';
import { DEFAULT_PLAYBOOK, SEGMENT_PRIORS } from './defaultPlaybook.js';
import { deepFreeze } from '../internal/deepFreeze.js';

/** Names of the industry presets in {@link PLAYBOOK_PRESETS}. @category Playbook */
export type PlaybookPresetName = 'retail' | 'b2bManufacturing' | 'healthcare';

/**
 * Industry presets: starting playbooks for retail / consumer, B2B manufacturing and
 * healthcare, each with strategies for all four personas and a fallback.
 *
 * - `retail`: the {@link DEFAULT_PLAYBOOK} plus store-side strategies (double loyalty points for
 *   price-sensitive members, an in-store preview evening for lost loyal customers).
 * - `b2bManufacturing`: churn here is late deliveries and support gaps, so the answers are a
 *   dedicated advisor, technical training, a volume-pricing review and an executive visit;
 *   values and costs are per account.
 * - `healthcare`: follow-up reminders, patient care calls, care-plan reviews and payment
 *   plans; no price promotions (inducement rules in many jurisdictions).
 *
 * Each matches the tags of `TAG_LIBRARY`, the RFM segments of `scoreRfm` and the lifecycle
 * stages too, like the default. Like the default, **every success rate, cost, prior and default value is a stated
 * assumption** (see each strategy's `rationale`), to be replaced with measured ones. Deeply
 * frozen; copy with `structuredClone` to edit.
 *
 * @example
 * ```ts
 * const playbook = PLAYBOOK_PRESETS.b2bManufacturing;
 * recommendActions(accounts, { playbook, risk, value, budget: 20000 });
 * ```
 * @category Playbook
 */
export const PLAYBOOK_PRESETS: Readonly<Record<PlaybookPresetName, Playbook>> = deepFreeze({
  retail: {
    ...DEFAULT_PLAYBOOK,
    name: 'retail',
    description: 'Retail and consumer brands with web, app and stores: the default playbook plus store-side strategies. Numbers are assumptions.',
    strategies: [
      ...DEFAULT_PLAYBOOK.strategies,
      {
        id: 'double_loyalty_points',
        appliesTo: { personas: ['price_sensitive'] },
        channel: 'in_app',
        action: 'Double loyalty points on the next purchase for 30 days (members only).',
        successRate: 0.12,
        cost: 3,
        kpi: ['points_redemption_rate', 'repurchase_rate_30d'],
        rationale: 'Assumption: a softer incentive than a coupon that keeps the margin; cost = expected points liability.',
      },
      {
        id: 'store_preview_evening',
        appliesTo: { personas: ['lost_loyal'] },
        channel: 'in_person',
        action: 'Personal invitation to an in-store preview evening with a stylist or product expert.',
        successRate: 0.2,
        cost: 25,
        kpi: ['event_attendance', 'return_visit_rate_90d'],
        rationale: 'Assumption: recognition in person for customers who used to visit stores.',
      },
    ],
  },
  b2bManufacturing: {
    version: 1,
    name: 'b2bManufacturing',
    description: 'B2B manufacturing and industrial supply, per account: late deliveries and support gaps drive churn. Numbers are assumptions.',
    currency: 'unit',
    defaultValue: 20000,
    riskPriors: {
      statuses: { new: 0.2, active: 0.1, at_risk: 0.45, churned: 0.8, reactivated: 0.3 },
      personas: { price_sensitive: 0.4, disappointed: 0.55, fading: 0.45, lost_loyal: 0.6 },
      segments: SEGMENT_PRIORS,
      default: 0.1,
    },
    strategies: [
      {
        id: 'volume_pricing_review',
        appliesTo: { personas: ['price_sensitive'] },
        channel: 'account_manager',
        action: 'Volume-pricing or framework-contract review with the buyer: rebates tied to committed volume.',
        successRate: 0.25,
        cost: 800,
        kpi: ['contract_renewal_rate', 'order_volume_90d'],
        rationale: 'Assumption: buyers compare quotes; a committed-volume rebate keeps margin better than a one-off discount. Cost = account time + expected rebate.',
      },
      {
        id: 'dedicated_advisor',
        appliesTo: { personas: ['disappointed'], tags: ['complainer', 'detractor', 'refund_heavy', 'negative_sentiment'] },
        channel: 'account_manager',
        action: 'A dedicated advisor: root-cause report on late deliveries or open tickets, a named support contact and a service-level commitment.',
        successRate: 0.35,
        cost: 1500,
        kpi: ['on_time_delivery_rate', 'ticket_resolution_time', 'complaint_rate'],
        rationale: 'Assumption: late delivery and support gaps are fixable causes; accounts stay when the fix is visible. Cost = a few days of an advisor.',
        guardrails: ['no price concession before the delivery or support problem is addressed'],
      },
      {
        id: 'technical_training',
        appliesTo: { personas: ['fading'], tags: ['activity_declining', 'silent', 'overdue'], segments: ['declining', 'silent'] },
        channel: 'in_person',
        action: 'Technical training or an application-engineering visit on the products the account uses, with the new product line.',
        successRate: 0.15,
        cost: 600,
        kpi: ['product_usage', 'order_frequency_90d'],
        rationale: 'Assumption: accounts drift when their engineers stop getting value; training renews it.',
      },
      {
        id: 'executive_visit',
        appliesTo: { personas: ['lost_loyal'], segments: ["Can't Lose Them"] },
        channel: 'in_person',
        action: 'Executive sponsor visit and an invitation to co-develop (early access, joint roadmap review).',
        successRate: 0.3,
        cost: 3000,
        kpi: ['account_reactivation', 'revenue_12m'],
        rationale: 'Assumption: long-standing accounts respond to senior attention; only worth it for large accounts.',
      },
      {
        id: 'account_check_in',
        appliesTo: { fallback: true },
        channel: 'email',
        action: 'Account check-in from the sales representative with lead times and new products.',
        successRate: 0.03,
        cost: 30,
        kpi: ['reply_rate', 'quote_requests_30d'],
        rationale: 'Assumption: a routine touch; small effect.',
      },
    ],
  },
  healthcare: {
    version: 1,
    name: 'healthcare',
    description: 'Clinics, practices and care providers, per patient: missed follow-ups and poor experiences drive drop-out. Numbers are assumptions.',
    currency: 'unit',
    defaultValue: 600,
    riskPriors: {
      statuses: { new: 0.25, active: 0.1, at_risk: 0.5, churned: 0.8, reactivated: 0.3 },
      personas: { price_sensitive: 0.45, disappointed: 0.55, fading: 0.5, lost_loyal: 0.55 },
      segments: SEGMENT_PRIORS,
      default: 0.15,
    },
    strategies: [
      {
        id: 'payment_plan',
        appliesTo: { personas: ['price_sensitive'] },
        channel: 'phone',
        action: 'Cost transparency: explain coverage and offer a payment plan or a lower-cost care option.',
        successRate: 0.2,
        cost: 15,
        kpi: ['appointment_kept_rate', 'payment_plan_uptake'],
        rationale: 'Assumption: cost worries are addressed by clarity and instalments, not discounts.',
        guardrails: ['no price promotions for care: inducement rules apply in many jurisdictions'],
      },
      {
        id: 'patient_care_call',
        appliesTo: { personas: ['disappointed'], tags: ['complainer', 'detractor', 'negative_sentiment'] },
        channel: 'phone',
        action: 'Patient care call by a nurse or patient-relations officer: listen, apologise, resolve the complaint, offer a preferred clinician.',
        successRate: 0.3,
        cost: 20,
        kpi: ['patient_satisfaction', 'complaint_rate'],
        rationale: 'Assumption: service recovery by a clinician-side person; cost = 15 to 20 minutes of staff time.',
        guardrails: ['no incentive offers; resolve the complaint first'],
      },
      {
        id: 'follow_up_reminder',
        appliesTo: { personas: ['fading'], tags: ['activity_declining', 'silent', 'overdue'], segments: ['declining', 'silent'] },
        channel: 'sms',
        action: 'Follow-up reminders for due check-ups, refills or therapy sessions, with one-tap booking.',
        successRate: 0.1,
        cost: 0.5,
        kpi: ['appointment_booking_rate', 'no_show_rate'],
        rationale: 'Assumption: reminders are cheap and help patients who simply lapse.',
        guardrails: ['respect consent and contact preferences for health messages'],
      },
      {
        id: 'care_plan_review',
        appliesTo: { personas: ['lost_loyal'], segments: ["Can't Lose Them"] },
        channel: 'phone',
        action: 'Care-coordinator call to review the care plan and book with the clinician the patient knows.',
        successRate: 0.25,
        cost: 30,
        kpi: ['return_visit_rate_90d', 'care_plan_adherence'],
        rationale: 'Assumption: long-standing patients return to continuity of care.',
      },
      {
        id: 'health_check_invite',
        appliesTo: { fallback: true },
        channel: 'email',
        action: 'Invitation to a routine health check with online booking.',
        successRate: 0.03,
        cost: 0.3,
        kpi: ['appointment_booking_rate'],
        rationale: 'Assumption: a generic reminder; small effect.',
      },
    ],
  },
} satisfies Record<PlaybookPresetName, Playbook>);
