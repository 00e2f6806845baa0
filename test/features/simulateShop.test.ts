import { describe, expect, it } from 'vitest';
import { simulateShop } from '../../src/data/simulateShop.js';
import { featureColumn } from '../../src/features/FeatureMatrix.js';
import { extractFeatures } from '../../src/features/extractFeatures.js';

// The simulator plants a churn cause per churner (src/data/simulateShop.ts); the default catalogue
// must make each cause visible. Groups as of the cutoff 2024-07-01: "recent" = cause began in the
// 60 days before the cutoff, "old" = earlier; "loyal" = no cause. Observed group means (seed 3,
// 4,000 customers, simulator of commit 956a904; printed by the author's exploration script):
//   complaint_count_90d  bad_experience recent 2.84   loyal 0.077
//   negative_text_share  bad_experience recent 0.763  loyal 0.163
//   sentiment_mean_90d   bad_experience recent −0.319 loyal 0.027
//   survey_detractor     bad_experience recent 0.911  loyal 0.113
//   refund_count         bad_experience recent 0.760  loyal 0.094
//   coupon_order_share   price_sensitive 0.83–0.87    loyal 0.204
//   monetary_total       lured_away old 1,492         loyal 232
//   overdue ratio (mean) fading old 4.7, lured_away old 3.6, loyal 1.16; fading has no complaints
// The assertions below use wide margins (factors of 2–10) so that they test the direction and a
// clear separation, not the simulator's exact draws.
const DAY = 86_400_000;
const CUTOFF = Date.UTC(2024, 6, 1);

describe('planted churn causes of simulateShop() show in the features', () => {
  const shop = simulateShop({ customers: 4000, seed: 3 });
  const m = extractFeatures(shop.log, { cutoff: CUTOFF });
  const rowOf = new Map(m.customerIds.map((id, r) => [id, r]));
  const groups = new Map<string, number[]>();
  const t = shop.truth;
  for (let i = 0; i < t.customerIds.length; i++) {
    const r = rowOf.get(t.customerIds[i]!);
    if (r === undefined) continue;
    const c = t.cause[i];
    const ct = t.causeTime[i]!;
    const g = c === null ? 'loyal' : ct >= CUTOFF ? `${c}_future` : ct >= CUTOFF - 60 * DAY ? `${c}_recent` : `${c}_old`;
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(r);
  }
  const values = (g: string, f: string): number[] => {
    const col = featureColumn(m, f);
    return (groups.get(g) ?? []).map((r) => col[r]!).filter(Number.isFinite);
  };
  const mean = (g: string, f: string): number => {
    const v = values(g, f);
    expect(v.length).toBeGreaterThanOrEqual(15); // enough customers for the comparison to mean something
    return v.reduce((a, b) => a + b, 0) / v.length;
  };
  const median = (g: string, f: string): number => {
    const v = values(g, f).sort((a, b) => a - b);
    expect(v.length).toBeGreaterThanOrEqual(15);
    return v[Math.floor(v.length / 2)]!;
  };

  it('bad experience: complaints, negative words and detractor scores', () => {
    expect(mean('bad_experience_recent', 'complaint_count_90d')).toBeGreaterThan(10 * mean('loyal', 'complaint_count_90d'));
    expect(mean('bad_experience_recent', 'negative_text_share_90d')).toBeGreaterThan(2 * mean('loyal', 'negative_text_share_90d'));
    expect(mean('bad_experience_recent', 'sentiment_mean_90d')).toBeLessThan(mean('loyal', 'sentiment_mean_90d') - 0.2);
    expect(mean('bad_experience_recent', 'survey_detractor')).toBeGreaterThan(3 * mean('loyal', 'survey_detractor'));
    expect(mean('bad_experience_recent', 'refund_count')).toBeGreaterThan(4 * mean('loyal', 'refund_count'));
  });

  it('price sensitive: most orders carry a coupon or discount', () => {
    for (const g of ['price_sensitive_recent', 'price_sensitive_old']) {
      expect(mean(g, 'coupon_order_share')).toBeGreaterThan(3 * mean('loyal', 'coupon_order_share'));
    }
  });

  it('fading: long overdue without complaints', () => {
    expect(median('fading_old', 'purchase_overdue_ratio')).toBeGreaterThan(2 * median('loyal', 'purchase_overdue_ratio'));
    expect(mean('fading_old', 'complaint_count')).toBe(0);
  });

  it('lured away: high-value customers (the sudden stop of a valuable regular)', () => {
    expect(mean('lured_away_old', 'monetary_total')).toBeGreaterThan(4 * mean('loyal', 'monetary_total'));
    expect(median('lured_away_old', 'purchase_overdue_ratio')).toBeGreaterThan(2 * median('loyal', 'purchase_overdue_ratio'));
  });
});
