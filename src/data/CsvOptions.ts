import { optionNames } from '../internal/args.js';
import type { IngestOptions } from './types.js';

/**
 * Options of {@link parseEventsCsv} (and of the CSV side of the `churnkit/node` readers).
 *
 * @category Data
 */
export interface CsvOptions extends IngestOptions {
  /**
   * Cell separator: `','` (default), `';'`, `'\t'`, `'|'`, or `'whitespace'` for runs of
   * spaces and tabs with leading blanks ignored (CDNOW_master.txt). Quotes are not special
   * in `'whitespace'` mode.
   */
  delimiter?: ',' | ';' | '\t' | '|' | 'whitespace';
  /** Whether the first non-blank line names the columns. Default `true`. */
  header?: boolean;
}

/** The names of every {@link CsvOptions} key (checked by the compiler). @internal */
export const CSV_OPTIONS = optionNames<CsvOptions>()(['onInvalid', 'maxIssues', 'source', 'vocabulary', 'missingCustomer', 'delimiter', 'header']);

