/**
 * The line-oriented sibling of the CSV reader: NDJSON (one JSON object per line) in chunks
 * of any size, each object validated by {@link EventLogBuilder.add}. Shared by
 * {@link parseEventsNdjson} and the `churnkit/node` readers.
 *
 * @internal
 */
import type { EventLogBuilder } from './EventLogBuilder.js';

/** Chunked NDJSON reader. @internal */
export class NdjsonEventReader {
  readonly #b: EventLogBuilder;
  readonly #where: string;
  readonly #onReject: (() => void) | undefined;
  #buf = '';
  #line = 1;
  #row = 0;
  #first = true;

  constructor(builder: EventLogBuilder, file?: string, onReject?: () => void) {
    this.#b = builder;
    this.#where = file === undefined ? '' : ` (file ${JSON.stringify(file)})`;
    this.#onReject = onReject;
  }

  feed(chunk: string): void {
    if (this.#first && chunk.length > 0) {
      this.#first = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    const s = this.#buf.length === 0 ? chunk : this.#buf + chunk;
    let pos = 0;
    for (let j = s.indexOf('\n'); j !== -1; j = s.indexOf('\n', pos)) {
      this.#lineOf(s, pos, j);
      pos = j + 1;
    }
    this.#buf = pos === 0 ? s : s.slice(pos);
  }

  end(): void {
    const s = this.#buf;
    this.#buf = '';
    if (s.length > 0) this.#lineOf(s, 0, s.length);
  }

  #lineOf(s: string, a: number, z: number): void {
    const line = this.#line++;
    if (z > a && s.charCodeAt(z - 1) === 13) z--;
    while (a < z && s.charCodeAt(a) <= 32) a++;
    while (z > a && s.charCodeAt(z - 1) <= 32) z--;
    if (a === z) return;
    const text = s.slice(a, z);
    const row = this.#row++;
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch {
      this.#onReject?.();
      this.#b.reject(row, 'JSON_SYNTAX', 'row', `one JSON value per line (line ${line}${this.#where})`, text);
      return;
    }
    if (!this.#b.add(obj, row)) this.#onReject?.();
  }
}
