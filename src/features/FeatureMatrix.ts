import { ChurnkitError, show } from '../internal/errors.js';
import { checkMatrix } from '../internal/args.js';

/** How a feature's values are to be read. @category Features */
export type FeatureKind = 'numeric' | 'binary' | 'categorical';

/**
 * What one column of a {@link FeatureMatrix} means.
 *
 * @category Features
 */
export interface FeatureMeta {
  /** Column name, unique in the matrix (`recency_days`, `complaint_count_90d`). */
  name: string;
  /** One line a business user reads. */
  description: string;
  /** Unit of the values: `days`, `count`, `currency`, `ratio`, `score`, `flag`, ... */
  unit: string;
  /** `numeric`; `binary` (0/1); `categorical` (values are integer codes into `levels`). */
  kind: FeatureKind;
  /** What NaN means for this feature, e.g. "fewer than two purchases"; absent when it never is NaN. */
  nanMeaning?: string;
  /** Catalogue or group that produced it (`rfm`, `rhythm`, `service`, `attributes`, ...). */
  group?: string;
  /** For categorical columns: the level names that codes 0..k-1 stand for. */
  levels?: readonly string[];
}

/**
 * A customers × features table in columns: the currency between feature extraction,
 * segmentation and models.
 *
 * Row `r` is customer `customerIds[r]`; `columns[j]` holds feature `meta[j].name` for every row
 * (NaN where the feature is undefined for that customer — `meta[j].nanMeaning` says why).
 * JSON-friendly apart from the typed arrays; treat it as immutable.
 *
 * @category Features
 */
export interface FeatureMatrix {
  /** Customer id per row. */
  readonly customerIds: readonly string[];
  /** Feature names, in column order (equal to `meta.map(m => m.name)`). */
  readonly names: readonly string[];
  /**
   * One column per feature, each of length `customerIds.length`.
   *
   * The columns `extractFeatures` computes are views of one shared `ArrayBuffer` (one
   * allocation per matrix instead of one per column, which at a million customers saves most of
   * the garbage collections). So `columns[j].buffer` is the whole matrix's buffer: to send or
   * keep one column on its own (`postMessage` with a transfer list, a long-lived cache), take
   * `columns[j].slice()` first. `structuredClone(matrix)` copies the buffer once and keeps the
   * views sharing it.
   */
  readonly columns: readonly Float64Array[];
  /** Metadata per column. */
  readonly meta: readonly FeatureMeta[];
  /** The cutoff (epoch ms) the features were computed as of, or null for static tables. */
  readonly cutoff: number | null;
}

/** Input of {@link createFeatureMatrix}. @category Features */
export interface FeatureMatrixInput {
  customerIds: readonly (string | number)[];
  /** Columns with their metadata; a column may be any numeric array-like. */
  features: readonly { meta: FeatureMeta; values: ArrayLike<number> }[];
  cutoff?: number | null;
}

/**
 * Builds and validates a {@link FeatureMatrix}: equal column lengths, unique names, unique
 * customer ids, codes within `levels` for categorical columns.
 *
 * @param input - ids, columns with metadata, and the cutoff
 * @returns a frozen matrix (columns copied into `Float64Array`s)
 * @throws ChurnkitError `LENGTH_MISMATCH` for a column of the wrong length, `INVALID_INPUT` for
 * duplicate names or ids or a bad categorical code
 * @example
 * ```ts
 * const m = createFeatureMatrix({
 *   customerIds: ['a', 'b'],
 *   features: [{ meta: { name: 'orders', description: 'Orders', unit: 'count', kind: 'numeric' }, values: [3, 0] }],
 * });
 * m.columns[0]; // Float64Array [3, 0]
 * ```
 * @category Features
 */
