import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli, repoRoot, tempTree } from './helpers/cli.js';
import { git } from './helpers/git.js';

// Each case here once printed "no problems" (or "no changes") and exited 0 on a tree that has
// problems, or on no tree at all. A run that checked nothing, or checked something other than
// what `check` checks, must never pass.

/** The consistency fixture whose pages disagree with a partial, in a temp folder of its own. */
function partialTree(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'compatlint-green-'));
  cpSync(path.join(repoRoot, 'src/rules/consistency/fixtures/invalid-partial'), dir, { recursive: true });
  const base = path.join(repoRoot, 'src/rules/fixtures-base.config.yaml');
  writeFileSync(path.join(dir, 'compatlint.config.yaml'), `extends: [${JSON.stringify(base)}]\n`);
  rmSync(path.join(dir, 'expected.txt'));
  return dir;
}

const page = '# A\n\n| Type | Tracing |\n|---|---|\n| Docker | ✓ |\n';

describe('--fix re-checks with the builder check uses', () => {
  test('a page that includes a partial keeps its finding against the partial after a fix', async () => {
    const dir = partialTree();
    // Something to fix on the page whose table disagrees with the partial.
    appendFileSync(path.join(dir, 'content/en/agent/compatibility/python.md'), '\n[unused]: https://example.com/\n');
    const fixed = await cli(['check', '--fix', '--format', 'json'], dir);
    const after = await cli(['check', '--format', 'json'], dir);
    const ids = (stdout: string) => (JSON.parse(stdout) as { diagnostics: Array<{ ruleId: string }> }).diagnostics.map((d) => d.ruleId);
    expect(ids(fixed.stdout)).toContain('consistency');
    expect(fixed.code).toBe(1);
    expect(ids(fixed.stdout)).toEqual(ids(after.stdout));
    expect(readFileSync(path.join(dir, 'content/en/agent/compatibility/python.md'), 'utf8')).not.toContain('[unused]');
  });
});

