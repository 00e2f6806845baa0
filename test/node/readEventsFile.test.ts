import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ChurnkitError, parseEventsCsv, parseEventsNdjson, type ColumnMapping, type EventLog } from '../../src/data/index.js';
import { readEventsFile, readEventsFiles } from '../../src/node/index.js';

const dir = mkdtempSync(join(tmpdir(), 'churnkit-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

async function caught(f: () => Promise<unknown>): Promise<ChurnkitError> {
  try {
    await f();
  } catch (e) {
    if (e instanceof ChurnkitError) return e;
    throw e;
  }
  throw new Error('expected a ChurnkitError');
}

/** Everything observable about a log's events, for equality between two ways of loading. */
function dump(log: EventLog): unknown[] {
  return Array.from(log.events(), (e) => ({ ...e }));
}

const MAP: ColumnMapping = { customerId: 'id', time: 'time', type: 'type', value: 'value', text: 'note' };
// Multi-byte characters (2, 3 and 4 UTF-8 bytes), quoted line breaks and CRLF, so that small
// chunk sizes cut through characters, quotes and line ends.
const TEXT =
  '\uFEFFid,time,type,value,note\r\n' +
  'ü1,2024-01-02,order,10,"größer, ""teuer""\r\n第二行 😀"\r\n' +
  '中2,2024-01-01,ticket,,退款太慢\r\n' +
  'ü1,2024-01-01,login,,"a\nb"\r\n' +
  '😀3,2024-02-01,order,7.25,\r\n';

describe('readEventsFile', () => {
  it('streams the same log as parseEventsCsv on the whole text, for every chunk size 1..64 bytes', async () => {
    const p = file('mixed.csv', TEXT);
    const expected = dump(parseEventsCsv(TEXT, MAP));
    expect(expected).toHaveLength(4);
    for (let chunkBytes = 1; chunkBytes <= 64; chunkBytes++) {
      const log = await readEventsFile(p, MAP, { chunkBytes });
      expect(dump(log), `chunkBytes ${chunkBytes}`).toEqual(expected);
    }
  });

  it('keeps equal to the in-memory parse on random CSV files and chunk sizes (property)', async () => {
    const cell = fc.stringMatching(/^[a-zé中😀 ,"\n]{0,5}$/u).map((s) => `"${s.replaceAll('"', '""')}"`);
    const row = fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 1000 }), cell);
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 20 }), fc.integer({ min: 1, max: 40 }), async (rows, chunkBytes) => {
        const text = 'id,time,type,value,note\n' + rows.map(([c, d, n]) => `${c},${new Date(1.7e12 + d * 3.6e6).toISOString()},order,${d / 4},${n}`).join('\n');
        const p = file('prop.csv', text);
        expect(dump(await readEventsFile(p, MAP, { chunkBytes }))).toEqual(dump(parseEventsCsv(text, MAP)));
      }),
      { numRuns: 60, seed: 42 },
    );
  });

  it('streams NDJSON with multi-byte text through every chunk size 1..24 bytes', async () => {
    const text = ['{"customerId":"中","time":"2024-01-02","type":"ticket","text":"退款太慢 😀"}', '', '{"customerId":"ü","time":1700000000000,"type":"order","value":3}'].join('\r\n');
    const p = file('multi.jsonl', text);
    const expected = dump(parseEventsNdjson(text));
    expect(expected).toHaveLength(2);
    for (let chunkBytes = 1; chunkBytes <= 24; chunkBytes++) {
      expect(dump(await readEventsFile(p, null, { chunkBytes })), `chunkBytes ${chunkBytes}`).toEqual(expected);
    }
  });

  it('picks the format from the extension: .tsv tab, .txt whitespace, .ndjson/.jsonl NDJSON', async () => {
    const m: ColumnMapping = { customerId: 0, time: { column: 1, format: 'yyyymmdd' }, type: { constant: 'order' }, value: 2 };
    const tsv = await readEventsFile(file('a.tsv', '1\t19970101\t3.5\n'), m, { header: false });
    const txt = await readEventsFile(file('a.txt', '   1  19970101   3.5\r\n'), m, { header: false });
    expect(Array.from(tsv.value)).toEqual([3.5]);
    expect(Array.from(txt.value)).toEqual([3.5]);
    const line = '{"customerId":"x","time":"2024-01-01","type":"login"}\n';
    for (const ext of ['ndjson', 'jsonl']) {
      const log = await readEventsFile(file(`a.${ext}`, line), null);
      expect(dump(log)).toEqual(dump(parseEventsNdjson(line)));
    }
    // An explicit format and delimiter win over the extension.
    const semi = await readEventsFile(file('a.dat', 'id;time\n1;2024-01-01\n'), { customerId: 'id', time: 'time', type: { constant: 'o' } }, { format: 'csv', delimiter: ';' });
    expect(semi.size).toBe(1);
  });

  it('errors: unknown extension, missing file, mapping given for NDJSON, bad chunkBytes', async () => {
    expect((await caught(() => readEventsFile(file('a.dat', ''), MAP))).code).toBe('INVALID_OPTION');
    const missing = await caught(() => readEventsFile(join(dir, 'nope.csv'), MAP));
    expect(missing.code).toBe('IO_ERROR');
    expect(missing.message).toContain('ENOENT');
    expect((await caught(() => readEventsFile(file('b.ndjson', ''), MAP))).code).toBe('INVALID_MAPPING');
    expect((await caught(() => readEventsFile(file('b.csv', ''), MAP, { chunkBytes: 0 }))).code).toBe('INVALID_OPTION');
  });

  it('tags rejected rows with the file and names it when throwing', async () => {
    const p = file('bad.csv', 'id,time,type,value,note\n1,2024-01-01,order,x,\n');
    const log = await readEventsFile(p, MAP, { onInvalid: 'collect' });
    expect(log.rejects.issues).toEqual([
      { row: 0, code: 'INVALID_VALUE', field: 'value', expected: `a number in column "value" (#3) (file ${JSON.stringify(p)})`, received: 'x', file: p },
    ]);
    const e = await caught(() => readEventsFile(p, MAP));
    expect([e.code, e.row]).toEqual(['INVALID_VALUE', 0]);
    expect(e.message).toContain(JSON.stringify(p));
    const nd = file('bad.ndjson', '{"customerId":1}\n');
    const e2 = await caught(() => readEventsFile(nd, null));
    expect(e2.code).toBe('MISSING_TIME');
    expect(e2.message).toContain(JSON.stringify(nd));
  });
});

