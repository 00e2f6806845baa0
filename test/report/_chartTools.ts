// Shared by the report tests: compile a spec with vega-lite collecting warnings, and count the
// drawn items of each mark type in an SVG rendered by vega.
import { compile } from 'vega-lite';
import type { ChartSpec } from '../../src/report/index.js';

/** Compiles with vega-lite; returns its warnings (errors throw). */
export function compileWarnings(spec: ChartSpec): string[] {
  const warnings: string[] = [];
  const logger = {
    level(l?: number) { return l === undefined ? 2 : logger; },
    warn(...a: unknown[]) { warnings.push(a.map(String).join(' ')); return logger; },
    info() { return logger; },
    debug() { return logger; },
    error(...a: unknown[]) { throw new Error(a.map(String).join(' ')); },
  };
  compile(spec, { logger: logger as never });
  return warnings;
}

/**
 * Items drawn per mark type (`rect`, `line`, `symbol`, `rule`, `text`, `area`) inside vega's
 * `role-mark` groups; axes, legends and backgrounds are not counted.
 */
export function markCounts(svg: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of svg.matchAll(/<g class="mark-(\w+) role-mark[^"]*"[^>]*>(.*?)<\/g>/gs)) {
    const items = m[2]!.match(/<(path|line|text|rect|circle)\b/g)?.length ?? 0;
    out[m[1]!] = (out[m[1]!] ?? 0) + items;
  }
  return out;
}

/** The inline values of a spec's top-level data, or of layer `i`. */
export function valuesOf(spec: ChartSpec, layer?: number): Record<string, unknown>[] {
  const s = spec as { data?: { values?: unknown }; layer?: { data?: { values?: unknown } }[] };
  const data = layer === undefined ? s.data : s.layer?.[layer]?.data;
  return (data?.values ?? []) as Record<string, unknown>[];
}
