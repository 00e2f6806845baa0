import { describe, expect, it } from 'vitest';
import { errorCode as codeOf } from '../helpers/errors.js';
import { createFeatureMatrix } from '../../src/features/FeatureMatrix.js';
import { trainChurnModel } from '../../src/models/index.js';
import { sliceRows, synthetic } from './fixtures.js';

const data = synthetic(400, 3);

describe('trainChurnModel: input validation', () => {
  it('one class → SINGLE_CLASS_LABELS, with the message', () => {
    expect(() => trainChurnModel(data.matrix, new Uint8Array(400), { algorithm: 'logistic' })).toThrowErrorMatchingInlineSnapshot(
      `[ChurnkitError: trainChurnModel: all 400 labels are 0; a churn model needs both churners and non-churners.]`,
    );
    expect(codeOf(() => trainChurnModel(data.matrix, new Uint8Array(400).fill(1), { algorithm: 'forest' }))).toBe('SINGLE_CLASS_LABELS');
  });
  it('wrong label count, bad label, empty matrix', () => {
    expect(codeOf(() => trainChurnModel(data.matrix, [0, 1], { algorithm: 'tree' }))).toBe('LENGTH_MISMATCH');
    const bad = Array.from(data.labels) as number[];
    bad[7] = 2;
    expect(() => trainChurnModel(data.matrix, bad, { algorithm: 'tree' })).toThrowErrorMatchingInlineSnapshot(
      `[ChurnkitError: trainChurnModel: labels[7] is 2; labels must be 0 (stayed) or 1 (churned).]`,
    );
    const empty = sliceRows(data.matrix, 0, 0);
    expect(codeOf(() => trainChurnModel(empty, [], { algorithm: 'logistic' }))).toBe('EMPTY_INPUT');
  });
  it('booleans are accepted as labels', () => {
    const model = trainChurnModel(data.matrix, Array.from(data.labels, (v) => v === 1), { algorithm: 'logistic' });
    const ref = trainChurnModel(data.matrix, data.labels, { algorithm: 'logistic' });
    expect(model.toJSON().logistic).toEqual(ref.toJSON().logistic);
  });
  it('options that do not apply, unknown algorithms and out-of-range values are INVALID_OPTION', () => {
    expect(() => trainChurnModel(data.matrix, data.labels, { algorithm: 'logistic', trees: 10 })).toThrowErrorMatchingInlineSnapshot(
      `[ChurnkitError: trainChurnModel: option "trees" must be absent: it does not apply to algorithm 'logistic' (options for it: algorithm, engine, seed, classWeight, validation, onProgress, l2, tolerance, maxIterations); received 10.]`,
    );
    expect(codeOf(() => trainChurnModel(data.matrix, data.labels, { algorithm: 'svm' as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => trainChurnModel(data.matrix, data.labels, { algorithm: 'forest', trees: 0 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => trainChurnModel(data.matrix, data.labels, { algorithm: 'forest', maxBins: 256 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => trainChurnModel(data.matrix, data.labels, { algorithm: 'logistic', l2: -1 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => trainChurnModel(data.matrix, data.labels, { algorithm: 'boosting', validation: { fraction: 1 } }))).toBe('INVALID_OPTION');
    expect(codeOf(() => trainChurnModel(data.matrix, data.labels, { algorithm: 'forest', oobScore: true, bootstrap: false }))).toBe('INVALID_OPTION');
    expect(codeOf(() => trainChurnModel(data.matrix, data.labels, { algorithm: 'tree', classWeight: { 0: 1, 1: -2 } }))).toBe('INVALID_OPTION');
    expect(codeOf(() => trainChurnModel(data.matrix, data.labels, { algorithm: 'tree', engine: 'mljs' }))).toBe('INVALID_OPTION');
  });
  it('±Infinity in a feature is INVALID_INPUT naming the row and feature', () => {
    const cols = data.matrix.columns.map((c) => Float64Array.from(c));
    cols[1]![5] = Infinity;
    const m = { ...data.matrix, columns: cols };
    expect(() => trainChurnModel(m, data.labels, { algorithm: 'tree' })).toThrowErrorMatchingInlineSnapshot(
      `[ChurnkitError: trainChurnModel: feature "orders" is Infinity at row 5 (customer "c5"); models need finite values or NaN for missing.]`,
    );
  });
});

describe('trainChurnModel: preprocessing fitted on training rows and applied by name', () => {
  const model = trainChurnModel(data.matrix, data.labels, { algorithm: 'logistic' });
  const p = model.predict(data.matrix);

  it('reordered columns are aligned by name; extra columns are ignored', () => {
    const order = [4, 2, 0, 3, 1];
    const extra = { meta: { name: 'extra', description: 'unused', unit: 'n', kind: 'numeric' as const }, values: new Float64Array(400).fill(1e9) };
    const m = createFeatureMatrix({
      customerIds: data.matrix.customerIds,
      features: [extra, ...order.map((j) => ({ meta: data.matrix.meta[j]!, values: data.matrix.columns[j]! }))],
    });
    expect(Buffer.from(model.predict(m).buffer).equals(Buffer.from(p.buffer))).toBe(true);
  });
  it('a missing training column is UNKNOWN_COLUMN at predict time', () => {
    const m = createFeatureMatrix({ customerIds: data.matrix.customerIds, features: [0, 1, 3, 4].map((j) => ({ meta: data.matrix.meta[j]!, values: data.matrix.columns[j]! })) });
    expect(() => model.predict(m)).toThrowErrorMatchingInlineSnapshot(
      `[ChurnkitError: ChurnModel.predict: the model was trained with feature "noise" but the matrix has no such column (it has 4 columns).]`,
    );
  });
  it('categorical levels are matched by name, not code; an unseen level gets no one-hot column', () => {
    const plan = data.matrix.meta[3]!;
    const codes = data.matrix.columns[3]!;
    // same customers, levels listed in another order plus a new level 'enterprise'
    const newLevels = ['pro', 'enterprise', 'basic', 'plus'];
    const recode = Float64Array.from(codes, (c) => newLevels.indexOf(plan.levels![c]!));
    const features = data.matrix.meta.map((meta, j) => (j === 3 ? { meta: { ...meta, levels: newLevels }, values: recode } : { meta, values: data.matrix.columns[j]! }));
    const m = createFeatureMatrix({ customerIds: data.matrix.customerIds, features });
    expect(Buffer.from(model.predict(m).buffer).equals(Buffer.from(p.buffer))).toBe(true);
    const unseen = createFeatureMatrix({ customerIds: ['x'], features: data.matrix.meta.map((meta, j) => (j === 3 ? { meta: { ...meta, levels: newLevels }, values: [1] } : { meta, values: [j === 2 ? 0 : 1] })) });
    const c = model.contributions(unseen);
    expect(c.values[0]![3]).toBeCloseTo(model.toJSON().logistic!.coef.slice(3, 6).reduce((s, b, k) => s + b * (0 - model.toJSON().preprocessing.columns[3 + k]!.center) / model.toJSON().preprocessing.columns[3 + k]!.scale, 0), 12);
  });
  it('NaN is imputed with the training median and flagged by the indicator column', () => {
    const pre = model.toJSON().preprocessing;
    const rec = data.matrix.columns[0]!;
    const nonNaN = Array.from(rec).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
    const h = nonNaN.length >> 1;
    const med = nonNaN.length % 2 ? nonNaN[h]! : (nonNaN[h - 1]! + nonNaN[h]!) / 2;
    expect(pre.inputs[0]!.fill).toBe(med);
    expect(pre.inputs[0]!.indicator).toBe(true);
    expect(pre.inputs[1]!.indicator).toBe(false);
    expect(pre.columns.at(-1)!.name).toBe('recency:missing');
  });
  it('does not mutate frozen inputs', () => {
    const labels = Object.freeze(Array.from(data.labels));
    const before = data.matrix.columns.map((c) => Float64Array.from(c));
    trainChurnModel(data.matrix, labels, { algorithm: 'boosting', rounds: 3 });
    data.matrix.columns.forEach((c, j) => expect(Buffer.from(c.buffer).equals(Buffer.from(before[j]!.buffer))).toBe(true));
  });
  it('one customer of each class is enough to train (and to predict one row)', () => {
    const m = sliceRows(data.matrix, 0, 2);
    for (const algorithm of ['logistic', 'tree', 'forest', 'boosting'] as const) {
      const model2 = trainChurnModel(m, [0, 1], { algorithm });
      const q = model2.predict(sliceRows(data.matrix, 0, 1));
      expect(q[0]).toBeGreaterThanOrEqual(0);
      expect(q[0]).toBeLessThanOrEqual(1);
    }
  });
  it('an explicit validation table is scored into the summary', () => {
    const v = synthetic(300, 99);
    const m = trainChurnModel(data.matrix, data.labels, { algorithm: 'tree', maxDepth: 3, validation: { matrix: v.matrix, labels: v.labels } });
    expect(m.summary.validationRows).toBe(300);
    expect(m.summary.rows).toBe(400);
    expect(m.summary.validationLogLoss).toBeGreaterThan(0.3);
    expect(m.summary.validationLogLoss).toBeLessThan(0.7);
  });
});
