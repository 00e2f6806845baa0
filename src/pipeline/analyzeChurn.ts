import type { ChurnRule } from '../churn/ChurnRule.js';
import { churnRateSeries } from '../churn/churnRateSeries.js';
import type { ChurnStatusName } from '../churn/churnStatus.js';
import { labelHistory } from '../churn/labelHistory.js';
import { compileRule } from '../churn/_compile.js';
import { validateChurnRule } from '../churn/validateChurnRule.js';
import { auditEvents } from '../data/auditEvents.js';
import { withVocabularyOption } from '../data/vocabulary.js';
import type { EventLog } from '../data/EventLog.js';
import { backtestFolds, rowsByCutoff } from '../evaluate/_folds.js';
import { calibrationCurve } from '../evaluate/calibrationCurve.js';
import { gainsCurve } from '../evaluate/gainsCurve.js';
import { liftTable } from '../evaluate/liftTable.js';
import { rocCurve } from '../evaluate/rocCurve.js';
import { stackMatrices } from '../evaluate/_stack.js';
import { extractFeatures, type ExtractFeaturesOptions } from '../features/extractFeatures.js';
import type { FeatureMatrix } from '../features/FeatureMatrix.js';
import { attributeFeatures } from '../features/attributeFeatures.js';
import { defaultFeatures } from '../features/defaultFeatures.js';
import { featureMeta } from '../features/featureMeta.js';
import { selectFeatureRows } from '../features/selectFeatureRows.js';
import { lifecycleStages, type LifecycleStage } from '../segments/lifecycleStages.js';
import { personaFeatures } from '../segments/personaFeatures.js';
import { byIdOption, checkLog, daysOption, knownOptions, optionNames, optionsOf, timeOption } from '../internal/args.js';
import { ChurnkitError, invalidOption } from '../internal/errors.js';
import { DAY_MS, isoDate } from '../internal/time.js';
import { trainChurnModel } from '../models/trainChurnModel.js';
import { CHURN_ALGORITHMS, type TrainChurnModelOptions } from '../models/types.js';
import type { AnalysisProgress, AnalysisStep, AnalyzeChurnOptions } from './AnalyzeChurnOptions.js';
import { ANALYSIS_FORMAT, type AnalysisDriver, type ChurnAnalysis, type RiskBand, type ScoredCustomer } from './ChurnAnalysis.js';
import { segmentCustomers } from './_segmentStep.js';
import { alertsSince, summarize } from './_summary.js';

const ANALYZE_CHURN_OPTIONS = optionNames<AnalyzeChurnOptions>()(['rule', 'horizonDays', 'asOf', 'trainCutoff', 'snapshots', 'snapshotSpacingDays', 'algorithm', 'seed', 'table', 'vocabulary', 'bands', 'value', 'playbook', 'budget', 'winBackDays', 'drivers', 'previous', 'segmentAlertRise', 'onProgress']);

const FN = 'analyzeChurn';
const STEPS: readonly [AnalysisStep, string][] = [
  ['audit', 'auditing the data'],
  ['status', 'churn status and the monthly churn rate'],
  ['labels', 'labelling history at the training snapshots'],
  ['features', 'extracting point-in-time features'],
  ['backtest', 'time-based backtest'],
  ['model', 'training the final model on every snapshot'],
  ['scores', 'scoring active customers and explaining their risk'],
  ['segments', 'tags, RFM segments and lifecycle stages'],
  ['personas', 'win-back personas'],
  ['actions', 'recommended actions within the budget'],
  ['alerts', 'alerts since the previous analysis'],
];

/**
 * A lifecycle stage's churn status: lifecycleStages builds on churnStatus with the same rule and
 * keeps its statuses, with `at_risk` named `silent` and `active` split into active and declining.
 */
const STATUS_OF_STAGE: Readonly<Record<LifecycleStage, ChurnStatusName>> = {
  new: 'new', active: 'active', declining: 'active', silent: 'at_risk', churned: 'churned', reactivated: 'reactivated',
};

/** The default churn rule of {@link analyzeChurn}: no purchase and no visit for more than 90 days. @category Pipeline */
export const DEFAULT_ANALYSIS_RULE: ChurnRule = Object.freeze({ kind: 'inactivity', days: 90, roles: Object.freeze(['purchase', 'activity']) }) as ChurnRule;