export function createFeatureMatrix(input: FeatureMatrixInput): FeatureMatrix {
  if (input === null || typeof input !== 'object' || !Array.isArray(input.customerIds) || !Array.isArray(input.features)) {
    throw new ChurnkitError('INVALID_INPUT', `createFeatureMatrix: expected { customerIds: [...], features: [{ meta, values }] }; received ${show(input)}.`, {
      expected: 'an object with customerIds and features arrays',
      received: input,
    });
  }
  const n = input.customerIds.length;
  const ids = input.customerIds.map(String);
  const seenIds = new Set<string>();
  ids.forEach((id, r) => {
    if (seenIds.has(id)) {
      throw new ChurnkitError('INVALID_INPUT', `createFeatureMatrix: customer id ${show(id)} appears twice (rows ${ids.indexOf(id)} and ${r}).`, {
        row: r,
        field: 'customerIds',
        expected: 'unique customer ids',
        received: id,
      });
    }
    seenIds.add(id);
  });
  const names: string[] = [];
  const columns: Float64Array[] = [];
  const meta: FeatureMeta[] = [];
  const seen = new Set<string>();
  input.features.forEach((f, j) => {
    if (f === null || typeof f !== 'object' || f.meta === null || typeof f.meta !== 'object' || f.values === null || typeof f.values !== 'object') {
      throw new ChurnkitError('INVALID_INPUT', `createFeatureMatrix: features[${j}] must be { meta, values }; received ${show(f)}.`, {
        path: ['features', j],
        expected: '{ meta: FeatureMeta, values: ArrayLike<number> }',
        received: f,
      });
    }
    const { meta: m, values } = f;
    if (typeof m.name !== 'string' || m.name === '') {
      throw new ChurnkitError('INVALID_INPUT', `createFeatureMatrix: features[${j}].meta.name must be a non-empty string; received ${show(m.name)}.`, {
        path: ['features', j, 'meta', 'name'],
        expected: 'a non-empty string',
        received: m.name,
      });
    }
    if (m.kind !== 'numeric' && m.kind !== 'binary' && m.kind !== 'categorical') {
      throw new ChurnkitError('INVALID_INPUT', `createFeatureMatrix: features[${j}].meta.kind must be "numeric", "binary" or "categorical"; received ${show(m.kind)}.`, {
        path: ['features', j, 'meta', 'kind'],
        expected: '"numeric", "binary" or "categorical"',
        received: m.kind,
      });
    }
    if (seen.has(m.name)) {
      throw new ChurnkitError('INVALID_INPUT', `createFeatureMatrix: feature name ${show(m.name)} appears twice.`, {
        path: ['features', j, 'meta', 'name'],
        expected: 'unique feature names',
        received: m.name,
      });
    }
    seen.add(m.name);
    if (values.length !== n) {
      throw new ChurnkitError('LENGTH_MISMATCH', `createFeatureMatrix: feature "${m.name}" has ${values.length} values for ${n} customers.`, {
        path: ['features', j, 'values'],
        expected: `${n} values`,
        received: values.length,
      });
    }
    const col = Float64Array.from(values);
    if (m.kind === 'categorical') {
      const k = m.levels?.length ?? 0;
      for (let r = 0; r < n; r++) {
        const v = col[r]!;
        if (!Number.isNaN(v) && (!Number.isInteger(v) || v < 0 || v >= k)) {
          throw new ChurnkitError('INVALID_INPUT', `createFeatureMatrix: categorical feature "${m.name}" has code ${v} at row ${r}; levels has ${k} entries.`, {
            row: r,
            path: ['features', j, 'values', r],
            expected: `an integer code in [0, ${k}) or NaN`,
            received: v,
          });
        }
      }
    }
    names.push(m.name);
    columns.push(col);
    meta.push(Object.freeze({ ...m, ...(m.levels ? { levels: Object.freeze([...m.levels]) } : {}) }));
  });
  return Object.freeze({
    customerIds: Object.freeze(ids),
    names: Object.freeze(names),
    columns: Object.freeze(columns),
    meta: Object.freeze(meta),
    cutoff: input.cutoff ?? null,
  });
}

/**
 * The column of feature `name`.
 *
 * @throws ChurnkitError `INVALID_INPUT` when `matrix` is not a FeatureMatrix; `UNKNOWN_COLUMN` when it has no such feature
 * @category Features
 */
export function featureColumn(matrix: FeatureMatrix, name: string): Float64Array {
  checkMatrix('featureColumn', matrix);
  const j = matrix.names.indexOf(name);
  if (j < 0) {
    throw new ChurnkitError('UNKNOWN_COLUMN', `featureColumn: the matrix has no feature "${name}"; it has ${matrix.names.slice(0, 8).join(', ')}${matrix.names.length > 8 ? ', …' : ''}.`, {
      field: name,
      expected: 'a feature name of the matrix',
      received: name,
    });
  }
  return matrix.columns[j]!;
}
