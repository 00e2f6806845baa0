import type { FeatureMatrix } from '../features/FeatureMatrix.js';
import { checkMatrix, knownOptions, optionNames, optionsOf } from '../internal/args.js';
import { ChurnkitError, invalidOption, show } from '../internal/errors.js';
import { PERSONAS, type PersonaName } from './PersonaName.js';
import type { PersonaOptions } from './PersonaOptions.js';
import type { PersonaReason, PersonaTable } from './PersonaTable.js';
import { quantileSorted, sortedFinite } from '../internal/quantile.js';
import { CLAUSES, PERSONA_COLUMNS, TIE_ORDER, formatValue, resolveThresholds, thresholdOf, type Persona } from './_personaRules.js';

const PERSONA_OPTION_NAMES = optionNames<PersonaOptions>()(['customers', 'status', 'minScore', 'thresholds']);

const FN = 'assignPersonas';

/** Matrix rows to assess, in output order. */
function selectRows(matrix: FeatureMatrix, options: PersonaOptions): Int32Array {
  const ids = matrix.customerIds;
  if (options.customers !== undefined && options.status !== undefined) {
    invalidOption(FN, 'customers', 'absent when status is given (pass one of them)', options.customers);
  }
  const rowOf = (): Map<string, number> => {
    const m = new Map<string, number>();
    ids.forEach((id, r) => m.set(id, r));
    return m;
  };
  if (options.customers !== undefined) {
    if (!Array.isArray(options.customers)) invalidOption(FN, 'customers', 'an array of customer ids', options.customers);
    const map = rowOf();
    const out = new Int32Array(options.customers.length);
    const seen = new Set<string>();
    options.customers.forEach((raw: unknown, i: number) => {
      if (typeof raw !== 'string' && typeof raw !== 'number') {
        throw new ChurnkitError('INVALID_OPTION', `${FN}: customers[${i}] must be a customer id (string or number); received ${show(raw)}.`, {
          path: ['customers', i],
          field: 'customers',
          expected: 'a customer id',
          received: raw,
        });
      }
      const id = String(raw);
      if (seen.has(id)) {
        throw new ChurnkitError('INVALID_OPTION', `${FN}: customer ${show(id)} is listed twice in customers.`, { path: ['customers', i], field: 'customers', expected: 'distinct ids', received: id });
      }
      seen.add(id);
      const r = map.get(id);
      if (r === undefined) {
        throw new ChurnkitError('UNKNOWN_CUSTOMER', `${FN}: customer ${show(id)} (customers[${i}]) is not a row of the feature matrix.`, {
          path: ['customers', i],
          field: 'customers',
          expected: 'an id of matrix.customerIds',
          received: id,
        });
      }
      out[i] = r;
    });
    return out;
  }
  if (options.status !== undefined) {
    const st = options.status as { customerIds?: unknown; status?: unknown } | null;
    if (!st || typeof st !== 'object' || !Array.isArray(st.customerIds) || !Array.isArray(st.status) || st.customerIds.length !== st.status.length) {
      invalidOption(FN, 'status', 'a StatusTable from churnStatus (customerIds and status of equal length)', options.status);
    }
    const wanted = new Set<string>();
    const sIds = st.customerIds as unknown[];
    const sStat = st.status as unknown[];
    for (let i = 0; i < sIds.length; i++) if (sStat[i] === 'at_risk' || sStat[i] === 'churned') wanted.add(String(sIds[i]));
    const out: number[] = [];
    for (let r = 0; r < ids.length; r++) {
      if (wanted.delete(ids[r]!)) out.push(r);
    }
    if (wanted.size > 0) {
      const first = wanted.values().next().value as string;
      throw new ChurnkitError('UNKNOWN_CUSTOMER', `${FN}: ${wanted.size} at-risk or churned customer(s) of the status table are not rows of the feature matrix (first: ${show(first)}); extract features for them too.`, {
        path: ['status'],
        field: 'status',
        expected: 'every at_risk/churned id among matrix.customerIds',
        received: first,
      });
    }
    return Int32Array.from(out);
  }
  const all = new Int32Array(ids.length);
  for (let r = 0; r < all.length; r++) all[r] = r;
  return all;
}

