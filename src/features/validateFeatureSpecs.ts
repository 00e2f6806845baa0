import { ROLES } from '../data/vocabulary.js';
import { ChurnkitError, show } from '../internal/errors.js';
import type { FeatureSpec } from './FeatureSpec.js';
import { specMeta } from './_specMeta.js';

const STATS: Record<string, readonly string[]> = {
  gap: ['mean', 'median', 'cv', 'overdue', 'slowdown'],
  survey: ['last', 'mean', 'change', 'detractor'],
  funnel: ['abandoned', 'cartSessions', 'abandonRate'],
  sentiment: ['mean', 'negativeShare'],
  activeRhythm: ['gapGrowth', 'countChange'],
  btyd: ['x', 't_x', 'T'],
};
/** Every feature operation, in the order docs/features.md lists them (its generator reads this). @internal */
export const FEATURE_OPS = [
  'count', 'activeDays', 'sum', 'mean', 'recency', 'tenure', 'ratio', 'weeklySlope', 'gap', 'survey',
  'attrShare', 'distinctAttr', 'funnel', 'campaignResponse', 'sentiment', 'textMatch', 'activeRhythm', 'btyd', 'attribute',
  'custom',
] as const satisfies readonly FeatureSpec['op'][];
const OPS: readonly string[] = FEATURE_OPS;
/** Keys each op accepts besides name/description/group/op. */
const KEYS: Record<string, readonly string[]> = {
  count: ['role', 'windowDays', 'offsetDays'],
  activeDays: ['role', 'windowDays', 'offsetDays'],
  sum: ['role', 'windowDays', 'offsetDays'],
  mean: ['role', 'windowDays', 'offsetDays'],
  recency: ['role'],
  tenure: [],
  ratio: ['numerator', 'denominator', 'unit'],
  weeklySlope: ['role', 'weeks'],
  gap: ['role', 'stat'],
  survey: ['role', 'stat', 'threshold'],
  attrShare: ['role', 'attrs', 'windowDays', 'offsetDays'],
  distinctAttr: ['role', 'attr', 'windowDays', 'offsetDays'],
  funnel: ['stat', 'windowDays', 'offsetDays', 'sessionGapMinutes'],
  campaignResponse: ['responseDays'],
  sentiment: ['stat', 'roles', 'windowDays', 'offsetDays'],
  textMatch: ['words', 'stat', 'roles', 'exclude', 'windowDays', 'offsetDays'],
  activeRhythm: ['stat', 'roles', 'recentGaps', 'spanDays'],
  btyd: ['stat', 'unit'],
  attribute: ['column', 'maxLevels'],
  custom: ['compute', 'unit', 'kind', 'nanMeaning'],
};
const REQUIRED: Record<string, readonly string[]> = {
  count: ['role'], sum: ['role'], mean: ['role'], ratio: ['numerator', 'denominator'], weeklySlope: ['role'],
  gap: ['role', 'stat'], survey: ['stat'], attrShare: ['role', 'attrs'], distinctAttr: ['role', 'attr'],
  funnel: ['stat'], sentiment: ['stat'], textMatch: ['words'], activeRhythm: ['stat'], btyd: ['stat'], attribute: ['column'], custom: ['name', 'compute'],
};

function fail(path: (string | number)[], expected: string, received: unknown): never {
  throw new ChurnkitError('INVALID_SPEC', `validateFeatureSpecs: ${path.join('.')} must be ${expected}; received ${show(received)}.`, {
    path,
    field: String(path[path.length - 1]),
    expected,
    received,
  });
}

function checkRole(v: unknown, path: (string | number)[]): void {
  if (typeof v !== 'string' || !(ROLES as readonly string[]).includes(v)) fail(path, `a role (${ROLES.join(', ')})`, v);
}

function checkRoles(v: unknown, path: (string | number)[]): void {
  if (v === undefined) return;
  if (!Array.isArray(v) || v.length === 0) fail(path, 'a non-empty array of roles', v);
  v.forEach((r: unknown, k: number) => checkRole(r, [...path, k]));
}

