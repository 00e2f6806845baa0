import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEventsCsv, validateColumnMapping, type ColumnMapping, type EventLog } from '../../src/data/index.js';
import { CsvTokenizer } from '../../src/data/_csvTokenizer.js';
import { parseCellNumber } from '../../src/data/_csvNumber.js';
import { isoCellFast } from '../../src/data/_csvTime.js';
import { CellInterner } from '../../src/data/_csvIntern.js';
import { parseIsoTime } from '../../src/internal/time.js';
import { caught } from '../helpers/errors.js';

const BASIC: ColumnMapping = { customerId: 'id', time: 'time', type: 'type', value: 'value' };

/** All events as plain rows in log order, for compact comparisons. */
function rows(log: EventLog): [string, string, string, number | null][] {
  const out: [string, string, string, number | null][] = [];
  for (let c = 0; c < log.customerCount; c++) {
    for (let k = log.start(c); k < log.end(c); k++) {
      const i = log.row(k);
      const v = log.value[i]!;
      out.push([log.customerId(c), new Date(log.time[i]!).toISOString(), log.typeAt(i), Number.isNaN(v) ? null : v]);
    }
  }
  return out;
}


describe('parseEventsCsv: RFC 4180 text', () => {
  it('reads quoted cells with delimiters, doubled quotes and line breaks; CRLF; BOM', () => {
    const text = '\uFEFFid,time,type,value,note\r\n' + 'a,2024-01-02,order,10,"x, ""quoted""\r\nsecond line"\r\n' + 'a,2024-01-01,order,5,plain\r\n';
    const log = parseEventsCsv(text, { ...BASIC, text: 'note' });
    expect(rows(log)).toEqual([
      ['a', '2024-01-01T00:00:00.000Z', 'order', 5],
      ['a', '2024-01-02T00:00:00.000Z', 'order', 10],
    ]);
    // The BOM did not become part of the first header name (else 'id' would be unknown).
    expect(log.textAt(log.row(1))).toBe('x, "quoted"\r\nsecond line');
    expect(log.textAt(log.row(0))).toBe('plain');
  });

  it('accepts LF, skips blank lines, and needs no final line end', () => {
    const text = 'id,time,type,value\n\nb,2024-01-01,login,\n\n\nb,2024-01-03,order,2.5';
    const log = parseEventsCsv(text, BASIC);
    expect(rows(log)).toEqual([
      ['b', '2024-01-01T00:00:00.000Z', 'login', null],
      ['b', '2024-01-03T00:00:00.000Z', 'order', 2.5],
    ]);
    expect(log.rejects.rows).toBe(2);
  });

  it('a lone CR also ends a line (old Mac files)', () => {
    const log = parseEventsCsv('id,time,type,value\r1,2024-01-01,order,1\r1,2024-01-02,order,2\r', BASIC);
    expect(rows(log).map((r) => r[3])).toEqual([1, 2]);
  });

  it("';', tab and '|' delimiters", () => {
    for (const d of [';', '\t', '|'] as const) {
      const text = ['id', 'time', 'type', 'value'].join(d) + '\n' + ['7', '2024-05-01T10:00:00Z', 'order', '3'].join(d) + '\n';
      expect(rows(parseEventsCsv(text, BASIC, { delimiter: d }))).toEqual([['7', '2024-05-01T10:00:00.000Z', 'order', 3]]);
    }
  });

  it("'whitespace' splits on runs of spaces and tabs and ignores leading/trailing blanks", () => {
    const text = ' customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n\t00002\t19970112 \t 2 12.00  \r\n   \r\n';
    const log = parseEventsCsv(
      text,
      { customerId: 'customer_id', time: { column: 'date', format: 'yyyymmdd' }, type: { constant: 'order' }, value: 'dollar_value', quantity: 'number_of_cds' },
      { delimiter: 'whitespace' },
    );
    expect(rows(log)).toEqual([
      ['00001', '1997-01-01T00:00:00.000Z', 'order', 11.77],
      ['00002', '1997-01-12T00:00:00.000Z', 'order', 12],
    ]);
    expect(Array.from(log.quantity)).toEqual([1, 2]);
  });

  it('header: false addresses columns by index; the first row sets the width', () => {
    const text = '1,2024-01-01,order,4\n2,2024-01-02,order\n';
    const log = parseEventsCsv(text, { customerId: 0, time: 1, type: 2, value: 3 }, { header: false, onInvalid: 'collect' });
    expect(log.size).toBe(1);
    expect(log.rejects.issues).toEqual([
      { row: 1, code: 'INVALID_ROW', field: 'row', expected: '4 fields as in the first row (line 2)', received: '3 fields: 2,2024-01-02,order' },
    ]);
  });

  it('empty input gives an empty log; a header alone gives an empty log', () => {
    expect(parseEventsCsv('', BASIC).size).toBe(0);
    const log = parseEventsCsv('id,time,type,value\r\n', BASIC);
    expect(log.size).toBe(0);
    expect(log.customerCount).toBe(0);
    expect(log.rejects.rows).toBe(0);
  });

  it('sorts unsorted input by (customer, time), ties by type name then value, and keeps duplicates', () => {
    const text = 'id,time,type,value\n2,2024-01-02,order,1\n10,2024-01-01,order,2\n2,2024-01-01,order,3\n2,2024-01-01,login,4\n2,2024-01-01,login,4\n';
    const log = parseEventsCsv(text, BASIC);
    expect(rows(log)).toEqual([
      ['2', '2024-01-01T00:00:00.000Z', 'login', 4],
      ['2', '2024-01-01T00:00:00.000Z', 'login', 4],
      ['2', '2024-01-01T00:00:00.000Z', 'order', 3],
      ['2', '2024-01-02T00:00:00.000Z', 'order', 1],
      ['10', '2024-01-01T00:00:00.000Z', 'order', 2],
    ]);
  });
});

