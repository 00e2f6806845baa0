/**
 * Preprocessing fitted on training rows and saved with a model (internal).
 *
 * Design columns, in this order: for every input feature, one column for a numeric/binary
 * feature (NaN replaced by the training median) or one 0/1 column per level for a categorical
 * feature (NaN → all zeros; a level unseen at training → all zeros); then one 0/1 missing
 * indicator per input that had NaN among the training rows (scikit-learn's
 * `SimpleImputer(strategy='median', add_indicator=True)` places its indicators last too).
 * For the logistic model every design column is then standardised with the training mean and
 * population standard deviation (scikit-learn's `StandardScaler`; a constant column keeps scale 1).
 */
import { ChurnkitError, show } from '../internal/errors.js';
import type { FeatureKind, FeatureMatrix } from '../features/FeatureMatrix.js';

/** One input feature as the model saw it at training time. */
export interface InputSpec {
  name: string;
  description: string;
  unit: string;
  kind: FeatureKind;
  levels: string[] | null;
  nanMeaning: string | null;
  /** numeric: training median used to fill NaN; categorical: index of the most frequent level. */
  fill: number;
  /** True when the training rows had NaN for this feature (a missing indicator column exists). */
  indicator: boolean;
}

/** One design column. */
export interface DesignColumn {
  name: string;
  /** Index into `inputs`. */
  input: number;
  /** `value` (numeric), `level` (one-hot), `missing` (indicator). */
  role: 'value' | 'level' | 'missing';
  /** One-hot level index (role `level`), else -1. */
  level: number;
  /** Standardisation: z = (x − center) × (1 / scale) (center 0, scale 1 when not standardised). */
  center: number;
  scale: number;
}

/** Saved preprocessing. */
export interface PreprocessorState {
  inputs: InputSpec[];
  columns: DesignColumn[];
  standardize: boolean;
}

/** From this many values on, a selection brackets its rank with a sorted sample first. */
const BRACKET_MIN = 2048;

/**
 * The sample size for bracketing a rank among m values: about 4√m, between 64 and 1,024 (the
 * sort of the sample then costs about as much as the pass that uses it).
 */
function sampleSize(m: number): number {
  return Math.min(1024, Math.max(64, Math.round(4 * Math.sqrt(m))));
}

/** A bracket of a rank: the values [lo, hi], room `cap` for those inside it, the sample's value at the rank (`mid`) and whether it repeats there (`tied`). */
interface Bracket {
  lo: number;
  hi: number;
  cap: number;
  mid: number;
  tied: boolean;
}

/**
 * The bracket [lo, hi] for the value at rank share q (0 smallest, 1 largest) of the non-NaN
 * values among xs[0..m), from a systematic sample xs[0], xs[step], … of them: the sample values
 * 2√s + 1 sample ranks either side of q's place in the sample. The population rank's place in
 * a sample of s is binomial with standard deviation ≤ √s / 2, so the bracket is ±4 standard deviations wide and misses with probability ~1e-4
 * (the caller then falls back to a plain selection). Null when fewer than 32 sample values are
 * finite (mostly NaN: the plain route is as fast).
 */
function bracketOf(xs: Float64Array, m: number, q: number): Bracket | null {
  const s = sampleSize(m);
  const step = Math.max(1, Math.floor(m / s));
  const sample = new Float64Array(Math.ceil(m / step));
  let ns = 0;
  for (let i = 0; i < m; i += step) {
    const v = xs[i]!;
    if (v === v) sample[ns++] = v;
  }
  if (ns < 32) return null;
  const sorted = sample.subarray(0, ns).sort();
  const half = 2 * Math.sqrt(ns) + 1;
  const at = q * (ns - 1);
  const lo = sorted[Math.max(0, Math.floor(at - half))]!;
  const hi = sorted[Math.min(ns - 1, Math.ceil(at + half))]!;
  // room for 1.5 times the expected share inside the bracket, plus slack for small m
  const cap = Math.min(m, Math.ceil((1.5 * (2 * half + 2) * m) / ns) + 64);
  // a sample value repeated at q's place: the rank most likely falls in a run of ties
  const c = Math.round(at);
  const mid = sorted[c]!;
  const tied = (c > 0 && sorted[c - 1] === mid) || (c + 1 < ns && sorted[c + 1] === mid);
  return { lo, hi, cap, mid, tied };
}

