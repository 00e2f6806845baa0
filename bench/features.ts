/**
 * Feature-engine benchmark: RFM alone and the full default catalogue on a synthetic log
 * (default 10M events, 1M customers), events/s and peak memory, beside the same RFM aggregation
 * in pandas (bench/rfm_pandas.py, run with /usr/bin/python3 when pandas imports) on the same data
 * written to a temporary CSV. Prints the ratios in one run.
 *
 *   npx tsx bench/features.ts                       # 1e7 events, 1e6 customers, 3 runs (medians)
 *   npx tsx bench/features.ts --events=1e6 --customers=1e5 --runs=5
 *   npx tsx bench/features.ts --events=1e6 --customers=1e5 --catalogues   # also each catalogue alone
 *   npx tsx bench/features.ts --paired=15           # 15 alternating churnkit / pandas RFM rounds (default 2 × runs; 0: none)
 *   npx tsx bench/features.ts --build=src           # the sources through tsx instead of dist/ (the default)
 *
 * The log is built with EventLogBuilder.push before any clock starts. Event types follow a fixed
 * mix (orders 25%, logins 31%, views, carts, feature use, service, surveys, campaigns, coupons),
 * times uniform over two years, the cutoff 30 days before the end; complaints and tickets carry
 * Chinese or English text, feature_use a `feature` attribute and 20% of orders a `coupon`.
 * "RFM" is the four columns pandas computes (recency, order count, order value sum and mean);
 * "rfmFeatures" adds distinct days, tenure and the BTYD x, t_x, T.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventLogBuilder } from '../src/data/EventLogBuilder.js';
import type { EventLog } from '../src/data/EventLog.js';
import type { FeatureSpec } from '../src/features/FeatureSpec.js';
import { Random } from '../src/internal/random.js';
import { churnkitUnderTest } from './_churnkit.js';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
// What is measured: the built package (default) or the sources (`--build=src`); see _churnkit.ts.
// The log itself is built with the sources' EventLogBuilder either way (not timed).
const { lib, label: build } = await churnkitUnderTest(args.get('build'));
const { defaultFeatures, extractFeatures, featureColumn, rfmFeatures, engagementFeatures, featureUsageFeatures, funnelFeatures, marketingFeatures, rhythmFeatures, sentimentFeatures, serviceFeatures } = lib;
const EVENTS = Number(args.get('events') ?? 1e7);
const CUSTOMERS = Number(args.get('customers') ?? 1e6);
const RUNS = Number(args.get('runs') ?? 3);
const DAY = 86_400_000;
const START = Date.UTC(2023, 0, 1);
const SPAN = 730 * DAY;
const CUTOFF = START + SPAN - 30 * DAY;
const MIX: [string, number][] = [
  ['order', 0.25], ['login', 0.31], ['visit', 0.05], ['product_view', 0.12], ['cart_add', 0.06], ['checkout', 0.03],
  ['feature_use', 0.06], ['complaint', 0.01], ['ticket', 0.02], ['nps', 0.01], ['refund', 0.01], ['campaign_sent', 0.05],
  ['campaign_opened', 0.02], ['coupon_issued', 0.005], ['coupon_redeemed', 0.005],
];
const TEXTS = ['客服态度很差，不满意', '物流很快，很满意', 'The app keeps crashing', 'Great service, thank you!', '没有问题', 'still waiting for my refund'];
const FEATURES = ['reports', 'export', 'share', 'search', 'alerts'];

const mb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`;
const peakKb = (): number => process.resourceUsage().maxRSS;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** The 1, 5 and 15 minute load averages: the machine is shared, so every figure is read beside them. */
const loadavg = (): string => {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
};

function generate(csvPath: string): EventLog {
  const rnd = new Random(20240601);
  const cum = new Float64Array(MIX.length);
  let acc = 0;
  MIX.forEach(([, p], k) => (cum[k] = acc += p));
  const b = new EventLogBuilder({ fn: 'bench' });
  const fd = openSync(csvPath, 'w');
  writeSync(fd, 'customer,time,type,value\n');
  let buf: string[] = [];
  for (let row = 0; row < EVENTS; row++) {
    const c = rnd.int(CUSTOMERS);
    const t = START + Math.floor(rnd.next() * SPAN);
    const u = rnd.next() * acc;
    let k = 0;
    while (cum[k]! < u) k++;
    const type = MIX[k]![0];
    let value = NaN;
    let text: string | undefined;
    let attrs: Record<string, string> | undefined;
    if (type === 'order') {
      value = Math.round(rnd.uniform(5, 200) * 100) / 100;
      if (rnd.bernoulli(0.2)) attrs = { coupon: 'C10' };
    } else if (type === 'refund') value = Math.round(rnd.uniform(5, 100) * 100) / 100;
    else if (type === 'nps') value = rnd.int(11);
    else if (type === 'complaint' || type === 'ticket') text = rnd.pick(TEXTS);
    else if (type === 'feature_use') attrs = { feature: rnd.pick(FEATURES) };
    b.push(row, String(c), t, type, value, NaN, text, attrs);
    buf.push(`${c},${t},${type},${Number.isNaN(value) ? '' : value}`);
    if (buf.length === 100_000) {
      writeSync(fd, `${buf.join('\n')}\n`);
      buf = [];
    }
  }
  if (buf.length > 0) writeSync(fd, `${buf.join('\n')}\n`);
  closeSync(fd);
  return b.build();
}

