import type { Explanation } from '../../models/types.js';
import type { ChartOptions, ChartSpec } from '../ChartSpec.js';
import { PALETTE } from '../_theme.js';
import { badField, chartOptions, checkObject, emptyChart, finiteAt, frame, percent, stringAt } from './_common.js';

const UP = 'Raises churn risk';
const DOWN = 'Lowers churn risk';

/**
 * Diverging bar chart of why one customer got their churn score, from `ChurnModel.explain`.
 *
 * The chart for an account manager before a call: which signals push this customer towards
 * churn (vermillion, to the right) and which hold them back (blue, to the left), each with the
 * customer's value against the typical one in the tooltip.
 *
 * Encoding: y = feature (in the explanation's order: largest |contribution| on top), x =
 * contribution on the explanation's scale (logit or probability), colour = direction, rule at 0.
 * Default title names the customer; the subtitle gives the probability and the scale.
 *
 * @param explanation - one customer's explanation
 * @param options - {@link ChartOptions}
 * @returns a layered Vega-Lite spec (bars + zero rule); an empty-state spec when there are no drivers
 * @throws ChurnkitError `INVALID_INPUT` when the explanation lacks `customerId`, a probability in
 *   [0, 1] or `drivers`, or a driver lacks a feature name or a finite contribution (naming the
 *   driver's index); `INVALID_OPTION` for bad options
 * @example
 * ```ts
 * const [why] = model.explain(matrix, { top: 6 });
 * driversChart(why); // title "Churn drivers for customer C00042"
 * ```
 * @category Report
 */
export function driversChart(explanation: Explanation, options?: ChartOptions): ChartSpec {
  const fn = 'driversChart';
  const o = chartOptions(fn, options);
  checkObject(fn, explanation, 0, 'an Explanation (from ChurnModel.explain)');
  const id = explanation.customerId;
  if (typeof id !== 'string' && typeof id !== 'number') badField(fn, 0, 'customerId', 'a string', id);
  const probability = finiteAt(fn, explanation.probability, 0, 'probability', 0, 1);
  const drivers: unknown = explanation.drivers;
  if (!Array.isArray(drivers)) badField(fn, 0, 'drivers', 'an array of Driver', drivers);
  const scale = explanation.scale === 'probability' ? 'probability' : 'logit';
  const values = [];
  const labels: string[] = [];
  for (let i = 0; i < drivers.length; i++) {
    const d: unknown = drivers[i];
    checkObject(fn, d, i, 'a Driver');
    const feature = stringAt(fn, d.feature, i, 'feature');
    const contribution = finiteAt(fn, d.contribution, i, 'contribution');
    // a feature may appear once per explanation; keep labels unique so bars never merge
    let label = feature;
    for (let k = 2; labels.includes(label); k++) label = `${feature} (${k})`;
    labels.push(label);
    values.push({
      feature: label,
      contribution,
      direction: contribution >= 0 ? UP : DOWN,
      value: show(d.value),
      typical: show(d.typical),
      text: typeof d.text === 'string' ? d.text : label,
    });
  }
  const f = frame(o, {
    title: `Churn drivers for customer ${String(id)}`,
    subtitle: `Churn probability ${percent(probability)} · contributions on the ${scale} scale`,
    width: 420,
    height: Math.max(60, 24 * values.length),
    description: `Features that raise or lower the churn risk of customer ${String(id)}.`,
  });
  if (values.length === 0) return emptyChart(f, 'No drivers to chart');
  const y = { field: 'feature', type: 'nominal' as const, title: null, sort: labels };
  return {
    ...f,
    data: { values },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          y,
          x: { field: 'contribution', type: 'quantitative', title: `Contribution (${scale} scale)` },
          color: {
            field: 'direction', type: 'nominal', title: null,
            scale: { domain: [UP, DOWN], range: [PALETTE.vermillion, PALETTE.blue] },
            legend: { orient: 'bottom' },
          },
          tooltip: [
            { field: 'text', type: 'nominal', title: 'Driver' },
            { field: 'value', type: 'nominal', title: 'Customer' },
            { field: 'typical', type: 'nominal', title: 'Typical' },
            { field: 'contribution', type: 'quantitative', title: 'Contribution', format: '+.3f' },
          ],
        },
      },
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: 'rule', color: PALETTE.ink, strokeWidth: 1 },
        encoding: { x: { field: 'zero', type: 'quantitative' } },
      },
    ],
  };
}

/** A driver's value for the tooltip: numbers to 4 significant digits, NaN as "missing". */
function show(v: unknown): string {
  if (typeof v === 'number') return Number.isNaN(v) ? 'missing' : String(Number(v.toPrecision(4)));
  return typeof v === 'string' ? v : String(v);
}
