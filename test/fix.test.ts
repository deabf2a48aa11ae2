import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { lint } from '../src/lint/lint.js';
import { runRules } from '../src/engine/run.js';
import { RuleSet } from '../src/engine/rule-set.js';
import { runSetup } from '../src/config/load.js';

const NO_CORPUS = { complete: false, configFile: null };
import { applyFixes } from '../src/engine/edits.js';
import { fixPages, writeFixes } from '../src/fix/fix.js';
import { pageFromBytes } from '../src/load/page.js';
import { extractPage } from '../src/model/extract.js';
import { builtinRules } from '../src/rules/registry.js';
import { cli, tempTree } from './helpers/cli.js';
import { corpusRoot, hasCorpus } from './helpers/corpus.js';
import { fixtureCases, rulesDir } from './helpers/fixtures.js';

const edit = (offset: number, endOffset: number, text: string) => ({ offset, endOffset, text });

describe('applyFixes', () => {
  test('applies fixes that do not overlap, in any order given', () => {
    const fixes = [[edit(6, 11, 'there')], [edit(0, 5, 'Hi')]];
    expect(applyFixes('hello world', fixes)).toEqual({ text: 'Hi there', applied: 2, deferred: 0 });
  });

  test('a fix overlapping an earlier one waits for the next pass, the same way every time', () => {
    const fixes = [[edit(2, 8, 'X')], [edit(0, 4, 'Y')], [edit(9, 10, 'Z')]];
    const once = applyFixes('0123456789', fixes);
    expect(once).toEqual({ text: 'Y45678Z', applied: 2, deferred: 1 });
    expect(applyFixes('0123456789', [...fixes].reverse())).toEqual(once);
  });

  test('a fix is all of its edits or none', () => {
    const fixes = [[edit(0, 1, 'a')], [edit(0, 1, 'b'), edit(5, 6, 'c')]];
    expect(applyFixes('012345', fixes).text).toBe('a12345');
  });

  test('removing adjacent lines does not conflict; two inserts at one point do', () => {
    expect(applyFixes('a\nb\nc\n', [[edit(0, 2, '')], [edit(2, 4, '')]]).text).toBe('c\n');
    expect(applyFixes('ab', [[edit(1, 1, 'x')], [edit(1, 1, 'y')]])).toEqual({ text: 'axb', applied: 1, deferred: 1 });
  });

  test('removing a line takes the line ending that is there, in a page that mixes them', () => {
    const lines = (text: string, ...starts: number[]) =>
      starts.map((offset) => [{ offset, endOffset: text.indexOf('/', offset) + 2, text: '', throughLineEnd: true }]);
    const text = 'a\r\n[1]: /x\n[2]: /y\r\nb\r[3]: /z';
    expect(applyFixes(text, lines(text, 3, 11)).text).toBe('a\r\nb\r[3]: /z');
    expect(applyFixes(text, lines(text, 22)).text).toBe('a\r\n[1]: /x\n[2]: /y\r\nb\r');
  });

  test('edits outside the text or overlapping each other are dropped, never applied', () => {
    expect(applyFixes('abc', [[edit(2, 9, '')], [edit(0, 2, 'x'), edit(1, 3, 'y')]]).text).toBe('abc');
  });
});

describe('rule fixtures: NAME.fixed.md is what --fix makes of NAME.md, and a second run finds nothing', () => {
  const cases = builtinRules
    .filter((r) => r.meta.fixable)
    .flatMap((r) => fixtureCases(r.meta.id).filter((c) => !c.valid && !c.tree).map((c) => [r.meta.id, c.name, c] as const));

  test.each(cases)('%s %s', async (ruleId, name, c) => {
    const dir = tempTree({ [name]: readFileSync(path.join(c.cwd, name)) });
    const configFile = c.configFile ? path.join(dir, path.basename(c.configFile)) : undefined;
    if (c.configFile && configFile) cpSync(c.configFile, configFile);
    // Only the rule under test, so each fixture shows its own rule's fix.
    const rules = Object.fromEntries(builtinRules.map((r) => [r.meta.id, r.meta.id === ruleId ? 'warn' : 'off'] as const));
    const config = await loadConfig({ cwd: dir, configFile, lookup: false, rules });
    const { result, pages } = await lint({ cwd: dir, paths: [name], config });
    const run = await fixPages(pages, result.diagnostics, { config, cwd: dir });
    expect(await writeFixes(run.pages)).toEqual([]);
    const after = readFileSync(path.join(dir, name), 'utf8');
    const fixedFile = path.join(rulesDir, ruleId, 'fixtures', name.replace(/\.md$/, '.fixed.md'));
    if (existsSync(fixedFile)) expect(after).toBe(readFileSync(fixedFile, 'utf8'));
    else expect(after).not.toBe(readFileSync(path.join(c.cwd, name), 'utf8'));
    const again = await lint({ cwd: dir, paths: [name], config });
    expect(again.result.diagnostics.filter((d) => d.fix)).toEqual([]);
  });
});

