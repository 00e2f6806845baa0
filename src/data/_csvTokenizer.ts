/**
 * The one delimited-text tokenizer behind {@link parseEventsCsv} and the `churnkit/node`
 * readers. It takes text in chunks of any size (a whole string, or pieces of a file stream)
 * and hands each complete record to a sink as field boundaries into the text: no per-field or
 * per-record object is made, the sink slices only the cells it needs.
 *
 * Grammar: RFC 4180 (Y. Shafranovich, "Common Format and MIME Type for CSV Files", 2005)
 * with the usual relaxations: LF or CRLF (or a lone CR) ends a record; a leading U+FEFF is
 * dropped; blank lines are skipped; a quote inside an unquoted cell is kept as a character.
 * A quoted cell may hold delimiters, line breaks and doubled quotes (`""` → `"`). A closing
 * quote followed by anything but a delimiter or a line end, or a quote never closed, is a
 * syntax error reported for that record. In `'whitespace'` mode runs of spaces and tabs
 * separate cells, leading and trailing blanks are ignored and quotes are ordinary characters
 * (CDNOW_master.txt).
 *
 * @internal
 */
import { grown } from '../internal/grown.js';

const LF = 10;
const CR = 13;
const QUOTE = 34;
const SP = 32;
const TAB = 9;

/** Receives records from {@link CsvTokenizer}. @internal */
export interface CsvSink {
  /**
   * One record: cell k is `s.slice(starts[k], ends[k])`, with `""` to undo when `escaped[k]`.
   * `line` is the 1-based line where the record starts.
   */
  record(s: string, starts: Int32Array, ends: Int32Array, escaped: Uint8Array, n: number, line: number): void;
  /** A record that breaks the grammar; `raw` is its text. */
  syntaxError(expected: string, line: number, raw: string): void;
}

/** Chunked RFC 4180 tokenizer. @internal */
export class CsvTokenizer {
  readonly #delim: number;
  readonly #ws: boolean;
  readonly #sink: CsvSink;
  #starts = new Int32Array(64);
  #ends = new Int32Array(64);
  #esc = new Uint8Array(64);
  #buf = '';
  #line = 1;
  #first = true;
  #done = false;

  /**
   * @param delimiter - one character, or `'whitespace'`
   * @param sink - receives the records
   */
  constructor(delimiter: string, sink: CsvSink) {
    this.#ws = delimiter === 'whitespace';
    this.#delim = this.#ws ? -1 : delimiter.charCodeAt(0);
    this.#sink = sink;
  }

