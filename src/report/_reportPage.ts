/**
 * The mapping from a {@link ChurnAnalysis} (and optional lift results) onto a {@link ReportPage}:
 * which sections, charts and tables the churn report has and in what order. Kept apart from
 * `renderReport` so that tests can check the page structure without rendering SVG.
 *
 * @internal
 * @module
 */
import type { ChurnRule } from '../churn/ChurnRule.js';
import type { RatePoint } from '../churn/churnRateSeries.js';
import type { CalibrationCurve } from '../evaluate/calibrationCurve.js';
import type { GainsCurve } from '../evaluate/gainsCurve.js';
import type { RocCurve } from '../evaluate/rocCurve.js';
import { ChurnkitError, invalidOption, show } from '../internal/errors.js';
import type { CampaignComparison, CampaignResult } from '../lift/CampaignResult.js';
import type { SurvivalFromLog } from '../lift/survivalFromLog.js';
import type { Explanation } from '../models/types.js';
import type { ChurnAnalysis, ScoredCustomer } from '../pipeline/ChurnAnalysis.js';
import { calibrationChart } from './charts/calibrationChart.js';
import { campaignLiftChart, type CampaignLiftRow } from './charts/campaignLiftChart.js';
import { churnRateChart } from './charts/churnRateChart.js';
import { cohortRetentionChart } from './charts/cohortRetentionChart.js';
import { driversChart } from './charts/driversChart.js';
import { featureImportanceChart } from './charts/featureImportanceChart.js';
import { gainsChart } from './charts/gainsChart.js';
import { liftChart } from './charts/liftChart.js';
import { rfmHeatmapChart } from './charts/rfmHeatmapChart.js';
import { riskDistributionChart } from './charts/riskDistributionChart.js';
import { rocChart } from './charts/rocChart.js';
import { segmentSizesChart } from './charts/segmentSizesChart.js';
import { survivalChart, type SurvivalPoint } from './charts/survivalChart.js';
import type { Kpi, ReportBlock, ReportPage, ReportSection } from './html.js';
import type { RenderReportOptions } from './RenderReportOptions.js';
import { integerText } from '../internal/format.js';

const FN = 'renderReport';

/** Percent with one decimal; "–" for null/NaN. */
export function pct(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : `${(100 * x).toFixed(digits)}%`;
}

/** Whole number with thousands separators (locale-free). */
export function whole(x: number): string {
  return Number.isFinite(x) ? integerText(x, '−') : '–';
}

function fixed(x: number | null | undefined, digits = 3): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits);
}

const day = (iso: string | null | undefined): string => (typeof iso === 'string' ? iso.slice(0, 10) : '–');

/** A churn rule in words: "no purchase or activity event for more than 90 days". */
export function describeRule(rule: ChurnRule): string {
  const sel = (r: { roles?: readonly string[]; types?: readonly string[] }, fallback: string): string => {
    const names = [...(r.roles ?? []), ...(r.types ?? [])];
    return names.length === 0 ? fallback : names.join(' or ');
  };
  const named = rule.name ? `${rule.name}: ` : '';
  switch (rule.kind) {
    case 'inactivity':
      return `${named}no ${sel(rule, '')}${rule.roles?.length || rule.types?.length ? ' ' : ''}event for more than ${rule.days} days`;
    case 'cancellation':
      return `${named}a ${sel(rule, 'cancel')} event takes effect` + (rule.graceDays ? ` (after ${rule.graceDays} grace days)` : '');
    case 'valueDrop':
      return `${named}${rule.measure} over the last ${rule.windowDays} days below ${pct(rule.ratio, 0)} of the ${rule.baselineDays} days before`;
    case 'overdue':
      return `${named}silent for more than ${rule.multiple}× the customer's median purchase gap (from ${rule.minPurchases} purchases; otherwise ${describeRule(rule.fallback)})`;
    case 'anyOf':
      return `${named}any of: ${rule.rules.map(describeRule).join('; ')}`;
    case 'allOf':
      return `${named}all of: ${rule.rules.map(describeRule).join('; ')}`;
    default:
      return JSON.stringify(rule);
  }
}