/**
 * One branch-free pass counting the values of xs[0..m) below v and equal to v, and the NaN
 * (ties: counts, flags), so that a rank inside the run of v is answered without a copy.
 */
function tiePass(xs: Float64Array, m: number, v: number): { below: number; equal: number; nan: number } {
  let below = 0;
  let equal = 0;
  let nan = 0;
  for (let i = 0; i < m; i++) {
    const x = xs[i]!;
    below += +(x < v);
    equal += +(x === v);
    nan += +(x !== x);
  }
  return { below, equal, nan };
}

/**
 * One bracketing pass over xs[0..m) (branch-free: a comparison turned into 0/1 with unary +;
 * branches on random data mispredict, measured ~8× slower). Counts the values below `lo` and
 * the NaN, and copies the values inside [lo, hi] into `out` (every value is written at
 * out[kept] and kept only when inside; a write past the end of a typed array is dropped, so a
 * bracket holding more than `out.length − 1` values shows as kept > out.length − 1).
 */
function bracketPass(xs: Float64Array, m: number, lo: number, hi: number, out: Float64Array): { below: number; nan: number; kept: number } {
  let below = 0;
  let nan = 0;
  let kept = 0;
  for (let i = 0; i < m; i++) {
    const v = xs[i]!;
    below += +(v < lo);
    nan += +(v !== v);
    out[kept] = v;
    kept += +(v >= lo) & +(v <= hi);
  }
  return { below, nan, kept };
}

/** The k-th smallest (0-based) of xs[0..n), by Hoare's quickselect (in place; expected O(n)). */
function quickselect(xs: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = xs[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i]! < pivot) i++;
      while (xs[j]! > pivot) j--;
      if (i <= j) {
        const t = xs[i]!;
        xs[i] = xs[j]!;
        xs[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return xs[k]!;
  }
  return xs[k]!;
}

/**
 * The k-th smallest (0-based) of xs[0..m) (no NaN; xs may be reordered). From BRACKET_MIN
 * values on, a sorted sample brackets the rank, one pass keeps the values inside the bracket
 * (about 4/√s of them) and the selection continues on those, recursively: the idea of Floyd &
 * Rivest 1975 ("Expected time bounds for selection", CACM 18(3)) with branch-free passes.
 * When the bracket misses the rank (probability ~1e-4) or holds too many values, quickselect
 * runs on all of xs. The same value as any selection: order statistics do not depend on the
 * method.
 */
function select(xs: Float64Array, m: number, k: number): number {
  if (m >= BRACKET_MIN) {
    const b = bracketOf(xs, m, k / (m - 1));
    if (b && b.tied) {
      const t = tiePass(xs, m, b.mid);
      if (k >= t.below && k < t.below + t.equal) return b.mid;
    }
    if (b && b.lo !== b.hi) {
      const kept = new Float64Array(b.cap + 1);
      const r = bracketPass(xs, m, b.lo, b.hi, kept);
      if (r.kept <= b.cap && k >= r.below && k < r.below + r.kept) {
        return select(kept, r.kept, k - r.below);
      }
    }
  }
  return quickselect(xs, m, k);
}

/**
 * The median of `total` values whose non-NaN ones are xs[0..m) (n of them, n ≥ 1; xs may be
 * reordered) and whose middle rank(s) lie in xs at k (and k − 1 for an even n): the k-th
 * smallest, then for an even n the (k − 1)-th, which is that value again when it is tied
 * below, else the largest value below it.
 */
function middleOf(xs: Float64Array, m: number, k: number, odd: boolean): number {
  const upper = select(xs, m, k);
  if (odd) return upper;
  let less = 0;
  let lower = -Infinity;
  for (let i = 0; i < m; i++) {
    const v = xs[i]!;
    const below = v < upper;
    less += +below;
    lower = Math.max(lower, below ? v : -Infinity);
  }
  const low = less < k ? upper : lower;
  const mid = (low + upper) / 2;
  // two middle values near ±1.8e308 overflow the sum: halve first (the tie route returns them as they are)
  return Number.isFinite(mid) ? mid : low / 2 + upper / 2;
}

