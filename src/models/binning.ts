/**
 * Histogram binning shared by the tree, forest and boosting learners (internal).
 *
 * Each design column gets at most `maxBins` bins. With no more distinct training values than
 * that, the thresholds are the midpoints between consecutive distinct values (so the splits
 * are exactly those an exact CART search could pick); otherwise they are the midpoint
 * quantiles at `k / maxBins`, k = 1..maxBins-1, deduplicated — the rule of scikit-learn's
 * `_BinMapper` (Guolin Ke et al. 2017, "LightGBM", use the same idea). A value v falls into
 * bin b = #{thresholds < v}, so `v <= thresholds[b]` exactly when its bin is <= b: a split
 * "bin <= b" found on codes is the split "x <= thresholds[b]" on raw values.
 */

export interface Binned {
  /** Per design column: bin code per training row. */
  codes: Uint8Array[];
  /** Per design column: ascending thresholds (bins = thresholds.length + 1). */
  thresholds: Float64Array[];
}

function quantileMid(sorted: Float64Array, q: number): number {
  // numpy percentile method="midpoint": average of the two neighbours of position q(n-1)
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo]! + sorted[hi]!) / 2;
}

/**
 * Ascending copy of `values` (no NaN) by an LSD radix sort on the IEEE-754 bit patterns: a
 * float's bits, with the sign bit flipped for positives and all bits flipped for negatives,
 * order as unsigned integers like the numbers do (Herf 2001, "Radix tricks"). Four 16-bit
 * passes; O(n), several times faster than a comparison sort here.
 */
export function sortedCopy(values: Float64Array): Float64Array {
  const n = values.length;
  const out = Float64Array.from(values);
  if (n < 16384) return out.sort(); // below this the 65,536-bucket passes cost more than a comparison sort
  const words = new Uint32Array(out.buffer);
  // little-endian: word 2i is the low half of element i, 2i+1 the high half
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const l = words[2 * i]!;
    const h = words[2 * i + 1]!;
    if (h & 0x80000000) {
      lo[i] = ~l >>> 0;
      hi[i] = ~h >>> 0;
    } else {
      lo[i] = l;
      hi[i] = (h | 0x80000000) >>> 0;
    }
  }
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  const count = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const src = pass < 2 ? lo : hi;
    const shift = pass % 2 === 0 ? 0 : 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(src[i]! >>> shift) & 0xffff]!++;
    let sum = 0;
    for (let b = 0; b < 65536; b++) {
      const c = count[b]!;
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const b = (src[i]! >>> shift) & 0xffff;
      const d = count[b]!;
      count[b] = d + 1;
      lo2[d] = lo[i]!;
      hi2[d] = hi[i]!;
    }
    [lo, lo2] = [lo2, lo];
    [hi, hi2] = [hi2, hi];
  }
  for (let i = 0; i < n; i++) {
    const h = hi[i]!;
    if (h & 0x80000000) {
      words[2 * i] = lo[i]!;
      words[2 * i + 1] = (h & 0x7fffffff) >>> 0;
    } else {
      words[2 * i] = ~lo[i]! >>> 0;
      words[2 * i + 1] = ~h >>> 0;
    }
  }
  return out;
}

/** Thresholds of one column from its training values. */
export function binThresholds(values: Float64Array, maxBins: number): Float64Array {
  const sorted = sortedCopy(values);
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i]!;
    if (i === 0 || v !== sorted[i - 1]) distinct.push(v);
  }
  const out: number[] = [];
  if (distinct.length <= maxBins) {
    for (let i = 1; i < distinct.length; i++) out.push((distinct[i - 1]! + distinct[i]!) / 2);
  } else {
    for (let k = 1; k < maxBins; k++) {
      const t = quantileMid(sorted, k / maxBins);
      if (out.length === 0 || t > out[out.length - 1]!) out.push(t);
    }
    // a threshold equal to the largest value would leave the last bin empty
    while (out.length > 0 && out[out.length - 1]! >= sorted[sorted.length - 1]!) out.pop();
  }
  return Float64Array.from(out);
}

/** Bin code of `v` given ascending thresholds: the number of thresholds strictly below v. */
export function binOf(thresholds: Float64Array, v: number): number {
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (thresholds[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Bins every column (all rows are training rows). */
export function binColumns(columns: readonly Float64Array[], maxBins: number): Binned {
  const codes: Uint8Array[] = [];
  const thresholds: Float64Array[] = [];
  for (const col of columns) {
    const thr = binThresholds(col, maxBins);
    const c = new Uint8Array(col.length);
    const len = thr.length;
    // fixed-step binary search (steps from the largest power of two <= len down to 1, at most
    // 128 over 255 thresholds): the same answer as binOf, with a data-independent loop the
    // compiler can keep branch-light; a 0/1 flag (one threshold) takes one step, not eight
    let top = 1;
    while (top * 2 <= len) top *= 2;
    for (let r = 0; r < col.length; r++) {
      const v = col[r]!;
      let pos = 0;
      for (let step = top; step >= 1; step >>= 1) {
        const q = pos + step;
        pos = q <= len && thr[q - 1]! < v ? q : pos;
      }
      c[r] = pos;
    }
    codes.push(c);
    thresholds.push(thr);
  }
  return { codes, thresholds };
}
