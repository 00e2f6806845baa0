import { invalidOption } from '../../internal/errors.js';
import type { ChartOptions, ChartSpec } from '../ChartSpec.js';
import { PALETTE } from '../_theme.js';
import { chartOptions, checkRows, emptyChart, finiteAt, frame, integer } from './_common.js';

/** Options of {@link riskDistributionChart}. @category Report */
export interface RiskDistributionOptions extends ChartOptions {
  /**
   * Band cuts, strictly increasing finite numbers: a score s is in band #{cuts ≤ s}, so with
   * cuts [0.3, 0.6] a score of 0.3 is "Medium". Default: no cuts (one band).
   */
  cuts?: readonly number[];
  /** One name per band (cuts.length + 1). Default: Low/High, Low/Medium/High, else Band 1…k. */
  bandNames?: readonly string[];
  /** Number of equal-width bins before the cuts are added as extra edges: an integer in [1, 200]. Default 20. */
  bins?: number;
}

/** Colours of k risk bands, low risk blue to high risk vermillion (Okabe–Ito). */
function bandColours(k: number): string[] {
  if (k === 1) return [PALETTE.blue];
  if (k === 2) return [PALETTE.blue, PALETTE.vermillion];
  if (k === 3) return [PALETTE.blue, PALETTE.orange, PALETTE.vermillion];
  if (k === 4) return [PALETTE.blue, PALETTE.sky, PALETTE.orange, PALETTE.vermillion];
  return [PALETTE.blue, PALETTE.sky, PALETTE.green, PALETTE.yellow, PALETTE.orange, PALETTE.vermillion, PALETTE.purple, PALETTE.grey]
    .slice(0, k);
}

/**
 * Histogram of churn scores with the risk-band cuts, coloured by band.
 *
 * Shows how many customers sit in each risk band and how close they crowd to a cut, which is
 * what decides campaign size when bands drive actions ("call the High band"). Scores are binned
 * here, so the spec holds one row per bin whatever the number of customers.
 *
 * Binning: `bins` equal-width bins over [0, 1] when every score is a probability, else over
 * [min, max]; the cuts inside that range are added as extra edges so that no bar straddles
 * two bands (bars at a cut are narrower). A score goes to the bin [eⱼ, eⱼ₊₁) holding it (the
 * last bin is closed). Bar height = customers in the bin. O(n log bins).
 *
 * @param scores - one churn score per customer (probabilities or any finite score)
 * @param options - {@link RiskDistributionOptions}
 * @returns a layered Vega-Lite spec (bars per bin + a rule per cut); an empty-state spec when
 *   `scores` is empty
 * @throws ChurnkitError `INVALID_INPUT` for a NaN or infinite score (with its row);
 *   `INVALID_OPTION` for cuts that are not strictly increasing finite numbers, a `bandNames`
 *   of the wrong length, bad `bins`, title or size
 * @example
 * ```ts
 * riskDistributionChart(model.predict(matrix), { cuts: [0.3, 0.6] });
 * // bars coloured Low / Medium / High, dashed rules at 0.3 and 0.6
 * ```
 * @category Report
 */