  /** Tokenizes the complete records in `chunk` (plus what was left over from before). */
  feed(chunk: string): void {
    if (this.#done) throw new Error('CsvTokenizer: feed after end');
    if (this.#first && chunk.length > 0) {
      this.#first = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    const s = this.#buf.length === 0 ? chunk : this.#buf + chunk;
    const p = this.#scan(s, false);
    this.#buf = p === 0 ? s : s.slice(p);
  }

  /** Tokenizes what is left; the input has ended. */
  end(): void {
    if (this.#done) return;
    this.#done = true;
    const s = this.#buf;
    this.#buf = '';
    if (this.#first && s.length > 0 && s.charCodeAt(0) === 0xfeff) this.#scan(s.slice(1), true);
    else this.#scan(s, true);
  }

  #grow(): void {
    const cap = this.#starts.length * 2;
    this.#starts = grown(this.#starts, cap);
    this.#ends = grown(this.#ends, cap);
    this.#esc = grown(this.#esc, cap);
  }

  /** Consumes complete records of `s`; returns where the first incomplete one starts. */
  #scan(s: string, final: boolean): number {
    // Text without quotes and carriage returns (most exports) has a simpler grammar: lines end
    // at LF and cells at the delimiter, found by the engine's native search.
    if (!this.#ws && s.indexOf('"') === -1 && s.indexOf('\r') === -1) return this.#scanPlain(s, final);
    const len = s.length;
    const d = this.#delim;
    const ws = this.#ws;
    const sink = this.#sink;
    let line = this.#line;
    let pos = 0;
    while (pos < len) {
      let i = pos;
      let c = 0;
      if (ws) {
        while (i < len && ((c = s.charCodeAt(i)) === SP || c === TAB)) i++;
        if (i === len) {
          if (final) pos = len;
          break;
        }
      }
      else {
        // A line of only spaces and tabs (that are not the delimiter) is blank too.
        let j = i;
        while (j < len && ((c = s.charCodeAt(j)) === SP || c === TAB) && c !== d) j++;
        if (j === len && j > i) {
          if (final) pos = len;
          break;
        }
        if (c === LF || c === CR) i = j;
      }
      c = s.charCodeAt(i);
      // Blank line.
      if (c === LF) {
        pos = i + 1;
        line++;
        continue;
      }
      if (c === CR) {
        if (i + 1 < len) {
          pos = i + (s.charCodeAt(i + 1) === LF ? 2 : 1);
          line++;
          continue;
        }
        if (final) pos = len;
        break;
      }
      let n = 0;
      let bad: string | null = null;
      let inner = 0; // line breaks inside quoted cells
      let starts = this.#starts;
      let ends = this.#ends;
      let esc = this.#esc;
      let incomplete = false;
      for (;;) {
        if (n === starts.length) {
          this.#grow();
          starts = this.#starts;
          ends = this.#ends;
          esc = this.#esc;
        }
        if (c === QUOTE && !ws) {
          let j = i + 1;
          let e = 0;
          for (;;) {
            j = s.indexOf('"', j);
            if (j === -1 || j + 1 >= len || s.charCodeAt(j + 1) !== QUOTE) break;
            e = 1;
            j += 2;
          }
          if (j === -1 || (j + 1 === len && !final)) {
            if (!final) {
              incomplete = true;
              break;
            }
            // A quote never closed: the rest of the input is this one bad record.
            sink.syntaxError(`a closing quote for the quoted cell that opens on line ${line + countLf(s, pos, i)}`, line, s.slice(pos, Math.min(len, pos + 200)));
            line += countLf(s, pos, len);
            pos = len;
            n = -1;
            break;
          }
          inner += countLf(s, i + 1, j);
          starts[n] = i + 1;
          ends[n] = j;
          esc[n] = e;
          n++;
          i = j + 1;
          c = i < len ? s.charCodeAt(i) : -1;
          if (c !== d && c !== LF && c !== CR && c !== -1) {
            bad ??= `a delimiter or a line end after the closing quote (line ${line + inner})`;
            while (i < len && (c = s.charCodeAt(i)) !== LF && c !== CR) i++;
            if (i === len) {
              if (!final) {
                incomplete = true;
                break;
              }
              c = -1;
            }
          }
        } else {
          const st = i;
          if (ws) {
            while (i < len && (c = s.charCodeAt(i)) !== SP && c !== TAB && c !== LF && c !== CR) i++;
          } else {
            while (i < len && (c = s.charCodeAt(i)) !== d && c !== LF && c !== CR) i++;
          }
          if (i === len) {
            if (!final) {
              incomplete = true;
              break;
            }
            c = -1;
          }
          starts[n] = st;
          ends[n] = i;
          esc[n] = 0;
          n++;
        }
        // Here c is the character at i: a delimiter, a line end, or -1 at the end of input.
        if (ws) {
          while (i < len && ((c = s.charCodeAt(i)) === SP || c === TAB)) i++;
          if (i === len) {
            if (!final) {
              incomplete = true;
              break;
            }
            c = -1;
          }
          if (c !== LF && c !== CR && c !== -1) continue;
        } else if (c === d) {
          i++;
          if (i === len && !final) {
            incomplete = true;
            break;
          }
          c = i < len ? s.charCodeAt(i) : -1;
          continue;
        }
        break;
      }
      if (incomplete) break;
      if (n < 0) break; // unterminated quote consumed the input
      if (c === CR) {
        if (i + 1 < len) i += s.charCodeAt(i + 1) === LF ? 2 : 1;
        else if (!final) break;
        else i++;
      } else if (c === LF) i++;
      if (bad !== null) sink.syntaxError(bad, line, s.slice(pos, Math.min(i, pos + 200)));
      else sink.record(s, starts, ends, esc, n, line);
      line += 1 + inner;
      pos = i;
    }
    this.#line = line;
    return pos;
  }

  /**
   * {@link CsvTokenizer} for text holding no `"` and no CR: the same records as the general
   * scan (under that condition the RFC 4180 grammar reduces to LF-separated lines of
   * delimiter-separated cells, an empty line being a blank line), with line and cell ends
   * found by `indexOf` (a vectorised search in V8) instead of a loop over every character.
   */
  #scanPlain(s: string, final: boolean): number {
    const len = s.length;
    const delim = String.fromCharCode(this.#delim);
    const sink = this.#sink;
    let starts = this.#starts;
    let ends = this.#ends;
    let line = this.#line;
    let pos = 0;
    this.#esc.fill(0); // no cell here is quoted (an earlier chunk may have left flags)
    let comma = s.indexOf(delim);
    if (comma === -1) comma = len;
    while (pos < len) {
      let nl = s.indexOf('\n', pos);
      if (nl === -1) {
        if (!final) break;
        nl = len;
      }
      if (nl === pos) {
        pos++;
        line++;
        continue;
      }
      // A line of only spaces and tabs (that are not the delimiter) is blank too.
      let c = s.charCodeAt(pos);
      if ((c === SP || c === TAB) && c !== this.#delim) {
        let j = pos;
        while (j < nl && ((c = s.charCodeAt(j)) === SP || c === TAB) && c !== this.#delim) j++;
        if (j === nl) {
          pos = nl + 1;
          line++;
          continue;
        }
      }
      let n = 0;
      let i = pos;
      for (;;) {
        if (n === starts.length) {
          this.#grow();
          starts = this.#starts;
          ends = this.#ends;
        }
        // `comma` is the first delimiter at or after i (or len): kept from the last search.
        if (comma < i) {
          comma = s.indexOf(delim, i);
          if (comma === -1) comma = len;
        }
        starts[n] = i;
        if (comma < nl) {
          ends[n++] = comma;
          i = comma + 1;
        } else {
          ends[n++] = nl;
          break;
        }
      }
      sink.record(s, starts, ends, this.#esc, n, line);
      line++;
      pos = nl + 1;
    }
    this.#line = line;
    return Math.min(pos, len);
  }
}

function countLf(s: string, from: number, to: number): number {
  let k = 0;
  for (let j = s.indexOf('\n', from); j !== -1 && j < to; j = s.indexOf('\n', j + 1)) k++;
  return k;
}
