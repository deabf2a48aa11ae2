import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarize } from '../src/engine/run.js';
import { limitToScope } from '../src/engine/scope.js';
import type { Diagnostic, LintResult } from '../src/engine/types.js';
import { cli, spawnCli, tempTree } from './helpers/cli.js';
import { corpusRoot, hasCorpus } from './helpers/corpus.js';
import { exampleRepo, git } from './helpers/git.js';

const INDEX = 'content/en/profiler/compatibility/_index.md';
const PYTHON = 'content/en/profiler/compatibility/python.md';
const RUBY = 'content/en/profiler/compatibility/ruby.md';

function edit(dir: string, file: string, from: string, to: string): void {
  const full = path.join(dir, file);
  const text = readFileSync(full, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  writeFileSync(full, text.replace(from, to));
}

interface JsonReport {
  files: number;
  diagnostics: Array<{ file: string; line: number; ruleId: string; message: string; related: Array<{ file: string; line: number }> }>;
}

async function report(dir: string, ...args: string[]): Promise<JsonReport> {
  const r = await cli(['check', '--format', 'json', ...args], dir);
  if (r.code === 2) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as JsonReport;
}

describe('--changed', () => {
  it('reports nothing when nothing changed since the merge base, though the tree has problems', async () => {
    const dir = exampleRepo();
    expect((await report(dir)).diagnostics.length).toBeGreaterThan(3);
    const r = await cli(['check', '--changed'], dir);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('No problems in 0 files');
    // Corpus rules read the whole tree, but no page was in scope: the run says so.
    expect(r.stdout).toContain('ℹ No page was checked');
  });

  it('reports a change that breaks agreement with an untouched page on the changed page', async () => {
    const dir = exampleRepo();
    // Ruby's CPU minimum: the matrix now says 1.0.0, the untouched Ruby page still 0.9.0.
    edit(dir, INDEX, '| CPU profiling       | 1.2.0   | 0.9.0   |', '| CPU profiling       | 1.2.0   | 1.0.0   |');
    git(dir, 'commit', '-qam', 'raise ruby');
    const whole = await report(dir);
    const conflict = whole.diagnostics.find((d) => d.ruleId === 'consistency' && d.message.includes('1.0.0'));
    expect(conflict, 'the whole-tree run sees the conflict').toBeDefined();

    const changed = await report(dir, '--changed');
    expect(changed.files).toBe(1);
    expect(new Set(changed.diagnostics.map((d) => d.file))).toEqual(new Set([INDEX]));
    const onChanged = changed.diagnostics.filter((d) => d.ruleId === 'consistency' && d.message.includes('1.0.0'));
    expect(onChanged).toHaveLength(1);
    expect(onChanged[0]).toMatchObject({ file: INDEX, line: 10 });
    // The untouched Ruby page is named, as the place found or as the other statement.
    expect(JSON.stringify(onChanged[0])).toContain(RUBY);
    // Untouched pages' own problems (the Python page's broken row, Ruby's schema error) are not reported.
    expect(changed.diagnostics.some((d) => d.ruleId === 'table-column-count')).toBe(false);

    // The same with an explicit revision, and narrowed by a path that holds no change.
    expect((await report(dir, '--changed=main')).diagnostics).toEqual(changed.diagnostics);
    expect((await report(dir, '--changed=main', 'content/fr')).diagnostics).toEqual([]);
  });

  it('includes uncommitted and untracked pages, and --changed-lines keeps only findings on changed lines', async () => {
    const dir = exampleRepo();
    // The Python page has a broken row at line 37; touch only its title.
    edit(dir, PYTHON, 'title: Python Compatibility Requirements', 'title: Python Compatibility');
    writeFileSync(path.join(dir, 'content/en/profiler/compatibility/go.md'), '# Go\n\n[a][missing]\n');
    const all = await report(dir, '--changed');
    expect(new Set(all.diagnostics.map((d) => d.file))).toEqual(new Set([PYTHON, 'content/en/profiler/compatibility/go.md']));
    expect(all.diagnostics.some((d) => d.file === PYTHON && d.line === 37)).toBe(true);

    const lines = await report(dir, '--changed', '--changed-lines');
    // The untracked page is new throughout; on the Python page nothing is on line 2.
    expect(new Set(lines.diagnostics.map((d) => d.file))).toEqual(new Set(['content/en/profiler/compatibility/go.md']));
    expect(lines.diagnostics.map((d) => [d.line, d.ruleId])).toContainEqual([3, 'reference-undefined']);

    // Edit the broken row itself: now it is on a changed line.
    edit(dir, PYTHON, '| PyPy     | 3.9+ ', '| PyPy     | 3.10+');
    const after = await report(dir, '--changed', '--changed-lines');
    expect(after.diagnostics.filter((d) => d.file === PYTHON).map((d) => d.ruleId)).toContain('table-column-count');
  });

  it('reads changed lines of a file whose name git quotes', async () => {
    const name = 'docs/a "b" ü\tc.md';
    const dir = tempTree({ [name]: '[x][one]\n\ntext\n' });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'docs');
    writeFileSync(path.join(dir, name), '[x][one]\n\n[y][two]\n');
    const r = await report(dir, '--changed=HEAD', '--changed-lines');
    expect(r.diagnostics.map((d) => [d.file, d.line, d.ruleId])).toEqual([[name, 3, 'reference-undefined']]);
  });

  it('errors in one line: an unknown revision, a revision written as a path, outside a repository', async () => {
    const dir = exampleRepo();
    const unknown = await cli(['check', '--changed=nope'], dir);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toBe('compatlint: Unknown git revision "nope"\n');
    const asPath = await cli(['check', '--changed', 'main'], dir);
    expect(asPath.code).toBe(2);
    expect(asPath.stderr).toBe('compatlint: "main" is a git revision, not a path: write --changed=main\n');
    const both = await cli(['check', '--changed', '--staged'], dir);
    expect(both).toMatchObject({ code: 2, stderr: 'compatlint: --changed and --staged cannot be combined\n' });
    expect(await cli(['check', '--changed-lines'], dir)).toMatchObject({ code: 2, stderr: 'compatlint: --changed-lines needs --changed or --staged\n' });

    const plain = tempTree({ 'a.md': '# A\n' });
    const outside = await cli(['check', '--changed'], plain, { GIT_CEILING_DIRECTORIES: path.dirname(plain) });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/^compatlint: Not a git repository: .*\n$/);
  });

  it('without git on PATH: one line, exit 2', () => {
    const dir = exampleRepo();
    const r = spawnCli(['check', '--changed'], dir, { env: { PATH: path.join(dir, 'no-such-bin') } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('compatlint: git is not installed or not on PATH (needed for diff --base and --changed)\n');
  });
});

describe('--changed with --fix', () => {
  it('fixes only the changed pages; untouched pages keep their fixable problems', async () => {
    const dir = exampleRepo();
    // An unused definition on the changed Ruby page; the untouched Python page has one too (line 44).
    writeFileSync(path.join(dir, RUBY), readFileSync(path.join(dir, RUBY), 'utf8') + '\n[99]: /profiler/compatibility/python/\n');
    const pythonBefore = readFileSync(path.join(dir, PYTHON), 'utf8');
    const r = await cli(['check', '--changed', '--fix', '--format', 'json'], dir);
    expect(r.code).not.toBe(2);
    expect(r.stderr).toMatch(/fixed 1 problem in 1 file/);
    expect(readFileSync(path.join(dir, RUBY), 'utf8')).not.toContain('[99]:');
    expect(readFileSync(path.join(dir, PYTHON), 'utf8')).toBe(pythonBefore);
  });
});

describe('--staged', () => {
  it('reports staged pages only, and takes files given as the staged ones (as pre-commit passes them)', async () => {
    const dir = exampleRepo();
    edit(dir, RUBY, 'title: Ruby Compatibility Requirements', 'title: Ruby');
    edit(dir, PYTHON, 'title: Python Compatibility Requirements', 'title: Python');
    git(dir, 'add', RUBY);
    const staged = await report(dir, '--staged');
    expect(staged.files).toBe(1);
    expect(new Set(staged.diagnostics.map((d) => d.file))).toEqual(new Set([RUBY]));

    const given = await report(dir, '--staged', PYTHON, INDEX);
    expect(given.files).toBe(2);
    expect(new Set(given.diagnostics.map((d) => d.file))).toEqual(new Set([PYTHON]));
    // Corpus rules still saw every page: the Python page's conflict with the matrix names it.
    expect(given.diagnostics.some((d) => d.ruleId === 'consistency' && d.related.some((r) => r.file === INDEX))).toBe(true);

    // Only the staged title line changed on the Ruby page; its problems are elsewhere.
    expect((await report(dir, '--staged', '--changed-lines')).diagnostics).toEqual([]);
  });

  it('writes several reports from one changed-files run', async () => {
    const dir = exampleRepo();
    edit(dir, RUBY, 'title: Ruby Compatibility Requirements', 'title: Ruby');
    git(dir, 'add', RUBY);
    const r = await cli(['check', '--staged', '--format', 'github', '--format', 'sarif', '--output', 'out/c.sarif', '--format', 'junit', '--output', 'out/c.xml', '--format', 'markdown', '--output', 'out/c.md'], dir);
    expect(r.code).toBe(1);
    const annotations = r.stdout.trim().split('\n');
    expect(annotations.length).toBeGreaterThan(0);
    for (const line of annotations) expect(line).toMatch(new RegExp(`^::(error|warning) file=${RUBY.replace(/[./]/g, '\\$&')},line=\\d+,`));
    const sarif = JSON.parse(readFileSync(path.join(dir, 'out/c.sarif'), 'utf8')) as { runs: Array<{ results: unknown[] }> };
    expect(sarif.runs[0]!.results).toHaveLength(annotations.length);
    expect(readFileSync(path.join(dir, 'out/c.xml'), 'utf8')).toContain(`tests="1"`);
    expect(readFileSync(path.join(dir, 'out/c.md'), 'utf8')).toContain('in 1 file');
  });
});

describe('limitToScope', () => {
  const d = (file: string, line: number, related: Diagnostic['related'] = []): Diagnostic => ({
    file,
    line,
    column: 3,
    endLine: line,
    endColumn: 8,
    ruleId: 'consistency',
    severity: 'error',
    message: `\`x\` is 1 here but 2 at ${related[0]?.file ?? '?'}`,
    related,
    messageId: 'conflict',
    data: {},
    facts: [],
  });
  const rel = (file: string, line: number) => ({ file, line, column: 1, endLine: line, endColumn: 4, message: `\`x\` is 2 here (${file})`, messageId: 'stated', data: {} });
  const result = (diagnostics: Diagnostic[]): LintResult => ({ files: 3, checked: ['a.md', 'b.md', 'c.md'], diagnostics, summary: summarize(diagnostics), notices: [] });

  it('moves a finding made on an untouched page to its related location on a changed page', () => {
    const out = limitToScope(result([d('a.md', 5, [rel('c.md', 9), rel('b.md', 2)]), d('c.md', 1)]), { files: new Set(['b.md']) });
    expect(out.diagnostics).toHaveLength(1);
    const moved = out.diagnostics[0]!;
    expect(moved).toMatchObject({ file: 'b.md', line: 2, column: 1, endColumn: 4 });
    expect(moved.message).toBe('`x` is 2 here (b.md); found at unchanged a.md:5:3: `x` is 1 here but 2 at c.md');
    expect(moved.related.map((r) => [r.file, r.line, r.message])).toEqual([
      ['a.md', 5, 'Found here (unchanged)'],
      ['c.md', 9, '`x` is 2 here (c.md)'],
    ]);
    expect(out).toMatchObject({ files: 1, checked: ['b.md'], summary: { errors: 1 } });
  });

  it('with line ranges, keeps findings that overlap a changed line', () => {
    const multi = { ...d('a.md', 4), endLine: 6 };
    const out = limitToScope(result([d('a.md', 2), multi, d('a.md', 9), d('b.md', 1)]), {
      files: new Set(['a.md', 'b.md']),
      lines: new Map([['a.md', [[6, 8]] as const], ['b.md', []]]),
    });
    expect(out.diagnostics.map((x) => [x.file, x.line])).toEqual([['a.md', 4]]);
  });
});

describe.skipIf(!hasCorpus)('--changed on the Datadog corpus', () => {
  it('reports a raised minimum version on the changed line, with the untouched pages that still say otherwise', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'compatlint-corpus-git-'));
    cpSync(path.join(corpusRoot, 'datadog'), dir, { recursive: true });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'docs');
    const aap = 'content/en/security/application_security/setup/compatibility/nodejs.md';
    edit(dir, aap, '| Software Composition Analysis (SCA)    | 4.0.0  ', '| Software Composition Analysis (SCA)    | 5.0.0  ');
    const whole = await report(dir, '--preset', 'datadog');
    const r = await report(dir, '--preset', 'datadog', '--changed=HEAD', '--changed-lines');
    expect(whole.diagnostics.length).toBeGreaterThan(r.diagnostics.length);
    expect(r.files).toBe(1);
    expect(r.diagnostics).toHaveLength(1);
    const [d] = r.diagnostics;
    expect(d).toMatchObject({ file: aap, line: 17, ruleId: 'consistency' });
    expect(d!.message).toContain('`5.0.0` here but `4.0.0`');
    expect(d!.related.map((x) => x.file)).toContain('content/en/security/code_security/software_composition_analysis/setup_runtime/compatibility/nodejs.md');
  });
});
