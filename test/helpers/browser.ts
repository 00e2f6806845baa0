/**
 * Browser test harness: Debian's Chromium driven by playwright-core, a static file server and a
 * PNG decoder for "the screenshot is not blank" checks.
 *
 * Browser tests never skip silently: when /usr/bin/chromium is missing, {@link launchBrowser}
 * throws an error saying that `.ci/run` installs it with apt-get.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { inflateSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Flags that keep Chromium quiet on a closed network (no sync, no component updates, no QUIC,
 * no background fetches) and let it run as root in a container.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** True when the Chromium binary exists. */
export function hasChromium(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** The message browser tests fail with when Chromium is missing. */
export const MISSING_CHROMIUM =
  `Chromium not found at ${CHROMIUM_PATH}. Browser tests need it and do not skip: ` +
  '.ci/run installs it with `apt-get install -y chromium` (run that, or .ci/run, first).';

/** Launch headless Chromium; throws a clear error when the binary is missing. */
export async function launchBrowser(): Promise<Browser> {
  if (!hasChromium()) throw new Error(MISSING_CHROMIUM);
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
}

/** MIME types served by {@link serveStatic}; anything else is application/octet-stream. */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** A running static server. */
export interface StaticServer {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:40123/`. */
  url: string;
  /** Stop listening and drop open connections. */
  close(): Promise<void>;
}

/**
 * Serve the files under `dir` on 127.0.0.1 with an ephemeral port. `/` and folder paths serve
 * `index.html`; paths escaping `dir` get 403; missing files get 404. GET and HEAD only.
 */
export async function serveStatic(dir: string): Promise<StaticServer> {
  const root = resolve(dir);
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      let pathname: string;
      try {
        pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      } catch {
        res.writeHead(400).end('bad path');
        return;
      }
      let file = normalize(join(root, pathname));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      try {
        if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
        const body = await readFile(file);
        res.writeHead(200, {
          'content-type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
          'content-length': body.length,
          'cache-control': 'no-store',
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${pathname}`);
      }
    })();
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((ok, fail) => {
        server.closeAllConnections();
        server.close((e) => (e ? fail(e) : ok()));
      }),
  };
}

/** Decoded 8-bit PNG pixels as RGBA. */
export interface DecodedPng {
  width: number;
  height: number;
  /** width × height × 4 bytes, row-major RGBA. */
  rgba: Uint8Array;
}

/** Summary of a decoded PNG, for "not blank" assertions. */
export interface PngStats {
  width: number;
  height: number;
  /** Number of distinct RGBA colours. */
  distinctColours: number;
  /** Share of pixels that are not (near) white or fully transparent: any channel < 250. */
  nonWhiteShare: number;
}

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/**
 * Decode a non-interlaced 8-bit PNG (colour types 0, 2, 3, 4, 6 — what Chromium screenshots
 * write) with node:zlib: read the chunks, inflate the concatenated IDAT data, undo the
 * per-row filters (PNG spec §9: None, Sub, Up, Average, Paeth) and expand to RGBA.
 */
export function decodePng(buffer: Uint8Array): DecodedPng {
  for (let i = 0; i < 8; i++) {
    if (buffer[i] !== PNG_SIGNATURE[i]) throw new Error('decodePng: not a PNG (bad signature)');
  }
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let width = 0;
  let height = 0;
  let bitDepth = 0;
  let colourType = -1;
  let interlace = 0;
  let palette: Uint8Array | undefined;
  let transparency: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  let pos = 8;
  while (pos + 8 <= buffer.length) {
    const length = view.getUint32(pos);
    const type = String.fromCharCode(buffer[pos + 4]!, buffer[pos + 5]!, buffer[pos + 6]!, buffer[pos + 7]!);
    const data = buffer.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(pos + 8);
      height = view.getUint32(pos + 12);
      bitDepth = data[8]!;
      colourType = data[9]!;
      interlace = data[12]!;
    } else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') transparency = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + length;
  }
  if (bitDepth !== 8) throw new Error(`decodePng: only 8-bit PNGs are supported (got ${bitDepth})`);
  if (interlace !== 0) throw new Error('decodePng: interlaced PNGs are not supported');
  const channels = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[colourType];
  if (channels === undefined) throw new Error(`decodePng: bad colour type ${colourType}`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw new Error('decodePng: truncated image data');
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const out = y * stride;
    const prev = out - stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[out + x - channels]! : 0;
      const b = y > 0 ? pixels[prev + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[prev + x - channels]! : 0;
      let predictor: number;
      switch (filter) {
        case 0: predictor = 0; break;
        case 1: predictor = a; break;
        case 2: predictor = b; break;
        case 3: predictor = (a + b) >> 1; break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default: throw new Error(`decodePng: bad filter ${filter} on row ${y}`);
      }
      pixels[out + x] = (raw[src + x]! + predictor) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0, n = width * height; i < n; i++) {
    const s = i * channels;
    const d = i * 4;
    switch (colourType) {
      case 0: rgba[d] = rgba[d + 1] = rgba[d + 2] = pixels[s]!; rgba[d + 3] = 255; break;
      case 2: rgba[d] = pixels[s]!; rgba[d + 1] = pixels[s + 1]!; rgba[d + 2] = pixels[s + 2]!; rgba[d + 3] = 255; break;
      case 3: {
        const k = pixels[s]!;
        if (!palette || palette.length < 3 * (k + 1)) throw new Error('decodePng: palette index out of range');
        rgba[d] = palette[3 * k]!; rgba[d + 1] = palette[3 * k + 1]!; rgba[d + 2] = palette[3 * k + 2]!;
        rgba[d + 3] = transparency?.[k] ?? 255;
        break;
      }
      case 4: rgba[d] = rgba[d + 1] = rgba[d + 2] = pixels[s]!; rgba[d + 3] = pixels[s + 1]!; break;
      default: rgba.set(pixels.subarray(s, s + 4), d);
    }
  }
  return { width, height, rgba };
}

/** Distinct colours and the non-white share of a PNG (see {@link PngStats}). */
export function pngStats(buffer: Uint8Array): PngStats {
  const { width, height, rgba } = decodePng(buffer);
  const colours = new Set<number>();
  let nonWhite = 0;
  const n = width * height;
  for (let i = 0; i < n; i++) {
    const r = rgba[4 * i]!;
    const g = rgba[4 * i + 1]!;
    const b = rgba[4 * i + 2]!;
    const a = rgba[4 * i + 3]!;
    colours.add(((r << 24) | (g << 16) | (b << 8) | a) >>> 0);
    if (a > 0 && (r < 250 || g < 250 || b < 250)) nonWhite++;
  }
  return { width, height, distinctColours: colours.size, nonWhiteShare: n === 0 ? 0 : nonWhite / n };
}

/** True when the PNG has a single colour (an empty page or a failed render). */
export function isBlankPng(buffer: Uint8Array): boolean {
  return pngStats(buffer).distinctColours <= 1;
}
