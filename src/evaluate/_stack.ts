import { ChurnkitError } from '../internal/errors.js';
import { isoDate } from '../internal/time.js';
import { createFeatureMatrix, type FeatureMatrix } from '../features/FeatureMatrix.js';

/** Stacks per-cutoff matrices (same columns) into one training matrix; row ids become `id@YYYY-MM-DD…`. */
export function stackMatrices(parts: readonly { matrix: FeatureMatrix; cutoff: number }[], fn = 'backtest'): FeatureMatrix {
  if (parts.length === 1) return parts[0]!.matrix;
  const first = parts[0]!.matrix;
  const signature = JSON.stringify(first.meta);
  for (const p of parts) {
    if (JSON.stringify(p.matrix.meta) !== signature) {
      throw new ChurnkitError('INVALID_INPUT', `${fn}: feature columns differ between cutoffs ${isoDate(parts[0]!.cutoff)} and ${isoDate(p.cutoff)}.`, {
        field: 'features', expected: 'the same columns and categorical levels at every cutoff', received: p.matrix.names,
      });
    }
  }
  const ids: string[] = [];
  for (const p of parts) {
    const tag = new Date(p.cutoff).toISOString();
    for (const id of p.matrix.customerIds) ids.push(`${id}@${tag}`);
  }
  const features = first.meta.map((meta, j) => {
    const values = new Float64Array(ids.length);
    let o = 0;
    for (const p of parts) {
      values.set(p.matrix.columns[j]!, o);
      o += p.matrix.columns[j]!.length;
    }
    return { meta, values };
  });
  return createFeatureMatrix({ customerIds: ids, features, cutoff: null });
}
