import type { ChartOptions, ChartSpec } from '../ChartSpec.js';
import { SEQUENTIAL } from '../_theme.js';
import { chartOptions, checkObject, checkRows, duplicate, emptyChart, finiteAt, frame, optionalAt } from './_common.js';

/**
 * One cell of the RFM grid: customers with recency score `r` and frequency score `f`.
 * @category Report
 */
export interface RfmCell {
  /** Recency score (e.g. 1–5, 5 = bought most recently). */
  r: number;
  /** Frequency score (e.g. 1–5, 5 = buys most often). */
  f: number;
  /** Customers in the cell. */
  count: number;
  /** Their mean monetary value (optional, shown in the tooltip). */
  meanMonetary?: number;
}

/**
 * Heatmap of customers by recency score × frequency score: the classic RFM grid.
 *
 * Where the customer base sits: champions top right (recent and frequent), "at risk" and
 * "can't lose them" bottom right (frequent but not recent). Counts are printed in the cells;
 * the colour is the count on a single-hue scale (ColorBrewer blues), so the grid reads in
 * greyscale too. Build the cells from an RFM scoring (one row per (r, f) pair).
 *
 * Encoding: x = frequency score, y = recency score (5 on top), colour = count, text = count
 * (white on dark cells), tooltip with the mean monetary value when given.
 *
 * @param cells - one row per (r, f) pair (any order; missing pairs are drawn blank)
 * @param options - {@link ChartOptions}
 * @returns a layered Vega-Lite spec (rect + text); an empty-state spec for no cells
 * @throws ChurnkitError `INVALID_INPUT` for a non-finite score, a negative or non-finite count,
 *   or an (r, f) pair given twice, naming the row; `INVALID_OPTION` for bad options
 * @example
 * ```ts
 * rfmHeatmapChart([{ r: 5, f: 5, count: 120, meanMonetary: 830 }, { r: 1, f: 4, count: 35 }]);
 * ```
 * @category Report
 */
export function rfmHeatmapChart(cells: readonly RfmCell[], options?: ChartOptions): ChartSpec {
  const fn = 'rfmHeatmapChart';
  const o = chartOptions(fn, options);
  checkRows(fn, cells, 'an array of { r, f, count, meanMonetary? } cells');
  const rows = [];
  const seen = new Set<string>();
  let max = 0;
  let total = 0;
  for (let i = 0; i < cells.length; i++) {
    const c: unknown = cells[i];
    checkObject(fn, c, i, 'an RFM cell { r, f, count }');
    const r = finiteAt(fn, c.r, i, 'r');
    const f = finiteAt(fn, c.f, i, 'f');
    const key = `${r}|${f}`;
    if (seen.has(key)) duplicate(fn, i, '(r, f) pair', `r=${r}, f=${f}`);
    seen.add(key);
    const count = finiteAt(fn, c.count, i, 'count', 0);
    if (count > max) max = count;
    total += count;
    rows.push({ r, f, count, meanMonetary: optionalAt(fn, c.meanMonetary, i, 'meanMonetary') });
  }
  const fr = frame(o, {
    title: 'Customers by recency and frequency',
    subtitle: cells.length > 0 ? 'RFM scores; darker cells hold more customers' : undefined,
    width: 320,
    height: 280,
    description: 'Number of customers in each recency score and frequency score cell.',
  });
  if (rows.length === 0) return emptyChart(fr, 'No RFM cells to chart');
  const values = rows.map((row) => ({
    ...row,
    share: total > 0 ? row.count / total : 0,
    labelColour: row.count > max / 2 ? 'white' : '#222222',
  }));
  return {
    ...fr,
    data: { values },
    encoding: {
      x: { field: 'f', type: 'ordinal', title: 'Frequency score (higher = more orders)', axis: { labelAngle: 0 } },
      y: { field: 'r', type: 'ordinal', title: 'Recency score (higher = more recent)', sort: 'descending' },
    },
    // the labels' colour channel has no scale: keep it out of the shared colour scale
    resolve: { scale: { color: 'independent' } },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
        encoding: {
          color: { field: 'count', type: 'quantitative', title: 'Customers', scale: { scheme: SEQUENTIAL, zero: true } },
          tooltip: [
            { field: 'r', type: 'ordinal', title: 'Recency score' },
            { field: 'f', type: 'ordinal', title: 'Frequency score' },
            { field: 'count', type: 'quantitative', title: 'Customers', format: ',d' },
            { field: 'share', type: 'quantitative', title: 'Share', format: '.1%' },
            { field: 'meanMonetary', type: 'quantitative', title: 'Mean monetary', format: ',.2f' },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: 11 },
        encoding: {
          text: { field: 'count', type: 'quantitative', format: ',d' },
          color: { field: 'labelColour', type: 'nominal', scale: null },
        },
      },
    ],
  };
}
