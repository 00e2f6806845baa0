/**
 * churnkit quickstart: the churn loop on the embedded simulated shop.
 * Run with `npm run demo` (or `npx tsx examples/quickstart.ts`).
 *
 * 1. simulate a multi-source shop   2. audit the data   3. define churn and chart its rate
 * 4. extract point-in-time signals  5. backtest and train a model, explain the riskiest customers
 * 6. RFM segments, lifecycle stages, tags, win-back personas and a playbook within a budget
 * 7. a win-back campaign with a holdout: lift with intervals, verdicts per strategy, sample size
 * 8. P(alive) from BG/NBD, a churn risk that needs no labels
 * 9. the whole loop in one call (analyzeChurn) and a self-contained HTML report (report.html)
 */
import { writeReport } from '../src/node/index.js';
import {
  analyzeChurn,
  applyTags,
  assignPersonas,
  auditEvents,
  defaultFeatures,
  evaluateCampaign,
  sampleSize,
  simulateCampaign,
  lifecycleStages,
  personaFeatures,
  recommendActions,
  scoreRfm,
  selectFeatureRows,
  TAG_LIBRARY,
  backtest,
  btydSummary,
  churnRateSeries,
  churnStatus,
  cohortRetention,
  survivalFromLog,
  extractFeatures,
  featureColumn,
  fitBgNbd,
  formatAuditReport,
  labelCustomers,
  purchaseGapQuantiles,
  simulateShop,
  trainChurnModel,
  validateChurnRule,
} from '../src/index.js';

const heading = (s: string): void => console.log(`\n${s}\n${'─'.repeat(s.length)}`);
const n = (x: number): string => x.toLocaleString('en-US');
const pct = (x: number): string => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '—');
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

// 1. ──────────────────────────────────────────────────────────────────────────────────────
const t0 = performance.now();
const shop = simulateShop({ customers: 5000, seed: 7 });
const { log } = shop;
heading('1. The simulated shop');
console.log(
  `${n(log.customerCount)} customers, ${n(log.size)} events from ${log.sources.length} sources ` +
    `(${log.sources.join(', ')}), ${day(shop.start)} → ${day(shop.end)}, generated in ${(performance.now() - t0).toFixed(0)} ms.`,
);

// 2. ──────────────────────────────────────────────────────────────────────────────────────
heading('2. Data quality audit');
console.log(formatAuditReport(auditEvents(log, { asOf: shop.end }), { maxRows: 8 }));

// 3. ──────────────────────────────────────────────────────────────────────────────────────
heading('3. What churn means here');
const gaps = purchaseGapQuantiles(log, { probs: [0.5, 0.9, 0.95, 0.99] });
console.log(
  `Gaps between purchases: median ${gaps.days[0]!.toFixed(0)} days, 90% ${gaps.days[1]!.toFixed(0)}, ` +
    `95% ${gaps.days[2]!.toFixed(0)}, 99% ${gaps.days[3]!.toFixed(0)} (${n(gaps.gaps)} gaps).`,
);
// Rules are data: this object could come from a database or a dashboard.
const rule = validateChurnRule({ kind: 'inactivity', days: 60, roles: ['purchase', 'activity'] });
console.log(`Rule: ${JSON.stringify(rule)} — silent for more than 60 days.`);
console.log('\nmonth     active  churned   rate  came back');
for (const p of churnRateSeries(log, rule, { start: shop.start, end: shop.end, period: 'month', dataEnd: shop.end })) {
  console.log(`${p.label}  ${String(p.activeAtStart).padStart(6)}  ${String(p.churned).padStart(7)}  ${pct(p.rate).padStart(5)}  ${String(p.returned).padStart(9)}`);
}
const status = churnStatus(log, rule, { asOf: shop.end });
console.log(`\nStatus at ${day(shop.end)}: ${Object.entries(status.counts).map(([k, v]) => `${k} ${n(v)}`).join(', ')}.`);