describe('parseEventsCsv: review follow-ups (session 5)', () => {
  it('rejects epoch times beyond the Date range (microseconds read as seconds) with INVALID_TIME', () => {
    const text = 'id,time,type\n1,1700000000,order\n1,1700000000000000,order\n';
    const log = parseEventsCsv(text, { customerId: 'id', time: { column: 'time', format: 'epoch_s' }, type: 'type' }, { onInvalid: 'collect' });
    expect(log.size).toBe(1);
    expect(log.time[0]).toBe(1.7e12);
    expect(log.rejects.byCode.INVALID_TIME).toBe(1);
    const ms = parseEventsCsv('id,time,type\n1,9e15,order\n', { customerId: 'id', time: { column: 'time', format: 'epoch_ms' }, type: 'type' }, { onInvalid: 'collect' });
    expect([ms.size, ms.rejects.byCode.INVALID_TIME]).toEqual([0, 1]);
  });

  it('skips lines of only spaces and tabs, before the header and between rows', () => {
    const text = '\t \nid,time,type,value\n1,2024-01-01,order,5\n   \n \t\n1,2024-01-02,order,6\n  ';
    const log = parseEventsCsv(text, BASIC);
    expect(rows(log)).toEqual([
      ['1', '2024-01-01T00:00:00.000Z', 'order', 5],
      ['1', '2024-01-02T00:00:00.000Z', 'order', 6],
    ]);
    expect([log.rejects.rows, log.rejects.rejected]).toEqual([2, 0]);
    // With tab as the delimiter a line of tabs is a row of empty cells, not a blank line.
    const tsv = parseEventsCsv('id\ttime\ttype\n\t\t\n1\t2024-01-01\torder\n', { customerId: 'id', time: 'time', type: 'type' }, { delimiter: '\t', onInvalid: 'collect' });
    expect([tsv.size, tsv.rejects.rejected]).toEqual([1, 1]);
  });
});