/**
 * Median of the non-NaN values (mean of the two middle ones for an even count, as numpy); NaN
 * when none. O(n) expected; the input is not reordered. From BRACKET_MIN values on, a sorted
 * sample of about 4√n values brackets the middle rank(s), one branch-free pass counts the
 * values below the bracket and the NaN and copies the values inside it, and the selection
 * continues on those (see `select`); smaller inputs, and the rare bracket that misses, use
 * quickselect on a copy of the non-NaN values.
 */
export function median(values: Float64Array): number {
  const total = values.length;
  const b = total >= BRACKET_MIN ? bracketOf(values, total, 0.5) : null;
  const m = b === null ? null : bracketScan(values, b).median;
  return m ?? plainMedian(values);
}

/** The median by quickselect on a copy of the non-NaN values (NaN when none). */
function plainMedian(values: Float64Array): number {
  const total = values.length;
  const xs = new Float64Array(total);
  let n = 0;
  for (let i = 0; i < total; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) xs[n++] = v;
  }
  if (n === 0) return Number.NaN;
  return middleOf(xs, n, n >> 1, n % 2 === 1);
}

/** What `bracketScan` counts and sums over a column. */
interface BracketScan {
  /** Values that are ±Infinity or NaN, and NaN alone. */
  bad: number;
  nan: number;
  /** Sum of the values (NaN when any is NaN). */
  sum: number;
  /** Σ (x − b.mid)² (NaN when any value is NaN). */
  squares: number;
  /** The median of the non-NaN values, or null when the bracket misses the middle rank(s). */
  median: number | null;
}

/**
 * One branch-free pass over xs given the bracket `b` of its middle (from `bracketOf`): counts
 * the values that are not finite and the NaN, sums the values and their squares about b.mid,
 * counts the values below the bracket and below and equal to b.mid, and keeps the values inside
 * the bracket — then the median: b.mid when both middle ranks fall in its run of ties (counts,
 * flags: no copy, no selection; ±0 alike, a zero median is returned as the sample's zero), else
 * the selection on the kept values, else null (the bracket missed or held too many values).
 */
function bracketScan(col: Float64Array, b: Bracket): BracketScan {
  const total = col.length;
  const { lo, hi, mid } = b;
  const xs = new Float64Array(b.cap + 1);
  let bad = 0;
  let nan = 0;
  let s0 = 0;
  let s1 = 0;
  let q0 = 0;
  let q1 = 0;
  let below = 0;
  let kept = 0;
  let belowMid = 0;
  let equalMid = 0;
  let r = 0;
  for (; r + 1 < total; r += 2) {
    const v = col[r]!;
    const u = col[r + 1]!;
    bad += +(v - v !== 0) + +(u - u !== 0);
    nan += +(v !== v) + +(u !== u);
    s0 += v;
    s1 += u;
    const dv = v - mid;
    const du = u - mid;
    q0 += dv * dv;
    q1 += du * du;
    below += +(v < lo) + +(u < lo);
    belowMid += +(v < mid) + +(u < mid);
    equalMid += +(v === mid) + +(u === mid);
    xs[kept] = v;
    kept += +(v >= lo) & +(v <= hi);
    xs[kept] = u;
    kept += +(u >= lo) & +(u <= hi);
  }
  if (r < total) {
    const v = col[r]!;
    bad += +(v - v !== 0);
    nan += +(v !== v);
    s0 += v;
    const dv = v - mid;
    q0 += dv * dv;
    below += +(v < lo);
    belowMid += +(v < mid);
    equalMid += +(v === mid);
    xs[kept] = v;
    kept += +(v >= lo) & +(v <= hi);
  }
  const n = total - nan;
  const h = n >> 1;
  const rLo = n % 2 === 1 ? h : h - 1;
  let med: number | null = null;
  if ((b.tied || lo === hi) && rLo >= belowMid && h < belowMid + equalMid) med = mid;
  // both middle ranks in the bracket (rLo >= below), at h − below (and h − below − 1) of xs
  else if (lo !== hi && kept <= b.cap && rLo >= below && h < below + kept) med = middleOf(xs, kept, h - below, n % 2 === 1);
  return { bad, nan, sum: s0 + s1, squares: q0 + q1, median: med };
}

