import type { RatePoint } from '../../churn/churnRateSeries.js';
import type { ChartOptions, ChartSpec } from '../ChartSpec.js';
import { PALETTE } from '../_theme.js';
import { chartOptions, checkObject, checkRows, emptyChart, finiteAt, frame, optionalAt } from './_common.js';

/**
 * Line chart of the churn rate per calendar period, from `churnRateSeries`.
 *
 * The first chart of a churn report: is churn rising, falling or seasonal? Periods that run past
 * the end of the data (`complete: false`) are drawn as hollow points and named in the subtitle,
 * because their counts are partial; periods with nobody active (`rate` NaN) leave a gap.
 *
 * Encoding: x = period start (UTC time scale), y = churned / active at start (percent axis),
 * tooltip with the counts behind each rate.
 *
 * @param points - the rate series, one point per period (any order; drawn by time)
 * @param options - {@link ChartOptions}
 * @returns a layered Vega-Lite spec (line + points); an empty-state spec (one line of text)
 *   when `points` is empty
 * @throws ChurnkitError `INVALID_INPUT` when `points` is not an array or a point lacks a finite
 *   `start`, counts ≥ 0, or a rate in [0, 1] (NaN allowed), naming the row;
 *   `INVALID_OPTION` for bad options
 * @example
 * ```ts
 * const spec = churnRateChart(churnRateSeries(log, rule, { start, end, period: 'month' }));
 * await renderSvg(spec); // '<svg ...'
 * ```
 * @category Report
 */
export function churnRateChart(points: readonly RatePoint[], options?: ChartOptions): ChartSpec {
  const fn = 'churnRateChart';
  const o = chartOptions(fn, options);
  checkRows(fn, points, 'an array of RatePoint (from churnRateSeries)');
  const values = [];
  let partial = 0;
  for (let i = 0; i < points.length; i++) {
    const p: unknown = points[i];
    checkObject(fn, p, i, 'a RatePoint');
    const start = finiteAt(fn, p.start, i, 'start');
    const complete = p.complete !== false;
    if (!complete) partial++;
    values.push({
      start: new Date(start).toISOString(),
      period: typeof p.label === 'string' ? p.label : new Date(start).toISOString().slice(0, 10),
      rate: optionalAt(fn, p.rate, i, 'rate', 0, 1),
      activeAtStart: finiteAt(fn, p.activeAtStart, i, 'activeAtStart', 0),
      churned: finiteAt(fn, p.churned, i, 'churned', 0),
      complete,
      fill: complete ? PALETTE.blue : 'white',
    });
  }
  const f = frame(o, {
    title: 'Churn rate over time',
    subtitle: partial > 0 ? `Hollow points: ${partial} period${partial === 1 ? '' : 's'} not complete (partial counts)` : undefined,
    width: 560,
    height: 240,
    description: 'Share of active customers who churned in each period.',
  });
  if (values.length === 0) return emptyChart(f, 'No periods to chart');
  return {
    ...f,
    data: { values },
    encoding: {
      x: { field: 'start', type: 'temporal', scale: { type: 'utc' }, title: 'Period start', axis: { format: '%b %Y', tickCount: { interval: 'month', step: 1 } } },
      y: { field: 'rate', type: 'quantitative', title: 'Churn rate', axis: { format: '.0%' }, scale: { zero: true } },
      tooltip: [
        { field: 'period', type: 'nominal', title: 'Period' },
        { field: 'rate', type: 'quantitative', title: 'Churn rate', format: '.1%' },
        { field: 'churned', type: 'quantitative', title: 'Churned', format: ',d' },
        { field: 'activeAtStart', type: 'quantitative', title: 'Active at start', format: ',d' },
        { field: 'complete', type: 'nominal', title: 'Complete period' },
      ],
    },
    layer: [
      { mark: { type: 'line', color: PALETTE.blue } },
      {
        mark: { type: 'point', filled: true, size: 45, stroke: PALETTE.blue, strokeWidth: 1.5, opacity: 1 },
        encoding: {
          fill: { field: 'fill', type: 'nominal', scale: null },
        },
      },
    ],
  };
}