/**
 * The closed churn loop in one call: from an event log to scored, explained, segmented customers,
 * recommended win-back actions and alerts, in a JSON-serializable {@link ChurnAnalysis}.
 *
 * Steps (each reported to `onProgress`): `auditEvents` → `churnStatus` (through `lifecycleStages`,
 * whose stages the segments step reuses) and `churnRateSeries` →
 * `labelHistory` at `snapshots` training cutoffs spaced `snapshotSpacingDays` apart, the last at
 * `asOf − horizonDays` → `extractFeatures` per cutoff → `backtest` (walk-forward over the
 * snapshots) → `trainChurnModel` on all snapshots stacked → risk for today's active customers
 * (status not `churned`) as of `asOf`, banded by `bands`, with `explain` drivers for high and
 * medium risk → `applyTags` (built-in library), `scoreRfm`, lifecycle stages → `assignPersonas`
 * for high- and medium-risk customers and those churned within `winBackDays` →
 * `recommendActions` with the playbook and budget → alerts against `previous`. Every read is
 * point-in-time: nothing at or after `asOf` is used, and no training label looks past `asOf`.
 *
 * @param log - the event log
 * @param options - {@link AnalyzeChurnOptions}; all optional
 * @returns the {@link ChurnAnalysis}
 * @throws ChurnkitError `INVALID_TIME` for an `asOf` that is not a time, `INVALID_OPTION` for a bad option, `EMPTY_INPUT` when the log has no events
 *   before `asOf` or no snapshot has customers of both classes, and the errors of the modules it calls
 * @example
 * ```ts
 * const shop = simulateShop({ customers: 2000, seed: 3 });
 * const analysis = analyzeChurn(shop.log, { table: shop.customers, budget: 5000 });
 * analysis.summary;                  // '1,402 active customers; 231 high-risk; ...'
 * analysis.actions.recommendations;  // who to contact, how, and why
 * ```
 * @category Pipeline
 */
