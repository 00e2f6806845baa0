import { ChurnkitError, show } from '../internal/errors.js';
import type { ChurnModel } from './ChurnModel.js';
import type { ChurnModelJson } from './ChurnModelJson.js';
import { NativeChurnModel } from './model.js';
import type { DesignColumn, InputSpec } from './preprocess.js';
import type { Tree } from './tree.js';
import type { ChurnAlgorithm, TrainingSummary } from './types.js';

const FN = 'loadChurnModel';

function bad(path: (string | number)[], expected: string, received: unknown): never {
  throw new ChurnkitError('INVALID_MODEL', `${FN}: ${path.length ? path.join('.') : 'the payload'} must be ${expected}; received ${show(received)}.`, { path, expected, received });
}

function obj(v: unknown, path: (string | number)[]): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) bad(path, 'an object', v);
  return v as Record<string, unknown>;
}

function num(v: unknown, path: (string | number)[]): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) bad(path, 'a finite number', v);
  return v;
}

function str(v: unknown, path: (string | number)[]): string {
  if (typeof v !== 'string') bad(path, 'a string', v);
  return v;
}

function nums(v: unknown, path: (string | number)[], len: number | null): Float64Array {
  if (!Array.isArray(v)) bad(path, 'an array of numbers', v);
  if (len !== null && v.length !== len) bad(path, `an array of ${len} numbers`, `${v.length} entries`);
  const out = new Float64Array(v.length);
  v.forEach((x, i) => (out[i] = num(x, [...path, i])));
  return out;
}

function ints(v: unknown, path: (string | number)[], len: number, lo: number, hi: number): Int32Array {
  const a = nums(v, path, len);
  const out = new Int32Array(len);
  for (let i = 0; i < len; i++) {
    const x = a[i]!;
    if (!Number.isInteger(x) || x < lo || x >= hi) bad([...path, i], `an integer in [${lo}, ${hi})`, x);
    out[i] = x;
  }
  return out;
}

function loadTree(v: unknown, path: (string | number)[], p: number): Tree {
  const o = obj(v, path);
  if (!Array.isArray(o.feature) || o.feature.length === 0) bad([...path, 'feature'], 'a non-empty array', o.feature);
  const m = o.feature.length;
  const feature = ints(o.feature, [...path, 'feature'], m, -1, p);
  const left = ints(o.left, [...path, 'left'], m, -1, m);
  const right = ints(o.right, [...path, 'right'], m, -1, m);
  const threshold = nums(o.threshold, [...path, 'threshold'], m);
  const value = nums(o.value, [...path, 'value'], m);
  const cover = nums(o.cover, [...path, 'cover'], m);
  const gain = nums(o.gain, [...path, 'gain'], m);
  const depth = new Int32Array(m);
  let maxDepth = 0;
  const seen = new Uint8Array(m);
  seen[0] = 1;
  for (let i = 0; i < m; i++) {
    if (!seen[i]) bad([...path, 'left'], `a tree in which node ${i} is reachable from the root`, 'an unreachable node');
    if (!(cover[i]! > 0)) bad([...path, 'cover', i], 'a positive number', cover[i]);
    if (feature[i]! < 0) {
      if (left[i] !== -1 || right[i] !== -1) bad([...path, 'left', i], '-1 for a leaf', left[i]);
      maxDepth = Math.max(maxDepth, depth[i]!);
      continue;
    }
    // children after their parent (guarantees termination and no cycles), in pairs
    if (right[i] !== left[i]! + 1) bad([...path, 'right', i], `left + 1 = ${left[i]! + 1} (children are stored in pairs)`, right[i]);
    for (const c of [left[i]!, right[i]!]) {
      if (c <= i || seen[c]) bad([...path, 'left', i], `child ids greater than ${i}, each used once`, c);
      seen[c] = 1;
      depth[c] = depth[i]! + 1;
    }
  }
  return { feature, threshold, left, right, value, cover, gain, bin: null, depth: maxDepth };
}

/**
 * Restores a model saved with `model.toJSON()`, validating every field.
 *
 * Use it to score customers in another process (a batch job, a browser dashboard) with the
 * model trained elsewhere: the restored model predicts bytes identical to the original's.
 * Validation checks the format tag and version, array lengths, that tree children come after
 * their parents (so a corrupted tree cannot loop), indices within range and finite numbers.
 *
 * @param json - the object from {@link ChurnModel.toJSON} (or `JSON.parse` of its string form)
 * @returns a {@link ChurnModel}
 * @throws ChurnkitError `INVALID_MODEL` with the path of the first bad field
 * @example
 * ```ts
 * const text = JSON.stringify(model.toJSON());
 * const restored = loadChurnModel(JSON.parse(text));
 * restored.predict(matrix); // same Float64Array as model.predict(matrix)
 * ```
 * @category Models
 */
