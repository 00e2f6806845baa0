import { knownOptions, optionNames } from '../internal/args.js';
import { ChurnkitError, invalidOption, show } from '../internal/errors.js';
import { grown } from '../internal/grown.js';
import type { EventLog } from './EventLog.js';
import { EventLogBuilder } from './EventLogBuilder.js';
import { resolveIdentities, type IdentityMap } from './IdentityMap.js';
import type { AttrValue, VocabularyInput } from './types.js';

const MERGE_OPTIONS = optionNames<MergeOptions>()(['identities', 'dedupe', 'vocabulary']);

/**
 * Which events count as the same event recorded twice, for {@link mergeEventLogs}.
 *
 * The key is always (canonical customer, time, type, value, quantity); these options add to it
 * or loosen it.
 *
 * @category Data
 */
export interface DedupeOptions {
  /** Two times within this many milliseconds (inclusive) count as equal. Default 0 (exact). */
  toleranceMs?: number;
  /** Also require equal attributes: `true` for every key, or a list of keys. Default `false`. */
  attrs?: boolean | readonly string[];
  /** Also require equal text. Default `false`. */
  text?: boolean;
  /**
   * `'acrossLogs'` (default): an event is a duplicate only of an event from another input log,
   * and each kept event absorbs at most one copy per other log, so two genuine identical orders
   * that both systems recorded stay two. `'all'`: keep one event per key, whatever its log.
   */
  scope?: 'acrossLogs' | 'all';
}

/** Options of {@link mergeEventLogs}. @category Data */
export interface MergeOptions {
  /** Aliases → canonical customer ids; ids not listed map to themselves. */
  identities?: IdentityMap;
  /** Duplicate removal: options, `true` for the defaults (the default), or `false` to keep every event. */
  dedupe?: boolean | DedupeOptions;
  /** Vocabulary of the merged log; default: the first log's. */
  vocabulary?: VocabularyInput;
}

/**
 * Duplicates removed between two sources: `count` events of `removed` matched (and were
 * dropped in favour of) events of `kept`.
 *
 * @category Data
 */
export interface DuplicatePair {
  /** Source of the kept copy. */
  kept: string;
  /** Source of the dropped copy. */
  removed: string;
  /** Number of dropped events. */
  count: number;
}

/** What {@link mergeEventLogsWithReport} did, beyond the merged log's `rejects`. @category Data */
export interface MergeReport {
  /** Events in the input logs (views count their visible events). */
  inputEvents: number;
  /** Events in the merged log. */
  outputEvents: number;
  /** Events whose customer id was replaced through the identity map. */
  eventsRemapped: number;
  /** Distinct (source, customer id) pairs in the inputs before identity resolution. */
  inputIdentities: number;
  /** Customers in the merged log. */
  customers: number;
  /** Duplicates removed in this merge (the merged log's `rejects.duplicatesRemoved` also adds the inputs' own). */
  duplicatesRemoved: number;
  /** Duplicates by (kept source, removed source), largest first. */
  duplicatesBySourcePair: DuplicatePair[];
}

/**
 * Joins event logs from several systems into one log of canonical customers.
 *
 * The CRM, the POS, the app and the service desk each record the same people under their own
 * ids. This resolves every event's id through `identities` (a source-qualified alias first,
 * then a source-free one, else the id itself), keeps each event's source name, text and
 * attributes, removes events that two systems both recorded, and carries every input log's
 * rejects into the merged `rejects` (adding the duplicates removed here to
 * `rejects.duplicatesRemoved`). Of duplicate copies the one from the earliest log in `logs`
 * (then the earliest position) is kept. The result equals {@link createEventLog} over the
 * resolved, de-duplicated events listed log by log.
 * Complexity: O(n + Σ nᵢ log nᵢ) for nᵢ events of canonical customer i, plus O(n·w) for
 * duplicate search where w is the number of events within the time tolerance.
 *
 * @param logs - the logs to join (views are read through their positions)
 * @param options - identities, duplicate key and vocabulary
 * @returns the merged log
 * @throws ChurnkitError `INVALID_OPTION` for a malformed option or identity map (an alias mapped to
 *   two customers names both paths), `INVALID_INPUT` when `logs` is not an array of logs
 * @example
 * ```ts
 * const crm = createEventLog([{ customerId: '1001', time: '2024-05-01', type: 'order', value: 40 }], { source: 'crm' });
 * const pos = createEventLog([{ customerId: 'A7', time: '2024-05-01', type: 'order', value: 40 },
 *                             { customerId: 'A7', time: '2024-05-09', type: 'order', value: 15 }], { source: 'pos' });
 * const log = mergeEventLogs([crm, pos], { identities: [{ source: 'pos', id: 'A7', customerId: '1001' }] });
 * log.customerIds;                  // ['1001']
 * log.size;                         // 2 (the 05-01 order was recorded by both)
 * log.rejects.duplicatesRemoved;    // 1
 * ```
 * @category Data
 */
