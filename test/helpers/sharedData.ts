import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

/** ../shared/data beside the repository (CI checks out shared/ next to it). */
export const DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/data');

/** Absolute path of a file under ../shared/data. */
export function dataPath(...parts: string[]): string {
  return join(DATA_DIR, ...parts);
}

/** True when the given file (or the data folder) exists. */
export function hasData(...parts: string[]): boolean {
  return existsSync(join(DATA_DIR, ...parts));
}

/**
 * `describe` that runs only when ../shared/data/<parts> exists and otherwise says clearly
 * why it did not run (one skipped test whose name gives the reason; the body is not run).
 */
export function describeWithData(name: string, parts: string[], fn: () => void): void {
  if (hasData(...parts)) {
    describe(name, fn);
  } else {
    const why = `needs ${join(DATA_DIR, ...parts)} (absent: see ../shared/data/README.md)`;
    console.warn(`[churnkit tests] skipping "${name}": ${why}`);
    // The suite body is NOT collected (it may read the data at describe level); one skipped
    // placeholder test carries the reason into the report.
    describe(name, () => {
      it.skipIf(true)(`skipped: ${why}`, () => undefined);
    });
  }
}
