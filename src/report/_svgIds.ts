/**
 * Rewriting the element ids of an SVG string, with every `url(#…)` and `href="#…"` reference to
 * them: `renderSvg` renumbers Vega's ids, `buildReportHtml` prefixes them per chart.
 *
 * @internal
 * @module
 */

/**
 * Replaces each `id="…"` by `id="${to(id)}"` and each `url(#id)` / `href="#id"` reference by
 * `to(id)`. Only inside tags: chart text (feature names, customer ids) may contain `id="…"` or
 * `url(#…)` literally. @internal
 */
export function rewriteSvgIds(svg: string, to: (id: string) => string): string {
  return svg.replace(/<[^>]+>/g, (tag) =>
    tag
      .replace(/(\sid=")([^"]+)"/g, (_, head: string, id: string) => `${head}${to(id)}"`)
      .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${to(id)})`)
      .replace(/href="#([^"]+)"/g, (_, id: string) => `href="#${to(id)}"`),
  );
}