describe('the TSDoc examples hold', () => {
  it('parseEventsCsv example: "1,5" is not a number with the default decimal mark', () => {
    const csv = 'id,day,amount\n7,2024-01-05,20.5\n7,2024-02-01,"1,5"\n';
    const log = parseEventsCsv(csv, { customerId: 'id', time: 'day', type: { constant: 'order' }, value: 'amount' }, { onInvalid: 'collect' });
    expect(log.size).toBe(1);
    expect(log.rejects.byCode.INVALID_VALUE).toBe(1);
  });
});

describe('parseEventsCsv: mapping', () => {
  it('type from rules (Online Retail cancellations), constant, or the cell itself', () => {
    const text = 'InvoiceNo,Quantity,UnitPrice,CustomerID,InvoiceDate\n536365,6,2.55,17850.0,2010-12-01 08:26:00\nC536379,-1,27.5,14527.0,2010-12-01 09:41:00\n';
    const mapping: ColumnMapping = {
      customerId: { column: 'CustomerID', normalize: 'integer' },
      time: 'InvoiceDate',
      type: { column: 'InvoiceNo', rules: [{ startsWith: 'C', type: 'refund' }], otherwise: 'order' },
      value: { product: ['Quantity', 'UnitPrice'] },
      quantity: 'Quantity',
    };
    const log = parseEventsCsv(text, mapping);
    // 6 × 2.55 and −1 × 27.5 in IEEE doubles, as JS computes them.
    expect(rows(log)).toEqual([
      ['14527', '2010-12-01T09:41:00.000Z', 'refund', -27.5],
      ['17850', '2010-12-01T08:26:00.000Z', 'order', 6 * 2.55],
    ]);
    expect(log.roleTypeIds('refund')).toEqual([log.typeId('refund')]);
  });

  it('rules: equals, in, endsWith, contains, rule on another column; first match wins; no otherwise keeps the cell', () => {
    const text = 'id,time,kind,channel\n1,2024-01-01,web_visit,app\n1,2024-01-02,pos,store\n1,2024-01-03,mail_open,email\n1,2024-01-04,x_sale_y,web\n1,2024-01-05,other,web\n';
    const mapping: ColumnMapping = {
      customerId: 'id',
      time: 'time',
      type: {
        column: 'kind',
        rules: [
          { column: 'channel', equals: 'app', type: 'app_open' },
          { in: ['pos', 'till'], type: 'pos_sale' },
          { endsWith: '_open', type: 'email_opened' },
          { contains: 'sale', startsWith: 'x', type: 'order' },
          { contains: 'sale', type: 'never' },
        ],
      },
    };
    const log = parseEventsCsv(text, mapping);
    expect(rows(log).map((r) => r[2])).toEqual(['app_open', 'pos_sale', 'email_opened', 'order', 'other']);
  });

  it('time formats: iso with offsets, yyyymmdd, epoch_s, epoch_ms, dmy, mdy', () => {
    const cases: [string, string, string][] = [
      ['iso', '2024-03-01T08:00:00+01:00', '2024-03-01T07:00:00.000Z'],
      ['iso', '2024-03-01', '2024-03-01T00:00:00.000Z'],
      ['iso', '2024-03-01 23:59:59.5', '2024-03-01T23:59:59.500Z'],
      ['yyyymmdd', '19970101', '1997-01-01T00:00:00.000Z'],
      ['epoch_s', '1700000000.25', '2023-11-14T22:13:20.250Z'],
      ['epoch_ms', '1700000000000', '2023-11-14T22:13:20.000Z'],
      ['dmy', '31/12/2011 17:05', '2011-12-31T17:05:00.000Z'],
      ['mdy', '12/31/2011', '2011-12-31T00:00:00.000Z'],
    ];
    for (const [format, cell, iso] of cases) {
      const log = parseEventsCsv(`id,t\n1,"${cell}"\n`, { customerId: 'id', time: { column: 't', format: format as 'iso' }, type: { constant: 'e' } });
      expect(new Date(log.time[0]!).toISOString(), `${format} ${cell}`).toBe(iso);
    }
  });

  it("decimal: ',' reads 12,5 and rejects 12.5; values may be signed and use exponents", () => {
    const text = 'id;t;v\n1;2024-01-01;12,5\n1;2024-01-02;-3\n1;2024-01-03;12.5\n';
    const log = parseEventsCsv(text, { customerId: 'id', time: 't', type: { constant: 'order' }, value: { column: 'v', decimal: ',' } }, { delimiter: ';', onInvalid: 'collect' });
    expect(Array.from(log.value)).toEqual([12.5, -3]);
    expect(log.rejects.byCode).toEqual({ INVALID_VALUE: 1 });
    const e = parseEventsCsv('id,t,v\n1,2024-01-01,1.5e3\n1,2024-01-02,+.25\n', { customerId: 'id', time: 't', type: { constant: 'o' }, value: 'v' });
    expect(Array.from(e.value)).toEqual([1500, 0.25]);
  });

  it('source from a column or a constant; attrs as text or numbers, empty cells absent', () => {
    const text = 'id,t,sys,country,age\n1,2024-01-01,pos,UK,41\n1,2024-01-02,,FR,\n';
    const log = parseEventsCsv(text, {
      customerId: 'id',
      time: 't',
      type: { constant: 'order' },
      source: 'sys',
      attrs: { country: 'country', age: { column: 'age', parse: 'number' } },
    }, { source: 'crm' });
    expect([log.sourceAt(0), log.sourceAt(1)]).toEqual(['pos', 'crm']);
    expect([log.attrAt('country', 0), log.attrAt('country', 1)]).toEqual(['UK', 'FR']);
    expect(log.attrAt('age', 0)).toBe(41);
    expect(log.attr('age')!.codes[1]).toBe(-1);
    const c = parseEventsCsv('id,t\n1,2024-01-01\n', { customerId: 'id', time: 't', type: { constant: 'o' }, source: { constant: 'app' } });
    expect(c.sources).toEqual(['app']);
  });

  it('customerId normalize: integer rewrites 17850.0 and 017850, rejects 17850.5 and 1e3', () => {
    const text = 'c,t\n17850.0,2024-01-01\n017850,2024-01-02\n0,2024-01-03\n17850.5,2024-01-04\n1e3,2024-01-05\n';
    const log = parseEventsCsv(text, { customerId: { column: 'c', normalize: 'integer' }, time: 't', type: { constant: 'o' } }, { onInvalid: 'collect' });
    expect(log.customerIds).toEqual(['0', '17850']);
    expect(log.size).toBe(3);
    expect(log.rejects.issues.map((i) => [i.row, i.code, i.received])).toEqual([
      [3, 'INVALID_CUSTOMER', '17850.5'],
      [4, 'INVALID_CUSTOMER', '1e3'],
    ]);
  });

  it('does not mutate a frozen mapping', () => {
    const m = Object.freeze({ ...BASIC, type: Object.freeze({ column: 'type', rules: Object.freeze([Object.freeze({ equals: 'x', type: 'y' })]) }) });
    const log = parseEventsCsv('id,time,type,value\n1,2024-01-01,x,1\n', m as ColumnMapping);
    expect(log.types).toEqual(['y']);
  });
});

