/**
 * Churn spells of one customer: intervals `(start, end]` of the time line during which the
 * customer is churned, sorted and disjoint. `anchor` is the time the countdown to `start`
 * began (the last event for silence rules), used for "at risk". `end` is Infinity while the
 * spell lasts. Reused across customers: no allocation per customer once grown.
 *
 * @internal
 */
export class Spells {
  start = new Float64Array(16);
  end = new Float64Array(16);
  anchor = new Float64Array(16);
  n = 0;

  clear(): void {
    this.n = 0;
  }

  push(s: number, e: number, a: number): void {
    if (!(e > s)) return; // empty interval
    const n = this.n;
    if (n > 0 && s <= this.end[n - 1]!) {
      // touches or overlaps the previous spell: extend it
      if (e > this.end[n - 1]!) this.end[n - 1] = e;
      return;
    }
    if (n === this.start.length) this.#grow();
    this.start[n] = s;
    this.end[n] = e;
    this.anchor[n] = a;
    this.n = n + 1;
  }

  #grow(): void {
    const cap = this.start.length * 2;
    const s = new Float64Array(cap);
    const e = new Float64Array(cap);
    const a = new Float64Array(cap);
    s.set(this.start);
    e.set(this.end);
    a.set(this.anchor);
    this.start = s;
    this.end = e;
    this.anchor = a;
  }
}

/** out = a ∪ b (both sorted, disjoint). Linear merge. @internal */
export function unionSpells(a: Spells, b: Spells, out: Spells): void {
  out.clear();
  let i = 0;
  let j = 0;
  while (i < a.n || j < b.n) {
    const takeA = j >= b.n || (i < a.n && a.start[i]! <= b.start[j]!);
    if (takeA) {
      out.push(a.start[i]!, a.end[i]!, a.anchor[i]!);
      i++;
    } else {
      out.push(b.start[j]!, b.end[j]!, b.anchor[j]!);
      j++;
    }
  }
}

/** out = a ∩ b (both sorted, disjoint). Linear merge; the anchor comes from the later start. @internal */
export function intersectSpells(a: Spells, b: Spells, out: Spells): void {
  out.clear();
  let i = 0;
  let j = 0;
  while (i < a.n && j < b.n) {
    const as = a.start[i]!;
    const bs = b.start[j]!;
    const s = as >= bs ? as : bs;
    const anchor = as >= bs ? a.anchor[i]! : b.anchor[j]!;
    const ae = a.end[i]!;
    const be = b.end[j]!;
    const e = ae <= be ? ae : be;
    if (e > s) out.push(s, e, anchor);
    if (ae <= be) i++;
    else j++;
  }
}

/** out = a; copy. @internal */
export function copySpells(a: Spells, out: Spells): void {
  out.clear();
  for (let i = 0; i < a.n; i++) out.push(a.start[i]!, a.end[i]!, a.anchor[i]!);
}
