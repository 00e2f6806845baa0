import { ChurnkitError, show } from '../internal/errors.js';

/** What the checks learned about a labelled score vector. @internal */
export interface BinaryInput {
  /** Number of customers. */
  n: number;
  /** Number of churners (label 1). */
  positives: number;
}

/**
 * Validates 0/1 labels against a score vector of the same length: non-empty, every label
 * exactly 0 or 1, every score a finite number (and in [0, 1] when `probability`), and,
 * when `needBoth`, at least one churner and one non-churner.
 *
 * @internal
 */
export function checkBinary(
  fn: string,
  y: ArrayLike<number>,
  scores: ArrayLike<number>,
  options: { probability?: boolean; needBoth?: boolean; needPositive?: boolean } = {},
): BinaryInput {
  if (y === null || typeof y !== 'object' || typeof y.length !== 'number') {
    throw new ChurnkitError('INVALID_INPUT', `${fn}: labels must be an array of 0/1 numbers; received ${show(y)}.`, {
      field: 'y', expected: 'an array of 0/1 numbers', received: y,
    });
  }
  if (scores === null || typeof scores !== 'object' || typeof scores.length !== 'number') {
    throw new ChurnkitError('INVALID_INPUT', `${fn}: scores must be an array of numbers; received ${show(scores)}.`, {
      field: 'scores', expected: 'an array of numbers', received: scores,
    });
  }
  const n = y.length;
  if (scores.length !== n) {
    throw new ChurnkitError(
      'LENGTH_MISMATCH',
      `${fn}: labels and scores must have the same length; received ${n} labels and ${scores.length} scores.`,
      { field: 'scores', expected: `${n} scores`, received: scores.length },
    );
  }
  if (n === 0) {
    throw new ChurnkitError('EMPTY_INPUT', `${fn}: needs at least one customer; received empty labels and scores.`, {
      expected: 'at least one customer', received: 0,
    });
  }
  const probability = options.probability === true;
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const label = y[i];
    if (label === 1) positives++;
    else if (label !== 0) {
      throw new ChurnkitError('INVALID_INPUT', `${fn}: label at row ${i} must be 0 or 1; received ${show(label)}.`, {
        row: i, field: 'y', expected: '0 or 1', received: label,
      });
    }
    const s = scores[i];
    if (typeof s !== 'number' || !Number.isFinite(s) || (probability && (s < 0 || s > 1))) {
      const expected = probability ? 'a probability in [0, 1]' : 'a finite number';
      throw new ChurnkitError('INVALID_INPUT', `${fn}: score at row ${i} must be ${expected}; received ${show(s)}.`, {
        row: i, field: 'scores', expected, received: s,
      });
    }
  }
  if ((options.needBoth === true && (positives === 0 || positives === n)) || (options.needPositive === true && positives === 0)) {
    const which = positives === 0 ? 'no churners (label 1)' : 'no non-churners (label 0)';
    throw new ChurnkitError(
      'SINGLE_CLASS_LABELS',
      `${fn}: is undefined when the labels hold only one class; found ${which} among ${n} customers.`,
      { field: 'y', expected: options.needBoth === true ? 'both labels 0 and 1' : 'at least one label 1', received: positives },
    );
  }
  return { n, positives };
}
