import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileSchema } from '../src/util/json-schema.js';
import { cli, repoRoot, spawnCli, tempTree } from './helpers/cli.js';

const reportSchema = compileSchema(JSON.parse(readFileSync(path.join(repoRoot, 'schemas/report.schema.json'), 'utf8')));

const clean = '# Clean\n\nSee [the docs][1].\n\n[1]: /docs/\n';
const warnOnly = '# Warn\n\n[1]: /unused/\n';
const withError = '# Error\n\n| A | B |\n|---|---|\n| 1 | 2 | 3 |\n';

describe('exit codes', () => {
  test('0 when clean', async () => {
    const dir = tempTree({ 'a.md': clean });
    const r = await cli(['check'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No problems');
  });

  test('0 with warnings only, 1 when warnings exceed --max-warnings', async () => {
    const dir = tempTree({ 'a.md': warnOnly });
    expect((await cli([], dir)).code).toBe(0);
    expect((await cli(['--max-warnings', '1'], dir)).code).toBe(0);
    expect((await cli(['--max-warnings', '0'], dir)).code).toBe(1);
  });

  test('1 when errors are found', async () => {
    const dir = tempTree({ 'a.md': withError });
    expect((await cli(['check', 'a.md'], dir)).code).toBe(1);
  });

  test('2 for a path that does not exist, with one line', async () => {
    const dir = tempTree({ 'a.md': clean });
    const r = await cli(['check', 'missing.md'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('compatlint: No such file or directory: missing.md\n');
  });

  test('2 for an unknown option or a bad value', async () => {
    const dir = tempTree({ 'a.md': clean });
    expect(await cli(['--frobnicate'], dir)).toMatchObject({ code: 2, stderr: 'compatlint: Unknown option --frobnicate for `compatlint check` (see --help)\n' });
    expect(await cli(['--format', 'xml'], dir)).toMatchObject({ code: 2 });
    expect((await cli(['--max-warnings', 'lots'], dir)).stderr).toBe('compatlint: --max-warnings expects a whole number, got "lots"\n');
    expect(await cli(['--format', 'markdown', '--max-bytes', '100'], dir)).toMatchObject({
      code: 2,
      stderr: 'compatlint: --max-bytes must be at least 2000 (room for the totals and the note on what was left out), got 100\n',
    });
    expect((await cli(['diff', 'a.md', 'a.md', '--max-bytes', 'x'], dir)).stderr).toBe('compatlint: --max-bytes expects a whole number, got "x"\n');
  });

  test('--max-bytes caps the markdown report of check', async () => {
    const page = Array.from({ length: 400 }, (_, i) => `[x${i}]: /nowhere/${i}/`).join('\n');
    const dir = tempTree({ 'a.md': `# Page\n\n${page}\n` });
    const r = await cli(['--format', 'markdown', '--max-bytes', '5000'], dir);
    expect(r.code).toBe(0);
    expect(Buffer.byteLength(r.stdout)).toBeLessThanOrEqual(5000);
    expect(r.stdout).toMatch(/\*\*Cut to stay under 5,000 bytes\*\* \(`--max-bytes`\): \d+ of 400 findings left out \(0 errors\)\./);
    expect((await cli(['--format', 'markdown'], dir)).stdout).not.toContain('Cut to stay under');
  });

  test('2 for an invalid config', async () => {
    const dir = tempTree({ 'a.md': clean, 'compatlint.config.yaml': 'rules:\n  table-column-count: loud\n' });
    const r = await cli([], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('rules.table-column-count: expected one of off, warn, error');
  });
});

describe('formats', () => {
  const files = { 'docs/a.md': withError, 'docs/b.md': warnOnly, 'docs/c.md': clean };

  test('stylish groups by file with line:col, severity, message, rule and totals', async () => {
    const dir = tempTree(files);
    const r = await cli([], dir);
    expect(r.stdout).toBe(
      [
        'docs/a.md',
        '  5:11  error  Unexpected 3 cells in this row, expected 2 like the header: `3` is dropped when the table renders  table-column-count',
        '',
        'docs/b.md',
        '  3:1  warning  Unexpected unused definition `[1]` (/unused/), expected a reference to it or no definition  reference-unused',
        '',
        '✖ 2 problems (1 error, 1 warning) in 3 files',
        '',
      ].join('\n'),
    );
  });

  test('json follows schemas/report.schema.json', async () => {
    const dir = tempTree(files);
    const r = await cli(['--format', 'json'], dir);
    const report = JSON.parse(r.stdout);
    expect(reportSchema(report)).toBe(true);
    expect(report).toMatchObject({ version: 1, tool: { name: 'compatlint' }, files: 3, summary: { errors: 1, warnings: 1 } });
    expect(report.diagnostics[0]).toEqual({
      file: 'docs/a.md',
      line: 5,
      column: 11,
      endLine: 5,
      endColumn: 12,
      ruleId: 'table-column-count',
      severity: 'error',
      message: 'Unexpected 3 cells in this row, expected 2 like the header: `3` is dropped when the table renders',
      // What the message is made from, for tools: no parsing of the text.
      messageId: 'tooMany',
      data: { actual: 3, expected: 2, extra: '3' },
      facts: [],
      related: [],
    });
  });

  test('--quiet reports errors only', async () => {
    const dir = tempTree(files);
    const report = JSON.parse((await cli(['--quiet', '-f', 'json'], dir)).stdout);
    expect(report.diagnostics.map((d: { ruleId: string }) => d.ruleId)).toEqual(['table-column-count']);
  });

  test('several --format/--output pairs in one run, written atomically', async () => {
    const dir = tempTree(files);
    const r = await cli(['-f', 'json', '-o', 'out/report.json', '-f', 'stylish', '--output', 'out/report.txt', '-f', 'json'], dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(readFileSync(path.join(dir, 'out/report.json'), 'utf8')).files).toBe(3);
    expect(readFileSync(path.join(dir, 'out/report.txt'), 'utf8')).toContain('docs/a.md');
    expect(JSON.parse(r.stdout).files).toBe(3);
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['report.json', 'report.txt']);
  });

  test('only one format may go to standard output', async () => {
    const dir = tempTree(files);
    const r = await cli(['-f', 'json', '-f', 'stylish'], dir);
    expect(r.code).toBe(2);
  });

  test('colors only when asked or on a terminal', async () => {
    const dir = tempTree(files);
    expect((await cli(['--color'], dir)).stdout).toContain('\u001b[');
    expect((await cli([], dir)).stdout).not.toContain('\u001b[');
    expect((await cli(['--no-color'], dir, { FORCE_COLOR: '1' })).stdout).not.toContain('\u001b[');
  });
});

describe('paths', () => {
  test('directories, globs and files; .gitignore and node_modules are skipped', async () => {
    const dir = tempTree({
      '.gitignore': 'build/\n',
      'docs/a.md': clean,
      'docs/sub/b.md': clean,
      'build/c.md': withError,
      'node_modules/pkg/d.md': withError,
      'notes.txt': 'x',
    });
    const all = JSON.parse((await cli(['-f', 'json'], dir)).stdout);
    expect(all.files).toBe(2);
    expect(JSON.parse((await cli(['-f', 'json', 'docs/sub'], dir)).stdout).files).toBe(1);
    expect(JSON.parse((await cli(['-f', 'json', 'docs/**/b.md'], dir)).stdout).files).toBe(1);
    // A file named explicitly is checked even where .gitignore would skip it.
    expect((await cli(['build/c.md'], dir)).code).toBe(1);
  });
});

describe('other commands', () => {
  test('rules lists every rule with its default severity', async () => {
    const r = await cli(['rules'], repoRoot);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^table-column-count\s+error\s+A table row has more or fewer cells than its header\./m);
    expect(r.stdout).toMatch(/^reference-unused\s+warn\s+/m);
    const list = JSON.parse((await cli(['rules', '--format', 'json'], repoRoot)).stdout);
    expect(list.find((x: { id: string }) => x.id === 'reference-unused')).toMatchObject({ defaultSeverity: 'warn', fixable: true });
  });

  test('rules ID prints the rule documentation', async () => {
    const r = await cli(['rules', 'table-duplicate-key'], repoRoot);
    expect(r.stdout).toMatch(/^# table-duplicate-key/);
    expect((await cli(['rules', 'nope'], repoRoot)).code).toBe(2);
  });

  test('extract --format model prints page models as JSON', async () => {
    const dir = tempTree({ 'a.md': '---\ntitle: T\n---\n| A | B |\n|---|---|\n| x | {{< X >}} |\n' });
    const out = JSON.parse((await cli(['extract', '-f', 'model', 'a.md'], dir)).stdout);
    expect(out.pages[0].file).toBe('a.md');
    expect(out.pages[0].frontMatter.data).toEqual({ title: 'T' });
    expect(out.pages[0].tables[0].rows[0].cells[1]).toMatchObject({ raw: '{{< X >}}', value: { kind: 'supported' } });
  });

  test('--version and --help', async () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    expect((await cli(['--version'], repoRoot)).stdout).toBe(`${pkg.version}\n`);
    expect((await cli(['--help'], repoRoot)).stdout).toContain('Usage:');
    expect((await cli(['check', '--help'], repoRoot)).stdout).toContain('--max-warnings');
  });
});

describe('the built command', () => {
  test.skipIf(!existsSync(path.join(repoRoot, 'dist/cli/bin.js')))('runs as a process and sets the exit code', () => {
    const dir = tempTree({ 'a.md': withError, 'b.md': clean });
    expect(spawnCli(['b.md'], dir).code).toBe(0);
    const r = spawnCli(['--format', 'json'], dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).summary).toEqual({ errors: 1, warnings: 0 });
    const bad = spawnCli(['nope.md'], dir);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toBe('compatlint: No such file or directory: nope.md\n');
  });
});
