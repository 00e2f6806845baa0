import { describe, expect, it } from 'vitest';
import { simulateShop } from '../../src/data/index.js';
import { extractFeatures } from '../../src/features/index.js';
import { createFeatureMatrix, type FeatureMatrix } from '../../src/features/FeatureMatrix.js';
import { trainChurnModel } from '../../src/models/index.js';
import { pairAuc } from './fixtures.js';

/**
 * The planted causes of simulateShop() (docs/simulated-shop.md) and the default features that
 * carry each one. Labels come from the shop's truth: customers who had not churned before the
 * cutoff, label 1 when their churn time falls in [cutoff, cutoff + 90 days).
 */
const CAUSE_FEATURES: Record<string, RegExp> = {
  fading: /^(activity_|recency_days|purchase_(overdue|slowdown|gap)|feature_use_trend)/,
  bad_experience: /^(complaint_|survey_|refund_|sentiment_|negative_text_share|ticket_)/,
  price_sensitive: /^coupon_/,
};

function rows(m: FeatureMatrix, idx: number[]): FeatureMatrix {
  return createFeatureMatrix({ customerIds: idx.map((r) => m.customerIds[r]!), features: m.meta.map((meta, j) => ({ meta, values: idx.map((r) => m.columns[j]![r]!) })), cutoff: m.cutoff });
}

describe('simulateShop(): the drivers a model names include the planted causes', () => {
  const shop = simulateShop({ customers: 4000, seed: 1 });
  const cutoff = Date.UTC(2024, 6, 1);
  const horizon = 90 * 86_400_000;
  const fm = extractFeatures(shop.log, { cutoff });
  const truthRow = new Map(shop.truth.customerIds.map((id, i) => [id, i]));
  const keep: number[] = [];
  const y: number[] = [];
  fm.customerIds.forEach((id, r) => {
    const t = shop.truth.churnTime[truthRow.get(id)!]!;
    if (t < cutoff) return; // already gone (NaN compares false: stayers are kept)
    keep.push(r);
    y.push(t < cutoff + horizon ? 1 : 0);
  });
  const trIdx = keep.filter((_, k) => k % 3 !== 0);
  const teIdx = keep.filter((_, k) => k % 3 === 0);
  const train = rows(fm, trIdx);
  const test = rows(fm, teIdx);
  const ytr = y.filter((_, k) => k % 3 !== 0);
  const yte = y.filter((_, k) => k % 3 === 0);

  it('has a usable sample (measured: 2,604 eligible customers, 327 churners in the horizon)', () => {
    expect(keep.length).toBe(2604);
    expect(y.reduce((a, b) => a + b, 0)).toBe(327);
  });

  it('logistic: held-out AUC > 0.65 and the top 10 permutation drivers cover fading, bad experience and price sensitivity', () => {
    const model = trainChurnModel(train, ytr, { algorithm: 'logistic' });
    expect(pairAuc(model.predict(test), yte)).toBeGreaterThan(0.65);
    const top = model.importance({ matrix: test, labels: yte, repeats: 2, seed: 1 }).slice(0, 10).map((i) => i.feature);
    for (const [cause, re] of Object.entries(CAUSE_FEATURES)) expect(top.some((f) => re.test(f)), `${cause} in ${top.join(', ')}`).toBe(true);
  });

  it('boosting: the top 10 gain drivers include fading signals, and explain() names a planted cause for most churners', () => {
    const model = trainChurnModel(train, ytr, { algorithm: 'boosting', seed: 1 });
    const top = model.importance().slice(0, 10).map((i) => i.feature);
    expect(top.some((f) => CAUSE_FEATURES.fading!.test(f))).toBe(true);
    const churners = teIdx.filter((_, k) => yte[k] === 1);
    const ex = model.explain(rows(fm, churners), { top: 3, positiveOnly: true });
    const named = ex.filter((e) => e.drivers.some((d) => Object.values(CAUSE_FEATURES).some((re) => re.test(d.feature)))).length;
    expect(named / ex.length).toBeGreaterThan(0.5);
  });
});
