// Builds the dashboard example into examples/dashboard/dist/:
//   events.json  generated from simulateShop({ customers: 300, seed: 1 }) (not committed)
//   main.js      main.ts + churnkit (from ../../src) + vega-embed, bundled for the browser
//   index.html   the page
// Run: node examples/dashboard/build.mjs   (then serve dist/ with any static server)
//
// The bundle is built with platform 'browser', and a plugin fails the build when any module
// pulls a Node built-in (`node:fs`, `fs`, `path`, ...): churnkit's core must stay browser-safe.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** esbuild plugin: any import of a Node built-in is a build error naming the importer. */
export const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(b) {
    b.onResolve({ filter: /^[a-z_:/]+$/ }, (args) => {
      if (!args.path.startsWith('node:') && !builtins.has(args.path)) return undefined;
      return {
        errors: [
          {
            text: `"${args.path}" is a Node built-in; the browser bundle must not pull it (imported by ${relative(process.cwd(), args.importer) || args.importer})`,
          },
        ],
      };
    });
  },
};

/** Write dist/events.json from the simulated shop: customerId, time (epoch ms), type, value. */
async function writeEvents(outdir, customers, seed) {
  // Bundle a tiny generator for Node (churnkit is TypeScript), run it, then delete it.
  const gen = join(outdir, '_make-events.mjs');
  await build({
    stdin: {
      contents:
        "import { simulateShop } from '../../src/data/index.ts';\n" +
        'export function makeEvents(customers, seed) {\n' +
        '  const shop = simulateShop({ customers, seed });\n' +
        '  const events = [];\n' +
        '  for (const e of shop.log.events()) {\n' +
        '    const o = { customerId: e.customerId, time: e.time, type: e.type };\n' +
        '    if (e.value !== undefined) o.value = e.value;\n' +
        '    events.push(o);\n' +
        '  }\n' +
        '  return { start: shop.start, end: shop.end, events };\n' +
        '}\n',
      resolveDir: here,
      sourcefile: 'make-events.ts',
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: gen,
    logLevel: 'silent',
  });
  try {
    const { makeEvents } = await import(`${pathToFileURL(gen).href}?t=${Date.now()}`);
    const data = makeEvents(customers, seed);
    writeFileSync(join(outdir, 'events.json'), JSON.stringify(data));
    return data.events.length;
  } finally {
    rmSync(gen, { force: true });
  }
}

/**
 * Build the dashboard. Rejects (esbuild's error) when the bundle cannot be built, including
 * when anything imports a Node built-in.
 *
 * @param {{ entry?: string, outdir?: string, customers?: number, seed?: number, events?: boolean }} [options]
 * @returns {Promise<{ outdir: string, bundleBytes: number, events: number }>}
 */
export async function buildDashboard(options = {}) {
  const entry = options.entry ?? join(here, 'main.ts');
  const outdir = options.outdir ?? join(here, 'dist');
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    outfile: join(outdir, 'main.js'),
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    plugins: [noNodeBuiltins],
    logLevel: 'silent',
  });
  copyFileSync(join(here, 'index.html'), join(outdir, 'index.html'));
  const events = options.events === false ? 0 : await writeEvents(outdir, options.customers ?? 300, options.seed ?? 1);
  return { outdir, bundleBytes: statSync(join(outdir, 'main.js')).size, events };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const r = await buildDashboard();
    console.log(
      `Built ${relative(process.cwd(), r.outdir)}/: main.js ${(r.bundleBytes / 1024).toFixed(0)} KiB, events.json with ${r.events} events.`,
    );
  } catch (e) {
    console.error(e.message ?? e);
    process.exit(1);
  }
}
