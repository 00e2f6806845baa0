import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simulateShop } from '../../src/data/simulateShop.js';
import { runCli, type CliIo } from '../../src/node/index.js';
import { readEventsFile } from '../../src/node/readEventsFile.js';
import { analyzeChurn } from '../../src/pipeline/analyzeChurn.js';
import type { ChurnAnalysis } from '../../src/pipeline/ChurnAnalysis.js';

const dir = mkdtempSync(join(tmpdir(), 'churnkit-cli-'));
const mkdirp = (p: string): string => {
  mkdirSync(p, { recursive: true });
  return p;
};
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Orders and visits of simulateShop({ customers: 400, seed: 2 }) as CSV, plus one row without a customer. */
function writeShopCsv(): { path: string; purchasesOnly: string } {
  const { log } = simulateShop({ customers: 400, seed: 2 });
  const lines = ['cust,when,kind,amount'];
  const purchases = ['cust,when,amount'];
  for (let c = 0; c < log.customerCount; c++) {
    for (let k = log.start(c); k < log.end(c); k++) {
      const kind = log.types[log.type[k]!]!;
      if (kind !== 'order' && kind !== 'visit') continue;
      const when = new Date(log.time[k]!).toISOString();
      const amount = Number.isNaN(log.value[k]!) ? '' : log.value[k]!.toFixed(2);
      lines.push(`${log.customerId(c)},${when},${kind},${amount}`);
      if (kind === 'order') purchases.push(`${log.customerId(c)},${when},${amount}`);
    }
  }
  lines.push(',2024-06-01T10:00:00Z,order,5.00');
  const path = join(dir, 'events.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  const purchasesOnly = join(dir, 'orders.csv');
  writeFileSync(purchasesOnly, `${purchases.join('\n')}\n`);
  return { path, purchasesOnly };
}
const files = writeShopCsv();

function io(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    cwd: dir,
    out: () => out,
    err: () => err,
  };
}

describe('runCli analyze', () => {
  it('reads a CSV with --map, analyses it with the given options and writes the report and the JSON', async () => {
    const t = io();
    const code = await runCli([
      'analyze', 'events.csv', '--map', 'customer=cust,time=when,type=kind,value=amount', '--rule', 'inactivity:60:purchase',
      '--horizon', '60', '--budget', '300', '--out', 'out/report.html', '--json', 'out/analysis.json',
    ], t);
    expect(t.err()).not.toContain('churnkit:');
    expect(code).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'out/analysis.json'), 'utf8')) as ChurnAnalysis;
    // the same analysis in-process (the CLI's defaults: onInvalid 'collect')
    const log = await readEventsFile(files.path, { customerId: 'cust', time: 'when', type: 'kind', value: 'amount' }, { onInvalid: 'collect' });
    const direct = analyzeChurn(log, { rule: { kind: 'inactivity', days: 60, roles: ['purchase'] }, horizonDays: 60, budget: 300 });
    expect(json).toEqual(JSON.parse(JSON.stringify(direct)));
    expect(json.settings.budget).toBe(300);
    expect(json.audit.rejects.byCode.MISSING_CUSTOMER).toBe(1);
    const html = readFileSync(join(dir, 'out/report.html'), 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.match(/<svg\b/g)!.length).toBeGreaterThanOrEqual(11);
    // stdout: the highlights and both paths; stderr: read counts, rejected rows, all 11 steps
    for (const h of direct.highlights) expect(t.out()).toContain(h);
    expect(t.out()).toContain(`report: ${join(dir, 'out/report.html')} (`);
    expect(t.out()).toContain(`json: ${join(dir, 'out/analysis.json')} (`);
    expect(t.err()).toContain(`read ${log.size.toLocaleString('en-US')} events of ${log.customerIds.length} customers in `);
    expect(t.err()).toContain('1 row skipped (MISSING_CUSTOMER 1)');
    for (let k = 1; k <= 11; k++) expect(t.err()).toContain(`[${k}/11] `);
  }, 60_000);

  it('takes a constant --type for a purchases-only file; --json alone writes no report; --quiet prints no progress', async () => {
    const t = io();
    const code = await runCli(['analyze', 'orders.csv', '--map', 'customer=cust,time=when,value=amount', '--type', 'order', '--json', 'orders.json', '--quiet', '--algorithm', 'logistic'], t);
    expect(code).toBe(0);
    expect(t.err()).toBe('');
    const json = JSON.parse(readFileSync(join(dir, 'orders.json'), 'utf8')) as ChurnAnalysis;
    expect(json.audit.byType.map((x) => x.type)).toEqual(['order']);
    expect(json.settings.algorithm).toBe('logistic');
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
  }, 60_000);

  it('exits 1 with the error code when the data cannot be read or analysed', async () => {
    let t = io();
    expect(await runCli(['analyze', 'missing.csv', '--map', 'customer=a,time=b', '--type', 'order'], t)).toBe(1);
    expect(t.err()).toContain('churnkit: IO_ERROR:');
    t = io();
    expect(await runCli(['analyze', 'events.csv', '--map', 'customer=nope,time=when', '--type', 'order', '--quiet'], t)).toBe(1);
    expect(t.err()).toContain('churnkit: UNKNOWN_COLUMN:');
    t = io();
    // as-of before the first event: analyzeChurn refuses
    expect(await runCli(['analyze', 'events.csv', '--map', 'customer=cust,time=when,type=kind', '--as-of', '2000-01-01', '--quiet'], t)).toBe(1);
    expect(t.err()).toContain('churnkit: INVALID_OPTION: analyzeChurn: option "asOf"');
    t = io();
    // every row's time unreadable (the amount column read as the time): with --quiet too, the
    // error says why nothing was read instead of "the log has no events"
    expect(await runCli(['analyze', 'events.csv', '--map', 'customer=cust,time=kind,type=kind', '--on-invalid', 'skip', '--quiet'], t)).toBe(1);
    expect(t.err()).toContain('churnkit: EMPTY_INPUT: no event could be read from events.csv');
    expect(t.err()).toContain('skipped (INVALID_TIME');
    expect(t.err()).toContain('--time-format');
  }, 30_000);
});

