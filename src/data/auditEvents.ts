import { checkLog, knownOptions, optionNames, optionsOf, timeOption } from '../internal/args.js';
import type { ErrorCode } from '../internal/errors.js';
import { invalidOption } from '../internal/errors.js';
import { DAY_MS, inDateRange } from '../internal/time.js';
import type { EventLog, TimeInput } from './EventLog.js';
import type { Role, VocabularyInput } from './types.js';
import { ROLES, withVocabularyOption } from './vocabulary.js';
import { integerText } from '../internal/format.js';

const AUDIT_OPTIONS = optionNames<AuditOptions>()(['asOf', 'vocabulary', 'surveyRange', 'staleDays']);

/** How serious a finding is. @category Data */
export type FindingSeverity = 'info' | 'warning' | 'error';

/** Stable codes of audit findings. @category Data */
export type FindingCode =
  | 'EMPTY_LOG'
  | 'INGEST_REJECTS'
  | 'KEPT_WITHOUT_CUSTOMER'
  | 'DUPLICATES_REMOVED'
  | 'NO_PURCHASES'
  | 'NEGATIVE_PURCHASE_VALUE'
  | 'SURVEY_OUT_OF_RANGE'
  | 'UNKNOWN_TYPES'
  | 'DUPLICATES'
  | 'FUTURE_DATED'
  | 'EARLY_DATED'
  | 'STALE_SOURCE'
  | 'MISSING_VALUE'
  | 'MISSING_QUANTITY'
  | 'MISSING_TEXT'
  | 'NEVER_PURCHASED';

/** One thing the audit noticed, in plain language. @category Data */
export interface AuditFinding {
  /** `error`: numbers built on this data will be wrong; `warning`: check it; `info`: worth knowing. */
  severity: FindingSeverity;
  /** Stable code to branch on. */
  code: FindingCode;
  /** What was found and what to do, in one or two sentences. */
  message: string;
  /** The number of events, rows, customers or sources concerned. */
  count: number;
}

/** Events and customers of one event type. @category Data */
export interface TypeSummary {
  /** The event type name. */
  type: string;
  /** Roles the type plays under the audit's vocabulary (empty: an unknown type). */
  roles: Role[];
  /** Events of the type. */
  events: number;
  /** Distinct customers with at least one event of the type. */
  customers: number;
}

/** Events, customers and timeliness of one source. @category Data */
export interface SourceSummary {
  /** The source name. */
  source: string;
  /** Events recorded by the source. */
  events: number;
  /** Distinct customers with at least one event from the source. */
  customers: number;
  /** Earliest event, ISO 8601. */
  firstEvent: string;
  /** Latest event, ISO 8601. */
  latestEvent: string;
  /** Days from `latestEvent` to the lag basis (`asOf`, else the log's latest event); negative when the source has future-dated events. */
  lagDays: number;
}

/** How often a field is filled for the events of one role. @category Data */
export interface FieldCompleteness {
  /** The field checked. */
  field: 'value' | 'quantity' | 'text';
  /** The role whose events are checked. */
  role: Role;
  /** Events of the role. */
  events: number;
  /** Of those, events with the field present. */
  present: number;
  /** `present / events`, or `null` when there are no events of the role. */
  fraction: number | null;
}

/** How many events carry an attribute key. @category Data */
export interface AttrCoverage {
  /** The attribute key. */
  key: string;
  /** Events carrying the key. */
  events: number;
  /** Share of all events, or `null` for an empty log. */
  fraction: number | null;
}

/**
 * A JSON-serializable data-quality audit of an event log, made by {@link auditEvents}.
 *
 * @category Data
 */
