import { optionsOf } from '../internal/args.js';
import { ChurnkitError, invalidOption, show, type ErrorCode } from '../internal/errors.js';
import { grown } from '../internal/grown.js';
import { toEpochMs } from '../internal/time.js';
import { EventLog, type AttrColumn, type EventStore } from './EventLog.js';
import type { AttrValue, IngestOptions, IngestReport, RejectedRow, Vocabulary } from './types.js';
import { resolveVocabulary } from './vocabulary.js';

const MAX_TYPES = 65_535;

class GrowF64 {
  a: Float64Array;
  n = 0;
  constructor(capacity = 1024) {
    this.a = new Float64Array(capacity);
  }
  push(v: number): void {
    if (this.n === this.a.length) this.a = grown(this.a, this.a.length * 2);
    this.a[this.n++] = v;
  }
}

class GrowI32 {
  a: Int32Array;
  n = 0;
  constructor(
    private readonly fillValue = 0,
    capacity = 1024,
  ) {
    this.a = new Int32Array(capacity);
    if (fillValue !== 0) this.a.fill(fillValue);
  }
  ensure(len: number): void {
    if (len <= this.a.length) return;
    let cap = this.a.length;
    while (cap < len) cap *= 2;
    const old = this.a.length;
    this.a = grown(this.a, cap);
    if (this.fillValue !== 0) this.a.fill(this.fillValue, old);
  }
  push(v: number): void {
    this.ensure(this.n + 1);
    this.a[this.n++] = v;
  }
}

interface AttrBuild {
  codes: GrowI32;
  index: Map<AttrValue, number>;
  values: AttrValue[];
}

/**
 * Compares customer ids: canonical non-negative integers numerically and before anything
 * else, then the rest by UTF-16 code units. Gives one order whatever the input order.
 *
 * @internal
 */
export function compareIds(a: string, b: string): number {
  const na = isCanonicalInt(a);
  const nb = isCanonicalInt(b);
  if (na && nb) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  if (na !== nb) return na ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Order of `ids` under {@link compareIds}, computed with each id's class and numeric value
 * worked out once (not per comparison): O(n log n) numeric comparisons for integer ids.
 *
 * @internal
 */
export function sortIds(ids: readonly string[]): number[] {
  const n = ids.length;
  const num = new Float64Array(n);
  const ints: number[] = [];
  const others: number[] = [];
  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    if (isCanonicalInt(id)) {
      num[i] = Number(id);
      ints.push(i);
    } else others.push(i);
  }
  ints.sort((a, b) => num[a]! - num[b]!);
  others.sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
  for (const i of others) ints.push(i);
  return ints;
}

function isCanonicalInt(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 15) return false;
  if (n > 1 && s.charCodeAt(0) === 48) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Options of {@link EventLogBuilder}. @category Data */
export interface EventLogBuilderOptions extends IngestOptions {
  /** Name of the calling function, used in error messages. */
  fn?: string;
  /**
   * Expected number of rows, a capacity hint: the columns are allocated once at this size
   * instead of growing by doubling (fewer copies and garbage collections). More rows than
   * the hint still fit. Default: start small and grow.
   */
  expectedRows?: number;
}

/**
 * Accumulates events row by row, validating each, and builds a sorted {@link EventLog}.
 *
 * This is the one place rows become a log: {@link createEventLog}, the CSV and NDJSON parsers,
 * `readEventsFile` and {@link mergeEventLogs} all feed it. Use it for your own adapters
 * (a database cursor, a message queue). Memory: about 30 bytes per event plus 4 per
 * attribute key, doubled briefly while columns grow; sorting is a stable counting sort by
 * customer followed by a per-customer time sort, O(n + Σ nᵢ log nᵢ).
 *
 * @example
 * ```ts
 * const b = new EventLogBuilder({ onInvalid: 'collect' });
 * b.add({ customerId: 1, time: '2024-01-05', type: 'order', value: 20 });
 * b.add({ customerId: 1, time: 'yesterday', type: 'order' }); // rejected: INVALID_TIME
 * const log = b.build(); // log.size === 1, log.rejects.byCode.INVALID_TIME === 1
 * ```
 * @category Data
 */
export class EventLogBuilder {
  readonly #fn: string;
  readonly #onInvalid: 'throw' | 'skip' | 'collect';
  readonly #maxIssues: number;
  readonly #defaultSource: string;
  readonly #vocabulary: Vocabulary;
  readonly #keepAs: string | null;

