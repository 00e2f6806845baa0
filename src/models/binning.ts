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
 * Ascending copy of `values` (no NaN): a comparison sort below RADIX_MIN values, else the
 * radix sort on the IEEE-754 bit patterns of radixSortWithOrder (O(n) unless many values agree
 * to 2^-20, several times faster than a comparison sort at that size).
 */
export function sortedCopy(values: Float64Array): Float64Array {
  return values.length < RADIX_MIN ? Float64Array.from(values).sort() : radixSortWithOrder(values).sorted;
}

/** Thresholds of one column from its training values. */
export function binThresholds(values: Float64Array, maxBins: number): Float64Array {
  const sorted = sortedCopy(values);
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i]!;
    if (i === 0 || v !== sorted[i - 1]) distinct.push(v);
  }
  if (distinct.length > maxBins) return quantileThresholds(sorted, maxBins);
  const out = new Float64Array(Math.max(0, distinct.length - 1));
  for (let i = 1; i < distinct.length; i++) out[i - 1] = (distinct[i - 1]! + distinct[i]!) / 2;
  return out;
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

/** The largest power of two <= len (1 below 2): the first step of {@link rankBelow}'s search over len entries. */
export function firstStep(len: number): number {
  let top = 1;
  while (top * 2 <= len) top *= 2;
  return top;
}

/**
 * binOf's answer (the number of entries of ascending `a` strictly below v) by a fixed-step
 * binary search: steps top = firstStep(a.length), top/2, …, 1, a data-independent loop with no
 * branch on the data. For binning many rows and for ranking rows against compiled trees' cuts.
 */
export function rankBelow(a: Float64Array, v: number, top: number): number {
  const len = a.length;
  let pos = 0;
  for (let step = top; step >= 1; step >>= 1) {
    const q = pos + step;
    pos = q <= len && a[q - 1]! < v ? q : pos;
  }
  return pos;
}

/** Bins every column (all rows are training rows). */
export function binColumns(columns: readonly Float64Array[], maxBins: number): Binned {
  const codes: Uint8Array[] = [];
  const thresholds: Float64Array[] = [];
  const work = new BinWork(maxBins);
  for (const col of columns) {
    const c = new Uint8Array(col.length);
    // the same thresholds and codes as binThresholds + binOf, by the cheapest route: a column
    // with at most maxBins distinct values (flags, counts) is binned through a small hash table
    // of its distinct values; a continuous one through one sort that also yields the row order
    const thr = work.fewDistinct(col, c) ?? (col.length >= RADIX_MIN ? binSorted(col, maxBins, c, work.radix) : binSearched(col, maxBins, c));
    codes.push(c);
    thresholds.push(thr);
  }
  return { codes, thresholds };
}

/** Below this many rows a comparison sort beats the radix passes (65,536 buckets each). */
const RADIX_MIN = 16384;

/**
 * Scratch for the few-distinct route: an open-addressing hash table (linear probing) of up to
 * maxBins distinct values, keyed by the value's IEEE-754 bits (−0 folded into +0, as `===`
 * treats them), and each row's slot.
 */
class BinWork {
  readonly maxBins: number;
  readonly mask: number;
  readonly shift: number;
  readonly keys: Float64Array;
  /** Slot → 1 + index into `values` (0: empty). */
  readonly slot: Int32Array;
  readonly values: Float64Array;
  readonly bits = new Float64Array(1);
  readonly words = new Uint32Array(this.bits.buffer);
  rowSlot = new Uint16Array(0);
  /** Buffers of the radix sort, shared by the columns of one binColumns call. */
  readonly radix = new RadixWork();

  constructor(maxBins: number) {
    this.maxBins = maxBins;
    let size = 16;
    while (size < 4 * (maxBins + 1)) size *= 2;
    this.mask = size - 1;
    this.shift = 32 - Math.log2(size);
    this.keys = new Float64Array(size);
    this.slot = new Int32Array(size);
    this.values = new Float64Array(maxBins + 1);
  }

