import type { AttributeSpec } from './FeatureSpec.js';

/**
 * Attribute catalogue: one {@link AttributeSpec} per customer-table column — numeric columns
 * pass through, categorical columns become one-hot columns (the `maxLevels` most frequent
 * levels plus `other`), time columns become days before the cutoff.
 *
 * Pass the result with `options.table` to {@link extractFeatures}.
 *
 * @param columns - customer-table column names (e.g. `[...table.columns.keys()]`)
 * @param maxLevels - cardinality cap of one-hot columns (default 10)
 * @returns attribute specs, group `attributes`
 * @example
 * ```ts
 * const features = [...rfmFeatures, ...attributeFeatures(['age', 'region'], 5)];
 * extractFeatures(log, { cutoff: '2024-01-01', features, table });
 * ```
 * @category Features
 */
export function attributeFeatures(columns: readonly string[], maxLevels = 10): AttributeSpec[] {
  return columns.map((column) => ({ op: 'attribute', column, maxLevels, group: 'attributes' }));
}
