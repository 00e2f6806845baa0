import type { FeatureSpec } from '../features/FeatureSpec.js';
import { invalidOption, ChurnkitError, show } from '../internal/errors.js';
import { optionsOf } from '../internal/args.js';

/**
 * Price words looked for in ticket, complaint and survey texts by the `price_text_count_180d`
 * persona feature: lower-case English stems and Chinese words about price, coupons and discounts.
 * Matching is by substring, so `price` also finds "prices" and "overpriced", `cheap` finds
 * "cheaper".
 *
 * @category Segments
 */
export const DEFAULT_PRICE_WORDS: readonly string[] = Object.freeze([
  'price',
  'expensive',
  'cheap',
  'coupon',
  'discount',
  'promo',
  'too high',
  '贵',
  '便宜',
  '优惠',
  '折扣',
  '打折',
  '价格',
  '涨价',
  '划算',
]);

/** Options of {@link personaFeatures}. @category Segments */
export interface PersonaFeatureOptions {
  /** Price words for `price_text_count_180d` (default {@link DEFAULT_PRICE_WORDS}); matched lower-cased, as substrings. */
  priceWords?: readonly string[];
}

/** Window of the persona features that look back from the cutoff, in days. */
const WINDOW = 180;

/**
 * The feature specs that {@link assignPersonas} reads on top of `defaultFeatures`.
 *
 * Personas are assigned to customers who are at risk or have already gone quiet, often 60 to
 * 120 days before the cutoff, so the 30- and 90-day windows of the default catalogue are empty
 * for them. These specs look further back, or anchor at the customer's last active day:
 *
 * | column | definition |
 * |---|---|
 * | `complaint_count_180d` | complaint events in the last 180 days |
 * | `refund_count_180d` | refund events in the last 180 days |
 * | `negative_text_share_180d` | share of ticket/complaint/survey texts of the last 180 days with negative sentiment |
 * | `coupon_issue_overdue_ratio` | days since the last coupon issued ÷ the mean gap between coupon days (above 1: offers stopped) |
 * | `price_text_count_180d` | ticket/complaint/survey texts of the last 180 days with a price word that do not read as praise |
 * | `session_gap_growth` | mean of the last 3 gaps between active days (activity or purchase) ÷ median of the earlier gaps |
 * | `session_count_change_90d` | active days in the 90 days up to the last active day ÷ those in the 90 days before |
 *
 * All seven are plain JSON specs (no functions), so they can be stored, validated with
 * `validateFeatureSpecs` and sent to a dashboard like any catalogue: the price-word count is a
 * `textMatch` spec (substring match, praise excluded by sentiment), the two rhythm features are
 * `activeRhythm` specs anchored at the last active day. `session_gap_growth` is NaN with fewer
 * than 6 gaps; `session_count_change_90d` is NaN when the customer's active days span less than
 * 180 days or the earlier 90 days are empty.
 *
 * @param options - the price-word list
 * @returns a fresh array of 7 feature specs, to concatenate with the default catalogue
 * @throws ChurnkitError `INVALID_OPTION` for a bad `priceWords` (not an array of non-empty strings)
 * @example
 * ```ts
 * const m = extractFeatures(log, { cutoff: '2024-07-01', features: [...defaultFeatures, ...personaFeatures()] });
 * featureColumn(m, 'session_gap_growth'); // Float64Array [NaN, 1.68, NaN, ...] on simulateShop()
 * ```
 * @category Segments
 */
export function personaFeatures(options?: PersonaFeatureOptions): FeatureSpec[] {
  const fn = 'personaFeatures';
  const o = optionsOf(fn, options);
  const given = o.priceWords ?? DEFAULT_PRICE_WORDS;
  if (!Array.isArray(given)) invalidOption(fn, 'priceWords', 'an array of non-empty strings', given);
  const words = given.map((w: unknown, i: number) => {
    if (typeof w !== 'string' || w.trim() === '') {
      throw new ChurnkitError('INVALID_OPTION', `${fn}: priceWords[${i}] must be a non-empty string; received ${show(w)}.`, {
        path: ['priceWords', i],
        field: 'priceWords',
        expected: 'a non-empty string',
        received: w,
      });
    }
    return w.toLowerCase();
  });
  const group = 'personas';
  return [
    { op: 'count', role: 'complaint', windowDays: WINDOW, name: 'complaint_count_180d', group },
    { op: 'count', role: 'refund', windowDays: WINDOW, name: 'refund_count_180d', group },
    {
      op: 'sentiment',
      stat: 'negativeShare',
      roles: ['ticket', 'complaint', 'survey'],
      windowDays: WINDOW,
      name: 'negative_text_share_180d',
      description: 'Share of texts of ticket/complaint/survey events in the last 180 days with negative sentiment.',
      group,
    },
    {
      op: 'gap',
      role: 'couponIssued',
      stat: 'overdue',
      name: 'coupon_issue_overdue_ratio',
      description: 'Days since the last coupon issued ÷ the mean gap between coupon days (above 1: offers stopped).',
      group,
    },
    {
      op: 'textMatch',
      words,
      roles: ['ticket', 'complaint', 'survey'],
      exclude: 'positive',
      windowDays: WINDOW,
      name: 'price_text_count_180d',
      description: 'Ticket/complaint/survey texts of the last 180 days with a price word that do not read as praise.',
      group,
    },
    {
      op: 'activeRhythm',
      stat: 'gapGrowth',
      recentGaps: 3,
      name: 'session_gap_growth',
      description: 'Mean of the last 3 gaps between active days (activity or purchase) ÷ median of the earlier gaps (above 1: silences grew).',
      group,
    },
    {
      op: 'activeRhythm',
      stat: 'countChange',
      spanDays: 90,
      name: 'session_count_change_90d',
      description: 'Active days in the 90 days up to the last active day ÷ those in the 90 days before (below 1: declining).',
      group,
    },
  ];
}
