/**
 * The native implementation of {@link ChurnModel} (internal): scoring, contributions,
 * explanations, importance and serialisation for all four learners.
 */
import { checkMatrix, checkOptions, optionsOf } from '../internal/args.js';
import { ChurnkitError } from '../internal/errors.js';
import { Random } from '../internal/random.js';
import type { FeatureMatrix } from '../features/FeatureMatrix.js';
import type { ChurnModel } from './ChurnModel.js';
import type { ChurnModelJson, TreeJson } from './ChurnModelJson.js';
import { rowMajor } from './ensembles.js';
import { sigmoid } from './logistic.js';
import { alignedInputs, transformColumns, type PreprocessorState } from './preprocess.js';
import { aucOf } from './scores.js';
import { addCompiledPredictionsColumns, addTreePredictions, compileTrees, shapBuffers, treeExpectation, treeShap, type CompiledTrees, type Tree } from './tree.js';
import type { ChurnAlgorithm, Contributions, Driver, ExplainOptions, Explanation, FeatureImportance, ImportanceOptions, TrainingSummary } from './types.js';
import { toLabels } from './labels.js';

export interface ModelState {
  algorithm: ChurnAlgorithm;
  pre: PreprocessorState;
  logistic: { intercept: number; coef: Float64Array } | null;
  trees: Tree[] | null;
  /** The training bin edges per design column (not saved; absent after loading). */
  cuts: Float64Array[] | null;
  init: number;
  summary: TrainingSummary;
}

function fmt(v: number): string {
  if (Number.isNaN(v)) return 'missing';
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  const digits = a >= 100 ? 0 : a >= 1 ? 2 : 3;
  return String(Number(v.toFixed(digits)));
}

function signed(v: number): string {
  const s = v.toFixed(2);
  return v >= 0 ? `+${s === '-0.00' ? '0.00' : s}` : s;
}

export class NativeChurnModel implements ChurnModel {
  readonly algorithm: ChurnAlgorithm;
  readonly features: readonly string[];
  readonly summary: TrainingSummary;
  readonly #s: ModelState;
  /** Trees compiled for scoring when the model is made (null: no trees, or the layout does not fit; the plain walk is used). */
  readonly #compiled: CompiledTrees | null;

  constructor(state: ModelState) {
    this.#s = state;
    this.algorithm = state.algorithm;
    this.features = Object.freeze(state.pre.inputs.map((i) => i.name));
    this.summary = Object.freeze({ ...state.summary });
    this.#compiled = state.trees ? compileTrees(state.trees, state.pre.columns.length, state.cuts) : null;
  }

