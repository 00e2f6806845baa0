import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer } from '../../src/data/_csvTokenizer.js';
import { toCsv } from '../../src/report/index.js';
import { caught, errorCode } from '../helpers/errors.js';

/** Parse CSV text back into string cells with churnkit's own RFC 4180 tokenizer. */
function parse(text: string, delimiter = ','): string[][] {
  const out: string[][] = [];
  const tok = new CsvTokenizer(delimiter, {
    record(s, starts, ends, escaped, n) {
      const row: string[] = [];
      for (let k = 0; k < n; k++) {
        const v = s.slice(starts[k]!, ends[k]!);
        row.push(escaped[k] ? v.replace(/""/g, '"') : v);
      }
      out.push(row);
    },
    syntaxError(expected, line, raw) {
      throw new Error(`syntax error line ${line}: ${expected}: ${raw}`);
    },
  });
  tok.feed(text);
  tok.end();
  return out;
}

describe('toCsv: CSV injection (OWASP "CSV Injection": prefix a single quote)', () => {
  const cases: [string, string][] = [
    ['=1+2', "'=1+2"],
    ['+1+2', "'+1+2"],
    ['-1+2', "'-1+2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    // A carriage return also forces RFC 4180 quoting.
    ['\rx', `"'\rx"`],
  ];
  for (const [input, written] of cases) {
    it(`neutralises a text cell starting with ${JSON.stringify(input[0])}`, () => {
      expect(toCsv([{ a: input }], { header: false })).toBe(`${written}\r\n`);
    });
  }

  it('leaves negative and other numbers as numbers, but neutralises numeric-looking text', () => {
    expect(toCsv([{ n: -12.5, s: '-12.5', z: -0, big: 1e21, small: -1e-7 }])).toBe('n,s,z,big,small\r\n-12.5,\'-12.5,0,1e+21,-1e-7\r\n');
  });

  it('neutralises the formula with embedded quotes and commas, then quotes it (RFC 4180)', () => {
    const csv = toCsv([{ note: '=HYPERLINK("http://evil.example","click"),x' }], { header: false });
    expect(csv).toBe(`"'=HYPERLINK(""http://evil.example"",""click""),x"\r\n`);
    expect(parse(csv)).toEqual([["'=HYPERLINK(\"http://evil.example\",\"click\"),x"]]);
  });

  it('neutralises header names and JSON cells too; -Infinity is text and neutralised', () => {
    expect(toCsv([{ '=cmd': 1, '-x': Infinity, y: -Infinity }])).toBe("'=cmd,'-x,y\r\n1,Infinity,'-Infinity\r\n");
  });

  it('escapeFormulas: false writes text as is', () => {
    expect(toCsv([{ a: '=1+2', b: '-3' }], { escapeFormulas: false, header: false })).toBe('=1+2,-3\r\n');
  });

  it('leaves text starting elsewhere (including a formula character later on) alone', () => {
    expect(toCsv([{ a: 'a=b', b: ' =x', c: "'=already" }], { header: false })).toBe("a=b, =x,'=already\r\n");
  });
});

describe('toCsv: RFC 4180 (Shafranovich 2005, §2)', () => {
  it('quotes fields with comma, quote, CR or LF, doubles quotes, ends every record with CRLF', () => {
    const rows = [
      { id: 'plain', text: 'a,b' },
      { id: 'quote', text: 'say "hi"' },
      { id: 'lf', text: 'line1\nline2' },
      { id: 'crlf', text: 'x\r\ny' },
      { id: 'empty', text: '' },
    ];
    const csv = toCsv(rows);
    expect(csv).toBe(
      'id,text\r\nplain,"a,b"\r\nquote,"say ""hi"""\r\nlf,"line1\nline2"\r\ncrlf,"x\r\ny"\r\nempty,\r\n',
    );
    expect(parse(csv)).toEqual([['id', 'text'], ...rows.map((r) => [r.id, r.text])]);
  });

  it('quotes on the chosen delimiter only', () => {
    expect(toCsv([{ a: 'x;y', b: 'x,y', c: 1.5 }], { delimiter: ';' })).toBe('a;b;c\r\n"x;y";x,y;1.5\r\n');
    expect(toCsv([{ a: 'x\ty', b: 'x,y' }], { delimiter: '\t', header: false, escapeFormulas: false })).toBe('"x\ty"\tx,y\r\n');
  });

  it('round-trips random text through the tokenizer (property, 200 runs)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', ',', '"', '\n', '\r', ' ', 'é', '1', ';'), maxLength: 12 });
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 6 }), (pairs) => {
        // Prefix a letter so no cell is neutralised and no record is a blank line (the tokenizer skips those).
        const rows = pairs.map(([a, b]) => ({ a: `k${a}`, b: `k${b}` }));
        const back = parse(toCsv(rows));
        expect(back).toEqual([['a', 'b'], ...rows.map((r) => [r.a, r.b])]);
      }),
      { numRuns: 200, seed: 20240601 },
    );
  });
});

