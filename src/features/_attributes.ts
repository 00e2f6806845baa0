import { ChurnkitError, show } from '../internal/errors.js';
import { DAY_MS } from '../internal/time.js';
import type { FeatureMeta } from './FeatureMatrix.js';
import type { AttributeSpec } from './FeatureSpec.js';

/**
 * What attribute features need from a customer table: a row per id and typed columns.
 * churnkit's `CustomerTable` (from `createCustomerTable`) has exactly this shape.
 *
 * @category Features
 */
export interface AttributeTable {
  /** Row of customer `id`, or -1 when absent. */
  index(id: string): number;
  /** Column `name`: numbers (NaN missing), labels (null missing) or epoch-ms times (NaN missing). */
  column(
    name: string,
  ):
    | { readonly kind: 'numeric'; readonly values: Float64Array }
    | { readonly kind: 'categorical'; readonly values: readonly (string | null)[] }
    | { readonly kind: 'time'; readonly values: Float64Array }
    | undefined;
}

/**
 * Columns of one attribute spec for the matrix rows `ids`: numeric passthrough; time as days
 * before the cutoff (NaN when missing or not before the cutoff); categorical one-hot over the
 * `maxLevels` most frequent levels of the whole table (ties by name), the rest in `other`.
 * A missing label or a customer absent from the table gets 0 in every level column.
 *
 * @internal
 */
export function attributeColumns(table: AttributeTable, spec: AttributeSpec, j: number, ids: readonly string[], cutoff: number): { meta: FeatureMeta; values: Float64Array }[] {
  const col = table.column(spec.column);
  if (col === undefined) {
    throw new ChurnkitError('UNKNOWN_COLUMN', `extractFeatures: features[${j}] reads column ${show(spec.column)}, which the customer table does not have.`, {
      path: ['features', j, 'column'],
      field: spec.column,
      expected: 'a column of options.table',
      received: spec.column,
    });
  }
  const n = ids.length;
  const rowOf = Int32Array.from(ids, (id) => table.index(id));
  const base = spec.name ?? spec.column;
  const group = spec.group ?? 'attributes';
  if (col.kind === 'numeric' || col.kind === 'time') {
    const out = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      const t = rowOf[r]!;
      const v = t < 0 ? NaN : col.values[t]!;
      out[r] = col.kind === 'numeric' ? v : v < cutoff ? (cutoff - v) / DAY_MS : NaN;
    }
    const meta: FeatureMeta =
      col.kind === 'numeric'
        ? { name: base, description: spec.description ?? `Customer-table column "${spec.column}".`, unit: 'as in the table', kind: 'numeric', nanMeaning: 'missing in the table or customer not in it', group }
        : { name: base, description: spec.description ?? `Days from "${spec.column}" to the cutoff.`, unit: 'days', kind: 'numeric', nanMeaning: 'missing, not before the cutoff, or customer not in the table', group };
    return [{ meta, values: out }];
  }
  const counts = new Map<string, number>();
  for (const v of col.values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const maxLevels = spec.maxLevels ?? 10;
  const kept = ranked.slice(0, maxLevels).map((e) => e[0]);
  const hasOther = ranked.length > maxLevels;
  const levelIndex = new Map(kept.map((l, k) => [l, k]));
  const outs = kept.map(() => new Float64Array(n));
  const other = hasOther ? new Float64Array(n) : null;
  for (let r = 0; r < n; r++) {
    const t = rowOf[r]!;
    const v = t < 0 ? null : col.values[t]!;
    if (v === null) continue;
    const k = levelIndex.get(v);
    if (k !== undefined) outs[k]![r] = 1;
    else other![r] = 1;
  }
  const meta = (level: string, what: string): FeatureMeta => ({
    name: `${base}=${level}`,
    description: spec.description ?? `1 when "${spec.column}" is ${what}, else 0 (missing: 0).`,
    unit: 'flag',
    kind: 'binary',
    group,
  });
  const res = kept.map((l, k) => ({ meta: meta(l, JSON.stringify(l)), values: outs[k]! }));
  if (other !== null) res.push({ meta: meta(levelIndex.has('other') ? '(other)' : 'other', `a level outside the ${maxLevels} most frequent`), values: other });
  return res;
}
