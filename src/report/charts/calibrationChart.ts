import type { CalibrationCurve } from '../../evaluate/calibrationCurve.js';
import type { ChartOptions, ChartSpec } from '../ChartSpec.js';
import { PALETTE } from '../_theme.js';
import { badField, chartOptions, checkObject, emptyChart, frame } from './_common.js';

/**
 * Reliability diagram, from `calibrationCurve`: observed churn rate against mean predicted
 * probability per bin, with the diagonal of perfect calibration and the ECE in the subtitle.
 *
 * Checks that "30% risk" means 30 in 100 such customers leave, before probabilities are
 * multiplied by money. Points are sized by the customers in their bin, so a wild point from a
 * bin of five customers is seen as such.
 *
 * Encoding: x = `meanPredicted`, y = `fractionPositive` (both on [0, 1]), size = `count`;
 * subtitle "ECE 0.031 · MCE 0.090" (expected / maximum calibration error, Naeini et al. 2015)
 * unless a subtitle is given.
 *
 * @param curve - the result of `calibrationCurve` (only its non-empty bins are drawn)
 * @param options - {@link ChartOptions}
 * @returns a layered Vega-Lite spec (diagonal + line + sized points); an empty-state spec when
 *   the curve has no bins
 * @throws ChurnkitError `INVALID_INPUT` when `meanPredicted`, `fractionPositive` and `count` are
 *   not equal-length arrays (rates in [0, 1], counts ≥ 0), naming the bin; `INVALID_OPTION`
 * @example
 * ```ts
 * calibrationChart(calibrationCurve([0, 0, 1, 1], [0.1, 0.3, 0.6, 0.9], { bins: 2 }));
 * // points (0.2, 0) and (0.75, 1), subtitle "ECE 0.225 · MCE 0.250"
 * ```
 * @category Report
 */
export function calibrationChart(curve: CalibrationCurve, options?: ChartOptions): ChartSpec {
  const fn = 'calibrationChart';
  const o = chartOptions(fn, options);
  checkObject(fn, curve, 0, 'a CalibrationCurve (from calibrationCurve)');
  const pred = curve.meanPredicted as ArrayLike<unknown> | undefined;
  const obs = curve.fractionPositive as ArrayLike<unknown> | undefined;
  const count = curve.count as ArrayLike<unknown> | undefined;
  for (const [name, arr] of [['meanPredicted', pred], ['fractionPositive', obs], ['count', count]] as const) {
    if (arr === null || typeof arr !== 'object' || typeof arr.length !== 'number') badField(fn, 0, name, 'an array of numbers', arr);
  }
  const n = pred!.length;
  if (obs!.length !== n) badField(fn, 0, 'fractionPositive', `${n} values (as many as meanPredicted)`, obs!.length);
  if (count!.length !== n) badField(fn, 0, 'count', `${n} values (as many as meanPredicted)`, count!.length);
  const ece = typeof curve.ece === 'number' && Number.isFinite(curve.ece) ? curve.ece : undefined;
  const mce = typeof curve.mce === 'number' && Number.isFinite(curve.mce) ? curve.mce : undefined;
  const f = frame(o, {
    title: 'Calibration',
    subtitle: ece === undefined ? undefined : `ECE ${ece.toFixed(3)}${mce === undefined ? '' : ` · MCE ${mce.toFixed(3)}`}`,
    width: 300,
    height: 300,
    description: 'Observed churn rate against predicted churn probability, per probability bin.',
  });
  if (n === 0) return emptyChart(f, 'No calibration bins to chart');
  const values = [];
  for (let i = 0; i < n; i++) {
    const p = pred![i];
    const y = obs![i];
    const c = count![i];
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) badField(fn, i, 'meanPredicted', 'a number in [0, 1]', p);
    if (typeof y !== 'number' || !(y >= 0 && y <= 1)) badField(fn, i, 'fractionPositive', 'a number in [0, 1]', y);
    if (typeof c !== 'number' || !(c >= 0) || !Number.isFinite(c)) badField(fn, i, 'count', 'a finite number ≥ 0', c);
    values.push({ predicted: p, observed: y, customers: c });
  }
  const axis = { format: '.0%' };
  return {
    ...f,
    layer: [
      {
        data: { values: [{ predicted: 0, observed: 0 }, { predicted: 1, observed: 1 }] },
        mark: { type: 'line', color: PALETTE.grey, strokeDash: [4, 3], strokeWidth: 1.5 },
        encoding: {
          x: { field: 'predicted', type: 'quantitative', title: 'Mean predicted churn probability', axis, scale: { domain: [0, 1] } },
          y: { field: 'observed', type: 'quantitative', title: 'Observed churn rate', axis, scale: { domain: [0, 1] } },
        },
      },
      {
        data: { values },
        encoding: {
          x: { field: 'predicted', type: 'quantitative' },
          y: { field: 'observed', type: 'quantitative' },
          tooltip: [
            { field: 'predicted', type: 'quantitative', title: 'Mean predicted', format: '.1%' },
            { field: 'observed', type: 'quantitative', title: 'Observed', format: '.1%' },
            { field: 'customers', type: 'quantitative', title: 'Customers', format: ',d' },
          ],
        },
        layer: [
          { mark: { type: 'line', color: PALETTE.blue } },
          {
            mark: { type: 'point', filled: true, color: PALETTE.blue, opacity: 0.9 },
            encoding: {
              size: { field: 'customers', type: 'quantitative', title: 'Customers in bin', scale: { range: [20, 300] } },
            },
          },
        ],
      },
    ],
  };
}
