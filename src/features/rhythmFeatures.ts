import type { FeatureSpec } from './FeatureSpec.js';

/**
 * Purchase-rhythm catalogue: mean and median gap between purchase days, their coefficient of
 * variation, the overdue ratio (current silence ÷ usual gap) and the slowdown (last gap ÷ the
 * mean of the earlier gaps).
 *
 * A regular buyer who is overdue is a stronger churn signal than a long recency alone, since
 * "long" depends on the customer's own rhythm.
 *
 * @example
 * ```ts
 * extractFeatures(log, { cutoff: '2024-01-01', features: rhythmFeatures });
 * ```
 * @category Features
 */
export const rhythmFeatures: readonly FeatureSpec[] = Object.freeze([
  { op: 'gap', role: 'purchase', stat: 'mean', group: 'rhythm' },
  { op: 'gap', role: 'purchase', stat: 'median', group: 'rhythm' },
  { op: 'gap', role: 'purchase', stat: 'cv', group: 'rhythm' },
  { op: 'gap', role: 'purchase', stat: 'overdue', group: 'rhythm' },
  { op: 'gap', role: 'purchase', stat: 'slowdown', group: 'rhythm' },
] satisfies FeatureSpec[]);
