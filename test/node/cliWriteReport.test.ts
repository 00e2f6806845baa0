import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simulateShop } from '../../src/data/simulateShop.js';
import { writeReport } from '../../src/node/index.js';
import { analyzeChurn } from '../../src/pipeline/analyzeChurn.js';
import type { ChurnAnalysis } from '../../src/pipeline/ChurnAnalysis.js';
import { renderReport } from '../../src/report/renderReport.js';

const dir = mkdtempSync(join(tmpdir(), 'churnkit-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeReport', () => {
  it('writes an HTML string as is, creating folders, and returns the absolute path and UTF-8 bytes', async () => {
    const html = '<!DOCTYPE html><title>Ünïcode – ✓</title>';
    const target = join(dir, 'a/b/c/report.html');
    const r = await writeReport(target, html);
    expect(r.path).toBe(target);
    expect(r.bytes).toBe(Buffer.byteLength(html, 'utf8'));
    expect(r.bytes).toBeGreaterThan(html.length); // multi-byte characters counted as bytes
    expect(readFileSync(target, 'utf8')).toBe(html);
    expect(readdirSync(join(dir, 'a/b/c'))).toEqual(['report.html']); // no temporary file left
  });

  it('resolves a relative path against the current folder and overwrites', async () => {
    const rel = relative(process.cwd(), join(dir, 'rel.html'));
    await writeReport(rel, 'first');
    const r = await writeReport(rel, 'second');
    expect(isAbsolute(r.path)).toBe(true);
    expect(r.path).toBe(join(dir, 'rel.html'));
    expect(readFileSync(r.path, 'utf8')).toBe('second');
  });

  it('renders an analysis with the report options', async () => {
    const shop = simulateShop({ customers: 300, seed: 4 });
    const analysis = analyzeChurn(shop.log, { table: shop.customers });
    const r = await writeReport(join(dir, 'analysis.html'), analysis, { title: 'Weekly churn', topCustomers: 5 });
    const written = readFileSync(r.path, 'utf8');
    expect(written).toBe(await renderReport(analysis, { title: 'Weekly churn', topCustomers: 5 }));
    expect(written).toContain('<title>Weekly churn</title>');
  }, 60_000);

  it('rejects a bad path or report, and reports IO errors without leaving a temporary file', async () => {
    await expect(writeReport('', 'x')).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'path' });
    await expect(writeReport(42 as unknown as string, 'x')).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'path' });
    await expect(writeReport(join(dir, 'n.html'), null as unknown as string)).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'report' });
    await expect(writeReport(join(dir, 'n.html'), { format: 'other' } as unknown as ChurnAnalysis)).rejects.toMatchObject({ code: 'INVALID_INPUT', path: ['analysis', 'format'] });
    expect(existsSync(join(dir, 'n.html'))).toBe(false);
    // the target is an existing folder: rename fails
    mkdirSync(join(dir, 'taken.html/inner'), { recursive: true });
    await expect(writeReport(join(dir, 'taken.html'), 'x')).rejects.toMatchObject({ code: 'IO_ERROR' });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // a parent is a file: mkdir fails
    writeFileSync(join(dir, 'file'), 'x');
    await expect(writeReport(join(dir, 'file/report.html'), 'x')).rejects.toMatchObject({ code: 'IO_ERROR' });
  });
});
