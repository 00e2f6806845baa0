/**
 * Turns tokenized CSV records into events: resolves a {@link ColumnMapping} against the
 * header, then for each record reads only the mapped cells (straight from the text, by index)
 * and pushes the event into an {@link EventLogBuilder}. Shared by {@link parseEventsCsv},
 * `readEventsFile` and `readEventsFiles`, so there is one parser.
 *
 * @internal
 */
import { ChurnkitError, invalidOption, show } from '../internal/errors.js';
import type { CsvOptions } from './CsvOptions.js';
import { inDateRange, parseDayMonthYear, parseIsoTime, parseYyyymmdd } from '../internal/time.js';
import type { AttrValue, IngestReport } from './types.js';
import type { ColumnMapping, ColumnRef, TimeFormat } from './ColumnMapping.js';
import type { EventLogBuilder } from './EventLogBuilder.js';
import { parseCellNumber, parseCellNumberInto } from './_csvNumber.js';
import { CsvTokenizer, type CsvSink } from './_csvTokenizer.js';
import { CellInterner, detach } from './_csvIntern.js';
import { isoCellInto, isoMemo, type IsoMemo } from './_csvTime.js';
import { grown } from '../internal/grown.js';

/** Settings of one {@link CsvEventReader}. @internal */
export interface CsvReaderSettings {
  fn: string;
  delimiter: string;
  header: boolean;
  /** Placeholder id for rows without a customer, or null to reject them. */
  keepAs: string | null;
  /** File name for messages and rejects, when reading files. */
  file?: string;
  /** Called once per rejected row in order, so callers can tag issues (with the file). */
  onReject?: () => void;
}

interface RuleC {
  col: number;
  equals: string | undefined;
  inSet: readonly string[] | undefined;
  startsWith: string | undefined;
  endsWith: string | undefined;
  contains: string | undefined;
  type: string;
}

interface AttrC {
  name: string;
  col: number;
  number: boolean;
  comma: boolean;
  intern: CellInterner;
}

const SPACE_MAX = 32;

// Where an event's type comes from.
const TY_CONST = 0;
const TY_RULE = 1;
const TY_OTHERWISE = 2;
const TY_STRING = 3;
const TY_CELL = 4;

/** `codes`, or a copy grown (new slots -1) so that index `j` fits. */
function fit(codes: Int32Array, j: number): Int32Array {
  if (j < codes.length) return codes;
  let cap = Math.max(16, codes.length);
  while (cap <= j) cap *= 2;
  return grown(codes, cap).fill(-1, codes.length);
}

function trimStart(s: string, a: number, b: number): number {
  while (a < b && s.charCodeAt(a) <= SPACE_MAX) a++;
  return a;
}
function trimEnd(s: string, a: number, b: number): number {
  while (b > a && s.charCodeAt(b - 1) <= SPACE_MAX) b--;
  return b;
}

/** True when `s[a, b)` equals `t`, char by char. */
function cellIs(s: string, a: number, b: number, t: string): boolean {
  if (b - a !== t.length) return false;
  for (let k = 0; k < t.length; k++) if (s.charCodeAt(a + k) !== t.charCodeAt(k)) return false;
  return true;
}

/** Reads CSV text (whole or in chunks) into a builder. @internal */
export class CsvEventReader implements CsvSink {
  readonly #b: EventLogBuilder;
  readonly #m: ColumnMapping;
  readonly #set: CsvReaderSettings;
  readonly #tok: CsvTokenizer;
  readonly #where: string;
  #resolved = false;
  #nFields = 0;
  /** Data rows seen (0-based index of the next one). */
  #row = 0;
  #kept = 0;

  // Compiled mapping.
  #cust = 0;
  #custInt = false;
  #time = 0;
  #fmt: TimeFormat = 'iso';
  #typeConst: string | null = null;
  #typeCol = -1;
  #rules: RuleC[] = [];
  #otherwise: string | null = null;
  #valueCols: number[] = [];
  #valueComma = false;
  #qtyCol = -1;
  #qtyComma = false;
  #textCol = -1;
  #srcConst: string | undefined = undefined;
  #srcCol = -1;
  #attrs: AttrC[] = [];
  #attrObj: Record<string, AttrValue> | null = null;
  #header: string[] | null = null;

