import { isPlainObject } from '../internal/args.js';
import { show } from '../internal/errors.js';
import { PERSONAS } from '../segments/PersonaName.js';
import { CHURN_STATUSES } from '../churn/churnStatus.js';
import type { PlaybookIssue } from './Playbook.js';

/** Persona names a playbook may refer to (the four personas and `none`). @internal */
export const PERSONA_NAMES: readonly string[] = [...PERSONAS, 'none'];
/** Churn status names a risk prior may refer to (see churnStatus). @internal */
export const STATUS_NAMES: readonly string[] = CHURN_STATUSES;

const PLAYBOOK_KEYS = ['version', 'name', 'description', 'currency', 'defaultValue', 'riskPriors', 'strategies'];
const STRATEGY_KEYS = ['id', 'appliesTo', 'channel', 'action', 'successRate', 'cost', 'kpi', 'rationale', 'guardrails'];
const MATCH_KEYS = ['personas', 'tags', 'segments', 'fallback'];
const PRIOR_KEYS = ['statuses', 'personas', 'segments', 'default'];

type Path = (string | number)[];

/** Collects every problem in a candidate playbook (never throws). @internal */
export function checkPlaybook(playbook: unknown): PlaybookIssue[] {
  const issues: PlaybookIssue[] = [];
  const issue = (path: Path, expected: string, received: unknown): void => {
    const where = path.length === 0 ? 'playbook' : path.join('.');
    issues.push({ code: 'INVALID_PLAYBOOK', path, message: `${where} must be ${expected}; received ${show(received)}.`, expected, received });
  };
  const unknownKeys = (o: Record<string, unknown>, path: Path, allowed: readonly string[], what: string): void => {
    for (const key of Object.keys(o)) {
      if (!allowed.includes(key)) issue([...path, key], `absent (${what} takes ${allowed.join(', ')})`, o[key]);
    }
  };
  const text = (o: Record<string, unknown>, key: string, path: Path, optional: boolean): void => {
    const v = o[key];
    if (v === undefined && optional) return;
    if (typeof v !== 'string' || v.trim() === '') issue([...path, key], 'a non-empty string', v);
  };
  const fraction = (v: unknown, path: Path): void => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) issue(path, 'a number in [0, 1]', v);
  };
  const nonNegative = (v: unknown, path: Path): void => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) issue(path, 'a finite number >= 0', v);
  };
  const names = (v: unknown, path: Path, allowed: readonly string[] | null, what: string): boolean => {
    if (!Array.isArray(v)) {
      issue(path, `an array of ${what}`, v);
      return false;
    }
    const seen = new Set<unknown>();
    v.forEach((x: unknown, i) => {
      if (typeof x !== 'string' || x === '' || (allowed !== null && !allowed.includes(x))) {
        issue([...path, i], allowed === null ? `a non-empty ${what.replace(/s$/, '')} name` : `one of ${allowed.join(', ')}`, x);
      } else if (seen.has(x)) issue([...path, i], `listed once (duplicate ${show(x)})`, x);
      seen.add(x);
    });
    return v.length > 0;
  };
  const priorMap = (v: unknown, path: Path, allowed: readonly string[] | null): void => {
    if (v === undefined) return;
    if (!isPlainObject(v)) {
      issue(path, 'an object of name → probability', v);
      return;
    }
    for (const [k, p] of Object.entries(v)) {
      if (allowed !== null && !allowed.includes(k)) issue([...path, k], `absent (names are ${allowed.join(', ')})`, p);
      else fraction(p, [...path, k]);
    }
  };

  if (!isPlainObject(playbook)) {
    issue([], 'a playbook object with version, name and strategies', playbook);
    return issues;
  }
  const p = playbook;
  unknownKeys(p, [], PLAYBOOK_KEYS, 'a playbook');
  if (p.version !== 1) issue(['version'], 'the number 1', p.version);
  text(p, 'name', [], false);
  text(p, 'description', [], true);
  text(p, 'currency', [], true);
  if (p.defaultValue !== undefined) nonNegative(p.defaultValue, ['defaultValue']);
  if (p.riskPriors !== undefined) {
    const r = p.riskPriors;
    if (!isPlainObject(r)) issue(['riskPriors'], 'an object with statuses, personas, segments and default', r);
    else {
      unknownKeys(r, ['riskPriors'], PRIOR_KEYS, 'riskPriors');
      priorMap(r.statuses, ['riskPriors', 'statuses'], STATUS_NAMES);
      priorMap(r.personas, ['riskPriors', 'personas'], PERSONA_NAMES);
      priorMap(r.segments, ['riskPriors', 'segments'], null);
      fraction(r.default, ['riskPriors', 'default']);
    }
  }
  const strategies = p.strategies;
  if (!Array.isArray(strategies) || strategies.length === 0) {
    issue(['strategies'], 'a non-empty array of strategies', strategies);
    return issues;
  }
  const ids = new Map<string, number>();
  strategies.forEach((s: unknown, i) => {
    const path: Path = ['strategies', i];
    if (!isPlainObject(s)) {
      issue(path, 'a strategy object', s);
      return;
    }
    unknownKeys(s, path, STRATEGY_KEYS, 'a strategy');
    text(s, 'id', path, false);
    if (typeof s.id === 'string' && s.id.trim() !== '') {
      const first = ids.get(s.id);
      if (first !== undefined) issue([...path, 'id'], `a unique id (${show(s.id)} is also strategies.${first}.id)`, s.id);
      else ids.set(s.id, i);
    }
    const m = s.appliesTo;
    if (!isPlainObject(m)) issue([...path, 'appliesTo'], 'an object with personas, tags, segments or fallback', m);
    else {
      unknownKeys(m, [...path, 'appliesTo'], MATCH_KEYS, 'appliesTo');
      let any = false;
      if (m.personas !== undefined) any = names(m.personas, [...path, 'appliesTo', 'personas'], PERSONA_NAMES, 'personas') || any;
      if (m.tags !== undefined) any = names(m.tags, [...path, 'appliesTo', 'tags'], null, 'tags') || any;
      if (m.segments !== undefined) any = names(m.segments, [...path, 'appliesTo', 'segments'], null, 'segments') || any;
      if (m.fallback !== undefined && typeof m.fallback !== 'boolean') issue([...path, 'appliesTo', 'fallback'], 'a boolean', m.fallback);
      if (m.fallback === true) any = true;
      if (!any) issue([...path, 'appliesTo'], 'at least one persona, tag or segment, or fallback: true', m);
    }
    text(s, 'channel', path, false);
    text(s, 'action', path, false);
    fraction(s.successRate, [...path, 'successRate']);
    nonNegative(s.cost, [...path, 'cost']);
    if (names(s.kpi, [...path, 'kpi'], null, 'KPIs') === false && Array.isArray(s.kpi)) issue([...path, 'kpi'], 'at least one KPI', s.kpi);
    text(s, 'rationale', path, true);
    if (s.guardrails !== undefined) {
      if (!Array.isArray(s.guardrails)) issue([...path, 'guardrails'], 'an array of strings', s.guardrails);
      else s.guardrails.forEach((g: unknown, j) => {
        if (typeof g !== 'string' || g.trim() === '') issue([...path, 'guardrails', j], 'a non-empty string', g);
      });
    }
  });
  return issues;
}