/**
 * Places each at-risk or churned customer in at most one win-back persona — `price_sensitive`,
 * `disappointed`, `fading` or `lost_loyal` — with a score per persona and the reasons.
 *
 * This is the "why are they leaving" step between churn status and the playbook: each persona
 * calls for a different treatment (an offer, an apology, a reminder, a personal call). Each
 * persona is a table of interpretable clauses, a feature compared with a threshold of
 * `options.thresholds` (defaults in {@link DEFAULT_PERSONA_OPTIONS}):
 *
 * - `price_sensitive`: coupon share of orders (weight 2), coupons overdue (offers stopped),
 *   coupon redemption rate, price words in texts;
 * - `disappointed`: complaints in 180 days (weight 2), refunds in 180 days, last survey score
 *   (NPS detractor), share of negative texts;
 * - `fading`: requires no complaint in 180 days and growing silences (`session_gap_growth`,
 *   weight 2); declining active days;
 * - `lost_loyal`: requires no complaint in 180 days, a long tenure, high historical value
 *   (weight 2) and silences that did not double before the stop; mostly full-price orders.
 *
 * A persona's score is the weighted share of its clauses that hold (0..1), and 0 when a
 * required clause fails; a NaN feature satisfies no clause. The primary persona is the highest
 * score at or above `minScore` (default 0.6); ties go to the first of `price_sensitive`,
 * `disappointed`, `lost_loyal`, `fading` (coupon behaviour over many orders is more specific than
 * one complaint, which many loyal customers also write; explicit evidence before the absence of
 * signals). Below `minScore` everywhere the
 * customer is `none`, never forced into a persona. Reasons are the clauses of the primary
 * persona that hold. "High value" with `{ quantile }` is the type-7 quantile of
 * `monetary_total` over every row of the matrix (sort: O(n log n)). The rest is
 * O(assessed rows × clauses).
 *
 * @param matrix - features from `extractFeatures` with `defaultFeatures` and {@link personaFeatures}
 * @param options - which rows to assess (`customers` or `status`), `minScore`, thresholds
 * @returns a frozen {@link PersonaTable} over the assessed rows, in matrix (or `customers`) order
 * @throws ChurnkitError `INVALID_INPUT` for a non-matrix; `UNKNOWN_COLUMN` naming every missing
 * column and how to extract it; `INVALID_OPTION` for a bad option (with its path);
 * `UNKNOWN_CUSTOMER` for an id of `customers` (or an at-risk/churned id of `status`) that is not a row
 * @example
 * ```ts
 * const { log } = simulateShop();
 * const m = extractFeatures(log, { cutoff: '2024-07-01', features: [...defaultFeatures, ...personaFeatures()] });
 * const status = churnStatus(log, { kind: 'inactivity', days: 60, roles: ['activity', 'purchase'] }, { asOf: '2024-07-01' });
 * const p = assignPersonas(m, { status }); // the 1,051 at-risk or churned customers
 * p.persona[0];    // 'fading'
 * p.reasons[0][1]; // { feature: 'session_gap_growth', value: 1.319…, threshold: 1.3,
 *                  //   text: 'the last silences were 1.32× the usual gap (≥ 1.3×): a growing silence' }
 * p.counts;        // { price_sensitive: 246, disappointed: 157, fading: 185, lost_loyal: 45, none: 418 }
 * ```
 * @category Segments
 */