/** Checks the shape of the parts of an analysis the report reads, so a wrong object fails with a path. */
export function checkAnalysis(a: unknown): asserts a is ChurnAnalysis {
  const bad = (path: (string | number)[], expected: string, received: unknown): never => {
    throw new ChurnkitError('INVALID_INPUT', `${FN}: ${path.length ? `analysis.${path.join('.')}` : 'the analysis'} must be ${expected}; received ${show(received)}.`, {
      path: ['analysis', ...path], expected, received,
    });
  };
  if (a === null || typeof a !== 'object' || Array.isArray(a)) bad([], 'a ChurnAnalysis object (from analyzeChurn)', a);
  const x = a as Record<string, unknown>;
  if (x.format !== 'churnkit.analysis') bad(['format'], '"churnkit.analysis"', x.format);
  if (x.version !== 1) bad(['version'], '1 (the analysis format this report reads)', x.version);
  for (const key of ['settings', 'audit', 'status', 'backtest', 'model', 'risk', 'segments', 'actions', 'alerts', 'provenance'] as const) {
    if (x[key] === null || typeof x[key] !== 'object') bad([key], 'an object', x[key]);
  }
  for (const key of ['highlights', 'churnRate', 'labels', 'customers', 'lapsed'] as const) {
    if (!Array.isArray(x[key])) bad([key], 'an array', x[key]);
  }
}

/**
 * Builds the report page of an analysis (see renderReport for the sections). Checks every
 * option: the strings and counts first, each lift section when it is reached.
 */