export interface DataQualityReport {
  /** The `asOf` instant (ISO 8601), or `null` when none was given. */
  asOf: string | null;
  /** Events in the log or view. */
  events: number;
  /** Customers with at least one event. */
  customers: number;
  /** First and last event (ISO 8601) and the days between them, or `null` when empty. */
  timeSpan: { start: string; end: string; days: number } | null;
  /** Per event type, most events first. */
  byType: TypeSummary[];
  /** Per source, most events first, with its latest event and lag. */
  bySource: SourceSummary[];
  /** What `lagDays` is measured against. */
  lagBasis: 'asOf' | 'latestEvent';
  /** Value on purchases, refunds and surveys; quantity on purchases and refunds; text on tickets and complaints. */
  completeness: FieldCompleteness[];
  /** Attribute keys and how many events carry each, most first. */
  attrCoverage: AttrCoverage[];
  /** Values that cannot be right. */
  invalid: {
    /** Purchase events with a value below 0. */
    negativePurchaseValues: number;
    /** Survey events whose value is outside its range. */
    surveyOutOfRange: number;
    /** Event types that play no role, with their event counts, most first. */
    unknownTypes: { type: string; events: number }[];
    /** Events of unknown types. */
    unknownTypeEvents: number;
  };
  /** Events repeating an earlier event of the same customer with the same time, type and value. */
  duplicates: { events: number; customers: number };
  /** Events at or after `asOf`, or `null` without `asOf`. */
  futureDated: { events: number; customers: number } | null;
  /**
   * Events dated before 1990-01-01 (finding EARLY_DATED): most often epoch seconds read as epoch
   * milliseconds, which land in January 1970.
   */
  earlyDated: { events: number; customers: number };
  /** Customers with no purchase event at all. */
  neverPurchased: { customers: number; fraction: number | null };
  /** The ingestion report carried by the log (without the individual issues). */
  rejects: {
    rows: number;
    accepted: number;
    rejected: number;
    byCode: Partial<Record<ErrorCode, number>>;
    keptWithoutCustomer: number;
    duplicatesRemoved: number;
  };
  /** Everything noticed, errors first, then warnings, then infos. */
  findings: AuditFinding[];
}

/** Options of {@link auditEvents}. @category Data */
export interface AuditOptions {
  /** The audit's "now": events at or after it are future-dated; sources' lag is measured to it. */
  asOf?: TimeInput;
  /** Vocabulary to audit with (merged over the defaults); default: the log's own. */
  vocabulary?: VocabularyInput;
  /**
   * Valid survey scores, inclusive: one `[min, max]` for every survey type, or per type name
   * (`{ nps: [0, 10], csat: [1, 5] }`; unlisted types use `[0, 10]`). Default `[0, 10]` (NPS).
   */
  surveyRange?: readonly [number, number] | Readonly<Record<string, readonly [number, number]>>;
  /** A source whose latest event lags more than this many days is flagged. Default 7. */
  staleDays?: number;
}

const VALUE_ROLES: readonly Role[] = ['purchase', 'refund', 'survey'];
const QTY_ROLES: readonly Role[] = ['purchase', 'refund'];
const TEXT_ROLES: readonly Role[] = ['ticket', 'complaint'];
const LONG_RUN = 32;
/** 1990-01-01T00:00:00Z: events before it are flagged as early-dated (see DataQualityReport.earlyDated). */
const EARLY_BEFORE = Date.UTC(1990, 0, 1);

/**
 * Audits an event log's quality before any churn work: volumes, completeness, impossible
 * values, duplicates, future-dated events, stale sources and the ingestion rejects.
 *
 * The first thing to run on a new data feed, and again on each refresh: churn labels and
 * features silently inherit every gap found here. Reads the whole log (it is an audit, not an
 * as-of computation), in one pass over positions plus one pass per attribute key. Duplicates
 * are found among events of one customer with equal times (runs longer than 32 events use a
 * hash set, so the pass stays linear). Events "after `asOf`" are those with `time >= asOf`, the
 * complement of the point-in-time slice. Lags are in days (ms / 86 400 000). Render it with
 * {@link formatAuditReport}.
 *
 * @param log - the log or view to audit
 * @param options - `asOf`, vocabulary, survey range and staleness threshold
 * @returns a JSON-serializable {@link DataQualityReport}
 * @throws ChurnkitError `INVALID_TIME` for a bad `asOf`, `INVALID_OPTION` for a bad range or threshold,
 *   `UNKNOWN_ROLE` for a bad vocabulary
 * @example
 * ```ts
 * const log = createEventLog([
 *   { customerId: 'a', time: '2024-01-02', type: 'order', value: -5 },
 *   { customerId: 'b', time: '2024-01-03', type: 'nps', value: 11 },
 * ]);
 * const r = auditEvents(log, { asOf: '2024-01-10' });
 * r.invalid.negativePurchaseValues; // 1
 * r.invalid.surveyOutOfRange;       // 1
 * r.findings[0]!.severity;          // 'error'
 * ```
 * @category Data
 */
