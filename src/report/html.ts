import { ChurnkitError, show } from '../internal/errors.js';
import type { ChartSpec } from './ChartSpec.js';
import { FONT } from './_theme.js';
import { renderSvg } from './renderSvg.js';
import { rewriteSvgIds } from './_svgIds.js';
import { groupDigits } from '../internal/format.js';

/** A chart block: a Vega-Lite spec rendered to inline SVG. @category Report */
export interface ChartBlock {
  kind: 'chart';
  spec: ChartSpec;
  caption?: string;
}

/** A column of a {@link TableBlock}: a row key and its heading (a plain string is both). @category Report */
export type TableColumn = string | { key: string; label?: string };

/** A table block; numbers are right-aligned and formatted, NaN shows as "–". @category Report */
export interface TableBlock {
  kind: 'table';
  columns: readonly TableColumn[];
  rows: readonly Readonly<Record<string, string | number | boolean | null | undefined>>[];
  caption?: string;
}

/** A text block: paragraphs separated by blank lines, shown as plain text. @category Report */
export interface TextBlock {
  kind: 'text';
  text: string;
}

/** One key figure of a {@link KpiBlock}. @category Report */
export interface Kpi {
  label: string;
  value: string | number;
  hint?: string;
}

/** A row of key figures ("Churn rate 4.2%"). @category Report */
export interface KpiBlock {
  kind: 'kpis';
  items: readonly Kpi[];
}

/** Anything a report section holds. @category Report */
export type ReportBlock = ChartBlock | TableBlock | TextBlock | KpiBlock;

/** A section of the report, with an anchor `id` for the table of contents. @category Report */
export interface ReportSection {
  /** Anchor id, unique in the page (any string; it is escaped). */
  id: string;
  heading: string;
  intro?: string;
  blocks: readonly ReportBlock[];
}

/** The whole report page given to {@link buildReportHtml}. @category Report */
export interface ReportPage {
  title: string;
  subtitle?: string;
  /** Key findings, one sentence each, shown as a list under the title. */
  summary?: readonly string[];
  sections: readonly ReportSection[];
}

/**
 * Escapes text for HTML element content and quoted attribute values: `& < > " '`.
 *
 * Every user string of the report (titles, feature names, segment names, customer ids) goes
 * through it, so a name like `<script>` or `a"b` is shown, never run.
 *
 * @param s - any text
 * @returns the text with `&`, `<`, `>`, `"` and `'` replaced by character references
 * @example
 * ```ts
 * escapeHtml(`<b class="x">Tom & Jerry's</b>`);
 * // '&lt;b class=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;'
 * ```
 * @category Report
 */
