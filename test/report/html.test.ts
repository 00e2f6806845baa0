import { describe, expect, it } from 'vitest';
import { buildReportHtml, escapeHtml, featureImportanceChart, segmentSizesChart, type ChartSpec, type ReportPage } from '../../src/report/index.js';

const evil = `<script>alert("x")</script> & 'quotes'`;

function page(): ReportPage {
  return {
    title: `Churn report ${evil}`,
    subtitle: 'March 2024',
    summary: ['Churn rose to 4.2%', `Top driver: ${evil}`],
    sections: [
      {
        id: 'risk & "drivers"',
        heading: 'Who is at risk',
        intro: 'First paragraph.\n\nSecond <b>paragraph</b>.',
        blocks: [
          { kind: 'kpis', items: [{ label: 'Churn rate', value: '4.2%', hint: 'last 30 days' }, { label: 'Customers', value: 12345 }] },
          { kind: 'chart', spec: featureImportanceChart([{ feature: `<img src=x onerror="1">&'`, kind: 'gain', importance: 1 }]), caption: `Caption ${evil}` },
          { kind: 'chart', spec: segmentSizesChart([{ name: 'fading', size: 10 }, { name: 'lost', size: 5 }]) },
        ],
      },
      {
        id: 'tables',
        heading: 'Tables',
        blocks: [
          {
            kind: 'table',
            caption: 'Segments',
            columns: ['name', { key: 'size', label: 'Customers' }, { key: 'rate', label: 'Churn rate' }],
            rows: [
              { name: evil, size: 1234567, rate: 0.04213 },
              { name: 'b', size: 12, rate: NaN },
            ],
          },
          { kind: 'text', text: `Plain ${evil}` },
        ],
      },
    ],
  };
}

describe('escapeHtml', () => {
  it('escapes the five characters and nothing else', () => {
    expect(escapeHtml(`<b class="x">Tom & Jerry's</b>`)).toBe('&lt;b class=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;');
    expect(escapeHtml('plain text, ünïcode – ok')).toBe('plain text, ünïcode – ok');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
    expect(escapeHtml('')).toBe('');
  });
});

describe('buildReportHtml', () => {
  it('is self-contained: no script, no external URL, charts inline as SVG', async () => {
    const html = await buildReportHtml(page());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:/i);
    expect(html).not.toMatch(/<link\b|<img\b|<iframe\b|@import/i);
    expect(html.match(/<svg\b/g)?.length).toBe(2);
    expect(html).toContain("default-src 'none'");
  });

  it('escapes every user string (title, summary, ids, captions, feature names, cells, text)', async () => {
    const html = await buildReportHtml(page());
    const escaped = escapeHtml(evil);
    expect(html).toContain(`<title>Churn report ${escaped}</title>`);
    expect(html).toContain(`<li>Top driver: ${escaped}</li>`);
    expect(html).toContain(`<figcaption>Caption ${escaped}</figcaption>`);
    expect(html).toContain(`<td>${escaped}</td>`);
    expect(html).toContain(`<p>Plain ${escaped}</p>`);
    // section id with & and quotes: escaped in the id and in the contents link, spaces → "-"
    expect(html).toContain('<section id="risk-&amp;-&quot;drivers&quot;">');
    expect(html).toContain('<a href="#risk-&amp;-&quot;drivers&quot;">Who is at risk</a>');
    // the feature name drawn by vega inside the SVG is escaped too
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=');
    // intro paragraphs split on blank lines, markup shown as text
    expect(html).toContain('<p class="intro">Second &lt;b&gt;paragraph&lt;/b&gt;.</p>');
  });

  it('formats numbers: thousands separators, NaN as a dash, numeric columns right-aligned', async () => {
    const html = await buildReportHtml(page());
    expect(html).toContain('<td class="num">1,234,567</td><td class="num">0.042</td>');
    expect(html).toContain('<td class="num">12</td><td class="num">–</td>');
    expect(html).toContain('<th scope="col" class="num">Customers</th>');
    expect(html).toContain('<dd>12,345</dd>');
  });

  it('prefixes SVG ids per chart so two charts do not share clip paths', async () => {
    // clip: true makes vega write a <clipPath id="clipN"> and url(#clipN) references
    const clipped = {
      data: { values: [{ a: 1, b: 2 }, { a: 2, b: 3 }] },
      mark: { type: 'line', clip: true },
      encoding: { x: { field: 'a', type: 'quantitative', scale: { domain: [0, 1.5] } }, y: { field: 'b', type: 'quantitative' } },
    } as ChartSpec;
    const html = await buildReportHtml({
      title: 'T',
      sections: [{ id: 's', heading: 'H', blocks: [{ kind: 'chart', spec: clipped }, { kind: 'chart', spec: clipped }] }],
    });
    expect(html.match(/<clipPath\b/g)?.length).toBe(2);
    expect(html.match(/url\(#/g)?.length).toBeGreaterThanOrEqual(2);
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of html.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(m[1]);
  });

  it('is deterministic', async () => {
    expect(await buildReportHtml(page())).toBe(await buildReportHtml(page()));
  });

  it('one section: no table of contents; empty summary: no list', async () => {
    const html = await buildReportHtml({ title: 'T', summary: [], sections: [{ id: 's', heading: 'H', blocks: [] }] });
    expect(html).not.toContain('<nav');
    expect(html).not.toContain('class="summary"');
    expect(html).toContain('<section id="s">\n<h2>H</h2>\n</section>');
  });

  it('errors name the path', async () => {
    const p = page();
    await expect(buildReportHtml({ ...p, title: ' ' })).rejects.toMatchObject({ code: 'INVALID_INPUT', path: ['title'] });
    await expect(buildReportHtml({ ...p, sections: [p.sections[0]!, { ...p.sections[1]!, id: p.sections[0]!.id }] }))
      .rejects.toMatchObject({ code: 'INVALID_INPUT', path: ['sections', 1, 'id'] });
    const badKind = { ...p, sections: [{ id: 'a', heading: 'A', blocks: [{ kind: 'video' }] }] } as unknown as ReportPage;
    await expect(buildReportHtml(badKind)).rejects.toMatchObject({ code: 'INVALID_INPUT', path: ['sections', 0, 'blocks', 0, 'kind'] });
    const badKpi = { ...p, sections: [{ id: 'a', heading: 'A', blocks: [{ kind: 'kpis', items: [{ label: 'x', value: null }] }] }] } as unknown as ReportPage;
    await expect(buildReportHtml(badKpi)).rejects.toMatchObject({ path: ['sections', 0, 'blocks', 0, 'items', 0, 'value'] });
    const badSpec = { ...p, sections: [{ id: 'a', heading: 'A', blocks: [{ kind: 'chart', spec: { mark: 'bar', layer: 3 } }] }] } as unknown as ReportPage;
    await expect(buildReportHtml(badSpec)).rejects.toMatchObject({ code: 'INVALID_SPEC' });
  });
});