export function assignPersonas(matrix: FeatureMatrix, options?: PersonaOptions): PersonaTable {
  knownOptions('assignPersonas', options, PERSONA_OPTION_NAMES);
  checkMatrix(FN, matrix);
  const o = optionsOf(FN, options);
  const { minScore, thresholds } = resolveThresholds(o);

  const missing = PERSONA_COLUMNS.filter((name) => !matrix.names.includes(name));
  if (missing.length > 0) {
    throw new ChurnkitError(
      'UNKNOWN_COLUMN',
      `${FN}: the feature matrix has no column ${missing.map((m) => `"${m}"`).join(', ')}; extract it with extractFeatures(log, { cutoff, features: [...defaultFeatures, ...personaFeatures()] }).`,
      { field: missing[0]!, expected: `the columns ${PERSONA_COLUMNS.join(', ')}`, received: missing },
    );
  }
  const rows = selectRows(matrix, o);
  const n = rows.length;

  // Resolved clauses: column, numeric threshold, per persona.
  const nClauses = CLAUSES.length;
  const cols: Float64Array[] = [];
  const th = new Float64Array(nClauses);
  for (let j = 0; j < nClauses; j++) {
    const clause = CLAUSES[j]!;
    const col = matrix.columns[matrix.names.indexOf(clause.feature)]!;
    cols.push(col);
    const t = thresholdOf(thresholds, clause);
    if (typeof t === 'number') th[j] = t;
    else {
      const hv = t as { quantile?: number; amount?: number };
      th[j] = hv.amount !== undefined ? hv.amount : quantileSorted(sortedFinite(col), hv.quantile!);
    }
  }
  const totalWeight: Record<Persona, number> = { price_sensitive: 0, disappointed: 0, fading: 0, lost_loyal: 0 };
  for (const clause of CLAUSES) totalWeight[clause.persona] += clause.weight;

  const scores = {
    price_sensitive: new Float64Array(n),
    disappointed: new Float64Array(n),
    fading: new Float64Array(n),
    lost_loyal: new Float64Array(n),
  };
  const holds = new Uint8Array(nClauses);
  const persona: PersonaName[] = new Array<PersonaName>(n);
  const reasons: (readonly PersonaReason[])[] = new Array<readonly PersonaReason[]>(n);
  const counts: Record<PersonaName, number> = { price_sensitive: 0, disappointed: 0, fading: 0, lost_loyal: 0, none: 0 };
  const got: Record<Persona, number> = { price_sensitive: 0, disappointed: 0, fading: 0, lost_loyal: 0 };
  const vetoed: Record<Persona, boolean> = { price_sensitive: false, disappointed: false, fading: false, lost_loyal: false };

  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    for (const p of PERSONAS) {
      got[p] = 0;
      vetoed[p] = false;
    }
    for (let j = 0; j < nClauses; j++) {
      const clause = CLAUSES[j]!;
      const v = cols[j]![r]!;
      const t = th[j]!;
      const ok = clause.cmp === 'ge' ? v >= t : clause.cmp === 'le' ? v <= t : v < t; // NaN: false
      holds[j] = ok ? 1 : 0;
      if (ok) got[clause.persona] += clause.weight;
      else if (clause.required) vetoed[clause.persona] = true;
    }
    let best: Persona | null = null;
    let bestScore = -1;
    for (const p of TIE_ORDER) {
      const s = vetoed[p] ? 0 : got[p] / totalWeight[p];
      scores[p][i] = s;
      if (s >= minScore && s > bestScore) {
        best = p;
        bestScore = s;
      }
    }
    if (best === null) {
      persona[i] = 'none';
      reasons[i] = Object.freeze([]);
      counts.none++;
      continue;
    }
    persona[i] = best;
    counts[best]++;
    const why: PersonaReason[] = [];
    for (let j = 0; j < nClauses; j++) {
      const clause = CLAUSES[j]!;
      if (clause.persona !== best || holds[j] === 0) continue;
      const value = cols[j]![r]!;
      const threshold = th[j]!;
      const text = clause.text.replace('{v}', formatValue(value, clause.fmt)).replace('{t}', formatValue(threshold, clause.fmt));
      why.push(Object.freeze({ feature: clause.feature, value, threshold, text }));
    }
    reasons[i] = Object.freeze(why);
  }
  return Object.freeze({
    customerIds: Object.freeze(Array.from(rows, (r) => matrix.customerIds[r]!)),
    persona: Object.freeze(persona),
    scores: Object.freeze(scores),
    reasons: Object.freeze(reasons),
    counts: Object.freeze(counts),
  });
}
