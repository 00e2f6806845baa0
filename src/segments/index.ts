/**
 * Segments: tag rules as data, RFM scores and named segments, lifecycle stages and win-back personas.
 *
 * @module segments
 */
export { PERSONAS } from './PersonaName.js';
export type { PersonaName } from './PersonaName.js';
export type { PersonaReason, PersonaTable } from './PersonaTable.js';
export { rfmSegments } from './rfmSegments.js';
export type { RfmSegmentName, RfmSegmentRule } from './rfmSegments.js';
export { scoreRfm } from './scoreRfm.js';
export type { RfmColumns, RfmOptions, RfmScoreRange, RfmSegmentSummary, RfmTable } from './scoreRfm.js';
export type { TagClause, TagComparison, TagCondition, TagExplanation, TagOperator, TagReason, TagRule, TagTable, TagThreshold } from './TagRule.js';
export { validateTagRules } from './validateTagRules.js';
export { safeValidateTagRules } from './safeValidateTagRules.js';
export { applyTags } from './applyTags.js';
export type { ApplyTagsOptions } from './applyTags.js';
export { TAG_LIBRARY, TAG_LIBRARY_BY_ID } from './tagLibrary.js';
export type { TagLibraryId } from './tagLibrary.js';
export { lifecycleStages } from './lifecycleStages.js';
export type { LifecycleOptions, LifecycleStage, StageTable } from './lifecycleStages.js';
export { assignPersonas } from './assignPersonas.js';
export { personaFeatures, DEFAULT_PRICE_WORDS } from './personaFeatures.js';
export type { PersonaFeatureOptions } from './personaFeatures.js';
export { DEFAULT_PERSONA_OPTIONS } from './PersonaOptions.js';
export type {
  DisappointedThresholds,
  FadingThresholds,
  HighValueThreshold,
  LostLoyalThresholds,
  PersonaDefaults,
  PersonaOptions,
  PersonaStatusInput,
  PersonaThresholds,
  PriceSensitiveThresholds,
} from './PersonaOptions.js';