describe('readEventsFiles', () => {
  const folder = join(dir, 'days');
  mkdirSync(folder);
  writeFileSync(join(folder, '2024-01-02.csv'), 'time,id,type,value,note\n2024-01-02,1,order,5,\n2024-01-02,,order,6,\n');
  writeFileSync(join(folder, '2024-01-01.csv'), 'id,time,type,value,note\n1,2024-01-01,order,4,\n2,2024-01-01,order,oops,\n');
  writeFileSync(join(folder, 'README.md'), 'not data');

  it('reads a folder in name order, one header per file (columns may move), rejects carry file and row', async () => {
    const log = await readEventsFiles(folder, MAP, { onInvalid: 'collect' });
    expect(log.size).toBe(2);
    expect(Array.from(log.value)).toEqual([4, 5]);
    expect(log.rejects.rows).toBe(4);
    expect(log.rejects.issues.map((i) => [i.file, i.row, i.code])).toEqual([
      [join(folder, '2024-01-01.csv'), 1, 'INVALID_VALUE'],
      [join(folder, '2024-01-02.csv'), 1, 'MISSING_CUSTOMER'],
    ]);
  });

  it('an explicit list equals the folder; keepAs counts across files', async () => {
    const list = [join(folder, '2024-01-01.csv'), join(folder, '2024-01-02.csv')];
    const a = await readEventsFiles(list, MAP, { onInvalid: 'skip', missingCustomer: { keepAs: 'anon' } });
    expect(a.size).toBe(3);
    expect(a.rejects.keptWithoutCustomer).toBe(1);
    expect(a.rejects.byCode).toEqual({ INVALID_VALUE: 1 });
    expect(a.customerIds).toEqual(['1', 'anon']);
  });

  it('errors: missing folder, folder without event files, an unknown column names the file', async () => {
    expect((await caught(() => readEventsFiles(join(dir, 'none'), MAP))).code).toBe('IO_ERROR');
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    expect((await caught(() => readEventsFiles(empty, MAP))).code).toBe('EMPTY_INPUT');
    const e = await caught(() => readEventsFiles(folder, { ...MAP, quantity: 'qty' }));
    expect(e.code).toBe('UNKNOWN_COLUMN');
    expect(e.message).toContain('2024-01-01.csv');
  });

  it('an empty list gives an empty log', async () => {
    expect((await readEventsFiles([], MAP)).size).toBe(0);
  });
});