const crlfPage = [
  '# Python',
  '',
  '| Type | Tracing |',
  '|---|---|',
  '| Docker | ✓ |',
  '| AWS Lambda | {{< X >}} |',
  '',
  'Read the [guide][2].',
  '',
  '[1]: /unused/',
  '[2]: /guide/',
  '[2]: /guide/',
  '',
].join('\r\n');

const crlfFixed = [
  '# Python',
  '',
  '| Type       | Tracing   |',
  '| ---------- | --------- |',
  '| Docker     | {{< X >}} |',
  '| AWS Lambda | {{< X >}} |',
  '',
  'Read the [guide][2].',
  '',
  '[2]: /guide/',
  '',
].join('\r\n');

const allFixesConfig = JSON.stringify({
  rules: { 'table-alignment': 'warn', 'table-check-mark': 'warn', 'reference-unused': 'warn' },
});

function fixTree(): string {
  const dir = tempTree({
    'compatlint.config.json': allFixesConfig,
    'docs/python.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlfPage)]),
    'docs/clean.md': '# Clean\n',
  });
  chmodSync(path.join(dir, 'docs/python.md'), 0o640);
  return dir;
}

describe('--fix', () => {
  test('fixes every kind at once, keeps BOM, CRLF and file mode, and a second run finds nothing', async () => {
    const dir = fixTree();
    const file = path.join(dir, 'docs/python.md');
    const r = await cli(['check', '--fix'], dir);
    expect(r.stderr).toBe('compatlint: fixed 4 problems in 1 file\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No problems');
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(crlfFixed);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(path.join(dir, 'docs')).sort()).toEqual(['clean.md', 'python.md']);

    const again = await cli(['check', '--fix'], dir);
    expect(again.stderr).toBe('compatlint: nothing to fix\n');
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  test('the exit code and report say what is left after the fixes', async () => {
    const dir = tempTree({
      'compatlint.config.json': allFixesConfig,
      'p.md': 'Read [a][1] and [b][9].\n\n[1]: /a/\n[2]: /b/\n',
    });
    const r = await cli(['check', '--fix', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.diagnostics.map((d: { ruleId: string; line: number }) => `${d.ruleId}:${d.line}`)).toEqual(['reference-undefined:1']);
    expect(readFileSync(path.join(dir, 'p.md'), 'utf8')).toBe('Read [a][1] and [b][9].\n\n[1]: /a/\n');
  });

  test('a symbolic link stays a link; its target is fixed', async () => {
    const dir = tempTree({ 'compatlint.config.json': allFixesConfig, 'real/p.md': '[1]: /a/\n# P\n' });
    symlinkSync(path.join(dir, 'real/p.md'), path.join(dir, 'link.md'));
    await cli(['check', '--fix', 'link.md'], dir);
    expect(lstatSync(path.join(dir, 'link.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, 'real/p.md'), 'utf8')).toBe('# P\n');
  });

  test('--fix with --fix-dry-run is a usage error', async () => {
    const r = await cli(['check', '--fix', '--fix-dry-run'], fixTree());
    expect(r).toMatchObject({ code: 2, stderr: 'compatlint: --fix and --fix-dry-run cannot be used together\n' });
  });
});

describe('--fix-dry-run', () => {
  test('writes nothing and prints a diff that git apply turns into what --fix writes', async () => {
    const dir = fixTree();
    const file = path.join(dir, 'docs/python.md');
    const before = readFileSync(file);
    const mtime = statSync(file).mtimeMs;
    const r = await cli(['check', '--fix-dry-run'], dir);
    expect(r.stderr).toBe('compatlint: would fix 4 problems in 1 file (dry run: nothing written)\n');
    expect(r.code).toBe(0);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(mtime);
    expect(r.stdout.startsWith('--- a/docs/python.md\n+++ b/docs/python.md\n@@ -1,12 +1,10 @@\n')).toBe(true);
    expect(r.stdout).toContain('-[1]: /unused/\r\n');
    expect(r.stdout).toContain('+| Docker     | {{< X >}} |\r\n');
    expect(r.stdout).not.toContain('clean.md');

    writeFileSync(path.join(dir, 'fix.patch'), r.stdout);
    const applied = spawnSync('git', ['apply', 'fix.patch'], { cwd: dir, encoding: 'utf8' });
    expect(applied.stderr).toBe('');
    const fixedByPatch = readFileSync(file);
    const dir2 = fixTree();
    await cli(['check', '--fix'], dir2);
    expect(fixedByPatch.equals(readFileSync(path.join(dir2, 'docs/python.md')))).toBe(true);
  });

  test('prints nothing on stdout when there is nothing to fix, and reports still go to --output', async () => {
    const dir = tempTree({ 'compatlint.config.json': allFixesConfig, 'p.md': '# P\n\nRead [a][9].\n' });
    const r = await cli(['check', '--fix-dry-run', '--format', 'json', '--output', 'report.json'], dir);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(1);
    expect(JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')).diagnostics).toHaveLength(1);
  });
});

describe('a failed write', () => {
  async function pendingFix() {
    const dir = fixTree();
    const config = await loadConfig({ cwd: dir, lookup: true });
    const { result, pages } = await lint({ cwd: dir, paths: [], config });
    const run = await fixPages(pages, result.diagnostics, { config, cwd: dir });
    expect(run.pages.map((p) => p.file)).toEqual(['docs/python.md']);
    return { dir, run, file: path.join(dir, 'docs/python.md') };
  }

  test.each([
    ['rename', { rename: async () => Promise.reject(new Error('EXDEV: rename refused')) }],
    ['write', { write: async () => Promise.reject(new Error('ENOSPC: no space left on device')) }],
  ])('a failing %s leaves the original file and no temp file', async (_step, hooks) => {
    const { dir, run, file } = await pendingFix();
    const before = readFileSync(file);
    const failed = await writeFixes(run.pages, { hooks });
    expect(failed).toEqual([{ file: 'docs/python.md', reason: expect.stringMatching(/refused|no space/) }]);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(path.join(dir, 'docs')).sort()).toEqual(['clean.md', 'python.md']);
  });

  test('a page edited after it was checked is not overwritten', async () => {
    const { run, file } = await pendingFix();
    writeFileSync(file, '# Edited meanwhile\n');
    const failed = await writeFixes(run.pages);
    expect(failed).toEqual([{ file: 'docs/python.md', reason: 'it changed while compatlint was running' }]);
    expect(readFileSync(file, 'utf8')).toBe('# Edited meanwhile\n');
  });
});

/** What a reader sees of a page, minus what the fixes may change: every table cell, heading, link and image. */
function substance(text: string) {
  const page = extractPage(text);
  return {
    // A tick may become the configured mark; every other cell keeps its source.
    tables: page.tables.map((t) => ({
      align: t.align,
      header: t.header.map((c) => c.raw),
      rows: t.rows.map((r) => r.cells.map((c) => (c.value.kind === 'supported' ? 'supported' : c.raw))),
    })),
    headings: page.headings.map((h) => h.text),
    links: page.links.map((l) => [l.url, l.text, l.reference ?? '']),
    images: page.images.map((i) => i.url),
    references: page.references.map((r) => r.identifier),
    shortcodes: page.shortcodes.filter((s) => s.name !== 'X').map((s) => s.raw),
    frontMatter: page.frontMatter?.data ?? null,
  };
}

// Real pages, copied to a temp folder (never into the repository) and fixed there.
describe.skipIf(!hasCorpus)('fixing real pages (../shared/corpus/datadog)', () => {
  test('fixes change no cell, heading, link or front matter, and a second run finds nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'compatlint-corpus-fix-'));
    cpSync(path.join(corpusRoot, 'datadog'), dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'compatlint.config.json'),
      JSON.stringify({ extends: ['datadog'], rules: { 'table-alignment': 'warn', 'table-check-mark': 'warn', 'reference-unused': 'warn' } }),
    );
    const pagesOf = () => readdirSync(path.join(dir, 'content'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).sort();
    const before = new Map(pagesOf().map((f) => [f, readFileSync(path.join(dir, 'content', f), 'utf8')]));

    const first = await cli(['check', '--fix', '--format', 'json'], dir);
    expect(first.stderr).toMatch(/^compatlint: fixed \d+ problems in \d+ files\n$/);
    const changed = pagesOf().filter((f) => readFileSync(path.join(dir, 'content', f), 'utf8') !== before.get(f));
    expect(changed.length).toBeGreaterThan(0);
    for (const f of changed) {
      const after = readFileSync(path.join(dir, 'content', f), 'utf8');
      const was = substance(before.get(f) as string);
      const now = substance(after);
      expect(now.tables, f).toEqual(was.tables);
      expect(now.headings, f).toEqual(was.headings);
      expect(now.links, f).toEqual(was.links);
      expect(now.images, f).toEqual(was.images);
      expect(now.references, f).toEqual(was.references);
      expect(now.shortcodes, f).toEqual(was.shortcodes);
      expect(now.frontMatter, f).toEqual(was.frontMatter);
    }
    const second = await cli(['check', '--fix'], dir);
    expect(second.stderr).toBe('compatlint: nothing to fix\n');
    const report = JSON.parse(first.stdout);
    const fixable = new Set(['table-alignment', 'table-check-mark', 'reference-unused']);
    expect(report.diagnostics.filter((d: { ruleId: string }) => fixable.has(d.ruleId))).toEqual([]);
  }, 120_000);
});

describe('docs and options', () => {
  test('check --help names both flags; rules prints the new rules as fixable and off', async () => {
    const help = await cli(['check', '--help'], tmpdir());
    expect(help.stdout).toMatch(/--fix {2,}apply safe fixes/);
    expect(help.stdout).toMatch(/--fix-dry-run {2,}print the fixes as a unified diff/);
    const list = await cli(['rules'], tmpdir());
    expect(list.stdout).toMatch(/table-alignment +off +A table whose pipes do not line up.*\(fixable\)/);
    expect(list.stdout).toMatch(/table-check-mark +off +.*\(fixable\)/);
    const doc = await cli(['rules', 'table-alignment'], tmpdir());
    expect(doc.stdout).toMatch(/^# table-alignment\n/);
  });

  test('a malformed table-check-mark option is a config error naming it', async () => {
    const dir = tempTree({
      'compatlint.config.json': JSON.stringify({ rules: { 'table-check-mark': { severity: 'warn', options: { mark: 'a | b' } } } }),
      'p.md': '# P\n',
    });
    const r = await cli(['check', '--fix'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^compatlint: Invalid config compatlint\.config\.json: rules\.table-check-mark\.options: mark: expected text matching .*, found "a \| b"\n$/);
  });
});

describe('table-alignment on generated tables', async () => {
  const config = await loadConfig({ cwd: tmpdir(), lookup: false, rules: { 'table-alignment': 'warn' } });
  const alignment = builtinRules.filter((r) => r.meta.id === 'table-alignment');
  const findings = (text: string) =>
    runRules([pageFromBytes('p.md', Buffer.from(text))], { ...runSetup(config, tmpdir()), rules: new RuleSet(alignment) }, NO_CORPUS).diagnostics;
  const piece = fc.constantFrom('a', 'Go', '中文', '한국어', '✅', '{{< X >}}', '\\|', '`x\\|y`', '1.2.0', '>= 3', ' ', '**b**', '\\\\');
  const cell = fc.array(piece, { maxLength: 4 }).map((parts) => parts.join('').trim());
  const space = fc.constantFrom('', ' ', '  ', '    ');
  const table = fc.integer({ min: 1, max: 4 }).chain((columns) =>
    fc.record({
      header: fc.array(cell.filter((c) => c !== ''), { minLength: columns, maxLength: columns }),
      align: fc.array(fc.constantFrom('---', ':--', '-:', ':-:'), { minLength: columns, maxLength: columns }),
      rows: fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { maxLength: 4 }),
      spaces: fc.array(space, { minLength: 40, maxLength: 40 }),
    }),
  );

  test('the fix keeps every cell and alignment, and leaves nothing to fix', () => {
    fc.assert(
      fc.property(table, ({ header, align, rows, spaces }) => {
        let n = 0;
        const pad = () => spaces[n++ % spaces.length] as string;
        const line = (cells: string[]) => `|${cells.map((c) => `${pad()}${c}${pad()}`).join('|')}|`;
        const text = ['# T', '', line(header), line(align), ...rows.map(line), ''].join('\n');
        let fixed = text;
        for (let pass = 0; pass < 3; pass++) fixed = applyFixes(fixed, findings(fixed).flatMap((d) => (d.fix ? [d.fix] : []))).text;
        expect(substance(fixed).tables).toEqual(substance(text).tables);
        expect(findings(fixed)).toEqual([]);
      }),
      { numRuns: 200, seed: 20261125 },
    );
  });
});