export function auditEvents(log: EventLog, options: AuditOptions = {}): DataQualityReport {
  const fn = 'auditEvents';
  checkLog(fn, log);
  options = optionsOf(fn, options);
  knownOptions(fn, options, AUDIT_OPTIONS);
  let asOf = NaN;
  if (options.asOf !== undefined) {
    asOf = timeOption(fn, 'asOf', options.asOf);
  }
  const hasAsOf = options.asOf !== undefined;
  const staleDays = options.staleDays ?? 7;
  if (typeof staleDays !== 'number' || !(staleDays >= 0)) invalidOption(fn, 'staleDays', 'a number ≥ 0', staleDays);
  const L = withVocabularyOption(fn, log, options.vocabulary);

  const nT = Math.max(1, L.types.length);
  const nS = Math.max(1, L.sources.length);
  const [surveyLo, surveyHi] = surveyBounds(fn, options.surveyRange, L.types);
  const mask = (r: Role): Uint8Array => L.roleMask(r);
  const purchase = mask('purchase');
  const survey = mask('survey');
  const known = new Uint8Array(nT);
  const typeRoles: Role[][] = Array.from({ length: nT }, () => []);
  for (const r of ROLES) {
    const m = mask(r);
    for (let t = 0; t < nT; t++)
      if (m[t] === 1) {
        known[t] = 1;
        typeRoles[t]!.push(r);
      }
  }
  // Completeness: per type, which (field, role) counters it feeds.
  const compl: { field: 'value' | 'quantity' | 'text'; role: Role; m: Uint8Array; events: number; present: number }[] = [
    ...VALUE_ROLES.map((role) => ({ field: 'value' as const, role, m: mask(role), events: 0, present: 0 })),
    ...QTY_ROLES.map((role) => ({ field: 'quantity' as const, role, m: mask(role), events: 0, present: 0 })),
    ...TEXT_ROLES.map((role) => ({ field: 'text' as const, role, m: mask(role), events: 0, present: 0 })),
  ];
  // Per type: its completeness entries, so the hot loop only touches what applies.
  const typeCompl: number[][] = Array.from({ length: nT }, (_, t) => compl.flatMap((e, j) => (e.m[t] === 1 ? [j] : [])));

  const typeEvents = new Float64Array(nT);
  const typeCust = new Float64Array(nT);
  const typeLast = new Int32Array(nT).fill(-1);
  const srcEvents = new Float64Array(nS);
  const srcCust = new Float64Array(nS);
  const srcLast = new Int32Array(nS).fill(-1);
  const srcMin = new Float64Array(nS).fill(Infinity);
  const srcMax = new Float64Array(nS).fill(-Infinity);
  let negPurchase = 0;
  let surveyOut = 0;
  let dupEvents = 0;
  let dupCustomers = 0;
  let futureEvents = 0;
  let futureCustomers = 0;
  let earlyEvents = 0;
  let earlyCustomers = 0;
  let neverPurchased = 0;
  let maxTime = -Infinity;
  let minTime = Infinity;

  const { time, value, quantity, type, source, offsets, rows } = L;
  const n = L.size;
  const customers = L.customerCount;
  for (let c = 0; c < customers; c++) {
    const a = offsets[c]!;
    const b = offsets[c + 1]!;
    let bought = false;
    let dupHere = false;
    let futureHere = false;
    let earlyHere = false;
    let runStart = a;
    let runTime = NaN;
    let runSet: Set<string> | null = null;
    for (let k = a; k < b; k++) {
      const i = rows === null ? k : rows[k]!;
      const t = time[i]!;
      const ty = type[i]!;
      const s = source[i]!;
      const v = value[i]!;
      typeEvents[ty]!++;
      if (typeLast[ty] !== c) {
        typeLast[ty] = c;
        typeCust[ty]!++;
      }
      srcEvents[s]!++;
      if (srcLast[s] !== c) {
        srcLast[s] = c;
        srcCust[s]!++;
      }
      if (t < srcMin[s]!) srcMin[s] = t;
      if (t > srcMax[s]!) srcMax[s] = t;
      if (t < minTime) minTime = t;
      if (t > maxTime) maxTime = t;
      if (purchase[ty] === 1) {
        bought = true;
        if (v < 0) negPurchase++;
      }
      if (survey[ty] === 1 && (v < surveyLo[ty]! || v > surveyHi[ty]!)) surveyOut++;
      const tc = typeCompl[ty]!;
      for (let j = 0; j < tc.length; j++) {
        const e = compl[tc[j]!]!;
        e.events++;
        const f = e.field;
        if (f === 'value' ? v === v : f === 'quantity' ? quantity[i] === quantity[i] : L.textAt(i) !== undefined) e.present++;
      }
      if (hasAsOf && t >= asOf) {
        futureEvents++;
        futureHere = true;
      }
      if (t < EARLY_BEFORE) {
        earlyEvents++;
        earlyHere = true;
      }
      // Duplicates: same time as the current run, same type and value as an earlier run member.
      if (t !== runTime) {
        runStart = k;
        runTime = t;
        runSet = null;
      } else {
        let dup = false;
        if (runSet !== null) {
          const key = `${ty}:${v}`;
          dup = runSet.has(key);
          runSet.add(key);
        } else {
          for (let m = runStart; m < k; m++) {
            const x = rows === null ? m : rows[m]!;
            if (type[x] === ty && (value[x] === v || (v !== v && value[x] !== value[x]))) {
              dup = true;
              break;
            }
          }
          if (k - runStart >= LONG_RUN) {
            runSet = new Set();
            for (let m = runStart; m <= k; m++) {
              const x = rows === null ? m : rows[m]!;
              runSet.add(`${type[x]!}:${value[x]!}`);
            }
          }
        }
        if (dup) {
          dupEvents++;
          dupHere = true;
        }
      }
    }
    if (!bought) neverPurchased++;
    if (dupHere) dupCustomers++;
    if (futureHere) futureCustomers++;
    if (earlyHere) earlyCustomers++;
  }

  // Attribute coverage: one pass per key over the positions.
  const attrCoverage: AttrCoverage[] = [];
  for (const key of L.attrNames) {
    const codes = L.attr(key)!.codes;
    let cnt = 0;
    for (let k = 0; k < n; k++) if (codes[rows === null ? k : rows[k]!]! >= 0) cnt++;
    if (cnt > 0) attrCoverage.push({ key, events: cnt, fraction: frac(cnt, n) });
  }
  attrCoverage.sort((x, y) => y.events - x.events || cmp(x.key, y.key));

  const byType: TypeSummary[] = [];
  const unknownTypes: { type: string; events: number }[] = [];
  let unknownTypeEvents = 0;
  L.types.forEach((name, t) => {
    const ev = typeEvents[t]!;
    if (ev === 0) return;
    byType.push({ type: name, roles: typeRoles[t]!, events: ev, customers: typeCust[t]! });
    if (known[t] !== 1) {
      unknownTypes.push({ type: name, events: ev });
      unknownTypeEvents += ev;
    }
  });
  byType.sort((x, y) => y.events - x.events || cmp(x.type, y.type));
  unknownTypes.sort((x, y) => y.events - x.events || cmp(x.type, y.type));
  const basis = hasAsOf ? asOf : maxTime;
  const bySource: SourceSummary[] = [];
  L.sources.forEach((name, s) => {
    if (srcEvents[s] === 0) return;
    bySource.push({
      source: name,
      events: srcEvents[s]!,
      customers: srcCust[s]!,
      firstEvent: iso(srcMin[s]!),
      latestEvent: iso(srcMax[s]!),
      lagDays: (basis - srcMax[s]!) / DAY_MS,
    });
  });
  bySource.sort((x, y) => y.events - x.events || cmp(x.source, y.source));

  const rj = L.rejects;
  const report: DataQualityReport = {
    asOf: hasAsOf ? iso(asOf) : null,
    events: n,
    customers,
    timeSpan: n === 0 ? null : { start: iso(minTime), end: iso(maxTime), days: (maxTime - minTime) / DAY_MS },
    byType,
    bySource,
    lagBasis: hasAsOf ? 'asOf' : 'latestEvent',
    completeness: compl.map((e) => ({ field: e.field, role: e.role, events: e.events, present: e.present, fraction: frac(e.present, e.events) })),
    attrCoverage,
    invalid: { negativePurchaseValues: negPurchase, surveyOutOfRange: surveyOut, unknownTypes, unknownTypeEvents },
    duplicates: { events: dupEvents, customers: dupCustomers },
    futureDated: hasAsOf ? { events: futureEvents, customers: futureCustomers } : null,
    earlyDated: { events: earlyEvents, customers: earlyCustomers },
    neverPurchased: { customers: neverPurchased, fraction: frac(neverPurchased, customers) },
    rejects: {
      rows: rj.rows,
      accepted: rj.accepted,
      rejected: rj.rejected,
      byCode: { ...rj.byCode },
      keptWithoutCustomer: rj.keptWithoutCustomer,
      duplicatesRemoved: rj.duplicatesRemoved,
    },
    findings: [],
  };
  report.findings = findingsOf(report, staleDays, options.surveyRange);
  return report;
}