// 4. ──────────────────────────────────────────────────────────────────────────────────────
const cutoff = Date.UTC(2024, 6, 1);
heading(`4. Signals as of ${day(cutoff)} (only events before the cutoff)`);
const labels = labelCustomers(log, rule, { cutoff, horizonDays: 90, dataEnd: shop.end });
const X = extractFeatures(log, { cutoff, customers: labels.customerIds });
console.log(
  `${n(X.customerIds.length)} eligible customers × ${X.names.length} features; ` +
    `${n(labels.counts.churned)} of them churn within 90 days (${pct(labels.counts.churned / labels.counts.eligible)}).`,
);
const churnerMean = (name: string, want: number): number => {
  const col = featureColumn(X, name);
  let s = 0;
  let k = 0;
  for (let r = 0; r < col.length; r++) {
    if (labels.label[r] === want && Number.isFinite(col[r]!)) {
      s += col[r]!;
      k++;
    }
  }
  return k === 0 ? NaN : s / k;
};
console.log('\nsignal                      churners  stayers');
for (const f of ['recency_days', 'purchase_overdue_ratio', 'activity_trend_30d', 'complaint_count_90d', 'sentiment_mean_90d', 'coupon_order_share']) {
  if (!X.names.includes(f)) continue;
  console.log(`${f.padEnd(26)} ${churnerMean(f, 1).toFixed(2).padStart(9)} ${churnerMean(f, 0).toFixed(2).padStart(8)}`);
}

// The most unusual features of a few customers whose planted cause starts after the cutoff:
// each feature's distance from the population mean in standard deviations (z).
const stats = X.columns.map((col) => {
  let k = 0;
  let mean = 0;
  let m2 = 0;
  for (const v of col) {
    if (!Number.isFinite(v)) continue;
    k++;
    const d = v - mean;
    mean += d / k;
    m2 += d * (v - mean);
  }
  return { mean, sd: k > 1 ? Math.sqrt(m2 / (k - 1)) : 0 };
});
const rowOf = new Map(X.customerIds.map((id, r) => [id, r]));
console.log('\nTop features of a few customers (z = standard deviations from the mean):');
for (const cause of ['bad_experience', 'price_sensitive', 'fading', 'lured_away'] as const) {
  const i = shop.truth.cause.findIndex(
    (c, k) => c === cause && rowOf.has(shop.truth.customerIds[k]!) && shop.truth.causeTime[k]! < cutoff && shop.truth.churnTime[k]! >= cutoff,
  );
  if (i < 0) continue;
  const r = rowOf.get(shop.truth.customerIds[i]!)!;
  const top = X.columns
    .map((col, j) => ({ j, v: col[r]!, z: stats[j]!.sd > 0 ? (col[r]! - stats[j]!.mean) / stats[j]!.sd : 0 }))
    .filter((x) => Number.isFinite(x.z))
    .sort((a, b) => Math.abs(b.z) - Math.abs(a.z))
    .slice(0, 3)
    .map((x) => `${X.names[x.j]} ${Number(x.v.toFixed(2))} (z ${x.z > 0 ? '+' : ''}${x.z.toFixed(1)})`);
  console.log(`  ${X.customerIds[r]} (planted cause: ${cause.replace('_', ' ')}): ${top.join('; ')}`);
}

// 5. ──────────────────────────────────────────────────────────────────────────────────────
heading('5. Predict: a time-based backtest, then a model for today');
const bt = backtest(log, rule, {
  cutoffs: ['2023-10-01', '2024-01-01', '2024-04-01', '2024-07-01'],
  horizonDays: 90,
  algorithm: 'boosting',
  dataEnd: shop.end,
});
for (const f of bt.folds) {
  console.log(
    `test cutoff ${day(f.cutoff)}: trained on ${f.trainCutoffs.length} earlier cutoff(s), ${n(f.testRows)} customers, ` +
      `AUC ${f.rocAuc?.toFixed(3)}, top-decile lift ${f.topDecileLift?.toFixed(1)}`,
  );
}
const model = trainChurnModel(X, labels.label, { algorithm: 'boosting', seed: 1 });
console.log(`\nMost important signals: ${model.importance().slice(0, 6).map((i) => i.feature).join(', ')}.`);

