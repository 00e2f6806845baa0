import { knownOptions, optionsOf } from '../internal/args.js';
import type { ColumnMapping } from '../data/ColumnMapping.js';
import type { EventLog } from '../data/EventLog.js';
import { READ_EVENTS_FILE_OPTIONS, type ReadEventsFileOptions } from './ReadEventsFileOptions.js';
import { checkMapping, chunkBytesOf, filePlan, loadFiles } from './_loadFile.js';

/**
 * Streams one event file (CSV, TSV, whitespace-separated or NDJSON) into an {@link data!EventLog}.
 *
 * The file is read in chunks and decoded incrementally (a UTF-8 character or a quoted line
 * break cut by a chunk boundary is handled), through the same parser as
 * {@link data!parseEventsCsv} / {@link data!parseEventsNdjson}; only the incomplete last record of a
 * chunk is held back, so a file larger than the largest JS string loads. Rejected rows carry
 * `file` (the path as given) as well as their 0-based row. O(n) plus the builder's sort.
 *
 * @param path - the file
 * @param mapping - a {@link data!ColumnMapping} for delimited text; `null` for NDJSON
 * @param options - format, delimiter, header, chunk size and the usual {@link data!IngestOptions}
 * @returns the sorted event log
 * @throws ChurnkitError `IO_ERROR` (missing or unreadable file), `INVALID_OPTION` (unknown
 *   extension without `format`), `INVALID_MAPPING`, `UNKNOWN_COLUMN`, and with
 *   `onInvalid: 'throw'` the first bad row's code, its message naming the file
 * @example
 * ```ts
 * import { readEventsFile } from 'churnkit/node';
 * const log = await readEventsFile('CDNOW_master.txt', {
 *   customerId: 'customer_id', time: { column: 'date', format: 'yyyymmdd' },
 *   type: { constant: 'order' }, value: 'dollar_value', quantity: 'number_of_cds',
 * }); // whitespace-separated from the .txt extension; log.size === 69659
 * ```
 * @category Node
 */
export async function readEventsFile(path: string, mapping: ColumnMapping | null, options: ReadEventsFileOptions = {}): Promise<EventLog> {
  const fn = 'readEventsFile';
  options = optionsOf(fn, options);
  knownOptions(fn, options, READ_EVENTS_FILE_OPTIONS);
  const plan = filePlan(fn, path, options);
  const m = checkMapping(fn, plan.format, mapping);
  return loadFiles(fn, [plan], m, options, chunkBytesOf(fn, options));
}
