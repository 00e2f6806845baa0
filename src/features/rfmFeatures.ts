import type { FeatureSpec } from './FeatureSpec.js';

/**
 * RFM and tenure catalogue: recency, frequency (orders and distinct purchase days), monetary
 * total and mean, tenure, and the BTYD summary x, t_x, T.
 *
 * The classic reading of a customer's value and activity (Hughes 1994, RFM) plus the inputs
 * of the BG/NBD model (Fader, Hardie & Lee 2005), computed by {@link btydKernel}. The BTYD
 * unit follows the `unit` option of {@link extractFeatures}.
 *
 * @example
 * ```ts
 * extractFeatures(log, { cutoff: '2024-01-01', features: rfmFeatures, unit: 'week' });
 * ```
 * @category Features
 */
export const rfmFeatures: readonly FeatureSpec[] = Object.freeze([
  { op: 'recency', role: 'purchase', name: 'recency_days', group: 'rfm' },
  { op: 'count', role: 'purchase', name: 'frequency_orders', group: 'rfm' },
  { op: 'activeDays', role: 'purchase', name: 'frequency_days', group: 'rfm', description: 'Distinct UTC days with a purchase.' },
  { op: 'sum', role: 'purchase', name: 'monetary_total', group: 'rfm' },
  { op: 'mean', role: 'purchase', name: 'monetary_mean', group: 'rfm' },
  { op: 'tenure', name: 'tenure_days', group: 'rfm' },
  { op: 'btyd', stat: 'x', group: 'rfm' },
  { op: 'btyd', stat: 't_x', group: 'rfm' },
  { op: 'btyd', stat: 'T', group: 'rfm' },
] satisfies FeatureSpec[]);
