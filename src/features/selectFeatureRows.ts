import { checkMatrix } from '../internal/args.js';
import { ChurnkitError, show } from '../internal/errors.js';
import type { FeatureMatrix } from './FeatureMatrix.js';

/**
 * Some rows of a feature matrix, in the given order, as a matrix with the same columns and
 * metadata: to score, explain or train on part of the customers without extracting again.
 *
 * No copy where a view serves: every row in order returns `matrix` itself; the leading rows
 * `0..k−1` return `subarray` views of its columns; any other selection copies (O(rows × columns)).
 * Rows may repeat; each must be an integer row index of the matrix.
 *
 * @param matrix - a feature matrix
 * @param rows - row indices of `matrix`, in the order wanted
 * @returns a frozen matrix of the selected rows (customer ids, columns) with the matrix's names, meta and cutoff
 * @throws ChurnkitError `INVALID_INPUT` when `matrix` is not a FeatureMatrix, `rows` is not
 * array-like, or a row is not an integer in [0, number of rows) (path `['rows', k]`)
 * @example
 * ```ts
 * const X = extractFeatures(log, { cutoff: '2024-07-01' });
 * const risk = model.predict(X);
 * const top = selectFeatureRows(X, [...risk.keys()].sort((a, b) => risk[b]! - risk[a]!).slice(0, 5));
 * model.explain(top, { top: 3 }); // the five riskiest customers, without a second extraction
 * ```
 * @category Features
 */
export function selectFeatureRows(matrix: FeatureMatrix, rows: ArrayLike<number>): FeatureMatrix {
  const fn = 'selectFeatureRows';
  checkMatrix(fn, matrix);
  if (rows === null || typeof rows !== 'object' || typeof rows.length !== 'number') {
    throw new ChurnkitError('INVALID_INPUT', `${fn}: rows must be an array of row indices; received ${show(rows)}.`, { path: ['rows'], expected: 'an array of row indices', received: rows });
  }
  const n = rows.length;
  const m = matrix.customerIds.length;
  for (let k = 0; k < n; k++) {
    const r = rows[k];
    if (!Number.isInteger(r) || r! < 0 || r! >= m) {
      throw new ChurnkitError('INVALID_INPUT', `${fn}: rows[${k}] must be a row index of the matrix (an integer from 0 to ${m - 1}); received ${show(r)}.`, {
        path: ['rows', k],
        expected: `an integer in [0, ${m})`,
        received: r,
      });
    }
  }
  let leading = true;
  for (let k = 0; k < n && leading; k++) leading = rows[k] === k;
  if (leading && n === matrix.customerIds.length) return matrix;
  const ids = new Array<string>(n);
  for (let k = 0; k < n; k++) ids[k] = matrix.customerIds[rows[k]!]!;
  const columns = matrix.columns.map((col) => {
    if (leading) return col.subarray(0, n);
    const out = new Float64Array(n);
    for (let k = 0; k < n; k++) out[k] = col[rows[k]!]!;
    return out;
  });
  return Object.freeze({ customerIds: Object.freeze(ids), names: matrix.names, columns: Object.freeze(columns), meta: matrix.meta, cutoff: matrix.cutoff });
}
