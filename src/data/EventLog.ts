import { ChurnkitError, show } from '../internal/errors.js';
import { toEpochMs } from '../internal/time.js';
import type { AttrValue, IngestReport, Role, Vocabulary } from './types.js';
import { resolveVocabulary, ROLES } from './vocabulary.js';
import { lowerBound } from '../internal/lowerBound.js';

/**
 * One attribute key stored column-wise: `codes[row]` indexes `values`, or is -1 when the
 * event has no such attribute.
 *
 * @category Data
 */
export interface AttrColumn {
  readonly codes: Int32Array;
  readonly values: readonly AttrValue[];
}

/**
 * The base storage shared by a log and all its views. Rows are sorted by (customer, time),
 * simultaneous events in a canonical order (type name, value, quantity, source, text,
 * attributes). Never mutated after construction.
 *
 * @internal
 */
export interface EventStore {
  readonly time: Float64Array;
  readonly value: Float64Array;
  readonly quantity: Float64Array;
  readonly type: Uint16Array;
  readonly source: Uint16Array;
  /** Base customer ids, sorted (numeric strings numerically, then by code unit). */
  readonly customerIds: readonly string[];
  /** Base row range of customer c: [offsets[c], offsets[c + 1]). */
  readonly offsets: Int32Array;
  readonly types: readonly string[];
  readonly sources: readonly string[];
  readonly attrs: ReadonlyMap<string, AttrColumn>;
  /** Rows that carry text, ascending, and their texts. */
  readonly textRows: Int32Array;
  readonly textValues: readonly string[];
  readonly rejects: IngestReport;
}

/** An event as read back from a log (one allocation per call: not for hot loops). @category Data */
export interface EventRecord {
  customerId: string;
  time: number;
  type: string;
  value?: number;
  quantity?: number;
  text?: string;
  attrs?: Record<string, AttrValue>;
  source: string;
}

/** A time bound: `Date`, ISO 8601 string or epoch ms. @category Data */
export type TimeInput = Date | string | number;

/**
 * Which events a view keeps. Every given condition must hold. Customers left with no events
 * are not part of the view.
 *
 * @category Data
 */
export interface EventFilter {
  /** Keep only these event types (names not in the log match nothing). */
  types?: readonly string[];
  /** Keep only event types that play one of these roles under the log's vocabulary. */
  roles?: readonly Role[];
  /** Keep events with `time >= from`. */
  from?: TimeInput;
  /** Keep events with `time < to` (strictly before: the point-in-time convention). */
  to?: TimeInput;
  /** Keep only these customers (ids not in the log are ignored). */
  customers?: Iterable<string | number>;
  /** Keep only events recorded by these sources. */
  sources?: readonly string[];
}

/**
 * An immutable, columnar, customer-sorted log of events — the one input of churnkit.
 *
 * Storage (../shared/DESIGN.md §1): base columns `time`, `value`, `quantity` (`Float64Array`,
 * NaN when absent), `type` and `source` (`Uint16Array` dictionary codes), rows sorted by
 * (customer, time), simultaneous events of a customer in one canonical order (type name, value,
 * quantity, source, text, then attribute values), so no answer depends on the input order. A log addresses its events by *position*:
 * customer `c` owns positions `[offsets[c], offsets[c + 1])`, and position `k` lives in base
 * row `row(k)` (the identity for a base log; an index for a view). Per-customer work is a
 * linear scan with no allocation:
 *
 * ```ts
 * const { time, value, offsets, rows } = log;
 * for (let c = 0; c < log.customerCount; c++)
 *   for (let k = offsets[c]!; k < offsets[c + 1]!; k++) {
 *     const i = rows === null ? k : rows[k]!;
 *     // time[i], value[i], log.type[i] ...
 *   }
 * ```
 *
 * Build one with {@link createEventLog}, {@link parseEventsCsv}, {@link parseEventsNdjson} or
 * {@link mergeEventLogs}; narrow it with {@link EventLog.filter}, which shares the columns.
 * The typed arrays are exposed for speed and must not be written to.
 *
 * @category Data
 */
