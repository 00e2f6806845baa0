import type { FeatureImportance } from '../../models/types.js';
import { invalidOption } from '../../internal/errors.js';
import type { ChartOptions, ChartSpec } from '../ChartSpec.js';
import { PALETTE } from '../_theme.js';
import { badField, chartOptions, checkObject, checkRows, duplicate, emptyChart, finiteAt, frame, stringAt } from './_common.js';

/** Options of {@link featureImportanceChart}. @category Report */
export interface FeatureImportanceOptions extends ChartOptions {
  /** Show the `top` most important features, an integer ≥ 1. Default 15. */
  top?: number;
}

const AXIS_TITLE: Record<FeatureImportance['kind'], string> = {
  gain: 'Share of the loss reduction (gain)',
  coefficient: 'Sum of |standardised coefficients|',
  permutation: 'Drop in AUC when shuffled',
};

/**
 * Horizontal bar chart of the most important features of a churn model, from
 * `ChurnModel.importance()`.
 *
 * Tells a retention team which signals the model leans on (recency, complaints, coupon
 * dependence, ...), as a check against leakage and as a first story for the report. For
 * permutation importance the ± one standard deviation over the repeats is drawn as a whisker.
 *
 * Order: by importance, largest on top; equal importances keep their input order. Only the
 * `top` features are drawn and the subtitle says how many were left out.
 *
 * @param items - importances, all of one `kind` (any order)
 * @param options - {@link FeatureImportanceOptions}
 * @returns a layered Vega-Lite spec (bars, whiskers when `sd` is given); an empty-state spec
 *   for no items
 * @throws ChurnkitError `INVALID_INPUT` for a missing feature name, a non-finite importance or
 *   sd, a repeated feature or mixed kinds, naming the row; `INVALID_OPTION` for bad `top` or options
 * @example
 * ```ts
 * featureImportanceChart(model.importance(), { top: 10 });
 * ```
 * @category Report
 */
export function featureImportanceChart(items: readonly FeatureImportance[], options?: FeatureImportanceOptions): ChartSpec {
  const fn = 'featureImportanceChart';
  const o = chartOptions(fn, options);
  const top = o.top ?? 15;
  if (!Number.isInteger(top) || top < 1) invalidOption(fn, 'top', 'an integer ≥ 1', top);
  checkRows(fn, items, 'an array of FeatureImportance (from ChurnModel.importance)');
  const rows: { feature: string; importance: number; sd: number | null; input: number }[] = [];
  const seen = new Set<string>();
  let kind: FeatureImportance['kind'] | undefined;
  for (let i = 0; i < items.length; i++) {
    const it: unknown = items[i];
    checkObject(fn, it, i, 'a FeatureImportance');
    const feature = stringAt(fn, it.feature, i, 'feature');
    if (seen.has(feature)) duplicate(fn, i, 'feature', feature);
    seen.add(feature);
    const k = it.kind;
    if (k !== 'gain' && k !== 'coefficient' && k !== 'permutation') badField(fn, i, 'kind', '"gain", "coefficient" or "permutation"', k);
    if (kind !== undefined && k !== kind) badField(fn, i, 'kind', `"${kind}" like the rows before it`, k);
    kind = k;
    const sd = it.sd === undefined ? null : finiteAt(fn, it.sd, i, 'sd', 0);
    rows.push({ feature, importance: finiteAt(fn, it.importance, i, 'importance'), sd, input: i });
  }
  rows.sort((a, b) => b.importance - a.importance || a.input - b.input);
  const shown = rows.slice(0, top);
  const hidden = rows.length - shown.length;
  const f = frame(o, {
    title: 'What the model relies on',
    subtitle: hidden > 0 ? `Top ${shown.length} of ${rows.length} features` : undefined,
    width: 420,
    height: Math.max(60, 20 * shown.length),
    description: 'Importance of the most important features of the churn model.',
  });
  if (shown.length === 0) return emptyChart(f, 'No feature importances to chart');
  const values = shown.map((r, rank) => ({
    feature: r.feature,
    importance: r.importance,
    rank,
    low: r.sd === null ? null : r.importance - r.sd,
    high: r.sd === null ? null : r.importance + r.sd,
    sd: r.sd,
  }));
  const y = { field: 'feature', type: 'nominal' as const, title: null, sort: shown.map((r) => r.feature) };
  const withSd = values.some((v) => v.sd !== null);
  return {
    ...f,
    data: { values },
    layer: [
      {
        mark: { type: 'bar', color: PALETTE.blue },
        encoding: {
          y,
          x: { field: 'importance', type: 'quantitative', title: AXIS_TITLE[kind!] },
          tooltip: [
            { field: 'feature', type: 'nominal', title: 'Feature' },
            { field: 'importance', type: 'quantitative', title: 'Importance', format: '.4~f' },
            ...(withSd ? [{ field: 'sd', type: 'quantitative' as const, title: 'SD over repeats', format: '.4~f' }] : []),
          ],
        },
      },
      ...(withSd ? [{
        mark: { type: 'rule' as const, color: PALETTE.ink, strokeWidth: 1.5 },
        encoding: { y, x: { field: 'low', type: 'quantitative' as const }, x2: { field: 'high' } },
      }] : []),
    ],
  };
}
