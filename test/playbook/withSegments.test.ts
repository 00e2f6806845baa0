import { describe, expect, it } from 'vitest';
import { churnStatus } from '../../src/churn/index.js';
import { simulateShop } from '../../src/data/index.js';
import { defaultFeatures, extractFeatures, featureColumn } from '../../src/features/index.js';
import { applyTags, assignPersonas, personaFeatures, scoreRfm, TAG_LIBRARY } from '../../src/segments/index.js';
import { DEFAULT_PLAYBOOK, recommendActions, type CustomerProfile } from '../../src/playbook/index.js';

// The playbook fed by the committed segment tables (applyTags, scoreRfm, churnStatus) on the
// simulated shop, checked against a brute-force re-derivation of every rule in the docs.
describe('recommendActions with TagTable, RfmTable and StatusTable on simulateShop', () => {
  const shop = simulateShop({ customers: 400, seed: 7 });
  const cutoff = '2024-07-01';
  const matrix = extractFeatures(shop.log, { cutoff });
  const tags = applyTags(matrix, TAG_LIBRARY);
  const rfm = scoreRfm(matrix);
  const status = churnStatus(shop.log, { kind: 'inactivity', days: 90, roles: ['purchase'] }, { asOf: cutoff });
  const monetary = featureColumn(matrix, 'monetary_total');
  const profiles: CustomerProfile[] = matrix.customerIds.map((customerId) => ({ customerId }));
  const opts = { tags, segment: rfm, status, value: monetary };
  const value = new Map(matrix.customerIds.map((id, i) => [id, monetary[i]!]));
  const full = recommendActions(profiles, opts);

  const tagsOf = new Map(tags.customerIds.map((id, i) => [id, tags.tags[i]!]));
  const segmentOf = new Map(rfm.customerIds.map((id, i) => [id, rfm.segment[i]!]));
  const statusOf = new Map(status.customerIds.map((id, i) => [id, status.status[i]!]));
  const valueOf = new Map(matrix.customerIds.map((id, i) => [id, monetary[i]!]));

  it('accounts for every customer', () => {
    const s = full.summary;
    expect(s.customers).toBe(matrix.customerIds.length);
    expect(s.recommended + s.noStrategy + s.notWorthIt + s.overBudget).toBe(s.customers);
    expect(s.noStrategy).toBe(0); // the default playbook has a fallback
    expect(s.recommended).toBeGreaterThan(20);
    expect(s.valueSources).toEqual({ input: s.customers, default: 0 });
  });

  it('matches every recommendation with the documented precedence and the best expected value (brute force)', () => {
    const pb = DEFAULT_PLAYBOOK;
    const priors = pb.riskPriors!;
    const levels = new Set<string>();
    for (const r of full.recommendations) {
      const ts = tagsOf.get(r.customerId) ?? [];
      const seg = segmentOf.get(r.customerId);
      const st = statusOf.get(r.customerId);
      const byTag = pb.strategies.filter((s) => s.appliesTo.tags?.some((t) => ts.includes(t)));
      const bySeg = pb.strategies.filter((s) => seg !== undefined && s.appliesTo.segments?.includes(seg));
      const tier = byTag.length > 0 ? byTag : bySeg.length > 0 ? bySeg : pb.strategies.filter((s) => s.appliesTo.fallback);
      expect(r.matchedBy).toBe(byTag.length > 0 ? 'tag' : bySeg.length > 0 ? 'segment' : 'fallback');
      levels.add(r.matchedBy);
      // no persona here: status prior, else segment prior, else default
      const segPrior = seg === undefined ? undefined : priors.segments![seg];
      const [risk, source] = st !== undefined ? [priors.statuses![st]!, 'status'] : segPrior !== undefined ? [segPrior, 'segment'] : [priors.default, 'default'];
      expect([r.risk, r.riskSource]).toEqual([risk, source]);
      const value = valueOf.get(r.customerId)!;
      const evs = tier.map((s) => risk * value * s.successRate - s.cost);
      const best = Math.max(...evs);
      expect(r.strategyId).toBe(tier[evs.indexOf(best)]!.id);
      expect(r.expectedValueSaved).toBe(best);
      expect(best).toBeGreaterThan(0);
    }
    expect([...levels].sort()).toEqual(['fallback', 'segment', 'tag']);
    const evs = full.recommendations.map((r) => r.expectedValueSaved);
    expect(evs).toEqual([...evs].sort((a, b) => b - a));
  });

  it('without statuses the RFM segment priors give the risk', () => {
    const { recommendations, summary } = recommendActions(profiles, { tags, segment: rfm, value: monetary });
    const priors = DEFAULT_PLAYBOOK.riskPriors!.segments!;
    for (const r of recommendations) {
      const seg = segmentOf.get(r.customerId)!;
      expect([r.risk, r.riskSource]).toEqual(seg in priors ? [priors[seg], 'segment'] : [DEFAULT_PLAYBOOK.riskPriors!.default, 'default']);
    }
    expect(summary.riskSources.segment).toBe(rfm.scored);
    expect(summary.riskSources.default).toBe(rfm.noPurchase);
  });

  it('takes the RfmTable, TagTable or StatusTable itself as the customers', () => {
    const byRfm = recommendActions(rfm, { value: monetary });
    const byTags = recommendActions(tags, { value: monetary, segment: rfm, status });
    const byStatus = recommendActions(status, { value, segment: rfm, tags });
    expect(byRfm.summary.customers).toBe(rfm.customerIds.length);
    expect(byRfm.summary.riskSources.segment).toBe(rfm.scored);
    // the same customers with the same inputs, whichever table carries them
    expect(byTags.recommendations).toEqual(full.recommendations);
    expect(byStatus.recommendations).toEqual(full.recommendations.filter((r) => statusOf.has(r.customerId)));
  });

  it('customers tagged with a service problem never get a coupon', () => {
    for (const r of full.recommendations) {
      const ts = tagsOf.get(r.customerId) ?? [];
      if (ts.includes('complainer') || ts.includes('negative_sentiment')) expect(r.strategyId).not.toBe('time_limited_coupon');
    }
  });

  it('a budget keeps exactly the first-fit greedy selection of the unbudgeted ranking', () => {
    const budget = 60;
    const cut = recommendActions(profiles, { ...opts, budget });
    const kept = new Set(cut.recommendations.map((r) => r.customerId));
    // the documented slack of 1e-9 relative absorbs rounding of sums such as 0.3 + 0.3 + 0.2
    const limit = budget * (1 + 1e-9);
    let spent = 0;
    for (const r of full.recommendations) {
      if (spent + r.cost <= limit) {
        expect(kept.has(r.customerId), r.customerId).toBe(true);
        spent += r.cost;
      } else expect(kept.has(r.customerId), r.customerId).toBe(false);
    }
    expect(cut.summary.totalCost).toBeCloseTo(spent, 9);
    expect(cut.summary.totalCost).toBeLessThanOrEqual(limit);
    expect(cut.summary.overBudget).toBe(full.summary.recommended - cut.summary.recommended);
    expect(cut.summary.overBudget).toBeGreaterThan(0);
  });
});

