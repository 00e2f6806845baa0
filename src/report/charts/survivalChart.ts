import { invalidOption } from '../../internal/errors.js';
import type { ChartOptions, ChartSpec } from '../ChartSpec.js';
import { CATEGORY } from '../_theme.js';
import { chartOptions, checkObject, checkRows, emptyChart, finiteAt, frame, optionalAt, stringAt } from './_common.js';

/**
 * One step of a Kaplan–Meier curve: the survival of `group` from `time` on.
 * @category Report
 */
export interface SurvivalPoint {
  /** Curve name (segment, cohort, campaign arm); one line per group. */
  group: string;
  /** Time since the start (days by default; say so with `timeTitle`). */
  time: number;
  /** Estimated share still not churned, in [0, 1]. */
  survival: number;
  /** Lower confidence bound (optional; NaN or absent leaves a gap in the band). */
  lower?: number;
  /** Upper confidence bound (optional). */
  upper?: number;
}

/** Options of {@link survivalChart}. @category Report */
export interface SurvivalChartOptions extends ChartOptions {
  /** Title of the time axis. Default "Days since start". */
  timeTitle?: string;
}

/**
 * Kaplan–Meier survival curves as step lines, one per group, with optional confidence bands.
 *
 * How long customers stay before churning, and whether a segment or a treated group stays
 * longer; the median lifetime is where a curve crosses 50%. The estimate is a step function
 * (Kaplan & Meier 1958), so the lines and bands hold their value until the next time
 * (`step-after`); give each group a point at time 0 with survival 1.
 *
 * Encoding: x = time, y = survival (percent axis on [0, 1]), colour = group (Okabe–Ito),
 * band = [lower, upper] at 20% opacity when any point has bounds.
 *
 * @param points - curve points of every group (any order; drawn by time within each group)
 * @param options - {@link SurvivalChartOptions}
 * @returns a layered Vega-Lite spec (bands + step lines); an empty-state spec for no points
 * @throws ChurnkitError `INVALID_INPUT` for an empty group name, a non-finite time, a survival
 *   or bound outside [0, 1], naming the row; `INVALID_OPTION` for bad options
 * @example
 * ```ts
 * survivalChart([
 *   { group: 'treated', time: 0, survival: 1 }, { group: 'treated', time: 30, survival: 0.9 },
 *   { group: 'control', time: 0, survival: 1 }, { group: 'control', time: 30, survival: 0.8 },
 * ]);
 * ```
 * @category Report
 */
export function survivalChart(points: readonly SurvivalPoint[], options?: SurvivalChartOptions): ChartSpec {
  const fn = 'survivalChart';
  const o = chartOptions(fn, options);
  const timeTitle = o.timeTitle ?? 'Days since start';
  if (typeof timeTitle !== 'string' || timeTitle === '') invalidOption(fn, 'timeTitle', 'a non-empty string', timeTitle);
  checkRows(fn, points, 'an array of { group, time, survival, lower?, upper? }');
  const values = [];
  const groups: string[] = [];
  let bands = false;
  for (let i = 0; i < points.length; i++) {
    const p: unknown = points[i];
    checkObject(fn, p, i, 'a survival point { group, time, survival }');
    const group = stringAt(fn, p.group, i, 'group');
    if (!groups.includes(group)) groups.push(group);
    const lower = optionalAt(fn, p.lower, i, 'lower', 0, 1);
    const upper = optionalAt(fn, p.upper, i, 'upper', 0, 1);
    if (lower !== null || upper !== null) bands = true;
    values.push({
      group,
      time: finiteAt(fn, p.time, i, 'time'),
      survival: finiteAt(fn, p.survival, i, 'survival', 0, 1),
      lower,
      upper,
    });
  }
  const f = frame(o, {
    title: 'Customer survival (Kaplan–Meier)',
    subtitle: values.length > 0 ? 'Share of customers not yet churned' + (bands ? '; bands: confidence interval' : '') : undefined,
    width: 520,
    height: 260,
    description: 'Kaplan–Meier estimate of the share of customers not yet churned over time, per group.',
  });
  if (values.length === 0) return emptyChart(f, 'No survival curves to chart');
  const colour = {
    field: 'group', type: 'nominal' as const, title: null,
    scale: { domain: groups, range: groups.map((_, i) => CATEGORY[i % CATEGORY.length]!) },
    legend: groups.length > 1 ? { orient: 'top' as const, direction: 'horizontal' as const, symbolType: 'stroke', symbolStrokeWidth: 2, symbolOpacity: 1 } : null,
  };
  const x = { field: 'time', type: 'quantitative' as const, title: timeTitle };
  return {
    ...f,
    data: { values },
    layer: [
      ...(bands ? [{
        mark: { type: 'area' as const, interpolate: 'step-after' as const, opacity: 0.2 },
        encoding: {
          x,
          y: { field: 'lower', type: 'quantitative' as const },
          y2: { field: 'upper' },
          color: colour,
        },
      }] : []),
      {
        mark: { type: 'line', interpolate: 'step-after' },
        encoding: {
          x,
          y: { field: 'survival', type: 'quantitative', title: 'Not yet churned', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
          color: colour,
          tooltip: [
            { field: 'group', type: 'nominal', title: 'Group' },
            { field: 'time', type: 'quantitative', title: timeTitle, format: ',~f' },
            { field: 'survival', type: 'quantitative', title: 'Not yet churned', format: '.1%' },
            ...(bands ? [
              { field: 'lower', type: 'quantitative' as const, title: 'Lower bound', format: '.1%' },
              { field: 'upper', type: 'quantitative' as const, title: 'Upper bound', format: '.1%' },
            ] : []),
          ],
        },
      },
    ],
  };
}