export function analyzeChurn(log: EventLog, options?: AnalyzeChurnOptions): ChurnAnalysis {
  checkLog(FN, log);
  const o = optionsOf(FN, options);
  knownOptions(FN, o, ANALYZE_CHURN_OPTIONS);
  // One vocabulary for everything below (labels, statuses, features): the option's roles over the log's.
  log = withVocabularyOption(FN, log, o.vocabulary);
  const progress = (k: number): void => {
    const [step, message] = STEPS[k]!;
    o.onProgress?.({ step, index: k + 1, total: STEPS.length, message } satisfies AnalysisProgress);
  };

  // ── settings ────────────────────────────────────────────────────────────────────────────
  const rule = validateChurnRule(o.rule ?? DEFAULT_ANALYSIS_RULE);
  // the rule against this log's event types, so that a rule selecting nothing is named here
  // (and one whose roles select nothing: every customer would be churned, nothing to train on)
  compileRule(rule, log, FN, ['rule'], true);
  const horizonDays = daysOption(FN, 'horizonDays', o.horizonDays ?? 90);
  const span = log.timeSpan();
  if (span === null) throw new ChurnkitError('EMPTY_INPUT', `${FN}: the log has no events.`, { expected: 'an event log with events', received: 0 });
  const asOf = o.asOf === undefined ? Math.floor(span.end / DAY_MS) * DAY_MS : timeOption(FN, 'asOf', o.asOf);
  if (!(asOf > span.start)) invalidOption(FN, 'asOf', `a time after the first event (${isoDate(span.start)})`, o.asOf ?? isoDate(asOf));
  const trainCutoff = o.trainCutoff === undefined ? asOf - horizonDays * DAY_MS : timeOption(FN, 'trainCutoff', o.trainCutoff);
  if (trainCutoff + horizonDays * DAY_MS > asOf) invalidOption(FN, 'trainCutoff', `a time at least horizonDays (${horizonDays}) before asOf (${isoDate(asOf)})`, o.trainCutoff);
  const snapshots = o.snapshots ?? 4;
  if (!Number.isInteger(snapshots) || snapshots < 2) invalidOption(FN, 'snapshots', 'an integer ≥ 2', snapshots);
  const spacing = daysOption(FN, 'snapshotSpacingDays', o.snapshotSpacingDays ?? horizonDays);
  const cutoffs: number[] = [];
  for (let k = snapshots - 1; k >= 0; k--) {
    const c = trainCutoff - k * spacing * DAY_MS;
    if (c > span.start) cutoffs.push(c);
  }
  if (cutoffs.length < 2) {
    throw new ChurnkitError('EMPTY_INPUT', `${FN}: the data (${isoDate(span.start)} to ${isoDate(span.end)}) is too short for two training snapshots ${spacing} days apart ending at ${isoDate(trainCutoff)}; shorten horizonDays or snapshotSpacingDays.`, {
      field: 'snapshots', expected: 'at least two snapshots after the first event', received: cutoffs.map(isoDate),
    });
  }
  const algorithm = o.algorithm ?? 'boosting';
  if (!CHURN_ALGORITHMS.includes(algorithm)) invalidOption(FN, 'algorithm', '"logistic", "tree", "forest" or "boosting"', algorithm);
  const seed = o.seed ?? 1;
  const bands = o.bands ?? { high: 0.5, medium: 0.25 };
  if (bands === null || typeof bands !== 'object' || !(bands.high > bands.medium) || !(bands.medium > 0) || !(bands.high <= 1)) {
    invalidOption(FN, 'bands', '{ high, medium } with 0 < medium < high ≤ 1', bands);
  }
  const winBackDays = o.winBackDays ?? 90;
  if (typeof winBackDays !== 'number' || !(winBackDays > 0)) invalidOption(FN, 'winBackDays', 'a number of days > 0', winBackDays);
  const topDrivers = o.drivers ?? 3;
  if (!Number.isInteger(topDrivers) || topDrivers < 1) invalidOption(FN, 'drivers', 'an integer ≥ 1', topDrivers);
  if (o.budget !== undefined && (typeof o.budget !== 'number' || !(o.budget >= 0))) invalidOption(FN, 'budget', 'a number ≥ 0', o.budget);
  const extract: Omit<ExtractFeaturesOptions, 'cutoff' | 'customers' | 'features'> = {
    ...(o.table === undefined ? {} : { table: o.table }),
  };
  // What the model reads: the default catalogue, plus one attribute feature per column of the
  // customer table when one is given (static attributes: the same at every cutoff)
  const tableColumns = o.table?.columns instanceof Map ? [...o.table.columns.keys()] : [];
  // a column named like a built-in feature (a CRM export's tenure_days) is read as attr_<column>
  const personaSpecs = personaFeatures();
  const taken = new Set([...defaultFeatures, ...personaSpecs].map((f) => featureMeta(f).name));
  const modelFeatures = tableColumns.length === 0 ? defaultFeatures : [...defaultFeatures, ...attributeFeatures(tableColumns).map((a) => (taken.has(a.column) ? { ...a, name: `attr_${a.column}` } : a))];
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') invalidOption(FN, 'onProgress', 'a function', o.onProgress);
  if (o.previous !== undefined) {
    checkPrevious(o.previous);
    // alerts compare forward in time: the previous analysis must be as of an earlier moment
    const prevAsOf = Date.parse(o.previous.settings.asOf);
    if (!(prevAsOf < asOf)) {
      throw new ChurnkitError('INVALID_OPTION', `${FN}: option "previous" is as of ${o.previous.settings.asOf}, not before this analysis (as of ${new Date(asOf).toISOString()}); alerts compare an analysis with an earlier one.`, {
        path: ['previous', 'settings', 'asOf'],
        field: 'previous',
        expected: `an analysis as of a time before ${new Date(asOf).toISOString()}`,
        received: o.previous.settings.asOf,
      });
    }
  }
  const givenValues = o.value === undefined ? undefined : byIdOption(FN, 'value', o.value, (v): v is number => typeof v === 'number' && Number.isFinite(v), 'a finite number');
  const provenance: Record<string, string> = {};
  // Everything below reads only events strictly before asOf (the audit reads the whole log, to
  // count future-dated events as a data-quality finding).
  const past = log.filter({ to: asOf });

  // ── 1. audit ────────────────────────────────────────────────────────────────────────────
  progress(0);
  const audit = auditEvents(log, { asOf });
  provenance['audit'] = 'data.auditEvents(log, { asOf })';

  // ── 2. status and churn rate ───────────────────────────────────────────────────────────
  progress(1);
  // The churn status at asOf, read from the lifecycle stages (which run churnStatus once and
  // keep its rows and dates), so the segments step reuses them instead of a second churnStatus.
  const stages = lifecycleStages(log, { asOf, rule });
  const rate = churnRateSeries(log, rule, { start: span.start, end: asOf, period: 'month', dataEnd: asOf });
  provenance['status'] = 'churn.churnStatus(log, rule, { asOf })';
  provenance['churnRate'] = "churn.churnRateSeries(log, rule, { period: 'month', dataEnd: asOf })";

  // ── 3. labels ───────────────────────────────────────────────────────────────────────────
  progress(2);
  const labels = labelHistory(past, rule, { cutoffs, horizonDays, dataEnd: asOf });
  provenance['labels'] = 'churn.labelHistory(events before asOf, rule, { cutoffs, horizonDays, dataEnd: asOf })';

  // ── 4. features per snapshot (uncensored eligible customers) ─────────────────────────────
  progress(3);
  const byCutoff = rowsByCutoff(labels, cutoffs);
  const matrices = byCutoff.map((rows, k) => extractFeatures(log, { ...extract, cutoff: cutoffs[k]!, customers: rows.map((r) => labels.customerIds[r]!), features: modelFeatures }));
  provenance['features'] = `features.extractFeatures(log, { cutoff, customers }) per snapshot, default catalogue${tableColumns.length === 0 ? '' : ` plus attributeFeatures of the customer table (${tableColumns.length} columns)`}`;

  // ── 5. backtest on those snapshots ──────────────────────────────────────────────────────
  progress(4);
  // The folds of evaluate.backtest, on the matrices above (nothing is labelled or extracted twice).
  const bt = backtestFolds('backtest', labels, cutoffs, byCutoff, (k) => matrices[k]!, { horizonDays, trainWindow: Infinity, algorithm, seed, received: cutoffs });
  provenance['backtest'] = 'evaluate.backtest(log, rule, { cutoffs, horizonDays, algorithm, dataEnd: asOf })';
  const last = bt.folds[bt.folds.length - 1];
  let latest: ChurnAnalysis['backtest']['latest'] = null;
  if (last !== undefined && last.testChurners > 0 && last.testChurners < last.testRows) {
    const roc = rocCurve(last.labels, last.scores);
    const gains = gainsCurve(last.labels, last.scores);
    const cal = calibrationCurve(last.labels, last.scores, { bins: 10, strategy: 'quantile' });
    latest = {
      cutoff: iso(last.cutoff),
      roc: thin(Array.from(roc.fpr, (fpr, i) => ({ fpr, tpr: roc.tpr[i]! })), 200),
      gains: thin(Array.from(gains.fraction, (fraction, i) => ({ fraction, capture: gains.capture[i]! })), 200),
      lift: liftTable(last.labels, last.scores),
      calibration: Array.from(cal.meanPredicted, (meanPredicted, i) => ({ meanPredicted, fractionPositive: cal.fractionPositive[i]!, count: cal.count[i]! })),
      ece: cal.ece,
    };
    provenance['backtest.latest'] = 'evaluate.rocCurve, gainsCurve, liftTable, calibrationCurve on the latest fold';
  }

  // ── 6. final model on every snapshot ────────────────────────────────────────────────────
  progress(5);
  const parts = matrices.map((matrix, k) => ({ matrix, cutoff: cutoffs[k]! })).filter((_, k) => byCutoff[k]!.length > 0);
  const train = stackMatrices(parts, FN);
  const yTrain = Uint8Array.from(byCutoff.flat(), (r) => labels.label[r]!);
  const model = trainChurnModel(train, yTrain, { algorithm, seed } as TrainChurnModelOptions);
  provenance['model'] = `models.trainChurnModel(stacked snapshots, labels, { algorithm: '${algorithm}' })`;
  let churners = 0;
  for (let i = 0; i < yTrain.length; i++) churners += yTrain[i]!;

  // ── 7. scores for today's active customers ──────────────────────────────────────────────
  progress(6);
  const activeIds: string[] = [];
  const statusOf = new Map<string, ChurnStatusName>();
  const statusCounts: Record<ChurnStatusName, number> = { new: 0, active: 0, at_risk: 0, churned: 0, reactivated: 0 };
  const lapsedIds: string[] = [];
  for (let r = 0; r < stages.customerIds.length; r++) {
    const id = stages.customerIds[r]!;
    const st = STATUS_OF_STAGE[stages.stage[r]!];
    statusOf.set(id, st);
    statusCounts[st]++;
    if (st !== 'churned') activeIds.push(id);
    else if (stages.churnTime[r]! >= asOf - winBackDays * DAY_MS) lapsedIds.push(id);
  }
  // Today's features: what the model reads plus the persona signals.
  // The matrix has the listed customers' rows in order, so the active ones lead.
  const everyone = extractFeatures(log, { ...extract, cutoff: asOf, customers: [...activeIds, ...lapsedIds], features: [...modelFeatures, ...personaSpecs] });
  const today = selectFeatureRows(everyone, activeIds.map((_, r) => r));
  const risk = model.predict(today);
  const band = (p: number): RiskBand => (p >= bands.high ? 'high' : p >= bands.medium ? 'medium' : 'low');
  const explainRows = activeIds.map((_, r) => r).filter((r) => risk[r]! >= bands.medium);
  const drivers = new Map<string, AnalysisDriver[]>();
  if (explainRows.length > 0) {
    for (const e of model.explain(selectFeatureRows(today, explainRows), { top: topDrivers, positiveOnly: true })) {
      drivers.set(e.customerId, e.drivers.map((d) => ({
        feature: d.feature,
        value: typeof d.value === 'number' && !Number.isFinite(d.value) ? null : d.value,
        typical: typeof d.typical === 'number' && !Number.isFinite(d.typical) ? null : d.typical,
        contribution: d.contribution,
        text: d.text,
      })));
    }
  }
  provenance['customers.risk'] = 'models.ChurnModel.predict(extractFeatures(log, { cutoff: asOf }))';
  provenance['customers.drivers'] = 'models.ChurnModel.explain (TreeSHAP / exact linear contributions), high and medium risk';
  const value = customerValues(everyone, givenValues);

  // ── 8–10. segments, personas, actions ───────────────────────────────────────────────────
  progress(7);
  const seg = segmentCustomers({
    stages, matrix: everyone, active: today, lapsedIds, risk, bands, value,
    onStep: (k) => progress(k === 'personas' ? 8 : 9),
    ...(o.playbook === undefined ? {} : { playbook: o.playbook }),
    ...(o.budget === undefined ? {} : { budget: o.budget }),
  });
  Object.assign(provenance, seg.provenance);

  const customers: ScoredCustomer[] = activeIds.map((id, r) => ({
    customerId: id,
    risk: risk[r]!,
    band: band(risk[r]!),
    status: statusOf.get(id)!,
    stage: seg.stage.get(id) ?? 'unknown',
    rfmSegment: seg.rfm.get(id) ?? null,
    tags: seg.tags.get(id) ?? [],
    persona: seg.persona.get(id) ?? null,
    value: value.get(id) ?? null,
    drivers: drivers.get(id) ?? [],
  }));
  customers.sort((a, b) => b.risk - a.risk || (a.customerId < b.customerId ? -1 : 1));
  const counts: Record<RiskBand, number> = { high: 0, medium: 0, low: 0 };
  for (const c of customers) counts[c.band]++;
  const histogram = Array.from({ length: 20 }, (_, k) => ({ from: k / 20, to: (k + 1) / 20, count: 0 }));
  for (let r = 0; r < risk.length; r++) histogram[Math.min(19, Math.floor(risk[r]! * 20))]!.count++;

  // ── 11. alerts ──────────────────────────────────────────────────────────────────────────
  progress(10);
  const partial: Omit<ChurnAnalysis, 'summary' | 'highlights' | 'alerts'> = {
    ...ANALYSIS_FORMAT,
    settings: {
      asOf: iso(asOf), rule, horizonDays, trainCutoffs: cutoffs.map(iso), algorithm, seed, bands: { high: bands.high, medium: bands.medium },
      budget: o.budget ?? null, winBackDays, valueBasis: o.value === undefined ? 'annualised_spend' : 'given',
    },
    audit,
    status: { counts: statusCounts, customers: stages.customerIds.length },
    churnRate: rate.map((p) => ({
      label: p.label, start: iso(p.start), activeAtStart: p.activeAtStart, churned: p.churned,
      rate: Number.isFinite(p.rate) ? p.rate : null, returned: p.returned, newCustomers: p.newCustomers, complete: p.complete,
    })),
    labels: labels.cutoffs.map((c, k) => ({ cutoff: iso(c), ...labels.countsByCutoff[k]! })),
    backtest: {
      folds: bt.folds.map((f) => ({
        cutoff: iso(f.cutoff), trainCutoffs: f.trainCutoffs.map(iso), trainRows: f.trainRows, testRows: f.testRows, testChurners: f.testChurners,
        rocAuc: f.rocAuc, prAuc: f.prAuc, logLoss: f.logLoss, brierScore: f.brierScore, topDecileLift: f.topDecileLift,
      })),
      mean: bt.mean,
      latest,
    },
    model: { algorithm, features: train.names.length, trainRows: yTrain.length, trainChurnRate: yTrain.length === 0 ? 0 : churners / yTrain.length, importance: model.importance().slice(0, 20) },
    risk: { scored: customers.length, counts, histogram },
    customers,
    lapsed: seg.lapsed,
    segments: seg.segments,
    actions: seg.actions,
    provenance,
  };
  const alerts = alertsSince(partial, o.previous, o.segmentAlertRise ?? 0.05);
  provenance['alerts'] = 'pipeline: compares customers.risk and mean risk per RFM segment and persona with options.previous';
  const { summary, highlights } = summarize(partial, alerts);
  return { ...partial, summary, highlights, alerts };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Keeps at most `max` points of a curve, always the first and the last. */
function thin<T>(points: T[], max: number): T[] {
  if (points.length <= max) return points;
  const out: T[] = [];
  const step = (points.length - 1) / (max - 1);
  for (let k = 0; k < max; k++) out.push(points[Math.round(k * step)]!);
  return out;
}

/**
 * Customer value: given (the `value` option by customer id), or annualised spend from the matrix. Customers
 * without a known value (absent from `given`, or never bought) are left out of the map: the
 * playbook's default value then applies and is counted in `actions.valueSources`.
 */
function customerValues(m: FeatureMatrix, given: ReadonlyMap<string, number> | undefined): Map<string, number> {
  const out = new Map<string, number>();
  if (given !== undefined) {
    for (const id of m.customerIds) {
      const v = given.get(id);
      if (v !== undefined) out.set(id, v);
    }
    return out;
  }
  const money = m.columns[m.names.indexOf('monetary_total')];
  const tenure = m.columns[m.names.indexOf('tenure_days')];
  m.customerIds.forEach((id, r) => {
    const total = money?.[r] ?? NaN;
    const days = tenure?.[r] ?? NaN;
    if (Number.isFinite(total)) out.set(id, (total / Math.max(Number.isFinite(days) ? days : 30, 30)) * 365);
  });
  return out;
}

/** A previous analysis must be one this version reads; anything else is an error, not "no previous". */
function checkPrevious(previous: unknown): void {
  const p = previous as Partial<ChurnAnalysis> | null;
  const bad = (path: (string | number)[], expected: string, received: unknown): never => {
    const what = path.length === 0 ? 'it' : path.join('.');
    throw new ChurnkitError('INVALID_OPTION', `${FN}: option "previous" is not a version-1 churn analysis: ${what} must be ${expected}.`, {
      path: ['previous', ...path], field: 'previous', expected, received,
    });
  };
  if (p === null || typeof p !== 'object') bad([], 'the result of analyzeChurn (or its parsed JSON)', previous);
  if (p!.format !== ANALYSIS_FORMAT.format) bad(['format'], `"${ANALYSIS_FORMAT.format}"`, p!.format);
  if (p!.version !== ANALYSIS_FORMAT.version) bad(['version'], String(ANALYSIS_FORMAT.version), p!.version);
  if (!Array.isArray(p!.customers)) bad(['customers'], 'an array', p!.customers);
  if (p!.settings === null || typeof p!.settings !== 'object' || typeof p!.settings.asOf !== 'string') bad(['settings', 'asOf'], 'an ISO date string', p!.settings);
}
