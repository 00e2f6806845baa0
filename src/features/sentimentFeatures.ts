import type { FeatureSpec } from './FeatureSpec.js';

/**
 * Sentiment catalogue: mean sentiment and share of negative texts in the last 90 days, over the
 * texts of every event type, scored by {@link scoreSentiment}.
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
  { op: 'sentiment', stat: 'mean', windowDays: 90, group: 'sentiment' },
  { op: 'sentiment', stat: 'negativeShare', windowDays: 90, group: 'sentiment' },
] satisfies FeatureSpec[]);
