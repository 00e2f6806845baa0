import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadChurnModel, safeLoadChurnModel, trainChurnModel, type ChurnModelJson } from '../../src/models/index.js';
import { sliceRows, synthetic } from './fixtures.js';

const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('toJSON / loadChurnModel', () => {
  it('predictions, contributions, explanations and importance are byte-identical after a JSON round trip (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.constantFrom('logistic', 'tree', 'forest', 'boosting'), (seed, algorithm) => {
        const d = synthetic(250, seed);
        const opts =
          algorithm === 'forest' ? { algorithm, trees: 8, seed } : algorithm === 'boosting' ? { algorithm, rounds: 15, minSamplesLeaf: 5 } : { algorithm };
        const model = trainChurnModel(d.matrix, d.labels, opts);
        const text = JSON.stringify(model.toJSON());
        const again = loadChurnModel(JSON.parse(text));
        const probe = synthetic(120, seed + 1).matrix;
        expect(bytes(again.predict(probe)).equals(bytes(model.predict(probe)))).toBe(true);
        const c1 = model.contributions(sliceRows(probe, 0, 10));
        const c2 = again.contributions(sliceRows(probe, 0, 10));
        expect(c2.base).toBe(c1.base);
        c1.values.forEach((v, r) => expect(bytes(c2.values[r]!).equals(bytes(v))).toBe(true));
        expect(again.explain(sliceRows(probe, 0, 3))).toEqual(model.explain(sliceRows(probe, 0, 3)));
        expect(again.importance()).toEqual(model.importance());
        expect(again.summary).toEqual(model.summary);
        expect(again.algorithm).toBe(algorithm);
        expect(JSON.stringify(again.toJSON())).toBe(text);
      }),
      { numRuns: 16, seed: 7 },
    );
  });

  describe('rejects damaged payloads with INVALID_MODEL and the path', () => {
    const d = synthetic(200, 1);
    const json = trainChurnModel(d.matrix, d.labels, { algorithm: 'tree', maxDepth: 3 }).toJSON();
    const mutate = (f: (j: ChurnModelJson) => void): unknown => {
      const j = JSON.parse(JSON.stringify(json)) as ChurnModelJson;
      f(j);
      return j;
    };
    it('wrong format or version', () => {
      expect(() => loadChurnModel(mutate((j) => ((j as { version: number }).version = 2)))).toThrowErrorMatchingInlineSnapshot(
        `[ChurnkitError: loadChurnModel: version must be 1 (the only version this churnkit reads); received 2.]`,
      );
      expect(() => loadChurnModel(null)).toThrowErrorMatchingInlineSnapshot(`[ChurnkitError: loadChurnModel: the payload must be an object; received null.]`);
    });
    it('a child pointing back up (a cycle) or a split on a column that does not exist', () => {
      expect(() =>
        loadChurnModel(
          mutate((j) => {
            j.trees![0]!.left[0] = 0;
            j.trees![0]!.right[0] = 1;
          }),
        ),
      ).toThrowErrorMatchingInlineSnapshot(`[ChurnkitError: loadChurnModel: trees.0.left.0 must be child ids greater than 0, each used once; received 0.]`);
      expect(() => loadChurnModel(mutate((j) => (j.trees![0]!.right[0] = 5)))).toThrow(/trees\.0\.right\.0 must be left \+ 1 = 2 \(children are stored in pairs\)/);
      expect(() => loadChurnModel(mutate((j) => (j.trees![0]!.feature[0] = 99)))).toThrowErrorMatchingInlineSnapshot(
        `[ChurnkitError: loadChurnModel: trees.0.feature.0 must be an integer in [-1, 8); received 99.]`,
      );
    });
    it('arrays of the wrong length, non-finite numbers (null after JSON) and bad preprocessing', () => {
      expect(() => loadChurnModel(mutate((j) => j.trees![0]!.value.pop()))).toThrow(/trees\.0\.value must be an array of \d+ numbers/);
      expect(() => loadChurnModel(mutate((j) => ((j.trees![0]!.threshold as unknown[])[0] = null)))).toThrow(/trees\.0\.threshold\.0 must be a finite number; received null/);
      expect(() => loadChurnModel(mutate((j) => (j.preprocessing.columns[0]!.scale = 0)))).toThrow(/preprocessing\.columns\.0\.scale must be a positive number/);
      expect(() => loadChurnModel(mutate((j) => (j.preprocessing.columns[0]!.input = 42)))).toThrow(/preprocessing\.columns\.0\.input must be an input index/);
      try {
        loadChurnModel(mutate((j) => (j.algorithm = 'svm' as never)));
        expect.unreachable();
      } catch (e) {
        expect((e as { code: string; path: unknown[] }).code).toBe('INVALID_MODEL');
        expect((e as { path: unknown[] }).path).toEqual(['algorithm']);
      }
    });
  });

  it('safeLoadChurnModel returns the problem instead of throwing, and the model when valid', () => {
    const d = synthetic(150, 2);
    const model = trainChurnModel(d.matrix, d.labels, { algorithm: 'logistic' });
    const good = safeLoadChurnModel(JSON.parse(JSON.stringify(model.toJSON())));
    expect(good.ok).toBe(true);
    if (good.ok) expect(Array.from(good.value.predict(d.matrix))).toEqual(Array.from(model.predict(d.matrix)));
    const bad = safeLoadChurnModel({ ...model.toJSON(), version: 2 });
    expect(bad).toEqual({
      ok: false,
      issues: [{ code: 'INVALID_MODEL', path: ['version'], message: 'loadChurnModel: version must be 1 (the only version this churnkit reads); received 2.', expected: '1 (the only version this churnkit reads)', received: 2 }],
    });
  });
});
