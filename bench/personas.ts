/**
 * Win-back persona recovery on the simulated shop, the protocol of test/segments/personasShop.test.ts
 * for any seeds: `npx tsx bench/personas.ts 1 2 3`. Prints the confusion table (planted cause ×
 * primary persona), recall per cause, precision per persona, the `none` share and the time.
 */
import { winbackFigures, winbackRun } from '../test/segments/_winback.js';

if (import.meta.url === `file://${process.argv[1]}`) {
  const seeds = process.argv.slice(2).map(Number);
  for (const seed of seeds.length ? seeds : [1, 2]) {
    const t0 = performance.now();
    const run = winbackRun(seed);
    const ms = performance.now() - t0;
    const f = winbackFigures(run);
    console.log(`seed ${seed}: ${run.assessed} churners assessed in ${ms.toFixed(0)} ms (simulation, 23 status tables and extractions included)`);
    console.log('cause'.padEnd(16) + ['price_sensitive', 'disappointed', 'fading', 'lost_loyal', 'none'].map((p) => p.padStart(16)).join('') + '  recall');
    for (const [cause, row] of Object.entries(run.confusion)) {
      console.log(cause.padEnd(16) + Object.values(row).map((v) => String(v).padStart(16)).join('') + '  ' + (f.recall[cause] ?? NaN).toFixed(3));
    }
    console.log('precision', Object.entries(f.precision).map(([p, v]) => `${p} ${v.toFixed(3)}`).join(', '), `| none share ${f.noneShare.toFixed(3)}`);
  }
}
