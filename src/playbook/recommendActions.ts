import type { ChurnStatusName } from '../churn/churnStatus.js';
import { NeumaierSum } from '../internal/neumaier.js';
import { byIdOption, isPlainObject, optionsOf } from '../internal/args.js';
import { ChurnkitError, invalidOption, show } from '../internal/errors.js';
import type { PersonaName } from '../segments/PersonaName.js';
import type { PersonaReason } from '../segments/PersonaTable.js';
import { DEFAULT_PLAYBOOK } from './defaultPlaybook.js';
import type { PlaybookStrategy } from './Playbook.js';
import type {
  CustomerColumns,
  CustomerProfile,
  MatchLevel,
  PerCustomer,
  Recommendation,
  RecommendationResult,
  RecommendOptions,
  RiskSource,
  StrategyTotals,
} from './Recommendation.js';
import { PERSONA_NAMES, STATUS_NAMES } from './_checkPlaybook.js';
import { assertPlaybook } from './validatePlaybook.js';

const FN = 'recommendActions';
const OPTION_KEYS = ['playbook', 'risk', 'value', 'tags', 'segment', 'status', 'budget'];

/**
 * Picks, for each customer, the playbook strategy with the highest expected value saved, and
 * returns a prioritised contact list, within a budget if one is given.
 *
 * The "recommend win-back actions" step of the churn loop: personas (or tags, segments) say
 * which treatments fit, the churn model says who is at risk, the customer value says who is
 * worth the cost. For customer i and strategy s (after Neslin et al. 2006, "Defection
 * detection", J. Marketing Research 43(2); Verbraken et al. 2013, IEEE TKDE 25(5)):
 *
 *     expectedValueSaved = risk_i × value_i × successRate_s − cost_s
 *
 * where `successRate` is the share of would-be churners the action keeps and `cost` the
 * expected cost per contact (incentive included).
 *
 * - **Matching**, per customer: strategies for the customer's persona; if none, for any of its
 *   tags; if none, for its segment; if none, `fallback` strategies (the first level with a
 *   match decides; see {@link StrategyMatch}). The best by expected value saved wins; ties go
 *   to the strategy listed first.
 * - **Risk**: the customer's `risk`, else `options.risk`; when missing (or NaN) a prior from
 *   the playbook's `riskPriors`: by churn status, else persona, else segment, else `default`.
 *   The source is in each recommendation and counted in the summary.
 * - **Value**: the customer's `value`, else `options.value`, else the playbook's `defaultValue`
 *   (a placeholder; counted in `summary.valueSources`).
 * - **Tables**: `tags` may be a `TagTable` (`applyTags`), `segment` an `RfmTable` (`scoreRfm`) or
 *   a `StageTable` (`lifecycleStages`), `status` a `StatusTable` (`churnStatus`); they are joined
 *   by customer id, so their rows need not match the customers'. Arrays are read by row; Maps by id.
 * - **Exclusions**: customers whose best expected value saved is ≤ 0 are not recommended.
 * - **Order and budget**: by expected value saved, highest first, ties by customer id (code-unit
 *   order), so the output does not depend on input order. With a `budget`, first-fit greedy
 *   in that order: a recommendation is kept when the total cost stays within the budget
 *   (1e-9 relative slack for rounding), otherwise counted in `overBudget` and the next
 *   (cheaper) one is tried. Greedy by value, not an optimal knapsack.
 *
 * O(n·s + n log n) for n customers and s strategies.
 *
 * @param customers - a table of columns ({@link CustomerColumns}: a `PersonaTable` from
 *   `assignPersonas`, or a `TagTable`, `RfmTable`, `StageTable`, `StatusTable`) or an array of
 *   {@link CustomerProfile}
 * @param options - {@link RecommendOptions}: playbook, risk, value, tags, segment, status, budget
 * @returns the recommendations (rank 1 first) and a {@link RecommendationSummary}
 * @throws ChurnkitError `INVALID_INPUT` for a bad customer row or a risk outside [0, 1], or when
 *   a customer has no risk and the playbook no risk prior (or no value and no `defaultValue`);
 *   `DUPLICATE_CUSTOMER`; `LENGTH_MISMATCH` for per-customer arrays of another length;
 *   `INVALID_OPTION`; `INVALID_PLAYBOOK` (path under `['options', 'playbook']`)
 * @example
 * ```ts
 * const { recommendations, summary } = recommendActions(
 *   [{ customerId: 'C1', persona: 'disappointed', risk: 0.72, value: 340, reasons: ['3 complaints in 90 days'] }],
 *   { budget: 500 },
 * );
 * recommendations[0].strategyId; // 'service_follow_up'
 * recommendations[0].reason;
 * // 'disappointed: 3 complaints in 90 days; risk 72% × value 340 × success 25% − cost 12 = 49.2'
 * summary.totalCost; // 12
 * ```
 * @category Playbook
 */