const active = status.customerIds.filter((_, i) => status.status[i] !== 'churned');
const today = extractFeatures(log, { cutoff: shop.end, customers: active });
const risk = model.predict(today);
const order = [...risk.keys()].sort((a, b) => risk[b]! - risk[a]!);
const high = order.filter((r) => risk[r]! >= 0.5).length;
console.log(`${n(active.length)} customers not yet churned at ${day(shop.end)}; ${n(high)} with churn risk ≥ 50%.`);
console.log('\nTop 5 at risk, and why:');
const top = order.slice(0, 5);
const explained = model.explain(selectFeatureRows(today, top), { top: 3, positiveOnly: true });
for (const e of explained) {
  console.log(`  ${e.customerId}  risk ${pct(e.probability)}  — ${e.drivers.map((d) => d.text).join('; ')}`);
}

// 6. ──────────────────────────────────────────────────────────────────────────────────────
heading('6. Who they are: RFM segments, lifecycle stages, tags, win-back personas');
// Features as of the end of the data for every customer with history, plus the persona signals.
const everyone = extractFeatures(log, { cutoff: shop.end, customers: status.customerIds, features: [...defaultFeatures, ...personaFeatures()] });
const rfm = scoreRfm(everyone);
console.log('RFM segment        customers  mean spend');
for (const s of rfm.segments.filter((x) => x.size > 0)) {
  console.log(`${s.name.padEnd(18)} ${String(s.size).padStart(9)}  ${Number.isFinite(s.meanMonetary) ? s.meanMonetary.toFixed(0).padStart(10) : '—'.padStart(10)}`);
}
const stages = lifecycleStages(log, { asOf: shop.end, rule });
console.log(`\nLifecycle: ${Object.entries(stages.counts).map(([k, v]) => `${k} ${n(v)}`).join(', ')}.`);
const tags = applyTags(everyone, TAG_LIBRARY);
console.log(`Tags: ${Object.entries(tags.counts).map(([k, v]) => `${k.replace(/_/g, ' ')} ${n(v)}`).join(', ')}.`);

// Personas for the customers worth a win-back: at risk now (model ≥ 25%) or churned in the last 90 days (older churners: windowed signals have aged out).
const riskOf = new Map(today.customerIds.map((id, r) => [id, risk[r]!]));
const assess = status.customerIds.filter((id, i) =>
  status.status[i] === 'churned' ? status.churnTime[i]! >= shop.end - 90 * 86_400_000 : (riskOf.get(id) ?? 0) >= 0.25);
const personas = assignPersonas(everyone, { customers: assess });
console.log(`\nWin-back personas of ${n(assess.length)} at-risk or recently churned customers: ${Object.entries(personas.counts).map(([k, v]) => `${k.replace('_', ' ')} ${n(v)}`).join(', ')}.`);
// How well do the personas recover the causes the simulator planted, among the recently churned?
// (Truth is only read here, never by the library.)
const churnedNow = new Set(status.customerIds.filter((_, i) => status.status[i] === 'churned'));
const causeOf = new Map(shop.truth.customerIds.map((id, i) => [id, shop.truth.cause[i]]));
const expectedPersona = { price_sensitive: 'price_sensitive', bad_experience: 'disappointed', fading: 'fading', lured_away: 'lost_loyal' } as const;
for (const cause of ['price_sensitive', 'bad_experience', 'fading', 'lured_away'] as const) {
  const rows = personas.customerIds.map((_, r) => r).filter((r) => churnedNow.has(personas.customerIds[r]!) && causeOf.get(personas.customerIds[r]!) === cause);
  const hit = rows.filter((r) => personas.persona[r] === expectedPersona[cause]).length;
  if (rows.length > 0) console.log(`  planted ${cause.replace('_', ' ').padEnd(15)} → ${expectedPersona[cause].padEnd(15)} ${hit}/${rows.length} (${pct(hit / rows.length)})`);
}

