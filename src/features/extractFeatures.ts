import type { EventLog, TimeInput } from '../data/EventLog.js';
import type { Role, VocabularyInput } from '../data/types.js';
import { ChurnkitError, invalidOption, show } from '../internal/errors.js';
import { DAY_MS, toEpochMs } from '../internal/time.js';
import {
  Acc,
  ActiveDaysAcc,
  AttrShareAcc,
  BtydAcc,
  CampaignResponseAcc,
  CountAcc,
  CustomAcc,
  DistinctAttrAcc,
  FunnelAcc,
  GapAcc,
  RatioAcc,
  RecencyAcc,
  SentimentAcc,
  SliceAcc,
  SumAcc,
  SurveyAcc,
  TenureAcc,
  WeeklySlopeAcc,
  type Bounds,
  type EngineState,
} from './_accumulators.js';
import { attributeColumns, type AttributeTable } from './_attributes.js';
import { btydKernel, emptyBtydStats, type BtydUnit } from './btydSummary.js';
import { defaultFeatures } from './defaultFeatures.js';
import type { FeatureMatrix, FeatureMeta } from './FeatureMatrix.js';
import type { FeatureSpec, FeatureWindow } from './FeatureSpec.js';
import { featureMeta } from './featureMeta.js';
import { compileLexicon, type SentimentOptions } from './scoreSentiment.js';
import { validateFeatureSpecs } from './validateFeatureSpecs.js';

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
  /** Role → event types for this extraction, merged over the log's defaults. */
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