/** The error for the first ±Infinity of column j (the scans count them; this finds the row). */
function throwInfinite(fn: string, matrix: FeatureMatrix, j: number): never {
  const col = matrix.columns[j]!;
  const r = col.findIndex((v) => v === Infinity || v === -Infinity);
  const v = col[r]!;
  throw new ChurnkitError('INVALID_INPUT', `${fn}: feature "${matrix.names[j]}" is ${v} at row ${r} (customer ${show(matrix.customerIds[r])}); models need finite values or NaN for missing.`, {
    row: r,
    field: matrix.names[j]!,
    expected: 'a finite number or NaN',
    received: v,
  });
}

/** What one pass over a numeric training column gives (see `scanNumeric`). */
interface NumericScan {
  nan: number;
  /** Sum of the values (NaN when any is NaN). */
  sum: number;
  /** The median of the non-NaN values (NaN when none). */
  median: number;
  /** Σ (x − shift)² (NaN when any value is NaN, or when no shift was taken: then squares are summed later). */
  squares: number;
  shift: number;
}

/**
 * A numeric training column in one branch-free pass where it can be: the NaN count, the sum,
 * the median and the squares about a shift, instead of a scan, a median pass and a squares
 * pass. From BRACKET_MIN values on, the sorted sample that brackets the median (`bracketOf`)
 * is drawn first; the pass then counts the values below the bracket and inside a tied middle,
 * keeps the values inside the bracket, and sums (x − K)² with K the sample's middle value.
 * The variance is then (Σ (x − K)² − n (mean − K)²) / n: exact algebra, and K lies within about
 * one standard deviation of the mean (the median always does), so nothing cancels badly.
 * Smaller columns, mostly-NaN ones, and a bracket that misses take the plain routes.
 */
function scanNumeric(fn: string, matrix: FeatureMatrix, j: number): NumericScan {
  const col = matrix.columns[j]!;
  const total = col.length;
  const b = total >= BRACKET_MIN ? bracketOf(col, total, 0.5) : null;
  if (!b) {
    const { nan, sum } = scanColumn(fn, matrix, j);
    // no bracket (small or mostly NaN): drawing the sample again in median() would only fail again
    return { nan, sum, median: plainMedian(col), squares: Number.NaN, shift: Number.NaN };
  }
  const scan = bracketScan(col, b);
  if (scan.bad > scan.nan) throwInfinite(fn, matrix, j);
  // a missed bracket: the plain selection, not a second bracket
  return { nan: scan.nan, sum: scan.sum, median: scan.median ?? plainMedian(col), squares: scan.squares, shift: b.mid };
}

/**
 * One branch-free pass over a column: its NaN count and, when every value is finite or NaN,
 * the sum of its values, even and odd rows in two accumulators (NaN when any is NaN). An infinite value is an error naming
 * its row (found by a second pass, on the error path only): models need finite values or NaN.
 */
function scanColumn(fn: string, matrix: FeatureMatrix, j: number): { nan: number; sum: number } {
  const col = matrix.columns[j]!;
  let nan = 0;
  let bad = 0;
  // two accumulators (even and odd rows): half the latency chain of one
  let s0 = 0;
  let s1 = 0;
  const n = col.length;
  let r = 0;
  for (; r + 1 < n; r += 2) {
    const v = col[r]!;
    const u = col[r + 1]!;
    // v − v is 0 for a finite v and NaN for NaN and ±Infinity
    bad += +(v - v !== 0) + +(u - u !== 0);
    nan += +(v !== v) + +(u !== u);
    s0 += v;
    s1 += u;
  }
  if (r < n) {
    const v = col[r]!;
    bad += +(v - v !== 0);
    nan += +(v !== v);
    s0 += v;
  }
  const sum = s0 + s1;
  if (bad > nan) throwInfinite(fn, matrix, j);
  return { nan, sum };
}

