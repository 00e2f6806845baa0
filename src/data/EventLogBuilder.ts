import { optionsOf } from '../internal/args.js';
import { ChurnkitError, invalidOption, show, type ErrorCode } from '../internal/errors.js';
import { grown } from '../internal/grown.js';
import { toEpochMs } from '../internal/time.js';
import { EventLog, type AttrColumn, type EventStore } from './EventLog.js';
import type { AttrValue, IngestOptions, IngestReport, RejectedRow, Vocabulary } from './types.js';
import { resolveVocabulary } from './vocabulary.js';
import { lowerBound } from '../internal/lowerBound.js';

const MAX_TYPES = 65_535;

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

/** A column of length `n`: `a` itself, a view of it when the unused tail is small, else a copy. */
function fitted<T extends Float64Array | Int32Array | Uint16Array>(a: T, n: number): T {
  if (a.length === n) return a;
  // A view keeps the tail alive: accept it up to 1/16 of the length (the CSV row estimate
  // overshoots by ~2%), copy beyond that (growth by doubling can leave half the buffer unused).
  return ((a.length - n) * 16 <= n ? a.subarray(0, n) : a.slice(0, n)) as T;
}

function nanColumn(capacity: number): Float64Array {
  return new Float64Array(capacity).fill(NaN);
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
 * Order of distinct `ids` under {@link compareIds}, computed with each id's class and numeric
 * value worked out once (not per comparison): integer ids by a native sort of their values
 * and a binary search each, O(n log n) with no comparator calls.
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
  // Canonical integers are distinct as numbers when distinct as strings: sort the values
  // natively (no comparator calls), then place each id by binary search.
  const k = ints.length;
  const vals = new Float64Array(k);
  for (let j = 0; j < k; j++) vals[j] = num[ints[j]!]!;
  vals.sort();
  const byValue = new Array<number>(k);
  for (let j = 0; j < k; j++) {
    const i = ints[j]!;
    const v = num[i]!;
    let lo = 0;
    let hi = k - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (vals[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    byValue[lo] = i;
  }
  ints.length = 0;
  for (let j = 0; j < k; j++) ints.push(byValue[j]!);
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
 * (a database cursor, a message queue). Memory while building: 14 bytes per event
 * (customer, time, type), plus 8 each for value and quantity and 2 for source once any row
 * carries one, plus 4 per attribute key; doubled briefly while columns grow (pass
 * `expectedRows` to avoid that). `build()` keeps the columns as they are when rows arrived in
 * (customer, time) order with customers in id order; otherwise a stable counting sort by
 * customer places every row (O(n + customers)), and only customer blocks found out of time
 * order are sorted: O(n + Σ nᵢ log nᵢ) at worst, O(n) for input in time order. A customer's
 * simultaneous events are then put in one canonical order (type name, value, quantity, source,
 * text, attribute values): one pass over the times, and a sort of each run of ties.
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

  // Columns by input row, all of capacity #cap. value, quantity and source are allocated on
  // first use: until then every row holds NaN (value, quantity) or source code 0.
  #n = 0;
  #cap: number;
  #customer: Int32Array;
  #time: Float64Array;
  #value: Float64Array | null = null;
  #quantity: Float64Array | null = null;
  #type: Uint16Array;
  #source: Uint16Array | null = null;
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
  readonly #nums = new Float64Array(3);
  // One-entry caches: exports often repeat the previous row's customer, type and source.
  #lastCustomerId = '';
  #lastCustomer = -1;
  #lastTypeName = '';
  #lastType = -1;
  #lastSourceName = '';
  #lastSource = -1;
  // Order seen so far, so build() can skip sorting (see build()).
  #prevCustomer = -1;
  #maxCustomer = -1;
  #prevTime = -Infinity;
  /** Each customer's rows are contiguous, customers appear in rising code order, times rise within a customer. */
  #byCustomer = true;
  /** Times never decrease over the whole input. */
  #byTime = true;

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
    this.#cap = cap;
    this.#customer = new Int32Array(cap);
    this.#time = new Float64Array(cap);
    this.#type = new Uint16Array(cap);
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
    this.#checkOpen();
    let c: number;
    if (customerId === this.#lastCustomerId && this.#lastCustomer >= 0) c = this.#lastCustomer;
    else {
      c = this.customerCode(customerId);
      this.#lastCustomerId = customerId;
      this.#lastCustomer = c;
    }
    let ty: number;
    if (type === this.#lastTypeName && this.#lastType >= 0) ty = this.#lastType;
    else {
      ty = this.typeCode(type, row);
      this.#lastTypeName = type;
      this.#lastType = ty;
    }
    const srcName = source ?? this.#defaultSource;
    let s: number;
    if (srcName === this.#lastSourceName && this.#lastSource >= 0) s = this.#lastSource;
    else {
      s = this.sourceCode(srcName, row);
      this.#lastSourceName = srcName;
      this.#lastSource = s;
    }
    const nums = this.#nums;
    nums[0] = time;
    nums[1] = value;
    nums[2] = quantity;
    this.pushCoded(row, c, ty, s, nums, text, attrs);
  }

  /**
   * Dictionary code of a customer id, added when new. Parsers that intern their cells call
   * this once per distinct cell and then {@link EventLogBuilder.pushCoded}; call it only for
   * a row that will be pushed (a code without rows is dropped by `build()`).
   *
   * @internal
   */
  customerCode(id: string): number {
    let c = this.#customerIndex.get(id);
    if (c === undefined) {
      c = this.#customerIds.length;
      this.#customerIndex.set(id, c);
      this.#customerIds.push(id);
    }
    return c;
  }

  /**
   * Dictionary code of an event type, added when new (only for a row that will be pushed).
   *
   * @throws ChurnkitError `TOO_MANY_TYPES` past 65,535 distinct types
   * @internal
   */
  typeCode(type: string, row: number): number {
    let ty = this.#typeIndex.get(type);
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
    return ty;
  }

  /**
   * Dictionary code of a source (`undefined`: the builder's `source` option), added when new
   * (only for a row that will be pushed).
   *
   * @throws ChurnkitError `INVALID_INPUT` past 65,535 distinct sources (codes are 16-bit)
   * @internal
   */
  sourceCode(source: string | undefined, row: number): number {
    const name = source ?? this.#defaultSource;
    let s = this.#sourceIndex.get(name);
    if (s === undefined) {
      if (this.#sourceNames.length >= MAX_TYPES) {
        throw new ChurnkitError('INVALID_INPUT', `${this.#fn}: more than ${MAX_TYPES} distinct sources.`, {
          row,
          field: 'source',
          expected: `at most ${MAX_TYPES} distinct sources`,
          received: name,
        });
      }
      s = this.#sourceNames.length;
      this.#sourceIndex.set(name, s);
      this.#sourceNames.push(name);
    }
    return s;
  }

  /**
   * Appends a validated event whose customer, type and source are codes from
   * {@link EventLogBuilder.customerCode}, {@link EventLogBuilder.typeCode} and
   * {@link EventLogBuilder.sourceCode}: no dictionary lookup per row. `nums` holds time, value
   * and quantity (NaN when absent) in its first three slots: doubles passed in a typed array
   * are not boxed on the heap as call arguments would be. Also notes whether the input is
   * still in (customer, time) or in time order, so `build()` can skip sorting.
   *
   * @internal
   */
  pushCoded(
    row: number,
    customer: number,
    type: number,
    source: number,
    nums: Float64Array,
    text?: string,
    attrs?: Readonly<Record<string, AttrValue>> | null,
  ): void {
    this.#checkOpen();
    const time = nums[0]!;
    const value = nums[1]!;
    const quantity = nums[2]!;
    const n = this.#n;
    if (n === this.#cap) this.#grow();
    if (customer !== this.#prevCustomer) {
      if (customer > this.#maxCustomer) this.#maxCustomer = customer;
      else this.#byCustomer = false;
      this.#prevCustomer = customer;
      if (time < this.#prevTime) this.#byTime = false;
    } else if (time < this.#prevTime) {
      this.#byTime = false;
      this.#byCustomer = false;
    }
    this.#prevTime = time;
    this.#customer[n] = customer;
    this.#time[n] = time + 0; // −0 → +0: equal times are stored as the same bits
    this.#type[n] = type;
    // Absent value/quantity: the lazily made columns start as NaN, nothing to write.
    if (value === value) (this.#value ??= nanColumn(this.#cap))[n] = value;
    if (quantity === quantity) (this.#quantity ??= nanColumn(this.#cap))[n] = quantity;
    if (source !== 0) (this.#source ??= new Uint16Array(this.#cap))[n] = source;
    if (text !== undefined) {
      this.#textRows.push(n);
      this.#textValues.push(text);
    }
    if (attrs !== undefined && attrs !== null) {
      for (const k in attrs) {
        const raw = attrs[k]!;
        // −0 → +0: the value dictionary would merge them anyway (a Map key), keeping whichever came first.
        const av = raw === 0 ? 0 : raw;
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
    this.#n = n + 1;
    this.#report.rows++;
    this.#report.accepted++;
  }

  #checkOpen(): void {
    if (this.#built) throw new ChurnkitError('INVALID_INPUT', `${this.#fn}: the builder was already built; create a new one.`);
  }

  #grow(): void {
    const cap = this.#cap * 2;
    const old = this.#cap;
    this.#customer = grown(this.#customer, cap);
    this.#time = grown(this.#time, cap);
    this.#type = grown(this.#type, cap);
    if (this.#value !== null) this.#value = grown(this.#value, cap).fill(NaN, old);
    if (this.#quantity !== null) this.#quantity = grown(this.#quantity, cap).fill(NaN, old);
    if (this.#source !== null) this.#source = grown(this.#source, cap);
    this.#cap = cap;
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

  /**
   * Sorts the accumulated rows by (customer, time, input order), puts each customer's
   * simultaneous events in canonical order (see `canonicalTies`) and returns the log.
   *
   * Rows already in that order (each customer's rows together, customers in id order, times
   * rising within each) keep their columns: no sort and no copy. Otherwise a stable counting
   * sort by customer sends each row to its position (O(n + customers)); when the input was
   * not in time order, each customer's block found out of order is then sorted by (time,
   * input row) and gathered again.
   */
  build(): EventLog {
    this.#checkOpen();
    this.#built = true;
    const n = this.#n;
    const custIn = this.#customer;
    const ids = this.#customerIds;
    const nCodes = ids.length;

    // 1. Rows per customer code; customers with rows, in canonical id order.
    const count = new Int32Array(nCodes);
    for (let i = 0; i < n; i++) count[custIn[i]!]!++;
    const order = sortIds(ids);
    let m = 0;
    for (let j = 0; j < nCodes; j++) if (count[order[j]!]! > 0) m++;
    const offsets = new Int32Array(m + 1);
    const customerIds = new Array<string>(m);
    let inCodeOrder = true;
    let prev = -1;
    let pos = 0;
    let r = 0;
    for (let j = 0; j < nCodes; j++) {
      const c = order[j]!;
      const k = count[c]!;
      if (k === 0) continue;
      if (c < prev) inCodeOrder = false;
      prev = c;
      customerIds[r] = ids[c]!;
      count[c] = pos; // from here on: the next free position of customer code c
      pos += k;
      offsets[++r] = pos;
    }
    const [types, typeRank, typesInOrder] = sortedDictionary(this.#typeNames);
    const [sources, sourceRank, sourcesInOrder] = sortedDictionary(this.#sourceNames);
    const nText = this.#textRows.n;

    let time: Float64Array;
    let value: Float64Array;
    let quantity: Float64Array;
    let type: Uint16Array;
    let source: Uint16Array;
    const attrs = new Map<string, AttrColumn>();
    let textRows: Int32Array;
    let textValues: string[];
    if (this.#byCustomer && inCodeOrder) {
      // 2a. Already sorted: row i is position i.
      time = fitted(this.#time, n);
      value = this.#value === null ? nanColumn(n) : fitted(this.#value, n);
      quantity = this.#quantity === null ? nanColumn(n) : fitted(this.#quantity, n);
      const typeIn = this.#type;
      if (!typesInOrder) for (let i = 0; i < n; i++) typeIn[i] = typeRank[typeIn[i]!]!;
      type = fitted(typeIn, n);
      if (this.#source === null) source = n > 0 && sourceRank[0] !== 0 ? new Uint16Array(n).fill(sourceRank[0]!) : new Uint16Array(n);
      else {
        const sourceIn = this.#source;
        if (!sourcesInOrder) for (let i = 0; i < n; i++) sourceIn[i] = sourceRank[sourceIn[i]!]!;
        source = fitted(sourceIn, n);
      }
      for (const [k, col] of this.#attrs) {
        col.codes.ensure(n);
        attrs.set(k, Object.freeze({ codes: fitted(col.codes.a, n), values: Object.freeze(col.values) }));
      }
      textRows = this.#textRows.a.slice(0, nText);
      textValues = this.#textValues;
    } else {
      // 2b. Stable counting sort by customer: dest[i] is the position of row i.
      const dest = new Int32Array(n);
      for (let i = 0; i < n; i++) dest[i] = count[custIn[i]!]!++;
      const timeIn = this.#time;
      time = new Float64Array(n);
      for (let i = 0; i < n; i++) time[dest[i]!] = timeIn[i]!;
      if (!this.#byTime) {
        // 3. Per customer, stable sort by time where the block is out of order (most logs
        //    arrive nearly sorted); perm[k] is the row at position k.
        let perm: Int32Array | null = null;
        for (let c = 0; c < m; c++) {
          const a = offsets[c]!;
          const b = offsets[c + 1]!;
          let sorted = true;
          for (let k = a + 1; k < b; k++) {
            if (time[k]! < time[k - 1]!) {
              sorted = false;
              break;
            }
          }
          if (sorted) continue;
          if (perm === null) {
            perm = new Int32Array(n);
            for (let i = 0; i < n; i++) perm[dest[i]!] = i;
          }
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
          for (let k = a; k < b; k++) {
            const i = perm[k]!;
            time[k] = timeIn[i]!;
            dest[i] = k;
          }
        }
      }
      // 4. Scatter the other columns.
      value = scatterF64(this.#value, dest, n);
      quantity = scatterF64(this.#quantity, dest, n);
      type = new Uint16Array(n);
      const typeIn = this.#type;
      for (let i = 0; i < n; i++) type[dest[i]!] = typeRank[typeIn[i]!]!;
      source = new Uint16Array(n);
      const sourceIn = this.#source;
      if (sourceIn === null) {
        if (n > 0 && sourceRank[0] !== 0) source.fill(sourceRank[0]!);
      } else for (let i = 0; i < n; i++) source[dest[i]!] = sourceRank[sourceIn[i]!]!;
      for (const [k, col] of this.#attrs) {
        const codes = new Int32Array(n).fill(-1);
        const src = col.codes.a;
        const len = Math.min(col.codes.n, n);
        for (let i = 0; i < len; i++) codes[dest[i]!] = src[i]!;
        attrs.set(k, Object.freeze({ codes, values: Object.freeze(col.values) }));
      }
      textRows = new Int32Array(nText);
      textValues = this.#textValues;
      const rowsIn = this.#textRows.a;
      let ascending = true;
      for (let j = 0; j < nText; j++) {
        textRows[j] = dest[rowsIn[j]!]!;
        if (j > 0 && textRows[j]! < textRows[j - 1]!) ascending = false;
      }
      if (!ascending) {
        const pairs = Array.from({ length: nText }, (_, j) => j).sort((x, y) => textRows[x]! - textRows[y]!);
        const values = textValues;
        const rowsOut = textRows;
        textRows = Int32Array.from(pairs, (j) => rowsOut[j]!);
        textValues = pairs.map((j) => values[j]!);
      }
    }
    // 5. Simultaneous events of a customer in one canonical order, whatever the input order.
    canonicalTies(offsets, time, value, quantity, type, source, attrs, textRows, textValues);
    // Attribute columns by name (code-unit order), not by first appearance: the same events give the same log.
    const attrsByName = new Map([...attrs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const store: EventStore = {
      time,
      value,
      quantity,
      type,
      source,
      customerIds: Object.freeze(customerIds),
      offsets,
      types,
      sources,
      attrs: attrsByName,
      textRows,
      textValues: Object.freeze(textValues),
      rejects: this.#report,
    };
    return new EventLog(store, this.#vocabulary, null, offsets, null);
  }
}

/** Numbers ascending, −0 before +0, NaN last. */
function compareNumbers(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return a === 0 ? (1 / a < 1 / b ? -1 : 1 / a > 1 / b ? 1 : 0) : 0;
  return a === a ? -1 : b === b ? 1 : 0;
}

/** Attribute values in one total order: null, then booleans, numbers, strings. */
function compareAttrValues(a: AttrValue, b: AttrValue): number {
  const rank = (v: AttrValue): number => (v === null ? 0 : typeof v === 'boolean' ? 1 : typeof v === 'number' ? 2 : 3);
  const d = rank(a) - rank(b);
  if (d !== 0) return d;
  if (typeof a === 'number') return compareNumbers(a, b as number);
  return a === b ? 0 : a! < b! ? -1 : 1;
}

/**
 * Puts each customer's simultaneous events (equal times) into one canonical order, in place:
 * by type name, value, quantity, source name, text, then the attribute values by attribute
 * name (an absent one first). The log, and everything computed from it — the features that
 * depend on the order of events, such as the last survey score or the response to the last
 * campaign — then does not depend on the order the events came in. Events equal in all of these
 * are interchangeable. One pass over the time column; a run of r ties is sorted in O(r log r).
 * `type` and `source` hold ranks in their sorted dictionaries, so comparing codes compares names.
 */
function canonicalTies(
  offsets: Int32Array,
  time: Float64Array,
  value: Float64Array,
  quantity: Float64Array,
  type: Uint16Array,
  source: Uint16Array,
  attrs: ReadonlyMap<string, AttrColumn>,
  textRows: Int32Array,
  textValues: string[],
): void {
  const cols = [...attrs.keys()].sort().map((k) => attrs.get(k)!);
  const hasText = textRows.length > 0;
  /** Canonical comparison of the events at positions p and q with texts tp and tq (0: interchangeable). */
  const compare = (p: number, q: number, tp: string | undefined, tq: string | undefined): number => {
    let d = type[p]! - type[q]! || compareNumbers(value[p]!, value[q]!) || compareNumbers(quantity[p]!, quantity[q]!) || source[p]! - source[q]!;
    if (d !== 0) return d;
    if (tp !== tq) return tp === undefined ? -1 : tq === undefined ? 1 : tp < tq ? -1 : 1;
    for (const col of cols) {
      const cp = col.codes[p]!;
      const cq = col.codes[q]!;
      if (cp === cq) continue;
      d = cp < 0 ? -1 : cq < 0 ? 1 : compareAttrValues(col.values[cp]!, col.values[cq]!);
      if (d !== 0) return d;
    }
    return 0;
  };
  // Every column that moves with an event (time does not: a run shares one time).
  const moved: (Float64Array | Uint16Array | Int32Array)[] = [value, quantity, type, source, ...cols.map((c) => c.codes)];
  const sortRun = (s: number, e: number): void => {
    const len = e - s;
    const ts = hasText ? lowerBound(textRows, s) : 0;
    const te = hasText ? lowerBound(textRows, e) : 0;
    if (len === 2) {
      // The common case (two events at one instant): one comparison, a swap when out of order.
      const t0 = ts < te && textRows[ts] === s ? textValues[ts] : undefined;
      const t1 = ts < te && textRows[te - 1] === s + 1 ? textValues[te - 1] : undefined;
      if (compare(s, s + 1, t0, t1) <= 0) return;
      for (const a of moved) {
        const x = a[s]!;
        a[s] = a[s + 1]!;
        a[s + 1] = x;
      }
      // One text moves to the other position; two texts swap values.
      if (te - ts === 1) textRows[ts] = textRows[ts] === s ? s + 1 : s;
      else if (te - ts === 2) {
        textValues[ts] = t1!;
        textValues[ts + 1] = t0!;
      }
      return;
    }
    const text = new Array<string | undefined>(len);
    for (let j = ts; j < te; j++) text[textRows[j]! - s] = textValues[j];
    const idx = Array.from({ length: len }, (_, j) => j);
    idx.sort((x, y) => compare(s + x, s + y, text[x], text[y]) || x - y);
    let same = true;
    for (let j = 0; j < len && same; j++) same = idx[j] === j;
    if (same) return;
    for (const a of moved) {
      const tmp = idx.map((j) => a[s + j]!);
      for (let j = 0; j < len; j++) a[s + j] = tmp[j]!;
    }
    let q = ts;
    for (let j = 0; j < len; j++) {
      const t = text[idx[j]!];
      if (t === undefined) continue;
      textRows[q] = s + j;
      textValues[q] = t;
      q++;
    }
  };
  const m = offsets.length - 1;
  for (let c = 0; c < m; c++) {
    const b = offsets[c + 1]!;
    let k = offsets[c]! + 1;
    while (k < b) {
      if (time[k] !== time[k - 1]) {
        k++;
        continue;
      }
      const s = k - 1;
      let e = k + 1;
      while (e < b && time[e] === time[s]) e++;
      sortRun(s, e);
      k = e + 1;
    }
  }
}

/** `src` (NaN when null) moved to positions `dest`. */
function scatterF64(src: Float64Array | null, dest: Int32Array, n: number): Float64Array {
  if (src === null) return nanColumn(n);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[dest[i]!] = src[i]!;
  return out;
}

/** Names sorted by code unit, the rank of each old code, and whether the order is unchanged. */
function sortedDictionary(names: readonly string[]): [readonly string[], Int32Array, boolean] {
  const order = names.map((_, i) => i).sort((a, b) => (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : 0));
  const rank = new Int32Array(names.length);
  let same = true;
  order.forEach((old, r) => {
    rank[old] = r;
    if (old !== r) same = false;
  });
  return [Object.freeze(order.map((i) => names[i]!)), rank, same];
}
