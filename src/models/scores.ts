/**
 * Two scores the model module needs for OOB, validation and permutation importance (internal).
 * The public, reference-checked metrics live in the evaluate module.
 */

/**
 * ROC AUC by the Mann–Whitney rank statistic with midranks for ties (Hanley & McNeil 1982):
 * AUC = (Σ ranks of positives − n₁(n₁+1)/2) / (n₁ n₀). NaN when one class is absent.
 * O(n log n).
 */
export function aucOf(scores: ArrayLike<number>, y: ArrayLike<number>, rows?: ArrayLike<number>): number {
  const n = rows ? rows.length : scores.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = rows ? rows[i]! : i;
  order.sort((a, b) => scores[a]! - scores[b]!);
  let pos = 0;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    const s = scores[order[i]!]!;
    while (j + 1 < n && scores[order[j + 1]!]! === s) j++;
    const mid = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (y[order[k]!]! === 1) {
        pos++;
        rankSum += mid;
      }
    }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return Number.NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Mean log loss with probabilities clipped to [1e-15, 1 − 1e-15]. */
export function logLossOf(prob: ArrayLike<number>, y: ArrayLike<number>, rows?: ArrayLike<number>): number {
  const n = rows ? rows.length : prob.length;
  let s = 0;
  for (let k = 0; k < n; k++) {
    const i = rows ? rows[k]! : k;
    const p = Math.min(1 - 1e-15, Math.max(1e-15, prob[i]!));
    s -= y[i]! === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return s / n;
}
