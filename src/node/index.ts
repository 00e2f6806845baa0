/**
 * File helpers for Node: stream event files (CSV, TSV, whitespace-separated, NDJSON) and
 * folders of them into an event log. The only part of churnkit that touches the file system.
 *
 * @module node
 */
export { readEventsFile } from './readEventsFile.js';
export type { ReadEventsFileOptions } from './ReadEventsFileOptions.js';
export { readEventsFiles } from './readEventsFiles.js';
export { writeReport } from './writeReport.js';
export type { WrittenReport } from './writeReport.js';
export { runCli } from './cli.js';
export type { CliIo } from './cli.js';