export function reportPage(a: ChurnAnalysis, o: RenderReportOptions): ReportPage {
  for (const key of ['title', 'subtitle', 'campaignName'] as const) {
    const v = o[key];
    if (v !== undefined && (typeof v !== 'string' || v.trim() === '')) invalidOption(FN, key, 'a non-empty string', v);
  }
  if (o.topCustomers !== undefined && !(Number.isInteger(o.topCustomers) && o.topCustomers >= 1)) invalidOption(FN, 'topCustomers', 'an integer ≥ 1', o.topCustomers);
  if (o.driverCharts !== undefined && !(Number.isInteger(o.driverCharts) && o.driverCharts >= 0)) invalidOption(FN, 'driverCharts', 'an integer ≥ 0', o.driverCharts);
  const s = a.settings;
  const topCustomers = o.topCustomers ?? 25;
  const driverCharts = o.driverCharts ?? 3;
  const sections: ReportSection[] = [];
  const actionOf = new Map(a.actions.recommendations.map((r) => [r.customerId, r]));

  // ── overview ────────────────────────────────────────────────────────────────────────────
  const complete = a.churnRate.filter((p) => p.complete && p.rate !== null);
  const lastRate = complete[complete.length - 1];
  const kpis: Kpi[] = [
    { label: 'Active customers', value: whole(a.risk.scored), hint: `not churned on ${day(s.asOf)}` },
    { label: 'High risk', value: whole(a.risk.counts.high), hint: `risk ≥ ${pct(s.bands.high, 0)} within ${s.horizonDays} days` },
    {
      label: 'Backtest AUC',
      value: fixed(a.backtest.mean.rocAuc),
      hint: a.backtest.folds.length > 0 ? `mean of ${a.backtest.folds.length} time-based fold${a.backtest.folds.length === 1 ? '' : 's'}` : 'no backtest fold',
    },
    { label: 'Monthly churn rate', value: pct(lastRate?.rate), hint: lastRate ? `in ${lastRate.label}` : 'no complete month' },
  ];
  sections.push({
    id: 'overview',
    heading: 'Overview',
    intro:
      `Churn means ${describeRule(s.rule)}. Risk is the model's probability that an active customer churns within ` +
      `${s.horizonDays} days after ${day(s.asOf)}; only events before that day were read.`,
    blocks: [
      { kind: 'kpis', items: kpis },
      {
        kind: 'kpis',
        items: [
          { label: 'Expected value saved', value: whole(a.actions.totalExpectedValueSaved), hint: `by ${whole(a.actions.recommendations.length)} recommended actions` },
          { label: 'Cost of the actions', value: whole(a.actions.totalCost), hint: s.budget === null ? 'no budget set' : `budget ${whole(s.budget)}` },
          { label: 'Win-back candidates', value: whole(a.lapsed.length), hint: `churned in the last ${s.winBackDays} days` },
          { label: 'Customers in the data', value: whole(a.status.customers), hint: `${whole(a.audit.events)} events` },
        ],
      },
    ],
  });

  // ── churn over time ─────────────────────────────────────────────────────────────────────
  const points: RatePoint[] = a.churnRate.map((p) => {
    const start = Date.parse(p.start);
    return {
      start, end: start, label: p.label, activeAtStart: p.activeAtStart, churned: p.churned,
      rate: p.rate ?? NaN, returned: p.returned, newCustomers: p.newCustomers, complete: p.complete,
    };
  });
  sections.push({
    id: 'churn-rate',
    heading: 'Churn over time',
    intro: 'Share of the customers active at the start of each month who churned during it (the churn rule above).',
    blocks: [
      { kind: 'chart', spec: churnRateChart(points) },
      {
        kind: 'table',
        caption: 'The last six months.',
        columns: [
          { key: 'label', label: 'Month' }, { key: 'active', label: 'Active at start' }, { key: 'churned', label: 'Churned' },
          { key: 'rate', label: 'Churn rate' }, { key: 'returned', label: 'Came back' }, { key: 'newCustomers', label: 'New' },
        ],
        rows: a.churnRate.slice(-6).map((p) => ({
          label: p.complete ? p.label : `${p.label} (partial)`, active: p.activeAtStart, churned: p.churned, rate: pct(p.rate),
          returned: p.returned, newCustomers: p.newCustomers,
        })),
      },
    ],
  });

  // ── risk ───────────────────────────────────────────────────────────────────────────────
  sections.push({
    id: 'risk',
    heading: 'Who is at risk',
    intro: `${whole(a.risk.scored)} active customers scored: ${whole(a.risk.counts.high)} high (≥ ${pct(s.bands.high, 0)}), ` +
      `${whole(a.risk.counts.medium)} medium (≥ ${pct(s.bands.medium, 0)}) and ${whole(a.risk.counts.low)} low risk.`,
    blocks: [
      {
        kind: 'chart',
        spec: riskDistributionChart(a.customers.map((c) => c.risk), { cuts: [s.bands.medium, s.bands.high], bandNames: ['Low', 'Medium', 'High'] }),
      },
    ],
  });

  // ── model quality ───────────────────────────────────────────────────────────────────────
  const latest = a.backtest.latest;
  const quality: ReportBlock[] = [];
  if (latest === null) {
    quality.push({ kind: 'text', text: 'No backtest fold could be evaluated (too few snapshots with churners and non-churners), so the model\'s quality is unknown.' });
  } else {
    const roc: RocCurve = {
      fpr: Float64Array.from(latest.roc, (p) => p.fpr),
      tpr: Float64Array.from(latest.roc, (p) => p.tpr),
      threshold: new Float64Array(latest.roc.length).fill(NaN),
    };
    const gains: GainsCurve = {
      fraction: Float64Array.from(latest.gains, (p) => p.fraction),
      capture: Float64Array.from(latest.gains, (p) => p.capture),
      threshold: new Float64Array(latest.gains.length).fill(NaN),
    };
    const calibration = {
      meanPredicted: Float64Array.from(latest.calibration, (p) => p.meanPredicted),
      fractionPositive: Float64Array.from(latest.calibration, (p) => p.fractionPositive),
      count: Uint32Array.from(latest.calibration, (p) => p.count),
      ece: latest.ece,
    } as unknown as CalibrationCurve;
    quality.push(
      { kind: 'chart', spec: rocChart(roc) },
      { kind: 'chart', spec: gainsChart(gains) },
      { kind: 'chart', spec: liftChart(latest.lift) },
      { kind: 'chart', spec: calibrationChart(calibration) },
    );
  }
  sections.push({
    id: 'model',
    heading: 'How good is the model',
    intro: `A ${s.algorithm} model trained on ${whole(a.model.trainRows)} customer snapshots (${pct(a.model.trainChurnRate)} churned) ` +
      `with ${a.model.features} features. The curves below are honest out-of-time estimates: the held-out customers of the latest backtest fold` +
      (latest === null ? '.' : ` (cutoff ${day(latest.cutoff)}), scored by a model trained on earlier snapshots only.`),
    blocks: quality,
  });

  // ── importance and drivers ──────────────────────────────────────────────────────────────
  sections.push({
    id: 'importance',
    heading: 'What drives churn',
    blocks: [{ kind: 'chart', spec: featureImportanceChart(a.model.importance, { top: 15 }) }],
  });
  const explained = a.customers.filter((c) => c.drivers.length > 0).slice(0, driverCharts);
  const scale: Explanation['scale'] = s.algorithm === 'logistic' || s.algorithm === 'boosting' ? 'logit' : 'probability';
  sections.push({
    id: 'drivers',
    heading: 'Why the riskiest customers are at risk',
    intro: 'The features that pushed each score up (or down), from the model\'s explanation of that customer.',
    blocks: explained.length === 0
      ? [{ kind: 'text', text: 'No customer is at high or medium risk, so no explanation is shown.' }]
      : explained.map((c): ReportBlock => ({ kind: 'chart', spec: driversChart(explanationOf(c, scale)) })),
  });

  // ── segments ────────────────────────────────────────────────────────────────────────────
  sections.push({
    id: 'segments',
    heading: 'Segments',
    intro: 'RFM scores (recency, frequency, monetary; 5 = best) of every customer with a purchase, as of the analysis date.',
    blocks: [
      { kind: 'chart', spec: rfmHeatmapChart(a.segments.rfmGrid.map((c) => ({ r: c.r, f: c.f, count: c.count, ...(c.meanMonetary === null ? {} : { meanMonetary: c.meanMonetary }) }))) },
      { kind: 'chart', spec: segmentSizesChart(a.segments.rfm.map((r) => ({ name: r.name, size: r.size })), { title: 'RFM segments' }) },
      {
        kind: 'table',
        columns: [
          { key: 'name', label: 'Segment' }, { key: 'size', label: 'Customers' }, { key: 'share', label: 'Share' },
          { key: 'meanMonetary', label: 'Mean spend' }, { key: 'meanRisk', label: 'Mean risk (active)' },
        ],
        rows: a.segments.rfm.map((r) => ({ name: r.name, size: r.size, share: pct(r.share), meanMonetary: r.meanMonetary ?? NaN, meanRisk: pct(r.meanRisk) })),
      },
    ],
  });
  const personas = Object.entries(a.segments.personas).filter(([k]) => k !== 'none').map(([name, size]) => ({ name: name.replace(/_/g, ' '), size }));
  const lifecycle = Object.entries(a.segments.lifecycle).map(([name, size]) => ({ name, size }));
  sections.push({
    id: 'personas',
    heading: 'Personas and lifecycle',
    intro: `Win-back personas are assigned to high- and medium-risk customers and to those who churned in the last ${s.winBackDays} days (${whole(a.segments.personas.none ?? 0)} of them fit no persona).`,
    blocks: [
      { kind: 'chart', spec: segmentSizesChart(personas, { title: 'Win-back personas' }) },
      { kind: 'chart', spec: segmentSizesChart(lifecycle, { title: 'Lifecycle stages' }) },
      {
        kind: 'table',
        caption: 'Tags from the built-in tag library (a customer may carry several).',
        columns: [{ key: 'label', label: 'Tag' }, { key: 'count', label: 'Customers' }],
        rows: a.segments.tags.map((t) => ({ label: t.label, count: t.count })),
      },
    ],
  });

  // ── top customers ───────────────────────────────────────────────────────────────────────
  const top = a.customers.slice(0, topCustomers);
  sections.push({
    id: 'customers',
    heading: 'Customers to contact first',
    intro: `The ${whole(top.length)} active customers with the highest risk (of ${whole(a.customers.length)}). ` +
      'A dash under "Recommended action" means no action was chosen for the customer (no matching strategy, or left out by the budget).',
    blocks: [{
      kind: 'table',
      columns: [
        { key: 'id', label: 'Customer' }, { key: 'risk', label: 'Risk' }, { key: 'band', label: 'Band' }, { key: 'persona', label: 'Persona' },
        { key: 'segment', label: 'Segment' }, { key: 'drivers', label: 'Top drivers' }, { key: 'action', label: 'Recommended action' },
      ],
      rows: top.map((c) => {
        const r = actionOf.get(c.customerId);
        return {
          id: c.customerId, risk: pct(c.risk), band: c.band, persona: c.persona?.replace(/_/g, ' ') ?? '–', segment: c.rfmSegment ?? '–',
          drivers: c.drivers.map((d) => d.feature).join(', ') || '–',
          action: r ? `${r.strategyId} (${r.channel})` : '–',
        };
      }),
    }],
  });

  // ── actions ─────────────────────────────────────────────────────────────────────────────
  const recs = a.actions.recommendations;
  const actionText = new Map<string, string>();
  for (const r of recs) if (!actionText.has(r.strategyId)) actionText.set(r.strategyId, r.action);
  sections.push({
    id: 'actions',
    heading: 'Recommended actions',
    intro: `${whole(recs.length)} actions from the playbook, ranked by expected value saved (risk × value × success rate − cost)` +
      (s.budget === null ? '.' : ` within a budget of ${whole(s.budget)}; ${whole(a.actions.leftOut)} more were left out by the budget.`),
    blocks: [
      {
        kind: 'table',
        caption: 'By strategy (strategies of the playbook that got no customer are left out).',
        columns: [
          { key: 'strategyId', label: 'Strategy' }, { key: 'action', label: 'What' }, { key: 'customers', label: 'Customers' },
          { key: 'cost', label: 'Cost' }, { key: 'expectedValueSaved', label: 'Expected value saved' },
        ],
        rows: [
          ...a.actions.byStrategy.filter((r) => r.customers > 0).map((r) => ({
            strategyId: r.strategyId, action: actionText.get(r.strategyId) ?? '', customers: r.customers, cost: r.cost, expectedValueSaved: r.expectedValueSaved,
          })),
          { strategyId: 'Total', action: '', customers: recs.length, cost: a.actions.totalCost, expectedValueSaved: a.actions.totalExpectedValueSaved },
        ],
      },
      {
        kind: 'table',
        caption: recs.length > topCustomers ? `The first ${topCustomers} of ${whole(recs.length)} actions (all are in the analysis JSON).` : undefined,
        columns: [
          { key: 'rank', label: '#' }, { key: 'customerId', label: 'Customer' }, { key: 'persona', label: 'Persona' },
          { key: 'strategyId', label: 'Strategy' }, { key: 'channel', label: 'Channel' }, { key: 'risk', label: 'Risk' },
          { key: 'value', label: 'Value' }, { key: 'cost', label: 'Cost' }, { key: 'expectedValueSaved', label: 'Expected value saved' },
        ],
        rows: recs.slice(0, topCustomers).map((r) => ({
          rank: r.rank, customerId: r.customerId, persona: r.persona.replace(/_/g, ' '), strategyId: r.strategyId, channel: r.channel,
          risk: pct(r.risk), value: r.value, cost: r.cost, expectedValueSaved: r.expectedValueSaved,
        })),
      },
    ],
  });

  // ── alerts ──────────────────────────────────────────────────────────────────────────────
  const al = a.alerts;
  const alertBlocks: ReportBlock[] = [];
  if (al.previousAsOf === null) {
    alertBlocks.push({ kind: 'text', text: 'No previous analysis was given, so nothing is compared. Pass the last run as the previous option of analyzeChurn to be told who became high-risk and which segments got riskier.' });
  } else {
    alertBlocks.push({
      kind: 'table',
      caption: `Customers high-risk now and not on ${day(al.previousAsOf)} (${whole(al.newlyHighRisk.length)}; the first ${Math.min(topCustomers, al.newlyHighRisk.length)} shown).`,
      columns: [{ key: 'customerId', label: 'Customer' }, { key: 'risk', label: 'Risk now' }, { key: 'previousRisk', label: 'Risk before' }],
      rows: al.newlyHighRisk.slice(0, topCustomers).map((r) => ({ customerId: r.customerId, risk: pct(r.risk), previousRisk: pct(r.previousRisk) })),
    });
    alertBlocks.push({
      kind: 'table',
      caption: 'Segments and personas whose mean risk rose.',
      columns: [{ key: 'kind', label: 'Kind' }, { key: 'segment', label: 'Segment' }, { key: 'meanRisk', label: 'Mean risk now' }, { key: 'previousMeanRisk', label: 'Before' }],
      rows: al.risingSegments.map((r) => ({ kind: r.kind, segment: r.segment, meanRisk: pct(r.meanRisk), previousMeanRisk: pct(r.previousMeanRisk) })),
    });
  }
  sections.push({ id: 'alerts', heading: 'Alerts', blocks: alertBlocks });

  // ── optional lift sections ──────────────────────────────────────────────────────────────
  if (o.campaign !== undefined) sections.push(campaignSection(o.campaign, o.campaignName ?? 'Campaign'));
  if (o.cohorts !== undefined) {
    const c = o.cohorts;
    if (c === null || typeof c !== 'object' || !Array.isArray(c.cells)) invalidOption(FN, 'cohorts', 'a CohortRetention (from cohortRetention)', c);
    sections.push({
      id: 'cohorts',
      heading: 'Cohort retention',
      intro: `Of the customers acquired in each ${c.period}, the share active in each later ${c.period}; periods still running are left out.`,
      blocks: [{ kind: 'chart', spec: cohortRetentionChart(c.cells) }],
    });
  }
  if (o.survival !== undefined) {
    const sv = o.survival;
    if (sv === null || typeof sv !== 'object' || !Array.isArray(sv.groups)) invalidOption(FN, 'survival', 'a SurvivalFromLog (from survivalFromLog)', sv);
    sections.push({
      id: 'survival',
      heading: 'Time to churn',
      intro: 'Kaplan–Meier estimate of the share of customers not yet churned, by days since their first event; customers still active are censored.',
      blocks: [
        { kind: 'chart', spec: survivalChart(survivalPoints(sv), { timeTitle: 'Days since the first event' }) },
        {
          kind: 'table',
          columns: [{ key: 'group', label: 'Group' }, { key: 'customers', label: 'Customers' }, { key: 'median', label: 'Median days to churn' }],
          rows: sv.groups.map((g) => ({ group: g.group, customers: g.customers, median: Number.isFinite(g.fit.median) ? g.fit.median : 'not reached' })),
        },
      ],
    });
  }

  // ── data audit ──────────────────────────────────────────────────────────────────────────
  const au = a.audit;
  sections.push({
    id: 'data',
    heading: 'Data quality',
    intro: 'The audit of the event log as of the analysis date: what was read, what was rejected and what looks wrong.',
    blocks: [
      {
        kind: 'table',
        columns: [{ key: 'what', label: 'Check' }, { key: 'value', label: 'Result' }],
        rows: [
          { what: 'Events', value: whole(au.events) },
          { what: 'Customers', value: whole(au.customers) },
          { what: 'Time span', value: au.timeSpan === null ? '–' : `${day(au.timeSpan.start)} to ${day(au.timeSpan.end)} (${whole(au.timeSpan.days)} days)` },
          { what: 'Rows read / rejected', value: `${whole(au.rejects.rows)} / ${whole(au.rejects.rejected)}` + rejectCodes(au.rejects.byCode) },
          { what: 'Repeated events (same customer, time, type, value)', value: whole(au.duplicates.events) },
          { what: 'Events at or after the analysis date (ignored)', value: au.futureDated === null ? '–' : whole(au.futureDated.events) },
          { what: 'Customers who never purchased', value: `${whole(au.neverPurchased.customers)} (${pct(au.neverPurchased.fraction)})` },
          { what: 'Event types', value: au.byType.map((t) => `${t.type} ${whole(t.events)}`).join(', ') || '–' },
        ],
      },
      au.findings.length === 0
        ? { kind: 'text', text: 'The audit found nothing to report.' }
        : {
          kind: 'table',
          caption: 'Findings, errors first.',
          columns: [{ key: 'severity', label: 'Severity' }, { key: 'code', label: 'Code' }, { key: 'message', label: 'Finding' }],
          rows: au.findings.map((f) => ({ severity: f.severity, code: f.code, message: f.message })),
        },
    ],
  });

  // ── backtest folds ──────────────────────────────────────────────────────────────────────
  sections.push({
    id: 'backtest',
    heading: 'Backtest folds',
    intro: 'Walk-forward evaluation: each row trains on the snapshots before its cutoff and scores the customers active at it.',
    blocks: [{
      kind: 'table',
      columns: [
        { key: 'cutoff', label: 'Cutoff' }, { key: 'trainRows', label: 'Train rows' }, { key: 'testRows', label: 'Test rows' },
        { key: 'testChurners', label: 'Churners' }, { key: 'rocAuc', label: 'ROC AUC' }, { key: 'prAuc', label: 'PR AUC' },
        { key: 'brierScore', label: 'Brier' }, { key: 'topDecileLift', label: 'Top-10% lift' },
      ],
      rows: a.backtest.folds.map((f) => ({
        cutoff: day(f.cutoff), trainRows: f.trainRows, testRows: f.testRows, testChurners: f.testChurners,
        rocAuc: fixed(f.rocAuc), prAuc: fixed(f.prAuc), brierScore: fixed(f.brierScore), topDecileLift: f.topDecileLift === null ? '–' : `${f.topDecileLift.toFixed(2)}×`,
      })),
    }],
  });

  // ── provenance ──────────────────────────────────────────────────────────────────────────
  sections.push({
    id: 'provenance',
    heading: 'How this report was made',
    intro: `churnkit analysis format ${a.format} v${a.version}; as of ${s.asOf}; training cutoffs ${s.trainCutoffs.map(day).join(', ')}; ` +
      `learner ${s.algorithm} (seed ${s.seed}); customer value: ${s.valueBasis === 'given' ? 'given by the caller' : 'annualised historical spend'}.`,
    blocks: [{
      kind: 'table',
      columns: [{ key: 'section', label: 'Section' }, { key: 'source', label: 'Computed by' }],
      rows: Object.entries(a.provenance).map(([section, source]) => ({ section, source })),
    }],
  });

  return {
    title: o.title ?? 'Churn report',
    subtitle: o.subtitle ?? `As of ${day(s.asOf)} · churn: ${describeRule(s.rule)} · horizon ${s.horizonDays} days`,
    summary: a.highlights,
    sections,
  };
}

