import { readdirSync, existsSync } from 'node:fs';
import { defineConfig } from 'tsup';

// One entry per domain folder that has an index.ts, so the build and the
// `exports` map (checked by test/package/exports.test.ts) cannot drift.
const domains = readdirSync('src', { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'internal' && existsSync(`src/${d.name}/index.ts`))
  .map((d) => d.name);

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    ...Object.fromEntries(domains.map((d) => [`${d}/index`, `src/${d}/index.ts`])),
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: false,
  treeshake: true,
  splitting: true,
  target: 'es2022',
  platform: 'neutral',
  external: [/^node:/],
});
