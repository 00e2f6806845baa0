import type { FeatureMatrix } from '../features/FeatureMatrix.js';
import type { Playbook } from '../playbook/Playbook.js';
import { DEFAULT_PLAYBOOK } from '../playbook/defaultPlaybook.js';
import { recommendActions } from '../playbook/recommendActions.js';
import { applyTags } from '../segments/applyTags.js';
import { assignPersonas } from '../segments/assignPersonas.js';
import type { StageTable } from '../segments/lifecycleStages.js';
import { PERSONAS, type PersonaName } from '../segments/PersonaName.js';
import { scoreRfm } from '../segments/scoreRfm.js';
import { TAG_LIBRARY } from '../segments/tagLibrary.js';
import type { AnalysisAction, ChurnAnalysis, LapsedCustomer } from './ChurnAnalysis.js';

export interface SegmentStepInput {
  /** `lifecycleStages(log, { asOf, rule })`: every customer with an event before asOf. */
  stages: StageTable;
  /** Features as of `asOf` for active customers and lapsed (recently churned) ones. */
  matrix: FeatureMatrix;
  /** The active customers' rows of `matrix` (their ids are the active customers). */
  active: FeatureMatrix;
  lapsedIds: readonly string[];
  /** Risk per active customer, aligned with the rows of `active`. */
  risk: Float64Array;
  bands: { high: number; medium: number };
  value: ReadonlyMap<string, number>;
  playbook?: Playbook;
  budget?: number;
  onStep: (step: 'personas' | 'actions') => void;
}

export interface SegmentStepResult {
  stage: Map<string, string>;
  rfm: Map<string, string>;
  tags: Map<string, string[]>;
  persona: Map<string, PersonaName>;
  lapsed: LapsedCustomer[];
  segments: ChurnAnalysis['segments'];
  actions: ChurnAnalysis['actions'];
  provenance: Record<string, string>;
}

