import type { LiftRow } from '../../evaluate/liftTable.js';
import type { ChartOptions, ChartSpec } from '../ChartSpec.js';
import { PALETTE } from '../_theme.js';
import { chartOptions, checkObject, checkRows, emptyChart, finiteAt, frame } from './_common.js';

/**
 * Bar chart of lift per score band, from `liftTable`, with the random-targeting line at 1.
 *
 * The campaign-sizing view: "the top decile churns 3.1× as often as average". Bars above the
 * dashed line at 1 are bands worth contacting before a random customer.
 *
 * Encoding: x = band number (1 = highest scores), y = band churn rate / overall churn rate,
 * tooltip with customers, churners, rate and cumulative capture.
 *
 * @param rows - the rows of `liftTable` (bands left empty by ties are simply absent)
 * @param options - {@link ChartOptions}
 * @returns a layered Vega-Lite spec (bars + rule at lift 1); an empty-state spec for no rows
 * @throws ChurnkitError `INVALID_INPUT` when a row lacks a finite `decile`, `lift` ≥ 0 or counts,
 *   naming the row; `INVALID_OPTION` for bad options
 * @example
 * ```ts
 * liftChart(liftTable(labels, scores)); // ten bars, highest-risk decile first
 * ```
 * @category Report
 */
export function liftChart(rows: readonly LiftRow[], options?: ChartOptions): ChartSpec {
  const fn = 'liftChart';
  const o = chartOptions(fn, options);
  checkRows(fn, rows, 'an array of LiftRow (from liftTable)');
  const values = [];
  for (let i = 0; i < rows.length; i++) {
    const r: unknown = rows[i];
    checkObject(fn, r, i, 'a LiftRow');
    values.push({
      band: finiteAt(fn, r.decile, i, 'decile', 1),
      lift: finiteAt(fn, r.lift, i, 'lift', 0),
      customers: finiteAt(fn, r.customers, i, 'customers', 0),
      churners: finiteAt(fn, r.churners, i, 'churners', 0),
      rate: finiteAt(fn, r.rate, i, 'rate', 0, 1),
      capture: finiteAt(fn, r.capture, i, 'capture', 0, 1),
    });
  }
  const f = frame(o, {
    title: 'Lift by risk band',
    subtitle: 'Churn rate of each band relative to the overall rate (1 = random targeting)',
    width: 480,
    height: 240,
    description: 'Lift of each churn-score band over random targeting.',
  });
  if (values.length === 0) return emptyChart(f, 'No bands to chart');
  return {
    ...f,
    layer: [
      {
        data: { values },
        mark: { type: 'bar', color: PALETTE.blue },
        encoding: {
          x: { field: 'band', type: 'ordinal', title: 'Risk band (1 = highest scores)', axis: { labelAngle: 0 } },
          y: { field: 'lift', type: 'quantitative', title: 'Lift' },
          tooltip: [
            { field: 'band', type: 'ordinal', title: 'Band' },
            { field: 'lift', type: 'quantitative', title: 'Lift', format: '.2f' },
            { field: 'rate', type: 'quantitative', title: 'Churn rate', format: '.1%' },
            { field: 'churners', type: 'quantitative', title: 'Churners', format: ',d' },
            { field: 'customers', type: 'quantitative', title: 'Customers', format: ',d' },
            { field: 'capture', type: 'quantitative', title: 'Cumulative capture', format: '.1%' },
          ],
        },
      },
      {
        data: { values: [{ lift: 1, label: 'Random targeting' }] },
        mark: { type: 'rule', color: PALETTE.ink, strokeDash: [4, 3], strokeWidth: 1.5 },
        encoding: { y: { field: 'lift', type: 'quantitative' }, tooltip: [{ field: 'label', type: 'nominal', title: 'Baseline' }] },
      },
    ],
  };
}
