/**
 * Customers ranked by score, highest first, with one entry per distinct score (a "tie
 * group"): the building block of every ranking metric (ROC, PR, KS, gains, lift, profit).
 * @internal
 */
export interface ScoreGroups {
  /** Positions 0..n-1 of the customers, highest score first; ties in input order. */
  order: Uint32Array;
  /** Number of distinct scores. */
  count: number;
  /** Distinct scores, descending. */
  threshold: Float64Array;
  /** Position in `order` where each group starts; `start[count] = n`. */
  start: Uint32Array;
  /** Churners with score >= threshold[g] (cumulative). */
  tp: Float64Array;
  /** Non-churners with score >= threshold[g] (cumulative). */
  fp: Float64Array;
}

/**
 * Sorts customers by descending score (O(n log n), typed arrays; ties keep input order) and
 * accumulates churners and non-churners per distinct score. Inputs must be validated.
 * @internal
 */
export function scoreGroups(y: ArrayLike<number>, scores: ArrayLike<number>): ScoreGroups {
  const n = scores.length;
  const s = Float64Array.from(scores);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => s[b]! - s[a]! || a - b);
  let count = 0;
  for (let k = 0; k < n; k++) if (k === 0 || s[order[k]!] !== s[order[k - 1]!]) count++;
  const threshold = new Float64Array(count);
  const start = new Uint32Array(count + 1);
  const tp = new Float64Array(count);
  const fp = new Float64Array(count);
  let g = -1;
  let t = 0;
  let f = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    if (k === 0 || s[i] !== s[order[k - 1]!]) {
      if (g >= 0) { tp[g] = t; fp[g] = f; }
      g++;
      threshold[g] = s[i]!;
      start[g] = k;
    }
    if (y[i] === 1) t++;
    else f++;
  }
  tp[g] = t;
  fp[g] = f;
  start[count] = n;
  return { order, count, threshold, start, tp, fp };
}