export function escapeHtml(s: string): string {
  return String(s).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Builds a self-contained HTML report: one file with inline CSS and every chart as inline SVG.
 *
 * The file a churn analysis hands to people without a dashboard: it opens offline, prints
 * cleanly and can be mailed. It has no `<script>`, loads nothing (a Content-Security-Policy
 * forbids it) and escapes every string it is given. Charts are rendered with
 * {@link renderSvg}; their element ids are prefixed per chart so several charts share a page.
 *
 * @param page - title, optional subtitle and summary, and sections of chart, table, text and
 *   KPI blocks ({@link ReportPage})
 * @returns the HTML document as a string
 * @throws ChurnkitError `INVALID_INPUT` for a missing title, heading or section id, a repeated
 *   section id or an unknown block kind (with its path); `INVALID_SPEC` when a chart fails to render
 * @example
 * ```ts
 * const html = await buildReportHtml({
 *   title: 'Churn report — March',
 *   sections: [{ id: 'risk', heading: 'Who is at risk', blocks: [{ kind: 'chart', spec: rocChart(roc) }] }],
 * });
 * ```
 * @category Report
 */
export async function buildReportHtml(page: ReportPage): Promise<string> {
  if (page === null || typeof page !== 'object') bad([], 'a report page object', page);
  text(page.title, ['title']);
  if (page.subtitle !== undefined) text(page.subtitle, ['subtitle'], true);
  if (page.summary !== undefined && !Array.isArray(page.summary)) bad(['summary'], 'an array of strings', page.summary);
  (page.summary ?? []).forEach((s, i) => text(s, ['summary', i], true));
  if (!Array.isArray(page.sections)) bad(['sections'], 'an array of sections', page.sections);
  const ids = new Set<string>();
  page.sections.forEach((sec, i) => {
    if (sec === null || typeof sec !== 'object') bad(['sections', i], 'a section object', sec);
    text(sec.id, ['sections', i, 'id']);
    if (ids.has(sec.id)) bad(['sections', i, 'id'], 'a section id not used before', sec.id);
    ids.add(sec.id);
    text(sec.heading, ['sections', i, 'heading']);
    if (sec.intro !== undefined) text(sec.intro, ['sections', i, 'intro'], true);
    if (!Array.isArray(sec.blocks)) bad(['sections', i, 'blocks'], 'an array of blocks', sec.blocks);
    sec.blocks.forEach((b: ReportBlock, j: number) => checkBlock(b, ['sections', i, 'blocks', j]));
  });

  // Render every chart (concurrently; results are placed by position, so output is deterministic).
  const charts = new Map<string, Promise<string>>();
  page.sections.forEach((sec, i) =>
    sec.blocks.forEach((b: ReportBlock, j: number) => {
      if (b.kind === 'chart') charts.set(`${i}.${j}`, renderSvg(b.spec).then((svg) => inlineSvg(svg, `c${i}-${j}-`)));
    }),
  );
  const svgs = new Map<string, string>();
  for (const [k, p] of charts) svgs.set(k, await p);

  const out: string[] = [];
  out.push('<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">');
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  out.push(`<title>${escapeHtml(page.title)}</title>`, `<style>${CSS}</style>`, '</head>', '<body>', '<main>');
  out.push('<header>', `<h1>${escapeHtml(page.title)}</h1>`);
  if (page.subtitle) out.push(`<p class="subtitle">${escapeHtml(page.subtitle)}</p>`);
  if (page.summary && page.summary.length > 0) {
    out.push('<ul class="summary">', ...page.summary.map((s) => `<li>${escapeHtml(s)}</li>`), '</ul>');
  }
  if (page.sections.length > 1) {
    out.push('<nav aria-label="Contents"><ol>');
    for (const sec of page.sections) out.push(`<li><a href="#${escapeHtml(anchor(sec.id))}">${escapeHtml(sec.heading)}</a></li>`);
    out.push('</ol></nav>');
  }
  out.push('</header>');
  page.sections.forEach((sec, i) => {
    out.push(`<section id="${escapeHtml(anchor(sec.id))}">`, `<h2>${escapeHtml(sec.heading)}</h2>`);
    if (sec.intro) out.push(paragraphs(sec.intro, 'intro'));
    // Consecutive charts share a wrapping row, so narrow charts sit side by side.
    let row = false;
    sec.blocks.forEach((b: ReportBlock, j: number) => {
      if (b.kind !== 'chart' && row) {
        out.push('</div>');
        row = false;
      }
      switch (b.kind) {
        case 'chart':
          if (!row) {
            out.push('<div class="charts">');
            row = true;
          }
          out.push(`<figure class="chart">${svgs.get(`${i}.${j}`)!}${b.caption ? `<figcaption>${escapeHtml(b.caption)}</figcaption>` : ''}</figure>`);
          break;
        case 'table':
          out.push(table(b));
          break;
        case 'text':
          out.push(paragraphs(b.text));
          break;
        case 'kpis':
          out.push('<dl class="kpis">');
          for (const k of b.items) {
            const value = typeof k.value === 'number' ? formatNumber(k.value) : k.value;
            out.push(`<div class="kpi"><dt>${escapeHtml(k.label)}</dt><dd>${escapeHtml(value)}</dd>${k.hint ? `<dd class="hint">${escapeHtml(k.hint)}</dd>` : ''}</div>`);
          }
          out.push('</dl>');
          break;
      }
    });
    if (row) out.push('</div>');
    out.push('</section>');
  });
  out.push('</main>', '</body>', '</html>', '');
  return out.join('\n');
}

/** An HTML id from any string: whitespace becomes "-" (ids may not contain spaces); then escaped by the caller. */
function anchor(id: string): string {
  return id.replace(/\s+/g, '-');
}

function paragraphs(s: string, cls?: string): string {
  const attr = cls ? ` class="${cls}"` : '';
  return s
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => `<p${attr}>${escapeHtml(p)}</p>`)
    .join('\n');
}

