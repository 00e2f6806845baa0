import type { CohortCell } from '../../lift/cohortRetention.js';
import type { ChartOptions, ChartSpec } from '../ChartSpec.js';
import { SEQUENTIAL } from '../_theme.js';
import { badField, chartOptions, checkObject, checkRows, duplicate, emptyChart, finiteAt, frame, stringAt } from './_common.js';

/**
 * One cell of a cohort retention table, as plain data (the cells of `cohortRetention` from
 * `churnkit/lift`, which name the period `index`, are accepted as they are).
 * @category Report
 */
export interface CohortRetentionCell {
  /** Cohort label, e.g. the month of the first order `2024-03`; cohorts are drawn in label order. */
  cohort: string;
  /** Periods since the cohort started (0, 1, 2, ...). */
  period: number;
  /** Share of the cohort still active in that period, in [0, 1]. */
  rate: number;
  /** Customers of the cohort active in that period. */
  active: number;
}

/**
 * Heatmap of cohort retention: one row per cohort, one column per period since it started.
 *
 * The triangle every subscription and shop manager knows: read across a row to see a cohort
 * fade, down a column to see whether newer cohorts hold better than older ones. Each cell
 * prints its rate; the colour is the rate on a fixed [0, 1] single-hue scale, so two reports
 * compare by eye.
 *
 * Encoding: x = period (ordinal), y = cohort (label order, oldest on top), colour = rate,
 * text = rate as a percentage (white on dark cells), tooltip with active customers.
 *
 * @param cells - one row per (cohort, period) pair (any order): plain cells, or the `cells` of
 *   `cohortRetention` (their `index` is the period)
 * @param options - {@link ChartOptions}
 * @returns a layered Vega-Lite spec (rect + text); an empty-state spec for no cells
 * @throws ChurnkitError `INVALID_INPUT` for an empty cohort label, a period that is not an
 *   integer ≥ 0, a rate outside [0, 1] (NaN included: leave the cell out instead), a negative
 *   `active` or a (cohort, period) pair given twice, naming the row; `INVALID_OPTION`
 * @example
 * ```ts
 * cohortRetentionChart([
 *   { cohort: '2024-01', period: 0, rate: 1, active: 412 },
 *   { cohort: '2024-01', period: 1, rate: 0.46, active: 190 },
 * ]);
 * ```
 * @category Report
 */
export function cohortRetentionChart(cells: readonly (CohortRetentionCell | CohortCell)[], options?: ChartOptions): ChartSpec {
  const fn = 'cohortRetentionChart';
  const o = chartOptions(fn, options);
  checkRows(fn, cells, 'an array of { cohort, period, rate, active } cells');
  const values = [];
  const seen = new Set<string>();
  const cohorts = new Set<string>();
  let maxPeriod = 0;
  for (let i = 0; i < cells.length; i++) {
    const c: unknown = cells[i];
    checkObject(fn, c, i, 'a cohort cell { cohort, period, rate, active }');
    const cohort = stringAt(fn, c.cohort, i, 'cohort');
    const period = c.period ?? c.index;
    if (typeof period !== 'number' || !Number.isInteger(period) || period < 0) {
      badField(fn, i, 'period', 'an integer ≥ 0 (or `index`, as in cohortRetention cells)', period);
    }
    const key = `${cohort}\u0000${period}`;
    if (seen.has(key)) duplicate(fn, i, '(cohort, period) pair', `${cohort}, ${period}`);
    seen.add(key);
    cohorts.add(cohort);
    if (period > maxPeriod) maxPeriod = period;
    const rate = finiteAt(fn, c.rate, i, 'rate', 0, 1);
    values.push({
      cohort, period, rate,
      active: finiteAt(fn, c.active, i, 'active', 0),
      labelColour: rate > 0.55 ? 'white' : '#222222',
    });
  }
  const order = [...cohorts].sort();
  const f = frame(o, {
    title: 'Retention by cohort',
    subtitle: values.length > 0 ? 'Share of each cohort still active, by periods since it started' : undefined,
    width: Math.max(160, Math.min(640, 44 * (maxPeriod + 1))),
    height: Math.max(60, Math.min(520, 24 * order.length)),
    description: 'Retention rate of each customer cohort in each period since it started.',
  });
  if (values.length === 0) return emptyChart(f, 'No cohorts to chart');
  return {
    ...f,
    data: { values },
    encoding: {
      x: { field: 'period', type: 'ordinal', title: 'Periods since start', axis: { labelAngle: 0 } },
      y: { field: 'cohort', type: 'ordinal', title: 'Cohort', sort: order },
    },
    // the labels' colour channel has no scale: keep it out of the shared colour scale
    resolve: { scale: { color: 'independent' } },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
        encoding: {
          color: {
            field: 'rate', type: 'quantitative', title: 'Retained',
            scale: { scheme: SEQUENTIAL, domain: [0, 1] }, legend: { format: '.0%' },
          },
          tooltip: [
            { field: 'cohort', type: 'ordinal', title: 'Cohort' },
            { field: 'period', type: 'ordinal', title: 'Period' },
            { field: 'rate', type: 'quantitative', title: 'Retained', format: '.1%' },
            { field: 'active', type: 'quantitative', title: 'Active customers', format: ',d' },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          text: { field: 'rate', type: 'quantitative', format: '.0%' },
          color: { field: 'labelColour', type: 'nominal', scale: null },
        },
      },
    ],
  };
}
