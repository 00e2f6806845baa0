/**
 * labelHistory benchmark: 12 monthly cutoffs over a synthetic log of 1M customers / ~30M events.
 *
 *   npx tsx bench/labels.ts                          # 1M customers, ~30 events each
 *   npx tsx bench/labels.ts --customers=1e5          # smaller run
 *
 * The log is generated straight into an EventLogBuilder by a simple seeded generator (below),
 * not by simulateShop, so the bench measures labelling rather than simulation. Each rule is
 * labelled twice in the same run:
 *   - labelHistory: each customer's events walked once for all 12 cutoffs;
 *   - baseline: 12 separate labelCustomers calls (one pass over the log per cutoff),
 * and the ratio baseline / labelHistory is printed (labelHistory: best of 2 timed runs after an
 * untimed one; baseline: one run). Both results are checked to be equal.
 * "events/s" is log events divided by wall time; "cust×cutoffs/s" is customers × 12 divided by
 * wall time; "table MB" is the label table's columns; "RSS after" is the resident set right
 * after labelHistory returns; the final peak RSS includes the generator's builder.
 */
import { loadavg } from 'node:os';
import { EventLogBuilder } from '../src/data/EventLogBuilder.js';
import type { EventLog } from '../src/data/EventLog.js';
import { Random } from '../src/internal/random.js';
import { labelCustomers, labelHistory, type ChurnRule, type LabelTable } from '../src/churn/index.js';
import { calendarPeriods } from '../src/time/index.js';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string | undefined]));
const N = Number(args.get('customers') ?? 1e6);
const DAY = 86_400_000;
const START = Date.UTC(2023, 0, 1);
const END = Date.UTC(2025, 2, 1); // exclusive; dataEnd

/**
 * Each customer signs up uniformly over the first 18 months, has a random mean gap (gamma,
 * mean ~24 days) between sessions, and a 3-in-10 chance of stopping at a random point. A session
 * is a login, and an order with probability 0.3 (value ~ gamma). About 30 events per customer.
 */
function generate(n: number, seed: number): EventLog {
  const rng = new Random(seed);
  const b = new EventLogBuilder({ fn: 'bench/labels' });
  let row = 0;
  for (let i = 0; i < n; i++) {
    const id = String(i);
    let t = START + rng.uniform(0, 540) * DAY;
    const meanGap = rng.gamma(4, 5) + 4; // days
    const stop = rng.bernoulli(0.3) ? t + rng.uniform(30, 700) * DAY : END;
    const last = Math.min(stop, END);
    while (t < last) {
      b.push(row++, id, Math.floor(t), 'login', NaN, NaN);
      if (rng.bernoulli(0.3)) b.push(row++, id, Math.floor(t) + 60_000, 'order', Math.round(rng.gamma(2, 20) * 100) / 100, 1);
      t += rng.exponential(1 / meanGap) * DAY + 3_600_000;
    }
  }
  return b.build();
}

/** True when the stacked table equals the per-cutoff tables (rows in another order). O(rows). */
function same(h: LabelTable, per: LabelTable[], cutoffs: readonly number[]): boolean {
  if (h.customerIds.length !== per.reduce((n, t) => n + t.customerIds.length, 0)) return false;
  const ptr = new Int32Array(per.length);
  for (let r = 0; r < h.customerIds.length; r++) {
    const q = cutoffs.indexOf(h.cutoff[r]!);
    const t = per[q]!;
    const i = ptr[q]!++;
    if (t.customerIndex[i] !== h.customerIndex[r] || t.label[i] !== h.label[r] || t.censored[i] !== h.censored[r]) return false;
    if (!Object.is(t.churnTime[i], h.churnTime[r])) return false;
  }
  return true;
}

/** Bytes of a label table's typed columns plus 8 bytes per row for the id array. */
function tableBytes(t: LabelTable): number {
  return t.customerIndex.byteLength + t.cutoff.byteLength + t.label.byteLength + t.churnTime.byteLength + t.censored.byteLength + 8 * t.customerIds.length;
}

const RULES: [string, ChurnRule][] = [
  ['inactivity 60d (purchase|activity)', { kind: 'inactivity', days: 60, roles: ['purchase', 'activity'] }],
  ['valueDrop spend 90/90 ×0.5', { kind: 'valueDrop', measure: 'spend', windowDays: 90, baselineDays: 90, ratio: 0.5 }],
  ['overdue ×3 (min 4) | fallback 90d', { kind: 'overdue', multiple: 3, minPurchases: 4, fallback: { kind: 'inactivity', days: 90, roles: ['purchase'] } }],
];

const mb = (x: number): string => `${(x / 1048576).toFixed(0)} MB`;
const peak = (): number => process.resourceUsage().maxRSS * 1024;

// Warm-up (JIT) on a small log with every rule, then the big log.
const cutoffsWarm = calendarPeriods({ start: '2024-01-01', end: '2025-01-01', period: 'month' }).map((p) => p.start);
{
  const small = generate(20_000, 1);
  for (const rule of RULES.map((r) => r[1])) {
    labelHistory(small, rule, { cutoffs: cutoffsWarm, horizonDays: 60, dataEnd: END });
    labelCustomers(small, rule, { cutoff: cutoffsWarm[0]!, horizonDays: 60, dataEnd: END });
  }
}
const t0 = performance.now();
const log = generate(N, 20261124);
const genMs = performance.now() - t0;
console.log(`labelHistory benchmark (node ${process.version}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}): ${log.customerCount.toLocaleString()} customers, ${log.size.toLocaleString()} events (${(log.size / log.customerCount).toFixed(1)}/customer), generated in ${(genMs / 1000).toFixed(1)} s; peak RSS so far ${mb(peak())}, RSS now ${mb(process.memoryUsage().rss)}`);

const cutoffs = calendarPeriods({ start: '2024-01-01', end: '2025-01-01', period: 'month' }).map((p) => p.start);
const rules = RULES;
console.log('rule                                 rows        labelHistory  M events/s  M cust×cutoffs/s  table MB  RSS after  12× labelCustomers  ratio  equal');
for (const [name, rule] of rules) {
  // best of 2 runs (the machine is shared; the first run also pays for collecting the generator's garbage)
  let a = Infinity;
  let h = labelHistory(log, rule, { cutoffs, horizonDays: 60, dataEnd: END });
  for (let rep = 0; rep < 2; rep++) {
    const a0 = performance.now();
    h = labelHistory(log, rule, { cutoffs, horizonDays: 60, dataEnd: END });
    a = Math.min(a, performance.now() - a0);
  }
  const rss = process.memoryUsage().rss;
  const b0 = performance.now();
  const per = cutoffs.map((c) => labelCustomers(log, rule, { cutoff: c, horizonDays: 60, dataEnd: END }));
  const b = performance.now() - b0;
  console.log(
    `${name.padEnd(36)} ${String(h.customerIds.length).padStart(10)}  ${(a / 1000).toFixed(2).padStart(8)} s  ${((log.size / a) * 1000 / 1e6).toFixed(1).padStart(10)}  ${(((log.customerCount * cutoffs.length) / a) * 1000 / 1e6).toFixed(1).padStart(16)}  ${(tableBytes(h) / 1048576).toFixed(0).padStart(8)}  ${mb(rss).padStart(9)}  ${(b / 1000).toFixed(2).padStart(16)} s  ${(b / a).toFixed(1).padStart(5)}  ${String(same(h, per, cutoffs)).padStart(5)}`,
  );
  console.log(`  counts: ${JSON.stringify(h.counts)}`);
}
console.log(`peak RSS of the process (generator + log + tables): ${mb(peak())}`);