function table(b: TableBlock): string {
  const cols = b.columns.map((c) => (typeof c === 'string' ? { key: c, label: c } : { key: c.key, label: c.label ?? c.key }));
  const numeric = cols.map((c) => b.rows.length > 0 && b.rows.every((r) => typeof r[c.key] === 'number' || r[c.key] == null));
  const head = cols.map((c, k) => `<th scope="col"${numeric[k] ? ' class="num"' : ''}>${escapeHtml(c.label)}</th>`).join('');
  const body = b.rows
    .map((r) => `<tr>${cols.map((c, k) => `<td${numeric[k] ? ' class="num"' : ''}>${escapeHtml(cell(r[c.key]))}</td>`).join('')}</tr>`)
    .join('\n');
  const caption = b.caption ? `<caption>${escapeHtml(b.caption)}</caption>` : '';
  return `<div class="table-wrap"><table>${caption}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>`;
}

function cell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return formatNumber(v);
  return String(v);
}

/**
 * Locale-free number formatting for tables and KPIs: NaN → "–", integers with thousands
 * separators, other numbers to 1 decimal from 100 up, 2 from 1 up, else 3 significant decimals.
 *
 * @internal
 */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return '–';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  const a = Math.abs(x);
  const s = Number.isInteger(x) ? a.toFixed(0) : a.toFixed(a >= 100 ? 1 : a >= 1 ? 2 : 3);
  const [int, frac] = s.split('.') as [string, string | undefined];
  const grouped = groupDigits(int);
  return `${x < 0 ? '−' : ''}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/**
 * Prepares Vega's SVG for inlining in HTML: drops the root's namespace attributes (not needed
 * inside HTML, and they are the only URLs in it) and prefixes every element id, and the
 * `url(#…)` / `href="#…"` references to it, so that ids of several charts do not collide.
 */
function inlineSvg(svg: string, prefix: string): string {
  const root = svg.replace(/^<svg([^>]*)>/, (_, attrs: string) => `<svg${attrs.replace(/\s+xmlns(:xlink)?="[^"]*"/g, '')} role="img">`);
  return rewriteSvgIds(root, (id) => `${prefix}${id}`);
}

function checkBlock(b: unknown, path: (string | number)[]): void {
  if (b === null || typeof b !== 'object') bad(path, 'a block object', b);
  const block = b as Record<string, unknown>;
  switch (block.kind) {
    case 'chart':
      if (block.spec === null || typeof block.spec !== 'object') bad([...path, 'spec'], 'a Vega-Lite spec object', block.spec);
      break;
    case 'table':
      if (!Array.isArray(block.columns)) bad([...path, 'columns'], 'an array of columns', block.columns);
      if (!Array.isArray(block.rows)) bad([...path, 'rows'], 'an array of row objects', block.rows);
      (block.columns as unknown[]).forEach((c, k) => {
        if (typeof c === 'string') return;
        if (c === null || typeof c !== 'object' || typeof (c as { key?: unknown }).key !== 'string') {
          bad([...path, 'columns', k], 'a column name or { key, label? }', c);
        }
      });
      (block.rows as unknown[]).forEach((r, k) => {
        if (r === null || typeof r !== 'object') bad([...path, 'rows', k], 'a row object', r);
      });
      break;
    case 'text':
      text(block.text, [...path, 'text'], true);
      break;
    case 'kpis':
      if (!Array.isArray(block.items)) bad([...path, 'items'], 'an array of { label, value, hint? }', block.items);
      (block.items as unknown[]).forEach((k, m) => {
        const item = k as Record<string, unknown> | null;
        if (item === null || typeof item !== 'object') bad([...path, 'items', m], 'a { label, value } object', k);
        text(item.label, [...path, 'items', m, 'label']);
        if (typeof item.value !== 'string' && typeof item.value !== 'number') bad([...path, 'items', m, 'value'], 'a string or number', item.value);
        if (item.hint !== undefined) text(item.hint, [...path, 'items', m, 'hint'], true);
      });
      break;
    default:
      bad([...path, 'kind'], '"chart", "table", "text" or "kpis"', block.kind);
  }
  const caption = block.caption;
  if (caption !== undefined && typeof caption !== 'string') bad([...path, 'caption'], 'a string', caption);
}

function text(v: unknown, path: (string | number)[], allowEmpty = false): asserts v is string {
  if (typeof v !== 'string' || (!allowEmpty && v.trim() === '')) bad(path, allowEmpty ? 'a string' : 'a non-empty string', v);
}

function bad(path: (string | number)[], expected: string, received: unknown): never {
  throw new ChurnkitError(
    'INVALID_INPUT',
    `buildReportHtml: ${path.length ? path.join('.') : 'page'} must be ${expected}; received ${show(received)}.`,
    { path, expected, received },
  );
}

const CSS = `
:root{color-scheme:light;--ink:#222;--muted:#5c5c5c;--rule:#e3e3e3;--accent:#0072B2}
*{box-sizing:border-box}
body{margin:0;background:#fff;color:var(--ink);font-family:${FONT};font-size:16px;line-height:1.55}
main{max-width:64rem;margin:0 auto;padding:2rem 1.25rem 4rem}
h1{font-size:1.9rem;line-height:1.2;margin:0 0 .25rem}
h2{font-size:1.35rem;margin:2.5rem 0 .75rem;padding-top:.5rem;border-top:1px solid var(--rule)}
.subtitle{color:var(--muted);margin:0 0 1rem}
.summary{background:#f4f8fb;border-left:4px solid var(--accent);padding:.75rem 1rem .75rem 2rem;margin:1rem 0}
nav ol{columns:2;margin:.5rem 0;padding-left:1.5rem}
nav a{color:var(--accent)}
.intro{color:var(--muted)}
figure.chart{margin:1.25rem 0;overflow-x:auto}
.charts{display:flex;flex-wrap:wrap;column-gap:2rem;align-items:flex-start}
.charts figure.chart{flex:0 1 auto;max-width:100%}
figure.chart svg{max-width:100%;height:auto;display:block}
figcaption,caption{color:var(--muted);font-size:.9rem;margin-top:.35rem;text-align:left;caption-side:bottom}
.table-wrap{overflow-x:auto;margin:1rem 0}
table{border-collapse:collapse;font-size:.92rem;font-variant-numeric:tabular-nums}
th,td{padding:.35rem .7rem;border-bottom:1px solid var(--rule);text-align:left;vertical-align:top}
th{font-weight:600;border-bottom:2px solid #bbb}
.num{text-align:right}
.kpis{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0}
.kpi{flex:1 1 10rem;border:1px solid var(--rule);border-radius:6px;padding:.6rem .8rem}
.kpi dt{color:var(--muted);font-size:.85rem}
.kpi dd{margin:0;font-size:1.5rem;font-weight:600}
.kpi dd.hint{font-size:.8rem;font-weight:400;color:var(--muted)}
@page{margin:1.5cm}
@media print{
body{font-size:11pt}
main{max-width:none;padding:0}
nav{display:none}
h2{break-after:avoid}
figure.chart,table,.kpis{break-inside:avoid}
a{color:inherit;text-decoration:none}
}
`.trim();