describe('parseEventsCsv: rejects', () => {
  const text = [
    'id,time,type,value,qty,score',
    '1,2024-01-01,order,10,1,5', // ok (row 0)
    ',2024-01-01,order,10,1,5', // MISSING_CUSTOMER (row 1)
    '1,,order,10,1,5', // MISSING_TIME (row 2)
    '1,2024-13-01,order,10,1,5', // INVALID_TIME (row 3)
    '1,2024-01-01,,10,1,5', // MISSING_TYPE (row 4)
    '1,2024-01-01,order,ten,1,5', // INVALID_VALUE (row 5)
    '1,2024-01-01,order,10,one,5', // INVALID_QUANTITY (row 6)
    '1,2024-01-01,order,10,1,high', // INVALID_ATTRS (row 7)
    '1,2024-01-01,order,10,1', // INVALID_ROW (row 8)
    '1,"2024-01-01"x,order,10,1,5', // CSV_SYNTAX (row 9)
    '2,2024-01-02,order,0x10,1,5', // INVALID_VALUE (row 10): hex is not a decimal number
    '2,2024-01-03,order,Infinity,1,5', // INVALID_VALUE (row 11)
    '3,2024-01-01,order,,,', // ok: empty value, quantity and attr are absent (row 12)
  ].join('\n');
  const mapping: ColumnMapping = { customerId: 'id', time: 'time', type: 'type', value: 'value', quantity: 'qty', attrs: { score: { column: 'score', parse: 'number' } } };

  it('collects every code with its 0-based data row, and counts what it keeps', () => {
    const log = parseEventsCsv(text, mapping, { onInvalid: 'collect' });
    expect(log.size).toBe(2);
    expect(log.rejects.rows).toBe(13);
    expect(log.rejects.rejected).toBe(11);
    expect(log.rejects.issues.map((i) => [i.row, i.code, i.field])).toEqual([
      [1, 'MISSING_CUSTOMER', 'customerId'],
      [2, 'MISSING_TIME', 'time'],
      [3, 'INVALID_TIME', 'time'],
      [4, 'MISSING_TYPE', 'type'],
      [5, 'INVALID_VALUE', 'value'],
      [6, 'INVALID_QUANTITY', 'quantity'],
      [7, 'INVALID_ATTRS', 'attrs.score'],
      [8, 'INVALID_ROW', 'row'],
      [9, 'CSV_SYNTAX', 'row'],
      [10, 'INVALID_VALUE', 'value'],
      [11, 'INVALID_VALUE', 'value'],
    ]);
    expect(log.rejects.issues[3]!.received).toBe('');
    expect(log.rejects.issues[2]).toEqual({ row: 3, code: 'INVALID_TIME', field: 'time', expected: 'a time (iso) in column "time" (#1)', received: '2024-13-01' });
    expect(log.rejects.issues[8]!.expected).toBe('a delimiter or a line end after the closing quote (line 11)');
  });

  it("'skip' counts by code but keeps no issues; maxIssues caps the kept ones only", () => {
    const s = parseEventsCsv(text, mapping, { onInvalid: 'skip' });
    expect(s.rejects.issues).toEqual([]);
    expect(s.rejects.byCode).toEqual({
      MISSING_CUSTOMER: 1, MISSING_TIME: 1, INVALID_TIME: 1, MISSING_TYPE: 1, INVALID_VALUE: 3,
      INVALID_QUANTITY: 1, INVALID_ATTRS: 1, INVALID_ROW: 1, CSV_SYNTAX: 1,
    });
    const c = parseEventsCsv(text, mapping, { onInvalid: 'collect', maxIssues: 2 });
    expect(c.rejects.issues).toHaveLength(2);
    expect(c.rejects.rejected).toBe(11);
  });

  it("'throw' (default) stops at the first bad row with its code, row and wording", () => {
    const e = caught(() => parseEventsCsv(text, mapping));
    expect(e.code).toBe('MISSING_CUSTOMER');
    expect(e.row).toBe(1);
    expect(e.message).toMatchInlineSnapshot(`"parseEventsCsv: row 1: field "customerId" must be a customer id in column "id" (#0); received ""."`);
  });

  it('missingCustomer: { keepAs } keeps the rows under a placeholder and counts them', () => {
    const log = parseEventsCsv('id,t\n,2024-01-01\n  ,2024-01-02\n5,2024-01-03\n', { customerId: 'id', time: 't', type: { constant: 'o' } }, { missingCustomer: { keepAs: '(none)' } });
    expect(log.size).toBe(3);
    expect(log.rejects.keptWithoutCustomer).toBe(2);
    expect(log.customerIds).toEqual(['5', '(none)']);
  });

  it('an unterminated quote is one CSV_SYNTAX reject that names the line it opens on', () => {
    const log = parseEventsCsv('id,time,type,value\n1,2024-01-01,order,1\n1,2024-01-02,"order,2\n1,2024-01-03,order,3\n', BASIC, { onInvalid: 'collect' });
    expect(log.size).toBe(1);
    expect(log.rejects.issues.map((i) => [i.row, i.code, i.expected])).toEqual([[1, 'CSV_SYNTAX', 'a closing quote for the quoted cell that opens on line 3']]);
  });

  it('a broken header throws CSV_SYNTAX whatever onInvalid says', () => {
    expect(caught(() => parseEventsCsv('"id"x,time\n', BASIC, { onInvalid: 'skip' })).code).toBe('CSV_SYNTAX');
  });
});