// The default playbook: a different treatment per persona, ranked by expected value saved, within a budget.
// Value: annualised spend. The persona table is the customer list (persona and reasons per row).
const spend = featureColumn(everyone, 'monetary_total');
const tenure = featureColumn(everyone, 'tenure_days');
const value = new Map(everyone.customerIds.map((id, r) => [id, Number.isFinite(spend[r]!) ? (spend[r]! / Math.max(tenure[r]!, 30)) * 365 : 0]));
const plan = recommendActions(personas, {
  risk: new Map(personas.customerIds.map((id) => [id, riskOf.get(id) ?? 1])), // churned customers: already gone
  value,
  budget: 5000,
});
console.log(
  `\nRecommended: ${n(plan.summary.recommended)} contacts for ${n(plan.summary.totalCost)} (budget 5,000), expected value saved ` +
    `${n(Math.round(plan.summary.totalExpectedValueSaved))}; ${n(plan.summary.overBudget)} more left out by the budget.`,
);
console.log(plan.summary.byStrategy.filter((s) => s.count > 0).map((s) => `  ${s.strategyId}: ${s.count}`).join('\n'));
console.log('Top 5 actions:');
for (const r of plan.recommendations.slice(0, 5)) {
  console.log(`  ${r.rank}. ${r.customerId} ${r.persona.padEnd(15)} ${r.strategyId.padEnd(22)} ${r.channel.padEnd(6)} EV saved ${r.expectedValueSaved.toFixed(0)}`);
}