export function recommendActions(customers: CustomerColumns | readonly CustomerProfile[], options?: RecommendOptions): RecommendationResult {
  const opts = optionsOf(FN, options);
  for (const key of Object.keys(opts)) {
    if (!OPTION_KEYS.includes(key)) invalidOption(FN, key, `absent (options are ${OPTION_KEYS.join(', ')})`, (opts as Record<string, unknown>)[key]);
  }
  const playbook = opts.playbook === undefined ? DEFAULT_PLAYBOOK : assertPlaybook(opts.playbook, FN, ['options', 'playbook']);
  const budget = opts.budget;
  if (budget !== undefined && (typeof budget !== 'number' || !Number.isFinite(budget) || budget < 0)) {
    invalidOption(FN, 'budget', 'a finite number >= 0', budget);
  }
  const rows = readCustomers(customers);
  const n = rows.length;
  const lookup = {
    risk: perCustomer<number>('risk', opts.risk, n, (v) => typeof v === 'number'),
    value: typeof opts.value === 'number' ? null : perCustomer<number>('value', opts.value, n, (v) => typeof v === 'number'),
    tags: perCustomer<readonly string[]>('tags', opts.tags, n, (v) => Array.isArray(v) && v.every((t) => typeof t === 'string'), ['tags']),
    segment: perCustomer<string>('segment', opts.segment, n, (v) => typeof v === 'string', ['segment', 'stage']),
    status: perCustomer<ChurnStatusName>('status', opts.status, n, (v) => typeof v === 'string' && STATUS_NAMES.includes(v), ['status']),
  };
  if (typeof opts.value === 'number' && !Number.isFinite(opts.value)) invalidOption(FN, 'value', 'a finite number or per-customer values', opts.value);

  const strategies = playbook.strategies;
  const index = indexStrategies(strategies);
  const priors = playbook.riskPriors;
  const riskSources: Record<RiskSource, number> = { score: 0, status: 0, persona: 0, segment: 0, default: 0 };
  const valueSources = { input: 0, default: 0 };
  const candidates: Candidate[] = [];
  let noStrategy = 0;
  let notWorthIt = 0;

  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    const id = row.customerId;
    const persona = row.persona;
    const tags = row.tags ?? lookup.tags?.(i, id);
    const segment = row.segment ?? lookup.segment?.(i, id);
    const status = row.status ?? lookup.status?.(i, id);

    // risk: the customer's score, else options.risk, else a prior
    let risk = row.risk ?? lookup.risk?.(i, id);
    let riskSource: RiskSource = 'score';
    let riskKey = '';
    if (risk === undefined || Number.isNaN(risk)) {
      const sp = status === undefined ? undefined : priors?.statuses?.[status];
      const pp = priors?.personas?.[persona];
      const gp = segment === undefined || priors?.segments === undefined || !Object.hasOwn(priors.segments, segment) ? undefined : priors.segments[segment];
      if (sp !== undefined) [risk, riskSource, riskKey] = [sp, 'status', status!];
      else if (pp !== undefined) [risk, riskSource, riskKey] = [pp, 'persona', persona];
      else if (gp !== undefined) [risk, riskSource, riskKey] = [gp, 'segment', segment!];
      else if (priors !== undefined) [risk, riskSource] = [priors.default, 'default'];
      else {
        throw new ChurnkitError('INVALID_INPUT', `${FN}: customer ${show(id)} has no risk score and playbook "${playbook.name}" has no riskPriors; pass options.risk or add riskPriors.`, {
          row: i,
          field: 'risk',
          expected: 'a churn probability in [0, 1] or a playbook with riskPriors',
          received: risk,
        });
      }
    } else if (!(risk >= 0 && risk <= 1)) {
      throw new ChurnkitError('INVALID_INPUT', `${FN}: risk of customer ${show(id)} must be a probability in [0, 1]; received ${show(risk)}.`, {
        row: i,
        field: 'risk',
        expected: 'a number in [0, 1]',
        received: risk,
      });
    }
    riskSources[riskSource]++;

    // value: the customer's, else options.value, else the playbook's default
    let value = row.value ?? (typeof opts.value === 'number' ? opts.value : lookup.value?.(i, id));
    let valueSource: 'input' | 'default' = 'input';
    if (value === undefined || Number.isNaN(value)) {
      if (playbook.defaultValue === undefined) {
        throw new ChurnkitError('INVALID_INPUT', `${FN}: customer ${show(id)} has no value and playbook "${playbook.name}" has no defaultValue; pass options.value.`, {
          row: i,
          field: 'value',
          expected: 'a finite customer value or a playbook with defaultValue',
          received: value,
        });
      }
      value = playbook.defaultValue;
      valueSource = 'default';
    } else if (!Number.isFinite(value)) {
      throw new ChurnkitError('INVALID_INPUT', `${FN}: value of customer ${show(id)} must be finite; received ${show(value)}.`, {
        row: i,
        field: 'value',
        expected: 'a finite number',
        received: value,
      });
    }
    valueSources[valueSource]++;

    // matching level: persona, tag, segment, fallback
    let level: MatchLevel = 'persona';
    let list = index.persona.get(persona);
    let matchedTag = '';
    if (list === undefined && tags !== undefined && tags.length > 0) {
      const hit = new Set<number>();
      for (const t of tags) for (const s of index.tag.get(t) ?? []) hit.add(s);
      if (hit.size > 0) {
        level = 'tag';
        list = [...hit].sort((a, b) => a - b);
      }
    }
    if (list === undefined && segment !== undefined) {
      list = index.segment.get(segment);
      if (list !== undefined) level = 'segment';
    }
    if (list === undefined && index.fallback.length > 0) {
      list = index.fallback;
      level = 'fallback';
    }
    if (list === undefined) {
      noStrategy++;
      continue;
    }
    let best = -1;
    let bestEv = -Infinity;
    for (const s of list) {
      const st = strategies[s]!;
      const ev = risk * value * st.successRate - st.cost;
      if (ev > bestEv) [best, bestEv] = [s, ev];
    }
    if (!(bestEv > 0)) {
      notWorthIt++;
      continue;
    }
    if (level === 'tag') {
      const st = strategies[best]!.appliesTo.tags!;
      matchedTag = tags!.find((t) => st.includes(t))!;
    }
    const label =
      level === 'persona' ? persona : level === 'tag' ? `tag ${matchedTag}` : level === 'segment' ? `segment ${segment!}` : persona === 'none' ? 'no persona' : `${persona} (fallback)`;
    const why = row.reasons !== undefined && row.reasons.length > 0 ? `: ${row.reasons.join('; ')}` : '';
    candidates.push({ id, persona, strategy: best, ev: bestEv, risk, riskSource, riskKey, value, valueSource, level, label: label + why });
  }

  candidates.sort((a, b) => (b.ev - a.ev) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const totalCost = new NeumaierSum();
  const totalEv = new NeumaierSum();
  const perStrategy = strategies.map(() => ({ count: 0, cost: new NeumaierSum(), ev: new NeumaierSum() }));
  const limit = budget === undefined ? Infinity : budget + 1e-9 * Math.max(1, budget);
  const recommendations: Recommendation[] = [];
  let overBudget = 0;
  for (const c of candidates) {
    const st = strategies[c.strategy]!;
    if (totalCost.value + st.cost > limit) {
      overBudget++;
      continue;
    }
    totalCost.add(st.cost);
    totalEv.add(c.ev);
    const acc = perStrategy[c.strategy]!;
    acc.count++;
    acc.cost.add(st.cost);
    acc.ev.add(c.ev);
    recommendations.push(Object.freeze({
      customerId: c.id,
      persona: c.persona,
      strategyId: st.id,
      channel: st.channel,
      action: st.action,
      kpi: Object.freeze([...st.kpi]),
      expectedValueSaved: c.ev,
      cost: st.cost,
      risk: c.risk,
      value: c.value,
      successRate: st.successRate,
      reason: reasonText(c, st),
      rank: recommendations.length + 1,
      matchedBy: c.level,
      riskSource: c.riskSource,
      valueSource: c.valueSource,
    }));
  }
  const byStrategy: StrategyTotals[] = strategies.map((s, k) => {
    const acc = perStrategy[k]!;
    return Object.freeze({ strategyId: s.id, count: acc.count, cost: acc.cost.value, expectedValueSaved: acc.ev.value });
  });
  return Object.freeze({
    recommendations: Object.freeze(recommendations),
    summary: Object.freeze({
      customers: n,
      recommended: recommendations.length,
      noStrategy,
      notWorthIt,
      overBudget,
      budget: budget ?? null,
      totalCost: totalCost.value,
      budgetLeft: budget === undefined ? null : budget - totalCost.value,
      totalExpectedValueSaved: totalEv.value,
      byStrategy: Object.freeze(byStrategy),
      riskSources: Object.freeze(riskSources),
      valueSources: Object.freeze(valueSources),
    }),
  });
}

