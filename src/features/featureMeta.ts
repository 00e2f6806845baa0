import type { FeatureMeta } from './FeatureMatrix.js';
import type { FeatureSpec } from './FeatureSpec.js';
import { specMeta } from './_specMeta.js';
import { validateFeatureSpecs } from './validateFeatureSpecs.js';

/**
 * The metadata (name, description, unit, kind, NaN meaning) of the column a spec produces.
 *
 * Used by {@link extractFeatures} and to generate `docs/features.md`, so the documentation
 * cannot drift from the engine. For an `attribute` spec this describes the source column; the
 * matrix holds one column per level of a categorical attribute.
 *
 * @param spec - a feature spec
 * @returns its metadata, with the derived name when the spec has none
 * @throws ChurnkitError `INVALID_SPEC` with the path of the bad field, as {@link validateFeatureSpecs}
 * @example
 * ```ts
 * featureMeta({ op: 'count', role: 'complaint', windowDays: 90 }).name; // 'complaint_count_90d'
 * ```
 * @category Features
 */
export function featureMeta(spec: FeatureSpec): FeatureMeta {
  return specMeta(validateFeatureSpecs([spec])[0]!);
}

