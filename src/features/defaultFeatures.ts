import { engagementFeatures } from './engagementFeatures.js';
import { featureUsageFeatures } from './featureUsageFeatures.js';
import type { FeatureSpec } from './FeatureSpec.js';
import { funnelFeatures } from './funnelFeatures.js';
import { marketingFeatures } from './marketingFeatures.js';
import { rfmFeatures } from './rfmFeatures.js';
import { rhythmFeatures } from './rhythmFeatures.js';
import { sentimentFeatures } from './sentimentFeatures.js';
import { serviceFeatures } from './serviceFeatures.js';

/**
 * The default catalogue of {@link extractFeatures}: every event-log catalogue in order —
 * {@link rfmFeatures}, {@link engagementFeatures}, {@link rhythmFeatures},
 * {@link funnelFeatures}, {@link featureUsageFeatures}, {@link serviceFeatures},
 * {@link sentimentFeatures}, {@link marketingFeatures}. Attributes need a customer table and are
 * added with {@link attributeFeatures}.
 *
 * @example
 * ```ts
 * defaultFeatures.length; // 57
 * ```
 * @category Features
 */
export const defaultFeatures: readonly FeatureSpec[] = Object.freeze([
  ...rfmFeatures,
  ...engagementFeatures,
  ...rhythmFeatures,
  ...funnelFeatures,
  ...featureUsageFeatures,
  ...serviceFeatures,
  ...sentimentFeatures,
  ...marketingFeatures,
]);
