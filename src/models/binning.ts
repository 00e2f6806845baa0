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

/** Thresholds of one column from its training values. */
export function binThresholds(values: Float64Array, maxBins: number): Float64Array {
  const sorted = Float64Array.from(values).sort();
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
    for (let r = 0; r < col.length; r++) c[r] = binOf(thr, col[r]!);
    codes.push(c);
    thresholds.push(thr);
  }
  return { codes, thresholds };
}