export class EventLog {
  /** Event time, epoch ms UTC, by base row. */
  readonly time: Float64Array;
  /** Event value (money, score), NaN when absent, by base row. */
  readonly value: Float64Array;
  /** Event quantity, NaN when absent, by base row. */
  readonly quantity: Float64Array;
  /** Event type code (index into {@link EventLog.types}), by base row. */
  readonly type: Uint16Array;
  /** Source code (index into {@link EventLog.sources}), by base row. */
  readonly source: Uint16Array;
  /** Position range per customer: customer `c` owns `[offsets[c], offsets[c + 1])`. */
  readonly offsets: Int32Array;
  /** Base row of each position, or `null` when positions are rows (a base log). */
  readonly rows: Int32Array | null;
  /** Event type names; `type[i]` indexes this. */
  readonly types: readonly string[];
  /** Source names; `source[i]` indexes this. */
  readonly sources: readonly string[];
  /** Role → event types used by role lookups on this log. */
  readonly vocabulary: Vocabulary;
  /** What ingestion accepted and rejected. */
  readonly rejects: IngestReport;

  readonly #store: EventStore;
  /** View customer → base customer, or null when the view has every base customer. */
  readonly #customerMap: Int32Array | null;
  #ids: readonly string[] | undefined;
  #idIndex: Map<string, number> | undefined;
  readonly #roleMasks = new Map<Role, Uint8Array>();

  /** @internal Use {@link createEventLog} and friends. */
  constructor(store: EventStore, vocabulary: Vocabulary, customerMap: Int32Array | null, offsets: Int32Array, rows: Int32Array | null) {
    this.#store = store;
    this.#customerMap = customerMap;
    this.time = store.time;
    this.value = store.value;
    this.quantity = store.quantity;
    this.type = store.type;
    this.source = store.source;
    this.types = store.types;
    this.sources = store.sources;
    this.rejects = store.rejects;
    this.vocabulary = vocabulary;
    this.offsets = offsets;
    this.rows = rows;
  }

  /** Number of events in this log or view. */
  get size(): number {
    return this.offsets[this.offsets.length - 1] ?? 0;
  }

  /** Number of customers with at least one event in this log or view. */
  get customerCount(): number {
    return this.offsets.length - 1;
  }

  /** Customer ids in log order (sorted: numeric ids numerically, then others by code unit). */
  get customerIds(): readonly string[] {
    if (this.#ids === undefined) {
      const base = this.#store.customerIds;
      const map = this.#customerMap;
      this.#ids = map === null ? base : Object.freeze(Array.from(map, (b) => base[b]!));
    }
    return this.#ids;
  }

  /** The id of customer index `c`. */
  customerId(c: number): string {
    const map = this.#customerMap;
    const b = map === null ? c : map[c];
    const id = b === undefined ? undefined : this.#store.customerIds[b];
    if (id === undefined) {
      throw new ChurnkitError('INVALID_INPUT', `EventLog.customerId: customer index ${c} is outside 0..${this.customerCount - 1}.`, {
        expected: `an integer in [0, ${this.customerCount})`,
        received: c,
      });
    }
    return id;
  }

  /** Index of a customer id in this log, or -1 when absent. */
  customerIndex(id: string | number): number {
    if (this.#idIndex === undefined) {
      const m = new Map<string, number>();
      this.customerIds.forEach((v, i) => m.set(v, i));
      this.#idIndex = m;
    }
    return this.#idIndex.get(String(id)) ?? -1;
  }

  /** First position of customer `c`. */
  start(c: number): number {
    return this.offsets[c]!;
  }

  /** One past the last position of customer `c`. */
  end(c: number): number {
    return this.offsets[c + 1]!;
  }

  /** Base row of position `k`. */
  row(k: number): number {
    return this.rows === null ? k : this.rows[k]!;
  }

