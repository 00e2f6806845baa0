import { checkLog, knownOptions, optionNames, timeOption } from '../internal/args.js';
import type { EventLog, TimeInput } from '../data/EventLog.js';
import { mergeEventLogs } from '../data/mergeEventLogs.js';
import { withVocabularyOption } from '../data/vocabulary.js';
import type { Role, VocabularyInput } from '../data/types.js';
import { ChurnkitError, invalidOption, show } from '../internal/errors.js';
import { DAY_MS } from '../internal/time.js';
import {
  ActiveRhythmAcc,
  AttrShareAcc,
  BtydAcc,
  CustomAcc,
  DistinctAttrAcc,
  FunnelAcc,
  GapAcc,
  SentimentAcc,
  SliceAcc,
  TextMatchAcc,
  WeeklySlopeAcc,
  type Bounds,
  type EngineState,
} from './_accumulators.js';
import { PlanBuilder, runEngine } from './_engine.js';
import { attributeColumns, type AttributeTable } from './_attributes.js';
import { btydFeatureStream, emptyBtydStats, type BtydUnit } from './btydSummary.js';
import { defaultFeatures } from './defaultFeatures.js';
import type { FeatureMatrix, FeatureMeta } from './FeatureMatrix.js';
import type { FeatureSpec, FeatureWindow } from './FeatureSpec.js';
import { specMeta } from './_specMeta.js';
import { checkScore, checkSentimentOptions, compileLexicon, type SentimentOptions } from './scoreSentiment.js';
import { validateFeatureSpecs } from './validateFeatureSpecs.js';

const EXTRACT_FEATURES_OPTIONS = optionNames<ExtractFeaturesOptions>()(['cutoff', 'features', 'customers', 'vocabulary', 'unit', 'table', 'sentiment']);

/** Options of {@link extractFeatures}. @category Features */
export interface ExtractFeaturesOptions {
  /** The "as of" time: only events with `time < cutoff` are read. */
  cutoff: TimeInput;
  /** Features to compute (default {@link defaultFeatures}); validated by {@link validateFeatureSpecs}. */
  features?: readonly FeatureSpec[];
  /**
   * Rows of the matrix, in this order. Default: every customer of the log with at least one
   * event before the cutoff, in log order. Listed customers without events get counts of 0
   * and NaN for "time since" features.
   */
  customers?: Iterable<string | number>;
  /** Role → event types for this extraction: each role given replaces the log's event types for that role; the log's other roles stay. */
  vocabulary?: VocabularyInput;
  /** Unit of BTYD `t_x` and `T` when a spec does not set one (default `'day'`). */
  unit?: BtydUnit;
  /** Customer table for `attribute` features (see {@link AttributeTable}). */
  table?: AttributeTable;
  /** Lexicon or scorer for sentiment features (see {@link scoreSentiment}). */
  sentiment?: SentimentOptions;
}

function bounds(cutoff: number, w: FeatureWindow): Bounds {
  const off = (w.offsetDays ?? 0) * DAY_MS;
  return { lo: w.windowDays === undefined ? -Infinity : cutoff - off - w.windowDays * DAY_MS, hi: cutoff - off };
}

/** Key of a role set for sharing one accumulator between specs: `'*'` for none given. */
function rolesKey(roles: readonly Role[] | undefined): string {
  return roles === undefined ? '*' : [...roles].sort().join(',');
}

/**
 * Turns an event log into a customers × features matrix as of a cutoff: the input of
 * segmentation and churn models.
 *
 * Rows are the customers with at least one event before the cutoff (or `options.customers`);
 * columns are the requested features (default {@link defaultFeatures}: RFM and BTYD summary,
 * engagement, rhythm, funnel, feature usage, service, sentiment and marketing). Point in time:
 * only events with `time < cutoff` are read, so the matrix does not change whatever happens at
 * or after the cutoff. One pass: each customer's events before the cutoff are walked once and
 * every accumulator interested in the event's type is updated, with no allocation per event
 * (BTYD columns are folded in by the same stream {@link btydKernel} uses). Text is read only
 * when sentiment or text-match features are requested. O(events before the cutoff × features per event type
 * + customers × features).
 *
 * @param log - the event log
 * @param options - cutoff, features, customers, vocabulary, BTYD unit, customer table, sentiment lexicon
 * @returns a frozen {@link FeatureMatrix} with metadata per column and `cutoff` set
 * @throws ChurnkitError `INVALID_INPUT` when `log` is not an EventLog, a custom feature returns a
 * non-number or a custom sentiment scorer returns anything but a number in [−1, 1];
 * `INVALID_TIME` for a cutoff that is not a time; `INVALID_OPTION` for missing or non-object
 * options, an unknown option, a bad unit, a `features` or `customers` that is not iterable, a
 * customer list with duplicates, or bad `sentiment` options (unknown key, scorer not a function,
 * bad lexicon entry); `INVALID_SPEC` for a bad feature spec (with its path) or two features with
 * one column name; `UNKNOWN_ROLE` for a vocabulary naming an unknown role; `UNKNOWN_COLUMN` for
 * an `attribute` spec naming a column the customer table lacks
 * @example
 * ```ts
 * const m = extractFeatures(log, { cutoff: '2024-01-01', features: rfmFeatures });
 * featureColumn(m, 'recency_days'); // Float64Array [12.4, 40.9, ...] (fractional days since the last purchase)
 * ```
 * @category Features
 */