describe('toCsv: values', () => {
  it('writes NaN, null and undefined as empty; dates as ISO; booleans, bigints and JSON', () => {
    const rows = [
      {
        nan: NaN,
        nul: null,
        und: undefined,
        when: new Date(Date.UTC(2024, 5, 1, 12)),
        bad: new Date(NaN),
        ok: true,
        big: 12345678901234567890n,
        tags: ['fading', 'vip'],
      },
    ];
    expect(toCsv(rows)).toBe(
      'nan,nul,und,when,bad,ok,big,tags\r\n,,,2024-06-01T12:00:00.000Z,,true,12345678901234567890,"[""fading"",""vip""]"\r\n',
    );
  });

  it('timeColumns writes epoch ms as ISO and keeps NaN empty', () => {
    const t = Date.UTC(2024, 0, 31);
    expect(toCsv({ columns: { id: ['a', 'b'], last: new Float64Array([t, NaN]) } }, { timeColumns: ['last'] })).toBe(
      'id,last\r\na,2024-01-31T00:00:00.000Z\r\nb,\r\n',
    );
  });

  it('does not format numbers with a locale (no thousands separators, dot decimal)', () => {
    expect(toCsv([{ x: 1234567.25, y: 0.1 + 0.2 }], { header: false })).toBe('1234567.25,0.30000000000000004\r\n');
  });
});

describe('toCsv: tables and columns', () => {
  it('takes columnar Float64Array tables and the same bytes as row objects', () => {
    const ids = ['C00001', 'C00002', 'C00003'];
    const risk = new Float64Array([0.9, 0.25, NaN]);
    const colCsv = toCsv({ columns: { customerId: ids, risk } });
    const rowCsv = toCsv(ids.map((customerId, i) => ({ customerId, risk: risk[i] })));
    expect(colCsv).toBe('customerId,risk\r\nC00001,0.9\r\nC00002,0.25\r\nC00003,\r\n');
    expect(rowCsv).toBe(colCsv);
  });

  it('uses the union of keys in first-seen order; missing keys are empty; columns picks and orders', () => {
    const rows = [{ a: 1 }, { b: 2, a: 3 }, { c: 4 }];
    expect(toCsv(rows)).toBe('a,b,c\r\n1,,\r\n3,2,\r\n,,4\r\n');
    expect(toCsv(rows, { columns: ['c', 'a'] })).toBe('c,a\r\n,1\r\n,3\r\n4,\r\n');
  });

  it('adds the BOM only when asked', () => {
    expect(toCsv([{ a: 'é' }], { bom: true })).toBe('\uFEFFa\r\né\r\n');
    expect(toCsv([{ a: 'é' }]).charCodeAt(0)).toBe(97);
    // The tokenizer drops the BOM, so the file still parses to the same cells.
    expect(parse(toCsv([{ a: 'é' }], { bom: true }))).toEqual([['a'], ['é']]);
  });

  it('empty inputs: no rows and no columns is empty text; named columns give the header alone', () => {
    expect(toCsv([])).toBe('');
    expect(toCsv([], { bom: true })).toBe('\uFEFF');
    expect(toCsv([], { columns: ['id', 'risk'] })).toBe('id,risk\r\n');
    expect(toCsv({ columns: { id: [] } })).toBe('id\r\n');
    expect(toCsv([{}])).toBe('');
  });

  it('one customer, header off', () => {
    expect(toCsv({ columns: { id: ['only'], risk: new Float64Array([0.5]) } }, { header: false })).toBe('only,0.5\r\n');
  });

  it('does not modify its input (frozen rows and columns)', () => {
    const rows = Object.freeze([Object.freeze({ a: '=x', b: -1 })]);
    const col = Object.freeze({ columns: Object.freeze({ a: Object.freeze(['=y']) }) });
    expect(toCsv(rows)).toBe("a,b\r\n'=x,-1\r\n");
    expect(toCsv(col)).toBe("a\r\n'=y\r\n");
    expect(rows[0]).toEqual({ a: '=x', b: -1 });
  });
});

