import { readFileSync } from 'node:fs';
import { createEventLog } from '../../../src/data/createEventLog.js';
import type { EventLog } from '../../../src/data/EventLog.js';
import type { EventInput } from '../../../src/data/types.js';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Same folder as test/helpers/sharedData.ts's DATA_DIR, resolved here without importing vitest so that
// bench/btyd.ts can reuse these loaders.
const DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/data');
function dataPath(...parts: string[]): string {
  return join(DATA_DIR, ...parts);
}

/** CDNOW_sample.txt (whitespace separated: master id, sample id, yyyymmdd, CDs, dollars; no header) as an EventLog keyed by sample id. */
export function loadCdnowSample(): EventLog {
  const text = readFileSync(dataPath('cdnow', 'CDNOW_sample.txt'), 'utf8');
  const events: EventInput[] = [];
  for (const line of text.split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    const d = f[2]!;
    events.push({ customerId: Number(f[1]), time: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, type: 'order', quantity: Number(f[3]), value: Number(f[4]) });
  }
  return createEventLog(events);
}

/** CDNOW_master.txt (header line; customer id, yyyymmdd, CDs, dollars) as an EventLog. */
export function loadCdnowMaster(): EventLog {
  const text = readFileSync(dataPath('cdnow', 'CDNOW_master.txt'), 'utf8');
  const events: EventInput[] = [];
  for (const line of text.split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4 || !/^\d{8}$/.test(f[1]!)) continue;
    const d = f[1]!;
    events.push({ customerId: Number(f[0]), time: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, type: 'order', quantity: Number(f[2]), value: Number(f[3]) });
  }
  return createEventLog(events);
}

/** Parses a small numeric CSV with a header into named Float64Array columns. */
export function readNumericCsv(...parts: string[]): Record<string, Float64Array> {
  const lines = readFileSync(dataPath(...parts), 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const head = lines[0]!.split(',').map((h) => h.trim());
  const cols: Record<string, Float64Array> = {};
  head.forEach((h, j) => {
    cols[h] = Float64Array.from(lines.slice(1), (l) => Number(l.split(',')[j]));
  });
  return cols;
}
