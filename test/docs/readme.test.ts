import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const read = (p: string): string => readFileSync(new URL(p, root), 'utf8');

describe('README', () => {
  const readme = read('README.md');

  it('keeps exactly the two set-up commands', () => {
    const sh = /## Set up[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const commands = sh.split('\n').map((l) => l.replace(/#.*$/, '').trim()).filter(Boolean);
    expect(commands).toEqual(['npm ci && npm run demo', 'npm test']);
  });

  it('shows the loop example exactly as examples/readme-loop.ts, which CI type-checks', () => {
    const block = /## The loop in 20 lines\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const example = read('examples/readme-loop.ts').split('\n').filter((l) => !l.startsWith('// ')).join('\n');
    expect(example).toBe(block!.replace("from 'churnkit';", "from '../src/index.js';").replace("from 'churnkit/node';", "from '../src/node/index.js';"));
  });

  it('shows the report screenshot, which exists', () => {
    expect(readme).toContain('](docs/report-screenshot.png)');
    expect(readFileSync(new URL('docs/report-screenshot.png', root)).subarray(1, 4).toString()).toBe('PNG');
  });

  it('links only to docs pages that exist', () => {
    const links = [...readme.matchAll(/\]\((docs\/[^)#]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(5);
    for (const l of links) expect(() => read(l), l).not.toThrow();
  });
});