describe('parseEventsCsv: mapping and option validation', () => {
  it('INVALID_MAPPING with the path of the bad entry', () => {
    const bad: [unknown, (string | number)[]][] = [
      [null, ['mapping']],
      [{ customerId: 'id', time: 't' }, ['mapping', 'type']],
      [{ customerId: -1, time: 't', type: 'x' }, ['mapping', 'customerId']],
      [{ customerId: 'id', time: { column: 't', format: 'unix' }, type: 'x' }, ['mapping', 'time', 'format']],
      [{ customerId: 'id', time: 't', type: { column: 'k', rules: [{ type: 'refund' }] } }, ['mapping', 'type', 'rules', 0]],
      [{ customerId: 'id', time: 't', type: { column: 'k', rules: [{ startsWith: 3, type: 'refund' }] } }, ['mapping', 'type', 'rules', 0, 'startsWith']],
      [{ customerId: 'id', time: 't', type: { constant: '' } }, ['mapping', 'type', 'constant']],
      [{ customerId: 'id', time: 't', type: 'x', value: { product: [] } }, ['mapping', 'value', 'product']],
      [{ customerId: 'id', time: 't', type: 'x', value: { column: 'v', decimal: ' ' } }, ['mapping', 'value', 'decimal']],
      [{ customerId: 'id', time: 't', type: 'x', attrs: { a: { column: 'a', parse: 'date' } } }, ['mapping', 'attrs', 'a', 'parse']],
      [{ customerId: 'id', time: 't', type: 'x', amount: 'v' }, ['mapping', 'amount']],
    ];
    for (const [m, path] of bad) {
      const e = caught(() => validateColumnMapping(m));
      expect(e.code, JSON.stringify(m)).toBe('INVALID_MAPPING');
      expect(e.path).toEqual(path);
      // parseEventsCsv validates before reading: same error even on empty text.
      expect(caught(() => parseEventsCsv('', m as ColumnMapping)).path).toEqual(path);
    }
  });

  it('UNKNOWN_COLUMN for a name not in the header, an index past its width, or a name without header', () => {
    const e1 = caught(() => parseEventsCsv('id,time\n1,2024-01-01\n', { customerId: 'id', time: 'time', type: 'kind' }));
    expect([e1.code, e1.path]).toEqual(['UNKNOWN_COLUMN', ['mapping', 'type']]);
    expect(e1.message).toMatchInlineSnapshot(`"parseEventsCsv: mapping.type names column "kind", which is not in the header ("id", "time")."`);
    const e2 = caught(() => parseEventsCsv('id,time\n1,2024-01-01\n', { customerId: 'id', time: 'time', type: { constant: 'o' }, value: { product: ['id', 5] } }));
    expect([e2.code, e2.path]).toEqual(['UNKNOWN_COLUMN', ['mapping', 'value', 'product', 1]]);
    const e3 = caught(() => parseEventsCsv('1,2024-01-01\n', { customerId: 'id', time: 1, type: { constant: 'o' } }, { header: false }));
    expect([e3.code, e3.path]).toEqual(['UNKNOWN_COLUMN', ['mapping', 'customerId']]);
  });

  it('header names match after trimming blanks', () => {
    expect(parseEventsCsv(' id , time \n1,2024-01-01\n', { customerId: 'id', time: 'time', type: { constant: 'o' } }).size).toBe(1);
  });

  it('INVALID_OPTION for an unknown delimiter or header value', () => {
    expect(caught(() => parseEventsCsv('', BASIC, { delimiter: ':' as ',' })).code).toBe('INVALID_OPTION');
    expect(caught(() => parseEventsCsv('', BASIC, { header: 'yes' as unknown as boolean })).code).toBe('INVALID_OPTION');
  });
});