  // Repeated ids, types and sources come back as one string object; consecutive rows often
  // share a time cell.
  readonly #custIntern = new CellInterner();
  readonly #typeIntern = new CellInterner();
  readonly #srcIntern = new CellInterner();
  readonly #isoMemo: IsoMemo = isoMemo();
  /** Time, value, quantity of the current row, and a scratch slot. */
  readonly #nums = new Float64Array(4);
  // Builder dictionary codes by interned cell index (-1: not resolved yet), resolved when the
  // first valid row carrying the cell is pushed, so the builder does no lookup per row.
  #custCodes: Int32Array = new Int32Array(1024).fill(-1);
  #typeCodes: Int32Array = new Int32Array(16).fill(-1);
  #srcCodes: Int32Array = new Int32Array(16).fill(-1);
  #ruleCodes = new Int32Array(0);
  #typeConstCode = -1;
  #otherwiseCode = -1;
  #srcConstCode = -1;
  #lastTimeText = '';
  #lastTime = NaN;

  constructor(builder: EventLogBuilder, mapping: ColumnMapping, settings: CsvReaderSettings) {
    this.#b = builder;
    this.#m = mapping;
    this.#set = settings;
    this.#where = settings.file === undefined ? '' : ` (file ${JSON.stringify(settings.file)})`;
    this.#tok = new CsvTokenizer(settings.delimiter, this);
  }

  feed(chunk: string): void {
    this.#tok.feed(chunk);
  }

  /** Ends the input and folds the kept-without-customer count into the builder. */
  end(): void {
    this.#tok.end();
    if (this.#kept > 0) {
      const r: IngestReport = { rows: 0, accepted: 0, rejected: 0, byCode: {}, issues: [], keptWithoutCustomer: this.#kept, duplicatesRemoved: 0 };
      this.#b.absorbReport(r);
      this.#kept = 0;
    }
  }

  #reject(row: number, code: Parameters<EventLogBuilder['reject']>[1], field: string, expected: string, received: unknown): void {
    this.#set.onReject?.();
    this.#b.reject(row, code, field, expected, received);
  }

  syntaxError(expected: string, line: number, raw: string): void {
    if (!this.#resolved && this.#set.header) {
      throw new ChurnkitError('CSV_SYNTAX', `${this.#set.fn}${this.#where}: the header on line ${line} is not valid CSV: expected ${expected}.`, {
        row: -1,
        field: 'header',
        expected,
        received: raw,
      });
    }
    this.#reject(this.#row++, 'CSV_SYNTAX', 'row', `${expected}${this.#where}`, raw);
  }