/**
 * Room for `count` design columns of n rows in one buffer (one allocation instead of one per
 * column): each call of the returned function hands out the next column, a view.
 */
function columnSlab(n: number, count: number): () => Float64Array {
  const slab = new Float64Array(n * count);
  let used = 0;
  return () => slab.subarray(n * used, n * ++used);
}

/** Whether a design column needs its own array (a numeric input without NaN, not standardised, is used as it is). */
function needsArray(c: DesignColumn, nan: number, standardize: boolean): boolean {
  return c.role !== 'value' || standardize || nan > 0;
}

/**
 * A numeric input's design column: NaN replaced by `fill`, then (x − center) × (1 / scale), in
 * one pass (a multiplication by the reciprocal: a division per value cost about as much as the
 * rest of the preprocessing). Not standardised and without NaN, the input array itself is
 * returned: design columns are only read.
 */
function valueColumn(x: Float64Array, n: number, nan: number, fill: number, standardize: boolean, center: number, scale: number, fresh: () => Float64Array): Float64Array {
  if (!standardize && nan === 0) return x;
  const out = fresh();
  const inv = 1 / scale;
  if (!standardize) {
    for (let r = 0; r < n; r++) {
      const v = x[r]!;
      out[r] = v !== v ? fill : v;
    }
  } else if (nan === 0) {
    for (let r = 0; r < n; r++) out[r] = (x[r]! - center) * inv;
  } else {
    for (let r = 0; r < n; r++) {
      const v = x[r]!;
      out[r] = ((v !== v ? fill : v) - center) * inv;
    }
  }
  return out;
}

/**
 * A 0/1 design column (a one-hot level or a missing indicator), standardised in place when
 * asked: the training mean and population standard deviation are set on `c` when `fit` is
 * true, else the saved ones are used.
 */
function standardizeInPlace(x: Float64Array, n: number, c: DesignColumn, fit: boolean): void {
  if (fit) {
    let mean = 0;
    for (let r = 0; r < n; r++) mean += x[r]!;
    mean /= n;
    let ss = 0;
    for (let r = 0; r < n; r++) {
      const d = x[r]! - mean;
      ss += d * d;
    }
    const sd = Math.sqrt(ss / n);
    c.center = mean;
    c.scale = sd > 0 ? sd : 1;
  }
  const m = c.center;
  const inv = 1 / c.scale;
  for (let r = 0; r < n; r++) x[r] = (x[r]! - m) * inv;
}