function time(label: string, log: EventLog, features: readonly FeatureSpec[]): { seconds: number; matrix: ReturnType<typeof extractFeatures> } {
  const secs: number[] = [];
  let matrix: ReturnType<typeof extractFeatures> | undefined;
  for (let r = 0; r < RUNS; r++) {
    matrix = undefined;
    const t0 = performance.now();
    matrix = extractFeatures(log, { cutoff: CUTOFF, features });
    secs.push((performance.now() - t0) / 1000);
  }
  const s = median(secs);
  const read = countBefore(log);
  console.log(
    `${label.padEnd(28)} ${s.toFixed(3)} s (min ${Math.min(...secs).toFixed(3)})  ${(read / s / 1e6).toFixed(1)} M events/s  ${features.length} specs → ${matrix!.names.length} columns  peak RSS so far ${mb(peakKb())}  load ${loadavg()}`,
  );
  return { seconds: s, matrix: matrix! };
}

/**
 * The floor under any engine that returns the full catalogue as Float64Array columns: allocate
 * one buffer of customers × columns doubles and write every element once, column by column
 * (fresh pages: the kernel maps and zeroes them on first touch). Median of RUNS.
 */
let sink = 0;
function outputFloor(customers: number, columns: number): number {
  const secs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    const a = new Float64Array(customers * columns);
    for (let i = 0; i < a.length; i++) a[i] = i;
    sink += a[a.length - 1]!; // read back so the writes cannot be dropped
    secs.push((performance.now() - t0) / 1000);
  }
  const s = median(secs);
  console.log(`${'output floor (no features)'.padEnd(28)} ${s.toFixed(3)} s (min ${Math.min(...secs).toFixed(3)})  ${customers} × ${columns} doubles allocated and written once  load ${loadavg()}`);
  return s;
}

let before = -1;
function countBefore(log: EventLog): number {
  if (before < 0) {
    before = 0;
    for (let c = 0; c < log.customerCount; c++) before += log.positionAt(c, CUTOFF) - log.start(c);
  }
  return before;
}

/**
 * Paired rounds (--paired=N, default 2 × runs): one churnkit RFM run, then one pandas run in a
 * pandas process that keeps the CSV loaded (rfm_pandas.py serve), alternating, so that both
 * sides of each ratio see the same load on the shared machine. Prints the median of the
 * per-round ratios beside the medians of each side.
 */
