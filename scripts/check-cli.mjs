#!/usr/bin/env node
// CI smoke test of the published command (bin/churnkit.mjs → dist/node): the tests exercise
// runCli from the sources; this runs the built bin the way a user does, on a fresh temp folder.
//   1. `churnkit demo` writes a report and the analysis JSON;
//   2. `churnkit analyze` reads a CSV written from a simulated shop (with --map) and writes both;
//   3. a bad command line exits 2 and a missing file exits 1, with the error code on stderr.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulateShop } from '../dist/index.js';

const bin = join(import.meta.dirname, '..', 'bin', 'churnkit.mjs');
const dir = mkdtempSync(join(tmpdir(), 'churnkit-cli-'));
const fail = (msg) => {
  console.error(`check-cli: ${msg}`);
  process.exit(1);
};
const run = (args) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: dir });
const expectAnalysis = (file, what) => {
  const a = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof a.format !== 'string' || typeof a.version !== 'number' || typeof a.actions !== 'object' || !Array.isArray(a.customers)) {
    fail(`${what}: ${file} is not an analysis (format ${a.format}, version ${a.version})`);
  }
  return a;
};
const expectReport = (file, what) => {
  const html = readFileSync(file, 'utf8');
  if (!/^<!doctype html>/i.test(html) || !html.includes('</html>')) fail(`${what}: ${file} is not a complete HTML page`);
};
try {
  let r = run(['demo', '--customers', '600', '--seed', '2', '--out', 'demo.html', '--json', 'demo.json', '--quiet']);
  if (r.status !== 0) fail(`demo exited ${r.status}: ${r.stderr}`);
  expectReport(join(dir, 'demo.html'), 'demo');
  expectAnalysis(join(dir, 'demo.json'), 'demo');

  const { log } = simulateShop({ customers: 600, seed: 3 });
  const lines = ['cust,when,kind,amount'];
  for (let c = 0; c < log.customerCount; c++) {
    for (let k = log.offsets[c]; k < log.offsets[c + 1]; k++) {
      const v = log.value[k];
      lines.push(`${log.customerIds[c]},${new Date(log.time[k]).toISOString()},${log.types[log.type[k]]},${Number.isNaN(v) ? '' : v}`);
    }
  }
  writeFileSync(join(dir, 'events.csv'), `${lines.join('\n')}\n`);
  r = run(['analyze', 'events.csv', '--map', 'customer=cust,time=when,type=kind,value=amount', '--out', 'shop.html', '--json', 'shop.json', '--quiet']);
  if (r.status !== 0) fail(`analyze exited ${r.status}: ${r.stderr}`);
  expectReport(join(dir, 'shop.html'), 'analyze');
  const a = expectAnalysis(join(dir, 'shop.json'), 'analyze');
  if (!r.stdout.trim()) fail('analyze printed no summary on stdout');

  r = run(['analyze']);
  if (r.status !== 2) fail(`analyze without a file exited ${r.status}, expected 2`);
  r = run(['analyze', 'missing.csv', '--map', 'customer=a,time=b', '--type', 'order', '--quiet']);
  if (r.status !== 1 || !r.stderr.includes('IO_ERROR')) fail(`a missing file exited ${r.status} (${r.stderr.trim()}), expected 1 with IO_ERROR`);
  console.log(`check-cli: ok (demo and analyze wrote reports and analyses; ${lines.length - 1} events in the CSV; analysis version ${a.version}; exit codes 2 and 1 on bad input)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