  /**
   * Bins a column with at most maxBins distinct values into `out` and returns its thresholds
   * (midpoints of consecutive distinct values, as binThresholds); null, after at most
   * maxBins + 1 distinct values were seen, when the column has more.
   */
  fewDistinct(col: Float64Array, out: Uint8Array): Float64Array | null {
    const n = col.length;
    if (this.rowSlot.length < n) this.rowSlot = new Uint16Array(n);
    const { keys, slot, values, bits, words, mask, shift, rowSlot, maxBins } = this;
    slot.fill(0);
    let count = 0;
    for (let r = 0; r < n; r++) {
      const v = col[r]! + 0; // −0 + 0 = +0
      bits[0] = v;
      // multiplicative hashing of the two words (Knuth, TAOCP vol. 3, §6.4)
      let h = Math.imul(words[0]! ^ Math.imul(words[1]!, 0x85ebca6b), 0x9e3779b1) >>> shift;
      for (;;) {
        const s = slot[h]!;
        if (s === 0) {
          if (count === maxBins) return null;
          keys[h] = v;
          values[count] = v;
          slot[h] = ++count;
          rowSlot[r] = count - 1;
          break;
        }
        if (keys[h] === v) {
          rowSlot[r] = s - 1;
          break;
        }
        h = (h + 1) & mask;
      }
    }
    if (count === 0) return new Float64Array(0);
    // distinct values ascending; each one's code from the thresholds themselves (a midpoint can
    // round onto a neighbouring value, so the code is computed, not assumed to be its rank)
    const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
    const thr = new Float64Array(count - 1);
    for (let i = 1; i < count; i++) thr[i - 1] = (values[order[i - 1]!]! + values[order[i]!]!) / 2;
    const codeOf = new Uint8Array(count);
    for (let i = 0; i < count; i++) codeOf[order[i]!] = binOf(thr, values[order[i]!]!);
    for (let r = 0; r < n; r++) out[r] = codeOf[rowSlot[r]!]!;
    return thr;
  }
}

/** Many distinct values, few rows: binThresholds and a branch-light binary search (rankBelow) per row. */
function binSearched(col: Float64Array, maxBins: number, out: Uint8Array): Float64Array {
  const thr = binThresholds(col, maxBins);
  const top = firstStep(thr.length);
  for (let r = 0; r < col.length; r++) out[r] = rankBelow(thr, col[r]!, top);
  return thr;
}

/**
 * More than maxBins distinct values and many rows: one radix sort of the values that carries
 * each row's index (as sortedCopy, plus the permutation), the quantile thresholds of
 * binThresholds from the sorted values, then the codes in one walk in sorted order (the code
 * only grows along it), with no search per row.
 */
function binSorted(col: Float64Array, maxBins: number, out: Uint8Array, work: RadixWork): Float64Array {
  const n = col.length;
  const { sorted, order } = radixSortWithOrder(col, work);
  const thr = quantileThresholds(sorted, maxBins);
  const len = thr.length;
  let t = 0;
  for (let i = 0; i < n; i++) {
    const v = sorted[i]!;
    while (t < len && thr[t]! < v) t++;
    out[order[i]!] = t;
  }
  return thr;
}

/** Quantile thresholds of sorted values with more than maxBins distinct ones (binThresholds' second branch). */
function quantileThresholds(sorted: Float64Array, maxBins: number): Float64Array {
  const out: number[] = [];
  for (let k = 1; k < maxBins; k++) {
    const t = quantileMid(sorted, k / maxBins);
    if (out.length === 0 || t > out[out.length - 1]!) out.push(t);
  }
  // a threshold equal to the largest value would leave the last bin empty
  while (out.length > 0 && out[out.length - 1]! >= sorted[sorted.length - 1]!) out.pop();
  return Float64Array.from(out);
}

