// Type-checks the TypeScript snippets of the docs: "runnable snippets that CI compiles".
//
// Every ```ts (or ```typescript) block of README.md and docs/*.md is written to a temp folder as
// its own module, `<doc>_L<line>.ts`, and the lot is type-checked with the TypeScript compiler
// against the sources: a temp tsconfig maps 'churnkit' to src/index.ts and 'churnkit/<domain>' to
// src/<domain>/index.ts (paths). A block whose fence says `no-check` (```ts no-check) is skipped.
//
// A snippet with no import statement of its own is given one: the churnkit exports (values and
// types) whose names it mentions are imported from 'churnkit', so that short examples such as
// `addDays(t, 30)` need no boilerplate. Anything else it uses must be declared in the snippet.
//
// Errors are reported at their place in the doc (file:line:column), and the exit code is 1 when
// any snippet fails. Errors inside src/ are not the snippets' fault: they are counted and shown
// separately (they do not fail this check; `npm run typecheck` covers them).
//
// Usage: node scripts/check-doc-snippets.mjs [--keep] [files...]
//   --keep   keep the temp folder and print its path
//   files    markdown files to check instead of README.md and docs/*.md
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The ```ts blocks of a markdown text.
 * @param {string} text
 * @returns {{ line: number, code: string, skip: boolean }[]} line: 1-based line of the first code line
 */
export function extractSnippets(text) {
  const lines = text.split(/\r?\n/);
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*(ts|typescript)\b(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, , rest] = open;
    const body = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
      if (close.test(lines[j])) break;
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j]);
    }
    out.push({ line: i + 2, code: body.join('\n'), skip: /\bno-check\b/.test(rest) });
    i = j;
  }
  return out;
}

/** Names exported by churnkit's root (values and types), read with the compiler. */
function churnkitExports() {
  const entry = join(root, 'src/index.ts');
  const program = ts.createProgram([entry], { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const sf = program.getSourceFile(entry);
  const sym = sf && checker.getSymbolAtLocation(sf);
  return new Set(sym ? checker.getExportsOfModule(sym).map((s) => s.getName()) : []);
}

/**
 * True when `code` mentions `name` as an identifier (not as a member `x.name`; a spread `...name`
 * counts) and does not declare it itself.
 */
function usesName(code, name) {
  const n = name.replace(/\$/g, '\\$');
  if (!new RegExp(`(?<![\\w$])(?<![^.]\\.)${n}(?![\\w$])`).test(code)) return false;
  return !new RegExp(`\\b(const|let|var|function|class|type|interface|enum)\\s+${n}(?![\\w$])`).test(code);
}

const hasImport = (code) => /^\s*import\s[\s\S]*?from\s*['"]/m.test(code) || /^\s*import\s*['"]/m.test(code);

/**
 * Check the snippets of the given markdown files.
 * @param {string[]} files absolute paths
 * @param {{ keep?: boolean }} [options]
 * @returns {{ snippets: number, skipped: number, failures: { file: string, line: number, column: number, code: number, message: string }[], srcErrors: number, dir: string | null }}
 */
export function checkDocSnippets(files, options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'churnkit-snippets-'));
  const exports = churnkitExports();
  /** @type {Map<string, { file: string, line: number, prelude: number }>} */
  const origin = new Map();
  let snippets = 0;
  let skipped = 0;
  for (const file of files) {
    const name = relative(root, file).replace(/[^A-Za-z0-9]+/g, '_');
    for (const s of extractSnippets(readFileSync(file, 'utf8'))) {
      if (s.skip) {
        skipped++;
        continue;
      }
      snippets++;
      let prelude = '';
      if (!hasImport(s.code)) {
        const used = [...exports].filter((n) => usesName(s.code, n));
        if (used.length > 0) prelude += `import { ${used.join(', ')} } from 'churnkit';\n`;
      }
      prelude += 'export {};\n'; // every snippet is its own module
      const out = join(dir, `${name}_L${s.line}.ts`);
      writeFileSync(out, prelude + s.code + '\n');
      origin.set(out, { file, line: s.line, prelude: prelude.split('\n').length - 1 });
    }
  }

  const base = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  const compilerOptions = {
    ...base.options,
    noEmit: true,
    noUnusedLocals: false,
    noUnusedParameters: false,
    typeRoots: [join(root, 'node_modules/@types')],
    types: ['node'],
    paths: { churnkit: [join(root, 'src/index.ts')], 'churnkit/*': [join(root, 'src/*/index.ts')] },
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...compilerOptions, paths: compilerOptions.paths }, include: ['*.ts'] }, null, 2));
  const program = ts.createProgram([...origin.keys()], compilerOptions);
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const failures = [];
  let srcErrors = 0;
  for (const d of diagnostics) {
    if (d.category !== ts.DiagnosticCategory.Error) continue;
    const o = d.file ? origin.get(resolve(d.file.fileName)) : undefined;
    if (!o) {
      srcErrors++;
      continue;
    }
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
    failures.push({
      file: relative(root, o.file).startsWith('..') ? o.file : relative(root, o.file),
      line: o.line + line - o.prelude,
      column: character + 1,
      code: d.code,
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n    '),
    });
  }
  failures.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  if (!options.keep) rmSync(dir, { recursive: true, force: true });
  return { snippets, skipped, failures, srcErrors, dir: options.keep ? dir : null };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const keep = args.includes('--keep');
  let files = args.filter((a) => !a.startsWith('--')).map((f) => resolve(f));
  if (files.length === 0) {
    files = [join(root, 'README.md'), ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => join(root, 'docs', f))];
  }
  const r = checkDocSnippets(files, { keep });
  for (const f of r.failures) console.log(`${f.file}:${f.line}:${f.column} TS${f.code}: ${f.message}`);
  if (r.srcErrors > 0) console.log(`(${r.srcErrors} error(s) inside src/ itself, not counted here: run npm run typecheck)`);
  if (r.dir) console.log(`snippets kept in ${r.dir}`);
  const nFiles = new Set(r.failures.map((f) => `${f.file}`)).size;
  console.log(
    `${r.snippets} snippet(s) checked in ${files.length} file(s) (${r.skipped} marked no-check): ` +
      (r.failures.length === 0 ? 'all compile.' : `${r.failures.length} error(s) in ${nFiles} file(s).`),
  );
  if (r.failures.length > 0) process.exit(1);
}

