import { extname } from 'node:path';
import { ChurnkitError, invalidOption } from '../internal/errors.js';
import type { ColumnMapping } from '../data/ColumnMapping.js';
import { validateColumnMapping } from '../data/ColumnMapping.js';
import type { EventLog } from '../data/EventLog.js';
import { EventLogBuilder } from '../data/EventLogBuilder.js';
import type { CsvOptions } from '../data/CsvOptions.js';
import { CsvEventReader, csvSettings } from '../data/_csvReader.js';
import { NdjsonEventReader } from '../data/_csvNdjson.js';
import { readTextChunks } from './_readText.js';
import type { ReadEventsFileOptions } from './ReadEventsFileOptions.js';

/** File extensions the readers recognise, and what they mean. @internal */
export const KNOWN_EXTENSIONS: Readonly<Record<string, { format: 'csv' | 'ndjson'; delimiter?: CsvOptions['delimiter'] }>> = {
  '.csv': { format: 'csv', delimiter: ',' },
  '.tsv': { format: 'csv', delimiter: '\t' },
  '.txt': { format: 'csv', delimiter: 'whitespace' },
  '.ndjson': { format: 'ndjson' },
  '.jsonl': { format: 'ndjson' },
};

/** What a file's extension says about it (format, delimiter), or undefined for an unknown one. @internal */
export function knownExtension(path: string): (typeof KNOWN_EXTENSIONS)[string] | undefined {
  return KNOWN_EXTENSIONS[extname(path).toLowerCase()];
}

/** The event files among a folder's entries (a known extension), sorted: what is read of a folder. @internal */
export function eventFileNames(names: readonly string[]): string[] {
  return names.filter((n) => knownExtension(n) !== undefined).sort();
}

/** Format and delimiter of one file: the options win, then the extension. @internal */
export function filePlan(fn: string, path: string, options: ReadEventsFileOptions): FilePlan {
  const known = knownExtension(path);
  const format = options.format ?? known?.format;
  if (format === undefined) {
    invalidOption(fn, 'format', `'csv' or 'ndjson' (the extension of ${JSON.stringify(path)} is not one of ${Object.keys(KNOWN_EXTENSIONS).join(', ')})`, options.format);
  }
  if (format !== 'csv' && format !== 'ndjson') invalidOption(fn, 'format', "'csv' or 'ndjson'", format);
  const delimiter = options.delimiter ?? known?.delimiter ?? ',';
  return { path, format, options: { ...options, delimiter } };
}

/** Checks the mapping against the format before any byte is read. @internal */
export function checkMapping(fn: string, format: 'csv' | 'ndjson', mapping: unknown): ColumnMapping | null {
  if (format === 'ndjson') {
    if (mapping !== null && mapping !== undefined) {
      throw new ChurnkitError('INVALID_MAPPING', `${fn}: NDJSON lines are EventInput objects and take no column mapping; pass null.`, {
        path: ['mapping'],
        field: 'mapping',
        expected: 'null for NDJSON input',
        received: mapping,
      });
    }
    return null;
  }
  return validateColumnMapping(mapping, fn);
}

/** One file to read: its path, format and the options with its delimiter resolved. @internal */
export interface FilePlan {
  path: string;
  format: 'csv' | 'ndjson';
  options: CsvOptions;
}

/**
 * Streams the planned files, in order, into one builder and builds the log; every kept
 * rejected row carries the file it came from. The one loading path of `readEventsFile` and
 * `readEventsFiles`. @internal
 */
export async function loadFiles(
  fn: string,
  plans: readonly FilePlan[],
  mapping: ColumnMapping | null,
  options: ReadEventsFileOptions,
  chunkBytes: number,
): Promise<EventLog> {
  const builder = new EventLogBuilder({ ...options, fn });
  // The file of each kept issue, in the order the builder keeps them.
  const files: string[] = [];
  const cap = options.onInvalid === 'collect' ? (options.maxIssues ?? 100_000) : 0;
  for (const plan of plans) {
    await loadFile(fn, builder, plan.path, plan.format, mapping, plan.options, chunkBytes, () => {
      if (files.length < cap) files.push(plan.path);
    });
  }
  const log = builder.build();
  tagIssues(log, files);
  return log;
}

/** Streams one file into `builder`. */
async function loadFile(
  fn: string,
  builder: EventLogBuilder,
  path: string,
  format: 'csv' | 'ndjson',
  mapping: ColumnMapping | null,
  options: CsvOptions,
  chunkBytes: number,
  onReject: () => void,
): Promise<void> {
  try {
    if (format === 'ndjson') {
      const r = new NdjsonEventReader(builder, path, onReject);
      await readTextChunks(path, chunkBytes, (t) => r.feed(t), fn);
      r.end();
      return;
    }
    const settings = csvSettings(fn, options);
    const r = new CsvEventReader(builder, mapping!, { fn, ...settings, file: path, onReject });
    await readTextChunks(path, chunkBytes, (t) => r.feed(t), fn);
    r.end();
  } catch (e) {
    // Name the file in errors raised by row validation (the builder does not know it).
    if (e instanceof ChurnkitError && !e.message.includes(JSON.stringify(path))) {
      const details = { field: e.field, expected: e.expected, received: e.received } as { path?: readonly (string | number)[]; row?: number; field?: string; expected?: string; received?: unknown };
      if (e.path !== undefined) details.path = e.path;
      if (e.row !== undefined) details.row = e.row;
      throw new ChurnkitError(e.code, `${e.message} (file ${JSON.stringify(path)})`, details);
    }
    throw e;
  }
}

/** Puts the file name on the kept rejected rows, in the order they were rejected. */
function tagIssues(log: EventLog, files: readonly string[]): void {
  const issues = log.rejects.issues;
  const n = Math.min(issues.length, files.length);
  for (let i = 0; i < n; i++) {
    const issue = issues[i]!;
    if (issue.file === undefined) issue.file = files[i]!;
  }
}

/** Validates `chunkBytes`. @internal */
export function chunkBytesOf(fn: string, options: ReadEventsFileOptions): number {
  const c = options.chunkBytes ?? 1 << 20;
  if (!Number.isInteger(c) || c < 1) invalidOption(fn, 'chunkBytes', 'a positive integer', c);
  return c;
}