  /** Model output per row on its own scale (log-odds or probability). */
  #raw(matrix: FeatureMatrix, fn: string): Float64Array {
    checkMatrix(fn, matrix);
    return this.#rawOf(transformColumns(fn, this.#s.pre, matrix), matrix.customerIds.length);
  }

  /** Raw outputs (log-odds or probability, see #scale) from the design columns of n rows. */
  #rawOf(cols: readonly Float64Array[], n: number): Float64Array {
    const s = this.#s;
    const out = new Float64Array(n);
    if (s.logistic) {
      out.fill(s.logistic.intercept);
      const coef = s.logistic.coef;
      for (let j = 0; j < cols.length; j++) {
        const b = coef[j]!;
        const z = cols[j]!;
        for (let r = 0; r < n; r++) out[r] = out[r]! + (b * z[r]!);
      }
      return out;
    }
    const trees = s.trees!;
    const p = cols.length;
    if (s.algorithm === 'boosting') out.fill(s.init);
    if (this.#compiled) addCompiledPredictionsColumns(this.#compiled, cols, n, out);
    else {
      const x = rowMajor(cols, n);
      for (const t of trees) addTreePredictions(t, x, p, n, out);
    }
    if (s.algorithm === 'forest') {
      const k = trees.length;
      for (let r = 0; r < n; r++) out[r] = out[r]! / k;
    }
    return out;
  }

  get #scale(): 'logit' | 'probability' {
    return this.algorithm === 'logistic' || this.algorithm === 'boosting' ? 'logit' : 'probability';
  }

  predict(matrix: FeatureMatrix): Float64Array {
    const out = this.#raw(matrix, 'ChurnModel.predict');
    if (this.#scale === 'logit') for (let r = 0; r < out.length; r++) out[r] = sigmoid(out[r]!);
    return out;
  }

  contributions(matrix: FeatureMatrix): Contributions {
    const fn = 'ChurnModel.contributions';
    const s = this.#s;
    checkMatrix(fn, matrix);
    const pre = s.pre;
    const cols = transformColumns(fn, pre, matrix);
    const n = matrix.customerIds.length;
    const p = cols.length;
    const q = pre.inputs.length;
    const owner = Int32Array.from(pre.columns.map((c) => c.input));
    const values: Float64Array[] = [];
    const output = this.#rawOf(cols, n);
    let base: number;
    if (s.logistic) {
      // exact for a linear model: φ_j = β_j (z_j − E z_j) with E z_j = 0 on the training rows
      // (Lundberg & Lee 2017, "A Unified Approach to Interpreting Model Predictions", §5.1)
      base = s.logistic.intercept;
      const coef = s.logistic.coef;
      for (let r = 0; r < n; r++) {
        const v = new Float64Array(q);
        for (let j = 0; j < p; j++) v[owner[j]!] = v[owner[j]!]! + (coef[j]! * cols[j]![r]!);
        values.push(v);
      }
    } else {
      const trees = s.trees!;
      const k = s.algorithm === 'forest' ? 1 / trees.length : 1;
      base = s.algorithm === 'boosting' ? s.init : 0;
      let depth = 0;
      for (const t of trees) {
        base += k * treeExpectation(t);
        depth = Math.max(depth, t.depth);
      }
      const buf = shapBuffers(depth);
      const x = rowMajor(cols, n);
      const phi = new Float64Array(p);
      for (let r = 0; r < n; r++) {
        phi.fill(0);
        for (const t of trees) treeShap(t, x, r * p, phi, k, buf);
        const v = new Float64Array(q);
        for (let j = 0; j < p; j++) v[owner[j]!] = v[owner[j]!]! + (phi[j]!);
        values.push(v);
      }
    }
    return { scale: this.#scale, features: this.features, base, values, output };
  }

  explain(matrix: FeatureMatrix, options: ExplainOptions = {}): Explanation[] {
    options = optionsOf('ChurnModel.explain', options);
    checkMatrix('ChurnModel.explain', matrix);
    const top = options.top ?? 5;
    if (!Number.isInteger(top) || top < 1) {
      throw new ChurnkitError('INVALID_OPTION', `ChurnModel.explain: option "top" must be a positive integer; received ${String(top)}.`, { path: ['top'], field: 'top', expected: 'a positive integer', received: top });
    }
    const pre = this.#s.pre;
    const c = this.contributions(matrix);
    const { values: raw, levelMaps } = alignedInputs('ChurnModel.explain', pre, matrix);
    return c.values.map((v, r) => {
      const order = Array.from(v.keys())
        .filter((i) => !options.positiveOnly || v[i]! > 0)
        .sort((a, b) => Math.abs(v[b]!) - Math.abs(v[a]!) || a - b)
        .slice(0, top);
      const drivers: Driver[] = order.map((i) => {
        const inp = pre.inputs[i]!;
        const x = raw[i]![r]!;
        // a sentence-like description reads better in lower case and without its final period
        // ("Days since last order." → "days since last order")
        const d = inp.description.trim().replace(/\.+$/, '');
        const label = d && d !== inp.name ? (/^[A-Z][a-z]/.test(d) ? d.charAt(0).toLowerCase() + d.slice(1) : d) : inp.name;
        let value: number | string;
        let typical: number | string;
        let shown: string;
        let typ: string;
        if (inp.levels) {
          const map = levelMaps[i]!;
          const code = Number.isNaN(x) ? -1 : map[x]!;
          const lv = matrix.meta[matrix.names.indexOf(inp.name)]!.levels;
          value = Number.isNaN(x) ? Number.NaN : (lv?.[x] ?? String(x));
          shown = Number.isNaN(x) ? 'missing' : code < 0 ? `${String(value)} (unseen in training)` : String(value);
          typical = inp.levels[inp.fill] ?? '';
          typ = String(typical);
        } else {
          value = x;
          typical = inp.fill;
          shown = fmt(x);
          typ = fmt(inp.fill);
        }
        if (Number.isNaN(x) && inp.nanMeaning) shown = `missing (${inp.nanMeaning})`;
        const contribution = v[i]!;
        return { feature: inp.name, value, typical, contribution, text: `${label}: ${shown} (typical ${typ}) ${signed(contribution)}` };
      });
      return { customerId: matrix.customerIds[r]!, probability: c.scale === 'logit' ? sigmoid(c.output[r]!) : c.output[r]!, scale: c.scale, base: c.base, drivers };
    });
  }

  importance(options?: ImportanceOptions): FeatureImportance[] {
    if (options !== undefined) checkOptions('ChurnModel.importance', options);
    const s = this.#s;
    const pre = s.pre;
    const q = pre.inputs.length;
    const sortDesc = (xs: FeatureImportance[]): FeatureImportance[] => xs.sort((a, b) => b.importance - a.importance || (a.feature < b.feature ? -1 : 1));
    if (!options) {
      const imp = new Float64Array(q);
      if (s.logistic) {
        pre.columns.forEach((c, j) => (imp[c.input] = imp[c.input]! + (Math.abs(s.logistic!.coef[j]!))));
        return sortDesc(pre.inputs.map((inp, i) => ({ feature: inp.name, kind: 'coefficient', importance: imp[i]! })));
      }
      const trees = s.trees!;
      const perTree = new Float64Array(q);
      let used = 0;
      for (const t of trees) {
        perTree.fill(0);
        let total = 0;
        for (let node = 0; node < t.feature.length; node++) {
          const f = t.feature[node]!;
          if (f < 0) continue;
          const g = Math.max(0, t.gain[node]!);
          perTree[pre.columns[f]!.input] = perTree[pre.columns[f]!.input]! + (g);
          total += g;
        }
        if (total <= 0) continue;
        used++;
        for (let i = 0; i < q; i++) imp[i] = imp[i]! + (perTree[i]! / total);
      }
      return sortDesc(pre.inputs.map((inp, i) => ({ feature: inp.name, kind: 'gain', importance: used > 0 ? imp[i]! / used : 0 })));
    }
    // permutation importance (Breiman 2001, §10; Fisher, Rudin & Dominici 2019): mean AUC drop
    const fn = 'ChurnModel.importance';
    const { matrix } = options;
    checkMatrix(fn, matrix);
    const y = toLabels(fn, options.labels, matrix.customerIds.length, 'labels');
    const repeats = options.repeats ?? 5;
    if (!Number.isInteger(repeats) || repeats < 1) {
      throw new ChurnkitError('INVALID_OPTION', `${fn}: option "repeats" must be a positive integer; received ${String(repeats)}.`, { path: ['repeats'], field: 'repeats', expected: 'a positive integer', received: repeats });
    }
    const rng = new Random(options.seed ?? 0);
    const base = aucOf(this.predict(matrix), y);
    const out: FeatureImportance[] = [];
    for (const inp of pre.inputs) {
      const j = matrix.names.indexOf(inp.name);
      const drops: number[] = [];
      for (let k = 0; k < repeats; k++) {
        const col = Float64Array.from(matrix.columns[j]!);
        rng.shuffle(col);
        const cols = matrix.columns.slice();
        cols[j] = col;
        const auc = aucOf(this.predict({ ...matrix, columns: cols }), y);
        drops.push(base - auc);
      }
      const mean = drops.reduce((a, b) => a + b, 0) / repeats;
      const sd = Math.sqrt(drops.reduce((a, b) => a + (b - mean) * (b - mean), 0) / repeats);
      out.push({ feature: inp.name, kind: 'permutation', importance: mean, sd });
    }
    return sortDesc(out);
  }

  toJSON(): ChurnModelJson {
    const s = this.#s;
    const treeJson = (t: Tree): TreeJson => ({
      feature: Array.from(t.feature),
      threshold: Array.from(t.threshold),
      left: Array.from(t.left),
      right: Array.from(t.right),
      value: Array.from(t.value),
      cover: Array.from(t.cover),
      gain: Array.from(t.gain),
    });
    return {
      format: 'churnkit-model',
      version: 1,
      algorithm: s.algorithm,
      preprocessing: {
        standardize: s.pre.standardize,
        inputs: s.pre.inputs.map((i) => ({ ...i, levels: i.levels ? [...i.levels] : null })),
        columns: s.pre.columns.map((c) => ({ ...c })),
      },
      logistic: s.logistic ? { intercept: s.logistic.intercept, coef: Array.from(s.logistic.coef) } : null,
      trees: s.trees ? s.trees.map(treeJson) : null,
      init: s.init,
      summary: { ...s.summary },
    };
  }
}