describe('the shared tokenizer', () => {
  /** Reference: the records of a CSV text split by a naive, obviously-correct parser. */
  function reference(text: string): string[][] {
    const out: string[][] = [];
    let rec: string[] = [];
    let cell = '';
    let i = 0;
    let q = false;
    let any = false;
    let quoted = false;
    // A line of only spaces and tabs (no delimiter, no quote) is blank, like an empty one.
    const keep = (): boolean => any && (rec.length > 0 || quoted || /[^ \t]/.test(cell));
    while (i < text.length) {
      const ch = text[i]!;
      if (q) {
        if (ch === '"' && text[i + 1] === '"') { cell += '"'; i += 2; continue; }
        if (ch === '"') { q = false; i++; continue; }
        cell += ch; i++; continue;
      }
      if (ch === '"' && cell === '') { q = true; any = true; quoted = true; i++; continue; }
      if (ch === ',') { rec.push(cell); cell = ''; any = true; i++; continue; }
      if (ch === '\n' || ch === '\r') {
        if (ch === '\r' && text[i + 1] === '\n') i++;
        i++;
        if (keep()) { rec.push(cell); out.push(rec); }
        rec = []; cell = ''; any = false; quoted = false; continue;
      }
      cell += ch; any = true; i++;
    }
    if (keep()) { rec.push(cell); out.push(rec); }
    return out;
  }

  function tokenize(chunks: string[]): string[][] {
    const out: string[][] = [];
    const tok = new CsvTokenizer(',', {
      record(s, st, en, esc, n) {
        const r: string[] = [];
        for (let k = 0; k < n; k++) r.push(esc[k] ? s.slice(st[k]!, en[k]!).replaceAll('""', '"') : s.slice(st[k]!, en[k]!));
        out.push(r);
      },
      syntaxError() {
        throw new Error('unexpected syntax error');
      },
    });
    for (const c of chunks) tok.feed(c);
    tok.end();
    return out;
  }

  const cell = fc.oneof(
    fc.stringMatching(/^[a-z0-9 é中😀]{0,6}$/),
    fc.stringMatching(/^[a-z,"\r\n 😀]{0,6}$/).map((s) => `"${s.replaceAll('"', '""')}"`),
  );
  const csvText = fc
    .array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 0, maxLength: 8 })
    .chain((recs) => fc.constantFrom('\n', '\r\n').map((nl) => recs.map((r) => r.join(',')).filter((l) => l !== '').join(nl) + nl));

  it('gives the same records as a naive reference, whatever the chunk boundaries (property)', () => {
    fc.assert(
      fc.property(csvText, fc.array(fc.nat(), { maxLength: 6 }), (text, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunks: string[] = [];
        let prev = 0;
        for (const p of points) { chunks.push(text.slice(prev, p)); prev = p; }
        chunks.push(text.slice(prev));
        const expected = reference(text);
        expect(tokenize([text])).toEqual(expected);
        expect(tokenize(chunks)).toEqual(expected);
      }),
      { numRuns: 400, seed: 20260124 },
    );
  });
});

