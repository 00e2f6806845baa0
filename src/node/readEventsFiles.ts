import { knownOptions, optionsOf } from '../internal/args.js';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ChurnkitError, invalidOption } from '../internal/errors.js';
import type { ColumnMapping } from '../data/ColumnMapping.js';
import type { EventLog } from '../data/EventLog.js';
import { KNOWN_EXTENSIONS, checkMapping, chunkBytesOf, eventFileNames, filePlan, loadFiles } from './_loadFile.js';
import { READ_EVENTS_FILE_OPTIONS, type ReadEventsFileOptions } from './ReadEventsFileOptions.js';
import { throwIo } from './_readText.js';

/**
 * Loads many event files, each with its own header, into one {@link data!EventLog}.
 *
 * For exports split by day or by system, such as the 305 daily files of UCI Online Retail.
 * `paths` is a list of files, or a folder: then every file in it with a known extension
 * (`.csv`, `.tsv`, `.txt`, `.ndjson`, `.jsonl`) is read, in name order. Files are streamed one
 * after another into one builder with one mapping; each file's header is resolved on its own,
 * so column order may differ between files. Row numbers restart at 0 in every file and every
 * rejected row carries its `file`, so `log.rejects` tells where to look. O(total rows) plus
 * the builder's sort.
 *
 * @param paths - file paths, or one folder
 * @param mapping - a {@link data!ColumnMapping} for delimited text; `null` for NDJSON
 * @param options - as for {@link readEventsFile}; applied to every file
 * @returns one sorted event log over all files
 * @throws ChurnkitError `IO_ERROR` (missing file or folder), `EMPTY_INPUT` (a folder without
 *   event files), `INVALID_MAPPING`, `UNKNOWN_COLUMN` (naming the file), and with
 *   `onInvalid: 'throw'` the first bad row's code, its message naming the file
 * @example
 * ```ts
 * import { readEventsFiles } from 'churnkit/node';
 * const log = await readEventsFiles('online-retail/by-day', {
 *   customerId: { column: 'CustomerID', normalize: 'integer' },
 *   time: 'InvoiceDate',
 *   type: { column: 'InvoiceNo', rules: [{ startsWith: 'C', type: 'refund' }], otherwise: 'order' },
 *   value: { product: ['Quantity', 'UnitPrice'] },
 * }, { onInvalid: 'collect' });
 * log.rejects.byCode.MISSING_CUSTOMER; // 135080
 * ```
 * @category Node
 */
export async function readEventsFiles(
  paths: readonly string[] | string,
  mapping: ColumnMapping | null,
  options: ReadEventsFileOptions = {},
): Promise<EventLog> {
  const fn = 'readEventsFiles';
  options = optionsOf(fn, options);
  knownOptions(fn, options, READ_EVENTS_FILE_OPTIONS);
  const list = typeof paths === 'string' ? await listFolder(fn, paths) : paths;
  if (!Array.isArray(list) || list.some((p) => typeof p !== 'string')) invalidOption(fn, 'paths', 'an array of file paths or a folder path', paths);
  const chunkBytes = chunkBytesOf(fn, options);
  // Check every file's format and the mapping before reading anything.
  const plans = list.map((p) => filePlan(fn, p, options));
  let m: ColumnMapping | null = null;
  for (const plan of plans) m = checkMapping(fn, plan.format, mapping);
  return loadFiles(fn, plans, m, options, chunkBytes);
}

async function listFolder(fn: string, dir: string): Promise<string[]> {
  let names: string[];
  try {
    if (!(await stat(dir)).isDirectory()) {
      throw new ChurnkitError('INVALID_OPTION', `${fn}: ${JSON.stringify(dir)} is a file; pass [${JSON.stringify(dir)}] or a folder.`, {
        path: ['paths'],
        field: 'paths',
        expected: 'an array of file paths or a folder path',
        received: dir,
      });
    }
    names = await readdir(dir);
  } catch (e) {
    throwIo(fn, e, 'list', dir, 'paths', 'a readable folder');
  }
  const files = eventFileNames(names);
  if (files.length === 0) {
    throw new ChurnkitError('EMPTY_INPUT', `${fn}: the folder ${JSON.stringify(dir)} holds no ${Object.keys(KNOWN_EXTENSIONS).join(', ')} files.`, {
      field: 'paths',
      expected: 'a folder with event files',
      received: dir,
    });
  }
  return files.map((n) => join(dir, n));
}
