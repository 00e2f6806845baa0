import { checkMatrix, knownOptions, optionNames, optionsOf } from '../internal/args.js';
import { ChurnkitError, invalidOption, show } from '../internal/errors.js';
import type { FeatureMatrix } from '../features/FeatureMatrix.js';
import type { TagClause, TagExplanation, TagReason, TagRule, TagTable } from './TagRule.js';
import { assertTagRules, compileCondition, QuantileCache, reasonsAt, T, type TagNode } from './_tagEval.js';

const APPLY_TAGS_OPTION_NAMES = optionNames<ApplyTagsOptions>()(['reference']);

/**
 * Options of {@link applyTags}.
 *
 * @category Segments
 */
export interface ApplyTagsOptions {
  /**
   * Population whose columns quantile thresholds are taken from (default: the matrix being
   * tagged). Pass the training-time matrix to score a small batch, or next month's customers,
   * with the same cut points.
   */
  reference?: FeatureMatrix;
}

const EMPTY: readonly string[] = Object.freeze([]);

/**
 * Tags every customer of a feature matrix with the rules that hold for them.
 *
 * The "why" layer of segmentation: a tag is a named, explainable condition over feature
 * columns ("spend in the top 20%", "complained twice in 90 days"). Each comparison is evaluated
 * as a column over all rows in Kleene's three-valued logic: a NaN value never satisfies `gte`,
 * `lte`, `between`, `in` or `eq` (the result is unknown, and `not` keeps it unknown), and a tag
 * holds only where its condition is true. Quantile thresholds (`{ quantile: q }`) are type-7
 * quantiles (linear interpolation, numpy's default; Hyndman & Fan 1996) of the finite values of
 * the column over the rows of the matrix — or of `options.reference` — computed once per
 * (feature, q); equal values therefore always get equal membership. A quantile of a column with
 * no finite value is NaN, which makes the comparison unknown for every row.
 *
 * Cost: O(rows × comparisons), plus one O(m log m) sort per feature that has quantile
 * thresholds; the result keeps one truth column per condition node for `explain`.
 *
 * @param matrix - the features of the customers to tag
 * @param rules - tag rules (validated with {@link validateTagRules})
 * @param options - see {@link ApplyTagsOptions}
 * @returns a frozen {@link TagTable}: tag ids per row, a 0/1 column and a count per tag, the
 * resolved comparisons per tag, and `explain(row | customerId, tagId?)`
 * @throws ChurnkitError `INVALID_INPUT` for a non-matrix; `INVALID_RULE` for a malformed rule,
 * for ordering (`gte`/`lte`/`between`) or quantiles on a categorical column, for a number compared
 * with a categorical column or a level name with a numeric one, and for a level name the column
 * does not have — each with the path of the clause; `UNKNOWN_COLUMN` (with the path and `field`)
 * for a feature missing from the matrix or the reference; `INVALID_OPTION` for a bad `reference`
 * @example
 * ```ts
 * const shop = simulateShop({ customers: 2000, seed: 3 });
 * const features = extractFeatures(shop.log, { cutoff: Date.parse('2024-07-01') });
 * const table = applyTags(features, TAG_LIBRARY);
 * table.counts.complainer;      // 36 (of 1,533 customers with history)
 * table.tags[4];                // ['high_value', 'coupon_driven']  (customer C00005)
 * table.explain('C00005')[0];
 * // { tag: 'high_value', label: 'High value', holds: true, clauses: [
 * //   { path: ['when', 'all', 0], feature: 'monetary_total', op: 'gte', threshold: 394.48, quantile: 0.8, value: 527.92, held: true },
 * //   { path: ['when', 'all', 1, 'not'], feature: 'monetary_total', op: 'lte', threshold: 0, value: 527.92, held: false }] }
 * ```
 * @category Segments
 */
