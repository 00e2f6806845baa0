import { readdir, readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { integerText } from '../internal/format.js';
import type { ColumnMapping } from '../data/ColumnMapping.js';
import type { EventLog } from '../data/EventLog.js';
import { simulateShop } from '../data/simulateShop.js';
import { ChurnkitError } from '../internal/errors.js';
import { analyzeChurn } from '../pipeline/analyzeChurn.js';
import type { AnalysisProgress, AnalyzeChurnOptions } from '../pipeline/AnalyzeChurnOptions.js';
import type { ChurnAnalysis } from '../pipeline/ChurnAnalysis.js';
import type { ReadEventsFileOptions } from './ReadEventsFileOptions.js';
import { readEventsFile } from './readEventsFile.js';
import { readEventsFiles } from './readEventsFiles.js';
import { writeReport } from './writeReport.js';
import { writeTextFile } from './_writeText.js';
import { eventFileNames, knownExtension } from './_loadFile.js';
import {
  COMMAND_OPTIONS, UsageError, algorithmOption, dateOption, delimiterOption, mappingFromArgs, numberOption, parseArgs, ruleFromArg, type ParsedArgs,
} from './_cliArgs.js';
import { HELP } from './_cliHelp.js';

/**
 * Where {@link runCli} writes and which folder relative paths start from. `process.stdout`,
 * `process.stderr` and `process.cwd()` by default; tests pass collectors.
 *
 * @category Node
 */
export interface CliIo {
  /** Receives the summary and the paths written. */
  stdout: { write(text: string): unknown };
  /** Receives progress, warnings and errors. */
  stderr: { write(text: string): unknown };
  /** Folder that relative file paths are resolved against. */
  cwd: string;
}

/**
 * Runs the `churnkit` command line: `analyze` an event file into an HTML report and/or JSON, or
 * run the `demo` on the simulated shop.
 *
 * What `npx churnkit analyze events.csv --map customer=CustomerID,time=InvoiceDate,value=amount
 * --type order --rule inactivity:90 --out report.html` does: read the file(s) with
 * {@link readEventsFile} / {@link readEventsFiles} (bad rows skipped and counted in the audit
 * unless `--on-invalid throw`), run `analyzeChurn` with progress on stderr, write the report with
 * {@link writeReport} and/or the analysis as JSON, and print the plain-language summary on
 * stdout. `churnkit demo` does the same on `simulateShop`. `churnkit --help` lists every option.
 * It never calls `process.exit`: the exit code is returned, so it runs in-process in tests and
 * in other tools (the `bin/churnkit.mjs` launcher sets `process.exitCode`).
 *
 * @param argv - the arguments after the program name (`process.argv.slice(2)`)
 * @param io - output streams and working folder ({@link CliIo}); default the process's own
 * @returns the exit code: 0 done, 1 the data could not be read or analysed, 2 a usage error
 *   (unknown command or option, missing or malformed value), each with a message on stderr
 * @example
 * ```ts
 * import { runCli } from 'churnkit/node';
 * const code = await runCli(['demo', '--customers', '1000', '--out', 'demo.html']);
 * ```
 * @category Node
 */
export async function runCli(argv: readonly string[], io?: CliIo): Promise<number> {
  const out = io ?? { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };
  let args: ParsedArgs;
  try {
    if (!Array.isArray(argv) || argv.some((a) => typeof a !== 'string')) throw new UsageError('argv must be an array of strings');
    args = parseArgs(argv);
    if (args.flags.has('help') || args.command === 'help') {
      out.stdout.write(HELP);
      return 0;
    }
    if (args.command === null) {
      out.stderr.write(`churnkit: a command is needed (analyze, demo or help)\n\n${HELP}`);
      return 2;
    }
    if (args.command === 'analyze') return await analyze(args, out);
    if (args.command === 'demo') return await demo(args, out);
    throw new UsageError(`unknown command "${args.command}" (commands: analyze, demo, help)`);
  } catch (e) {
    if (e instanceof UsageError) {
      out.stderr.write(`churnkit: ${e.message}\nRun "churnkit --help" for the options.\n`);
      return 2;
    }
    if (e instanceof ChurnkitError) {
      out.stderr.write(`churnkit: ${e.code}: ${e.message}\n`);
      return 1;
    }
    out.stderr.write(`churnkit: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}

function allowOnly(args: ParsedArgs, command: keyof typeof COMMAND_OPTIONS): void {
  const { values, flags } = COMMAND_OPTIONS[command];
  for (const name of args.options.keys()) if (!values.includes(name)) throw new UsageError(`option --${name} does not apply to "${args.command}"`);
  for (const name of args.flags) if (!flags.includes(name)) throw new UsageError(`option --${name} does not apply to "${args.command}"`);
}

async function analyze(args: ParsedArgs, io: CliIo): Promise<number> {
  allowOnly(args, 'analyze');
  if (args.positional.length === 0) throw new UsageError('analyze needs an events file or folder, e.g. churnkit analyze events.csv --map ...');
  const o = args.options;
  const format = o.get('format');
  if (format !== undefined && format !== 'csv' && format !== 'ndjson') throw new UsageError(`--format must be csv or ndjson; got "${format}"`);
  const onInvalid = o.get('on-invalid') ?? 'collect';
  if (onInvalid !== 'collect' && onInvalid !== 'skip' && onInvalid !== 'throw') throw new UsageError(`--on-invalid must be collect, skip or throw; got "${onInvalid}"`);
  const delimiter = delimiterOption(o.get('delimiter'));
  // NDJSON when every input file is (a folder counts by the event files it holds).
  const ndjson = format === 'ndjson' || (format === undefined && (await inputFiles(args.positional.map((p) => resolve(io.cwd, p)))).every((f) => knownExtension(f)?.format === 'ndjson'));

  let mapping: ColumnMapping | null = null;
  const mapArg = o.get('map');
  const mappingFile = o.get('mapping');
  if (mapArg !== undefined && mappingFile !== undefined) throw new UsageError('give either --map or --mapping, not both');
  if (mapArg !== undefined) {
    mapping = mappingFromArgs(mapArg, { type: o.get('type'), timeFormat: o.get('time-format'), integerIds: args.flags.has('integer-ids') });
  } else if (mappingFile !== undefined) {
    if (o.has('type') || o.has('time-format') || args.flags.has('integer-ids')) throw new UsageError('--type, --time-format and --integer-ids go with --map; put them in the --mapping file instead');
    mapping = await readJson(resolve(io.cwd, mappingFile), '--mapping') as ColumnMapping;
  } else if (!ndjson) {
    throw new UsageError('delimited files need --map customer=<column>,time=<column>,... (or --mapping FILE.json); NDJSON files need none');
  }
  const rule = o.get('rule') === undefined ? undefined : ruleFromArg(o.get('rule')!);
  const analyzeOptions: AnalyzeChurnOptions = {};
  if (rule !== undefined) analyzeOptions.rule = rule;
  const horizon = numberOption('horizon', o.get('horizon'), { above: 0 });
  if (horizon !== undefined) analyzeOptions.horizonDays = horizon;
  const asOf = dateOption('as-of', o.get('as-of'));
  if (asOf !== undefined) analyzeOptions.asOf = asOf;
  const algorithm = algorithmOption(o.get('algorithm'));
  if (algorithm !== undefined) analyzeOptions.algorithm = algorithm;
  const budget = numberOption('budget', o.get('budget'), { min: 0 });
  if (budget !== undefined) analyzeOptions.budget = budget;
  const seed = numberOption('seed', o.get('seed'), { integer: true });
  if (seed !== undefined) analyzeOptions.seed = seed;
  const snapshots = numberOption('snapshots', o.get('snapshots'), { integer: true, min: 2 });
  if (snapshots !== undefined) analyzeOptions.snapshots = snapshots;
  const outputs = outputsOf(args);

  // ── read ───────────────────────────────────────────────────────────────────────────────
  const readOptions: ReadEventsFileOptions = { onInvalid };
  if (format !== undefined) readOptions.format = format;
  if (delimiter !== undefined) readOptions.delimiter = delimiter;
  const paths = args.positional.map((p) => resolve(io.cwd, p));
  const quiet = args.flags.has('quiet');
  const started = Date.now();
  let log: EventLog;
  if (paths.length === 1 && !(await isFolder(paths[0]!))) log = await readEventsFile(paths[0]!, mapping, readOptions);
  else log = await readEventsFiles(paths.length === 1 ? paths[0]! : paths, mapping, readOptions);
  const r = log.rejects;
  const rejected = r === undefined || r === null ? '' : rejectText(r);
  if (log.size === 0) {
    // said even with --quiet: the rows that were skipped are the reason
    const skipped = r === undefined || r === null ? '' : skippedText(r);
    throw new ChurnkitError('EMPTY_INPUT', `no event could be read from ${args.positional.join(', ')}${skipped === '' ? '' : ` (${skipped})`}; check the mapping${skipped.includes('INVALID_TIME') ? ' and the time format (--time-format)' : ''}.`, {
      expected: 'at least one event',
      received: r?.rejected ?? 0,
    });
  }
  if (!quiet) io.stderr.write(`read ${integerText(log.size)} events of ${integerText(log.customerIds.length)} customers in ${seconds(started)}${rejected}\n`);
  return finish(log, analyzeOptions, outputs, args, io);
}

async function demo(args: ParsedArgs, io: CliIo): Promise<number> {
  allowOnly(args, 'demo');
  if (args.positional.length > 0) throw new UsageError(`demo takes no file; got "${args.positional[0]}"`);
  const o = args.options;
  const customers = numberOption('customers', o.get('customers'), { integer: true, min: 200 }) ?? 3000;
  const seed = numberOption('seed', o.get('seed'), { integer: true }) ?? 1;
  const budget = numberOption('budget', o.get('budget'), { min: 0 }) ?? 5000;
  const algorithm = algorithmOption(o.get('algorithm'));
  const outputs = outputsOf(args);
  if (!args.flags.has('quiet')) io.stderr.write(`simulating a shop with ${integerText(customers)} customers (seed ${seed})\n`);
  const shop = simulateShop({ customers, seed });
  const options: AnalyzeChurnOptions = { table: shop.customers, budget, seed };
  if (algorithm !== undefined) options.algorithm = algorithm;
  return finish(shop.log, options, { ...outputs, title: outputs.title ?? 'Churn report — simulated shop' }, args, io);
}

interface Outputs {
  report: string | null;
  json: string | null;
  title: string | undefined;
  top: number | undefined;
}

function outputsOf(args: ParsedArgs): Outputs {
  const out = args.options.get('out');
  const json = args.options.get('json');
  for (const [name, v] of [['out', out], ['json', json], ['title', args.options.get('title')]] as const) {
    if (v !== undefined && v.trim() === '') throw new UsageError(`--${name} must not be empty`);
  }
  return {
    report: out ?? (json === undefined ? 'report.html' : null),
    json: json ?? null,
    title: args.options.get('title'),
    top: numberOption('top', args.options.get('top'), { integer: true, min: 1 }),
  };
}

async function finish(log: EventLog, options: AnalyzeChurnOptions, outputs: Outputs, args: ParsedArgs, io: CliIo): Promise<number> {
  const quiet = args.flags.has('quiet');
  const started = Date.now();
  if (!quiet) {
    options.onProgress = (p: AnalysisProgress) => io.stderr.write(`[${p.index}/${p.total}] ${p.step}: ${p.message}\n`);
  }
  const analysis: ChurnAnalysis = analyzeChurn(log, options);
  if (!quiet) io.stderr.write(`analysed in ${seconds(started)}\n`);
  io.stdout.write(`${analysis.highlights.join('\n')}\n`);
  if (outputs.report !== null) {
    const written = await writeReport(resolve(io.cwd, outputs.report), analysis, {
      ...(outputs.title === undefined ? {} : { title: outputs.title }),
      ...(outputs.top === undefined ? {} : { topCustomers: outputs.top }),
    });
    io.stdout.write(`report: ${written.path} (${integerText(written.bytes)} bytes)\n`);
  }
  if (outputs.json !== null) {
    const path = resolve(io.cwd, outputs.json);
    const text = `${JSON.stringify(analysis, null, 1)}\n`;
    await writeTextFile(path, text, (e) => {
      throw new ChurnkitError('IO_ERROR', `could not write ${path}: ${e instanceof Error ? e.message : String(e)}`, { field: 'json', received: outputs.json });
    });
    io.stdout.write(`json: ${path} (${integerText(Buffer.byteLength(text, 'utf8'))} bytes)\n`);
  }
  return 0;
}

/** The event files named: a folder's files with a known extension, other paths as given. */
async function inputFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    if (!(await isFolder(p))) out.push(p);
    else {
      try {
        out.push(...eventFileNames(await readdir(p)));
      } catch {
        out.push(p); // the reader reports the unreadable folder with IO_ERROR
      }
    }
  }
  return out;
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false; // the reader reports the missing file with IO_ERROR
  }
}

async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`${what}: cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    // A byte-order mark (Windows editors save one) is not part of the JSON, as in event files.
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new UsageError(`${what}: ${path} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** "N rows skipped (CODE n, ...)", or '' when none was. */
function skippedText(r: { rejected: number; byCode: Partial<Record<string, number>> }): string {
  if (!(r.rejected > 0)) return '';
  const codes = Object.entries(r.byCode).filter(([, v]) => (v ?? 0) > 0).map(([k, v]) => `${k} ${integerText(v!)}`).join(', ');
  return `${integerText(r.rejected)} row${r.rejected === 1 ? '' : 's'} skipped (${codes})`;
}

function rejectText(r: { rejected: number; byCode: Partial<Record<string, number>> }): string {
  const skipped = skippedText(r);
  return skipped === '' ? '' : `; ${skipped}, counted in the report's data-quality section`;
}

const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)} s`;