function union(log: EventLog, roles: readonly Role[]): Uint8Array {
  const m = new Uint8Array(Math.max(1, log.types.length));
  for (const r of roles) {
    const rm = log.roleMask(r);
    for (let k = 0; k < m.length; k++) m[k]! |= rm[k]!;
  }
  return m;
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
 * (BTYD columns come from {@link btydKernel}, a second scan of the same slice). Text is read only
 * when sentiment features are requested. O(events before the cutoff × features per event type
 * + customers × features).
 *
 * @param log - the event log
 * @param options - cutoff, features, customers, vocabulary, BTYD unit, customer table, sentiment lexicon
 * @returns a frozen {@link FeatureMatrix} with metadata per column and `cutoff` set
 * @throws ChurnkitError `INVALID_OPTION` for a bad cutoff, unit or customer list (duplicates);
 * `INVALID_SPEC` for a bad feature spec (with its path); `INVALID_INPUT` when a custom feature
 * returns a non-number
 * @example
 * ```ts
 * const m = extractFeatures(log, { cutoff: '2024-01-01', features: rfmFeatures });
 * featureColumn(m, 'purchase_recency_days'); // Float64Array [12, 40, ...]
 * ```
 * @category Features
 */
export function extractFeatures(log: EventLog, options: ExtractFeaturesOptions): FeatureMatrix {
  const fn = 'extractFeatures';
  if (options === null || typeof options !== 'object') invalidOption(fn, 'options', 'an object with a cutoff', options);
  const cutoff = toEpochMs(options.cutoff);
  if (Number.isNaN(cutoff)) invalidOption(fn, 'cutoff', 'a Date, ISO 8601 string or epoch ms', options.cutoff);
  const unit = options.unit ?? 'day';
  if (unit !== 'day' && unit !== 'week') invalidOption(fn, 'unit', '"day" or "week"', unit);
  const L = options.vocabulary === undefined ? log : log.withVocabulary(options.vocabulary);
  const specs = validateFeatureSpecs(options.features === undefined ? defaultFeatures : [...options.features]);

  // Rows.
  let ids: string[];
  let index: Int32Array;
  if (options.customers !== undefined) {
    if (options.customers === null || typeof (options.customers as Iterable<unknown>)[Symbol.iterator] !== 'function') {
      invalidOption(fn, 'customers', 'an iterable of customer ids', options.customers);
    }
    ids = [];
    const seen = new Set<string>();
    for (const raw of options.customers) {
      if (typeof raw !== 'string' && typeof raw !== 'number') invalidOption(fn, 'customers', 'customer ids (strings or numbers)', raw);
      const id = String(raw);
      if (seen.has(id)) invalidOption(fn, 'customers', 'distinct customer ids', id);
      seen.add(id);
      ids.push(id);
    }
    index = Int32Array.from(ids, (id) => L.customerIndex(id));
  } else {
    const list: number[] = [];
    for (let c = 0; c < L.customerCount; c++) if (L.positionAt(c, cutoff) > L.start(c)) list.push(c);
    index = Int32Array.from(list);
    ids = list.map((c) => L.customerId(c));
  }
  const n = ids.length;
  const state: EngineState = { c: -1, id: '' };

  // Compile specs into accumulators and columns.
  const accs: Acc[] = [];
  const cols: Float64Array[] = [];
  const metas: FeatureMeta[] = [];
  const col = (m: FeatureMeta): Float64Array => {
    const a = new Float64Array(n);
    cols.push(a);
    metas.push(m);
    return a;
  };
  const { value, type } = L;
  let lexicon: ReturnType<typeof compileLexicon> | null = null;
  let slices: SliceAcc | null = null;
  const kernels = new Map<BtydUnit, BtydAcc>();
  specs.forEach((spec, j) => {
    const meta = featureMeta(spec.op === 'btyd' ? { ...spec, unit: spec.unit ?? unit } : spec);
    switch (spec.op) {
      case 'count':
        accs.push(new CountAcc(L.roleMask(spec.role), bounds(cutoff, spec), col(meta)));
        break;
      case 'activeDays':
        accs.push(new ActiveDaysAcc(spec.role === undefined ? null : L.roleMask(spec.role), bounds(cutoff, spec), col(meta)));
        break;
      case 'sum':
      case 'mean':
        accs.push(new SumAcc(L.roleMask(spec.role), bounds(cutoff, spec), value, spec.op === 'mean', col(meta)));
        break;
      case 'recency':
        accs.push(new RecencyAcc(spec.role === undefined ? null : L.roleMask(spec.role), cutoff, col(meta)));
        break;
      case 'tenure':
        accs.push(new TenureAcc(cutoff, col(meta)));
        break;
      case 'ratio': {
        const term = (t: typeof spec.numerator) => ({ mask: L.roleMask(t.role), b: bounds(cutoff, t), sum: t.measure === 'sum' });
        accs.push(new RatioAcc(term(spec.numerator), term(spec.denominator), value, type, col(meta)));
        break;
      }
      case 'weeklySlope':
        accs.push(new WeeklySlopeAcc(L.roleMask(spec.role), cutoff, spec.weeks ?? 12, col(meta)));
        break;
      case 'gap':
        accs.push(new GapAcc(L.roleMask(spec.role), cutoff, spec.stat, col(meta)));
        break;
      case 'survey':
        accs.push(new SurveyAcc(L.roleMask(spec.role ?? 'survey'), value, spec.stat, spec.threshold ?? 6, col(meta)));
        break;
      case 'attrShare': {
        const codes: Int32Array[] = [];
        const truthy: Uint8Array[] = [];
        for (const a of spec.attrs) {
          const c = L.attr(a);
          if (c === undefined) continue;
          codes.push(c.codes);
          truthy.push(Uint8Array.from(c.values, (v) => (v === null || v === false || v === 0 || v === '' ? 0 : 1)));
        }
        accs.push(new AttrShareAcc(L.roleMask(spec.role), bounds(cutoff, spec), codes, truthy, col(meta)));
        break;
      }
      case 'distinctAttr': {
        const c = L.attr(spec.attr);
        accs.push(new DistinctAttrAcc(L.roleMask(spec.role), bounds(cutoff, spec), c?.codes ?? null, c?.values.length ?? 0, col(meta)));
        break;
      }
      case 'funnel':
        accs.push(
          new FunnelAcc(
            union(L, ['productView', 'cartAdd', 'checkout', 'purchase']),
            union(L, ['cartAdd', 'checkout']),
            L.roleMask('purchase'),
            type,
            bounds(cutoff, spec),
            (spec.sessionGapMinutes ?? 30) * 60_000,
            spec.stat,
            col(meta),
          ),
        );
        break;
      case 'campaignResponse':
        accs.push(new CampaignResponseAcc(union(L, ['campaignSent', 'campaignOpened', 'purchase']), L.roleMask('campaignSent'), type, (spec.responseDays ?? 7) * DAY_MS, col(meta)));
        break;
      case 'sentiment': {
        const scorer = options.sentiment?.scorer ?? null;
        if (scorer === null && lexicon === null) lexicon = compileLexicon(options.sentiment?.lexicon);
        // Without any text in the log no event is routed here: NaN ("no text") for everyone.
        const mask = !L.hasText ? new Uint8Array(Math.max(1, L.types.length)) : spec.roles === undefined ? null : union(L, spec.roles);
        accs.push(new SentimentAcc(mask, bounds(cutoff, spec), L, lexicon, scorer, spec.stat, col(meta)));
        break;
      }
      case 'btyd': {
        const u = spec.unit ?? unit;
        let acc = kernels.get(u);
        if (acc === undefined) {
          acc = new BtydAcc(btydKernel(L, { cutoff, unit: u }), emptyBtydStats(), state, {});
          kernels.set(u, acc);
          accs.push(acc);
        }
        acc.cols[spec.stat] = col(meta);
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
        const a = attributeColumns(options.table, spec, j, ids, cutoff);
        for (const c of a) {
          cols.push(c.values);
          metas.push(c.meta);
        }
        break;
      }
      case 'custom': {
        if (slices === null) {
          slices = new SliceAcc(L);
          accs.unshift(slices);
        }
        const onBad = (id: string, v: unknown): never => {
          throw new ChurnkitError('INVALID_INPUT', `${fn}: custom feature "${spec.name}" returned ${show(v)} for customer ${show(id)}; it must return a number (NaN allowed).`, {
            path: ['features', j, 'compute'],
            expected: 'a number',
            received: v,
          });
        };
        accs.push(new CustomAcc(spec, slices, state, cutoff, onBad, col(meta)));
        break;
      }
    }
  });

  // Dispatch table: type code → accumulators reading it.
  const nt = Math.max(1, L.types.length);
  const byType: Acc[][] = Array.from({ length: nt }, () => []);
  for (const a of accs) {
    if (a instanceof BtydAcc || a instanceof CustomAcc) continue;
    for (let ty = 0; ty < nt; ty++) if (a.mask === null || a.mask[ty] === 1) byType[ty]!.push(a);
  }
  const { time, rows, offsets } = L;
  const na = accs.length;
  for (let r = 0; r < n; r++) {
    const c = index[r]!;
    state.c = c;
    state.id = ids[r]!;
    for (let a = 0; a < na; a++) accs[a]!.begin();
    if (c >= 0) {
      const end = L.positionAt(c, cutoff);
      for (let k = offsets[c]!; k < end; k++) {
        const i = rows === null ? k : rows[k]!;
        const list = byType[type[i]!]!;
        const t = time[i]!;
        for (let a = 0; a < list.length; a++) list[a]!.add(i, t);
      }
    }
    for (let a = 0; a < na; a++) accs[a]!.end(r);
  }

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
  return Object.freeze({
    customerIds: Object.freeze(ids),
    names: Object.freeze(names),
    columns: Object.freeze(cols),
    meta: Object.freeze(frozenMeta),
    cutoff,
  });
}
