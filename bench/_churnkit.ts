/**
 * The churnkit a benchmark measures (shared by bench/models.ts and bench/features.ts):
 * `--build=dist` (the default) rebuilds the package and imports `dist/index.js` — what users
 * import; `--build=src` imports the sources as tsx loads them. Measured 2026-11-24 in one
 * process: the 100k logistic fit 49–54 ms from dist/ against 61–63 ms through tsx, RFM's best
 * run 88.7 ms against 106.7 ms (tsx loads each file as its own module).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type Churnkit = typeof import('../src/index.js');

export async function churnkitUnderTest(build = 'dist'): Promise<{ lib: Churnkit; label: string }> {
  if (build !== 'dist' && build !== 'src') throw new Error(`--build must be dist or src; received ${build}`);
  if (build === 'src') return { lib: await import('../src/index.js'), label: 'src/ via tsx' };
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const r = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('npm run build failed: run it to see why, or pass --build=src');
  return { lib: (await import(pathToFileURL(join(root, 'dist', 'index.js')).href)) as Churnkit, label: 'dist/' };
}