function findingsOf(r: DataQualityReport, staleDays: number, surveyRange: AuditOptions['surveyRange']): AuditFinding[] {
  const out: AuditFinding[] = [];
  const add = (severity: FindingSeverity, code: FindingCode, count: number, message: string): void => {
    out.push({ severity, code, message, count });
  };
  const purchases = r.completeness.find((e) => e.field === 'value' && e.role === 'purchase')!.events;
  if (r.events === 0) add('error', 'EMPTY_LOG', 0, 'The log has no events; nothing can be labelled or measured.');
  if (r.rejects.rejected > 0) {
    const codes = Object.entries(r.rejects.byCode)
      .sort((x, y) => (y[1] ?? 0) - (x[1] ?? 0) || cmp(x[0], y[0]))
      .map(([code, k]) => `${code} ${fmt(k ?? 0)}`)
      .join(', ');
    add('warning', 'INGEST_REJECTS', r.rejects.rejected, `${fmt(r.rejects.rejected)} of ${fmt(r.rejects.rows)} input rows (${pct(r.rejects.rejected, r.rejects.rows)}) were rejected at ingestion (${codes}); they are not in the log.`);
  }
  if (r.rejects.keptWithoutCustomer > 0) {
    add('warning', 'KEPT_WITHOUT_CUSTOMER', r.rejects.keptWithoutCustomer, `${fmt(r.rejects.keptWithoutCustomer)} events had no customer id and are kept under a placeholder customer; exclude it from per-customer work.`);
  }
  if (r.events > 0 && purchases === 0) {
    add('warning', 'NO_PURCHASES', 0, 'No event plays the purchase role; check the vocabulary, or recency and monetary measures will be empty.');
  }
  if (r.invalid.negativePurchaseValues > 0) {
    add('error', 'NEGATIVE_PURCHASE_VALUE', r.invalid.negativePurchaseValues, `${fmt(r.invalid.negativePurchaseValues)} purchase events (${pct(r.invalid.negativePurchaseValues, purchases)}) have a negative amount; record returns as refund events.`);
  }
  if (r.invalid.surveyOutOfRange > 0) {
    const range = surveyRange === undefined || Array.isArray(surveyRange) ? `${(surveyRange ?? [0, 10]).join('-')}` : 'set for their survey type';
    add('error', 'SURVEY_OUT_OF_RANGE', r.invalid.surveyOutOfRange, `${fmt(r.invalid.surveyOutOfRange)} survey scores fall outside the range ${range}; check the scale (NPS 0-10, CSAT 1-5).`);
  }
  if (r.invalid.unknownTypes.length > 0) {
    const names = r.invalid.unknownTypes.slice(0, 5).map((u) => `${u.type} (${fmt(u.events)})`).join(', ');
    const more = r.invalid.unknownTypes.length > 5 ? ` and ${r.invalid.unknownTypes.length - 5} more` : '';
    add('warning', 'UNKNOWN_TYPES', r.invalid.unknownTypeEvents, `${fmt(r.invalid.unknownTypeEvents)} events have types that play no role in the vocabulary: ${names}${more}. Map them or they are ignored by role-based rules.`);
  }
  if (r.duplicates.events > 0) {
    add('warning', 'DUPLICATES', r.duplicates.events, `${fmt(r.duplicates.events)} events of ${fmt(r.duplicates.customers)} customers repeat an earlier event (same customer, time, type and value); check for double loads.`);
  }
  if (r.futureDated !== null && r.futureDated.events > 0) {
    add('error', 'FUTURE_DATED', r.futureDated.events, `${fmt(r.futureDated.events)} events of ${fmt(r.futureDated.customers)} customers are dated at or after ${r.asOf}; they leak the future into as-of features.`);
  }
  if (r.earlyDated.events > 0) {
    add('warning', 'EARLY_DATED', r.earlyDated.events, `${fmt(r.earlyDated.events)} events of ${fmt(r.earlyDated.customers)} customers are dated before 1990 (the log starts ${r.timeSpan?.start ?? '?'}); times in epoch seconds read as milliseconds land in January 1970 — multiply them by 1000, or give ISO 8601 strings.`);
  }
  for (const s of r.bySource) {
    if (s.lagDays > staleDays) {
      add('warning', 'STALE_SOURCE', 1, `Source "${s.source}" last recorded an event ${s.lagDays.toFixed(1)} days before ${r.lagBasis === 'asOf' ? 'asOf' : 'the latest event of the log'}; its feed may have stopped.`);
    }
  }
  for (const e of r.completeness) {
    if (e.events === 0 || e.present === e.events) continue;
    const missing = e.events - e.present;
    if (e.field === 'value') add('warning', 'MISSING_VALUE', missing, `${fmt(missing)} of ${fmt(e.events)} ${e.role} events (${pct(missing, e.events)}) have no value.`);
    else if (e.field === 'quantity') add('info', 'MISSING_QUANTITY', missing, `${fmt(missing)} of ${fmt(e.events)} ${e.role} events (${pct(missing, e.events)}) have no quantity.`);
    else add('info', 'MISSING_TEXT', missing, `${fmt(missing)} of ${fmt(e.events)} ${e.role} events (${pct(missing, e.events)}) have no text for sentiment.`);
  }
  if (r.neverPurchased.customers > 0 && purchases > 0) {
    add('info', 'NEVER_PURCHASED', r.neverPurchased.customers, `${fmt(r.neverPurchased.customers)} of ${fmt(r.customers)} customers (${pct(r.neverPurchased.customers, r.customers)}) never purchased; purchase-based churn rules do not apply to them.`);
  }
  if (r.rejects.duplicatesRemoved > 0) {
    add('info', 'DUPLICATES_REMOVED', r.rejects.duplicatesRemoved, `${fmt(r.rejects.duplicatesRemoved)} duplicate events were removed when the sources were merged.`);
  }
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return out.map((f, i) => [f, i] as const).sort((x, y) => rank[x[0].severity] - rank[y[0].severity] || x[1] - y[1]).map((x) => x[0]);
}