describe('runCli analyze: review follow-ups (session 5)', () => {
  it('reads a folder of NDJSON files with no mapping', async () => {
    const { log } = simulateShop({ customers: 300, seed: 4 });
    const nd = join(dir, 'ndonly');
    const lines: string[] = [];
    for (let c = 0; c < log.customerCount; c++) {
      for (let k = log.start(c); k < log.end(c); k++) {
        const type = log.types[log.type[k]!]!;
        if (type !== 'order' && type !== 'visit') continue;
        lines.push(JSON.stringify({ customerId: log.customerId(c), time: log.time[k]!, type }));
      }
    }
    writeFileSync(join(mkdirp(nd), 'a.ndjson'), `${lines.slice(0, 2000).join('\n')}\n`);
    writeFileSync(join(nd, 'b.jsonl'), `${lines.slice(2000).join('\n')}\n`);
    const t = io();
    expect(await runCli(['analyze', 'ndonly', '--quiet'], t)).toBe(0);
    expect(t.out()).toMatch(/^[\d,]+ active customers;/);
  }, 60_000);

  it('exits 2 on an impossible --as-of date (30 February, 24:00) before reading anything', async () => {
    for (const bad of ['2024-02-30', '2024-12-01T24:00']) {
      const t = io();
      expect(await runCli(['analyze', 'missing.csv', '--map', 'customer=a,time=b', '--type', 'order', '--as-of', bad], t)).toBe(2);
      expect(t.err()).toContain('--as-of');
    }
  });

  it('reads a --mapping file saved with a byte-order mark', async () => {
    writeFileSync(join(dir, 'bom.json'), `\uFEFF${JSON.stringify({ customerId: 'cust', time: 'when', type: 'kind', value: 'amount' })}`);
    const t = io();
    expect(await runCli(['analyze', 'events.csv', '--mapping', 'bom.json', '--quiet', '--algorithm', 'logistic'], t)).toBe(0);
  }, 60_000);

  it('a constant --type that no rule role matches fails with INVALID_RULE naming the vocabulary', async () => {
    const t = io();
    expect(await runCli(['analyze', 'orders.csv', '--map', 'customer=cust,time=when,value=amount', '--type', 'sale', '--quiet'], t)).toBe(1);
    expect(t.err()).toContain('churnkit: INVALID_RULE: analyzeChurn: no event type of this log (sale)');
    expect(t.err()).toContain('vocabulary');
  }, 30_000);

  it('IO errors name the code once', async () => {
    const t = io();
    expect(await runCli(['analyze', 'missing.csv', '--map', 'customer=a,time=b', '--type', 'order'], t)).toBe(1);
    expect(t.err()).not.toMatch(/ENOENT\W+ENOENT/);
  });
});