function rejectCodes(byCode: Partial<Record<string, number>>): string {
  const parts = Object.entries(byCode).filter(([, n]) => (n ?? 0) > 0).map(([code, n]) => `${code} ${whole(n!)}`);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

function explanationOf(c: ScoredCustomer, scale: Explanation['scale']): Explanation {
  return {
    customerId: c.customerId,
    probability: c.risk,
    scale,
    base: 0,
    drivers: c.drivers.map((d) => ({ feature: d.feature, value: d.value ?? NaN, typical: d.typical ?? '–', contribution: d.contribution, text: d.text })),
  };
}

function campaignSection(c: CampaignResult, name: string): ReportSection {
  if (c === null || typeof c !== 'object' || c.overall === null || typeof c.overall !== 'object') {
    invalidOption(FN, 'campaign', 'a CampaignResult (from evaluateCampaign)', c);
  }
  const label = (k: string | null, prefix: string): string => `${prefix}${k ?? '(none)'}`;
  const rows: { name: string; cmp: CampaignComparison; verdict?: string }[] = [
    { name, cmp: c.overall },
    ...c.bySegment.map((cmp) => ({ name: label(cmp.key, 'Segment: '), cmp })),
    ...c.byStrategy.map((cmp) => ({ name: label(cmp.key, 'Strategy: '), cmp, verdict: cmp.verdict.replace(/_/g, ' ') })),
  ];
  const chartRows: CampaignLiftRow[] = rows
    .filter((r) => Number.isFinite(r.cmp.lift) && Number.isFinite(r.cmp.lower) && Number.isFinite(r.cmp.upper))
    .map((r) => ({ name: r.name, lift: r.cmp.lift, lower: r.cmp.lower, upper: r.cmp.upper, ...(r.verdict ? { verdict: r.verdict } : {}) }));
  const level = `${Math.round(100 * (1 - c.alpha))}%`;
  const blocks: ReportBlock[] = [
    { kind: 'chart', spec: campaignLiftChart(chartRows), caption: `Retention lift with ${level} Newcombe intervals; an interval crossing the dashed line cannot be told from no effect.` },
    {
      kind: 'table',
      columns: [
        { key: 'name', label: 'Group' }, { key: 'treated', label: 'Treated' }, { key: 'control', label: 'Control' },
        { key: 'tRate', label: 'Retained (treated)' }, { key: 'cRate', label: 'Retained (control)' }, { key: 'lift', label: 'Lift' },
        { key: 'ci', label: `${level} interval` }, { key: 'p', label: 'p-value' }, { key: 'roi', label: 'ROI' }, { key: 'verdict', label: 'Verdict' },
      ],
      rows: rows.map((r) => ({
        name: r.name, treated: r.cmp.treatment.size, control: r.cmp.control.size, tRate: pct(r.cmp.treatment.rate), cRate: pct(r.cmp.control.rate),
        lift: pp(r.cmp.lift), ci: `${pp(r.cmp.lower)} to ${pp(r.cmp.upper)}`, p: r.cmp.pValue < 0.001 ? '< 0.001' : fixed(r.cmp.pValue),
        roi: r.cmp.roi === null ? '–' : pct(r.cmp.roi, 0), verdict: r.verdict ?? '',
      })),
    },
  ];
  const notes = [...(c.srm?.mismatch ? [`Sample ratio mismatch: ${pct(c.srm.observedTreatmentShare)} treated where ${pct(c.srm.expectedTreatmentShare)} was intended (p = ${c.srm.pValue.toExponential(1)}); the split may be broken.`] : []), ...c.warnings];
  if (notes.length > 0) blocks.push({ kind: 'text', text: notes.join('\n\n') });
  return {
    id: 'campaign',
    heading: 'Campaign lift',
    intro: 'Treated customers against a randomly held-out control group: the difference in retention is what the campaign caused.',
    blocks,
  };
}

/** A difference of rates in percentage points, signed. */
function pp(x: number): string {
  if (!Number.isFinite(x)) return '–';
  const v = (100 * x).toFixed(1);
  return `${x >= 0 ? '+' : '−'}${v.replace('-', '')} pp`;
}

function survivalPoints(sv: SurvivalFromLog): SurvivalPoint[] {
  const out: SurvivalPoint[] = [];
  for (const g of sv.groups) {
    out.push({ group: g.group, time: 0, survival: 1, lower: 1, upper: 1 });
    const f = g.fit;
    for (let j = 0; j < f.time.length; j++) {
      const lower = f.lower[j]!;
      const upper = f.upper[j]!;
      out.push({
        group: g.group, time: f.time[j]!, survival: f.survival[j]!,
        ...(Number.isFinite(lower) ? { lower } : {}), ...(Number.isFinite(upper) ? { upper } : {}),
      });
    }
  }
  return out;
}
