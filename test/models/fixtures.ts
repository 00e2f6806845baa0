/** Synthetic churn tables for the model tests (seeded; no shared data needed). */
import { Random } from '../../src/internal/random.js';
import { createFeatureMatrix, type FeatureMatrix } from '../../src/features/FeatureMatrix.js';

export interface Synthetic {
  matrix: FeatureMatrix;
  labels: Uint8Array;
}

/**
 * n customers: `recency` (days, numeric, 5% NaN), `orders` (count), `noise` (pure noise),
 * `plan` (categorical basic/plus/pro), `complained` (binary). Churn log-odds:
 * -1 + 0.03·(recency − 30) − 0.3·orders + 1.2·[plan = basic] + 1.5·complained (recency NaN → 60).
 */
export function synthetic(n: number, seed: number): Synthetic {
  const rng = new Random(seed);
  const recency: number[] = [];
  const orders: number[] = [];
  const noise: number[] = [];
  const plan: number[] = [];
  const complained: number[] = [];
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const r = Math.round(rng.exponential(1 / 30));
    const o = rng.poisson(3);
    const pl = rng.int(3);
    const c = rng.bernoulli(0.15) ? 1 : 0;
    const missing = rng.bernoulli(0.05);
    recency.push(missing ? Number.NaN : r);
    orders.push(o);
    noise.push(rng.normal());
    plan.push(pl);
    complained.push(c);
    const eta = -1 + 0.03 * ((missing ? 60 : r) - 30) - 0.3 * o + (pl === 0 ? 1.2 : 0) + 1.5 * c;
    labels[i] = rng.bernoulli(1 / (1 + Math.exp(-eta))) ? 1 : 0;
  }
  const matrix = createFeatureMatrix({
    customerIds: Array.from({ length: n }, (_, i) => `c${i}`),
    features: [
      { meta: { name: 'recency', description: 'Days since last order', unit: 'days', kind: 'numeric', nanMeaning: 'no order yet' }, values: recency },
      { meta: { name: 'orders', description: 'Orders in the last year', unit: 'count', kind: 'numeric' }, values: orders },
      { meta: { name: 'noise', description: 'Random noise', unit: 'none', kind: 'numeric' }, values: noise },
      { meta: { name: 'plan', description: 'Plan', unit: 'category', kind: 'categorical', levels: ['basic', 'plus', 'pro'] }, values: plan },
      { meta: { name: 'complained', description: 'Complained in the last 90 days', unit: 'flag', kind: 'binary' }, values: complained },
    ],
  });
  return { matrix, labels };
}

/** Rows [from, to) of a matrix. */
export function sliceRows(m: FeatureMatrix, from: number, to: number): FeatureMatrix {
  return createFeatureMatrix({
    customerIds: m.customerIds.slice(from, to),
    features: m.meta.map((meta, j) => ({ meta, values: m.columns[j]!.subarray(from, to) })),
    cutoff: m.cutoff,
  });
}

/**
 * Test-side ROC AUC by counting pairs (O(n0·n1), independent of the library's rank formula):
 * P(score of a churner > score of a stayer) + ½ P(tie).
 */
export function pairAuc(scores: ArrayLike<number>, y: ArrayLike<number>): number {
  let num = 0;
  let pairs = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < y.length; j++) {
      if (y[j] !== 0) continue;
      pairs++;
      num += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    }
  }
  return num / pairs;
}
