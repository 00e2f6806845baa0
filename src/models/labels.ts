/** Label validation shared by training and importance (internal). */
import { ChurnkitError, show } from '../internal/errors.js';

/**
 * 0/1 labels (numbers 0/1 or booleans) as a Uint8Array of length `n`, with both classes present.
 *
 * @throws ChurnkitError `EMPTY_INPUT` (no rows), `LENGTH_MISMATCH`, `INVALID_INPUT` (a label that is not 0/1), `SINGLE_CLASS_LABELS`
 */
export function toLabels(fn: string, labels: ArrayLike<number | boolean>, n: number, name: string): Uint8Array {
  if (n === 0) {
    throw new ChurnkitError('EMPTY_INPUT', `${fn}: the matrix has no rows; a churn model needs customers with labels.`, { field: name, expected: 'at least two rows, both classes', received: 0 });
  }
  if (labels === null || labels === undefined || typeof labels !== 'object' || typeof labels.length !== 'number') {
    throw new ChurnkitError('INVALID_INPUT', `${fn}: ${name} must be an array of 0/1 labels; received ${show(labels)}.`, { field: name, expected: 'an array of 0/1', received: labels });
  }
  if (labels.length !== n) {
    throw new ChurnkitError('LENGTH_MISMATCH', `${fn}: ${name} has ${labels.length} entries for ${n} matrix rows.`, { field: name, expected: `${n} labels`, received: labels.length });
  }
  const y = new Uint8Array(n);
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const v = labels[i];
    if (v === 1 || v === true) {
      y[i] = 1;
      pos++;
    } else if (v !== 0 && v !== false) {
      throw new ChurnkitError('INVALID_INPUT', `${fn}: ${name}[${i}] is ${show(v)}; labels must be 0 (stayed) or 1 (churned).`, { row: i, field: name, expected: '0, 1, false or true', received: v });
    }
  }
  if (pos === 0 || pos === n) {
    throw new ChurnkitError('SINGLE_CLASS_LABELS', `${fn}: all ${n} ${name} are ${pos === 0 ? 0 : 1}; a churn model needs both churners and non-churners.`, { field: name, expected: 'both 0 and 1 among the labels', received: pos === 0 ? 0 : 1 });
  }
  return y;
}