function checkNumber(v: unknown, path: (string | number)[], min: number, strict: boolean, integer = false): void {
  if (v === undefined) return;
  const ok = typeof v === 'number' && Number.isFinite(v) && (strict ? v > min : v >= min) && (!integer || Number.isInteger(v));
  if (!ok) fail(path, `a finite ${integer ? 'integer' : 'number'} ${strict ? '>' : '≥'} ${min}`, v);
}

function checkWindow(o: Record<string, unknown>, path: (string | number)[]): void {
  checkNumber(o['windowDays'], [...path, 'windowDays'], 0, true);
  checkNumber(o['offsetDays'], [...path, 'offsetDays'], 0, false);
}

/**
 * Checks feature specs received as data (from JSON, a database, a dashboard) before
 * extraction, so a bad spec fails with the path of the offending field rather than deep
 * inside the engine. {@link extractFeatures} calls it for you.
 *
 * Rules: `op` is a known operation; only that operation's keys appear; roles are roles;
 * windows are positive numbers of days; `stat` is one the operation offers; column names
 * (given or derived) are unique; custom specs carry a function.
 *
 * @param specs - the specs, usually parsed JSON
 * @returns the same array, typed
 * @throws ChurnkitError `INVALID_SPEC` with `path` such as `['features', 3, 'windowDays']`
 * @example
 * ```ts
 * validateFeatureSpecs([{ op: 'count', role: 'complaint', windowDays: 90 }]); // ok
 * validateFeatureSpecs([{ op: 'count', role: 'complaint', windowDays: -1 }]);
 * // throws INVALID_SPEC at ['features', 0, 'windowDays']
 * ```
 * @category Features
 */