describe('CellInterner', () => {
  it('returns one string object per distinct cell; 7, 007 and 7000000 stay distinct', () => {
    const ids = ['7', '007', '0', '4194303', '4194304', '9999999', '12345678', 'x7', '7', '007', '4194304', '0'];
    const text = ids.join(',');
    const it = new CellInterner();
    const seen = new Map<string, string>();
    let a = 0;
    for (const id of ids) {
      const got = it.getId(text, a, a + id.length);
      expect(got).toBe(id);
      if (seen.has(id)) expect(Object.is(seen.get(id), got)).toBe(true);
      seen.set(id, got);
      a += id.length + 1;
    }
    // Hash path with many entries (forces rehashing) keeps every value retrievable.
    const h = new CellInterner();
    const words = Array.from({ length: 5000 }, (_, i) => `w${i * 7919}`);
    const joined = words.join(' ');
    const firsts: string[] = [];
    let p = 0;
    for (const w of words) { firsts.push(h.get(joined, p, p + w.length)); p += w.length + 1; }
    p = 0;
    words.forEach((w, i) => { expect(Object.is(h.get(joined, p, p + w.length), firsts[i])).toBe(true); expect(firsts[i]).toBe(w); p += w.length + 1; });
  });

  it('parseEventsCsv keeps 7 and 007 as two customers', () => {
    const log = parseEventsCsv('id,t\n7,2024-01-01\n007,2024-01-01\n7,2024-01-02\n', { customerId: 'id', time: 't', type: { constant: 'o' } });
    expect(log.customerIds).toEqual(['7', '007']);
    expect([log.end(0) - log.start(0), log.end(1) - log.start(1)]).toEqual([2, 1]);
  });
});