describe('toCsv: errors', () => {
  it('rejects what is not a table', () => {
    expect(errorCode(() => toCsv(42 as never))).toBe('INVALID_INPUT');
    expect(errorCode(() => toCsv({ columns: { a: 5 } } as never))).toBe('INVALID_INPUT');
    const e = caught(() => toCsv([{ a: 1 }, 'x'] as never));
    expect([e.code, e.row]).toEqual(['INVALID_ROW', 1]);
  });

  it('reports mismatched column lengths', () => {
    const e = caught(() => toCsv({ columns: { a: [1, 2], b: new Float64Array(3) } }));
    expect(e.code).toBe('LENGTH_MISMATCH');
    expect(e.message).toMatchInlineSnapshot(`"toCsv: column "b" has 3 values but column "a" has 2."`);
  });

  it('reports unknown columns, also in timeColumns', () => {
    const e = caught(() => toCsv([{ id: 1, risk: 2 }], { columns: ['id', 'rsik'] }));
    expect([e.code, e.field]).toEqual(['UNKNOWN_COLUMN', 'rsik']);
    expect(e.message).toMatchInlineSnapshot(`"toCsv: column "rsik" is not in the table (columns: id, risk)."`);
    expect(errorCode(() => toCsv({ columns: { a: [1] } }, { columns: ['b'] }))).toBe('UNKNOWN_COLUMN');
    expect(errorCode(() => toCsv([{ a: 1 }], { timeColumns: ['t'] }))).toBe('UNKNOWN_COLUMN');
  });

  it('reports cells with no CSV form, with row and field', () => {
    const e = caught(() => toCsv([{ a: 1 }, { a: () => 1 }]));
    expect([e.code, e.row, e.field]).toEqual(['INVALID_INPUT', 1, 'a']);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(errorCode(() => toCsv([{ a: cyclic }]))).toBe('INVALID_INPUT');
  });

  it('rejects bad options', () => {
    expect(errorCode(() => toCsv([], null as never))).toBe('INVALID_OPTION');
    expect(errorCode(() => toCsv([], { delimiter: '|' as never }))).toBe('INVALID_OPTION');
    expect(errorCode(() => toCsv([], { bom: 'yes' as never }))).toBe('INVALID_OPTION');
    expect(errorCode(() => toCsv([], { columns: ['a', 'a'] }))).toBe('INVALID_OPTION');
    expect(errorCode(() => toCsv([], { columns: 'a' as never }))).toBe('INVALID_OPTION');
  });
});

describe('toCsv neutralises NUL- and line-feed-led formulas too (review finding)', () => {
  it('prefixes a quote to text cells starting with NUL or LF', () => {
    const csv = toCsv([{ a: '\u0000=1+2', b: '\n=HYPERLINK("http://x")' }]);
    expect(csv).toBe('a,b\r\n\'\u0000=1+2,"\'\n=HYPERLINK(""http://x"")"\r\n');
  });
});
