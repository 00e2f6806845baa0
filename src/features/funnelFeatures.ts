import type { FeatureSpec } from './FeatureSpec.js';

/**
 * Funnel / path-break catalogue: product views, cart adds, checkouts and purchases in the last
 * 30 days; cart abandonment in the last 30 days and in the 60 days before; abandoned shopping
 * sessions (reached the cart, no payment) in the last 30 and 90 days.
 *
 * A funnel that starts breaking (carts without payment) often precedes the silence.
 *
 * @example
 * ```ts
 * extractFeatures(log, { cutoff: '2024-01-01', features: funnelFeatures });
 * ```
 * @category Features
 */
export const funnelFeatures: readonly FeatureSpec[] = Object.freeze([
  { op: 'count', role: 'productView', windowDays: 30, group: 'funnel' },
  { op: 'count', role: 'cartAdd', windowDays: 30, group: 'funnel' },
  { op: 'count', role: 'checkout', windowDays: 30, group: 'funnel' },
  { op: 'count', role: 'purchase', windowDays: 30, group: 'funnel' },
  { op: 'funnel', stat: 'abandonRate', windowDays: 30, group: 'funnel' },
  { op: 'funnel', stat: 'abandonRate', windowDays: 60, offsetDays: 30, group: 'funnel' },
  { op: 'funnel', stat: 'abandoned', windowDays: 30, group: 'funnel' },
  { op: 'funnel', stat: 'abandoned', windowDays: 90, group: 'funnel' },
] satisfies FeatureSpec[]);
