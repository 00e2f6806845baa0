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
  /** Standardisation: z = (x - center) / scale (center 0, scale 1 when not standardised). */
  center: number;
  scale: number;
}

/** Saved preprocessing. */
export interface PreprocessorState {
  inputs: InputSpec[];
  columns: DesignColumn[];
  standardize: boolean;
}

/** The k-th smallest (0-based) of xs[0..n), by Hoare's quickselect (in place; expected O(n)). */
function select(xs: Float64Array, n: number, k: number): number {
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
 * The median of n values whose middle ranks are k = n >> 1 of xs[0..m) (and k − 1 when n is
 * even): the k-th smallest by select, then for an even count the largest of xs[0..k), which
 * select leaves all <= xs[k].
 */
function middleOf(xs: Float64Array, m: number, k: number, odd: boolean): number {
  const upper = select(xs, m, k);
  if (odd) return upper;
  let lower = -Infinity;
  for (let i = 0; i < k; i++) if (xs[i]! > lower) lower = xs[i]!;
  return (lower + upper) / 2;
}

/** From this many values on, the median brackets its rank with a sample first. */
const BRACKET_MIN = 4096;

/**
 * Median of the non-NaN values (mean of the two middle ones for an even count, as numpy); NaN
 * when none. O(n). Small inputs: quickselect on a copy. From 4,096 values on, a systematic
 * sample of ~1,024 values is sorted and its quantiles 0.44 and 0.56 bracket the middle rank
 * (the sample quantile's standard error is ~0.016, so the bracket misses with probability
 * ~1e-4, and then the full quickselect runs); one pass counts the values below the bracket and
 * copies those inside it, and the quickselect runs on that ~12% only (the idea of Floyd &
 * Rivest 1975, "Expected time bounds for selection", CACM 18(3), with one sampling round).
 * The same value as a full selection: the order statistics do not depend on the method.
 */
export function median(values: Float64Array): number {
  const total = values.length;
  if (total >= BRACKET_MIN) {
    const m = bracketedMedian(values);
    if (m !== null) return m;
  }
  const xs = new Float64Array(total);
  let n = 0;
  for (let i = 0; i < total; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) xs[n++] = v;
  }
  if (n === 0) return Number.NaN;
  return middleOf(xs, n, n >> 1, n % 2 === 1);
}

/** The median via a sampled bracket; null when the bracket misses the middle rank(s) or holds too many values. */
function bracketedMedian(values: Float64Array): number | null {
  const total = values.length;
  const step = Math.floor(total / 1024);
  const sample = new Float64Array(Math.ceil(total / step));
  let ns = 0;
  for (let i = 0; i < total; i += step) {
    const v = values[i]!;
    if (!Number.isNaN(v)) sample[ns++] = v;
  }
  if (ns < 64) return null; // mostly NaN: the plain route
  const sorted = sample.subarray(0, ns).sort();
  const lo = sorted[Math.floor(0.44 * (ns - 1))]!;
  const hi = sorted[Math.ceil(0.56 * (ns - 1))]!;
  // Branch-free passes (a comparison turned into 0/1 with unary +; branches on random data
  // mispredict, measured ~8× slower).
  let nan = 0;
  let below = 0;
  if (lo === hi) {
    // tied middle (counts, flags): count the values below and equal; no copy, no selection
    let equal = 0;
    for (let i = 0; i < total; i++) {
      const v = values[i]!;
      below += +(v < lo);
      equal += +(v === lo);
      nan += +(v !== v);
    }
    const n = total - nan;
    const h = n >> 1;
    const rLo = n % 2 === 1 ? h : h - 1;
    // both middle values equal lo (±0 alike: a zero median is returned as the sample's zero)
    return rLo >= below && h < below + equal ? lo : null;
  }
  // every value is written at xs[m] and kept only when inside the bracket; writes past the end
  // of a typed array are dropped, so a bracket holding more than a quarter of the values is
  // detected afterwards (m > capacity) and the plain route runs
  const xs = new Float64Array((total >> 2) + 1);
  const cap = xs.length - 1;
  let m = 0;
  for (let i = 0; i < total; i++) {
    const v = values[i]!;
    below += +(v < lo);
    nan += +(v !== v);
    xs[m] = v;
    m += +(v >= lo) & +(v <= hi);
  }
  if (m > cap) return null;
  const n = total - nan;
  const h = n >> 1;
  const rLo = n % 2 === 1 ? h : h - 1;
  if (rLo < below || h >= below + m) return null;
  // both middle ranks are in the bracket (rLo >= below), at h − below (and h − below − 1) of xs
  return middleOf(xs, m, h - below, n % 2 === 1);
}

