import type { FeatureSpec } from './FeatureSpec.js';

/**
 * Engagement catalogue: activity counts and active days in the last 7/30/90 days, the ratio of
 * the last 30 days to the 30 before, the slope of weekly activity over 12 weeks, and days since
 * the last activity.
 *
 * Fading engagement is the earliest churn signal for most products: a falling 30-day ratio or a
 * negative weekly slope precedes the last login.
 *
 * @example
 * ```ts
 * extractFeatures(log, { cutoff: '2024-01-01', features: engagementFeatures });
 * ```
 * @category Features
 */
export const engagementFeatures: readonly FeatureSpec[] = Object.freeze([
  { op: 'count', role: 'activity', windowDays: 7, group: 'engagement' },
  { op: 'count', role: 'activity', windowDays: 30, group: 'engagement' },
  { op: 'count', role: 'activity', windowDays: 90, group: 'engagement' },
  { op: 'activeDays', role: 'activity', windowDays: 7, group: 'engagement' },
  { op: 'activeDays', role: 'activity', windowDays: 30, group: 'engagement' },
  { op: 'activeDays', role: 'activity', windowDays: 90, group: 'engagement' },
  {
    op: 'ratio',
    name: 'activity_trend_30d',
    description: 'Activity events in the last 30 days ÷ those in the 30 days before (below 1: fading).',
    numerator: { role: 'activity', windowDays: 30 },
    denominator: { role: 'activity', windowDays: 30, offsetDays: 30 },
    group: 'engagement',
  },
  { op: 'weeklySlope', role: 'activity', weeks: 12, group: 'engagement' },
  { op: 'recency', role: 'activity', group: 'engagement' },
] satisfies FeatureSpec[]);
