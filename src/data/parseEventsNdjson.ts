import { invalidOption } from '../internal/errors.js';
import type { EventLog } from './EventLog.js';
import { EventLogBuilder } from './EventLogBuilder.js';
import { INGEST_OPTIONS, type IngestOptions } from './types.js';
import { knownOptions } from '../internal/args.js';
import { NdjsonEventReader } from './_csvNdjson.js';

/**
 * Parses NDJSON (newline-delimited JSON, one {@link EventInput} object per line) into an
 * {@link EventLog}.
 *
 * For event streams exported by apps and message queues (`.ndjson`, `.jsonl`). Each line is
 * read with `JSON.parse` and validated exactly as {@link createEventLog} validates objects,
 * so `time` may be epoch ms or an ISO string. LF or CRLF line ends; blank lines are skipped
 * and not counted. Rows are numbered from 0 over the non-blank lines; a line that is not
 * JSON is rejected as `JSON_SYNTAX` with its 1-based line number in `expected`. O(n) plus the
 * builder's sort.
 *
 * @param text - the whole NDJSON text
 * @param options - the usual {@link IngestOptions}
 * @returns the sorted event log
 * @throws ChurnkitError `INVALID_OPTION`; with `onInvalid: 'throw'` (default) the first bad row's
 *   code: `JSON_SYNTAX`, `INVALID_ROW` (not an object), `MISSING_CUSTOMER`, `INVALID_TIME`, ...
 * @example
 * ```ts
 * const text = '{"customerId":1,"time":"2024-01-05","type":"order","value":20}\n{oops\n';
 * const log = parseEventsNdjson(text, { onInvalid: 'collect' });
 * log.size;                            // 1
 * log.rejects.issues[0]?.code;         // 'JSON_SYNTAX' (row 1, line 2)
 * ```
 * @category Data
 */
export function parseEventsNdjson(text: string, options: IngestOptions = {}): EventLog {
  const fn = 'parseEventsNdjson';
  if (typeof text !== 'string') invalidOption(fn, 'text', 'a string', text);
  knownOptions(fn, options, INGEST_OPTIONS);
  const builder = new EventLogBuilder({ ...options, fn });
  const reader = new NdjsonEventReader(builder);
  reader.feed(text);
  reader.end();
  return builder.build();
}