export function mergeEventLogs(logs: readonly EventLog[], options: MergeOptions = {}): EventLog {
  return mergeEventLogsWithReport(logs, options).log;
}

/**
 * {@link mergeEventLogs}, also returning what the merge did: events remapped, identities
 * joined and duplicates per source pair.
 *
 * For the data-quality step: how many ids the identity map joined and which systems
 * double-record which. Same maths and complexity as {@link mergeEventLogs}.
 *
 * @param logs - the logs to join
 * @param options - identities, duplicate key and vocabulary
 * @returns the merged log and a {@link MergeReport}
 * @throws ChurnkitError as {@link mergeEventLogs}
 * @example
 * ```ts
 * const { log, report } = mergeEventLogsWithReport([crm, pos], { identities });
 * report.duplicatesBySourcePair; // [{ kept: 'crm', removed: 'pos', count: 1 }]
 * ```
 * @category Data
 */
export function mergeEventLogsWithReport(logs: readonly EventLog[], options: MergeOptions = {}): { log: EventLog; report: MergeReport } {
  knownOptions('mergeEventLogs', options, MERGE_OPTIONS);
  const fn = 'mergeEventLogs';
  if (!Array.isArray(logs as unknown)) {
    throw new ChurnkitError('INVALID_INPUT', `${fn}: expected an array of EventLog; received ${show(logs)}.`, { expected: 'an array of EventLog', received: logs });
  }
  logs.forEach((l, i) => {
    if (l === null || typeof l !== 'object' || !(l.offsets instanceof Int32Array) || !(l.time instanceof Float64Array)) {
      throw new ChurnkitError('INVALID_INPUT', `${fn}: logs[${i}] is not an EventLog; received ${show(l)}.`, { path: ['logs', i], expected: 'an EventLog', received: l });
    }
  });
  if (options === null || typeof options !== 'object') invalidOption(fn, 'options', 'an object', options);
  const resolver = options.identities === undefined ? null : resolveIdentities(options.identities);
  const dd = dedupeSettings(fn, options.dedupe);
  const builder = new EventLogBuilder({ fn, vocabulary: options.vocabulary ?? logs[0]?.vocabulary, onInvalid: 'collect' });

  // 1. Resolve every visible event to a canonical customer; unify type names across logs.
  let total = 0;
  for (const l of logs) total += l.size;
  const canon = new Int32Array(total);
  const logOf = new Int32Array(total);
  const rowOf = new Int32Array(total);
  const canonIndex = new Map<string, number>();
  const canonIds: string[] = [];
  const typeIndex = new Map<string, number>();
  const logTypes: Int32Array[] = [];
  const seenIdentity = new Set<string>();
  let remapped = 0;
  let g = 0;
  for (let li = 0; li < logs.length; li++) {
    const l = logs[li]!;
    const tmap = new Int32Array(l.types.length);
    l.types.forEach((name, t) => {
      let id = typeIndex.get(name);
      if (id === undefined) typeIndex.set(name, (id = typeIndex.size));
      tmap[t] = id;
    });
    logTypes.push(tmap);
    const qualified = l.sources.map((s) => resolver?.bySource.get(s));
    const { offsets, rows, source } = l;
    for (let c = 0; c < l.customerCount; c++) {
      const id = l.customerId(c);
      const free = resolver?.any.get(id) ?? id;
      let lastSrc = -1;
      let target = free;
      let targetIdx = -1;
      for (let k = offsets[c]!; k < offsets[c + 1]!; k++) {
        const i = rows === null ? k : rows[k]!;
        const s = source[i]!;
        if (s !== lastSrc) {
          lastSrc = s;
          target = qualified[s]?.get(id) ?? free;
          const key = `${l.sources[s]!}\u0000${id}`;
          seenIdentity.add(key);
          let ci = canonIndex.get(target);
          if (ci === undefined) {
            ci = canonIds.length;
            canonIndex.set(target, ci);
            canonIds.push(target);
          }
          targetIdx = ci;
        }
        if (target !== id) remapped++;
        canon[g] = targetIdx;
        logOf[g] = li;
        rowOf[g] = i;
        g++;
      }
    }
  }

  // 2. Stable counting sort by canonical customer, then by time inside each customer.
  const nCanon = canonIds.length;
  const start = new Int32Array(nCanon + 1);
  for (let j = 0; j < total; j++) start[canon[j]! + 1]!++;
  for (let c = 0; c < nCanon; c++) start[c + 1]! += start[c]!;
  const cursor = start.slice(0, nCanon);
  const order = new Int32Array(total);
  for (let j = 0; j < total; j++) order[cursor[canon[j]!]!++] = j;
  const tg = new Float64Array(total);
  for (let j = 0; j < total; j++) tg[j] = logs[logOf[j]!]!.time[rowOf[j]!]!;
  for (let c = 0; c < nCanon; c++) {
    const a = start[c]!;
    const b = start[c + 1]!;
    let sorted = true;
    for (let k = a + 1; k < b; k++) if (tg[order[k]!]! < tg[order[k - 1]!]!) { sorted = false; break; }
    if (!sorted) order.subarray(a, b).sort((x, y) => tg[x]! - tg[y]! || x - y);
  }

  // 3. Walk each customer in time order, drop duplicates, push the rest.
  const keep = new Uint8Array(total);
  const pairCounts = new Map<string, number>();
  // Per kept event, the logs whose copy it has already absorbed (a linked list in typed arrays).
  const head = new Int32Array(dd === null || dd.scope === 'all' ? 0 : total).fill(-1);
  let nodeLog = new Int32Array(64);
  let nodeNext = new Int32Array(64);
  let nodes = 0;
  let removed = 0;
  // No prototype: an attribute named __proto__ is a key like any other.
  const scratch = Object.create(null) as Record<string, AttrValue>;
  const scratchKeys: string[] = [];
  const attrNames = logs.map((l) => l.attrNames);
  // Is kept event x a duplicate target for event j (same key already checked)?
  const accepts = (x: number, j: number): boolean => {
    const lx = logOf[x]!;
    const lj = logOf[j]!;
    if (dd!.scope === 'acrossLogs') {
      if (lx === lj) return false;
      let n = head[x]!;
      while (n >= 0 && nodeLog[n] !== lj) n = nodeNext[n]!;
      if (n >= 0) return false;
    }
    const lgx = logs[lx]!;
    const lg = logs[lj]!;
    const r = rowOf[x]!;
    const i = rowOf[j]!;
    if (dd!.text && lgx.textAt(r) !== lg.textAt(i)) return false;
    if (dd!.attrs !== false && !sameAttrs(lgx, r, lg, i, dd!.attrs === true ? union(attrNames[lx]!, attrNames[lj]!) : dd!.attrs)) return false;
    return true;
  };
  const keyOf = (j: number): string => {
    const lg = logs[logOf[j]!]!;
    const i = rowOf[j]!;
    return `${logTypes[logOf[j]!]![lg.type[i]!]!}\u0000${lg.value[i]!}\u0000${lg.quantity[i]!}`;
  };
  for (let c = 0; c < nCanon; c++) {
    const a = start[c]!;
    const b = start[c + 1]!;
    // Linear backward scan over the time window; a customer whose windows grow long switches
    // to a hash of kept events by key, so the search stays O(1) amortised per event.
    let byKey: Map<string, number[]> | null = null;
    for (let k = a; k < b; k++) {
      const j = order[k]!;
      const lj = logOf[j]!;
      const lg = logs[lj]!;
      const i = rowOf[j]!;
      let key: string | null = null;
      if (dd !== null) {
        const t = tg[j]!;
        let match = -1;
        if (byKey === null) {
          const ty = logTypes[lj]![lg.type[i]!]!;
          const v = lg.value[i]!;
          const q = lg.quantity[i]!;
          let steps = 0;
          for (let m = k - 1; m >= a; m--) {
            const x = order[m]!;
            if (t - tg[x]! > dd.toleranceMs) break;
            steps++;
            if (keep[x] !== 1) continue;
            const lx = logOf[x]!;
            const lgx = logs[lx]!;
            const r = rowOf[x]!;
            if (logTypes[lx]![lgx.type[r]!] !== ty || !same(lgx.value[r]!, v) || !same(lgx.quantity[r]!, q)) continue;
            if (!accepts(x, j)) continue;
            match = x;
            break;
          }
          if (steps > LONG_WINDOW) {
            byKey = new Map();
            for (let m = a; m < k; m++) {
              const x = order[m]!;
              if (keep[x] !== 1) continue;
              const kx = keyOf(x);
              const list = byKey.get(kx);
              if (list === undefined) byKey.set(kx, [x]);
              else list.push(x);
            }
          }
        } else {
          key = keyOf(j);
          const list = byKey.get(key);
          if (list !== undefined) {
            for (let m = list.length - 1; m >= 0; m--) {
              const x = list[m]!;
              if (t - tg[x]! > dd.toleranceMs) break;
              if (accepts(x, j)) {
                match = x;
                break;
              }
            }
          }
        }
        if (match >= 0) {
          removed++;
          if (dd.scope === 'acrossLogs') {
            if (nodes === nodeLog.length) {
              nodeLog = grown(nodeLog, nodeLog.length * 2);
              nodeNext = grown(nodeNext, nodeNext.length * 2);
            }
            nodeLog[nodes] = lj;
            nodeNext[nodes] = head[match]!;
            head[match] = nodes++;
          }
          const ml = logs[logOf[match]!]!;
          const pair = `${ml.sourceAt(rowOf[match]!)}\u0000${lg.sourceAt(i)}`;
          pairCounts.set(pair, (pairCounts.get(pair) ?? 0) + 1);
          continue;
        }
      }
      keep[j] = 1;
      if (byKey !== null) {
        key ??= keyOf(j);
        const list = byKey.get(key);
        if (list === undefined) byKey.set(key, [j]);
        else list.push(j);
      }
      let attrs: Record<string, AttrValue> | undefined;
      const names = attrNames[lj]!;
      if (names.length > 0) {
        for (const name of scratchKeys) delete scratch[name];
        scratchKeys.length = 0;
        for (const name of names) {
          const av = lg.attrAt(name, i);
          if (av !== undefined) {
            scratch[name] = av;
            scratchKeys.push(name);
          }
        }
        if (scratchKeys.length > 0) attrs = scratch;
      }
      builder.push(j, canonIds[c]!, tg[j]!, lg.typeAt(i), lg.value[i]!, lg.quantity[i]!, lg.hasText ? lg.textAt(i) : undefined, attrs, lg.sourceAt(i));
    }
  }

  for (const l of logs) builder.absorbReport(l.rejects, l.sources.length === 1 ? l.sources[0] : undefined);
  builder.countDuplicates(removed);
  const log = builder.build();
  const duplicatesBySourcePair: DuplicatePair[] = [...pairCounts]
    .map(([key, count]) => {
      const [kept, rem] = key.split('\u0000') as [string, string];
      return { kept, removed: rem, count };
    })
    .sort((x, y) => y.count - x.count || (x.kept < y.kept ? -1 : x.kept > y.kept ? 1 : x.removed < y.removed ? -1 : x.removed > y.removed ? 1 : 0));
  return {
    log,
    report: {
      inputEvents: total,
      outputEvents: log.size,
      eventsRemapped: remapped,
      inputIdentities: seenIdentity.size,
      customers: log.customerCount,
      duplicatesRemoved: removed,
      duplicatesBySourcePair,
    },
  };
}

