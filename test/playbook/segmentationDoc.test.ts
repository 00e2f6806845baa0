import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PLAYBOOK, PLAYBOOK_PRESETS, type PlaybookStrategy } from '../../src/playbook/index.js';
import { DEFAULT_PERSONA_OPTIONS } from '../../src/segments/PersonaOptions.js';
import { CLAUSES } from '../../src/segments/_personaRules.js';
import { rfmSegments } from '../../src/segments/rfmSegments.js';
import { TAG_LIBRARY } from '../../src/segments/tagLibrary.js';

// docs/segmentation.md states the shipped defaults in tables and shows snippets with their
// output; this file keeps both honest: the tables are compared with the code and every
// snippet is run, its printed lines compared with the `// …` comments that claim them.
const doc = readFileSync(new URL('../../docs/segmentation.md', import.meta.url), 'utf8');
const rows = (prefix: RegExp): string[][] =>
  doc
    .split('\n')
    .filter((l) => prefix.test(l))
    .map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));

describe('docs/segmentation.md tables match the code', () => {
  it('tag library: ids, labels and descriptions in order', () => {
    const table = rows(/^\| `[a-z_]+` \| [A-Z]/).filter((r) => r.length === 3);
    expect(table.map((r) => r[0])).toEqual(TAG_LIBRARY.map((t) => `\`${t.id}\``));
    expect(table.map((r) => [r[1], r[2]])).toEqual(TAG_LIBRARY.map((t) => [t.label, t.description]));
  });

  it('RFM rules in map order', () => {
    const range = ([lo, hi]: readonly [number, number]) => (lo === hi ? `${lo}` : `${lo}–${hi}`);
    const names = new Set(rfmSegments.map((s) => s.segment));
    const table = rows(/^\| [A-Z][A-Za-z' ]+ \| [0-9–]+ \| [0-9.–]+ \|$/).filter((r) => names.has(r[0]!));
    expect(table).toEqual(rfmSegments.map((s) => [s.segment, range(s.r), range(s.fm)]));
  });

  it('persona clauses: feature, threshold, weight and required flag', () => {
    const sym = { ge: '≥', le: '≤', lt: '<' } as const;
    let persona = '';
    const table = rows(/^\| (`[a-z_]+`)? *\| `[a-z_0-9]+` [≥≤<]/).map((r) => {
      if (r[0] !== '') persona = r[0]!.replaceAll('`', '');
      return { persona, clause: r[1]!, weight: Number(r[2]), required: r[3] === 'yes' };
    });
    expect(table).toHaveLength(CLAUSES.length);
    CLAUSES.forEach((c, k) => {
      const row = table[k]!;
      expect([row.persona, row.weight, row.required], `${c.persona} ${c.feature}`).toEqual([c.persona, c.weight, c.required]);
      // a clause may read another persona's threshold (fading's minComplaints is disappointed's)
      const sets = [DEFAULT_PERSONA_OPTIONS.thresholds[c.persona], ...Object.values(DEFAULT_PERSONA_OPTIONS.thresholds)] as unknown as Record<string, unknown>[];
      const t = sets.find((o) => o[c.key] !== undefined)?.[c.key];
      const shown = typeof t === 'number' ? `${t}` : `its ${Math.round((t as { quantile: number }).quantile * 100)}th percentile`;
      expect(row.clause.startsWith(`\`${c.feature}\` ${sym[c.cmp]} ${shown}`), `${row.clause} vs ${shown}`).toBe(true);
    });
    expect(doc).toContain(`\`minScore\` = **${DEFAULT_PERSONA_OPTIONS.minScore}**`);
  });

  it('every shipped strategy, with its matches, channel, success rate, cost and KPIs', () => {
    const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
    const list = (xs: readonly string[] | undefined) => (xs ?? []).map((x) => `\`${x}\``).join(', ');
    const who = (s: PlaybookStrategy) =>
      [
        ...(s.appliesTo.personas ?? []).map((p) => `persona \`${p}\``),
        ...(s.appliesTo.tags?.length ? [`${s.appliesTo.tags.length > 1 ? 'tags' : 'tag'} ${list(s.appliesTo.tags)}`] : []),
        ...(s.appliesTo.segments?.length ? [`${s.appliesTo.segments.length > 1 ? 'segments' : 'segment'} ${list(s.appliesTo.segments)}`] : []),
        ...(s.appliesTo.fallback ? ['fallback'] : []),
      ].join('; ');
    const table = new Map(rows(/^\| `[a-z_]+` \| (persona|fallback)/).map((r) => [r[0]!.replaceAll('`', ''), r]));
    const all = [DEFAULT_PLAYBOOK, ...Object.values(PLAYBOOK_PRESETS)].flatMap((pb) => pb.strategies);
    for (const s of all) {
      const r = table.get(s.id);
      expect(r, s.id).toBeDefined();
      expect([r![1], r![2], r![4], r![5], r![6]], s.id).toEqual([who(s), s.channel, pct(s.successRate), `${s.cost}`, s.kpi.join(', ')]);
      expect(r![3]!.startsWith(s.action), s.id).toBe(true);
    }
    expect(table.size).toBe(new Set(all.map((s) => s.id)).size);
  });

  it('default risk priors', () => {
    const priors = DEFAULT_PLAYBOOK.riskPriors!;
    const line = (o: Readonly<Record<string, number | undefined>>, keys: string[]) => keys.map((k) => `${k} ${Math.round(o[k]! * 100)}%`).join(', ');
    const table = new Map(rows(/^\| (status|persona|RFM segment|lifecycle stage|anyone else) \|/).map((r) => [r[0], r[1]]));
    expect(table.get('status')).toBe(line(priors.statuses!, ['new', 'active', 'at_risk', 'churned', 'reactivated']));
    expect(table.get('persona')).toBe(line(priors.personas!, ['price_sensitive', 'disappointed', 'fading', 'lost_loyal']));
    expect(table.get('RFM segment')).toBe(line(priors.segments!, rfmSegments.map((s) => s.segment)));
    expect(table.get('lifecycle stage')).toBe(line(priors.segments!, ['new', 'active', 'declining', 'silent', 'churned', 'reactivated']));
    expect(table.get('anyone else')).toBe(`${priors.default * 100}%`);
  });
});

describe('docs/segmentation.md snippets run and print what they claim', () => {
  const dir = mkdtempSync(join(tmpdir(), 'churnkit-segdoc-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const src = (p: string) => pathToFileURL(fileURLToPath(new URL(`../../src/${p}`, import.meta.url))).href;
  const snippets = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

  it('has the five snippets', () => {
    expect(snippets).toHaveLength(5);
  });

  it.each(snippets.map((code, k) => [k, code] as const))('snippet %i', async (k, code) => {
    const expected: string[] = [];
    for (const line of code.split('\n')) {
      const inline = /console\.log\(.*\);\s*\/\/ (.+)$/.exec(line);
      const arrow = /^\/\/ → (.+)$/.exec(line.trim());
      if (inline) expected.push(inline[1]!);
      if (arrow) expected.push(arrow[1]!);
    }
    expect(expected.length, 'each snippet states some output').toBeGreaterThan(0);
    const file = join(dir, `snippet-${k}.ts`);
    writeFileSync(file, code.replaceAll("from 'churnkit/playbook'", `from '${src('playbook/index.ts')}'`).replaceAll("from 'churnkit'", `from '${src('index.ts')}'`));
    const printed: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      printed.push(args.map((a) => (typeof a === 'object' && a !== null ? JSON.stringify(a) : String(a))).join(' '));
    });
    try {
      await import(/* @vite-ignore */ pathToFileURL(file).href);
    } finally {
      spy.mockRestore();
    }
    for (const e of expected) expect(printed).toContain(e);
  }, 30_000);
});
