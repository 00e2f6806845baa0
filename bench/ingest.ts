/**
 * Ingestion benchmark: rows per second for createEventLog (from objects) and parseEventsCsv
 * (from text) at 1M and 10M events, and the resident bytes per event of the built log.
 *
 *   npx tsx bench/ingest.ts                      # sizes 1e6 and 1e7, 3 runs each (medians)
 *   node --expose-gc --import tsx bench/ingest.ts  # also measures heap + arrayBuffers deltas
 *   npx tsx bench/ingest.ts --sizes=1e6 --runs=5
 *
 * A 200,000-row warm-up of both paths runs first (JIT). The input is built before the clock starts: a seeded synthetic log with 20 events per
 * customer on average, 4 event types, a value on every row, times over two years in time
 * order (as exports arrive), customers interleaved. CSV rows look like
 * `48213,2023-04-01 08:26:13,order,12.34` (4 columns, ISO date-times, no quotes). A third row
 * parses the same rows sorted by (customer, time), as exports grouped by customer arrive: the
 * builder then keeps its columns without sorting.
 *
 * Rates are given per wall-clock second and per CPU-second of this process (user + system,
 * GC threads included): on a shared machine the second is the steadier of the two.
 * "Column bytes/event" sums the byteLength of the log's typed arrays (exact). "Resident
 * bytes/event" (with --expose-gc) is (heapUsed + arrayBuffers) with the log alive minus the
 * same after dropping it, both after a full GC, with the input already released: what the
 * log costs a process to keep.
 */
import { createEventLog, parseEventsCsv, type EventInput, type EventLog } from '../src/data/index.js';
import { Random } from '../src/internal/random.js';
import { sortedMedian } from '../src/internal/sortedMedian.js';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const sizes = (args.get('sizes') ?? '1e6,1e7').split(',').map(Number);
const runs = Number(args.get('runs') ?? 3);
const gc = (globalThis as { gc?: () => void }).gc;
const TYPES = ['order', 'login', 'visit', 'product_view'];
const START = Date.UTC(2023, 0, 1);
const SPAN = 730 * 86_400_000;

function median(xs: number[]): number {
  return sortedMedian(Float64Array.from(xs).sort(), xs.length);
}

function fullGc(): void {
  if (gc) {
    gc();
    gc();
  }
}

function residentBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function columnBytes(log: EventLog): number {
  let b = log.time.byteLength + log.value.byteLength + log.quantity.byteLength + log.type.byteLength + log.source.byteLength + log.offsets.byteLength;
  for (const name of log.attrNames) b += log.attr(name)!.codes.byteLength;
  return b;
}

/** Deterministic synthetic rows: (customer, time, type index, value in cents). */
function makeRows(n: number): { cust: Int32Array; time: Float64Array; type: Uint8Array; cents: Int32Array } {
  const rng = new Random(20260124);
  const customers = Math.max(1, Math.round(n / 20));
  const cust = new Int32Array(n);
  const time = new Float64Array(n);
  const type = new Uint8Array(n);
  const cents = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    cust[i] = rng.int(customers);
    time[i] = START + Math.floor((i / n) * SPAN / 1000) * 1000;
    type[i] = rng.int(4);
    cents[i] = 100 + rng.int(20_000);
  }
  return { cust, time, type, cents };
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function makeCsv(r: ReturnType<typeof makeRows>): string {
  const n = r.cust.length;
  const blocks: string[] = ['customer,time,type,value\n'];
  const BLOCK = 100_000;
  for (let a = 0; a < n; a += BLOCK) {
    const lines: string[] = [];
    for (let i = a; i < Math.min(n, a + BLOCK); i++) {
      lines.push(`${r.cust[i]},${isoSeconds(r.time[i]!)},${TYPES[r.type[i]!]},${(r.cents[i]! / 100).toFixed(2)}\n`);
    }
    blocks.push(lines.join(''));
  }
  return blocks.join('');
}

/** The same rows ordered by (customer, time, input order): a stable counting sort by customer. */
function sortedByCustomer(r: ReturnType<typeof makeRows>): ReturnType<typeof makeRows> {
  const n = r.cust.length;
  let m = 0;
  for (let i = 0; i < n; i++) m = Math.max(m, r.cust[i]! + 1);
  const start = new Int32Array(m + 1);
  for (let i = 0; i < n; i++) start[r.cust[i]! + 1]!++;
  for (let c = 0; c < m; c++) start[c + 1]! += start[c]!;
  const out = { cust: new Int32Array(n), time: new Float64Array(n), type: new Uint8Array(n), cents: new Int32Array(n) };
  for (let i = 0; i < n; i++) {
    const k = start[r.cust[i]!]!++;
    out.cust[k] = r.cust[i]!;
    out.time[k] = r.time[i]!; // rows are in time order, so each customer's stay in time order
    out.type[k] = r.type[i]!;
    out.cents[k] = r.cents[i]!;
  }
  return out;
}

