import type { ChurnAnalysis } from './ChurnAnalysis.js';
import { integerText } from '../internal/format.js';

type Partial = Omit<ChurnAnalysis, 'summary' | 'highlights' | 'alerts'>;

const n = (x: number): string => integerText(x);
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/**
 * Customers newly high-risk since `previous`, and segments whose mean risk rose by `rise` or more.
 * `previous` has passed analyzeChurn's check (format, version, customers, settings.asOf).
 */
export function alertsSince(now: Partial, previous: ChurnAnalysis | undefined, rise: number): ChurnAnalysis['alerts'] {
  if (previous === undefined) return { previousAsOf: null, newlyHighRisk: [], risingSegments: [] };
  const before = new Map(previous.customers.map((c) => [c.customerId, c]));
  const newlyHighRisk = now.customers
    .filter((c) => c.band === 'high' && before.get(c.customerId)?.band !== 'high')
    .map((c) => ({ customerId: c.customerId, risk: c.risk, previousRisk: before.get(c.customerId)?.risk ?? null }));
  const risingSegments: ChurnAnalysis['alerts']['risingSegments'] = [];
  for (const kind of ['rfm', 'persona'] as const) {
    const meanNow = meanRiskBy(now.customers, kind);
    const meanBefore = meanRiskBy(previous.customers, kind);
    for (const [segment, m] of meanNow) {
      const b = meanBefore.get(segment);
      if (b !== undefined && m.count >= 5 && b.count >= 5 && m.mean - b.mean >= rise) {
        risingSegments.push({ kind, segment, meanRisk: m.mean, previousMeanRisk: b.mean });
      }
    }
  }
  risingSegments.sort((a, b) => b.meanRisk - b.previousMeanRisk - (a.meanRisk - a.previousMeanRisk));
  return { previousAsOf: previous.settings.asOf, newlyHighRisk, risingSegments };
}

function meanRiskBy(customers: ChurnAnalysis['customers'], kind: 'rfm' | 'persona'): Map<string, { mean: number; count: number }> {
  const acc = new Map<string, { sum: number; count: number }>();
  for (const c of customers) {
    const key = kind === 'rfm' ? c.rfmSegment : c.persona;
    if (key === null || key === undefined) continue;
    const a = acc.get(key) ?? { sum: 0, count: 0 };
    a.sum += c.risk;
    a.count++;
    acc.set(key, a);
  }
  return new Map([...acc].map(([k, a]) => [k, { mean: a.sum / a.count, count: a.count }]));
}

/** The plain-language summary: one fact per line, each traceable to a section of the analysis. */
export function summarize(a: Partial, alerts: ChurnAnalysis['alerts']): { summary: string; highlights: string[] } {
  const lines: string[] = [];
  const active = a.customers.length;
  const drivers = topDriverNames(a);
  lines.push(
    `${n(active)} active customers; ${n(a.risk.counts.high)} high-risk (≥ ${pct(a.settings.bands.high)}) and ${n(a.risk.counts.medium)} medium-risk` +
      (drivers.length > 0 ? `; main drivers: ${drivers.join(', ')}.` : '.'),
  );
  const complete = a.churnRate.filter((p) => p.complete && p.rate !== null);
  const lastRate = complete[complete.length - 1];
  if (lastRate !== undefined) {
    const prior = complete.slice(-13, -1).map((p) => p.rate!);
    const mean = prior.length > 0 ? prior.reduce((s, x) => s + x, 0) / prior.length : NaN;
    lines.push(
      `Monthly churn was ${pct(lastRate.rate!)} in ${lastRate.label}` + (Number.isFinite(mean) ? ` (average of the ${prior.length} months before: ${pct(mean)}).` : '.'),
    );
  }
  if (a.backtest.mean.rocAuc !== null) {
    const lift = a.backtest.folds[a.backtest.folds.length - 1]?.topDecileLift;
    lines.push(
      `The ${a.settings.algorithm} model ranks churners with a backtest AUC of ${a.backtest.mean.rocAuc.toFixed(3)} over ${a.backtest.folds.length} later snapshot(s)` +
        (lift !== null && lift !== undefined ? `; its top 10% hold ${lift.toFixed(1)}× the average churn rate.` : '.'),
    );
  }
  const personas = Object.entries(a.segments.personas).filter(([k, v]) => k !== 'none' && v > 0).sort((x, y) => y[1] - x[1]);
  if (personas.length > 0) lines.push(`Win-back personas: ${personas.map(([k, v]) => `${k.replace('_', ' ')} ${n(v)}`).join(', ')}.`);
  if (a.lapsed.length > 0) lines.push(`${n(a.lapsed.length)} customers churned in the last ${a.settings.winBackDays} days and can still be won back.`);
  if (a.actions.recommendations.length > 0) {
    lines.push(
      `${n(a.actions.recommendations.length)} recommended actions cost ${n(a.actions.totalCost)} and are expected to save ${n(a.actions.totalExpectedValueSaved)} in customer value` +
        (a.actions.leftOut > 0 ? ` (${n(a.actions.leftOut)} more left out by the budget).` : '.'),
    );
  }
  const skipped = a.actions.notWorthIt + a.actions.noStrategy;
  if (skipped > 0 || a.actions.valueSources.default > 0) {
    lines.push(
      `Of the customers assessed for actions, ${n(a.actions.notWorthIt)} are not worth a contact (expected value saved ≤ 0) and ${n(a.actions.noStrategy)} match no strategy` +
        (a.actions.valueSources.default > 0 ? `; ${n(a.actions.valueSources.default)} had no known value and got the playbook's placeholder.` : '.'),
    );
  }
  if (alerts.previousAsOf !== null) {
    lines.push(
      `Since ${alerts.previousAsOf.slice(0, 10)}: ${n(alerts.newlyHighRisk.length)} customers became high-risk` +
        (alerts.risingSegments.length > 0 ? `; risk rose in ${alerts.risingSegments.map((s) => s.segment).join(', ')}.` : '.'),
    );
  }
  const issues = a.audit.rejects.rejected + a.audit.duplicates.events;
  if (issues > 0) lines.push(`Data: ${n(a.audit.rejects.rejected)} rejected rows and ${n(a.audit.duplicates.events)} duplicate events (see the audit).`);
  return { summary: lines.join(' '), highlights: lines };
}

/** Most frequent top driver features among high-risk customers (fall back to model importance). */
function topDriverNames(a: Partial): string[] {
  const freq = new Map<string, number>();
  for (const c of a.customers) {
    if (c.band !== 'high') continue;
    const d = c.drivers[0];
    if (d !== undefined) freq.set(d.feature, (freq.get(d.feature) ?? 0) + 1);
  }
  const names = [...freq].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([f]) => f);
  return (names.length > 0 ? names : a.model.importance.map((i) => i.feature)).slice(0, 3).map((f) => f.replace(/_/g, ' '));
}