/** Fits the preprocessing on `matrix` (all its rows are training rows); returns it with the training design columns. */
export function fitPreprocessor(fn: string, matrix: FeatureMatrix, standardize: boolean): { state: PreprocessorState; design: Float64Array[] } {
  const n = matrix.customerIds.length;
  const inputs: InputSpec[] = [];
  const scans: (NumericScan | { nan: number; sum: number })[] = matrix.meta.map((m, j) => (m.kind === 'categorical' ? scanColumn(fn, matrix, j) : scanNumeric(fn, matrix, j)));
  matrix.meta.forEach((m, j) => {
    const col = matrix.columns[j]!;
    const { nan } = scans[j]!;
    if (m.kind === 'categorical') {
      const levels = [...(m.levels ?? [])];
      const counts = new Float64Array(levels.length);
      for (let r = 0; r < n; r++) {
        const v = col[r]!;
        if (!Number.isNaN(v)) counts[v]!++;
      }
      let mode = 0;
      for (let k = 1; k < counts.length; k++) if (counts[k]! > counts[mode]!) mode = k;
      inputs.push({ name: m.name, description: m.description, unit: m.unit, kind: m.kind, levels, nanMeaning: m.nanMeaning ?? null, fill: mode, indicator: nan > 0 });
    } else {
      const med = (scans[j] as NumericScan).median;
      inputs.push({ name: m.name, description: m.description, unit: m.unit, kind: m.kind, levels: null, nanMeaning: m.nanMeaning ?? null, fill: Number.isNaN(med) ? 0 : med, indicator: nan > 0 });
    }
  });
  const columns: DesignColumn[] = [];
  inputs.forEach((inp, i) => {
    if (inp.levels) {
      inp.levels.forEach((lv, k) => columns.push({ name: `${inp.name}=${lv}`, input: i, role: 'level', level: k, center: 0, scale: 1 }));
    } else {
      columns.push({ name: inp.name, input: i, role: 'value', level: -1, center: 0, scale: 1 });
    }
  });
  inputs.forEach((inp, i) => {
    if (inp.indicator) columns.push({ name: `${inp.name}:missing`, input: i, role: 'missing', level: -1, center: 0, scale: 1 });
  });
  const state: PreprocessorState = { inputs, columns, standardize };
  // the training matrix is aligned with itself: input i is column i
  const levelMaps = inputs.map((inp) => (inp.levels ? Int32Array.from(inp.levels, (_, k) => k) : null));
  const fresh = columnSlab(n, columns.filter((c) => needsArray(c, scans[c.input]!.nan, standardize)).length);
  const design = columns.map((c) => {
    const x = matrix.columns[c.input]!;
    if (c.role !== 'value') {
      const out = flagColumn(x, n, c, levelMaps[c.input]!, fresh);
      if (standardize) standardizeInPlace(out, n, c, true);
      return out;
    }
    const { nan, sum, squares, shift } = scans[c.input] as NumericScan;
    const fill = inputs[c.input]!.fill;
    if (standardize) {
      // training mean and population sd of the filled column (scikit-learn's StandardScaler);
      // without NaN the scan's sum is the filled column's, and its squares about the shift
      // give the variance (see scanNumeric)
      let mean = (nan > 0 ? filledSums(x, n, fill, 0).sum : sum) / n;
      const ss = nan === 0 && Number.isFinite(squares) ? Math.max(0, squares - n * (mean - shift) ** 2) : filledSums(x, n, fill, mean).squares;
      let sd = Math.sqrt(ss / n);
      if (!Number.isFinite(mean) || !Number.isFinite(sd)) {
        // values beyond ~1e154 overflow the sums of squares (and near 1e308 the sum): the same
        // moments of x / max|x|, scaled back (the standardised column is then as for any scale)
        const big = maxAbs(x, n, fill);
        const scaled = Float64Array.from({ length: n }, (_, r) => (Number.isNaN(x[r]!) ? fill : x[r]!) / big);
        const m = filledSums(scaled, n, 0, 0).sum / n;
        mean = m * big;
        sd = Math.sqrt(filledSums(scaled, n, 0, m).squares / n) * big;
      }
      c.center = mean;
      c.scale = sd > 0 ? sd : 1;
    }
    return valueColumn(x, n, nan, fill, standardize, c.center, c.scale, fresh);
  });
  return { state, design };
}

/**
 * Σ x̃ and Σ (x̃ − mean)² over the column with NaN replaced by `fill` (x̃), each by two
 * accumulators (even and odd rows).
 */
function filledSums(x: Float64Array, n: number, fill: number, mean: number): { sum: number; squares: number } {
  let s0 = 0;
  let s1 = 0;
  let q0 = 0;
  let q1 = 0;
  let r = 0;
  for (; r + 1 < n; r += 2) {
    const a = x[r]!;
    const b = x[r + 1]!;
    const va = a !== a ? fill : a;
    const vb = b !== b ? fill : b;
    s0 += va;
    s1 += vb;
    const da = va - mean;
    const db = vb - mean;
    q0 += da * da;
    q1 += db * db;
  }
  if (r < n) {
    const a = x[r]!;
    const va = a !== a ? fill : a;
    s0 += va;
    const da = va - mean;
    q0 += da * da;
  }
  return { sum: s0 + s1, squares: q0 + q1 };
}

/** The largest |x| of the column with NaN read as `fill`. */
function maxAbs(x: Float64Array, n: number, fill: number): number {
  let m = Math.abs(fill);
  for (let r = 0; r < n; r++) {
    const v = x[r]!;
    if (v === v) m = Math.max(m, Math.abs(v));
  }
  return m;
}

