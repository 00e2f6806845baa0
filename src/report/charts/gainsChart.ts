import type { GainsCurve } from '../../evaluate/gainsCurve.js';
import type { ChartOptions, ChartSpec } from '../ChartSpec.js';
import { chartOptions, frame } from './_common.js';
import { curveChart } from './_curve.js';

/**
 * Cumulative gains chart, from `gainsCurve`: share of churners reached against share of
 * customers contacted, with the random-targeting diagonal.
 *
 * Answers "if we contact the riskiest 20%, what share of next month's churners do we reach?";
 * the gap to the diagonal is what the model buys. Every curve point is kept (one per distinct
 * score), so the line is exact; the origin's threshold (`Infinity`) is written as `null`.
 *
 * Encoding: x = `fraction` (customers contacted), y = `capture` (churners reached), one line
 * per series ("Model", "Random"), tooltip with the score cut-off.
 *
 * @param curve - the result of `gainsCurve`
 * @param options - {@link ChartOptions}
 * @returns a Vega-Lite line spec; an empty-state spec when the curve has no points
 * @throws ChurnkitError `INVALID_INPUT` when `fraction` and `capture` are not arrays of equal
 *   length with values in [0, 1] (naming the point); `INVALID_OPTION` for bad options
 * @example
 * ```ts
 * gainsChart(gainsCurve([1, 0, 1, 0], [0.9, 0.8, 0.4, 0.1]));
 * // data.values: model points (0,0) (0.25,0.5) (0.5,0.5) (0.75,1) (1,1) and the diagonal
 * ```
 * @category Report
 */
export function gainsChart(curve: GainsCurve, options?: ChartOptions): ChartSpec {
  const fn = 'gainsChart';
  const o = chartOptions(fn, options);
  const f = frame(o, {
    title: 'Cumulative gains',
    subtitle: 'Share of churners reached when contacting customers in order of risk',
    width: 360,
    height: 300,
    description: 'Cumulative gains curve of the churn model against random targeting.',
  });
  return curveChart(fn, curve, { x: 'fraction', y: 'capture' }, {
    x: 'contacted', y: 'captured',
    xTitle: 'Customers contacted', yTitle: 'Churners reached', model: 'Model',
  }, f);
}
