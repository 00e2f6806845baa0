/**
 * Rank-based quantile scores with tie sharing, for RFM scoring. @internal
 *
 * @module
 */

/**
 * Stable ascending order of `values` (no NaN; -0 sorts with 0) by an LSD radix sort on the IEEE
 * 754 bits: each double is mapped to an unsigned 64-bit key that orders like the number
 * (negative: all bits flipped; positive: sign bit set), then sorted in four 16-bit passes;
 * a pass whose digit is the same for every key is skipped. O(n + 4 × 65536), no comparator.
 * @internal
 */
export function radixOrder(values: Float64Array): Int32Array {
  const n = values.length;
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) f[i] = values[i]! + 0; // -0 + 0 === +0
  const words = new Uint32Array(f.buffer);
  const little = new Uint32Array(new Float64Array([1]).buffer)[1] === 0x3ff00000;
  const hiAt = little ? 1 : 0;
  const loAt = 1 - hiAt;
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + hiAt]!;
    const l = words[2 * i + loAt]!;
    if (h >>> 31) {
      hi[i] = ~h >>> 0;
      lo[i] = ~l >>> 0;
    } else {
      hi[i] = (h | 0x80000000) >>> 0;
      lo[i] = l;
    }
  }
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Int32Array(n);
  const count = new Int32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const key = pass < 2 ? lo : hi;
    const shift = pass % 2 === 0 ? 0 : 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(key[i]! >>> shift) & 0xffff]!++;
    if (n === 0 || count[(key[0]! >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      next[count[(key[i]! >>> shift) & 0xffff]!++] = i;
    }
    const t = order;
    order = next;
    next = t;
  }
  return order;
}

/** Score range of one score level: how many values got it and their smallest and largest value. @internal */
export interface ScoreRange {
  score: number;
  count: number;
  min: number;
  max: number;
}

/**
 * Scores `values` (no NaN) 1..bins by average ranks and writes score `k` to `out[at[k]]`.
 *
 * With `L` = number of values strictly below `v` and `U` = number at most `v`, a value's
 * 1-based positions in sorted order are `L + 1 … U` and its average rank (midrank, the
 * `method='average'` rank of pandas / `scipy.stats.rankdata`) is `(L + 1 + U) / 2`. The score
 * is `1 + floor(bins × (midrank − ½) / n) = 1 + floor(bins × (L + U) / (2n))`, evaluated on
 * integers (exact while `bins × 2n < 2^52`). Equal values share `L` and `U`, so they share a
 * score; `0 < L + U < 2n` keeps scores in 1..bins. With `descending`, ranks run from the
 * largest value (`L' = n − U`, `U' = n − L`), so small values score high (recency).
 *
 * O(n): one radix sort (radixOrder) and one walk over the tie groups; no per-value allocation.
 *
 * @returns per score 1..bins the count and the value range (NaN min/max for an unused score)
 * @internal
 */
export function rankScores(values: Float64Array, at: Int32Array, bins: number, descending: boolean, out: Uint8Array): ScoreRange[] {
  const n = values.length;
  const order = radixOrder(values);
  const count = new Float64Array(bins + 1);
  const min = new Float64Array(bins + 1).fill(Infinity);
  const max = new Float64Array(bins + 1).fill(-Infinity);
  const twoN = 2 * n;
  // Walk the tie groups of the sorted order: positions below .. atMost − 1 hold equal values.
  let below = 0;
  while (below < n) {
    const v = values[order[below]!]!;
    let atMost = below + 1;
    while (atMost < n && values[order[atMost]!]! === v) atMost++;
    const s = descending ? twoN - below - atMost : below + atMost;
    const score = 1 + Math.floor((bins * s) / twoN);
    for (let p = below; p < atMost; p++) out[at[order[p]!]!] = score;
    count[score]! += atMost - below;
    if (v < min[score]!) min[score] = v;
    if (v > max[score]!) max[score] = v;
    below = atMost;
  }
  const ranges: ScoreRange[] = [];
  for (let s = 1; s <= bins; s++) {
    const c = count[s]!;
    ranges.push({ score: s, count: c, min: c > 0 ? min[s]! : NaN, max: c > 0 ? max[s]! : NaN });
  }
  return ranges;
}
