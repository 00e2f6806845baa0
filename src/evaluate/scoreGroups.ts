/**
 * Customers ranked by score, highest first, summarised per distinct score (a "tie group"):
 * the building block of every ranking metric (ROC, PR, KS, gains, lift, profit, EMPC).
 * @internal
 */
export interface ScoreGroups {
  /** Number of distinct scores. */
  count: number;
  /** Distinct scores, descending. */
  threshold: Float64Array;
  /** Customers with score > threshold[g], i.e. where group g starts in the ranking; `start[count] = n`. */
  start: Float64Array;
  /** Churners with score >= threshold[g] (cumulative). */
  tp: Float64Array;
  /** Non-churners with score >= threshold[g] (cumulative). */
  fp: Float64Array;
}

/**
 * Accumulates churners and non-churners per distinct score, highest first. The scores of each
 * class are copied into a Float64Array and sorted natively (O(n log n), no comparator calls),
 * then the two sorted runs are merged from the top. Inputs must be validated.
 * @internal
 */
export function scoreGroups(y: ArrayLike<number>, scores: ArrayLike<number>): ScoreGroups {
  const n = scores.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i] === 1 ? 1 : 0;
  const pos = new Float64Array(positives);
  const neg = new Float64Array(n - positives);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] === 1) pos[a++] = scores[i]!;
    else neg[b++] = scores[i]!;
  }
  pos.sort();
  neg.sort();
  // Walk both ascending arrays from their ends (highest scores first).
  const threshold = new Float64Array(n);
  const tp = new Float64Array(n);
  const fp = new Float64Array(n);
  const start = new Float64Array(n + 1);
  let i = pos.length - 1;
  let j = neg.length - 1;
  let t = 0;
  let f = 0;
  let g = 0;
  while (i >= 0 || j >= 0) {
    const top = i < 0 ? neg[j]! : j < 0 ? pos[i]! : Math.max(pos[i]!, neg[j]!);
    start[g] = t + f;
    while (i >= 0 && pos[i] === top) { t++; i--; }
    while (j >= 0 && neg[j] === top) { f++; j--; }
    threshold[g] = top;
    tp[g] = t;
    fp[g] = f;
    g++;
  }
  start[g] = n;
  return { count: g, threshold: threshold.subarray(0, g), start: start.subarray(0, g + 1), tp: tp.subarray(0, g), fp: fp.subarray(0, g) };
}

/**
 * Positions 0..n-1 ordered by descending score, ties in input order (a stable comparator sort
 * on a Uint32Array, O(n log n)). Only needed when per-customer values must follow the ranking.
 * @internal
 */
export function rankOrder(scores: ArrayLike<number>): Uint32Array {
  const n = scores.length;
  const s = Float64Array.from(scores);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((p, q) => s[q]! - s[p]! || p - q);
}