/**
 * The same rows with day-resolution times within 30 days (still in time order): a customer's 20
 * events share days, as a date-only export gives, so build() sorts many runs of simultaneous
 * events into their canonical order.
 */
function dayTies(r: ReturnType<typeof makeRows>): ReturnType<typeof makeRows> {
  const n = r.cust.length;
  const time = new Float64Array(n);
  for (let i = 0; i < n; i++) time[i] = START + Math.floor((i / n) * 30) * 86_400_000;
  return { ...r, time };
}

function makeObjects(r: ReturnType<typeof makeRows>): EventInput[] {
  const n = r.cust.length;
  const out: EventInput[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = { customerId: r.cust[i]!, time: r.time[i]!, type: TYPES[r.type[i]!]!, value: r.cents[i]! / 100 };
  return out;
}

interface Result {
  what: string;
  n: number;
  rowsPerSec: number;
  rowsPerCpuSec: number;
  columnBytesPerEvent: number;
  residentBytesPerEvent: number;
}

function measure(what: string, n: number, build: () => EventLog): Result {
  const rates: number[] = [];
  const cpuRates: number[] = [];
  let last: EventLog | null = null;
  for (let k = 0; k < runs; k++) {
    last = null;
    fullGc();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    last = build();
    const dt = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (last.size !== n) throw new Error(`${what}: expected ${n} events, got ${last.size}`);
    rates.push(n / (dt / 1000));
    cpuRates.push(n / ((c.user + c.system) / 1e6));
  }
  const columnBytesPerEvent = columnBytes(last!) / n;
  return { what, n, rowsPerSec: median(rates), rowsPerCpuSec: median(cpuRates), columnBytesPerEvent, residentBytesPerEvent: NaN };
}

/** Resident cost of one built log, input released (needs --expose-gc). */
function resident(n: number, build: () => EventLog): number {
  if (!gc) return NaN;
  let log: EventLog | null = build();
  fullGc();
  const withLog = residentBytes();
  if (log.size !== n) throw new Error('size');
  log = null;
  fullGc();
  const without = residentBytes();
  return (withLog - without) / n;
}

// Warm-up: let the JIT compile the hot paths on a small input before any clock runs.
{
  const warm = makeRows(200_000);
  createEventLog(makeObjects(warm));
  parseEventsCsv(makeCsv(warm), { customerId: 'customer', time: 'time', type: 'type', value: 'value' });
}

/** Parses the CSV text of `r`: throughput, then resident bytes; the text is dropped on return. */
function csvCase(what: string, n: number, r: ReturnType<typeof makeRows>): Result {
  const csv = makeCsv(r);
  const mapping = { customerId: 'customer', time: 'time', type: 'type', value: 'value' } as const;
  const result = measure(what, n, () => parseEventsCsv(csv, mapping));
  result.residentBytesPerEvent = resident(n, () => parseEventsCsv(csv, mapping));
  return result;
}

const results: Result[] = [];
for (const n of sizes) {
  const rows = makeRows(n);
  {
    let objects: EventInput[] | null = makeObjects(rows);
    const r = measure('createEventLog(objects)', n, () => createEventLog(objects!));
    objects = null;
    r.residentBytesPerEvent = resident(n, () => createEventLog(makeObjects(rows)));
    results.push(r);
    console.error(`done ${r.what} n=${n}`);
  }
  {
    const ties = makeObjects(dayTies(rows));
    const r = measure('createEventLog(objects, day times: many ties)', n, () => createEventLog(ties));
    results.push(r);
    console.error(`done ${r.what} n=${n}`);
  }
  for (const sorted of [false, true]) {
    const r = csvCase(sorted ? 'parseEventsCsv(text sorted by customer)' : 'parseEventsCsv(text)', n, sorted ? sortedByCustomer(rows) : rows);
    results.push(r);
    console.error(`done ${r.what} n=${n}`);
  }
}

const fmt = (x: number, d = 1): string => (Number.isNaN(x) ? 'n/a (run with --expose-gc)' : x.toFixed(d));
const load = (await import('node:os')).loadavg()[0]!;
console.log(`node ${process.version}, ${runs} runs per row (median), gc ${gc ? 'exposed' : 'not exposed'}, load average at the end ${load.toFixed(1)}`);
console.log('| input | events | rows/s wall (median) | rows per CPU-second (median) | column bytes/event | resident bytes/event |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of results) {
  console.log(
    `| ${r.what} | ${r.n.toLocaleString('en-US')} | ${(r.rowsPerSec / 1e6).toFixed(2)} M | ${(r.rowsPerCpuSec / 1e6).toFixed(2)} M | ${fmt(r.columnBytesPerEvent)} | ${fmt(r.residentBytesPerEvent)} |`,
  );
}
