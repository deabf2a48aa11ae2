import { execFileSync } from 'node:child_process';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileSchema } from '../src/util/json-schema.js';
import { classify, type Change } from '../src/facts/changes.js';
import type { DiffResult } from '../src/drift/diff.js';
import { markdownDiff } from '../src/drift/format.js';
import { compileVocabulary, defaultValueVocabulary, normalizeValue } from '../src/model/values.js';
import { cli, repoRoot, tempTree } from './helpers/cli.js';
import { corpusPages, corpusRoot, hasCorpus } from './helpers/corpus.js';

const fixtures = path.join(repoRoot, 'fixtures/diff');
const diffSchema = compileSchema(JSON.parse(readFileSync(path.join(repoRoot, 'schemas/diff.schema.json'), 'utf8')));

interface JsonChange {
  class: string;
  breaking: boolean;
  page: string;
  row?: string;
  column?: string;
  before?: string;
  after?: string;
  table: { kind: string; title: string };
  base?: { file: string; line: number };
  head?: { file: string; line: number };
}

async function diffJson(args: string[], cwd: string): Promise<{ code: number; changes: JsonChange[]; report: Record<string, unknown>; stderr: string }> {
  const r = await cli(['diff', '-f', 'json', ...args], cwd);
  if (r.code === 2) return { code: r.code, changes: [], report: {}, stderr: r.stderr };
  const report = JSON.parse(r.stdout);
  expect(diffSchema(report), JSON.stringify(diffSchema.errors)).toBe(true);
  return { code: r.code, changes: report.changes, report, stderr: r.stderr };
}

const summary = (changes: JsonChange[]) => changes.map((c) => [c.class, c.row ?? c.column ?? c.table.title, c.before ?? '', c.after ?? '']);

