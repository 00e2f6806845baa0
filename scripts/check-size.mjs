// Guards the bundle size of single imports from the built package (as zod does), and that the
// browser build of the core pulls in no node: module. Run after `npm run build`.
// Bundles with code splitting, as a browser app's bundler would: what counts is the entry chunk
// and the chunks it imports statically (what `import ... from 'churnkit'` loads). Chunks reached
// only by dynamic `import()` (vega and vega-lite, loaded when a report is rendered) are reported
// on their own line and not counted against the limit.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// name → [code importing from the built package, limit in bytes minified]
const cases = {
  'createEventLog from churnkit': ["import { createEventLog } from './dist/index.js'; console.log(createEventLog);", 30_000],
  'everything from churnkit/data': ["import * as d from './dist/data/index.js'; console.log(d);", 120_000],
  'everything from churnkit (browser core)': ["import * as d from './dist/index.js'; console.log(d);", 600_000],
};

const outdir = mkdtempSync(join(tmpdir(), 'churnkit-size-'));
let failed = false;
try {
  for (const [name, [contents, limit]] of Object.entries(cases)) {
    const out = await build({
      stdin: { contents, resolveDir: process.cwd(), loader: 'js', sourcefile: 'entry.js' },
      bundle: true,
      minify: true,
      write: false,
      format: 'esm',
      splitting: true,
      outdir,
      platform: 'browser',
      logLevel: 'silent',
      metafile: true,
    });
    const outputs = out.metafile.outputs;
    const entry = Object.keys(outputs).find((f) => outputs[f].entryPoint !== undefined);
    // The entry and every chunk reachable from it by static imports.
    const eager = new Set();
    const visit = (f) => {
      if (eager.has(f)) return;
      eager.add(f);
      for (const imp of outputs[f].imports) if (imp.kind === 'import-statement' && !imp.external) visit(imp.path);
    };
    visit(entry);
    const sizeOf = (f) => out.outputFiles.find((o) => o.path === resolve(f)).contents.length;
    let bytes = 0;
    let lazy = 0;
    for (const f of Object.keys(outputs)) {
      if (f.endsWith('.map')) continue;
      if (eager.has(f)) bytes += sizeOf(f);
      else lazy += sizeOf(f);
    }
    const nodeImports = Object.keys(out.metafile.inputs).filter((f) => f.startsWith('node:'));
    const ok = bytes <= limit && nodeImports.length === 0;
    if (!ok) failed = true;
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} ${name}: ${(bytes / 1024).toFixed(1)} KiB (limit ${(limit / 1024).toFixed(0)} KiB)` +
        `${lazy > 0 ? `; + ${(lazy / 1024).toFixed(0)} KiB loaded on demand` : ''}${nodeImports.length ? `, imports ${nodeImports.join(', ')}` : ''}`,
    );
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
if (failed) process.exit(1);
