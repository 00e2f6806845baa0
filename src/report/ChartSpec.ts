import type { TopLevelSpec } from 'vega-lite';

/**
 * A Vega-Lite chart specification as returned by every chart function of churnkit.
 *
 * It is vega-lite's own `TopLevelSpec` type (a type-only import: no Vega code is loaded), so a
 * dashboard can pass it straight to `vega-embed` or its own Vega, and {@link renderSvg} turns it
 * into an SVG string for the HTML report. Every spec churnkit builds is plain JSON: data inline
 * in `data.values`, no functions, no `NaN` or `Infinity` (they become `null`), no external URL,
 * and the same input always gives the same spec.
 *
 * @category Report
 */
export type ChartSpec = TopLevelSpec;

/**
 * Options shared by every chart function: title, subtitle and the size of the plotting area.
 *
 * @category Report
 */
export interface ChartOptions {
  /** Chart title; each chart has a human-readable default. */
  title?: string;
  /** Line under the title; some charts default to a key figure (AUC, ECE). */
  subtitle?: string;
  /** Width of the plotting area in pixels, a finite number > 0 (axes and legends come on top). */
  width?: number;
  /** Height of the plotting area in pixels, a finite number > 0. */
  height?: number;
}