  /**
   * First position of customer `c` whose time is `>= t` (binary search). Events at positions
   * `[start(c), positionAt(c, t))` are those strictly before `t`: the point-in-time slice.
   */
  positionAt(c: number, t: number): number {
    let lo = this.offsets[c]!;
    let hi = this.offsets[c + 1]!;
    const rows = this.rows;
    const time = this.time;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const tm = time[rows === null ? mid : rows[mid]!]!;
      if (tm < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Code of an event type name, or -1 when the log has no such type. */
  typeId(name: string): number {
    return this.types.indexOf(name);
  }

  /**
   * A mask over type codes: `mask[type[i]] === 1` when event `i` plays `role` under this log's
   * vocabulary. Cached; do not write to it.
   */
  roleMask(role: Role): Uint8Array {
    let mask = this.#roleMasks.get(role);
    if (mask === undefined) {
      const names = this.vocabulary[role];
      if (names === undefined) {
        throw new ChurnkitError('UNKNOWN_ROLE', `EventLog.roleMask: "${String(role)}" is not a role; roles are ${ROLES.join(', ')}.`, {
          expected: `one of ${ROLES.join(', ')}`,
          received: role,
        });
      }
      mask = new Uint8Array(Math.max(1, this.types.length));
      for (const n of names) {
        const id = this.types.indexOf(n);
        if (id >= 0) mask[id] = 1;
      }
      this.#roleMasks.set(role, mask);
    }
    return mask;
  }

  /**
   * A mask over type codes for events that play ANY of `roles` (the union of their
   * {@link roleMask}s): a fresh array the caller may change. `UNKNOWN_ROLE` for a role that is
   * not one.
   */
  rolesMask(roles: readonly Role[]): Uint8Array {
    const mask = new Uint8Array(Math.max(1, this.types.length));
    for (const role of roles) {
      const m = this.roleMask(role);
      for (let i = 0; i < mask.length; i++) mask[i]! |= m[i]!;
    }
    return mask;
  }

  /** Type codes that play `role` (possibly none). */
  roleTypeIds(role: Role): number[] {
    const mask = this.roleMask(role);
    const out: number[] = [];
    for (let i = 0; i < this.types.length; i++) if (mask[i] === 1) out.push(i);
    return out;
  }

  /** Earliest and latest event time in this log or view, or `null` when it is empty. O(customers). */
  timeSpan(): { start: number; end: number } | null {
    let lo = Infinity;
    let hi = -Infinity;
    const { offsets, time } = this;
    for (let c = 0; c < this.customerCount; c++) {
      const a = offsets[c]!;
      const b = offsets[c + 1]!;
      if (a === b) continue;
      const t0 = time[this.row(a)]!;
      const t1 = time[this.row(b - 1)]!;
      if (t0 < lo) lo = t0;
      if (t1 > hi) hi = t1;
    }
    return lo === Infinity ? null : { start: lo, end: hi };
  }

  /** Names of the attribute keys present in the log, in code-unit order. */
  get attrNames(): readonly string[] {
    return [...this.#store.attrs.keys()];
  }

  /** The column of attribute `name`, or undefined when no event has it. */
  attr(name: string): AttrColumn | undefined {
    return this.#store.attrs.get(name);
  }

  /** Attribute `name` of base row `i`, or undefined. */
  attrAt(name: string, i: number): AttrValue | undefined {
    const col = this.#store.attrs.get(name);
    if (col === undefined) return undefined;
    const code = col.codes[i]!;
    return code < 0 ? undefined : col.values[code];
  }

  /** True when at least one event carries text. */
  get hasText(): boolean {
    return this.#store.textRows.length > 0;
  }

  /** Text of base row `i`, or undefined. O(log texts). */
  textAt(i: number): string | undefined {
    const rows = this.#store.textRows;
    const k = lowerBound(rows, i);
    return rows[k] === i ? this.#store.textValues[k] : undefined;
  }

  /** Source name of base row `i`. */
  sourceAt(i: number): string {
    return this.sources[this.source[i]!]!;
  }

  /** Type name of base row `i`. */
  typeAt(i: number): string {
    return this.types[this.type[i]!]!;
  }

  /** The event at base row `i` as an object (allocates; for inspection and export). */
  eventAt(i: number, customerId: string): EventRecord {
    const e: EventRecord = { customerId, time: this.time[i]!, type: this.typeAt(i), source: this.sourceAt(i) };
    const v = this.value[i]!;
    if (!Number.isNaN(v)) e.value = v;
    const q = this.quantity[i]!;
    if (!Number.isNaN(q)) e.quantity = q;
    const text = this.textAt(i);
    if (text !== undefined) e.text = text;
    for (const [k, col] of this.#store.attrs) {
      const code = col.codes[i]!;
      if (code >= 0) (e.attrs ??= {})[k] = col.values[code]!;
    }
    return e;
  }

  /** Every event of the log or view, customer by customer, in time order. */
  *events(): IterableIterator<EventRecord> {
    for (let c = 0; c < this.customerCount; c++) {
      const id = this.customerId(c);
      for (let k = this.offsets[c]!; k < this.offsets[c + 1]!; k++) yield this.eventAt(this.row(k), id);
    }
  }

  /** The same events read with another vocabulary (columns shared). */
  withVocabulary(vocabulary: Partial<Record<Role, readonly string[]>>): EventLog {
    return new EventLog(this.#store, resolveVocabulary(vocabulary), this.#customerMap, this.offsets, this.rows);
  }

  /**
   * A view with only the events that pass `filter`. Columns are shared; the view holds only
   * a position → row index (4 bytes per kept event) and its own offsets. O(events) for type
   * or source filters, O(customers · log events) for time-only filters.
   *
   * @example
   * ```ts
   * const before = log.filter({ to: '2024-01-01', roles: ['purchase'] });
   * ```
   */
  filter(filter: EventFilter): EventLog {
    if (filter === null || typeof filter !== 'object') {
      throw new ChurnkitError('INVALID_OPTION', `EventLog.filter: expected an object such as { roles, from, to, customers }; received ${show(filter)}.`, {
        path: ['filter'],
        expected: 'an EventFilter object',
        received: filter,
      });
    }
    const from = filter.from === undefined ? -Infinity : bound('from', filter.from);
    const to = filter.to === undefined ? Infinity : bound('to', filter.to);
    let typeMask: Uint8Array | null = null;
    if (filter.types !== undefined || filter.roles !== undefined) {
      const len = Math.max(1, this.types.length);
      typeMask = new Uint8Array(len).fill(1);
      if (filter.types !== undefined) {
        const t = new Uint8Array(len);
        for (const n of filter.types) {
          const id = this.types.indexOf(n);
          if (id >= 0) t[id] = 1;
        }
        for (let i = 0; i < len; i++) typeMask[i]! &= t[i]!;
      }
      if (filter.roles !== undefined) {
        const r = this.rolesMask(filter.roles);
        for (let i = 0; i < len; i++) typeMask[i]! &= r[i]!;
      }
    }
    let sourceMask: Uint8Array | null = null;
    if (filter.sources !== undefined) {
      sourceMask = new Uint8Array(Math.max(1, this.sources.length));
      for (const n of filter.sources) {
        const id = this.sources.indexOf(n);
        if (id >= 0) sourceMask[id] = 1;
      }
    }
    let candidates: Int32Array | null = null;
    if (filter.customers !== undefined) {
      const idx: number[] = [];
      for (const id of filter.customers) {
        const c = this.customerIndex(id);
        if (c >= 0) idx.push(c);
      }
      candidates = Int32Array.from(new Set(idx)).sort();
    }
    const n = candidates === null ? this.customerCount : candidates.length;
    const keptCustomers = new Int32Array(n);
    const newOffsets = new Int32Array(n + 1);
    const newRows = new Int32Array(this.size);
    let nc = 0;
    let nk = 0;
    const { type, source } = this;
    for (let j = 0; j < n; j++) {
      const c = candidates === null ? j : candidates[j]!;
      const a = from === -Infinity ? this.offsets[c]! : this.positionAt(c, from);
      const b = to === Infinity ? this.offsets[c + 1]! : this.positionAt(c, to);
      const before = nk;
      for (let k = a; k < b; k++) {
        const i = this.rows === null ? k : this.rows[k]!;
        if (typeMask !== null && typeMask[type[i]!] !== 1) continue;
        if (sourceMask !== null && sourceMask[source[i]!] !== 1) continue;
        newRows[nk++] = i;
      }
      if (nk > before) {
        keptCustomers[nc] = this.#customerMap === null ? c : this.#customerMap[c]!;
        nc++;
        newOffsets[nc] = nk;
      }
    }
    return new EventLog(this.#store, this.vocabulary, keptCustomers.slice(0, nc), newOffsets.slice(0, nc + 1), newRows.slice(0, nk));
  }
}

function bound(name: string, v: TimeInput): number {
  const t = toEpochMs(v);
  if (Number.isNaN(t)) {
    throw new ChurnkitError('INVALID_TIME', `EventLog.filter: "${name}" must be a Date, ISO 8601 string or epoch ms; received ${show(v)}.`, {
      path: [name],
      field: name,
      expected: 'a Date, ISO 8601 string or epoch ms',
      received: v,
    });
  }
  return t;
}
