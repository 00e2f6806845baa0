import { ChurnkitError, show } from '../internal/errors.js';
import type { ChartSpec } from './ChartSpec.js';
import { rewriteSvgIds } from './_svgIds.js';

/** Options of {@link renderSvg}. @category Report */
export interface RenderSvgOptions {
  /**
   * Receives each warning of the Vega-Lite compiler and the Vega runtime (a field that does not
   * exist, a mark that cannot be drawn, ...). Default: the libraries' own logger (console.warn).
   */
  onWarning?: (message: string) => void;
}

/** The subset of vega-lite's logger interface both libraries call. */
interface Logger {
  level(level?: number): number | Logger;
  error(...args: readonly unknown[]): Logger;
  warn(...args: readonly unknown[]): Logger;
  info(...args: readonly unknown[]): Logger;
  debug(...args: readonly unknown[]): Logger;
}

/**
 * Renders a Vega-Lite spec to a standalone SVG string, in Node or a browser, without a DOM.
 *
 * Used by the HTML report to embed charts as inline SVG (no script, no network), and by anyone
 * who wants a chart as a file. Dashboards that draw live charts pass the spec to their own
 * Vega instead. Vega and Vega-Lite are loaded on the first call with dynamic `import()`, so
 * importing churnkit does not load them.
 *
 * Method: `vega-lite` `compile` → Vega spec → `vega` `View` with the headless renderer
 * (`renderer: 'none'`) → `toSVG()` (Satyanarayan et al. 2017, "Vega-Lite: A Grammar of
 * Interactive Graphics"). Data must be inline: the view's loader refuses every URL and file, so
 * rendering never touches the network. Text widths are estimated when no canvas is available,
 * so labels may be placed slightly differently than in a browser. The same spec gives the same
 * SVG bytes (element ids such as clip paths are renumbered from 1 in each SVG).
 *
 * @param spec - a Vega-Lite spec, e.g. from `churnRateChart` or `rocChart`
 * @param options - {@link RenderSvgOptions}
 * @returns the SVG document as a string, starting with `<svg`
 * @throws ChurnkitError `INVALID_SPEC` when the spec is not an object, does not compile, needs
 *   data from a URL or fails to render (the library's message is kept)
 * @example
 * ```ts
 * const svg = await renderSvg(rocChart(rocCurve(labels, scores)));
 * svg.startsWith('<svg'); // true
 * ```
 * @category Report
 */
export async function renderSvg(spec: ChartSpec, options: RenderSvgOptions = {}): Promise<string> {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new ChurnkitError('INVALID_SPEC', `renderSvg: expected a Vega-Lite spec object; received ${show(spec)}.`, {
      expected: 'a Vega-Lite spec object',
      received: spec,
    });
  }
  const onWarning = options?.onWarning;
  if (onWarning !== undefined && typeof onWarning !== 'function') {
    throw new ChurnkitError('INVALID_OPTION', `renderSvg: option "onWarning" must be a function; received ${show(onWarning)}.`, {
      path: ['onWarning'], field: 'onWarning', expected: 'a function', received: onWarning,
    });
  }
  const [vl, vega] = await Promise.all([import('vega-lite'), import('vega')]);
  const logger = onWarning === undefined ? undefined : warningLogger(onWarning);
  let compiled;
  try {
    compiled = vl.compile(spec, logger === undefined ? {} : { logger: logger as never });
  } catch (e) {
    throw new ChurnkitError('INVALID_SPEC', `renderSvg: the spec does not compile with Vega-Lite: ${messageOf(e)}`, {
      expected: 'a valid Vega-Lite spec',
    });
  }
  // Vega logs a failed load and goes on with empty data; remember the first refusal and throw it.
  let refused: ChurnkitError | undefined;
  const refuse = (uri: unknown): Promise<never> => {
    const e = new ChurnkitError('INVALID_SPEC', `renderSvg: renders inline data only (data.values); the spec asks to load ${show(uri)}.`, {
      field: 'data', expected: 'inline data (data.values)', received: uri,
    });
    refused ??= e;
    return Promise.reject(e);
  };
  let view;
  try {
    view = new vega.View(vega.parse(compiled.spec), {
      renderer: 'none',
      loader: { load: refuse, sanitize: refuse, http: refuse, file: refuse } as never,
      ...(logger === undefined ? {} : { logger: logger as never }),
    });
  } catch (e) {
    throw new ChurnkitError('INVALID_SPEC', `renderSvg: Vega cannot parse the compiled spec: ${messageOf(e)}`, {
      expected: 'a valid Vega-Lite spec',
    });
  }
  try {
    const svg = await view.toSVG();
    if (refused !== undefined) throw refused;
    return renumberIds(svg);
  } catch (e) {
    if (refused !== undefined) throw refused;
    if (e instanceof ChurnkitError) throw e;
    throw new ChurnkitError('INVALID_SPEC', `renderSvg: Vega failed to render the spec: ${messageOf(e)}`, {
      expected: 'a spec Vega can render',
    });
  } finally {
    view.finalize();
  }
}

/**
 * Vega numbers clip paths and gradients with a process-wide counter (`clip7`), so the same spec
 * would give different bytes on each call. Renumber the ids from 1 in order of appearance, and
 * every `url(#…)` / `href="#…"` reference with them.
 */
function renumberIds(svg: string): string {
  // Only inside tags: chart text (feature names, ids) may contain `id="…"` or `url(#…)` literally.
  const map = new Map<string, string>();
  for (const tag of svg.match(/<[^>]+>/g) ?? []) {
    for (const m of tag.matchAll(/\sid="([^"]+)"/g)) {
      const id = m[1]!;
      if (!map.has(id)) map.set(id, `${id.replace(/\d+$/, '')}${map.size + 1}`);
    }
  }
  if (map.size === 0) return svg;
  return rewriteSvgIds(svg, (id) => map.get(id) ?? id);
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A vega-style logger that reports warnings to `onWarning` and turns errors into exceptions. */
function warningLogger(onWarning: (message: string) => void): Logger {
  let level = 2; // vega's Warn level
  const logger: Logger = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error(...args) {
      throw new Error(args.map(String).join(' '));
    },
    warn(...args) {
      onWarning(args.map(String).join(' '));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  return logger;
}