interface Row {
  customerId: string;
  persona: PersonaName;
  tags: readonly string[] | undefined;
  segment: string | undefined;
  status: ChurnStatusName | undefined;
  risk: number | undefined;
  value: number | undefined;
  reasons: readonly string[] | undefined;
}

interface Candidate {
  id: string;
  persona: PersonaName;
  strategy: number;
  ev: number;
  risk: number;
  riskSource: RiskSource;
  riskKey: string;
  value: number;
  valueSource: 'input' | 'default';
  level: MatchLevel;
  label: string;
}

/** Rounds to 2 decimals for display ("46.2", "340"). */
function money(x: number): string {
  const r = Math.round(x * 100) / 100;
  return String(r === 0 ? 0 : r);
}

/** A probability as a percentage with at most one decimal ("72%", "12.5%"). */
function percent(x: number): string {
  return `${String(Math.round(x * 1000) / 10)}%`;
}

function reasonText(c: Candidate, st: PlaybookStrategy): string {
  const riskNote = c.riskSource === 'score' ? '' : c.riskSource === 'default' ? ' (default prior)' : ` (prior for ${c.riskSource} ${c.riskKey})`;
  const valueNote = c.valueSource === 'default' ? ' (playbook default)' : '';
  return `${c.label}; risk ${percent(c.risk)}${riskNote} × value ${money(c.value)}${valueNote} × success ${percent(st.successRate)} − cost ${money(st.cost)} = ${money(c.ev)}`;
}