export function extractFeatures(log: EventLog, options: ExtractFeaturesOptions): FeatureMatrix {
  const fn = 'extractFeatures';
  checkLog(fn, log);
  if (options === null || typeof options !== 'object') invalidOption(fn, 'options', 'an object with a cutoff', options);
  knownOptions(fn, options, EXTRACT_FEATURES_OPTIONS);
  const cutoff = timeOption(fn, 'cutoff', options.cutoff);
  const unit = options.unit ?? 'day';
  if (unit !== 'day' && unit !== 'week') invalidOption(fn, 'unit', '"day" or "week"', unit);
  const table = options.table as Partial<AttributeTable> | null | undefined;
  if (table !== undefined && (table === null || typeof table !== 'object' || typeof table.column !== 'function' || typeof table.index !== 'function')) {
    invalidOption(fn, 'table', 'a CustomerTable (from createCustomerTable, or simulateShop().customers)', options.table);
  }
  const L = withVocabularyOption(fn, log, options.vocabulary);
  const features = options.features;
  if (features !== undefined && (features === null || typeof (features as Iterable<unknown>)[Symbol.iterator] !== 'function')) {
    invalidOption(fn, 'features', 'an array of feature specs', features);
  }
  const specs = validateFeatureSpecs(features === undefined ? defaultFeatures : [...features]);
  if (options.sentiment !== undefined) checkSentimentOptions(fn, options.sentiment, ['sentiment']);
  // A custom scorer's scores are checked as scoreSentiment checks them (each text is scored once).
  const rawScorer = options.sentiment?.scorer;
  const sentimentScorer = rawScorer === undefined ? null : (text: string): number => checkScore(fn, rawScorer(text), text, ['sentiment']);

  // Rows.
  let ids: string[];
  let index: Int32Array;
  if (options.customers !== undefined) {
    if (options.customers === null || typeof (options.customers as Iterable<unknown>)[Symbol.iterator] !== 'function') {
      invalidOption(fn, 'customers', 'an iterable of customer ids', options.customers);
    }
    // A string is iterable too (by character): it is one id, not a list.
    if (typeof options.customers === 'string') invalidOption(fn, 'customers', 'an array (or other iterable) of customer ids, not one string', options.customers);
    ids = [];
    const seen = new Set<string>();
    for (const raw of options.customers) {
      if (typeof raw !== 'string' && !(typeof raw === 'number' && Number.isFinite(raw))) invalidOption(fn, 'customers', 'customer ids (strings or finite numbers)', raw);
      const id = String(raw);
      if (seen.has(id)) invalidOption(fn, 'customers', 'distinct customer ids', id);
      seen.add(id);
      ids.push(id);
    }
    index = Int32Array.from(ids, (id) => L.customerIndex(id));
  } else {
    const nc = L.customerCount;
    const all = new Int32Array(nc);
    const { offsets: offs, rows, time } = L;
    let m = 0;
    // A customer has an event before the cutoff when its first (earliest) one is: O(1) each.
    for (let c = 0; c < nc; c++) {
      const k = offs[c]!;
      if (k < offs[c + 1]! && time[rows === null ? k : rows[k]!]! < cutoff) all[m++] = c;
    }
    const base = L.customerIds;
    if (m === nc) {
      // Every customer has an event before the cutoff: share the log's (frozen) id list.
      index = all;
      ids = base as string[];
    } else {
      index = all.slice(0, m);
      ids = new Array<string>(m);
      for (let r = 0; r < m; r++) ids[r] = base[index[r]!]!;
    }
  }
  const n = ids.length;
  const state: EngineState = { c: -1, id: '' };

  // Compile specs. Simple features read shared channels (state in one Float64Array, reset per
  // customer from a template); the others are objects in per-class lists (see _engine.ts).
  const plan = new PlanBuilder(Math.max(1, L.types.length));
  const cols: Float64Array[] = [];
  const metas: FeatureMeta[] = [];
  // Every spec but `attribute` makes exactly one column. They are views of one buffer: one
  // allocation instead of one per column (at a million customers each column is 8 MB of external
  // memory, and every 64 MB or so of it triggered a full garbage collection), so a column's
  // `buffer` is the whole matrix's (documented on FeatureMatrix).
  const own = new Float64Array(n * specs.reduce((k, s) => k + (s.op === 'attribute' ? 0 : 1), 0));
  let used = 0;
  const col = (m: FeatureMeta): Float64Array => {
    const a = own.subarray(used * n, (used + 1) * n);
    used++;
    cols.push(a);
    metas.push(m);
    return a;
  };
  const { type } = L;
  const all = (): Uint8Array => new Uint8Array(Math.max(1, L.types.length)).fill(1);
  // Text features: without any text in the log no event is routed to them (NaN or 0 texts for
  // everyone); without roles every type is (null mask).
  const textMask = (roles: readonly Role[] | undefined): Uint8Array | null =>
    !L.hasText ? new Uint8Array(Math.max(1, L.types.length)) : roles === undefined ? null : L.rolesMask(roles);
  let lexicon: ReturnType<typeof compileLexicon> | null = null;
  const sentimentCache = new Map<string, number>();
  let slices: SliceAcc | null = null;
  const kernels = new Map<BtydUnit, BtydAcc>();
  // Features that share state share one object: gap statistics per role, funnel sessions per
  // session gap, sentiment per role set.
  const gaps = new Map<string, GapAcc>();
  const funnels = new Map<number, FunnelAcc>();
  const sentiments = new Map<string, SentimentAcc>();
  const rhythms = new Map<string, ActiveRhythmAcc>();
  specs.forEach((spec, j) => {
    const meta = specMeta(spec.op === 'btyd' ? { ...spec, unit: spec.unit ?? unit } : spec);
    switch (spec.op) {
      case 'count':
        plan.count(L.roleMask(spec.role), bounds(cutoff, spec), col(meta));
        break;
      case 'activeDays':
        plan.activeDays(spec.role === undefined ? all() : L.roleMask(spec.role), bounds(cutoff, spec), col(meta));
        break;
      case 'sum':
      case 'mean':
        plan.sum(L.roleMask(spec.role), bounds(cutoff, spec), spec.op === 'mean', col(meta));
        break;
      case 'recency':
        // Without a role the answer is the last event of the slice: O(1), no dispatch.
        if (spec.role === undefined) plan.recencyAny(col(meta));
        else plan.recency(L.roleMask(spec.role), cutoff, col(meta));
        break;
      case 'tenure':
        plan.tenureAny(col(meta));
        break;
      case 'ratio':
        plan.ratio(
          L.roleMask(spec.numerator.role),
          bounds(cutoff, spec.numerator),
          spec.numerator.measure === 'sum',
          L.roleMask(spec.denominator.role),
          bounds(cutoff, spec.denominator),
          spec.denominator.measure === 'sum',
          col(meta),
        );
        break;
      case 'survey':
        plan.survey(L.roleMask(spec.role ?? 'survey'), ['last', 'mean', 'change', 'detractor'].indexOf(spec.stat), spec.threshold ?? 6, cutoff, col(meta));
        break;
      case 'campaignResponse':
        plan.campaign(L.rolesMask(['campaignSent', 'campaignOpened', 'purchase']), L.roleMask('campaignSent'), (spec.responseDays ?? 7) * DAY_MS, cutoff, col(meta));
        break;
      case 'weeklySlope':
        plan.slopes.push(new WeeklySlopeAcc(L.roleMask(spec.role), cutoff, spec.weeks ?? 12, col(meta)));
        break;
      case 'gap': {
        let g = gaps.get(spec.role);
        if (g === undefined) {
          g = new GapAcc(L.roleMask(spec.role), cutoff);
          gaps.set(spec.role, g);
          plan.gaps.push(g);
        }
        g.want(spec.stat, col(meta));
        break;
      }
      case 'attrShare': {
        const codes: Int32Array[] = [];
        const truthy: Uint8Array[] = [];
        for (const a of spec.attrs) {
          const c = L.attr(a);
          if (c === undefined) continue;
          codes.push(c.codes);
          truthy.push(Uint8Array.from(c.values, (v) => (v === null || v === false || v === 0 || v === '' ? 0 : 1)));
        }
        plan.shares.push(new AttrShareAcc(L.roleMask(spec.role), bounds(cutoff, spec), codes, truthy, col(meta)));
        break;
      }
      case 'distinctAttr': {
        const c = L.attr(spec.attr);
        // null and '' are no value (as attrShare reads them), so they are not a distinct one.
        const present = Uint8Array.from(c?.values ?? [], (v) => (v === null || v === '' ? 0 : 1));
        plan.distincts.push(new DistinctAttrAcc(L.roleMask(spec.role), bounds(cutoff, spec), c?.codes ?? null, present, col(meta)));
        break;
      }
      case 'funnel': {
        const gapMs = (spec.sessionGapMinutes ?? 30) * 60_000;
        let f = funnels.get(gapMs);
        if (f === undefined) {
          f = new FunnelAcc(L.rolesMask(['productView', 'cartAdd', 'checkout', 'purchase']), L.rolesMask(['cartAdd', 'checkout']), L.roleMask('purchase'), type, gapMs);
          funnels.set(gapMs, f);
          plan.funnels.push(f);
        }
        f.want(bounds(cutoff, spec), spec.stat, col(meta));
        break;
      }
      case 'sentiment': {
        const scorer = sentimentScorer;
        if (scorer === null && lexicon === null) lexicon = compileLexicon(options.sentiment?.lexicon, fn, ['sentiment', 'lexicon']);
        const key = rolesKey(spec.roles);
        let a = sentiments.get(key);
        if (a === undefined) {
          a = new SentimentAcc(textMask(spec.roles), L, lexicon, scorer, sentimentCache);
          sentiments.set(key, a);
          plan.sentiments.push(a);
        }
        a.want(bounds(cutoff, spec), spec.stat, col(meta));
        break;
      }
      case 'textMatch': {
        const scorer = sentimentScorer;
        const excludePositive = spec.exclude === 'positive';
        if (excludePositive && scorer === null && lexicon === null) lexicon = compileLexicon(options.sentiment?.lexicon, fn, ['sentiment', 'lexicon']);
        const words = spec.words.map((w) => w.toLowerCase());
        plan.texts.push(new TextMatchAcc(textMask(spec.roles), bounds(cutoff, spec), words, spec.stat === 'share', excludePositive, L, lexicon, scorer, sentimentCache, col(meta)));
        break;
      }
      case 'activeRhythm': {
        const key = rolesKey(spec.roles);
        let a = rhythms.get(key);
        if (a === undefined) {
          a = new ActiveRhythmAcc(L.rolesMask(spec.roles ?? ['activity', 'purchase']));
          rhythms.set(key, a);
          plan.rhythms.push(a);
        }
        a.want(spec.stat, spec.stat === 'gapGrowth' ? (spec.recentGaps ?? 3) : (spec.spanDays ?? 90), col(meta));
        break;
      }
      case 'btyd': {
        const u = spec.unit ?? unit;
        let acc = kernels.get(u);
        if (acc === undefined) {
          acc = new BtydAcc(L.roleMask('purchase'), btydFeatureStream(cutoff, u), emptyBtydStats(), L.value);
          kernels.set(u, acc);
          plan.btyds.push(acc);
        }
        acc.cols[spec.stat].push(col(meta));
        break;
      }
      case 'attribute': {
        if (options.table === undefined) {
          throw new ChurnkitError('INVALID_SPEC', `${fn}: features[${j}] reads customer-table column ${show(spec.column)} but no options.table was given.`, {
            path: ['features', j, 'column'],
            expected: 'options.table with this column',
            received: spec.column,
          });
        }
        for (const c of attributeColumns(options.table, spec, j, ids, cutoff)) {
          cols.push(c.values);
          metas.push(c.meta);
        }
        break;
      }
      case 'custom': {
        if (slices === null) {
          // The slice's log holds only the events before the cutoff — the one view merged into a
          // log of its own columns and dictionaries, same vocabulary — so a custom function that
          // reaches through `slice.log` cannot read the future either.
          slices = new SliceAcc(L, mergeEventLogs([L.filter({ to: cutoff })], { dedupe: false }), cutoff);
          plan.slices.push(slices);
        }
        const onBad = (id: string, v: unknown): never => {
          throw new ChurnkitError('INVALID_INPUT', `${fn}: custom feature "${spec.name}" returned ${show(v)} for customer ${show(id)}; it must return a number (NaN allowed).`, {
            path: ['features', j, 'compute'],
            expected: 'a number',
            received: v,
          });
        };
        plan.customs.push(new CustomAcc(spec, slices, state, cutoff, onBad, col(meta)));
        break;
      }
    }
  });
  const frozenMeta = metas.map((m) => Object.freeze({ ...m, ...(m.levels ? { levels: Object.freeze([...m.levels]) } : {}) }));
  const names = frozenMeta.map((m) => m.name);
  const seen = new Map<string, number>();
  names.forEach((nm, j) => {
    if (seen.has(nm)) {
      throw new ChurnkitError('INVALID_SPEC', `${fn}: two features produce the column ${show(nm)}; give one a different name.`, {
        path: ['features'],
        expected: 'unique column names',
        received: nm,
      });
    }
    seen.set(nm, j);
  });
  runEngine(L, cutoff, index, ids, state, plan.finish(cutoff));

  return Object.freeze({
    customerIds: Object.isFrozen(ids) ? ids : Object.freeze(ids),
    names: Object.freeze(names),
    columns: Object.freeze(cols),
    meta: Object.freeze(frozenMeta),
    cutoff,
  });
}