/** A one-hot level (1 where the value maps to the column's level) or a missing indicator (1 where NaN) as 0/1. */
function flagColumn(x: Float64Array, n: number, c: DesignColumn, map: Int32Array | null, fresh: () => Float64Array): Float64Array {
  const out = fresh();
  if (c.role === 'missing') {
    for (let r = 0; r < n; r++) out[r] = Number.isNaN(x[r]!) ? 1 : 0;
  } else {
    for (let r = 0; r < n; r++) {
      const v = x[r]!;
      out[r] = !Number.isNaN(v) && map![v] === c.level ? 1 : 0;
    }
  }
  return out;
}

/** For every saved input, the column index in `matrix` (aligned by name) and a level map. */
function align(fn: string, state: PreprocessorState, matrix: FeatureMatrix): { col: Int32Array; levelMaps: (Int32Array | null)[] } {
  const col = new Int32Array(state.inputs.length);
  const levelMaps: (Int32Array | null)[] = [];
  const byName = new Map<string, number>();
  matrix.names.forEach((nm, j) => byName.set(nm, j));
  state.inputs.forEach((inp, i) => {
    const j = byName.get(inp.name);
    if (j === undefined) {
      throw new ChurnkitError('UNKNOWN_COLUMN', `${fn}: the model was trained with feature "${inp.name}" but the matrix has no such column (it has ${matrix.names.length} columns).`, {
        field: inp.name,
        expected: `a column named "${inp.name}"`,
        received: matrix.names.slice(0, 8),
      });
    }
    const meta = matrix.meta[j]!;
    const wasCat = inp.kind === 'categorical';
    if ((meta.kind === 'categorical') !== wasCat) {
      throw new ChurnkitError('INVALID_INPUT', `${fn}: feature "${inp.name}" was ${inp.kind} at training but is ${meta.kind} in this matrix.`, {
        field: inp.name,
        expected: inp.kind,
        received: meta.kind,
      });
    }
    col[i] = j;
    if (wasCat) {
      const trainLevels = inp.levels!;
      const idx = new Map<string, number>();
      trainLevels.forEach((l, k) => idx.set(l, k));
      const levels = meta.levels ?? [];
      const map = new Int32Array(levels.length);
      levels.forEach((l, k) => (map[k] = idx.get(l) ?? -1));
      levelMaps.push(map);
    } else {
      levelMaps.push(null);
    }
  });
  return { col, levelMaps };
}

/**
 * The design columns of `matrix` (aligned by feature name, extra columns ignored), standardised
 * when the state says so. A column may be the matrix's own array (a numeric input without NaN,
 * not standardised): design columns are only read.
 */
export function transformColumns(fn: string, state: PreprocessorState, matrix: FeatureMatrix): Float64Array[] {
  const n = matrix.customerIds.length;
  const { col, levelMaps } = align(fn, state, matrix);
  const nans = state.inputs.map((_, i) => scanColumn(fn, matrix, col[i]!).nan);
  const fresh = columnSlab(n, state.columns.filter((c) => needsArray(c, nans[c.input]!, state.standardize)).length);
  return state.columns.map((c) => {
    const x = matrix.columns[col[c.input]!]!;
    if (c.role === 'value') return valueColumn(x, n, nans[c.input]!, state.inputs[c.input]!.fill, state.standardize, c.center, c.scale, fresh);
    const out = flagColumn(x, n, c, levelMaps[c.input]!, fresh);
    if (state.standardize) standardizeInPlace(out, n, c, false);
    return out;
  });
}

/** Raw input values per saved input (aligned by name) — for explanations. */
export function alignedInputs(fn: string, state: PreprocessorState, matrix: FeatureMatrix): { values: Float64Array[]; levelMaps: (Int32Array | null)[] } {
  const { col, levelMaps } = align(fn, state, matrix);
  return { values: state.inputs.map((_, i) => matrix.columns[col[i]!]!), levelMaps };
}
