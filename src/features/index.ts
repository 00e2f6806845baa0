/**
 * Features: the one-pass, point-in-time feature engine, its catalogues (RFM and BTYD, engagement,
 * rhythm, funnel, feature usage, service, sentiment, marketing, attributes) and sentiment scoring.
 *
 * @module features
 */
export { createFeatureMatrix, featureColumn } from './FeatureMatrix.js';
export { selectFeatureRows } from './selectFeatureRows.js';
export type { FeatureKind, FeatureMatrix, FeatureMatrixInput, FeatureMeta } from './FeatureMatrix.js';
export { btydHoldout, btydKernel, btydSummary } from './btydSummary.js';
export type { BtydClock, BtydHoldout, BtydHoldoutOptions, BtydKernel, BtydStats, BtydSummary, BtydSummaryOptions, BtydUnit } from './btydSummary.js';
export type {
  ActiveDaysSpec,
  ActiveRhythmSpec,
  AttributeSpec,
  AttrShareSpec,
  BtydSpec,
  CampaignResponseSpec,
  CountSpec,
  CustomerSlice,
  CustomFeatureSpec,
  DistinctAttrSpec,
  FeatureSpec,
  FeatureSpecBase,
  FeatureWindow,
  FunnelSpec,
  GapSpec,
  RatioSpec,
  RatioTerm,
  RecencySpec,
  SentimentSpec,
  SurveySpec,
  TextMatchSpec,
  TenureSpec,
  ValueSpec,
  WeeklySlopeSpec,
} from './FeatureSpec.js';
export { extractFeatures } from './extractFeatures.js';
export type { ExtractFeaturesOptions } from './extractFeatures.js';
export type { AttributeTable } from './_attributes.js';
export { validateFeatureSpecs } from './validateFeatureSpecs.js';
export { safeValidateFeatureSpecs } from './safeValidateFeatureSpecs.js';
export type { SafeFeatureSpecs } from './safeValidateFeatureSpecs.js';
export { featureMeta } from './featureMeta.js';
export { defaultFeatures } from './defaultFeatures.js';
export { rfmFeatures } from './rfmFeatures.js';
export { engagementFeatures } from './engagementFeatures.js';
export { rhythmFeatures } from './rhythmFeatures.js';
export { funnelFeatures } from './funnelFeatures.js';
export { featureUsageFeatures } from './featureUsageFeatures.js';
export { serviceFeatures } from './serviceFeatures.js';
export { sentimentFeatures } from './sentimentFeatures.js';
export { marketingFeatures } from './marketingFeatures.js';
export { attributeFeatures } from './attributeFeatures.js';
export { scoreSentiment } from './scoreSentiment.js';
export type { SentimentOptions, SentimentScore } from './scoreSentiment.js';
export { DEFAULT_SENTIMENT_LEXICON } from './sentimentLexicon.js';
export type { SentimentLexicon } from './sentimentLexicon.js';
