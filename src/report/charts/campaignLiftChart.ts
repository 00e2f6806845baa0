import { invalidOption } from '../../internal/errors.js';
import type { ChartOptions, ChartSpec } from '../ChartSpec.js';
import { CATEGORY, PALETTE } from '../_theme.js';
import { badField, chartOptions, checkObject, checkRows, duplicate, emptyChart, finiteAt, frame, stringAt } from './_common.js';

/**
 * The measured lift of one campaign, segment or strategy with its confidence interval.
 * @category Report
 */
export interface CampaignLiftRow {
  /** Campaign, segment or strategy name. */
  name: string;
  /** Point estimate (e.g. treatment minus control retention rate). */
  lift: number;
  /** Lower confidence bound (≤ lift). */
  lower: number;
  /** Upper confidence bound (≥ lift). */
  upper: number;
  /** Optional verdict in words ("works", "no effect", "harms"); colours the points. */
  verdict?: string;
}

/** Options of {@link campaignLiftChart}. @category Report */
export interface CampaignLiftOptions extends ChartOptions {
  /** The value meaning "no effect", drawn as a dashed rule: 0 for differences (default), 1 for ratios. */
  noEffect?: number;
  /** Title of the lift axis. Default "Retention lift (treatment − control)". */
  liftTitle?: string;
  /** d3 format of the lift axis and tooltip. Default "+.1%" (percentage points for a difference of rates). */
  liftFormat?: string;
}

/**
 * Forest plot of campaign lifts: one point per campaign (or segment, strategy) with its
 * confidence interval as a whisker, and the no-effect line.
 *
 * The honest answer to "did the win-back campaign work?": an interval that crosses the dashed
 * line is not distinguishable from no effect. Rows keep the input order (top to bottom).
 *
 * Encoding: y = name, x = lift with a rule from `lower` to `upper`, colour = verdict when any row
 * has one, dashed rule at `noEffect`.
 *
 * @param rows - one row per campaign, segment or strategy
 * @param options - {@link CampaignLiftOptions}
 * @returns a layered Vega-Lite spec (no-effect rule + whiskers + points); an empty-state spec
 *   for no rows
 * @throws ChurnkitError `INVALID_INPUT` for an empty or repeated name, a non-finite lift or
 *   bound, or bounds that do not hold the lift (lower ≤ lift ≤ upper), naming the row;
 *   `INVALID_OPTION` for bad options
 * @example
 * ```ts
 * campaignLiftChart([{ name: 'Coupon 15%', lift: 0.042, lower: 0.011, upper: 0.073, verdict: 'works' }]);
 * ```
 * @category Report
 */
export function campaignLiftChart(rows: readonly CampaignLiftRow[], options?: CampaignLiftOptions): ChartSpec {
  const fn = 'campaignLiftChart';
  const o = chartOptions(fn, options);
  const noEffect = o.noEffect ?? 0;
  if (typeof noEffect !== 'number' || !Number.isFinite(noEffect)) invalidOption(fn, 'noEffect', 'a finite number', noEffect);
  const liftTitle = o.liftTitle ?? 'Retention lift (treatment − control)';
  if (typeof liftTitle !== 'string' || liftTitle === '') invalidOption(fn, 'liftTitle', 'a non-empty string', liftTitle);
  const format = o.liftFormat ?? '+.1%';
  if (typeof format !== 'string' || format === '') invalidOption(fn, 'liftFormat', 'a d3 format string', format);
  checkRows(fn, rows, 'an array of { name, lift, lower, upper, verdict? }');
  const values = [];
  const names: string[] = [];
  const verdicts: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r: unknown = rows[i];
    checkObject(fn, r, i, 'a { name, lift, lower, upper } row');
    const name = stringAt(fn, r.name, i, 'name');
    if (names.includes(name)) duplicate(fn, i, 'name', name);
    names.push(name);
    const lift = finiteAt(fn, r.lift, i, 'lift');
    const lower = finiteAt(fn, r.lower, i, 'lower');
    const upper = finiteAt(fn, r.upper, i, 'upper');
    if (lower > lift) badField(fn, i, 'lower', `a number ≤ lift (${lift})`, lower);
    if (upper < lift) badField(fn, i, 'upper', `a number ≥ lift (${lift})`, upper);
    let verdict: string | null = null;
    if (r.verdict !== undefined) {
      verdict = stringAt(fn, r.verdict, i, 'verdict');
      if (!verdicts.includes(verdict)) verdicts.push(verdict);
    }
    values.push({ name, lift, lower, upper, verdict: verdict ?? 'not stated' });
  }
  if (verdicts.length > 0 && values.some((v) => v.verdict === 'not stated')) verdicts.push('not stated');
  const f = frame(o, {
    title: 'Campaign lift',
    subtitle: values.length > 0 ? 'Point estimate with confidence interval; dashed line: no effect' : undefined,
    width: 440,
    height: Math.max(60, 28 * values.length),
    description: 'Measured lift of each campaign with its confidence interval.',
  });
  if (values.length === 0) return emptyChart(f, 'No campaigns to chart');
  const y = { field: 'name', type: 'nominal' as const, title: null, sort: names };
  return {
    ...f,
    layer: [
      {
        data: { values: [{ noEffect }] },
        mark: { type: 'rule', color: PALETTE.grey, strokeDash: [4, 3], strokeWidth: 1.5 },
        encoding: { x: { field: 'noEffect', type: 'quantitative' } },
      },
      {
        data: { values },
        mark: { type: 'rule', color: PALETTE.ink, strokeWidth: 1.5 },
        encoding: {
          y,
          x: { field: 'lower', type: 'quantitative', title: liftTitle, axis: { format } },
          x2: { field: 'upper' },
        },
      },
      {
        data: { values },
        mark: { type: 'point', filled: true, size: 70, opacity: 1, ...(verdicts.length === 0 ? { color: PALETTE.blue } : {}) },
        encoding: {
          y,
          x: { field: 'lift', type: 'quantitative' },
          ...(verdicts.length === 0 ? {} : {
            color: {
              field: 'verdict', type: 'nominal' as const, title: 'Verdict',
              scale: { domain: verdicts, range: verdicts.map((_, i) => CATEGORY[i % CATEGORY.length]!) },
              legend: { orient: 'bottom' as const },
            },
          }),
          tooltip: [
            { field: 'name', type: 'nominal', title: 'Name' },
            { field: 'lift', type: 'quantitative', title: 'Lift', format },
            { field: 'lower', type: 'quantitative', title: 'Lower bound', format },
            { field: 'upper', type: 'quantitative', title: 'Upper bound', format },
            ...(verdicts.length === 0 ? [] : [{ field: 'verdict', type: 'nominal' as const, title: 'Verdict' }]),
          ],
        },
      },
    ],
  };
}
