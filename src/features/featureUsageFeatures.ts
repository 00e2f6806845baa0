import type { FeatureSpec } from './FeatureSpec.js';

/**
 * Feature-usage decay catalogue: distinct product features used (attribute `feature` of
 * featureUse events) and usage counts in the last 30 days and in the 30 days before, and the
 * ratio of the two counts.
 *
 * Customers who drop features they used to rely on are on their way out of a product.
 *
 * @example
 * ```ts
 * extractFeatures(log, { cutoff: '2024-01-01', features: featureUsageFeatures });
 * ```
 * @category Features
 */
export const featureUsageFeatures: readonly FeatureSpec[] = Object.freeze([
  { op: 'distinctAttr', role: 'featureUse', attr: 'feature', windowDays: 30, group: 'featureUsage' },
  { op: 'distinctAttr', role: 'featureUse', attr: 'feature', windowDays: 30, offsetDays: 30, group: 'featureUsage' },
  { op: 'count', role: 'featureUse', windowDays: 30, group: 'featureUsage' },
  { op: 'count', role: 'featureUse', windowDays: 30, offsetDays: 30, group: 'featureUsage' },
  {
    op: 'ratio',
    name: 'feature_use_trend_30d',
    description: 'Feature uses in the last 30 days ÷ those in the 30 days before (below 1: decaying).',
    numerator: { role: 'featureUse', windowDays: 30 },
    denominator: { role: 'featureUse', windowDays: 30, offsetDays: 30 },
    group: 'featureUsage',
  },
] satisfies FeatureSpec[]);