function checkFinite(fn: string, matrix: FeatureMatrix, j: number): void {
  const col = matrix.columns[j]!;
  for (let r = 0; r < col.length; r++) {
    const v = col[r]!;
    if (v === Infinity || v === -Infinity) {
      throw new ChurnkitError('INVALID_INPUT', `${fn}: feature "${matrix.names[j]}" is ${v} at row ${r} (customer ${show(matrix.customerIds[r])}); models need finite values or NaN for missing.`, {
        row: r,
        field: matrix.names[j]!,
        expected: 'a finite number or NaN',
        received: v,
      });
    }
  }
}

/** Fits the preprocessing on `matrix` (all its rows are training rows); returns it with the training design columns. */
export function fitPreprocessor(fn: string, matrix: FeatureMatrix, standardize: boolean): { state: PreprocessorState; design: Float64Array[] } {
  const n = matrix.customerIds.length;
  const inputs: InputSpec[] = [];
  matrix.meta.forEach((m, j) => {
    checkFinite(fn, matrix, j);
    const col = matrix.columns[j]!;
    let nan = 0;
    for (let r = 0; r < n; r++) if (Number.isNaN(col[r]!)) nan++;
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
      const med = median(col);
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
  const state: PreprocessorState = { inputs, columns, standardize: false };
  const design = transformColumns(fn, state, matrix);
  if (standardize) {
    columns.forEach((c, j) => {
      const x = design[j]!;
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
      // the same operation transformColumns applies at scoring time
      for (let r = 0; r < n; r++) x[r] = (x[r]! - c.center) / c.scale;
    });
    state.standardize = true;
  }
  return { state, design };
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
 * when the state says so.
 */
export function transformColumns(fn: string, state: PreprocessorState, matrix: FeatureMatrix): Float64Array[] {
  const n = matrix.customerIds.length;
  const { col, levelMaps } = align(fn, state, matrix);
  for (let i = 0; i < state.inputs.length; i++) checkFinite(fn, matrix, col[i]!);
  return state.columns.map((c) => {
    const x = matrix.columns[col[c.input]!]!;
    const inp = state.inputs[c.input]!;
    const out = new Float64Array(n);
    if (c.role === 'missing') {
      for (let r = 0; r < n; r++) out[r] = Number.isNaN(x[r]!) ? 1 : 0;
    } else if (c.role === 'level') {
      const map = levelMaps[c.input]!;
      for (let r = 0; r < n; r++) {
        const v = x[r]!;
        out[r] = !Number.isNaN(v) && map[v] === c.level ? 1 : 0;
      }
    } else {
      const fill = inp.fill;
      for (let r = 0; r < n; r++) {
        const v = x[r]!;
        out[r] = Number.isNaN(v) ? fill : v;
      }
    }
    if (state.standardize) {
      const m = c.center;
      const s = c.scale;
      for (let r = 0; r < n; r++) out[r] = (out[r]! - m) / s;
    }
    return out;
  });
}

/** Raw input values per saved input (aligned by name) — for explanations. */
export function alignedInputs(fn: string, state: PreprocessorState, matrix: FeatureMatrix): { values: Float64Array[]; levelMaps: (Int32Array | null)[] } {
  const { col, levelMaps } = align(fn, state, matrix);
  return { values: state.inputs.map((_, i) => matrix.columns[col[i]!]!), levelMaps };
}