  readonly #customer: GrowI32;
  readonly #time: GrowF64;
  readonly #value: GrowF64;
  readonly #quantity: GrowF64;
  readonly #type: GrowI32;
  readonly #source: GrowI32;
  readonly #customerIndex = new Map<string, number>();
  readonly #customerIds: string[] = [];
  readonly #typeIndex = new Map<string, number>();
  readonly #typeNames: string[] = [];
  readonly #sourceIndex = new Map<string, number>();
  readonly #sourceNames: string[] = [];
  readonly #attrs = new Map<string, AttrBuild>();
  readonly #textRows = new GrowI32();
  readonly #textValues: string[] = [];
  readonly #report: IngestReport;
  #built = false;
  #nextRow = 0;
  // One-entry caches: exports often repeat the previous row's customer and type.
  #lastCustomerId = '';
  #lastCustomer = -1;
  #lastTypeName = '';
  #lastType = -1;

  constructor(options: EventLogBuilderOptions = {}) {
    options = optionsOf('EventLogBuilder', options);
    this.#fn = options.fn ?? 'EventLogBuilder';
    const onInvalid = options.onInvalid ?? 'throw';
    if (onInvalid !== 'throw' && onInvalid !== 'skip' && onInvalid !== 'collect') {
      invalidOption(this.#fn, 'onInvalid', "'throw', 'skip' or 'collect'", onInvalid);
    }
    this.#onInvalid = onInvalid;
    const maxIssues = options.maxIssues ?? 100_000;
    if (!Number.isInteger(maxIssues) || maxIssues < 0) invalidOption(this.#fn, 'maxIssues', 'a non-negative integer', maxIssues);
    this.#maxIssues = maxIssues;
    const source = options.source ?? 'default';
    if (typeof source !== 'string' || source === '') invalidOption(this.#fn, 'source', 'a non-empty string', source);
    this.#defaultSource = source;
    this.#vocabulary = resolveVocabulary(options.vocabulary);
    const mc = options.missingCustomer ?? 'reject';
    if (mc === 'reject') this.#keepAs = null;
    else if (typeof mc === 'object' && mc !== null && typeof mc.keepAs === 'string' && mc.keepAs !== '') this.#keepAs = mc.keepAs;
    else invalidOption(this.#fn, 'missingCustomer', "'reject' or { keepAs: string }", mc);
    this.#report = { rows: 0, accepted: 0, rejected: 0, byCode: {}, issues: [], keptWithoutCustomer: 0, duplicatesRemoved: 0 };
    const expected = options.expectedRows ?? 0;
    if (!Number.isSafeInteger(expected) || expected < 0) invalidOption(this.#fn, 'expectedRows', 'a non-negative integer', expected);
    // Columns sized once from the hint: growing by doubling allocates large buffers repeatedly,
    // and V8 answers fast-growing ArrayBuffer memory with full garbage collections.
    const cap = Math.max(1024, Math.min(expected, 2 ** 30));
    this.#customer = new GrowI32(0, cap);
    this.#time = new GrowF64(cap);
    this.#value = new GrowF64(cap);
    this.#quantity = new GrowF64(cap);
    this.#type = new GrowI32(0, cap);
    this.#source = new GrowI32(0, cap);
  }

  /** Number of events accepted so far. */
  get accepted(): number {
    return this.#report.accepted;
  }

  /**
   * Records a rejected row. Throws with `onInvalid: 'throw'`; otherwise counts it (and keeps
   * it with `'collect'`).
   */
  reject(row: number, code: ErrorCode, field: string, expected: string, received: unknown, source?: string): void {
    if (this.#onInvalid === 'throw') {
      throw new ChurnkitError(code, `${this.#fn}: row ${row}: field "${field}" must be ${expected}; received ${show(received)}.`, {
        row,
        field,
        expected,
        received,
      });
    }
    const r = this.#report;
    r.rows++;
    r.rejected++;
    r.byCode[code] = (r.byCode[code] ?? 0) + 1;
    if (this.#onInvalid === 'collect' && r.issues.length < this.#maxIssues) {
      const issue: RejectedRow = { row, code, field, expected, received: typeof received === 'string' && received.length > 200 ? `${received.slice(0, 200)}…` : received };
      if (source !== undefined) issue.source = source;
      r.issues.push(issue);
    }
  }

  /**
   * Validates one {@link EventInput}-shaped value and appends it. Returns false when the row
   * was rejected (and not thrown).
   *
   * @param e - the candidate event
   * @param row - its index in the input; defaults to a running count
   */
  add(e: unknown, row: number = this.#nextRow): boolean {
    this.#nextRow = row + 1;
    if (e === null || typeof e !== 'object' || Array.isArray(e)) {
      this.reject(row, 'INVALID_ROW', 'row', 'an object with customerId, time and type', e);
      return false;
    }
    const o = e as Record<string, unknown>;
    const src = o.source;
    if (src !== undefined && (typeof src !== 'string' || src === '')) {
      this.reject(row, 'INVALID_ROW', 'source', 'a non-empty string', src);
      return false;
    }
    const source = src === undefined ? undefined : (src as string);
    let id: string;
    const cid = o.customerId;
    if (typeof cid === 'string') {
      if (cid.trim() === '') {
        if (this.#keepAs === null) {
          this.reject(row, 'MISSING_CUSTOMER', 'customerId', 'a non-empty string or a finite number', cid, source);
          return false;
        }
        id = this.#keepAs;
        this.#report.keptWithoutCustomer++;
      } else id = cid;
    } else if (typeof cid === 'number' && Number.isFinite(cid)) {
      id = String(cid);
    } else if (cid === undefined || cid === null) {
      if (this.#keepAs === null) {
        this.reject(row, 'MISSING_CUSTOMER', 'customerId', 'a non-empty string or a finite number', cid, source);
        return false;
      }
      id = this.#keepAs;
      this.#report.keptWithoutCustomer++;
    } else {
      this.reject(row, 'INVALID_CUSTOMER', 'customerId', 'a non-empty string or a finite number', cid, source);
      return false;
    }
    const tv = o.time;
    if (tv === undefined || tv === null || tv === '') {
      this.reject(row, 'MISSING_TIME', 'time', 'a Date, ISO 8601 string or epoch ms', tv, source);
      return false;
    }
    const t = toEpochMs(tv);
    if (Number.isNaN(t)) {
      this.reject(row, 'INVALID_TIME', 'time', 'a Date, ISO 8601 string or epoch ms', tv, source);
      return false;
    }
    const ty = o.type;
    if (ty === undefined || ty === null || ty === '') {
      this.reject(row, 'MISSING_TYPE', 'type', 'a non-empty string', ty, source);
      return false;
    }
    if (typeof ty !== 'string') {
      this.reject(row, 'INVALID_TYPE', 'type', 'a non-empty string', ty, source);
      return false;
    }
    const v = o.value;
    if (v !== undefined && v !== null && !(typeof v === 'number' && Number.isFinite(v))) {
      this.reject(row, 'INVALID_VALUE', 'value', 'a finite number, null or absent', v, source);
      return false;
    }
    const q = o.quantity;
    if (q !== undefined && q !== null && !(typeof q === 'number' && Number.isFinite(q))) {
      this.reject(row, 'INVALID_QUANTITY', 'quantity', 'a finite number, null or absent', q, source);
      return false;
    }
    const text = o.text;
    if (text !== undefined && text !== null && typeof text !== 'string') {
      this.reject(row, 'INVALID_TEXT', 'text', 'a string, null or absent', text, source);
      return false;
    }
    const attrs = o.attrs;
    if (attrs !== undefined && attrs !== null) {
      if (typeof attrs !== 'object' || Array.isArray(attrs)) {
        this.reject(row, 'INVALID_ATTRS', 'attrs', 'an object of string, number, boolean or null values', attrs, source);
        return false;
      }
      for (const [k, av] of Object.entries(attrs)) {
        if (av !== null && typeof av !== 'string' && typeof av !== 'boolean' && !(typeof av === 'number' && Number.isFinite(av))) {
          this.reject(row, 'INVALID_ATTRS', `attrs.${k}`, 'a string, finite number, boolean or null', av, source);
          return false;
        }
      }
    }
    this.push(
      row,
      id,
      t,
      ty,
      typeof v === 'number' ? v : NaN,
      typeof q === 'number' ? q : NaN,
      typeof text === 'string' ? text : undefined,
      attrs as Record<string, AttrValue> | null | undefined,
      source,
    );
    return true;
  }

  /**
   * Appends an event whose fields are already validated (the parsers' fast path).
   * `value` and `quantity` are NaN when absent.
   */
  push(
    row: number,
    customerId: string,
    time: number,
    type: string,
    value: number,
    quantity: number,
    text?: string,
    attrs?: Readonly<Record<string, AttrValue>> | null,
    source?: string,
  ): void {
    if (this.#built) throw new ChurnkitError('INVALID_INPUT', `${this.#fn}: the builder was already built; create a new one.`);
    const n = this.#time.n;
    let c: number | undefined;
    if (customerId === this.#lastCustomerId && this.#lastCustomer >= 0) c = this.#lastCustomer;
    else {
      c = this.#customerIndex.get(customerId);
      if (c === undefined) {
        c = this.#customerIds.length;
        this.#customerIndex.set(customerId, c);
        this.#customerIds.push(customerId);
      }
      this.#lastCustomerId = customerId;
      this.#lastCustomer = c;
    }
    let ty: number | undefined = type === this.#lastTypeName && this.#lastType >= 0 ? this.#lastType : this.#typeIndex.get(type);
    if (ty === undefined) {
      if (this.#typeNames.length >= MAX_TYPES) {
        throw new ChurnkitError('TOO_MANY_TYPES', `${this.#fn}: more than ${MAX_TYPES} distinct event types; map them onto fewer types.`, {
          row,
          field: 'type',
          expected: `at most ${MAX_TYPES} distinct types`,
          received: type,
        });
      }
      ty = this.#typeNames.length;
      this.#typeIndex.set(type, ty);
      this.#typeNames.push(type);
    }
    this.#lastTypeName = type;
    this.#lastType = ty;
    const srcName = source ?? this.#defaultSource;
    let s = this.#sourceIndex.get(srcName);
    if (s === undefined) {
      s = this.#sourceNames.length;
      this.#sourceIndex.set(srcName, s);
      this.#sourceNames.push(srcName);
    }
    this.#customer.push(c);
    this.#time.push(time);
    this.#value.push(value);
    this.#quantity.push(quantity);
    this.#type.push(ty);
    this.#source.push(s);
    if (text !== undefined) {
      this.#textRows.push(n);
      this.#textValues.push(text);
    }
    if (attrs !== undefined && attrs !== null) {
      for (const k in attrs) {
        const av = attrs[k]!;
        let col = this.#attrs.get(k);
        if (col === undefined) {
          col = { codes: new GrowI32(-1), index: new Map(), values: [] };
          this.#attrs.set(k, col);
        }
        let code = col.index.get(av);
        if (code === undefined) {
          code = col.values.length;
          col.index.set(av, code);
          col.values.push(av);
        }
        col.codes.ensure(n + 1);
        col.codes.a[n] = code;
        if (col.codes.n < n + 1) col.codes.n = n + 1;
      }
    }
    this.#report.rows++;
    this.#report.accepted++;
  }

  /** Adds to the count of duplicates removed (used by merging). */
  countDuplicates(n: number): void {
    this.#report.duplicatesRemoved += n;
  }

  /** Folds another report's rejects into this one (used by merging). */
  absorbReport(other: IngestReport, source?: string): void {
    const r = this.#report;
    r.rows += other.rejected;
    r.rejected += other.rejected;
    r.keptWithoutCustomer += other.keptWithoutCustomer;
    r.duplicatesRemoved += other.duplicatesRemoved;
    for (const [code, k] of Object.entries(other.byCode)) {
      r.byCode[code as ErrorCode] = (r.byCode[code as ErrorCode] ?? 0) + (k ?? 0);
    }
    for (const issue of other.issues) {
      if (r.issues.length >= this.#maxIssues) break;
      r.issues.push(source !== undefined && issue.source === undefined ? { ...issue, source } : issue);
    }
  }

  /** Sorts the accumulated rows by (customer, time, input order) and returns the log. */
  build(): EventLog {
    if (this.#built) throw new ChurnkitError('INVALID_INPUT', `${this.#fn}: the builder was already built; create a new one.`);
    this.#built = true;
    const n = this.#time.n;
    const custIn = this.#customer.a;
    const timeIn = this.#time.a;

    // 1. Customer, type and source dictionaries in a canonical order.
    const nCust = this.#customerIds.length;
    const custOrder = sortIds(this.#customerIds);
    const custRank = new Int32Array(nCust);
    custOrder.forEach((old, rank) => (custRank[old] = rank));
    const customerIds = Object.freeze(custOrder.map((i) => this.#customerIds[i]!));
    const [types, typeRank] = sortedDictionary(this.#typeNames);
    const [sources, sourceRank] = sortedDictionary(this.#sourceNames);

    // 2. Stable counting sort by customer rank.
    const offsets = new Int32Array(nCust + 1);
    for (let i = 0; i < n; i++) offsets[custRank[custIn[i]!]! + 1]!++;
    for (let c = 0; c < nCust; c++) offsets[c + 1]! += offsets[c]!;
    const cursor = offsets.slice(0, nCust);
    const perm = new Int32Array(n);
    for (let i = 0; i < n; i++) perm[cursor[custRank[custIn[i]!]!]!++] = i;

    // 3. Within each customer, stable sort by time (most logs arrive nearly sorted).
    for (let c = 0; c < nCust; c++) {
      const a = offsets[c]!;
      const b = offsets[c + 1]!;
      let sorted = true;
      for (let k = a + 1; k < b; k++) {
        if (timeIn[perm[k]!]! < timeIn[perm[k - 1]!]!) {
          sorted = false;
          break;
        }
      }
      if (sorted) continue;
      if (b - a <= 32) {
        for (let k = a + 1; k < b; k++) {
          const x = perm[k]!;
          const tx = timeIn[x]!;
          let j = k - 1;
          while (j >= a && timeIn[perm[j]!]! > tx) {
            perm[j + 1] = perm[j]!;
            j--;
          }
          perm[j + 1] = x;
        }
      } else {
        perm.subarray(a, b).sort((x, y) => timeIn[x]! - timeIn[y]! || x - y);
      }
    }

    // 4. Gather columns in sorted order.
    const time = new Float64Array(n);
    const value = new Float64Array(n);
    const quantity = new Float64Array(n);
    const type = new Uint16Array(n);
    const source = new Uint16Array(n);
    const valueIn = this.#value.a;
    const qtyIn = this.#quantity.a;
    const typeIn = this.#type.a;
    const sourceIn = this.#source.a;
    for (let k = 0; k < n; k++) {
      const i = perm[k]!;
      time[k] = timeIn[i]!;
      value[k] = valueIn[i]!;
      quantity[k] = qtyIn[i]!;
      type[k] = typeRank[typeIn[i]!]!;
      source[k] = sourceRank[sourceIn[i]!]!;
    }
    const attrs = new Map<string, AttrColumn>();
    for (const [k, col] of this.#attrs) {
      const codes = new Int32Array(n);
      const src = col.codes.a;
      const len = col.codes.n;
      for (let j = 0; j < n; j++) {
        const i = perm[j]!;
        codes[j] = i < len ? src[i]! : -1;
      }
      attrs.set(k, Object.freeze({ codes, values: Object.freeze(col.values) }));
    }
    let textRows = new Int32Array(0);
    let textValues: string[] = [];
    const nText = this.#textRows.n;
    if (nText > 0) {
      const inv = new Int32Array(n);
      for (let k = 0; k < n; k++) inv[perm[k]!] = k;
      const pairs = Array.from({ length: nText }, (_, j) => j).sort((x, y) => inv[this.#textRows.a[x]!]! - inv[this.#textRows.a[y]!]!);
      textRows = Int32Array.from(pairs, (j) => inv[this.#textRows.a[j]!]!);
      textValues = pairs.map((j) => this.#textValues[j]!);
    }
    const store: EventStore = {
      time,
      value,
      quantity,
      type,
      source,
      customerIds,
      offsets,
      types,
      sources,
      attrs,
      textRows,
      textValues: Object.freeze(textValues),
      rejects: this.#report,
    };
    return new EventLog(store, this.#vocabulary, null, offsets, null);
  }
}

function sortedDictionary(names: readonly string[]): [readonly string[], Int32Array] {
  const order = names.map((_, i) => i).sort((a, b) => (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : 0));
  const rank = new Int32Array(names.length);
  order.forEach((old, r) => (rank[old] = r));
  return [Object.freeze(order.map((i) => names[i]!)), rank];
}
