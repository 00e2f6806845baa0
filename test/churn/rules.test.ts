import { describe, expect, it } from 'vitest';
import { ChurnkitError } from '../../src/internal/errors.js';
import { safeValidateChurnRule, validateChurnRule, type ChurnRule } from '../../src/churn/index.js';
import { deepFreeze } from './_logs.js';

describe('validateChurnRule / safeValidateChurnRule', () => {
  const good: ChurnRule[] = [
    { kind: 'inactivity', days: 30 },
    { kind: 'inactivity', days: 0.5, roles: ['purchase', 'activity'], types: ['pos_sale'], name: 'grocery' },
    { kind: 'cancellation' },
    { kind: 'cancellation', types: ['churn'], undoTypes: ['winback'], effectiveDateAttr: 'ends_on', graceDays: 0 },
    { kind: 'valueDrop', measure: 'spend', windowDays: 90, baselineDays: 90, ratio: 0.5 },
    { kind: 'valueDrop', measure: 'activity', windowDays: 7, baselineDays: 28, ratio: 1 },
    { kind: 'overdue', multiple: 3, minPurchases: 2, fallback: { kind: 'inactivity', days: 90 } },
    { kind: 'anyOf', rules: [{ kind: 'cancellation' }, { kind: 'allOf', rules: [{ kind: 'inactivity', days: 1 }] }] },
  ];

  it('accepts valid rules, returns them unchanged, survives JSON round trips and frozen input', () => {
    for (const r of good) {
      const frozen = deepFreeze(JSON.parse(JSON.stringify(r)) as ChurnRule);
      expect(validateChurnRule(frozen)).toBe(frozen);
      expect(safeValidateChurnRule(frozen)).toEqual({ ok: true, value: r });
    }
  });

  it('reports every issue with its path', () => {
    const res = safeValidateChurnRule({
      kind: 'anyOf',
      rules: [
        { kind: 'inactivity', day: 30 },
        { kind: 'valueDrop', measure: 'revenue', windowDays: 0, baselineDays: 30, ratio: 1.5 },
        { kind: 'overdue', multiple: 2, minPurchases: 1.5 },
        { kind: 'cancellation', roles: ['cancel', 'quit'], graceDays: -1, effectiveDateAttr: '' },
        'inactivity',
      ],
    });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.issues.map((i) => i.path.join('.'))).toEqual([
      'rules.0.day',
      'rules.0.days',
      'rules.1.measure',
      'rules.1.windowDays',
      'rules.1.ratio',
      'rules.2.minPurchases',
      'rules.2.fallback',
      'rules.3.roles.1',
      'rules.3.effectiveDateAttr',
      'rules.3.graceDays',
      'rules.4',
    ]);
    expect(res.issues.every((i) => i.code === 'INVALID_RULE')).toBe(true);
    expect(res.issues[4]!.message).toMatchInlineSnapshot(`"rules.1.ratio must be a finite number > 0 and <= 1; received 1.5."`);
  });

  it('throws the first issue as a ChurnkitError with path, expected and received', () => {
    let err: ChurnkitError | undefined;
    try {
      validateChurnRule({ kind: 'allOf', rules: [{ kind: 'inactivity', days: -1 }, { kind: 'nope' }] });
    } catch (e) {
      err = e as ChurnkitError;
    }
    expect(err).toBeInstanceOf(ChurnkitError);
    expect(err!.code).toBe('INVALID_RULE');
    expect(err!.path).toEqual(['rules', 0, 'days']);
    expect(err!.received).toBe(-1);
    expect(err!.message).toMatchInlineSnapshot(
      `"validateChurnRule: rules.0.days must be a finite number > 0; received -1. (1 more issue; safeValidateChurnRule lists them all)"`,
    );
  });

  it('rejects non-objects, unknown kinds, empty combinations and cycles', () => {
    for (const bad of [null, 3, 'inactivity', [], { kind: 'sometimes' }, { kind: 'anyOf', rules: [] }, { days: 30 }]) {
      expect(safeValidateChurnRule(bad).ok).toBe(false);
    }
    const cyc: { kind: 'anyOf'; rules: unknown[] } = { kind: 'anyOf', rules: [] };
    cyc.rules.push(cyc);
    const res = safeValidateChurnRule(cyc);
    expect(res.ok ? [] : res.issues.map((i) => i.path)).toEqual([['rules', 0]]);
    let deep: unknown = { kind: 'inactivity', days: 1 };
    for (let i = 0; i < 40; i++) deep = { kind: 'anyOf', rules: [deep] };
    expect(safeValidateChurnRule(deep).ok).toBe(false);
  });
});
