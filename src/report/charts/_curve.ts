/**
 * The model-versus-random line chart shared by the gains and ROC charts.
 *
 * @internal
 * @module
 */
import type { ChartSpec } from '../ChartSpec.js';
import { PALETTE } from '../_theme.js';
import { badField, checkObject, emptyChart, frame, jsonNumber } from './_common.js';

/** Axis titles and the d3 format of the two curves. @internal */
export interface CurveAxes {
  x: string;
  y: string;
  xTitle: string;
  yTitle: string;
  model: string;
}

/**
 * Checks two parallel arrays of rates in [0, 1] (and an optional threshold array) and builds
 * the spec: the model curve and the diagonal as one dataset with a `series` field. @internal
 */
export function curveChart(
  fn: string,
  curve: unknown,
  fields: { x: string; y: string },
  axes: CurveAxes,
  f: ReturnType<typeof frame>,
): ChartSpec {
  checkObject(fn, curve, 0, 'a curve object');
  const xs = curve[fields.x] as ArrayLike<unknown> | undefined;
  const ys = curve[fields.y] as ArrayLike<unknown> | undefined;
  const th = curve.threshold as ArrayLike<unknown> | undefined;
  for (const [name, arr] of [[fields.x, xs], [fields.y, ys]] as const) {
    if (arr === null || typeof arr !== 'object' || typeof arr.length !== 'number') {
      badField(fn, 0, name, 'an array of numbers in [0, 1]', arr);
    }
  }
  const n = xs!.length;
  if (ys!.length !== n) badField(fn, 0, fields.y, `${n} values (as many as ${fields.x})`, ys!.length);
  if (th !== undefined && (th === null || typeof th !== 'object' || th.length !== n)) {
    badField(fn, 0, 'threshold', `${n} values (as many as ${fields.x})`, th);
  }
  if (n === 0) return emptyChart(f, 'No curve points to chart');
  const values: { series: string; order: number; [k: string]: string | number | null }[] = [];
  for (let i = 0; i < n; i++) {
    const x = xs![i];
    const y = ys![i];
    if (typeof x !== 'number' || !(x >= 0 && x <= 1)) badField(fn, i, fields.x, 'a number in [0, 1]', x);
    if (typeof y !== 'number' || !(y >= 0 && y <= 1)) badField(fn, i, fields.y, 'a number in [0, 1]', y);
    const t = th?.[i];
    values.push({ series: axes.model, order: i, [axes.x]: x, [axes.y]: y, threshold: typeof t === 'number' ? jsonNumber(t) : null });
  }
  values.push({ series: 'Random', order: 0, [axes.x]: 0, [axes.y]: 0, threshold: null });
  values.push({ series: 'Random', order: 1, [axes.x]: 1, [axes.y]: 1, threshold: null });
  return {
    ...f,
    data: { values },
    mark: { type: 'line', interpolate: 'linear' },
    encoding: {
      x: { field: axes.x, type: 'quantitative', title: axes.xTitle, axis: { format: '.0%' }, scale: { domain: [0, 1] } },
      y: { field: axes.y, type: 'quantitative', title: axes.yTitle, axis: { format: '.0%' }, scale: { domain: [0, 1] } },
      order: { field: 'order', type: 'quantitative' },
      color: {
        field: 'series', type: 'nominal', title: null,
        scale: { domain: [axes.model, 'Random'], range: [PALETTE.blue, PALETTE.grey] },
        legend: { orient: 'bottom-right' },
      },
      strokeDash: {
        field: 'series', type: 'nominal', title: null,
        scale: { domain: [axes.model, 'Random'], range: [[1, 0], [4, 3]] },
        legend: { orient: 'bottom-right' },
      },
      tooltip: [
        { field: axes.x, type: 'quantitative', title: axes.xTitle, format: '.1%' },
        { field: axes.y, type: 'quantitative', title: axes.yTitle, format: '.1%' },
        { field: 'threshold', type: 'quantitative', title: 'Score cut-off', format: '.4~f' },
      ],
    },
  };
}