// 7. ──────────────────────────────────────────────────────────────────────────────────────
heading('7. Did the win-back work? A campaign with a holdout');
// Back at 2024-07-01: the customers the model saw most at risk got the playbook's strategy for their persona,
// and half were held out at random. The simulator knows how well each strategy works on each
// planted cause, so the true lift is known; evaluateCampaign only sees the outcomes.
// The targeting model may only know outcomes observed by then: trained on the 2024-03-01 snapshot, whose
// 90-day window closed by the pilot date (the model of step 5 learned from this window’s outcomes).
const pilotTrainAt = Date.UTC(2024, 2, 1);
const pilotLabels = labelCustomers(log, rule, { cutoff: pilotTrainAt, horizonDays: 90, dataEnd: cutoff });
const pilotModel = trainChurnModel(extractFeatures(log, { cutoff: pilotTrainAt, customers: pilotLabels.customerIds }), pilotLabels.label, { algorithm: 'boosting', seed: 1 });
const atCutoff = extractFeatures(log, { cutoff, customers: labels.customerIds, features: [...defaultFeatures, ...personaFeatures()] });
const riskThen = pilotModel.predict(atCutoff);
// The 2,000 highest risks (about 60% of customers) were targeted, half of them held out.
const targets = [...riskThen.keys()].sort((a, b) => riskThen[b]! - riskThen[a]!).slice(0, 2000).map((r) => atCutoff.customerIds[r]!);
const personasThen = assignPersonas(atCutoff, { customers: targets });
const strategyFor = { price_sensitive: 'time_limited_coupon', disappointed: 'service_follow_up', fading: 'soft_content', lost_loyal: 'vip_care', none: 'soft_content' } as const;
const campaign = simulateCampaign(shop, {
  asOf: cutoff,
  customers: targets,
  holdout: 0.5,
  windowDays: 90,
  seed: 11,
  assign: Object.fromEntries(personasThen.customerIds.map((id, r) => [id, strategyFor[personasThen.persona[r]!]])),
  strategies: [
    // Share of would-be churners each treatment keeps, by planted cause (assumptions of this simulation).
    { id: 'time_limited_coupon', cost: 8, successByCause: { price_sensitive: 0.5, fading: 0.1, lured_away: 0.05 } },
    { id: 'service_follow_up', cost: 12, successByCause: { bad_experience: 0.45, price_sensitive: 0.05, fading: 0.05 } },
    { id: 'soft_content', cost: 1, successByCause: { fading: 0.2, price_sensitive: 0.02 } },
    { id: 'vip_care', cost: 40, successByCause: { lured_away: 0.4, fading: 0.1 } },
  ],
});
const result = evaluateCampaign(campaign.outcomes);
const o = result.overall;
const f3 = (x: number): string => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`;
console.log(
  `${n(o.treatment.size)} treated, ${n(o.control.size)} held out: retained ${pct(o.treatment.rate)} vs ${pct(o.control.rate)}, ` +
    `lift ${f3(o.lift)} points (95% CI ${f3(o.lower)} to ${f3(o.upper)}; true ${f3(campaign.truth.overall)}), p = ${o.pValue.toPrecision(2)} (${o.test}).`,
);
console.log(`Incremental customers kept: ${o.incrementalRetained.toFixed(0)}; cost ${n(o.cost)}; cost per customer kept ${o.costPerIncrementalCustomer === null ? '—' : o.costPerIncrementalCustomer.toFixed(0)}.`);
const roi = (c: typeof o): string => (c.roi === null ? '—' : `${c.roi.toFixed(2)} (${c.roiLower?.toFixed(2) ?? '?'} to ${c.roiUpper?.toFixed(2) ?? '?'})`);
if (o.incrementalRevenue !== null) {
  const money = (x: number | null): string => (x === null ? '?' : n(Math.round(x)));
  console.log(`Incremental revenue ${money(o.incrementalRevenue)} (95% CI ${money(o.incrementalRevenueLower)} to ${money(o.incrementalRevenueUpper)}); ROI ${roi(o)}.`);
}
console.log('\nstrategy              treated  control   lift (95% CI)              true    ROI (95% CI)           verdict');
for (const c of result.byStrategy) {
  console.log(
    `${String(c.key).padEnd(21)} ${String(c.treatment.size).padStart(7)}  ${String(c.control.size).padStart(7)}   ` +
      `${f3(c.lift).padStart(6)} (${f3(c.lower)} to ${f3(c.upper)})`.padEnd(27) +
      `${f3(campaign.truth.byStrategy[c.key!] ?? NaN).padStart(6)}    ${roi(c).padEnd(22)} ${c.verdict.replace(/_/g, ' ')}`,
  );
}
const best = result.byStrategy.reduce((a, b) => (b.lower > a.lower ? b : a));
console.log(`Why "${best.verdict.replace(/_/g, ' ')}" for ${best.key}: ${best.verdictReason}`);
const plan2 = sampleSize({ baselineRate: o.control.rate, minDetectableLift: 0.03 });
console.log(`\nTo detect a 3-point lift next time (80% power, 5% level): ${n(plan2.treatment)} treated and ${n(plan2.control)} held out.`);

// 8. ──────────────────────────────────────────────────────────────────────────────────────
heading('8. Buy-till-you-die: P(alive) without labels (BG/NBD)');
const summary = btydSummary(log, { cutoff: shop.end, unit: 'week' });
const bg = fitBgNbd(summary);
const alive = bg.probabilityAlive(summary.x, summary.tx, summary.T);
const p = bg.params;
console.log(
  `BG/NBD fitted on ${n(summary.customerIds.length)} buyers: purchase rates Gamma(r ${p.r.toFixed(2)}, α ${p.alpha.toFixed(1)}), ` +
    `chance of dropping out after a purchase a/(a+b) = ${(p.a / (p.a + p.b)).toFixed(3)}.`,
);
const truthRow = new Map(shop.truth.customerIds.map((id, i) => [id, i]));
let gone = 0;
let goneAlive = 0;
let stay = 0;
let stayAlive = 0;
summary.customerIds.forEach((id, i) => {
  const churned = shop.truth.churned[truthRow.get(id)!] === 1;
  if (churned) {
    gone++;
    goneAlive += alive[i]!;
  } else {
    stay++;
    stayAlive += alive[i]!;
  }
});
console.log(`Mean P(alive): ${(goneAlive / gone).toFixed(2)} for customers the simulator made leave, ${(stayAlive / stay).toFixed(2)} for those who stayed.`);
// 9. ──────────────────────────────────────────────────────────────────────────────────────
heading('9. The whole loop in one call, and a report');
const analysis = analyzeChurn(log, {
  rule,
  table: shop.customers,
  budget: 5000,
  onProgress: (s) => process.stderr.write(`  [${s.index}/${s.total}] ${s.message}\n`),
});
console.log(analysis.highlights.map((h) => `• ${h}`).join('\n'));
const written = await writeReport('report.html', analysis, {
  title: 'Churn report — simulated shop',
  campaign: result,
  campaignName: 'Win-back pilot, July 2024',
  // The same moment as the analysis (the end of the last full day of data).
  cohorts: cohortRetention(log, { period: 'month', roles: ['purchase'], asOf: analysis.settings.asOf }),
  survival: survivalFromLog(log, rule, { asOf: analysis.settings.asOf, groupBy: 'channel', table: shop.customers }),
});
console.log(`\nReport: ${written.path} (${(written.bytes / 1024).toFixed(0)} KiB, self-contained; open it in a browser).`);
console.log(`\nDone in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
