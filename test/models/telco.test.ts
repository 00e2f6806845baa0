import { existsSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { trainChurnModel } from '../../src/models/index.js';
import { loadTelco, fnv1a32 } from '../helpers/telco.js';
import { describeWithData } from '../helpers/sharedData.js';
import { pairAuc, sliceRows } from './fixtures.js';

/**
 * IBM Telco churn against scikit-learn. Reference numbers: bench/reference/telco_sklearn.json,
 * printed by bench/reference/telco_sklearn.py (Debian python3-sklearn; version recorded in the
 * JSON) on the same split (FNV-1a-32(customerID) % 4 === 0 → test) and the same encoding.
 */
interface Ref {
  sklearn_version: string;
  n_train: number;
  n_test: number;
  train_positives: number;
  design_columns: string[];
  logistic: Record<string, { C: number; intercept: number; coef: number[]; test_auc: number }>;
  forest: { test_auc: number[]; mean_test_auc: number };
  boosting: { test_auc: number[]; mean_test_auc: number };
}
const refPath = new URL('../../bench/reference/telco_sklearn.json', import.meta.url);
const ref: Ref | null = existsSync(refPath) ? (JSON.parse(readFileSync(refPath, 'utf8')) as Ref) : null;

it('FNV-1a 32-bit matches the published test vectors (so Python computes the same split)', () => {
  // test vectors from the FNV reference (Fowler, Noll, Vo; draft-eastlake-fnv): "" and "a", "foobar"
  expect(fnv1a32('')).toBe(0x811c9dc5);
  expect(fnv1a32('a')).toBe(0xe40c292c);
  expect(fnv1a32('foobar')).toBe(0xbf9cf968);
});

describeWithData('IBM Telco churn vs scikit-learn', ['telco', 'WA_Fn-UseC_-Telco-Customer-Churn.csv'], () => {
  const { train, test } = loadTelco();

  it('the reference JSON exists and describes the same split and design columns', () => {
    expect(ref, 'run: /usr/bin/python3 bench/reference/telco_sklearn.py > bench/reference/telco_sklearn.json').not.toBeNull();
    expect(train.labels.length).toBe(ref!.n_train);
    expect(test.labels.length).toBe(ref!.n_test);
    expect(train.labels.reduce((a, b) => a + b, 0)).toBe(ref!.train_positives);
    const model = trainChurnModel(train.matrix, train.labels, { algorithm: 'logistic' });
    expect(model.toJSON().preprocessing.columns.map((c) => c.name)).toEqual(ref!.design_columns);
  });

  for (const [key, l2] of [
    ['C=1.0', 1],
    ['C=0.1', 10],
  ] as const) {
    it(`logistic at ${key} (λ = ${l2}): coefficients and intercept within 1e-8 (required 1e-3; measured 3.0e-11 at C=1, 6.2e-12 at C=0.1), test AUC within 0.005 of LogisticRegression`, () => {
      const r = ref!.logistic[key]!;
      const model = trainChurnModel(train.matrix, train.labels, { algorithm: 'logistic', l2 });
      const { intercept, coef } = model.toJSON().logistic!;
      expect(model.summary.converged).toBe(true);
      expect(Math.abs(intercept - r.intercept)).toBeLessThan(1e-8);
      const maxDiff = Math.max(...coef.map((b, j) => Math.abs(b - r.coef[j]!)));
      expect(maxDiff).toBeLessThan(1e-8);
      const auc = pairAuc(model.predict(test.matrix), test.labels);
      expect(Math.abs(auc - r.test_auc)).toBeLessThan(0.005);
    });
  }

  it('forest (100 trees, √p per split, unlimited depth): test AUC within 0.01 of RandomForestClassifier (mean of seeds 0..4)', () => {
    const model = trainChurnModel(train.matrix, train.labels, { algorithm: 'forest', trees: 100, seed: 1 });
    const auc = pairAuc(model.predict(test.matrix), test.labels);
    expect(Math.abs(auc - ref!.forest.mean_test_auc)).toBeLessThan(0.01);
  });

  it('boosting (100 rounds, lr 0.1, 31 leaves, min leaf 20): test AUC within 0.01 of HistGradientBoostingClassifier; TreeSHAP adds up to 1e-9', () => {
    const model = trainChurnModel(train.matrix, train.labels, { algorithm: 'boosting' });
    const auc = pairAuc(model.predict(test.matrix), test.labels);
    expect(Math.abs(auc - ref!.boosting.mean_test_auc)).toBeLessThan(0.01);
    const rows = sliceRows(test.matrix, 0, 50);
    const c = model.contributions(rows);
    c.values.forEach((v, r) => expect(Math.abs(v.reduce((s, x) => s + x, c.base) - c.output[r]!)).toBeLessThan(1e-9));
    // the strongest Telco driver in every reference model is the contract type / tenure
    expect(['Contract', 'tenure', 'TotalCharges', 'MonthlyCharges']).toContain(model.importance({ matrix: test.matrix, labels: test.labels, repeats: 1 })[0]!.feature);
  });
});