/** Tags, RFM segments, lifecycle stages, personas and actions for the analysis. */
export function segmentCustomers(x: SegmentStepInput): SegmentStepResult {
  const provenance: Record<string, string> = {};
  const activeIds = x.active.customerIds;
  const riskOf = new Map(activeIds.map((id, r) => [id, x.risk[r]!]));

  // Lifecycle stages for every customer with an event before asOf.
  const stages = x.stages;
  const stage = new Map(stages.customerIds.map((id, r) => [id, stages.stage[r]!]));
  const churnedAt = new Map(stages.customerIds.map((id, r) => [id, stages.churnTime[r]!]));
  provenance['segments.lifecycle'] = 'segments.lifecycleStages(log, { asOf, rule })';

  // RFM over active and lapsed customers together (one population).
  const rfmTable = scoreRfm(x.matrix);
  const rfm = new Map(rfmTable.customerIds.map((id, r) => [id, rfmTable.segment[r]!]));
  const grid = new Map<string, { r: number; f: number; count: number; money: number; withMoney: number }>();
  const money = x.matrix.columns[x.matrix.names.indexOf('monetary_total')];
  for (let r = 0; r < rfmTable.customerIds.length; r++) {
    const R = rfmTable.recency[r]!;
    const F = rfmTable.frequency[r]!;
    if (R === 0) continue;
    const key = `${R}/${F}`;
    const cell = grid.get(key) ?? { r: R, f: F, count: 0, money: 0, withMoney: 0 };
    cell.count++;
    const m = money?.[r];
    if (m !== undefined && Number.isFinite(m)) {
      cell.money += m;
      cell.withMoney++;
    }
    grid.set(key, cell);
  }
  const riskSum = new Map<string, { sum: number; count: number }>();
  for (const [id, p] of riskOf) {
    const s = rfm.get(id);
    if (s === undefined) continue;
    const a = riskSum.get(s) ?? { sum: 0, count: 0 };
    a.sum += p;
    a.count++;
    riskSum.set(s, a);
  }
  provenance['segments.rfm'] = 'segments.scoreRfm(features as of asOf)';

  // Tags from the built-in library on active customers.
  const tagTable = applyTags(x.active, TAG_LIBRARY);
  const tags = new Map(tagTable.customerIds.map((id, r) => [id, [...tagTable.tags[r]!]]));
  provenance['segments.tags'] = 'segments.applyTags(features, TAG_LIBRARY)';

  // Personas for high- and medium-risk active customers and lapsed ones.
  x.onStep('personas');
  const assessIds = [...activeIds.filter((id) => riskOf.get(id)! >= x.bands.medium), ...x.lapsedIds];
  // The whole matrix, so population thresholds (top 10% of spend) rank against every customer.
  const personas = assignPersonas(x.matrix, { customers: assessIds });
  const persona = new Map(personas.customerIds.map((id, r) => [id, personas.persona[r]!]));
  const personaReasons = new Map(personas.customerIds.map((id, r) => [id, personas.reasons[r]!.map((q) => q.text)]));
  provenance['segments.personas'] = 'segments.assignPersonas(features of high/medium-risk and recently churned customers)';

  // Actions: active customers at their model risk; lapsed customers (already churned) at the
  // playbook's prior for status churned — the chance they stay gone without an action, which
  // the reason names ("prior for status churned") — or at 1 when the playbook has no priors.
  x.onStep('actions');
  const hasChurnedPrior = (x.playbook ?? DEFAULT_PLAYBOOK).riskPriors?.statuses?.churned !== undefined;
  const profiles = assessIds.map((id) => ({
    customerId: id,
    persona: persona.get(id) ?? 'none',
    tags: tags.get(id) ?? [],
    ...(rfm.get(id) === undefined ? {} : { segment: rfm.get(id)! }),
    ...(riskOf.has(id) ? { risk: riskOf.get(id)! } : hasChurnedPrior ? { status: 'churned' as const } : { risk: 1 }),
    // Unknown value: left out, so the playbook's default applies and is counted.
    ...(x.value.has(id) ? { value: x.value.get(id)! } : {}),
    reasons: personaReasons.get(id) ?? [],
  }));
  const rec = recommendActions(profiles, {
    ...(x.playbook === undefined ? {} : { playbook: x.playbook }),
    ...(x.budget === undefined ? {} : { budget: x.budget }),
  });
  provenance['actions'] = 'playbook.recommendActions(personas, { risk (lapsed: status churned prior), value, playbook, budget })';
  const recommendations: AnalysisAction[] = rec.recommendations.map((r) => ({
    rank: r.rank, customerId: r.customerId, persona: r.persona, strategyId: r.strategyId, channel: r.channel, action: r.action,
    kpi: r.kpi.join(', '), risk: r.risk, value: r.value, successRate: r.successRate, cost: r.cost, expectedValueSaved: r.expectedValueSaved, reason: r.reason,
  }));

  const lapsed: LapsedCustomer[] = x.lapsedIds.map((id) => ({
    customerId: id,
    churnedAt: new Date(churnedAt.get(id)!).toISOString(),
    rfmSegment: rfm.get(id) ?? null,
    persona: persona.get(id) ?? 'none',
    value: x.value.get(id) ?? null,
  }));
  lapsed.sort((a, b) => (b.value ?? -1) - (a.value ?? -1) || (a.customerId < b.customerId ? -1 : 1));

  const personaCounts = Object.fromEntries([...PERSONAS, 'none'].map((p) => [p, 0])) as Record<PersonaName, number>;
  for (const p of persona.values()) personaCounts[p]++;
  return {
    stage,
    rfm,
    tags,
    persona,
    lapsed,
    segments: {
      rfm: rfmTable.segments.map((s) => ({
        name: s.name,
        size: s.size,
        share: s.share,
        meanMonetary: Number.isFinite(s.meanMonetary) ? s.meanMonetary : null,
        meanRisk: riskSum.has(s.name) ? riskSum.get(s.name)!.sum / riskSum.get(s.name)!.count : null,
      })),
      rfmGrid: [...grid.values()]
        .sort((a, b) => a.r - b.r || a.f - b.f)
        .map((c) => ({ r: c.r, f: c.f, count: c.count, meanMonetary: c.withMoney > 0 ? c.money / c.withMoney : null })),
      lifecycle: { ...stages.counts },
      tags: TAG_LIBRARY.map((t) => ({ id: t.id, label: t.label, count: tagTable.counts[t.id] ?? 0 })),
      personas: personaCounts,
    },
    actions: {
      recommendations,
      totalCost: rec.summary.totalCost,
      totalExpectedValueSaved: rec.summary.totalExpectedValueSaved,
      byStrategy: rec.summary.byStrategy.map((s) => ({ strategyId: s.strategyId, customers: s.count, cost: s.cost, expectedValueSaved: s.expectedValueSaved })),
      leftOut: rec.summary.overBudget,
      notWorthIt: rec.summary.notWorthIt,
      noStrategy: rec.summary.noStrategy,
      valueSources: { ...rec.summary.valueSources },
    },
    provenance,
  };
}