describe('change classes (fixtures/diff)', () => {
  test.each([
    ['cosmetic', []],
    ['support-removed', [['support-removed', 'AWS Lambda', '{{< X >}}', '(empty)']]],
    ['support-added', [['support-added', 'AWS Lambda', '(empty)', 'Preview']]],
    [
      'version-raised',
      [
        ['version-raised', 'Tracing', '1.5.0', '1.6.0'],
        ['version-raised', 'Profiling', 'Preview', 'Preview (>=1.9.0)'],
      ],
    ],
    ['version-lowered', [['version-lowered', 'Tracing', '1.5.0', '1.4.2']]],
    ['status-changed', [['status-changed', 'Docker', 'Preview', '{{< X >}}']]],
    ['value-changed', [['value-changed', 'Tracing', '1.5.0', '1.5.0 for Python 3.8+']]],
    [
      'rows',
      [
        ['row-removed', 'Docker', '', ''],
        ['row-added', 'Kubernetes', '', ''],
      ],
    ],
    [
      'columns',
      [
        ['column-removed', 'Profiling', '', ''],
        ['column-added', 'Security', '', ''],
      ],
    ],
    [
      'tables',
      [
        ['table-removed', 'Deployment types', '2 rows', ''],
        ['table-added', 'Frameworks', '', '1 row'],
      ],
    ],
  ])('%s', async (name, expected) => {
    const { changes } = await diffJson(['-c', '../base.config.yaml', 'old.md', 'new.md'], path.join(fixtures, name));
    expect(summary(changes)).toEqual(expected);
    // A removed row or table is breaking when it stated support (test/false-greens.test.ts); other classes by class alone.
    for (const c of changes) {
      if (c.class === 'row-removed' || c.class === 'table-removed') continue;
      expect(c.breaking).toBe(c.class === 'support-removed' || c.class === 'version-raised');
    }
  });

  test('generic tables (no table kinds): rows by first cell, a renamed column by position, cosmetic edits ignored', async () => {
    const { changes } = await diffJson(['old.md', 'new.md'], path.join(fixtures, 'generic'));
    expect(summary(changes)).toEqual([
      ['version-raised', 'Bottle', '>= 0.11', '>= 0.12'],
      ['support-removed', 'Celery', 'yes', '(empty)'],
    ]);
  });

  test('--fail-on sets the exit code', async () => {
    const cwd = path.join(fixtures, 'version-raised');
    expect((await diffJson(['-c', '../base.config.yaml', 'old.md', 'new.md'], cwd)).code).toBe(0);
    expect((await diffJson(['-c', '../base.config.yaml', '--fail-on', 'breaking', 'old.md', 'new.md'], cwd)).code).toBe(1);
    const lowered = path.join(fixtures, 'version-lowered');
    expect((await diffJson(['-c', '../base.config.yaml', '--fail-on', 'breaking', 'old.md', 'new.md'], lowered)).code).toBe(0);
    expect((await diffJson(['-c', '../base.config.yaml', '--fail-on', 'any', 'old.md', 'new.md'], lowered)).code).toBe(1);
  });

  test('markdown output: summary line, breaking and other tables, links to head lines', async () => {
    const r = await cli(
      ['diff', '-c', '../base.config.yaml', '-f', 'markdown', '--link-template', 'https://x.test/blob/abc/{file}#L{line}', 'old.md', 'new.md'],
      path.join(fixtures, 'version-raised'),
    );
    expect(r.stdout.split('\n')[0]).toBe('**compatlint**: 2 compatibility changes in 1 page, **2 breaking** (`old.md` → `new.md`).');
    expect(r.stdout).toContain('### Breaking changes');
    expect(r.stdout).toContain('[new.md:10](https://x.test/blob/abc/new.md#L10)');
    expect(r.stdout).not.toContain('### Other changes');
  });

  test('markdown output stays under --max-bytes: breaking changes first, whole rows, and a note on what was left out', () => {
    const change = (i: number, breaking: boolean): Change => ({
      class: breaking ? 'version-raised' : 'row-added',
      breaking,
      page: `content/ja/page-${i}.md`,
      table: { kind: 'capabilities', title: '互換性の要件' },
      row: `機能 ${i}`,
      before: breaking ? '1.0.0' : undefined,
      after: '2.0.0',
      head: { file: `content/ja/page-${i}.md`, line: i + 1, column: 1 },
    });
    const diff: DiffResult = {
      base: 'main',
      head: 'HEAD',
      pages: 5000,
      changes: [...Array.from({ length: 300 }, (_, i) => change(i, true)), ...Array.from({ length: 4700 }, (_, i) => change(300 + i, false))],
      problems: [{ file: 'content/en/bad.md', revision: 'HEAD', message: 'not readable' }],
    };
    const text = markdownDiff(diff, { color: false, toolVersion: '0' });
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(65_000);
    expect(text.split('\n')[0]).toBe('**compatlint**: 5000 compatibility changes in 5000 pages, **300 breaking** (`main` → `HEAD`).');
    const rows = text.split('\n').filter((l) => l.startsWith('| content/ja/')).length;
    expect(rows).toBeGreaterThan(0);
    expect(text).toMatch(
      new RegExp(`\\*\\*Cut to stay under 65,000 bytes\\*\\* \\(\`--max-bytes\`\\): ${300 - Math.min(rows, 300)} of 300 breaking changes, ${(4700 - Math.max(0, rows - 300)).toLocaleString('en-US')} of 4,700 other changes, 1 of 1 page not compared left out\\.`),
    );
    // Breaking changes come first: all 300 fit, then part of the others.
    expect(rows).toBeGreaterThan(300);
    expect(text.indexOf('### Breaking changes')).toBeLessThan(text.indexOf('### Other changes'));
    const bigger = markdownDiff(diff, { color: false, toolVersion: '0', maxBytes: 1_000_000 });
    expect(bigger).not.toContain('Cut to stay under');
    expect(bigger).toContain('### Not compared');
  });

  test('classification of single values', () => {
    const v = (t: string) => normalizeValue(t, compileVocabulary(defaultValueVocabulary));
    expect(classify(v('1.8'), v('1.8.0'))).toBeNull();
    expect(classify(v(''), undefined)).toBeNull();
    expect(classify(v('{{< X >}}'), v('2.0'))).toBe('version-raised');
    expect(classify(v('2.0'), v('{{< X >}}'))).toBe('version-lowered');
    expect(classify(v('Preview (1.2)'), v('1.2'))).toBe('status-changed');
    expect(classify(v('Latest'), v('1.2'))).toBe('value-changed');
  });
});