export function applyTags(matrix: FeatureMatrix, rules: readonly TagRule[], options?: ApplyTagsOptions): TagTable {
  knownOptions('applyTags', options, APPLY_TAGS_OPTION_NAMES);
  const fn = 'applyTags';
  checkMatrix(fn, matrix);
  const opts = optionsOf(fn, options);
  const valid = assertTagRules(rules, fn);
  const reference = opts.reference ?? matrix;
  if (opts.reference !== undefined) {
    const ref = opts.reference as { names?: unknown; columns?: unknown } | null;
    if (ref === null || typeof ref !== 'object' || !Array.isArray(ref.names) || !Array.isArray(ref.columns)) {
      invalidOption(fn, 'reference', 'a FeatureMatrix', opts.reference);
    }
  }
  const quantiles = new QuantileCache(reference);
  const n = matrix.customerIds.length;

  const tagIds: string[] = [];
  const labels: string[] = [];
  const roots: TagNode[] = [];
  const has: [string, Uint8Array][] = [];
  const counts: [string, number][] = [];
  const clauses: [string, readonly TagClause[]][] = [];
  const perRow = new Uint32Array(n);
  valid.forEach((rule, i) => {
    const leaves: TagClause[] = [];
    const root = compileCondition(rule.when, ['rules', i], ['when'], matrix, quantiles, fn, leaves);
    const member = new Uint8Array(n);
    let count = 0;
    const out = root.out;
    for (let r = 0; r < n; r++) {
      if (out[r] === T) {
        member[r] = 1;
        perRow[r]!++;
        count++;
      }
    }
    tagIds.push(rule.id);
    labels.push(rule.label);
    roots.push(root);
    has.push([rule.id, member]);
    counts.push([rule.id, count]);
    clauses.push([rule.id, Object.freeze(leaves)]);
  });

  const tags: (readonly string[])[] = new Array<readonly string[]>(n);
  for (let r = 0; r < n; r++) {
    const k = perRow[r]!;
    if (k === 0) {
      tags[r] = EMPTY;
      continue;
    }
    const list: string[] = new Array<string>(k);
    let m = 0;
    for (let t = 0; t < roots.length; t++) if (has[t]![1][r] === 1) list[m++] = tagIds[t]!;
    tags[r] = Object.freeze(list);
  }

  let rowOf: Map<string, number> | undefined;
  const findRow = (x: number | string): number => {
    if (typeof x === 'number') {
      if (!Number.isInteger(x) || x < 0 || x >= n) {
        throw new ChurnkitError('INVALID_INPUT', `TagTable.explain: row ${show(x)} is not a row of the table (0..${n - 1}).`, {
          expected: `an integer row in [0, ${n})`,
          received: x,
        });
      }
      return x;
    }
    rowOf ??= new Map(matrix.customerIds.map((id, r) => [id, r]));
    const r = rowOf.get(String(x));
    if (r === undefined) {
      throw new ChurnkitError('UNKNOWN_CUSTOMER', `TagTable.explain: customer ${show(x)} is not in the table.`, {
        field: 'customerId',
        expected: 'a customer id of the matrix',
        received: x,
      });
    }
    return r;
  };
  const explainTag = (t: number, row: number): TagExplanation => {
    const root = roots[t]!;
    const reasons: TagReason[] = [];
    reasonsAt(root, row, reasons);
    return { tag: tagIds[t]!, label: labels[t]!, holds: root.out[row] === T, clauses: reasons };
  };
  const explain = (rowOrCustomerId: number | string, tagId?: string): TagExplanation[] => {
    const row = findRow(rowOrCustomerId);
    if (tagId !== undefined) {
      const t = tagIds.indexOf(tagId);
      if (t < 0) {
        throw new ChurnkitError('INVALID_INPUT', `TagTable.explain: no tag ${show(tagId)}; the tags are ${tagIds.join(', ')}.`, {
          field: 'tagId',
          expected: 'a tag id of the table',
          received: tagId,
        });
      }
      return [explainTag(t, row)];
    }
    const list: TagExplanation[] = [];
    for (let t = 0; t < roots.length; t++) if (roots[t]!.out[row] === T) list.push(explainTag(t, row));
    return list;
  };

  return Object.freeze({
    customerIds: matrix.customerIds,
    tagIds: Object.freeze(tagIds),
    tags: Object.freeze(tags),
    has: Object.freeze(Object.fromEntries(has)),
    counts: Object.freeze(Object.fromEntries(counts)),
    clauses: Object.freeze(Object.fromEntries(clauses)),
    explain,
  });
}
