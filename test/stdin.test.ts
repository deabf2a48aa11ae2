import { describe, expect, test } from 'vitest';
import { cli, spawnCli, tempTree } from './helpers/cli.js';

// `check -` reads a page from standard input and checks it as --stdin-filename names it, with
// the tree around it; `--print-config FILE` prints the settings a page gets.

const tree = {
  'compatlint.config.yaml': [
    'include: ["docs/**/*.md"]',
    'vocabulary: { attribute: { min-version: ["Minimum version"] } }',
    'tables:',
    '  - { id: features, match: { keyHeader: [Feature] }, key: feature, columns: attribute, columnTypes: { "*": version } }',
    'overrides:',
    '  - files: ["docs/legacy/**"]',
    '    rules: { reference-unused: "off" }',
    '',
  ].join('\n'),
  'docs/a.md': '| Feature | Minimum version |\n|---|---|\n| Tracing | 1.0 |\n',
  'docs/b.md': '| Feature | Minimum version |\n|---|---|\n| Tracing | 1.0 |\n',
};

type Json = { diagnostics: Array<{ file: string; line: number; ruleId: string }> };

describe('check -', () => {
  test('the page on standard input replaces its file, and is compared with the other pages', async () => {
    const dir = tempTree(tree);
    const buffer = '| Feature | Minimum version |\n|---|---|\n| Tracing | 2.0 |\n\n[unused]: /x\n';
    const r = await cli(['check', '-', '--stdin-filename', 'docs/b.md', '--format', 'json'], dir, {}, buffer);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const found = (JSON.parse(r.stdout) as Json).diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId}`);
    expect(found).toEqual(['docs/b.md:3 consistency', 'docs/b.md:5 reference-unused']);
  });

  test('a file that does not exist yet is checked too', async () => {
    const dir = tempTree(tree);
    const r = await cli(['check', '-', '--stdin-filename', 'docs/new.md', '--format', 'json'], dir, {}, '| Feature | Minimum version |\n|---|---|\n| Tracing | 3.0 |\n');
    expect((JSON.parse(r.stdout) as Json).diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId}`)).toEqual(['docs/new.md:3 consistency']);
  });

  test('through the real process', () => {
    const dir = tempTree(tree);
    const r = spawnCli(['check', '-', '--stdin-filename', 'docs/a.md', '--format', 'compact'], dir, { input: '# Fine\n' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  test.each([
    [['check', '-'], /needs --stdin-filename/],
    [['check', '-', 'docs/a.md', '--stdin-filename', 'x.md'], /cannot be combined with other paths/],
    [['check', '--stdin-filename', 'x.md'], /goes with `-`/],
    [['check', '-', '--stdin-filename', 'x.md', '--fix'], /--fix/],
  ])('%j is a usage error', async (argv, message) => {
    const r = await cli(argv, tempTree(tree), {}, '');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('--print-config', () => {
  test('prints the settings of a page after overrides', async () => {
    const dir = tempTree(tree);
    const plain = JSON.parse((await cli(['check', '--print-config', 'docs/a.md'], dir)).stdout);
    expect(plain).toMatchObject({ file: 'docs/a.md', included: true, frontMatterSchema: null });
    expect(plain.rules['reference-unused'].severity).not.toBe('off');
    const legacy = JSON.parse((await cli(['check', '--print-config', 'docs/legacy/old.md'], dir)).stdout);
    expect(legacy.rules['reference-unused'].severity).toBe('off');
    const outside = JSON.parse((await cli(['check', '--print-config', 'README.md'], dir)).stdout);
    expect(outside.included).toBe(false);
  });
});
