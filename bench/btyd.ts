/**
 * BTYD benchmark: BG/NBD fit on the full CDNOW master log (23,570 customers, 39-week calibration
 * ending 1997-09-30), beside the same fit in numpy/scipy (bench/reference/bgnbd_fit.py, run with
 * /usr/bin/python3 when scipy imports) on the same summary written to a temporary CSV. Prints times,
 * parameters and the ratio in one run. Also times Gamma-Gamma, evaluateBtyd and P(alive) scoring.
 *
 *   npx tsx bench/btyd.ts            # 5 runs, medians
 *   npx tsx bench/btyd.ts --runs=9
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { btydHoldout, btydSummary } from '../src/features/btydSummary.js';
import { evaluateBtyd } from '../src/models/btyd/evaluateBtyd.js';
import { fitBgNbd } from '../src/models/btyd/fitBgNbd.js';
import { fitGammaGamma } from '../src/models/btyd/fitGammaGamma.js';
import { loadCdnowMaster } from '../test/models/btyd/cdnowFixtures.js';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const runs = Number(args.get('runs') ?? 5);

function median(fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

let t0 = performance.now();
const log = loadCdnowMaster();
const ingestMs = performance.now() - t0;
t0 = performance.now();
const cal = btydSummary(log, { cutoff: '1997-10-01', unit: 'week' });
const summaryMs = performance.now() - t0;
const hold = btydHoldout(log, { calibrationEnd: '1997-10-01', holdoutEnd: '1998-07-01', unit: 'week' });

let model = fitBgNbd(cal);
const fitMs = median(() => {
  model = fitBgNbd(cal, { standardErrors: false });
});
const fitSeMs = median(() => {
  fitBgNbd(cal);
});
const nmMs = median(() => {
  fitBgNbd(cal, { method: 'nelder-mead', standardErrors: false });
});
let ggMs = NaN;
let gg: ReturnType<typeof fitGammaGamma> | null = null;
ggMs = median(() => {
  gg = fitGammaGamma(cal, { onNonPositive: 'skip' });
});
let ev = evaluateBtyd(model, cal, hold);
const evMs = median(() => {
  ev = evaluateBtyd(model, cal, hold);
});
const aliveMs = median(() => {
  model.probabilityAlive(cal.x, cal.tx, cal.T);
});

console.log(`CDNOW master: ${log.size} events, ${log.customerCount} customers (ingest ${ingestMs.toFixed(0)} ms, btydSummary ${summaryMs.toFixed(1)} ms)`);
console.log(`BG/NBD  r ${model.params.r.toFixed(4)}  α ${model.params.alpha.toFixed(4)}  a ${model.params.a.toFixed(4)}  b ${model.params.b.toFixed(4)}  LL ${model.logLikelihood.toFixed(2)}  (${model.diagnostics.method}, ${model.diagnostics.evaluations} evaluations)`);
console.log(`fitBgNbd (BFGS, no SE)        ${fitMs.toFixed(1)} ms  (median of ${runs})`);
console.log(`fitBgNbd (BFGS + Hessian SE)  ${fitSeMs.toFixed(1)} ms`);
console.log(`fitBgNbd (Nelder–Mead first)  ${nmMs.toFixed(1)} ms`);
console.log(`fitGammaGamma (${gg!.customers} repeat customers, ${gg!.skipped} with $0 repeat spend skipped)  ${ggMs.toFixed(1)} ms  p ${gg!.params.p.toFixed(3)} q ${gg!.params.q.toFixed(3)} γ ${gg!.params.gamma.toFixed(3)}`);
console.log(`evaluateBtyd (78-week tracking)  ${evMs.toFixed(1)} ms  holdout actual ${ev.actualTotal} predicted ${ev.predictedTotal.toFixed(0)} r ${ev.correlation.toFixed(3)}`);
console.log(`probabilityAlive × ${cal.x.length}  ${aliveMs.toFixed(2)} ms`);

const dir = mkdtempSync(join(tmpdir(), 'churnkit-btyd-'));
try {
  const csv = join(dir, 'summary.csv');
  const lines = ['x,tx,T'];
  for (let i = 0; i < cal.x.length; i++) lines.push(`${cal.x[i]},${cal.tx[i]},${cal.T[i]}`);
  writeFileSync(csv, `${lines.join('\n')}\n`);
  const py = spawnSync('/usr/bin/python3', [join(import.meta.dirname, 'reference', 'bgnbd_fit.py'), csv, String(runs)], { encoding: 'utf8' });
  if (py.status === 0) {
    const out = JSON.parse(py.stdout) as { ms: number; params: Record<string, number>; logLikelihood: number; evaluations: number };
    console.log(`scipy BFGS baseline           ${out.ms.toFixed(1)} ms  (${out.evaluations} evaluations; LL ${out.logLikelihood.toFixed(2)}, r ${out.params.r!.toFixed(4)})`);
    console.log(`ratio scipy / churnkit: ${(out.ms / fitMs).toFixed(2)}×`);
  } else {
    console.log(`scipy baseline skipped: ${py.stderr.trim().split('\n').pop() ?? 'python3 failed'}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
