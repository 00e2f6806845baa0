import type { FeatureSpec } from './FeatureSpec.js';

/**
 * Sentiment catalogue: mean sentiment and share of negative texts in the last 90 days, over the
 * texts of ticket, complaint and survey events (the service desk and survey comments), scored by
 * {@link scoreSentiment}. Add a spec without `roles` to read the texts of every event type.
 *
 * Negative words to the service desk come before the cancellation.
 *
 * @example
 * ```ts
 * extractFeatures(log, { cutoff: '2024-01-01', features: sentimentFeatures });
 * ```
 * @category Features
 */
export const sentimentFeatures: readonly FeatureSpec[] = Object.freeze([
  { op: 'sentiment', stat: 'mean', windowDays: 90, roles: ['ticket', 'complaint', 'survey'], group: 'sentiment' },
  { op: 'sentiment', stat: 'negativeShare', windowDays: 90, roles: ['ticket', 'complaint', 'survey'], group: 'sentiment' },
] satisfies FeatureSpec[]);
