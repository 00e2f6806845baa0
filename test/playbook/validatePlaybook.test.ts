import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PLAYBOOK,
  PLAYBOOK_PRESETS,
  safeValidatePlaybook,
  validatePlaybook,
  type Playbook,
} from '../../src/playbook/index.js';
import type { LifecycleStage } from '../../src/segments/lifecycleStages.js';
import { PERSONAS } from '../../src/segments/PersonaName.js';
import { rfmSegments } from '../../src/segments/rfmSegments.js';
import { TAG_LIBRARY } from '../../src/segments/tagLibrary.js';
import { caught } from '../helpers/errors.js';

const deepFreeze = <T>(v: T): T => {
  if (v !== null && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
};

const minimal: Playbook = {
  version: 1,
  name: 'minimal',
  strategies: [{ id: 'call', appliesTo: { personas: ['disappointed'] }, channel: 'phone', action: 'call', successRate: 0.5, cost: 0, kpi: ['complaint_rate'] }],
};

describe('validatePlaybook / safeValidatePlaybook', () => {
  it('accepts a minimal playbook and returns the same (frozen) object', () => {
    const frozen = deepFreeze(JSON.parse(JSON.stringify(minimal)) as Playbook);
    expect(validatePlaybook(frozen)).toBe(frozen);
    expect(safeValidatePlaybook(frozen)).toEqual({ ok: true, value: minimal });
  });

  it('accepts the bounds: successRate 0 and 1, cost 0, priors 0 and 1, tag/segment/fallback matches', () => {
    const pb: Playbook = {
      version: 1,
      name: 'bounds',
      defaultValue: 0,
      riskPriors: { statuses: { churned: 1 }, personas: { none: 0 }, segments: { champions: 0.5 }, default: 0 },
      strategies: [
        { id: 'a', appliesTo: { tags: ['vip'] }, channel: 'c', action: 'a', successRate: 0, cost: 0, kpi: ['k'] },
        { id: 'b', appliesTo: { segments: ['x'], fallback: false }, channel: 'c', action: 'a', successRate: 1, cost: 5, kpi: ['k'] },
        { id: 'c', appliesTo: { fallback: true }, channel: 'c', action: 'a', successRate: 0.1, cost: 1, kpi: ['k'], guardrails: ['g'], rationale: 'r' },
      ],
    };
    expect(safeValidatePlaybook(pb).ok).toBe(true);
  });

  it('reports every issue with its path', () => {
    const res = safeValidatePlaybook({
      version: 2,
      name: '',
      colour: 'red',
      defaultValue: -1,
      riskPriors: { personas: { fading: 1.5, angry: 0.2 }, statuses: { churned: 0.9 } },
      strategies: [
        { id: 'a', appliesTo: { personas: ['price_sensitive', 'greedy'] }, channel: 'email', action: 'x', successRate: 0.2, cost: 1, kpi: ['k'] },
        { id: 'a', appliesTo: {}, channel: '', action: 'x', sucessRate: 0.2, cost: -3, kpi: [] },
        { id: 'b', appliesTo: { tags: ['vip', 'vip'], fallback: 'yes' }, channel: 'sms', action: 'x', successRate: NaN, cost: 1, kpi: ['k', 7], guardrails: 'no coupon' },
        'strategy',
      ],
    });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.issues.map((i) => i.path.join('.'))).toEqual([
      'colour',
      'version',
      'name',
      'defaultValue',
      'riskPriors.personas.fading',
      'riskPriors.personas.angry',
      'riskPriors.default',
      'strategies.0.appliesTo.personas.1',
      'strategies.1.sucessRate',
      'strategies.1.id',
      'strategies.1.appliesTo',
      'strategies.1.channel',
      'strategies.1.successRate',
      'strategies.1.cost',
      'strategies.1.kpi',
      'strategies.2.appliesTo.tags.1',
      'strategies.2.appliesTo.fallback',
      'strategies.2.successRate',
      'strategies.2.kpi.1',
      'strategies.2.guardrails',
      'strategies.3',
    ]);
    expect(res.issues.every((i) => i.code === 'INVALID_PLAYBOOK')).toBe(true);
    expect(res.issues.map((i) => i.message).slice(8, 10)).toMatchInlineSnapshot(`
      [
        "strategies.1.sucessRate must be absent (a strategy takes id, appliesTo, channel, action, successRate, cost, kpi, rationale, guardrails); received 0.2.",
        "strategies.1.id must be a unique id ("a" is also strategies.0.id); received "a".",
      ]
    `);
  });

  it('rejects non-objects and an empty strategy list', () => {
    for (const bad of [null, 3, 'playbook', [minimal]]) {
      const res = safeValidatePlaybook(bad);
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.issues.map((i) => i.path)).toEqual([[]]);
    }
    const res = safeValidatePlaybook({ version: 1, name: 'x', strategies: [] });
    expect(res.ok ? [] : res.issues.map((i) => i.expected)).toEqual(['a non-empty array of strategies']);
  });

  it('throws the first issue as INVALID_PLAYBOOK with path, expected, received and the count of the rest', () => {
    const err = caught(() => validatePlaybook({ ...minimal, strategies: [{ ...minimal.strategies[0], cost: -1, successRate: 2 }] }));
    expect(err.code).toBe('INVALID_PLAYBOOK');
    expect(err.path).toEqual(['strategies', 0, 'successRate']);
    expect(err.expected).toBe('a number in [0, 1]');
    expect(err.received).toBe(2);
    expect(err.message).toMatchInlineSnapshot(
      `"validatePlaybook: strategies.0.successRate must be a number in [0, 1]; received 2. (1 more issue; safeValidatePlaybook lists them all)"`,
    );
  });
});

