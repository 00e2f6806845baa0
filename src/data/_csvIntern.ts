import { grown } from '../internal/grown.js';

const DENSE_MAX = 1 << 22;
/** Up to this many distinct strings, lookups compare instead of hashing. */
const SMALL = 8;

/** Length, first and last UTF-16 unit (low bytes) of `s[a, z)` in one int: equal strings, equal keys. */
function smallKey(s: string, a: number, z: number): number {
  const len = z - a;
  return len === 0 ? 0 : (len << 16) | ((s.charCodeAt(a) & 0xff) << 8) | (s.charCodeAt(z - 1) & 0xff);
}

/**
 * Interns cells of the input text: equal cells come back as the same string object, found
 * by hashing the characters in place, so a repeated customer id, event type or source is
 * neither sliced again nor re-hashed by the builder's `Map` (V8 caches a string's hash on the
 * string). Each distinct cell also has a dense index (0, 1, 2, ... in order of first sight), so
 * a reader can keep per-cell data — the builder's dictionary code — in a typed array and
 * resolve it once per distinct cell, not once per row. Open addressing with linear probing over a power-of-two table kept at most half
 * full; FNV-1a over UTF-16 code units (Fowler, Noll, Vo; see IETF draft-eastlake-fnv).
 *
 * @internal
 */
export class CellInterner {
  #slots = new Int32Array(1024).fill(-1);
  #hashes = new Int32Array(1024);
  #strings: string[] = [];
  #mask = 1023;
  /** Strings in the hash table (the dense table's are not). */
  #hashed = 0;
  /** {@link smallKey} of the first {@link SMALL} strings. */
  readonly #keys = new Int32Array(SMALL);
  /** Canonical integer v → its string's index + 1 (0: not seen). */
  #dense = new Int32Array(0);

  /** Number of distinct cells interned so far; indices are `0 .. size - 1`. */
  get size(): number {
    return this.#strings.length;
  }

  /** The string with index `j` (from {@link CellInterner.idIndex} or {@link CellInterner.index}). */
  at(j: number): string {
    return this.#strings[j]!;
  }

  /**
   * As {@link CellInterner.index}, with a direct-indexed table for canonical non-negative
   * integers below 2^22 (most customer ids): one array read instead of hashing.
   */
  idIndex(s: string, a: number, z: number): number {
    const n = z - a;
    if (n > 0 && n <= 7) {
      let v = 0;
      let k = a;
      for (; k < z; k++) {
        const d = s.charCodeAt(k) - 48;
        if (d < 0 || d > 9) break;
        v = v * 10 + d;
      }
      if (k === z && (n === 1 || s.charCodeAt(a) !== 48) && v < DENSE_MAX) {
        let dense = this.#dense;
        if (v >= dense.length) {
          let cap = Math.max(1024, dense.length);
          while (cap <= v) cap *= 2;
          this.#dense = dense = grown(dense, Math.min(cap, DENSE_MAX));
        }
        const hit = dense[v]!;
        if (hit !== 0) return hit - 1;
        const j = this.#strings.length;
        if (j < SMALL) this.#keys[j] = smallKey(s, a, z);
        this.#strings.push(s.slice(a, z));
        dense[v] = j + 1;
        return j;
      }
    }
    return this.index(s, a, z);
  }

  /** As {@link CellInterner.get}, for customer ids (see {@link CellInterner.idIndex}). */
  getId(s: string, a: number, z: number): string {
    return this.#strings[this.idIndex(s, a, z)]!;
  }

  /** The interned string equal to `s[a, z)`. */
  get(s: string, a: number, z: number): string {
    return this.#strings[this.index(s, a, z)]!;
  }

  /** Index of the interned string equal to `s[a, z)`, added when new. */
  index(s: string, a: number, z: number): number {
    const strings = this.#strings;
    const len = z - a;
    if (strings.length <= SMALL) {
      // Few distinct values (event types, sources): comparing beats hashing. A key of length,
      // first and last character rules out most candidates before any string is read.
      const key = smallKey(s, a, z);
      const keys = this.#keys;
      for (let j = 0; j < strings.length; j++) {
        if (keys[j] !== key) continue;
        const t = strings[j]!;
        let k = 0;
        while (k < len && t.charCodeAt(k) === s.charCodeAt(a + k)) k++;
        if (k === len) return j;
      }
    }
    let h = 0x811c9dc5 | 0;
    for (let k = a; k < z; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
    const mask = this.#mask;
    const slots = this.#slots;
    let i = h & mask;
    for (;;) {
      const j = slots[i]!;
      if (j === -1) break;
      if (this.#hashes[i] === h) {
        const t = strings[j]!;
        if (t.length === len) {
          let k = 0;
          while (k < len && t.charCodeAt(k) === s.charCodeAt(a + k)) k++;
          if (k === len) return j;
        }
      }
      i = (i + 1) & mask;
    }
    const j = strings.length;
    slots[i] = j;
    this.#hashes[i] = h;
    if (j < SMALL) this.#keys[j] = smallKey(s, a, z);
    strings.push(detach(s.slice(a, z)));
    if (++this.#hashed * 2 > mask) this.#rehash();
    return j;
  }

  #rehash(): void {
    const size = (this.#mask + 1) * 2;
    const slots = new Int32Array(size).fill(-1);
    const hashes = new Int32Array(size);
    const mask = size - 1;
    for (let i = 0; i <= this.#mask; i++) {
      const j = this.#slots[i]!;
      if (j === -1) continue;
      const h = this.#hashes[i]!;
      let p = h & mask;
      while (slots[p] !== -1) p = (p + 1) & mask;
      slots[p] = j;
      hashes[p] = h;
    }
    this.#slots = slots;
    this.#hashes = hashes;
    this.#mask = mask;
  }
}

/**
 * A copy of `s` that does not keep its parent string alive. In V8, `slice` of 13 or more
 * characters makes a "sliced string" pointing into the parent, so one stored id or text would
 * pin a whole file chunk in memory. Concatenating and slicing again flattens into a fresh
 * string (V8 `String::Flatten`); shorter slices are already copies.
 *
 * @internal
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
