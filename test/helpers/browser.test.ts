import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePng, isBlankPng, launchBrowser, pngStats, serveStatic, type StaticServer } from './browser.js';

/** Build a 2×2 PNG by hand (colour type 2, RGB), filter `filter` on both rows, to test the decoder. */
function tinyPng(rows: number[][], filter: number): Uint8Array {
  const crc32 = (bytes: Uint8Array): number => {
    let c = ~0;
    for (const b of bytes) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    }
    return ~c >>> 0;
  };
  const chunk = (type: string, data: Uint8Array): Buffer => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    out.set(data, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const width = rows[0]!.length / 3;
  const height = rows.length;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  // Encode each row with the requested filter (PNG spec §9.2), bpp = 3.
  const raw: number[] = [];
  rows.forEach((row, y) => {
    raw.push(filter);
    row.forEach((v, x) => {
      const a = x >= 3 ? row[x - 3]! : 0;
      const b = y > 0 ? rows[y - 1]![x]! : 0;
      const c = x >= 3 && y > 0 ? rows[y - 1]![x - 3]! : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][filter]!;
      raw.push((v - pred) & 0xff);
    });
  });
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(raw))),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

describe('decodePng / pngStats (hand-built PNGs)', () => {
  const rows = [
    [255, 0, 0, 10, 200, 30],
    [0, 0, 255, 250, 251, 252],
  ];
  for (const filter of [0, 1, 2, 3, 4]) {
    it(`undoes filter ${filter}`, () => {
      const png = decodePng(tinyPng(rows, filter));
      expect(png.width).toBe(2);
      expect(png.height).toBe(2);
      expect([...png.rgba]).toEqual([255, 0, 0, 255, 10, 200, 30, 255, 0, 0, 255, 255, 250, 251, 252, 255]);
    });
  }

  it('counts colours and the non-white share', () => {
    // Three of the four pixels have a channel < 250; the fourth (250,251,252) counts as white.
    expect(pngStats(tinyPng(rows, 4))).toEqual({ width: 2, height: 2, distinctColours: 4, nonWhiteShare: 0.75 });
    const white = [
      [255, 255, 255, 255, 255, 255],
      [255, 255, 255, 255, 255, 255],
    ];
    expect(isBlankPng(tinyPng(white, 1))).toBe(true);
    expect(isBlankPng(tinyPng(rows, 0))).toBe(false);
  });

  it('rejects a non-PNG', () => {
    expect(() => decodePng(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(/not a PNG/);
  });
});

describe('serveStatic + launchBrowser (Chromium)', () => {
  let dir: string;
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'churnkit-browser-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><html><body style="margin:0;background:#fff">' +
        '<div id="box" style="width:100px;height:50px;background:rgb(200,30,60)"></div>' +
        '<script type="module" src="sub/app.mjs"></script></body></html>',
    );
    writeFileSync(join(dir, 'sub', 'app.mjs'), 'document.body.dataset.ready = "yes";');
    writeFileSync(join(dir, 'data.json'), '{"a":1}');
    server = await serveStatic(dir);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves files with their MIME types, 404 for missing files, 403 outside the root', async () => {
    const html = await fetch(server.url);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const mjs = await fetch(`${server.url}sub/app.mjs`);
    expect(mjs.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const json = await fetch(`${server.url}data.json`);
    expect(await json.json()).toEqual({ a: 1 });
    expect((await fetch(`${server.url}nope.js`)).status).toBe(404);
    // URL parsing resolves "..", even as %2e; an encoded slash survives it and decodes to "../../".
    expect((await fetch(`${server.url}..%2f..%2fetc%2fpasswd`)).status).toBe(403);
  });

  it('loads the page in Chromium, runs its module script and screenshots the red box', async () => {
    const page = await browser.newPage({ viewport: { width: 200, height: 100 } });
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="yes"]');
    const shot = await page.screenshot({ type: 'png' });
    const { width, height, rgba } = decodePng(shot);
    expect([width, height]).toEqual([200, 100]);
    const at = (x: number, y: number): number[] => [...rgba.subarray(4 * (y * width + x), 4 * (y * width + x) + 4)];
    expect(at(10, 10)).toEqual([200, 30, 60, 255]); // inside the box
    expect(at(150, 80)).toEqual([255, 255, 255, 255]); // outside
    const stats = pngStats(shot);
    // The box is 100×50 of 200×100 pixels: a quarter of the image.
    expect(stats.nonWhiteShare).toBeCloseTo(0.25, 3);
    expect(isBlankPng(shot)).toBe(false);
    await page.close();
  });
});