/**
 * Sort of `values` (no NaN) that also returns the permutation: sorted[i] = values[order[i]],
 * stable (equal values keep row order), −0 before +0 (as Float64Array.prototype.sort).
 *
 * An LSD radix sort on the high 32 bits of the IEEE-754 pattern (sign, exponent and the top 20
 * mantissa bits), with the sign bit flipped for positives and all bits flipped for negatives, so
 * that the keys order as unsigned integers like the numbers do (Herf 2001, "Radix tricks"): two
 * 16-bit passes (a pass whose digit is the same for every value is skipped), both digit
 * histograms counted in one pass. Values with different high words are then in order; values
 * sharing one (equal up to a relative 2^-20) form runs in row order, which are put in order by
 * value: insertion for short runs, a comparison sort for long ones (e.g. epoch-millisecond
 * times, which share a high word over ~17 minutes). This is the full 64-bit radix sort's result
 * with half its scatter passes over two arrays instead of three.
 */
function radixSortWithOrder(values: Float64Array, work: RadixWork = new RadixWork()): { sorted: Float64Array; order: Uint32Array } {
  const n = values.length;
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  work.reserve(n);
  let key = work.key.subarray(0, n);
  let ord = work.ord.subarray(0, n);
  let key2 = work.key2.subarray(0, n);
  let ord2 = work.ord2.subarray(0, n);
  const counts = work.counts;
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + 1]!;
    // negatives: all bits flipped; positives: the sign bit set
    const k = (h & 0x80000000 ? ~h : h | 0x80000000) >>> 0;
    key[i] = k;
    ord[i] = i;
    counts[k & 0xffff]!++;
    counts[65536 + (k >>> 16)]!++;
  }
  for (let pass = 0; pass < 2; pass++) {
    const base = pass * 65536;
    const shift = pass * 16;
    if (n === 0 || counts[base + ((key[0]! >>> shift) & 0xffff)] === n) continue; // one digit value: already in order
    let sum = 0;
    for (let b = base; b < base + 65536; b++) {
      const c = counts[b]!;
      counts[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const k = key[i]!;
      const b = base + ((k >>> shift) & 0xffff);
      const d = counts[b]!;
      counts[b] = d + 1;
      key2[d] = k;
      ord2[d] = ord[i]!;
    }
    [key, key2] = [key2, key];
    [ord, ord2] = [ord2, ord];
  }
  const sorted = work.sorted.subarray(0, n);
  for (let i = 0; i < n; i++) sorted[i] = values[ord[i]!]!;
  // runs of equal high words: order by value (stable; ties keep row order, which the stable
  // passes left ascending)
  for (let lo = 0; lo < n; ) {
    let hi = lo + 1;
    let inOrder = true;
    while (hi < n && key[hi] === key[lo]) {
      if (sorted[hi]! < sorted[hi - 1]!) inOrder = false;
      hi++;
    }
    if (!inOrder) {
      if (hi - lo <= 32) {
        for (let i = lo + 1; i < hi; i++) {
          const v = sorted[i]!;
          const o = ord[i]!;
          let j = i - 1;
          while (j >= lo && sorted[j]! > v) {
            sorted[j + 1] = sorted[j]!;
            ord[j + 1] = ord[j]!;
            j--;
          }
          sorted[j + 1] = v;
          ord[j + 1] = o;
        }
      } else {
        const run = Array.from(ord.subarray(lo, hi)).sort((x, y) => values[x]! - values[y]! || x - y);
        for (let i = 0; i < run.length; i++) {
          ord[lo + i] = run[i]!;
          sorted[lo + i] = values[run[i]!]!;
        }
      }
    }
    lo = hi;
  }
  return { sorted, order: ord };
}

/**
 * Buffers for radixSortWithOrder, grown on demand; what it returns are views into them, valid
 * until the next sort with the same work (binColumns sorts one column at a time).
 */
class RadixWork {
  key = new Uint32Array(0);
  ord = new Uint32Array(0);
  key2 = new Uint32Array(0);
  ord2 = new Uint32Array(0);
  sorted = new Float64Array(0);
  readonly counts = new Uint32Array(2 * 65536);

  reserve(n: number): void {
    if (this.key.length >= n) return;
    this.key = new Uint32Array(n);
    this.ord = new Uint32Array(n);
    this.key2 = new Uint32Array(n);
    this.ord2 = new Uint32Array(n);
    this.sorted = new Float64Array(n);
  }
}
