import { optionNames } from '../internal/args.js';
import type { CsvOptions } from '../data/CsvOptions.js';

/**
 * Options of {@link readEventsFile} and {@link readEventsFiles}: the CSV options of
 * `parseEventsCsv` (delimiter, header, onInvalid, missingCustomer, ...) plus the format and the
 * chunk size.
 *
 * @category Node
 */
export type ReadEventsFileOptions = CsvOptions & {
  /**
   * `'csv'` (delimited text) or `'ndjson'`. Default: from the extension: `.csv` (comma),
   * `.tsv` (tab), `.txt` (whitespace-separated), `.ndjson` and `.jsonl` (NDJSON). An explicit
   * `delimiter` wins over the extension's.
   */
  format?: 'csv' | 'ndjson';
  /** Bytes read per chunk. Default 1 MiB. Small values are for tests of chunk boundaries. */
  chunkBytes?: number;
};

/** The names of every {@link ReadEventsFileOptions} key (checked by the compiler). @internal */
export const READ_EVENTS_FILE_OPTIONS = optionNames<ReadEventsFileOptions>()(['onInvalid', 'maxIssues', 'source', 'vocabulary', 'missingCustomer', 'delimiter', 'header', 'format', 'chunkBytes']);