describe('in-place cell parsers agree with the reference parsers', () => {
  it('parseCellNumber equals Number() on decimal strings (property)', () => {
    const num = fc.tuple(fc.constantFrom('', '-', '+'), fc.stringMatching(/^[0-9]{0,12}$/), fc.constantFrom('', '.'), fc.stringMatching(/^[0-9]{0,9}$/));
    fc.assert(
      fc.property(num, ([sign, int, dot, frac]) => {
        const s = sign + int + dot + frac;
        const digits = int + frac;
        const expected = digits === '' ? NaN : Number(s);
        expect(Object.is(parseCellNumber(s, 0, s.length, false), expected)).toBe(true);
        const comma = s.replace('.', ',');
        expect(Object.is(parseCellNumber(comma, 0, comma.length, true), expected)).toBe(true);
      }),
      { numRuns: 2000, seed: 7 },
    );
    expect(parseCellNumber('0.1', 0, 3, false)).toBe(0.1);
    expect(parseCellNumber('123456789012345678', 0, 18, false)).toBe(123456789012345678);
    expect(parseCellNumber('1,5', 0, 3, false)).toBeNaN();
  });

  it('isoCellFast equals parseIsoTime whenever it answers (property)', () => {
    const d2 = fc.integer({ min: 0, max: 39 }).map((n) => String(n).padStart(2, '0'));
    const memo = { day: '', dayMs: 0 };
    const iso = fc.tuple(fc.constantFrom(1900, 2024, 2100), d2, d2, fc.constantFrom('', 'T', ' ', 'x'), d2, d2, fc.constantFrom('', ':07', ':59.5', ':00.123', ':00.1234'), fc.constantFrom('', 'Z', '+01:00'));
    fc.assert(
      fc.property(iso, ([y, mo, d, sep, h, mi, sec, z]) => {
        const s = sep === '' ? `${y}-${mo}-${d}` : `${y}-${mo}-${d}${sep}${h}:${mi}${sec}${z}`;
        const fast = isoCellFast(s, 0, s.length);
        if (!Number.isNaN(fast)) expect(fast).toBe(parseIsoTime(s));
        // With the reader's one-day memo (warm on the same date, then on another date).
        const memoFast = isoCellFast(s, 0, s.length, memo);
        expect(Object.is(memoFast, fast)).toBe(true);
      }),
      { numRuns: 2000, seed: 11 },
    );
    expect(isoCellFast('2024-02-29 10:00:00', 0, 19)).toBe(Date.UTC(2024, 1, 29, 10));
    const m = { day: '', dayMs: 0 };
    expect(isoCellFast('2024-02-29 10:00:00', 0, 19, m)).toBe(Date.UTC(2024, 1, 29, 10));
    expect(m.day).toBe('2024-02-29');
    expect(isoCellFast('2024-02-29 23:59:59.9', 0, 21, m)).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 900));
    expect(isoCellFast('2024-02-29 24:00', 0, 16, m)).toBeNaN();
    expect(isoCellFast('2023-02-29', 0, 10)).toBeNaN();
  });
});
