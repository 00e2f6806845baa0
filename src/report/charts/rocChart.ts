import type { RocCurve } from '../../evaluate/rocCurve.js';
import { NeumaierSum } from '../../internal/neumaier.js';
import type { ChartOptions, ChartSpec } from '../ChartSpec.js';
import { chartOptions, checkObject, frame } from './_common.js';
import { curveChart } from './_curve.js';

/**
 * ROC chart, from `rocCurve`: true positive rate against false positive rate, with the diagonal
 * of a coin and the area under the curve in the subtitle.
 *
 * The standard picture of a churn model's ranking quality; pair it with the gains and
 * calibration charts. Every vertex is kept (tied scores are one diagonal step), so the drawn
 * area is exactly `rocAuc`.
 *
 * Encoding: x = `fpr`, y = `tpr`, one line per series ("Model", "Random"); subtitle
 * "AUC 0.812" by the trapezoidal rule over the points (Fawcett 2006), unless a subtitle is given.
 *
 * @param curve - the result of `rocCurve`
 * @param options - {@link ChartOptions}
 * @returns a Vega-Lite line spec; an empty-state spec when the curve has no points
 * @throws ChurnkitError `INVALID_INPUT` when `fpr` and `tpr` are not arrays of equal length with
 *   values in [0, 1] (naming the point); `INVALID_OPTION` for bad options
 * @example
 * ```ts
 * rocChart(rocCurve([1, 0, 1, 0], [0.9, 0.8, 0.8, 0.1])); // subtitle "AUC 0.875"
 * ```
 * @category Report
 */
export function rocChart(curve: RocCurve, options?: ChartOptions): ChartSpec {
  const fn = 'rocChart';
  const o = chartOptions(fn, options);
  checkObject(fn, curve, 0, 'a RocCurve (from rocCurve)');
  const auc = trapezoid(curve.fpr, curve.tpr);
  const f = frame(o, {
    title: 'ROC curve',
    subtitle: auc === undefined ? undefined : `AUC ${auc.toFixed(3)}`,
    width: 300,
    height: 300,
    description: 'ROC curve of the churn model: churners caught against non-churners flagged.',
  });
  return curveChart(fn, curve, { x: 'fpr', y: 'tpr' }, {
    x: 'fpr', y: 'tpr',
    xTitle: 'False positive rate (stayers flagged)', yTitle: 'True positive rate (churners caught)', model: 'Model',
  }, f);
}

/** Trapezoidal area under (x, y), undefined unless both are equal-length arrays of finite numbers. */
function trapezoid(x: unknown, y: unknown): number | undefined {
  const xs = x as ArrayLike<number> | null;
  const ys = y as ArrayLike<number> | null;
  if (!xs || !ys || typeof xs.length !== 'number' || xs.length !== ys.length || xs.length < 2) return undefined;
  const area = new NeumaierSum();
  for (let i = 1; i < xs.length; i++) area.add(((xs[i]! - xs[i - 1]!) * (ys[i]! + ys[i - 1]!)) / 2);
  return Number.isFinite(area.value) ? area.value : undefined;
}
