import type { ChartOptions, ChartSpec } from '../ChartSpec.js';
import { PALETTE } from '../_theme.js';
import { chartOptions, checkObject, checkRows, duplicate, emptyChart, finiteAt, frame, integer, stringAt } from './_common.js';

/**
 * Size of one segment or persona.
 * @category Report
 */
export interface SegmentSize {
  /** Segment or persona name. */
  name: string;
  /** Customers in it. */
  size: number;
}

/**
 * Horizontal bar chart of segment or persona sizes, largest first, labelled with count and share.
 *
 * How big is each group a playbook would target ("fading: 1,204 customers, 24%")? Works for RFM
 * segments, tags, lifecycle stages and win-back personas alike.
 *
 * Order: by size descending; equal sizes keep their input order. Share = size / Σ sizes.
 *
 * @param rows - one `{ name, size }` per segment
 * @param options - {@link ChartOptions}
 * @returns a layered Vega-Lite spec (bars + labels); an empty-state spec for no rows
 * @throws ChurnkitError `INVALID_INPUT` for an empty or repeated name or a size that is not a
 *   finite number ≥ 0, naming the row; `INVALID_OPTION` for bad options
 * @example
 * ```ts
 * segmentSizesChart([{ name: 'fading', size: 1204 }, { name: 'price_sensitive', size: 860 }]);
 * ```
 * @category Report
 */
export function segmentSizesChart(rows: readonly SegmentSize[], options?: ChartOptions): ChartSpec {
  const fn = 'segmentSizesChart';
  const o = chartOptions(fn, options);
  checkRows(fn, rows, 'an array of { name, size }');
  const items: { name: string; size: number; input: number }[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (let i = 0; i < rows.length; i++) {
    const r: unknown = rows[i];
    checkObject(fn, r, i, 'a { name, size } row');
    const name = stringAt(fn, r.name, i, 'name');
    if (seen.has(name)) duplicate(fn, i, 'name', name);
    seen.add(name);
    const size = finiteAt(fn, r.size, i, 'size', 0);
    total += size;
    items.push({ name, size, input: i });
  }
  items.sort((a, b) => b.size - a.size || a.input - b.input);
  const f = frame(o, {
    title: 'Segment sizes',
    subtitle: items.length > 0 ? `${integer(total)} customers in ${items.length} segment${items.length === 1 ? '' : 's'}` : undefined,
    width: 420,
    height: Math.max(60, 24 * items.length),
    description: 'Number of customers in each segment.',
  });
  if (items.length === 0) return emptyChart(f, 'No segments to chart');
  const values = items.map((it) => {
    const share = total > 0 ? it.size / total : 0;
    return { name: it.name, size: it.size, share, label: `${integer(it.size)} (${(100 * share).toFixed(0)}%)` };
  });
  const y = { field: 'name', type: 'nominal' as const, title: null, sort: items.map((it) => it.name) };
  return {
    ...f,
    data: { values },
    encoding: {
      y,
      x: { field: 'size', type: 'quantitative', title: 'Customers' },
    },
    layer: [
      {
        mark: { type: 'bar', color: PALETTE.blue },
        encoding: {
          tooltip: [
            { field: 'name', type: 'nominal', title: 'Segment' },
            { field: 'size', type: 'quantitative', title: 'Customers', format: ',d' },
            { field: 'share', type: 'quantitative', title: 'Share', format: '.1%' },
          ],
        },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, color: PALETTE.ink },
        encoding: { text: { field: 'label', type: 'nominal' } },
      },
    ],
  };
}