export function loadChurnModel(json: ChurnModelJson | unknown): ChurnModel {
  const o = obj(json, []);
  if (o.format !== 'churnkit-model') bad(['format'], "'churnkit-model'", o.format);
  if (o.version !== 1) bad(['version'], '1 (the only version this churnkit reads)', o.version);
  const algorithm = o.algorithm as ChurnAlgorithm;
  if (!['logistic', 'tree', 'forest', 'boosting'].includes(algorithm)) bad(['algorithm'], "'logistic', 'tree', 'forest' or 'boosting'", algorithm);
  const pp = obj(o.preprocessing, ['preprocessing']);
  if (typeof pp.standardize !== 'boolean') bad(['preprocessing', 'standardize'], 'a boolean', pp.standardize);
  if (!Array.isArray(pp.inputs) || pp.inputs.length === 0) bad(['preprocessing', 'inputs'], 'a non-empty array', pp.inputs);
  const inputs: InputSpec[] = pp.inputs.map((v, i) => {
    const path = ['preprocessing', 'inputs', i];
    const x = obj(v, path);
    const kind = x.kind;
    if (kind !== 'numeric' && kind !== 'binary' && kind !== 'categorical') bad([...path, 'kind'], "'numeric', 'binary' or 'categorical'", kind);
    let levels: string[] | null = null;
    if (kind === 'categorical') {
      if (!Array.isArray(x.levels)) bad([...path, 'levels'], 'an array of level names', x.levels);
      levels = x.levels.map((l, k) => str(l, [...path, 'levels', k]));
    } else if (x.levels !== null) bad([...path, 'levels'], 'null for a non-categorical input', x.levels);
    const fill = num(x.fill, [...path, 'fill']);
    if (levels && (!Number.isInteger(fill) || fill < 0 || (levels.length > 0 && fill >= levels.length))) bad([...path, 'fill'], 'a level index', fill);
    if (typeof x.indicator !== 'boolean') bad([...path, 'indicator'], 'a boolean', x.indicator);
    if (x.nanMeaning !== null && typeof x.nanMeaning !== 'string') bad([...path, 'nanMeaning'], 'a string or null', x.nanMeaning);
    return { name: str(x.name, [...path, 'name']), description: str(x.description, [...path, 'description']), unit: str(x.unit, [...path, 'unit']), kind, levels, nanMeaning: (x.nanMeaning as string | null) ?? null, fill, indicator: x.indicator };
  });
  const names = new Set(inputs.map((i) => i.name));
  if (names.size !== inputs.length) bad(['preprocessing', 'inputs'], 'inputs with unique names', 'duplicate names');
  if (!Array.isArray(pp.columns) || pp.columns.length === 0) bad(['preprocessing', 'columns'], 'a non-empty array', pp.columns);
  const columns: DesignColumn[] = pp.columns.map((v, j) => {
    const path = ['preprocessing', 'columns', j];
    const c = obj(v, path);
    const input = num(c.input, [...path, 'input']);
    if (!Number.isInteger(input) || input < 0 || input >= inputs.length) bad([...path, 'input'], `an input index in [0, ${inputs.length})`, input);
    const role = c.role;
    if (role !== 'value' && role !== 'level' && role !== 'missing') bad([...path, 'role'], "'value', 'level' or 'missing'", role);
    const inp = inputs[input]!;
    const level = num(c.level, [...path, 'level']);
    if (role === 'level' && (!inp.levels || !Number.isInteger(level) || level < 0 || level >= inp.levels.length)) bad([...path, 'level'], 'a level index of a categorical input', level);
    if (role === 'value' && inp.levels) bad([...path, 'role'], "'level' or 'missing' for a categorical input", role);
    const scale = num(c.scale, [...path, 'scale']);
    if (!(scale > 0)) bad([...path, 'scale'], 'a positive number', scale);
    return { name: str(c.name, [...path, 'name']), input, role, level, center: num(c.center, [...path, 'center']), scale };
  });
  const p = columns.length;
  let logistic: { intercept: number; coef: Float64Array } | null = null;
  let trees: Tree[] | null = null;
  if (algorithm === 'logistic') {
    const l = obj(o.logistic, ['logistic']);
    logistic = { intercept: num(l.intercept, ['logistic', 'intercept']), coef: nums(l.coef, ['logistic', 'coef'], p) };
    if (o.trees !== null) bad(['trees'], 'null for a logistic model', o.trees);
  } else {
    if (!Array.isArray(o.trees) || o.trees.length === 0) bad(['trees'], 'a non-empty array of trees', o.trees);
    if (algorithm === 'tree' && o.trees.length !== 1) bad(['trees'], 'exactly one tree for algorithm tree', `${o.trees.length} trees`);
    trees = o.trees.map((t, i) => loadTree(t, ['trees', i], p));
    if (o.logistic !== null) bad(['logistic'], 'null for a tree model', o.logistic);
  }
  const init = num(o.init, ['init']);
  const s = obj(o.summary, ['summary']);
  if (s.engine !== 'native' && s.engine !== 'mljs') bad(['summary', 'engine'], "'native' or 'mljs'", s.engine);
  const summary: TrainingSummary = {
    engine: s.engine,
    rows: num(s.rows, ['summary', 'rows']),
    positives: num(s.positives, ['summary', 'positives']),
    features: num(s.features, ['summary', 'features']),
    designColumns: num(s.designColumns, ['summary', 'designColumns']),
  };
  for (const key of ['iterations', 'oobAuc', 'oobLogLoss', 'oobRowsScored', 'rounds', 'validationRows', 'validationLogLoss', 'validationAuc'] as const) {
    if (s[key] !== undefined) summary[key] = num(s[key], ['summary', key]);
  }
  if (s.converged !== undefined) {
    if (typeof s.converged !== 'boolean') bad(['summary', 'converged'], 'a boolean', s.converged);
    summary.converged = s.converged;
  }
  if (s.separated !== undefined) {
    if (s.separated !== true) bad(['summary', 'separated'], 'true (or absent)', s.separated);
    summary.separated = true;
  }
  return new NativeChurnModel({ algorithm, pre: { inputs, columns, standardize: pp.standardize }, logistic, trees, cuts: null, init, summary });
}