describe('runCli demo', () => {
  it('runs the loop on simulateShop and writes the report', async () => {
    const t = io();
    const code = await runCli(["demo", "--customers", "300", "--out", "demo.html", "--quiet"], t);
    expect(t.err()).toBe("");
    expect(code).toBe(0);
    const html = readFileSync(join(dir, 'demo.html'), 'utf8');
    expect(html).toContain('<title>Churn report — simulated shop</title>');
    expect(t.out()).toMatch(/^[\d,]+ active customers;/);
  }, 60_000);
});

describe('runCli usage', () => {
  it('--help prints every option on stdout and exits 0', async () => {
    for (const argv of [['--help'], ['help'], ['-h'], ['analyze', '--help']]) {
      const t = io();
      expect(await runCli(argv, t)).toBe(0);
      expect(t.err()).toBe('');
      for (const opt of ['--map', '--type', '--rule', '--horizon', '--as-of', '--algorithm', '--budget', '--out', '--json', 'demo']) expect(t.out()).toContain(opt);
    }
  });

  it.each([
    [[], 'a command is needed'],
    [['train'], 'unknown command "train"'],
    [['analyze'], 'analyze needs an events file'],
    [['analyze', 'events.csv'], 'delimited files need --map'],
    [['analyze', 'events.csv', '--map', 'customer=cust'], '--map needs time=<column>'],
    [['analyze', 'events.csv', '--map', 'customer=cust,time=when'], 'the events need a type'],
    [['analyze', 'events.csv', '--map', 'customer=cust,time=when,type=kind', '--type', 'order'], 'either type=<column> in --map or --type'],
    [['analyze', 'events.csv', '--map', 'customer=cust,when'], '--map entries look like key=Column'],
    [['analyze', 'events.csv', '--map', 'client=cust,time=when'], 'unknown key "client"'],
    [['analyze', 'events.csv', '--map', 'customer=cust,time=when', '--type', 'order', '--horizon', 'ninety'], '--horizon must be a number > 0'],
    [['analyze', 'events.csv', '--map', 'customer=cust,time=when', '--type', 'order', '--budget', '-5'], '--budget must be a number ≥ 0'],
    [['analyze', 'events.csv', '--map', 'customer=cust,time=when', '--type', 'order', '--as-of', '12/01/2011'], '--as-of must be an ISO date'],
    [['analyze', 'events.csv', '--map', 'customer=cust,time=when', '--type', 'order', '--algorithm', 'svm'], '--algorithm must be one of'],
    [['analyze', 'events.csv', '--map', 'customer=cust,time=when', '--type', 'order', '--rule', 'inactivity:0'], 'the days must be a number > 0'],
    [['analyze', 'events.csv', '--map', 'customer=cust,time=when', '--type', 'order', '--rule', 'inactivity:30:buy'], 'unknown role "buy"'],
    [['analyze', 'events.csv', '--map', 'customer=cust,time=when', '--type', 'order', '--rule', '{bad'], '--rule is not valid JSON'],
    [['analyze', 'events.csv', '--map', 'customer=cust,time=when', '--type', 'order', '--frobnicate'], 'unknown option --frobnicate'],
    [['analyze', 'events.csv', '--map'], 'option --map needs a value'],
    [['analyze', 'events.csv', '--map', 'a=b', '--map', 'c=d'], 'option --map is given twice'],
    [['analyze', 'events.csv', '--quiet=yes'], 'option --quiet takes no value'],
    [['demo', '--customers', '10'], '--customers must be an integer ≥ 200'],
    [['demo', 'events.csv'], 'demo takes no file'],
    [['demo', '--rule', 'inactivity:30'], 'option --rule does not apply to "demo"'],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const t = io();
    expect(await runCli(argv as string[], t)).toBe(2);
    expect(t.err()).toContain(message);
    expect(t.out()).toBe('');
  });
});
