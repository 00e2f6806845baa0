import { describe, expect, it } from 'vitest';
import { ChurnkitError } from '../../src/internal/errors.js';
import { defaultFeatures } from '../../src/features/defaultFeatures.js';
import { featureMeta } from '../../src/features/featureMeta.js';
import { safeValidateFeatureSpecs } from '../../src/features/safeValidateFeatureSpecs.js';
import { validateFeatureSpecs } from '../../src/features/validateFeatureSpecs.js';

function failure(specs: unknown): ChurnkitError {
  try {
    validateFeatureSpecs(specs);
  } catch (e) {
    if (e instanceof ChurnkitError) return e;
    throw e;
  }
  throw new Error('expected validateFeatureSpecs to throw');
}

describe('validateFeatureSpecs', () => {
  it('accepts the default catalogue after a JSON round trip (specs are data)', () => {
    const json = JSON.parse(JSON.stringify(defaultFeatures)) as unknown;
    expect(validateFeatureSpecs(json)).toEqual(defaultFeatures);
    expect(new Set(defaultFeatures.map((s) => featureMeta(s).name)).size).toBe(defaultFeatures.length);
  });

  it('reports the path, expectation and received value of the first bad field', () => {
    const e = failure([{ op: 'count', role: 'purchase' }, { op: 'count', role: 'complaint', windowDays: -1 }]);
    expect(e.code).toBe('INVALID_SPEC');
    expect(e.path).toEqual(['features', 1, 'windowDays']);
    expect(e.received).toBe(-1);
    expect(e.message).toMatchInlineSnapshot(`"validateFeatureSpecs: features.1.windowDays must be a finite number > 0; received -1."`);
  });

  it.each([
    ['not an array', { op: 'count' }, ['features']],
    ['unknown op', [{ op: 'median' }], ['features', 0, 'op']],
    ['unknown role', [{ op: 'count', role: 'purchases' }], ['features', 0, 'role']],
    ['missing role', [{ op: 'count' }], ['features', 0, 'role']],
    ['unknown key', [{ op: 'tenure', windowDays: 3 }], ['features', 0, 'windowDays']],
    ['bad stat', [{ op: 'gap', role: 'purchase', stat: 'max' }], ['features', 0, 'stat']],
    ['NaN offset', [{ op: 'count', role: 'purchase', offsetDays: Number.NaN }], ['features', 0, 'offsetDays']],
    ['bad ratio term', [{ op: 'ratio', numerator: { role: 'refund', measure: 'avg' }, denominator: { role: 'purchase' } }], ['features', 0, 'numerator', 'measure']],
    ['weeks below 2', [{ op: 'weeklySlope', role: 'activity', weeks: 1 }], ['features', 0, 'weeks']],
    ['empty attrs', [{ op: 'attrShare', role: 'purchase', attrs: [] }], ['features', 0, 'attrs']],
    ['bad sentiment role', [{ op: 'sentiment', stat: 'mean', roles: ['ticket', 'x'] }], ['features', 0, 'roles', 1]],
    ['btyd unit', [{ op: 'btyd', stat: 'x', unit: 'month' }], ['features', 0, 'unit']],
    ['custom code as a string', [{ op: 'custom', name: 'x', compute: 'return 1' }], ['features', 0, 'compute']],
    ['duplicate column', [{ op: 'count', role: 'purchase' }, { op: 'count', role: 'purchase' }], ['features', 1, 'name']],
    ['null spec', [null], ['features', 0]],
  ])('%s → INVALID_SPEC at its path', (_label, specs, path) => {
    const e = failure(specs);
    expect(e.code).toBe('INVALID_SPEC');
    expect(e.path).toEqual(path);
  });

  it('derives distinct names from parameters, and explicit names win', () => {
    expect(featureMeta({ op: 'count', role: 'complaint', windowDays: 90 }).name).toBe('complaint_count_90d');
    expect(featureMeta({ op: 'count', role: 'featureUse', windowDays: 30, offsetDays: 30 }).name).toBe('feature_use_count_30d_before30d');
    expect(featureMeta({ op: 'count', role: 'complaint', name: 'c' }).name).toBe('c');
    expect(featureMeta({ op: 'gap', role: 'purchase', stat: 'cv' }).nanMeaning).toBe('fewer than three purchase days');
  });

  it('safeValidateFeatureSpecs returns the issue instead of throwing', () => {
    const bad = safeValidateFeatureSpecs([{ op: 'count', role: 'complaints' }]);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect([bad.issue.code, bad.issue.path]).toEqual(['INVALID_SPEC', ['features', 0, 'role']]);
    const good = safeValidateFeatureSpecs([{ op: 'tenure' }]);
    expect(good).toEqual({ ok: true, value: [{ op: 'tenure' }] });
  });
});

describe('featureMeta validates the spec it describes', () => {
  it('throws INVALID_SPEC with the path instead of a TypeError or a nonsense name', () => {
    expect(featureMeta({ op: 'count', role: 'complaint', windowDays: 90 }).name).toBe('complaint_count_90d');
    for (const bad of [{ op: 'bogus' }, { op: 'count' }, { op: 'count', role: 'purchase', windowDays: -5 }]) {
      expect(() => featureMeta(bad as never)).toThrow(expect.objectContaining({ code: 'INVALID_SPEC' }));
    }
  });
});
