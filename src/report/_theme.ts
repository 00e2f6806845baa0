/**
 * The report theme: one Vega-Lite `config` and colour palette shared by every chart, so that the
 * charts of a report look like one family and read for colour-blind readers.
 *
 * Palette: Okabe & Ito (2008), "Color Universal Design" — eight colours distinguishable under
 * the common colour-vision deficiencies. Sequential scales use ColorBrewer "blues" (single hue,
 * lightness-ordered, so they read in greyscale and when printed).
 *
 * @internal
 * @module
 */
import type { Config } from 'vega-lite';

/** Okabe–Ito colours in the order categories get them. @internal */
export const PALETTE = {
  blue: '#0072B2',
  orange: '#E69F00',
  green: '#009E73',
  vermillion: '#D55E00',
  sky: '#56B4E9',
  purple: '#CC79A7',
  yellow: '#F0E442',
  grey: '#7F7F7F',
  ink: '#222222',
  muted: '#666666',
} as const;

/** Category order (Okabe–Ito without black; yellow last: it is weak on white). @internal */
export const CATEGORY: readonly string[] = [
  PALETTE.blue, PALETTE.orange, PALETTE.green, PALETTE.vermillion, PALETTE.sky, PALETTE.purple, PALETTE.grey, PALETTE.yellow,
];

/** The font stack of charts and the HTML page. @internal */
export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** The sequential scheme of heatmaps. @internal */
export const SEQUENTIAL = 'blues';

/** Vega-Lite `$schema` of every spec (identifies the spec version; never fetched). @internal */
export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Returns a fresh copy of the theme's Vega-Lite config (callers may mutate their spec). @internal */
export function themeConfig(): Config {
  return {
    font: FONT,
    background: 'white',
    padding: 8,
    view: { stroke: null },
    title: {
      anchor: 'start',
      fontSize: 15,
      fontWeight: 600,
      color: PALETTE.ink,
      subtitleFontSize: 12,
      subtitleColor: PALETTE.muted,
      offset: 10,
    },
    axis: {
      labelFontSize: 11,
      titleFontSize: 12,
      titleFontWeight: 500,
      labelColor: '#444444',
      titleColor: '#333333',
      gridColor: '#E6E6E6',
      domainColor: '#888888',
      tickColor: '#888888',
      labelLimit: 220,
    },
    legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 500, labelLimit: 220 },
    range: { category: [...CATEGORY], heatmap: { scheme: SEQUENTIAL }, ramp: { scheme: SEQUENTIAL } },
    mark: { color: PALETTE.blue },
    line: { strokeWidth: 2 },
    point: { filled: true, size: 40 },
    bar: { color: PALETTE.blue },
    text: { fontSize: 11, color: PALETTE.ink },
  };
}