interface StrategyIndex {
  persona: Map<string, number[]>;
  tag: Map<string, number[]>;
  segment: Map<string, number[]>;
  fallback: number[];
}

function indexStrategies(strategies: readonly PlaybookStrategy[]): StrategyIndex {
  const index: StrategyIndex = { persona: new Map(), tag: new Map(), segment: new Map(), fallback: [] };
  const put = (m: Map<string, number[]>, key: string, s: number): void => {
    const list = m.get(key);
    if (list === undefined) m.set(key, [s]);
    else list.push(s);
  };
  strategies.forEach((st, s) => {
    for (const p of st.appliesTo.personas ?? []) put(index.persona, p, s);
    for (const t of st.appliesTo.tags ?? []) put(index.tag, t, s);
    for (const g of st.appliesTo.segments ?? []) put(index.segment, g, s);
    if (st.appliesTo.fallback === true) index.fallback.push(s);
  });
  return index;
}

/**
 * A per-customer option as a lookup (row, id) → value | undefined; null when the option is absent.
 * Accepts a Map or a record by id, a table `{ customerIds, <column> }` (joined by id) or an array aligned with the rows.
 */
function perCustomer<T>(
  name: string,
  source: PerCustomer<T> | object | undefined,
  n: number,
  ok: (v: unknown) => boolean,
  columns: readonly string[] = [],
): ((row: number, id: string) => T | undefined) | null {
  if (source === undefined) return null;
  const check = (v: unknown, at: string): void => {
    if (!ok(v)) invalidOption(FN, name, `valid per-customer values (bad value at ${at})`, v);
  };
  const table = source as { customerIds?: unknown } & Record<string, unknown>;
  const column = columns.find((c) => typeof table === 'object' && table !== null && Array.isArray(table[c]));
  if (column !== undefined && Array.isArray(table.customerIds)) {
    const ids = table.customerIds as readonly unknown[];
    const values = table[column] as readonly unknown[];
    if (values.length !== ids.length) {
      throw new ChurnkitError('LENGTH_MISMATCH', `${FN}: options.${name} has ${ids.length} customer ids but ${values.length} ${column} entries.`, {
        path: ['options', name, column],
        expected: `${ids.length} entries`,
        received: values.length,
      });
    }
    const map = new Map<string, T>();
    ids.forEach((id, i) => {
      check(values[i], `${column}[${i}]`);
      map.set(String(id), values[i] as T);
    });
    return (_row, id) => map.get(id);
  }
  if (typeof source === 'object' && source !== null && typeof (source as ReadonlyMap<string, T>).get === 'function' && typeof (source as ReadonlyMap<string, T>).forEach === 'function') {
    // a Map by customer id (keys read as the strings they spell, as the log keeps ids)
    const entries = new Map<unknown, unknown>();
    (source as ReadonlyMap<unknown, unknown>).forEach((v, id) => entries.set(id, v));
    const byId = byIdOption(FN, name, entries, (v): v is T => ok(v), 'a valid per-customer value');
    return (_row, id) => byId.get(id);
  }
  if (isPlainObject(source) && typeof (source as { length?: unknown }).length !== 'number' && !('customerIds' in source)) {
    // a record { [customer id]: value }, as analyzeChurn's value takes
    const byId = byIdOption(FN, name, source, (v): v is T => ok(v), 'a valid per-customer value');
    return (_row, id) => byId.get(id);
  }
  if (typeof source !== 'object' || source === null || typeof (source as ArrayLike<T>).length !== 'number') {
    invalidOption(FN, name, `an array aligned with the customers, a Map or a record keyed by customer id${columns.length > 0 ? ` or a table { customerIds, ${columns.join(' | ')} }` : ''}`, source);
  }
  const arr = source as ArrayLike<T>;
  if (arr.length !== n) {
    throw new ChurnkitError('LENGTH_MISMATCH', `${FN}: options.${name} has ${arr.length} entries for ${n} customers.`, {
      path: ['options', name],
      expected: `${n} entries (one per customer) or a Map keyed by customer id`,
      received: arr.length,
    });
  }
  for (let i = 0; i < n; i++) check(arr[i], `row ${i}`);
  return (row) => arr[row];
}