describe('diff between git revisions', () => {
  // Each page says something of its own, as real pages do, so that git's rename detection pairs the right files.
  const page = (tracing: string, lambda: string, about = 'python') =>
    `---\ntitle: ${about}\ncode_lang: python\n---\n\n| Agent capability | Minimum Python agent version |\n|---|---|\n| Tracing | ${tracing} |\n\n| Type | Tracing |\n|---|---|\n| AWS Lambda | ${lambda} |\n\n${`The ${about} page explains how the agent traces ${about} applications. `.repeat(8)}\n`;
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } });
  const repo = () => {
    const dir = tempTree({
      'compatlint.config.yaml': readFileSync(path.join(fixtures, 'base.config.yaml'), 'utf8'),
      'docs/python.md': page('1.5.0', '{{< X >}}', 'Python'),
      'docs/ruby.md': page('0.9.0', '{{< X >}}', 'Ruby'),
      'docs/old-only.md': page('2.0.0', '', 'Elixir'),
      'docs/binary.md': page('1.0.0', '', 'Binary'),
    });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'one');
    writeFileSync(path.join(dir, 'docs/python.md'), page('`1.6.0`', '{{< X >}}', 'Python'));
    renameSync(path.join(dir, 'docs/ruby.md'), path.join(dir, 'docs/ruby-lang.md'));
    writeFileSync(path.join(dir, 'docs/ruby-lang.md'), page('0.9.0', '', 'Ruby'));
    rmSync(path.join(dir, 'docs/old-only.md'));
    writeFileSync(path.join(dir, 'docs/new-only.md'), page('3.0.0', '{{< X >}}', 'Go'));
    writeFileSync(path.join(dir, 'docs/binary.md'), Buffer.from([0x23, 0x0a, 0x00, 0x01, 0x02]));
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'two');
    return dir;
  };

  test('--base HEAD~1 --head HEAD: edits, a renamed file, files in one revision only, a file binary in one', async () => {
    const dir = repo();
    const { changes, report } = await diffJson(['--base', 'HEAD~1', '--head', 'HEAD'], dir);
    expect(changes.map((c) => [c.page, c.class, c.row ?? c.table.title])).toEqual([
      ['docs/new-only.md', 'table-added', 'table at line 6'],
      ['docs/new-only.md', 'table-added', 'table at line 10'],
      ['docs/old-only.md', 'table-removed', 'table at line 6'],
      ['docs/old-only.md', 'table-removed', 'table at line 10'],
      ['docs/python.md', 'version-raised', 'Tracing'],
      ['docs/ruby-lang.md', 'support-removed', 'AWS Lambda'],
    ]);
    expect(report.problems).toEqual([{ file: 'docs/binary.md', revision: 'HEAD', message: 'binary content, not a text page' }]);
    expect(report).toMatchObject({ base: 'HEAD~1', head: 'HEAD' });
  });

  test('without --head, the working tree is the head; paths limit the comparison', async () => {
    const dir = repo();
    writeFileSync(path.join(dir, 'docs/python.md'), page('1.7.0', '{{< X >}}', 'Python'));
    const all = await diffJson(['--base', 'HEAD'], dir);
    expect(all.changes.map((c) => [c.page, c.class, c.before, c.after])).toEqual([['docs/python.md', 'version-raised', '1.6.0', '1.7.0']]);
    expect(all.report.head).toBe('working tree');
    const limited = await diffJson(['--base', 'HEAD~1', 'docs/ruby-lang.md'], dir);
    expect(limited.changes.map((c) => c.class)).toEqual(['support-removed']);
  });

  test('bad input: an unknown revision, not a git repository, wrong arguments', async () => {
    const dir = repo();
    expect(await cli(['diff', '--base', 'nope'], dir)).toMatchObject({ code: 2, stderr: 'compatlint: Unknown git revision "nope"\n' });
    const plain = tempTree({ 'a.md': '# a\n' });
    const r = await cli(['diff', '--base', 'HEAD'], plain);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^compatlint: Not a git repository: .* \(needed for diff --base and --changed\)\n$/);
    expect((await cli(['diff', 'only-one.md'], dir)).code).toBe(2);
    expect((await cli(['diff', '--head', 'HEAD', 'a', 'b'], dir)).stderr).toBe('compatlint: --head needs --base\n');
    expect((await cli(['diff', '--base', 'HEAD', '--fail-on', 'sometimes'], dir)).code).toBe(2);
  });
});

describe.skipIf(!hasCorpus)('real pages: the seed page against the current SCA python.md', () => {
  test('IAST goes from Preview to Preview (>=2.21.0); the Python version tables are gone; backticks alone are no change', async () => {
    const { changes } = await diffJson([corpusPages.seed, corpusPages.scaPython], corpusRoot);
    expect(summary(changes)).toEqual([
      ['version-raised', 'Runtime Code Analysis (IAST)', 'Preview', 'Preview (>=2.21.0)'],
      ['table-removed', 'Supported Python versions', '2 rows', ''],
      ['table-removed', 'Supported Python versions', '3 rows', ''],
    ]);
    expect(changes[1]!.base).toMatchObject({ file: corpusPages.seed, line: 41 });
    expect(changes.some((c) => c.table.title === 'Supported frameworks')).toBe(false);
  });
});