/** Window length (events) beyond which a customer's duplicate search switches to a hash. */
const LONG_WINDOW = 32;

interface Dedupe {
  toleranceMs: number;
  attrs: boolean | readonly string[];
  text: boolean;
  scope: 'acrossLogs' | 'all';
}

function dedupeSettings(fn: string, d: MergeOptions['dedupe']): Dedupe | null {
  if (d === false) return null;
  if (d === undefined || d === true) return { toleranceMs: 0, attrs: false, text: false, scope: 'acrossLogs' };
  if (d === null || typeof d !== 'object') invalidOption(fn, 'dedupe', 'a boolean or { toleranceMs?, attrs?, text?, scope? }', d);
  const toleranceMs = d.toleranceMs ?? 0;
  if (typeof toleranceMs !== 'number' || !Number.isFinite(toleranceMs) || toleranceMs < 0) invalidOption(fn, 'dedupe.toleranceMs', 'a finite number ≥ 0', toleranceMs);
  const attrs = d.attrs ?? false;
  if (typeof attrs !== 'boolean' && !(Array.isArray(attrs) && attrs.every((k) => typeof k === 'string'))) invalidOption(fn, 'dedupe.attrs', 'a boolean or a list of attribute names', attrs);
  const text = d.text ?? false;
  if (typeof text !== 'boolean') invalidOption(fn, 'dedupe.text', 'a boolean', text);
  const scope = d.scope ?? 'acrossLogs';
  if (scope !== 'acrossLogs' && scope !== 'all') invalidOption(fn, 'dedupe.scope', "'acrossLogs' or 'all'", scope);
  return { toleranceMs, attrs, text, scope };
}

/** Equal numbers, or both absent (NaN). */
function same(a: number, b: number): boolean {
  return a === b || (a !== a && b !== b);
}

function sameAttrs(la: EventLog, ra: number, lb: EventLog, rb: number, keys: readonly string[]): boolean {
  for (const k of keys) if (la.attrAt(k, ra) !== lb.attrAt(k, rb)) return false;
  return true;
}

function union(a: readonly string[], b: readonly string[]): readonly string[] {
  if (a === b) return a;
  const s = new Set(a);
  for (const k of b) s.add(k);
  return [...s];
}
