import { knownOptions, optionsOf } from '../internal/args.js';
import { invalidOption } from '../internal/errors.js';
import { validateColumnMapping, type ColumnMapping } from './ColumnMapping.js';
import { CSV_OPTIONS, type CsvOptions } from './CsvOptions.js';
import type { EventLog } from './EventLog.js';
import { EventLogBuilder } from './EventLogBuilder.js';
import type { IngestOptions } from './types.js';
import { CsvEventReader, csvSettings } from './_csvReader.js';

/**
 * Parses delimited text (CSV, TSV, whitespace-separated) into an {@link EventLog} through a
 * {@link ColumnMapping}.
 *
 * The loader for exports from a shop, CRM or warehouse held in memory (for files, the
 * `churnkit/node` readers stream the same parser). Quoting follows RFC 4180 (Shafranovich
 * 2005): quoted cells may hold delimiters, doubled quotes and line breaks; LF and CRLF line
 * ends and a leading byte-order mark are accepted; blank lines are skipped. Cells other than
 * `text` are trimmed. Rows are numbered from 0 after the header (blank lines not counted);
 * syntax and width errors also name the line. Every rejected row is counted in
 * `log.rejects`; with `onInvalid: 'throw'` (default) the first one throws.
 *
 * One pass over the text (lines and cells found with `indexOf` when the text holds no quote
 * or CR, else with `charCodeAt`), cells read in place with no per-row object unless
 * attributes are mapped; customer ids, types and sources are interned and looked up in the
 * builder once per distinct cell. O(n) plus the sort of {@link EventLogBuilder}, which is
 * skipped for rows already in (customer, time) order and is one counting sort for rows in
 * time order. About 2–4 M rows/s for a 4-column file (docs/performance.md).
 *
 * @param text - the whole file contents
 * @param mapping - which column feeds which event field; validated first
 * @param options - delimiter, header, and the usual {@link IngestOptions}
 * @returns the sorted event log
 * @throws ChurnkitError `INVALID_MAPPING` (bad mapping shape), `UNKNOWN_COLUMN` (a column not
 *   in the header), `INVALID_OPTION`, `CSV_SYNTAX` (a broken header); with `onInvalid: 'throw'`
 *   also the first row's `CSV_SYNTAX`, `INVALID_ROW` (wrong number of fields),
 *   `MISSING_CUSTOMER`, `INVALID_CUSTOMER`, `MISSING_TIME`, `INVALID_TIME`, `MISSING_TYPE`,
 *   `INVALID_VALUE`, `INVALID_QUANTITY` or `INVALID_ATTRS`
 * @example
 * ```ts
 * const csv = 'id,day,amount\n7,2024-01-05,20.5\n7,2024-02-01,"1,5"\n';
 * const log = parseEventsCsv(csv, { customerId: 'id', time: 'day', type: { constant: 'order' }, value: 'amount' },
 *   { onInvalid: 'collect' });
 * log.size;                         // 1
 * log.rejects.byCode.INVALID_VALUE; // 1 ("1,5" is not a number with the default decimal mark)
 * ```
 * @category Data
 */
export function parseEventsCsv(text: string, mapping: ColumnMapping, options: CsvOptions = {}): EventLog {
  const fn = 'parseEventsCsv';
  options = optionsOf(fn, options);
  knownOptions(fn, options, CSV_OPTIONS);
  if (typeof text !== 'string') invalidOption(fn, 'text', 'a string', text);
  const m = validateColumnMapping(mapping, fn);
  const settings = csvSettings(fn, options);
  const builder = new EventLogBuilder({ ...options, fn, expectedRows: estimateRows(text) });
  const reader = new CsvEventReader(builder, m, { fn, ...settings });
  reader.feed(text);
  reader.end();
  return builder.build();
}

/**
 * Rows in `text`, estimated from the line length in its first 256 KiB (a capacity hint for the
 * builder; an underestimate only means the columns grow once more).
 */
function estimateRows(text: string): number {
  const sample = Math.min(text.length, 262_144);
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < sample; i = text.indexOf('\n', i + 1)) lines++;
  if (lines === 0) return 0;
  return Math.ceil((text.length / sample) * lines * 1.02) + 16;
}
