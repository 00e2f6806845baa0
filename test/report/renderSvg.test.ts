import { describe, expect, it } from 'vitest';
import { renderSvg, segmentSizesChart, type ChartSpec } from '../../src/report/index.js';
import { markCounts } from './_chartTools.js';

const bars: ChartSpec = {
  data: { values: [{ a: 'x', b: 2 }, { a: 'y', b: 5 }, { a: 'z', b: 1 }] },
  mark: 'bar',
  encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } },
};

describe('renderSvg', () => {
  it('renders a standalone SVG with one rect per datum and the spec size', async () => {
    const svg = await renderSvg({ ...bars, width: 200, height: 100 } as ChartSpec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(markCounts(svg)).toEqual({ rect: 3 });
    // width = 200 plot + axis + padding: larger than the plot, smaller than 2x
    const width = Number(/^<svg[^>]* width="(\d+(?:\.\d+)?)"/.exec(svg)![1]);
    expect(width).toBeGreaterThan(200);
    expect(width).toBeLessThan(400);
  });

  it('is deterministic: the same spec gives the same bytes, also concurrently', async () => {
    const spec = segmentSizesChart([{ name: 'a', size: 3 }, { name: 'b', size: 7 }]);
    const [a, b] = await Promise.all([renderSvg(spec), renderSvg(spec)]);
    expect(a).toBe(b);
    expect(await renderSvg(spec)).toBe(a);
  });

  it('clip-path ids are renumbered per SVG, so repeated renders give the same bytes', async () => {
    const clipped = {
      data: { values: [{ a: 1, b: 2 }, { a: 2, b: 3 }] },
      mark: { type: 'line', clip: true },
      encoding: { x: { field: 'a', type: 'quantitative', scale: { domain: [0, 1.5] } }, y: { field: 'b', type: 'quantitative' } },
    } as ChartSpec;
    const a = await renderSvg(clipped);
    const b = await renderSvg(clipped);
    expect(a).toBe(b);
    expect(a.match(/\sid="[^"]+"/g)).toEqual([' id="clip1"']);
    expect(a).toContain('clip-path="url(#clip1)"');
  });

  it('does not mutate the spec', async () => {
    const spec = segmentSizesChart([{ name: 'a', size: 3 }]);
    const before = JSON.stringify(spec);
    await renderSvg(spec);
    expect(JSON.stringify(spec)).toBe(before);
  });

  it('routes compiler warnings to onWarning', async () => {
    const warnings: string[] = [];
    const spec = { ...bars, encoding: { ...bars.encoding, color: { field: 'a', type: 'nominal', scale: { type: 'log' } } } } as ChartSpec;
    await renderSvg(spec, { onWarning: (m) => warnings.push(m) });
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.join(' ')).toMatch(/scale/i);
  });

  it('refuses data from a URL (no network at render time)', async () => {
    const spec = { data: { url: 'https://example.com/data.csv' }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' } } } as ChartSpec;
    const e = await renderSvg(spec).then(() => undefined, (err: unknown) => err);
    expect(e).toMatchObject({ code: 'INVALID_SPEC' });
    expect(String((e as Error).message)).toContain('https://example.com/data.csv');
  });

  it('rejects a non-object and a spec that does not compile', async () => {
    await expect(renderSvg(null as never)).rejects.toMatchObject({ code: 'INVALID_SPEC' });
    await expect(renderSvg([] as never)).rejects.toMatchObject({ code: 'INVALID_SPEC' });
    await expect(renderSvg({ mark: 'bar', layer: 5 } as never)).rejects.toMatchObject({ code: 'INVALID_SPEC' });
    await expect(renderSvg(bars, { onWarning: 5 as never })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
  });

  it('importing the report domain does not load vega (lazy import)', async () => {
    // The chart functions are plain data builders: a fresh import of one must not pull vega in.
    const mod = await import('../../src/report/charts/liftChart.js');
    expect(typeof mod.liftChart).toBe('function');
    const src = (await import('node:fs')).readFileSync(new URL('../../src/report/renderSvg.ts', import.meta.url), 'utf8');
    expect(src).not.toMatch(/^import .* from 'vega(-lite)?';/m);
    expect(src).toMatch(/import\('vega'\)/);
  });
});


describe('renderSvg leaves chart text alone when renumbering ids (review finding)', () => {
  it('does not rewrite id="…" or url(#…) written inside a label', async () => {
    const label = 'a id="e" url(#c)';
    const svg = await renderSvg({
      data: { values: [{ name: label, v: 1 }] },
      mark: 'bar',
      encoding: { y: { field: 'name', type: 'nominal' }, x: { field: 'v', type: 'quantitative' } },
    });
    // Vega writes the label as text (quotes unescaped); before the fix the renumbering turned it into
    // `a id="e1" url(#c)`.
    expect(svg).toContain('>a id="e" url(#c)<');
  });
});