function readCustomers(customers: unknown): Row[] {
  const rows: Row[] = [];
  const seen = new Map<string, number>();
  const bad = (i: number, field: string, expected: string, received: unknown): never => {
    throw new ChurnkitError('INVALID_INPUT', `${FN}: customers[${i}].${field} must be ${expected}; received ${show(received)}.`, {
      row: i,
      field,
      expected,
      received,
    });
  };
  const add = (r: Record<string, unknown>, i: number): void => {
    const id = r.customerId;
    if (typeof id !== 'string' || id === '') bad(i, 'customerId', 'a non-empty string', id);
    const p = r.persona ?? 'none';
    if (typeof p !== 'string' || !PERSONA_NAMES.includes(p)) bad(i, 'persona', `one of ${PERSONA_NAMES.join(', ')}`, p);
    const strings = (key: string): readonly string[] | undefined => {
      const v = r[key];
      if (v === undefined) return undefined;
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) bad(i, key, 'an array of strings', v);
      return v as readonly string[];
    };
    const tags = strings('tags');
    const reasons = strings('reasons');
    if (r.segment !== undefined && typeof r.segment !== 'string') bad(i, 'segment', 'a string', r.segment);
    if (r.status !== undefined && (typeof r.status !== 'string' || !STATUS_NAMES.includes(r.status))) bad(i, 'status', `one of ${STATUS_NAMES.join(', ')}`, r.status);
    if (r.risk !== undefined && typeof r.risk !== 'number') bad(i, 'risk', 'a number in [0, 1]', r.risk);
    if (r.value !== undefined && typeof r.value !== 'number') bad(i, 'value', 'a finite number', r.value);
    const first = seen.get(id as string);
    if (first !== undefined) {
      throw new ChurnkitError('DUPLICATE_CUSTOMER', `${FN}: customer ${show(id)} appears at rows ${first} and ${i}.`, {
        row: i,
        field: 'customerId',
        expected: 'each customer once',
        received: id,
      });
    }
    seen.set(id as string, i);
    rows.push({
      customerId: id as string,
      persona: p as PersonaName,
      tags,
      segment: r.segment as string | undefined,
      status: r.status as ChurnStatusName | undefined,
      risk: r.risk as number | undefined,
      value: r.value as number | undefined,
      reasons,
    });
  };

  const t = customers as (Record<string, unknown> & { customerIds?: unknown }) | null;
  if (typeof t === 'object' && t !== null && !Array.isArray(t) && Array.isArray(t.customerIds)) {
    // a table of columns: PersonaTable, TagTable, RfmTable, StageTable, StatusTable or one of its own
    const ids = t.customerIds as readonly unknown[];
    const column = (name: string): readonly unknown[] | undefined => {
      const c = t[name];
      if (c === undefined) return undefined;
      if (!Array.isArray(c)) {
        throw new ChurnkitError('INVALID_INPUT', `${FN}: column "${name}" of the customers table must be an array; received ${show(c)}.`, {
          path: [name],
          expected: 'an array with one entry per customer id',
          received: c,
        });
      }
      if (c.length !== ids.length) {
        throw new ChurnkitError('LENGTH_MISMATCH', `${FN}: the customers table has ${ids.length} customer ids but ${c.length} entries in "${name}".`, {
          path: [name],
          expected: `${ids.length} entries`,
          received: c.length,
        });
      }
      return c;
    };
    const persona = column('persona');
    const tags = column('tags');
    const segment = column('segment') ?? column('stage');
    const status = column('status');
    const reasons = column('reasons');
    const reason = column('reason');
    ids.forEach((customerId, i) => {
      const rs = reasons?.[i];
      const why = Array.isArray(rs)
        ? rs.map((x: unknown) => (typeof x === 'object' && x !== null && typeof (x as PersonaReason).text === 'string' ? (x as PersonaReason).text : x))
        : typeof reason?.[i] === 'string' ? [reason[i]] : rs;
      add({ customerId, persona: persona?.[i], tags: tags?.[i], segment: segment?.[i], status: status?.[i], reasons: why }, i);
    });
    return rows;
  }
  if (!Array.isArray(customers)) {
    throw new ChurnkitError('INVALID_INPUT', `${FN}: customers must be a table with customerIds (PersonaTable, TagTable, RfmTable, StageTable, StatusTable) or an array of { customerId, persona?, tags?, segment?, risk?, value? }; received ${show(customers)}.`, {
      expected: 'a customer table or an array of customer profiles',
      received: customers,
    });
  }
  (customers as readonly unknown[]).forEach((c, i) => {
    if (typeof c !== 'object' || c === null || Array.isArray(c)) bad(i, 'customerId', 'a customer object with a customerId', c);
    add(c as Record<string, unknown>, i);
  });
  return rows;
}
