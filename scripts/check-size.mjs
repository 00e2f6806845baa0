// Guards the bundle size of single imports from the built package (as zod does), and that the
// browser build of the core pulls in no node: module. Run after `npm run build`.
import { build } from 'esbuild';

// name → [code importing from the built package, limit in bytes minified]
const cases = {
  'createEventLog from churnkit': ["import { createEventLog } from './dist/index.js'; console.log(createEventLog);", 28_000],
  'everything from churnkit/data': ["import * as d from './dist/data/index.js'; console.log(d);", 120_000],
  'everything from churnkit (browser core)': ["import * as d from './dist/index.js'; console.log(d);", 600_000],
};

let failed = false;
for (const [name, [contents, limit]] of Object.entries(cases)) {
  const out = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
    metafile: true,
  });
  const bytes = out.outputFiles[0].contents.length;
  const nodeImports = Object.keys(out.metafile.inputs).filter((f) => f.startsWith('node:'));
  const ok = bytes <= limit && nodeImports.length === 0;
  if (!ok) failed = true;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${(bytes / 1024).toFixed(1)} KiB (limit ${(limit / 1024).toFixed(0)} KiB)${nodeImports.length ? `, imports ${nodeImports.join(', ')}` : ''}`);
}
if (failed) process.exit(1);