function surveyBounds(fn: string, range: AuditOptions['surveyRange'], types: readonly string[]): [Float64Array, Float64Array] {
  const lo = new Float64Array(Math.max(1, types.length)).fill(0);
  const hi = new Float64Array(Math.max(1, types.length)).fill(10);
  if (range === undefined) return [lo, hi];
  const check = (r: unknown, path: string): readonly [number, number] => {
    if (!Array.isArray(r) || r.length !== 2 || typeof r[0] !== 'number' || typeof r[1] !== 'number' || !(r[0] <= r[1])) {
      invalidOption(fn, path, '[min, max] with min ≤ max', r);
    }
    return r as unknown as readonly [number, number];
  };
  if (Array.isArray(range)) {
    const [a, b] = check(range, 'surveyRange');
    lo.fill(a);
    hi.fill(b);
  } else if (range !== null && typeof range === 'object') {
    for (const [name, r] of Object.entries(range)) {
      const [a, b] = check(r, `surveyRange.${name}`);
      const t = types.indexOf(name);
      if (t >= 0) {
        lo[t] = a;
        hi[t] = b;
      }
    }
  } else invalidOption(fn, 'surveyRange', '[min, max] or a record of survey type → [min, max]', range);
  return [lo, hi];
}

function frac(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function iso(ms: number): string {
  return Number.isNaN(inDateRange(ms)) ? String(ms) : new Date(ms).toISOString();
}

/** Integer with thousands separators, locale-independent. @internal */
export function fmt(n: number): string {
  return integerText(n);
}

function pct(a: number, b: number): string {
  return b === 0 ? '0%' : `${((100 * a) / b).toFixed(1)}%`;
}
