// Writes package.json "exports" and typedoc entry points from the folder listing of src/, so the
// public subpaths can never drift from the code (date-fns generates its exports the same way).
// Usage: node scripts/sync-exports.mjs [--check]   (--check exits 1 when package.json is stale)
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

export function domains() {
  return readdirSync('src', { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'internal' && existsSync(`src/${d.name}/index.ts`))
    .map((d) => d.name)
    .sort();
}

function condition(base) {
  return {
    import: { types: `./dist/${base}.d.ts`, default: `./dist/${base}.js` },
    require: { types: `./dist/${base}.d.cts`, default: `./dist/${base}.cjs` },
  };
}

export function expectedExports() {
  const out = { '.': condition('index') };
  for (const d of domains()) out[`./${d}`] = condition(`${d}/index`);
  out['./package.json'] = './package.json';
  return out;
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const want = expectedExports();
const same = JSON.stringify(pkg.exports) === JSON.stringify(want);
if (process.argv.includes('--check')) {
  if (!same) {
    console.error('package.json "exports" is out of date with src/*/index.ts: run `node scripts/sync-exports.mjs`.');
    process.exit(1);
  }
} else if (!same) {
  pkg.exports = want;
  writeFileSync('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
  console.log(`exports: ${Object.keys(want).join(', ')}`);
}