  record(s: string, starts: Int32Array, ends: Int32Array, escaped: Uint8Array, n: number, line: number): void {
    if (!this.#resolved) {
      if (this.#set.header) {
        const names: string[] = [];
        for (let k = 0; k < n; k++) names.push(this.#cell(s, starts, ends, escaped, k, true));
        this.#resolve(names, n);
        return;
      }
      this.#resolve(null, n);
    }
    const row = this.#row;
    if (n !== this.#nFields) {
      const raw = s.slice(starts[0]!, ends[n - 1]!);
      this.#reject(row, 'INVALID_ROW', 'row', `${this.#nFields} fields as in the ${this.#set.header ? 'header' : 'first row'} (line ${line}${this.#where})`, `${n} fields: ${raw}`);
      this.#row++;
      return;
    }
    this.#row++;
    const b = this.#b;

    // Customer.
    let a = trimStart(s, starts[this.#cust]!, ends[this.#cust]!);
    let z = trimEnd(s, a, ends[this.#cust]!);
    let customer = '';
    let custIdx = -1;
    if (a === z) {
      if (this.#set.keepAs === null) {
        this.#rowReject(row, 'MISSING_CUSTOMER', 'customerId', `a customer id in column ${this.#colName(this.#cust)}`, '');
        return;
      }
      customer = this.#set.keepAs;
      this.#kept++;
    } else {
      if (this.#custInt) {
        // \d+(\.0*)? → canonical integer text.
        let k = a;
        while (k < z && s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57) k++;
        let ok = k > a;
        const intEnd = k;
        if (ok && k < z) {
          if (s.charCodeAt(k) !== 46) ok = false;
          for (k++; ok && k < z; k++) if (s.charCodeAt(k) !== 48) ok = false;
        }
        if (!ok) {
          this.#rowReject(row, 'INVALID_CUSTOMER', 'customerId', `an integer customer id (e.g. 17850 or 17850.0) in column ${this.#colName(this.#cust)}`, s.slice(a, z));
          return;
        }
        while (a < intEnd - 1 && s.charCodeAt(a) === 48) a++;
        z = intEnd;
      }
      if (escaped[this.#cust]) customer = s.slice(a, z).replaceAll('""', '"');
      else custIdx = this.#custIntern.idIndex(s, a, z);
    }

    // Time.
    a = trimStart(s, starts[this.#time]!, ends[this.#time]!);
    z = trimEnd(s, a, ends[this.#time]!);
    if (a === z) {
      this.#rowReject(row, 'MISSING_TIME', 'time', `a time (${this.#fmt}) in column ${this.#colName(this.#time)}`, '');
      return;
    }
    // Numbers go to nums (time, value, quantity, scratch), not through locals returned from
    // calls, so that no double is boxed per row.
    const nums = this.#nums;
    if (this.#fmt === 'iso' && isoCellInto(s, a, z, this.#isoMemo, nums)) {
      // fast path: in place, no slice
    } else if (cellIs(s, a, z, this.#lastTimeText)) nums[0] = this.#lastTime;
    else {
      const txt = s.slice(a, z);
      const t = this.#parseTime(s, a, z, txt);
      if (Number.isNaN(t)) {
        this.#rowReject(row, 'INVALID_TIME', 'time', `a time (${this.#fmt}) in column ${this.#colName(this.#time)}`, txt);
        return;
      }
      this.#lastTimeText = txt;
      this.#lastTime = t;
      nums[0] = t;
    }

    // Type.
    let tyKind = TY_CONST;
    let tyIdx = -1;
    let typeStr = '';
    if (this.#typeConst === null) {
      const tc = this.#typeCol;
      a = trimStart(s, starts[tc]!, ends[tc]!);
      z = trimEnd(s, a, ends[tc]!);
      if (a === z) {
        this.#rowReject(row, 'MISSING_TYPE', 'type', `an event type in column ${this.#colName(tc)}`, '');
        return;
      }
      const rules = this.#rules;
      for (let r = 0; r < rules.length; r++) {
        if (this.#ruleMatches(rules[r]!, s, starts, ends, escaped)) {
          tyKind = TY_RULE;
          tyIdx = r;
          break;
        }
      }
      if (tyKind === TY_RULE) {
        // matched a rule
      } else if (this.#otherwise !== null) tyKind = TY_OTHERWISE;
      else if (escaped[tc]) {
        tyKind = TY_STRING;
        typeStr = s.slice(a, z).replaceAll('""', '"');
      } else {
        tyKind = TY_CELL;
        tyIdx = this.#typeIntern.index(s, a, z);
      }
    }

    // Value (a column or a product of columns).
    nums[1] = NaN;
    const vc = this.#valueCols;
    if (vc.length === 1) {
      const col = vc[0]!;
      a = trimStart(s, starts[col]!, ends[col]!);
      z = trimEnd(s, a, ends[col]!);
      if (a !== z && !parseCellNumberInto(s, a, z, this.#valueComma, nums, 1)) {
        this.#rowReject(row, 'INVALID_VALUE', 'value', `a number in column ${this.#colName(col)}`, s.slice(a, z));
        return;
      }
    } else if (vc.length > 1) {
      nums[1] = 1;
      for (let j = 0; j < vc.length; j++) {
        const col = vc[j]!;
        a = trimStart(s, starts[col]!, ends[col]!);
        z = trimEnd(s, a, ends[col]!);
        if (a === z) {
          nums[1] = NaN;
          break;
        }
        if (!parseCellNumberInto(s, a, z, this.#valueComma, nums, 3)) {
          this.#rowReject(row, 'INVALID_VALUE', 'value', `a number in column ${this.#colName(col)}`, s.slice(a, z));
          return;
        }
        nums[1] = nums[1]! * nums[3]!;
      }
    }

    nums[2] = NaN;
    if (this.#qtyCol >= 0) {
      const col = this.#qtyCol;
      a = trimStart(s, starts[col]!, ends[col]!);
      z = trimEnd(s, a, ends[col]!);
      if (a !== z && !parseCellNumberInto(s, a, z, this.#qtyComma, nums, 2)) {
        this.#rowReject(row, 'INVALID_QUANTITY', 'quantity', `a number in column ${this.#colName(col)}`, s.slice(a, z));
        return;
      }
    }

    let text: string | undefined;
    if (this.#textCol >= 0) {
      const col = this.#textCol;
      if (ends[col]! > starts[col]!) text = escaped[col] ? this.#cell(s, starts, ends, escaped, col, false) : detach(s.slice(starts[col]!, ends[col]!));
    }

    let srcIdx = -1; // -1: the constant or default source
    let srcStr: string | null = null;
    if (this.#srcCol >= 0) {
      const col = this.#srcCol;
      a = trimStart(s, starts[col]!, ends[col]!);
      z = trimEnd(s, a, ends[col]!);
      if (a !== z) {
        if (escaped[col]) srcStr = s.slice(a, z).replaceAll('""', '"');
        else srcIdx = this.#srcIntern.index(s, a, z);
      }
    }

    let attrs: Record<string, AttrValue> | null = null;
    const ac = this.#attrs;
    if (ac.length > 0) {
      // Reuse one object when every attribute is present (the builder copies values out).
      let full = true;
      for (let j = 0; j < ac.length; j++) {
        const col = ac[j]!.col;
        if (trimStart(s, starts[col]!, ends[col]!) === ends[col]!) {
          full = false;
          break;
        }
      }
      attrs = full ? (this.#attrObj ??= {}) : {};
      for (let j = 0; j < ac.length; j++) {
        const at = ac[j]!;
        const col = at.col;
        a = trimStart(s, starts[col]!, ends[col]!);
        z = trimEnd(s, a, ends[col]!);
        if (a === z) continue;
        if (at.number) {
          const x = parseCellNumber(s, a, z, at.comma);
          if (Number.isNaN(x)) {
            this.#rowReject(row, 'INVALID_ATTRS', `attrs.${at.name}`, `a number in column ${this.#colName(col)}`, s.slice(a, z));
            return;
          }
          attrs[at.name] = x;
        } else attrs[at.name] = escaped[col] ? s.slice(a, z).replaceAll('""', '"') : at.intern.get(s, a, z);
      }
    }

    // The row is valid: dictionary codes, looked up in the builder once per distinct cell.
    let c: number;
    if (custIdx < 0) c = b.customerCode(customer);
    else {
      const codes = this.#custCodes;
      c = custIdx < codes.length ? codes[custIdx]! : -1;
      if (c < 0) c = (this.#custCodes = fit(codes, custIdx))[custIdx] = b.customerCode(this.#custIntern.at(custIdx));
    }
    let ty: number;
    if (tyKind === TY_CELL) {
      const codes = this.#typeCodes;
      ty = tyIdx < codes.length ? codes[tyIdx]! : -1;
      if (ty < 0) ty = (this.#typeCodes = fit(codes, tyIdx))[tyIdx] = b.typeCode(this.#typeIntern.at(tyIdx), row);
    } else ty = this.#typeCodeOf(tyKind, tyIdx, typeStr, row);
    let src: number;
    if (srcIdx >= 0) {
      const codes = this.#srcCodes;
      src = srcIdx < codes.length ? codes[srcIdx]! : -1;
      if (src < 0) src = (this.#srcCodes = fit(codes, srcIdx))[srcIdx] = b.sourceCode(this.#srcIntern.at(srcIdx), row);
    } else if (srcStr !== null) src = b.sourceCode(srcStr, row);
    else {
      src = this.#srcConstCode;
      if (src < 0) src = this.#srcConstCode = b.sourceCode(this.#srcConst, row);
    }
    b.pushCoded(row, c, ty, src, nums, text, attrs);
  }

  /** Builder code of a type that does not come from an interned cell. */
  #typeCodeOf(kind: number, idx: number, str: string, row: number): number {
    const b = this.#b;
    switch (kind) {
      case TY_CONST:
        if (this.#typeConstCode < 0) this.#typeConstCode = b.typeCode(this.#typeConst!, row);
        return this.#typeConstCode;
      case TY_RULE: {
        if (this.#ruleCodes[idx]! < 0) this.#ruleCodes[idx] = b.typeCode(this.#rules[idx]!.type, row);
        return this.#ruleCodes[idx]!;
      }
      case TY_OTHERWISE:
        if (this.#otherwiseCode < 0) this.#otherwiseCode = b.typeCode(this.#otherwise!, row);
        return this.#otherwiseCode;
      default:
        return b.typeCode(str, row);
    }
  }

  #rowReject(row: number, code: Parameters<EventLogBuilder['reject']>[1], field: string, expected: string, received: unknown): void {
    this.#reject(row, code, field, `${expected}${this.#where}`, received);
  }

  #cell(s: string, starts: Int32Array, ends: Int32Array, escaped: Uint8Array, k: number, trim: boolean): string {
    let a = starts[k]!;
    let z = ends[k]!;
    if (trim) {
      a = trimStart(s, a, z);
      z = trimEnd(s, a, z);
    }
    const v = s.slice(a, z);
    return escaped[k] ? v.replaceAll('""', '"') : v;
  }

  #parseTime(s: string, a: number, z: number, txt: string): number {
    switch (this.#fmt) {
      case 'iso':
        return parseIsoTime(txt);
      case 'yyyymmdd':
        return parseYyyymmdd(txt);
      case 'epoch_ms':
        return inDateRange(parseCellNumber(s, a, z, false));
      case 'epoch_s': {
        // Microseconds read as seconds (a common unit mix-up) land far past the Date range: rejected.
        const x = parseCellNumber(s, a, z, false);
        return Number.isNaN(x) ? NaN : inDateRange(Math.round(x * 1000));
      }
      case 'dmy':
      case 'mdy':
        return parseDayMonthYear(txt, this.#fmt);
    }
  }

  #ruleMatches(r: RuleC, s: string, starts: Int32Array, ends: Int32Array, escaped: Uint8Array): boolean {
    const col = r.col;
    let a = trimStart(s, starts[col]!, ends[col]!);
    let z = trimEnd(s, a, ends[col]!);
    let str = s;
    if (escaped[col]) {
      str = s.slice(a, z).replaceAll('""', '"');
      a = 0;
      z = str.length;
    }
    if (r.startsWith !== undefined && !(z - a >= r.startsWith.length && str.startsWith(r.startsWith, a))) return false;
    if (r.endsWith !== undefined && !(z - a >= r.endsWith.length && str.endsWith(r.endsWith, z))) return false;
    if (r.equals !== undefined && !cellIs(str, a, z, r.equals)) return false;
    if (r.inSet !== undefined) {
      let any = false;
      for (const x of r.inSet) {
        if (cellIs(str, a, z, x)) {
          any = true;
          break;
        }
      }
      if (!any) return false;
    }
    if (r.contains !== undefined) {
      const k = str.indexOf(r.contains, a);
      if (k === -1 || k + r.contains.length > z) return false;
    }
    return true;
  }

  #colName(k: number): string {
    const h = this.#header;
    return h !== null && h[k] !== undefined ? `${JSON.stringify(h[k])} (#${k})` : `#${k}`;
  }

  /** Resolves column references against the header (or the first row's width). */
  #resolve(names: string[] | null, n: number): void {
    const fn = this.#set.fn;
    const where = this.#where;
    this.#header = names;
    this.#nFields = n;
    const ref = (r: ColumnRef, path: (string | number)[]): number => {
      if (typeof r === 'number') {
        if (r < n) return r;
        throw new ChurnkitError('UNKNOWN_COLUMN', `${fn}${where}: mapping.${path.join('.')} is column #${r} but the ${names ? 'header' : 'first row'} has ${n} columns.`, {
          path: ['mapping', ...path],
          field: path.join('.'),
          expected: `a column index below ${n}`,
          received: r,
        });
      }
      if (names === null) {
        throw new ChurnkitError('UNKNOWN_COLUMN', `${fn}${where}: mapping.${path.join('.')} names column ${show(r)} but the input has no header (header: false); use a 0-based index.`, {
          path: ['mapping', ...path],
          field: path.join('.'),
          expected: 'a 0-based column index',
          received: r,
        });
      }
      let k = names.indexOf(r);
      if (k === -1) k = names.findIndex((h) => h.trim() === r.trim());
      if (k === -1) {
        throw new ChurnkitError('UNKNOWN_COLUMN', `${fn}${where}: mapping.${path.join('.')} names column ${show(r)}, which is not in the header (${names.map((h) => JSON.stringify(h)).join(', ')}).`, {
          path: ['mapping', ...path],
          field: path.join('.'),
          expected: `one of ${names.map((h) => JSON.stringify(h)).join(', ')}`,
          received: r,
        });
      }
      return k;
    };
    const m = this.#m;
    if (typeof m.customerId === 'object') {
      this.#cust = ref(m.customerId.column, ['customerId', 'column']);
      this.#custInt = m.customerId.normalize === 'integer';
    } else this.#cust = ref(m.customerId, ['customerId']);
    if (typeof m.time === 'object') {
      this.#time = ref(m.time.column, ['time', 'column']);
      this.#fmt = m.time.format ?? 'iso';
    } else this.#time = ref(m.time, ['time']);
    const t = m.type;
    if (typeof t === 'object') {
      if ('constant' in t) this.#typeConst = t.constant;
      else {
        this.#typeCol = ref(t.column, ['type', 'column']);
        this.#otherwise = t.otherwise ?? null;
        this.#rules = (t.rules ?? []).map((r, i) => ({
          col: r.column === undefined ? this.#typeCol : ref(r.column, ['type', 'rules', i, 'column']),
          equals: r.equals,
          inSet: r.in,
          startsWith: r.startsWith,
          endsWith: r.endsWith,
          contains: r.contains,
          type: r.type,
        }));
        this.#ruleCodes = new Int32Array(this.#rules.length).fill(-1);
      }
    } else this.#typeCol = ref(t, ['type']);
    const v = m.value;
    if (v !== undefined) {
      if (typeof v === 'object' && 'product' in v) {
        this.#valueCols = v.product.map((c, i) => ref(c, ['value', 'product', i]));
        this.#valueComma = v.decimal === ',';
      } else if (typeof v === 'object') {
        this.#valueCols = [ref(v.column, ['value', 'column'])];
        this.#valueComma = v.decimal === ',';
      } else this.#valueCols = [ref(v, ['value'])];
    }
    const q = m.quantity;
    if (q !== undefined) {
      if (typeof q === 'object') {
        this.#qtyCol = ref(q.column, ['quantity', 'column']);
        this.#qtyComma = q.decimal === ',';
      } else this.#qtyCol = ref(q, ['quantity']);
    }
    if (m.text !== undefined) this.#textCol = ref(m.text, ['text']);
    if (m.source !== undefined) {
      if (typeof m.source === 'object') this.#srcConst = m.source.constant;
      else this.#srcCol = ref(m.source, ['source']);
    }
    if (m.attrs !== undefined) {
      this.#attrs = Object.entries(m.attrs).map(([name, a]) =>
        typeof a === 'object'
          ? { name, col: ref(a.column, ['attrs', name, 'column']), number: a.parse === 'number', comma: a.decimal === ',', intern: new CellInterner() }
          : { name, col: ref(a, ['attrs', name]), number: false, comma: false, intern: new CellInterner() },
      );
    }
    this.#resolved = true;
  }
}

/** Validated CSV settings shared with the node readers. @internal */
export function csvSettings(fn: string, options: CsvOptions): { delimiter: string; header: boolean; keepAs: string | null } {
  const delimiter = options.delimiter ?? ',';
  if (delimiter !== ',' && delimiter !== ';' && delimiter !== '\t' && delimiter !== '|' && delimiter !== 'whitespace') {
    invalidOption(fn, 'delimiter', "',', ';', '\\t', '|' or 'whitespace'", delimiter);
  }
  const header = options.header ?? true;
  if (typeof header !== 'boolean') invalidOption(fn, 'header', 'true or false', header);
  const mc = options.missingCustomer ?? 'reject';
  const keepAs = typeof mc === 'object' && mc !== null && typeof mc.keepAs === 'string' ? mc.keepAs : null;
  return { delimiter, header, keepAs };
}