describe('recommendActions on assignPersonas (the loop: status → personas → playbook)', () => {
  const shop = simulateShop({ customers: 600, seed: 11 });
  const cutoff = '2024-07-01';
  const matrix = extractFeatures(shop.log, { cutoff, features: [...defaultFeatures, ...personaFeatures()] });
  const status = churnStatus(shop.log, { kind: 'inactivity', days: 60, roles: ['activity', 'purchase'] }, { asOf: cutoff });
  const personas = assignPersonas(matrix, { status });
  const monetary = featureColumn(matrix, 'monetary_total');
  const value = new Map(matrix.customerIds.map((id, i) => [id, monetary[i]!]));
  const { recommendations, summary } = recommendActions(personas, { status, value, tags: applyTags(matrix, TAG_LIBRARY) });
  const row = new Map(personas.customerIds.map((id, i) => [id, i]));

  it('assesses exactly the persona table and uses the persona strategy when there is one', () => {
    expect(summary.customers).toBe(personas.customerIds.length);
    expect(personas.counts.price_sensitive + personas.counts.disappointed + personas.counts.fading + personas.counts.lost_loyal).toBeGreaterThan(10);
    const forPersona = new Map<string, string[]>();
    for (const s of DEFAULT_PLAYBOOK.strategies) for (const p of s.appliesTo.personas ?? []) forPersona.set(p, [...(forPersona.get(p) ?? []), s.id]);
    for (const r of recommendations) {
      const i = row.get(r.customerId)!;
      expect(r.persona).toBe(personas.persona[i]);
      if (r.persona !== 'none') {
        expect(r.matchedBy).toBe('persona');
        expect(forPersona.get(r.persona)).toContain(r.strategyId);
        // the reason quotes the persona's own evidence
        expect(r.reason.startsWith(`${r.persona}: ${personas.reasons[i]![0]!.text}`)).toBe(true);
      } else expect(r.matchedBy).not.toBe('persona');
      // statuses of assessed rows are at_risk or churned, so the risk is the status prior
      expect(r.riskSource).toBe('status');
      expect(r.risk).toBe(DEFAULT_PLAYBOOK.riskPriors!.statuses![status.status[status.customerIds.indexOf(r.customerId)]!]);
    }
    expect(recommendations.some((r) => r.persona !== 'none')).toBe(true);
    expect(recommendations.filter((r) => r.persona === 'disappointed').every((r) => r.strategyId === 'service_follow_up')).toBe(true);
  });
});