export function validateFeatureSpecs(specs: unknown): FeatureSpec[] {
  if (!Array.isArray(specs)) fail(['features'], 'an array of feature specs', specs);
  const names = new Map<string, number>();
  specs.forEach((s: unknown, j: number) => {
    const p: (string | number)[] = ['features', j];
    if (s === null || typeof s !== 'object' || Array.isArray(s)) fail(p, 'a feature spec object', s);
    const o = s as Record<string, unknown>;
    const op = o['op'];
    if (typeof op !== 'string' || !OPS.includes(op)) fail([...p, 'op'], `one of ${OPS.join(', ')}`, op);
    const allowed = new Set(['op', 'name', 'description', 'group', ...(KEYS[op] ?? [])]);
    for (const k of Object.keys(o)) if (!allowed.has(k)) fail([...p, k], `absent (op "${op}" takes ${[...allowed].join(', ')})`, o[k]);
    for (const k of REQUIRED[op] ?? []) if (o[k] === undefined) fail([...p, k], `present for op "${op}"`, undefined);
    for (const k of ['name', 'description', 'group']) {
      if (o[k] !== undefined && (typeof o[k] !== 'string' || o[k] === '')) fail([...p, k], 'a non-empty string', o[k]);
    }
    if (o['role'] !== undefined) checkRole(o['role'], [...p, 'role']);
    checkWindow(o, p);
    const stats = STATS[op];
    if (stats !== undefined && !stats.includes(o['stat'] as string)) fail([...p, 'stat'], `one of ${stats.join(', ')}`, o['stat']);
    switch (op) {
      case 'ratio':
        for (const side of ['numerator', 'denominator'] as const) {
          const t = o[side];
          const tp = [...p, side];
          if (t === null || typeof t !== 'object' || Array.isArray(t)) fail(tp, '{ role, measure?, windowDays?, offsetDays? }', t);
          const to = t as Record<string, unknown>;
          for (const k of Object.keys(to)) if (!['role', 'measure', 'windowDays', 'offsetDays'].includes(k)) fail([...tp, k], 'absent (a ratio term takes role, measure, windowDays, offsetDays)', to[k]);
          checkRole(to['role'], [...tp, 'role']);
          if (to['measure'] !== undefined && to['measure'] !== 'count' && to['measure'] !== 'sum') fail([...tp, 'measure'], '"count" or "sum"', to['measure']);
          checkWindow(to, tp);
        }
        if (o['unit'] !== undefined && typeof o['unit'] !== 'string') fail([...p, 'unit'], 'a string', o['unit']);
        break;
      case 'weeklySlope':
        checkNumber(o['weeks'], [...p, 'weeks'], 2, false, true);
        break;
      case 'survey':
        checkNumber(o['threshold'], [...p, 'threshold'], -Infinity, true);
        break;
      case 'attrShare':
        if (!Array.isArray(o['attrs']) || o['attrs'].length === 0 || o['attrs'].some((a) => typeof a !== 'string' || a === '')) fail([...p, 'attrs'], 'a non-empty array of attribute names', o['attrs']);
        break;
      case 'distinctAttr':
        if (typeof o['attr'] !== 'string' || o['attr'] === '') fail([...p, 'attr'], 'an attribute name', o['attr']);
        break;
      case 'funnel':
        checkNumber(o['sessionGapMinutes'], [...p, 'sessionGapMinutes'], 0, true);
        break;
      case 'campaignResponse':
        checkNumber(o['responseDays'], [...p, 'responseDays'], 0, true);
        break;
      case 'sentiment':
        checkRoles(o['roles'], [...p, 'roles']);
        break;
      case 'textMatch':
        if (!Array.isArray(o['words']) || o['words'].length === 0) fail([...p, 'words'], 'a non-empty array of words', o['words']);
        o['words'].forEach((w: unknown, k: number) => {
          if (typeof w !== 'string' || w.trim() === '') fail([...p, 'words', k], 'a non-empty string', w);
        });
        if (o['stat'] !== undefined && o['stat'] !== 'count' && o['stat'] !== 'share') fail([...p, 'stat'], '"count" or "share"', o['stat']);
        if (o['exclude'] !== undefined && o['exclude'] !== 'positive') fail([...p, 'exclude'], '"positive"', o['exclude']);
        checkRoles(o['roles'], [...p, 'roles']);
        break;
      case 'activeRhythm':
        checkRoles(o['roles'], [...p, 'roles']);
        checkNumber(o['recentGaps'], [...p, 'recentGaps'], 1, false, true);
        checkNumber(o['spanDays'], [...p, 'spanDays'], 0, true);
        break;
      case 'btyd':
        if (o['unit'] !== undefined && o['unit'] !== 'day' && o['unit'] !== 'week') fail([...p, 'unit'], '"day" or "week"', o['unit']);
        break;
      case 'attribute':
        if (typeof o['column'] !== 'string' || o['column'] === '') fail([...p, 'column'], 'a customer-table column name', o['column']);
        checkNumber(o['maxLevels'], [...p, 'maxLevels'], 1, false, true);
        break;
      case 'custom':
        if (typeof o['compute'] !== 'function') fail([...p, 'compute'], 'a function (slice) => number', o['compute']);
        // Not categorical: a custom function cannot name the levels its codes stand for.
        if (o['kind'] !== undefined && o['kind'] !== 'numeric' && o['kind'] !== 'binary') fail([...p, 'kind'], '"numeric" or "binary"', o['kind']);
        if (o['unit'] !== undefined && typeof o['unit'] !== 'string') fail([...p, 'unit'], 'a string', o['unit']);
        if (o['nanMeaning'] !== undefined && typeof o['nanMeaning'] !== 'string') fail([...p, 'nanMeaning'], 'a string', o['nanMeaning']);
        break;
      default:
        break;
    }
    if (op !== 'attribute') {
      const name = specMeta(o as unknown as FeatureSpec).name;
      const prev = names.get(name);
      if (prev !== undefined) fail([...p, 'name'], `a column name not used by features[${prev}]`, name);
      names.set(name, j);
    }
  });
  return specs as FeatureSpec[];
}