async function paired(log: EventLog, specs: readonly FeatureSpec[]): Promise<void> {
  const rounds = Number(args.get('paired') ?? 2 * RUNS);
  if (rounds <= 0) return;
  const py = spawn('/usr/bin/python3', [join(import.meta.dirname, 'rfm_pandas.py'), csv, String(CUTOFF), 'serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: py.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<{ seconds: number }> => JSON.parse(((await lines.next()).value as string | undefined) ?? '{}') as { seconds: number };
  await next(); // ready
  const ours: number[] = [];
  const theirs: number[] = [];
  const ratios: number[] = [];
  for (let k = 0; k < rounds; k++) {
    const t0 = performance.now();
    extractFeatures(log, { cutoff: CUTOFF, features: specs });
    const a = (performance.now() - t0) / 1000;
    py.stdin.write('run\n');
    const b = (await next()).seconds;
    ours.push(a);
    theirs.push(b);
    ratios.push(b / a);
  }
  py.stdin.end('quit\n');
  console.log(
    `paired rounds (${rounds}, alternating): churnkit RFM median ${median(ours).toFixed(3)} s, pandas median ${median(theirs).toFixed(3)} s; ` +
      `median of per-round ratios pandas / churnkit ${median(ratios).toFixed(2)}× (range ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})  load ${loadavg()}`,
  );
}

function pandasAvailable(): boolean {
  const r = spawnSync('/usr/bin/python3', ['-c', 'import pandas'], { encoding: 'utf8' });
  return r.status === 0;
}

const dir = mkdtempSync(join(tmpdir(), 'churnkit-bench-'));
const csv = join(dir, 'events.csv');
try {
  console.log(`node ${process.version}; churnkit from ${build}; ${EVENTS.toExponential(0)} events, ${CUSTOMERS.toExponential(0)} customers, ${RUNS} runs (median); load average ${loadavg()}`);
  const g0 = performance.now();
  const log = generate(csv);
  console.log(`generated and built the log in ${((performance.now() - g0) / 1000).toFixed(1)} s; ${log.size} events, ${log.customerCount} customers, ${countBefore(log)} before the cutoff; peak RSS ${mb(peakKb())}`);

  const RFM4: FeatureSpec[] = [
    { op: 'recency', role: 'purchase' },
    { op: 'count', role: 'purchase' },
    { op: 'sum', role: 'purchase' },
    { op: 'mean', role: 'purchase' },
  ];
  const rfm = time('RFM (4 columns, as pandas)', log, RFM4);
  const cat = time('rfmFeatures (9 columns)', log, rfmFeatures);
  const full = time('defaultFeatures (full)', log, defaultFeatures);
  const floor = outputFloor(log.customerCount, full.matrix.names.length);
  if (args.has('catalogues')) {
    const cats: [string, readonly FeatureSpec[]][] = [
      ['engagementFeatures', engagementFeatures], ['rhythmFeatures', rhythmFeatures], ['funnelFeatures', funnelFeatures],
      ['featureUsageFeatures', featureUsageFeatures], ['serviceFeatures', serviceFeatures], ['sentimentFeatures', sentimentFeatures],
      ['marketingFeatures', marketingFeatures],
    ];
    for (const [name, specs] of cats) time(name, log, specs);
  }

  let sumF = 0;
  let sumM = 0;
  let sumR = 0;
  const f = featureColumn(rfm.matrix, 'purchase_count');
  const m = featureColumn(rfm.matrix, 'purchase_amount');
  const r = featureColumn(rfm.matrix, 'purchase_recency_days');
  for (let i = 0; i < f.length; i++) {
    sumF += f[i]!;
    sumM += m[i]!;
    if (!Number.isNaN(r[i]!)) sumR += r[i]!;
  }

  if (!pandasAvailable()) {
    console.log('pandas: not available (/usr/bin/python3 -c "import pandas" failed); no baseline ratio');
  } else {
    if (sink < 0) console.log(sink);
    const out = execFileSync('/usr/bin/python3', [join(import.meta.dirname, 'rfm_pandas.py'), csv, String(CUTOFF), String(RUNS)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const p = JSON.parse(out.trim().split('\n').pop()!) as { pandas: string; seconds: number; read_seconds: number; frequency_sum: number; monetary_sum: number; recency_sum: number; peak_rss_mb: number; customers: number };
    console.log(`pandas ${p.pandas} RFM groupby           ${p.seconds.toFixed(3)} s  load ${loadavg()}  (CSV read ${p.read_seconds.toFixed(1)} s, not timed)  peak RSS ${p.peak_rss_mb.toFixed(0)} MB`);
    const agree = p.frequency_sum === sumF && Math.abs(p.monetary_sum - sumM) <= 1e-9 * Math.abs(sumM) && Math.abs(p.recency_sum - sumR) <= 1e-9 * Math.abs(sumR);
    console.log(`same answers as pandas: ${agree ? 'yes' : 'NO'} (orders ${sumF} vs ${p.frequency_sum}; value ${sumM.toFixed(2)} vs ${p.monetary_sum.toFixed(2)}; recency ${sumR.toFixed(3)} vs ${p.recency_sum.toFixed(3)})`);
    console.log(`ratio pandas RFM / churnkit RFM:            ${(p.seconds / rfm.seconds).toFixed(2)}× (aim ≥ 2)`);
    console.log(`ratio pandas RFM / churnkit rfmFeatures:    ${(p.seconds / cat.seconds).toFixed(2)}×`);
    console.log(`ratio pandas RFM / churnkit full catalogue: ${(p.seconds / full.seconds).toFixed(2)}× (aim ≥ 1)`);
    console.log(`ratio pandas RFM / output floor alone:      ${(p.seconds / floor).toFixed(2)}× (allocating and writing the full catalogue's columns once, no feature computed)`);
    await paired(log, RFM4);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
