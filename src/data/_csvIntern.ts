/**
 * Interns cells of the input text: equal cells come back as the same string object, found
 * by hashing the characters in place, so a repeated customer id, event type or source is
 * neither sliced again nor re-hashed by the builder's `Map` (V8 caches a string's hash on the
 * string). Open addressing with linear probing over a power-of-two table kept at most half
 * full; FNV-1a over UTF-16 code units (Fowler, Noll, Vo; see IETF draft-eastlake-fnv).
 *
 * @internal
 */
const DENSE_MAX = 1 << 22;

export class CellInterner {
  #slots = new Int32Array(1024).fill(-1);
  #hashes = new Int32Array(1024);
  #strings: string[] = [];
  #mask = 1023;

  #dense: string[] = [];

  /**
   * As {@link CellInterner.get}, with a direct-indexed table for canonical non-negative
   * integers below 2^22 (most customer ids): one array read instead of hashing.
   */
  getId(s: string, a: number, z: number): string {
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
          const next = new Array<string>(Math.min(cap, DENSE_MAX)).fill('');
          for (let i = 0; i < dense.length; i++) next[i] = dense[i]!;
          this.#dense = dense = next;
        }
        const hit = dense[v]!;
        if (hit !== '') return hit;
        return (dense[v] = s.slice(a, z));
      }
    }
    return this.get(s, a, z);
  }

  /** The interned string equal to `s[a, z)`. */
  get(s: string, a: number, z: number): string {
    const strings = this.#strings;
    const len = z - a;
    if (strings.length <= 8) {
      // Few distinct values (event types, sources): comparing beats hashing.
      for (let j = 0; j < strings.length; j++) {
        const t = strings[j]!;
        if (t.length !== len) continue;
        let k = 0;
        while (k < len && t.charCodeAt(k) === s.charCodeAt(a + k)) k++;
        if (k === len) return t;
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
          if (k === len) return t;
        }
      }
      i = (i + 1) & mask;
    }
    const t = detach(s.slice(a, z));
    slots[i] = strings.length;
    this.#hashes[i] = h;
    strings.push(t);
    if (strings.length * 2 > mask) this.#rehash();
    return t;
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
