/**
 * One rule of an RFM segment map: customers whose recency score lies in `r` and whose FM
 * score — the mean of the frequency and monetary scores, `(F + M) / 2` — lies in `fm` belong
 * to `segment`. Both ranges are closed intervals `[lo, hi]`. Rules are tried in order and the
 * first match wins.
 *
 * @category Segments
 */
export interface RfmSegmentRule {
  /** Segment name shown in reports (`'Champions'`, `'At Risk'`, ...). */
  readonly segment: string;
  /** Closed range `[lo, hi]` of the recency score. */
  readonly r: readonly [number, number];
  /** Closed range `[lo, hi]` of the FM score `(F + M) / 2` (a multiple of 0.5). */
  readonly fm: readonly [number, number];
}

/**
 * The name of a segment of the default map {@link rfmSegments}.
 *
 * @category Segments
 */
export type RfmSegmentName =
  | 'Champions'
  | 'Loyal'
  | 'Potential Loyalist'
  | 'New'
  | 'Promising'
  | 'Need Attention'
  | 'About to Sleep'
  | 'At Risk'
  | "Can't Lose Them"
  | 'Hibernating'
  | 'Lost';

/**
 * The default RFM segment map for 1–5 scores: eleven named segments on the recency-versus-FM grid.
 *
 * Where it fits in the churn workflow: {@link scoreRfm} turns recency, frequency and monetary
 * value into 1–5 scores and this map names each customer's cell, so that a win-back list can
 * say "At Risk: bought often and much, but not lately". It is the widely used 5 × 5
 * R-versus-FM grid of RFM practice (Hughes 1994, *Strategic Database Marketing*; the eleven
 * segment names as popularised by marketing tools), written here as data so that a dashboard
 * can show and edit it. FM is `(F + M) / 2`, so it runs 1, 1.5, …, 5. Rules are read in order
 * and the first match wins (Champions before Loyal, Can't Lose Them before At Risk); together
 * they cover every (R, FM) cell, so every (R, F, M) triple gets exactly one segment (the test
 * suite checks all 125 against this table):
 *
 * | R \ FM | 1–1.5          | 2–2.5              | 3–3.5   | 4–5              |
 * |--------|----------------|--------------------|---------|------------------|
 * | 5      | New            | Potential Loyalist | Loyal   | Champions        |
 * | 4      | Promising      | Potential Loyalist | Loyal   | Champions        |
 * | 3      | About to Sleep | Need Attention     | Loyal   | Loyal            |
 * | 2      | Hibernating    | Hibernating        | At Risk | At Risk          |
 * | 1      | Lost           | Lost               | At Risk | Can't Lose Them  |
 *
 * With `bins` other than 5, {@link scoreRfm} applies this map to scores rescaled to 1–5
 * (see there); a custom map passed as the `segments` option is read on the raw scores.
 *
 * @example
 * ```ts
 * rfmSegments.find((s) => 2 >= s.r[0] && 2 <= s.r[1] && 4.5 >= s.fm[0] && 4.5 <= s.fm[1])?.segment; // 'At Risk'
 * ```
 * @category Segments
 */
export const rfmSegments: readonly RfmSegmentRule[] = Object.freeze(
  (
    [
      { segment: 'Champions', r: [4, 5], fm: [4, 5] },
      { segment: 'Loyal', r: [3, 5], fm: [3, 5] },
      { segment: 'Potential Loyalist', r: [4, 5], fm: [2, 2.5] },
      { segment: 'New', r: [5, 5], fm: [1, 1.5] },
      { segment: 'Promising', r: [4, 4], fm: [1, 1.5] },
      { segment: 'Need Attention', r: [3, 3], fm: [2, 2.5] },
      { segment: 'About to Sleep', r: [3, 3], fm: [1, 1.5] },
      { segment: "Can't Lose Them", r: [1, 1], fm: [4, 5] },
      { segment: 'At Risk', r: [1, 2], fm: [3, 5] },
      { segment: 'Hibernating', r: [2, 2], fm: [1, 2.5] },
      { segment: 'Lost', r: [1, 1], fm: [1, 2.5] },
    ] satisfies (RfmSegmentRule & { segment: RfmSegmentName })[]
  ).map((s) => Object.freeze({ segment: s.segment, r: Object.freeze(s.r), fm: Object.freeze(s.fm) }) as RfmSegmentRule),
);