describe('diff --base lists files as check does', () => {
  test('a dot folder and a .gitignored file in a clean repository are no change', async () => {
    const dir = tempTree({ '.hidden/x.md': page, 'a.md': page, '.gitignore': 'ignored.md\n', 'ignored.md': page });
    git(dir, 'init', '-q');
    git(dir, 'add', '-A', '-f');
    git(dir, 'commit', '-q', '-m', 'x');
    const r = await cli(['diff', '--base', 'HEAD', '--format', 'json'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { pages: number; changes: unknown[] };
    expect(out.changes).toEqual([]);
    expect(out.pages).toBe(1);
  });
});

describe('a selection that matches no page is exit 2, naming it and why', () => {
  const tree = () =>
    tempTree({
      'compatlint.config.yaml': 'include: ["content/**/*.md"]\n',
      'content/a.md': page,
      'docs/b.md': page,
      'docs/img.png': 'png',
    });

  test.each([
    [['check', 'nothing/*.md'], /^compatlint: No pages selected by pattern nothing\/\*\.md: no \.md, \.mdx, \.markdown file there/],
    [['check', 'docs'], /^compatlint: No pages selected by folder docs: its 1 page lies outside the config's include \(content\/\*\*\/\*\.md\)/],
    [['check', 'docs/*'], /^compatlint: No pages selected by pattern docs\/\*: its 1 page lies outside/],
    [['check', '-c', '/dev/null'], /^compatlint: No pages to check: the config's include \(\*\*\/\*\.md\) is relative to the config's folder/],
    [['diff', 'docs', 'docs'], /^compatlint: No pages selected by folder docs/],
  ])('%j', async (argv, message) => {
    const r = await cli(argv, tree());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('--no-error-on-unmatched-pattern lets an empty run pass, and it says no page was checked', async () => {
    const r = await cli(['check', '--no-error-on-unmatched-pattern', 'nothing/*.md'], tree());
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('✔ No problems in 0 files\nℹ No page was checked\n');
    expect(r.stderr).toBe('');
    const json = await cli(['check', '--format', 'json', '--no-error-on-unmatched-pattern', 'nothing/*.md'], tree());
    expect(JSON.parse(json.stdout)).toMatchObject({ files: 0, notices: [{ id: 'noPages', message: 'No page was checked' }] });
    // A run that checks a page has no such notice.
    expect((await cli(['check', 'content'], tree())).stdout).not.toContain('No page was checked');
  });

  test('a folder inside include selects its pages, as its glob would', async () => {
    const dir = tree();
    const folder = await cli(['check', '--format', 'json', 'content'], dir);
    const glob = await cli(['check', '--format', 'json', 'content/**'], dir);
    expect(folder.code).toBe(0);
    expect(JSON.parse(folder.stdout).files).toBe(1);
    expect(JSON.parse(glob.stdout)).toEqual(JSON.parse(folder.stdout));
  });
});

describe('a run whose table kinds recognize no table says so, and still passes', () => {
  const config = 'vocabulary:\n  attribute:\n    version: ["Version"]\ntables:\n  - id: runtimes\n    match: { keyHeader: ["Runtime"] }\n    key: runtime\n    columns: attribute\n';
  const runtimes = '# A\n\n| Runtime | Version |\n|---|---|\n| Python | >= 3.8 |\n';
  const notice = /^ℹ No table on the 2 pages matched any of the 1 table kind configured, so no fact was checked; `compatlint explain` shows why each table matched none$/m;

  test('no table on any page matched: a notice under the totals, exit code unchanged', async () => {
    const dir = tempTree({ 'compatlint.config.yaml': config, 'a.md': page, 'b.md': '# B\n\nNo table here.\n' });
    const r = await cli(['check'], dir);
    expect(r.stdout).toMatch(notice);
    // table-kind-unused warns about the kind itself; the notice fails nothing on top of it.
    expect(r.code).toBe(0);
    const json = JSON.parse((await cli(['check', '--format', 'json'], dir)).stdout) as { notices: unknown[] };
    expect(json.notices).toEqual([{ id: 'noTableMatched', message: expect.stringMatching(/^No table on the 2 pages/), data: { pages: 2, kinds: 1 } }]);
    const github = await cli(['check', '--format', 'github'], dir);
    expect(github.stdout).toMatch(/^::notice title=compatlint::No table on the 2 pages matched/m);
  });

  test('one matched table anywhere in the run: no notice', async () => {
    const dir = tempTree({ 'compatlint.config.yaml': config, 'a.md': page, 'b.md': runtimes });
    const r = await cli(['check'], dir);
    expect(r.stdout).not.toContain('ℹ');
    expect(JSON.parse((await cli(['check', '--format', 'json'], dir)).stdout).notices).toEqual([]);
  });

  test('without table kinds there is nothing to match, and no notice', async () => {
    const dir = tempTree({ 'a.md': page });
    expect((await cli(['check'], dir)).stdout).toBe('✔ No problems in 1 file\n');
  });
});

describe('negated globs remove pages', () => {
  test("'**/*.md' '!b.md' checks a.md only, and no other file beside it", async () => {
    const dir = tempTree({ 'a.md': page, 'b.md': page, 'c.png': 'png', 'd.txt': 'text' });
    const r = await cli(['check', '--format', 'json', '**/*.md', '!b.md'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files).toBe(1);
    const junit = await cli(['check', '--format', 'junit', '**/*', '!b.md'], dir);
    expect(junit.stdout).toContain('a.md');
    expect(junit.stdout).not.toMatch(/b\.md|c\.png|d\.txt/);
    // A named page is removed by a negated glob too.
    const named = await cli(['check', '--format', 'json', '--no-error-on-unmatched-pattern', 'a.md', 'b.md', '!b.md'], dir);
    expect(JSON.parse(named.stdout).files).toBe(1);
  });
});

describe('diff --fail-on breaking counts what a removal takes away', () => {
  const deployments = (rows: string[]) => `# Python\n\n| Type | Tracing |\n|---|---|\n${rows.join('\n')}\n`;

  test.each([
    ['a removed row that ticked a capability', deployments(['| Docker | ✓ |', '| AWS Lambda | ✓ |']), deployments(['| Docker | ✓ |'])],
    ['a removed table', `${deployments(['| Docker | ✓ |'])}\n## More\n\n| Runtime | Version |\n|---|---|\n| Python | >= 3.8 |\n`, deployments(['| Docker | ✓ |'])],
    ['an emptied cell', deployments(['| Docker | ✓ |', '| AWS Lambda | ✓ |']), deployments(['| Docker | ✓ |', '| AWS Lambda |  |'])],
  ])('%s is breaking', async (_name, before, after) => {
    const dir = tempTree({ 'old/p.md': before, 'new/p.md': after });
    const r = await cli(['diff', 'old', 'new', '--fail-on', 'breaking', '--format', 'json'], dir);
    const out = JSON.parse(r.stdout) as { changes: Array<{ class: string; breaking: boolean }> };
    expect(out.changes.filter((c) => c.breaking).length).toBeGreaterThan(0);
    expect(r.code).toBe(1);
  });

  test('a removed row that stated no support is not', async () => {
    const before = '# Notes\n\n| Term | Meaning |\n|---|---|\n| APM | tracing |\n| RUM | browsers |\n';
    const after = '# Notes\n\n| Term | Meaning |\n|---|---|\n| APM | tracing |\n';
    const dir = tempTree({ 'old/p.md': before, 'new/p.md': after });
    const r = await cli(['diff', 'old', 'new', '--fail-on', 'breaking', '--format', 'json'], dir);
    const out = JSON.parse(r.stdout) as { changes: Array<{ class: string; breaking: boolean }> };
    expect(out.changes.map((c) => [c.class, c.breaking])).toEqual([['row-removed', false]]);
    expect(r.code).toBe(0);
  });
});
