import type { FeatureSpec } from './FeatureSpec.js';

/**
 * Service catalogue: tickets and complaints (total, last 30 and 90 days), refunds (count and
 * amount), the refund rate (refund amount ÷ order amount), the last and mean survey score
 * (NPS, CSAT), the change between the last two surveys and the NPS detractor flag.
 *
 * Complaints, refunds and a falling score are the "bad experience" path to churn.
 *
 * @example
 * ```ts
 * extractFeatures(log, { cutoff: '2024-01-01', features: serviceFeatures });
 * ```
 * @category Features
 */
export const serviceFeatures: readonly FeatureSpec[] = Object.freeze([
  { op: 'count', role: 'ticket', group: 'service' },
  { op: 'count', role: 'ticket', windowDays: 30, group: 'service' },
  { op: 'count', role: 'ticket', windowDays: 90, group: 'service' },
  { op: 'count', role: 'complaint', group: 'service' },
  { op: 'count', role: 'complaint', windowDays: 30, group: 'service' },
  { op: 'count', role: 'complaint', windowDays: 90, group: 'service' },
  { op: 'count', role: 'refund', group: 'service' },
  { op: 'sum', role: 'refund', group: 'service' },
  {
    op: 'ratio',
    name: 'refund_rate',
    description: 'Refund amount ÷ order amount, all history before the cutoff.',
    numerator: { role: 'refund', measure: 'sum' },
    denominator: { role: 'purchase', measure: 'sum' },
    group: 'service',
  },
  { op: 'survey', stat: 'last', group: 'service' },
  { op: 'survey', stat: 'mean', group: 'service' },
  { op: 'survey', stat: 'change', group: 'service' },
  { op: 'survey', stat: 'detractor', group: 'service' },
] satisfies FeatureSpec[]);
