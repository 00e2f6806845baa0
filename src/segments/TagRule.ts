/**
 * A threshold of a comparison: an absolute number, or a quantile of the feature over the
 * population being tagged (`{ quantile: 0.8 }` = the 80th percentile of the column's finite
 * values, linear interpolation as numpy's default, Hyndman & Fan 1996 type 7).
 *
 * @category Segments
 */
export type TagThreshold = number | { readonly quantile: number };

/**
 * A leaf of a tag condition: one feature compared with one operator.
 *
 * Exactly one operator per clause:
 * - `gte` / `lte`: value ≥ / ≤ the threshold (numeric and binary columns);
 * - `between`: `[low, high]`, both ends inclusive, each end a {@link TagThreshold};
 * - `in`: the value is one of a list — numbers for numeric columns, level names for
 *   categorical columns (read through `meta.levels`);
 * - `eq`: equal to one number (or one level name on a categorical column);
 * - `missing`: `true` holds where the value is NaN (undefined for the customer, e.g. no
 *   survey), `false` where it is not.
 *
 * A NaN value never satisfies `gte`, `lte`, `between`, `in` or `eq`: the comparison is
 * *unknown*, and `not` of an unknown stays unknown (SQL's three-valued logic), so a tag never
 * fires merely because a value is missing. Use `missing` to speak of missing values.
 *
 * @category Segments
 */
export type TagComparison =
  | { readonly feature: string; readonly gte: TagThreshold }
  | { readonly feature: string; readonly lte: TagThreshold }
  | { readonly feature: string; readonly between: readonly [TagThreshold, TagThreshold] }
  | { readonly feature: string; readonly in: readonly number[] | readonly string[] }
  | { readonly feature: string; readonly eq: number | string }
  | { readonly feature: string; readonly missing: boolean };

/**
 * A tag condition: a {@link TagComparison}, or a combination of conditions.
 *
 * `{ all: [...] }` holds when every part holds, `{ any: [...] }` when at least one does,
 * `{ not: c }` when `c` is false. With unknown (NaN) comparisons the combinators follow
 * Kleene's strong three-valued logic (false < unknown < true; `all` = minimum, `any` =
 * maximum, `not` swaps true and false), and a tag holds only where its condition is true.
 *
 * @category Segments
 */
export type TagCondition =
  | TagComparison
  | { readonly all: readonly TagCondition[] }
  | { readonly any: readonly TagCondition[] }
  | { readonly not: TagCondition };

/**
 * A tag as data: an id, a label a business user reads, and the condition over feature columns
 * under which a customer carries the tag.
 *
 * Tags are the "why" layer of segmentation — "high value", "complainer", "overdue" — and feed
 * personas, playbooks and reports. Rules are plain JSON (no code), so they can be stored and
 * edited in a dashboard; `validateTagRules` checks them.
 *
 * @example
 * ```ts
 * const rule: TagRule = {
 *   id: 'big_quiet',
 *   label: 'Big spender gone quiet',
 *   when: { all: [{ feature: 'monetary_total', gte: { quantile: 0.8 } }, { feature: 'recency_days', gte: 60 }] },
 * };
 * ```
 * @category Segments
 */
export interface TagRule {
  /** Stable id: 1–64 characters from letters, digits, `_`, `-`, `.`, `:` (not `__proto__`); unique in a rule list. */
  readonly id: string;
  /** Short human label ("High value"). */
  readonly label: string;
  /** Longer explanation shown in reports. */
  readonly description?: string;
  /** When the tag holds. */
  readonly when: TagCondition;
}

/** Operator names of {@link TagComparison}. @category Segments */
export type TagOperator = 'gte' | 'lte' | 'between' | 'in' | 'eq' | 'missing';

/**
 * One comparison of a tag rule with its thresholds resolved against the population
 * (quantiles turned into numbers, level names kept as names).
 *
 * @category Segments
 */
export interface TagClause {
  /** Path of the clause inside the rule, e.g. `['when', 'all', 0]`. */
  readonly path: readonly (string | number)[];
  /** Feature column compared. */
  readonly feature: string;
  /** Operator. */
  readonly op: TagOperator;
  /**
   * The resolved threshold: a number (`gte`, `lte`, numeric `eq`; NaN when a quantile was asked
   * of a column with no finite value), `[low, high]` for `between`, the list for `in`, the
   * level name for categorical `eq`, the flag for `missing`.
   */
  readonly threshold: number | string | boolean | readonly [number, number] | readonly number[] | readonly string[];
  /** The quantile(s) asked for, when the threshold came from quantiles (`[q, null]` for a `between` with only a quantile low end). */
  readonly quantile?: number | readonly [number | null, number | null];
}

/**
 * A {@link TagClause} evaluated for one customer.
 *
 * @category Segments
 */
export interface TagReason extends TagClause {
  /** The customer's value: a number, a level name for categorical columns, or null when missing (NaN). */
  readonly value: number | string | null;
  /** Whether the comparison held (false when the value is missing, except for `missing: true`). */
  readonly held: boolean;
}

/**
 * Why one customer does (or does not) carry one tag.
 *
 * @category Segments
 */
export interface TagExplanation {
  /** Tag id. */
  readonly tag: string;
  /** Tag label. */
  readonly label: string;
  /** Whether the tag holds. */
  readonly holds: boolean;
  /**
   * The comparisons that decided it: for a tag that holds, every comparison that made it true
   * (all parts of an `all`, the true parts of an `any`, the false parts under a `not`); for one
   * that does not, the parts that made it false (the false parts of an `all`, every part of an
   * `any`) or, where a missing value left it unknown, the parts that are not true.
   */
  readonly clauses: readonly TagReason[];
}

/**
 * The result of `applyTags`: which customers carry which tags, in columns and per row, with the
 * thresholds used and an explanation per customer.
 *
 * @category Segments
 */
export interface TagTable {
  /** Customer id per row (the rows of the input matrix). */
  readonly customerIds: readonly string[];
  /** Tag ids in rule order. */
  readonly tagIds: readonly string[];
  /** Per row, the ids of the tags that hold, in rule order. */
  readonly tags: readonly (readonly string[])[];
  /** Per tag id, a membership column: 1 where the tag holds. */
  readonly has: Readonly<Record<string, Uint8Array>>;
  /** Per tag id, the number of customers carrying it. */
  readonly counts: Readonly<Record<string, number>>;
  /** Per tag id, every comparison of its rule with thresholds resolved. */
  readonly clauses: Readonly<Record<string, readonly TagClause[]>>;
  /**
   * Why row `row` (or customer `customerId`) carries its tags; with `tagId`, the explanation of
   * that one tag whether or not it holds.
   */
  explain(rowOrCustomerId: number | string, tagId?: string): TagExplanation[];
}