describe('DEFAULT_PLAYBOOK and PLAYBOOK_PRESETS', () => {
  const all: [string, Playbook][] = [['default', DEFAULT_PLAYBOOK], ...Object.entries(PLAYBOOK_PRESETS)];

  it('has the three presets', () => {
    expect(Object.keys(PLAYBOOK_PRESETS)).toEqual(['retail', 'b2bManufacturing', 'healthcare']);
  });

  it.each(all)('%s validates, covers all four personas, has a fallback and priors for every persona', (name, pb) => {
    expect(validatePlaybook(pb)).toBe(pb);
    expect(pb.name).toBe(name);
    for (const p of PERSONAS) {
      expect(pb.strategies.some((s) => s.appliesTo.personas?.includes(p)), `${name} covers ${p}`).toBe(true);
      expect(pb.riskPriors?.personas?.[p], `${name} prior for ${p}`).toBeGreaterThan(0);
    }
    expect(pb.strategies.filter((s) => s.appliesTo.fallback === true)).toHaveLength(1);
    expect(pb.defaultValue).toBeGreaterThan(0);
    // every number is documented as an assumption
    for (const s of pb.strategies) expect(s.rationale, `${name}.${s.id}`).toMatch(/^Assumption/);
  });

  it.each(all)('%s survives a JSON round trip and is deeply frozen', (_name, pb) => {
    const copy = JSON.parse(JSON.stringify(pb)) as Playbook;
    expect(copy).toEqual(pb);
    expect(validatePlaybook(copy)).toBe(copy);
    expect(Object.isFrozen(pb)).toBe(true);
    expect(Object.isFrozen(pb.strategies)).toBe(true);
    expect(Object.isFrozen(pb.strategies[0]!.appliesTo.personas ?? pb.strategies[0]!.appliesTo)).toBe(true);
  });

  it('default: disappointed customers get no coupon first; price-sensitive ones do', () => {
    const forPersona = (p: string) => DEFAULT_PLAYBOOK.strategies.filter((s) => (s.appliesTo.personas as readonly string[] | undefined)?.includes(p));
    const disappointed = forPersona('disappointed');
    expect(disappointed.map((s) => s.id)).toEqual(['service_follow_up']);
    expect(disappointed.every((s) => !/coupon|discount|% off/i.test(s.action))).toBe(true);
    expect(disappointed[0]!.guardrails?.join(' ')).toMatch(/no coupon/);
    expect(disappointed[0]!.kpi).toEqual(['feedback_score', 'complaint_rate']);
    expect(forPersona('price_sensitive')[0]!.action).toMatch(/coupon/i);
    expect(forPersona('fading')[0]!.kpi).toEqual(['activity_rate_30d', 'click_through_rate']);
    expect(forPersona('lost_loyal')[0]!.action).toMatch(/VIP.*gift.*co-create/);
  });

  it('b2b and healthcare answer with advisors, training, reminders and care calls', () => {
    const ids = (pb: Playbook) => pb.strategies.map((s) => s.id);
    expect(ids(PLAYBOOK_PRESETS.b2bManufacturing)).toEqual(expect.arrayContaining(['dedicated_advisor', 'technical_training']));
    expect(ids(PLAYBOOK_PRESETS.healthcare)).toEqual(expect.arrayContaining(['follow_up_reminder', 'patient_care_call']));
    // the retail preset extends the default: every default strategy is in it, unchanged
    for (const s of DEFAULT_PLAYBOOK.strategies) expect(PLAYBOOK_PRESETS.retail.strategies).toContainEqual(s);
  });
});

describe('playbook names match the tag library and the RFM map', () => {
  it('every tag and segment a shipped playbook names exists in TAG_LIBRARY / rfmSegments / lifecycle stages', () => {
    const tagIds = new Set(TAG_LIBRARY.map((t) => t.id));
    // the six LifecycleStage names (a type, so listed here; a typo fails the satisfies check)
    const stages = ['new', 'active', 'declining', 'silent', 'churned', 'reactivated'] satisfies LifecycleStage[];
    const segmentNames = new Set([...rfmSegments.map((s) => s.segment), ...stages]);
    for (const pb of [DEFAULT_PLAYBOOK, ...Object.values(PLAYBOOK_PRESETS)]) {
      for (const s of pb.strategies) {
        for (const t of s.appliesTo.tags ?? []) expect(tagIds.has(t), `${pb.name}.${s.id} tag ${t}`).toBe(true);
        for (const g of s.appliesTo.segments ?? []) expect(segmentNames.has(g), `${pb.name}.${s.id} segment ${g}`).toBe(true);
      }
      expect(Object.keys(pb.riskPriors?.segments ?? {}).sort()).toEqual([...segmentNames].sort());
    }
  });

  it('service-problem tags never lead to a coupon or discount', () => {
    const service = ['complainer', 'detractor', 'refund_heavy', 'negative_sentiment'];
    for (const pb of [DEFAULT_PLAYBOOK, ...Object.values(PLAYBOOK_PRESETS)]) {
      for (const s of pb.strategies) {
        if (s.appliesTo.tags?.some((t) => service.includes(t))) expect(s.action, `${pb.name}.${s.id}`).not.toMatch(/coupon|discount|% off/i);
      }
    }
  });
});