export function riskDistributionChart(scores: ArrayLike<number>, options?: RiskDistributionOptions): ChartSpec {
  const fn = 'riskDistributionChart';
  const o = chartOptions(fn, options);
  checkRows(fn, scores, 'an array of churn scores');
  const bins = o.bins ?? 20;
  if (!Number.isInteger(bins) || bins < 1 || bins > 200) invalidOption(fn, 'bins', 'an integer in [1, 200]', bins);
  const cuts = o.cuts ?? [];
  if (!Array.isArray(cuts)) invalidOption(fn, 'cuts', 'an array of increasing finite numbers', cuts);
  for (let i = 0; i < cuts.length; i++) {
    const c: unknown = cuts[i];
    if (typeof c !== 'number' || !Number.isFinite(c) || (i > 0 && c <= cuts[i - 1]!)) {
      invalidOption(fn, 'cuts', 'strictly increasing finite numbers', cuts);
    }
  }
  const k = cuts.length + 1;
  const names = o.bandNames ?? defaultNames(k);
  if (!Array.isArray(names) || names.length !== k || names.some((s) => typeof s !== 'string' || s === '')) {
    invalidOption(fn, 'bandNames', `${k} non-empty strings (one per band: cuts.length + 1)`, names);
  }
  if (new Set(names).size !== k) invalidOption(fn, 'bandNames', 'distinct names', names);

  const n = scores.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const s = finiteAt(fn, scores[i], i, 'score');
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  const f = frame(o, {
    title: 'Distribution of churn risk',
    subtitle: n > 0 ? `${integer(n)} customers` : undefined,
    width: 560,
    height: 220,
    description: 'Number of customers per churn-score bin, coloured by risk band.',
  });
  if (n === 0) return emptyChart(f, 'No scores to chart');
  if (lo >= 0 && hi <= 1) {
    lo = 0;
    hi = 1;
  } else if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  // Edges: equal-width grid plus the cuts strictly inside (lo, hi).
  const grid: number[] = [];
  for (let j = 0; j <= bins; j++) grid.push(j === bins ? hi : lo + ((hi - lo) * j) / bins);
  for (const c of cuts) if (c > lo && c < hi && !grid.includes(c)) grid.push(c);
  const edges = Float64Array.from(grid).sort();
  const m = edges.length - 1;
  const counts = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const s = scores[i]!;
    // last edge ≤ s among edges[0..m-1] (binary search); the top edge belongs to the last bin
    let a = 0;
    let b = m - 1;
    while (a < b) {
      const mid = (a + b + 1) >>> 1;
      if (edges[mid]! <= s) a = mid;
      else b = mid - 1;
    }
    counts[a]!++;
  }
  const values = [];
  for (let j = 0; j < m; j++) {
    const from = edges[j]!;
    let band = 0;
    while (band < cuts.length && cuts[band]! <= from) band++;
    values.push({ from, to: edges[j + 1]!, customers: counts[j]!, band: names[band]!, share: counts[j]! / n });
  }
  const rules = cuts.filter((c) => c >= lo && c <= hi).map((cut) => ({ cut }));
  return {
    ...f,
    layer: [
      {
        data: { values },
        mark: { type: 'bar', stroke: 'white', strokeWidth: 0.5 },
        encoding: {
          x: { field: 'from', type: 'quantitative', bin: { binned: true }, title: 'Churn score', scale: { domain: [lo, hi], nice: false } },
          x2: { field: 'to' },
          y: { field: 'customers', type: 'quantitative', title: 'Customers' },
          color: {
            field: 'band', type: 'ordinal', title: 'Risk band',
            scale: { domain: [...names], range: bandColours(k) },
            legend: k > 1 ? { orient: 'top', direction: 'horizontal' } : null,
          },
          tooltip: [
            { field: 'from', type: 'quantitative', title: 'From', format: '.3~f' },
            { field: 'to', type: 'quantitative', title: 'To', format: '.3~f' },
            { field: 'customers', type: 'quantitative', title: 'Customers', format: ',d' },
            { field: 'share', type: 'quantitative', title: 'Share', format: '.1%' },
            { field: 'band', type: 'ordinal', title: 'Risk band' },
          ],
        },
      },
      ...(rules.length === 0 ? [] : [{
        data: { values: rules },
        mark: { type: 'rule' as const, color: PALETTE.ink, strokeDash: [4, 3], strokeWidth: 1.5 },
        encoding: {
          x: { field: 'cut', type: 'quantitative' as const },
          tooltip: [{ field: 'cut', type: 'quantitative' as const, title: 'Band cut' }],
        },
      }]),
    ],
  };
}

function defaultNames(k: number): string[] {
  if (k === 1) return ['All customers'];
  if (k === 2) return ['Low', 'High'];
  if (k === 3) return ['Low', 'Medium', 'High'];
  return Array.from({ length: k }, (_, i) => `Band ${i + 1}`);
}
