import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The log must not keep the input text alive through the strings it stores: in V8 a `slice`
// of 13+ characters is a view into its parent string. This runs in a child process with
// --expose-gc, parses a ~50 MB CSV whose one data row stores a 30-character id, a type, an
// attribute and a text cell, drops the text, and measures how much heap comes back.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(join(tmpdir(), 'churnkit-retain-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const script = `
import { parseEventsCsv } from ${JSON.stringify(join(root, 'src/data/index.ts'))};
const gc = globalThis.gc;
function heap() { gc(); gc(); return process.memoryUsage().heapUsed; }
const pad = Array.from({ length: 1_000_000 }, (_, i) => 'x'.repeat(49) + (i % 10)).join('');
let text = 'pad,id,t,kind,country,note\\n' + pad + ',customer-0123456789-abcdefghij,2024-01-01,order_placed_online,United Kingdom of GB,a ticket text longer than thirteen\\n';
text.charCodeAt(1); // flatten
const before = heap();
const log = parseEventsCsv(text, { customerId: 'id', time: 't', type: 'kind', text: 'note', attrs: { country: 'country' } });
text = null;
const after = heap();
console.log(JSON.stringify({ freedMB: (before - after) / 1e6, size: log.size, id: log.customerIds[0], text: log.textAt(0), country: log.attrAt('country', 0), type: log.types[0] }));
`;

describe('stored strings do not pin the input text', () => {
  it('dropping a 50 MB CSV text frees it although the log keeps strings read from it', () => {
    const file = join(dir, 'retain.ts');
    writeFileSync(file, script);
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', file], { cwd: root, encoding: 'utf8' });
    const r = JSON.parse(out.trim().split('\n').pop()!) as { freedMB: number; size: number; id: string; text: string; country: string; type: string };
    expect(r.size).toBe(1);
    expect(r.id).toBe('customer-0123456789-abcdefghij');
    expect(r.type).toBe('order_placed_online');
    expect(r.country).toBe('United Kingdom of GB');
    expect(r.text).toBe('a ticket text longer than thirteen');
    // The text is ~50 MB of one-byte characters; with a pinned slice almost nothing is freed.
    expect(r.freedMB).toBeGreaterThan(45);
  }, 20_000);
});
