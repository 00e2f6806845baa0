/**
 * simulateShop benchmark: wall time, events, events per second and memory for 5k, 100k and
 * 1M customers over the default two years.
 *
 *   npx tsx bench/simulate.ts                         # 5e3,1e5,1e6 customers, best of 3 below 1e6
 *   node --expose-gc --import tsx bench/simulate.ts   # also resident bytes per event of the result
 *   npx tsx bench/simulate.ts --sizes=5e3,1e5 --runs=5 --subscriptions
 *
 * A 2,000-customer warm-up runs first (JIT). Sizes of 1M and more run once (they take about a
 * minute and several GB). "Column bytes/event" is the exact byteLength of the log's typed
 * arrays and attribute code columns divided by its events; "resident bytes/event" (with
 * --expose-gc) is heapUsed + arrayBuffers with the shop alive minus the same after dropping it,
 * both after full GCs; "peak RSS" is the process's maximum resident set so far (it includes the
 * builder's growing columns, the peak of the run).
 */
import { simulateShop } from '../src/data/index.js';
import type { EventLog } from '../src/data/index.js';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string | undefined]));
const sizes = (args.get('sizes') ?? '5e3,1e5,1e6').split(',').map(Number);
const runs = Number(args.get('runs') ?? 3);
const subscriptions = args.has('subscriptions');
const gc = (globalThis as { gc?: () => void }).gc;

function columnBytes(log: EventLog): number {
  let b = log.time.byteLength + log.value.byteLength + log.quantity.byteLength + log.type.byteLength + log.source.byteLength + log.offsets.byteLength;
  for (const n of log.attrNames) b += log.attr(n)!.codes.byteLength;
  return b;
}

const mb = (x: number): string => `${(x / 1048576).toFixed(0)} MB`;

simulateShop({ customers: 2000, seed: 99, subscriptions });
console.log(`simulateShop benchmark (node ${process.version}, subscriptions: ${subscriptions})`);
console.log('customers   events       ev/cust  best ms   M events/s  column B/ev  resident B/ev  peak RSS');
for (const n of sizes) {
  const reps = n >= 1e6 ? 1 : runs;
  let best = Infinity;
  let events = 0;
  let colB = 0;
  let resident = NaN;
  for (let r = 0; r < reps; r++) {
    if (gc) gc();
    const t0 = performance.now();
    let shop: ReturnType<typeof simulateShop> | null = simulateShop({ customers: n, seed: 1, subscriptions });
    const ms = performance.now() - t0;
    best = Math.min(best, ms);
    events = shop.log.size;
    colB = columnBytes(shop.log);
    if (gc) {
      gc();
      gc();
      const withShop = process.memoryUsage();
      shop = null;
      gc();
      gc();
      const without = process.memoryUsage();
      resident = (withShop.heapUsed + withShop.arrayBuffers - without.heapUsed - without.arrayBuffers) / events;
    }
    shop = null;
    void shop;
  }
  const rss = process.resourceUsage().maxRSS * 1024;
  console.log(
    `${String(n).padEnd(11)} ${String(events).padEnd(12)} ${(events / n).toFixed(1).padEnd(8)} ${best.toFixed(0).padEnd(9)} ${(events / best / 1000).toFixed(2).padEnd(11)} ${(colB / events).toFixed(1).padEnd(12)} ${(Number.isNaN(resident) ? 'n/a' : resident.toFixed(1)).padEnd(14)} ${mb(rss)}`,
  );
}
