import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import type { UserConfig } from '../src/config/types.js';
import { toolVersion } from '../src/util/paths.js';
import { cli, repoRoot, tempTree } from './helpers/cli.js';

interface Finding {
  ruleId: string;
  file: string;
  line: number;
  message: string;
}

/** A fixture of fixtures/init copied to a temporary folder: init writes into the tree it reads. */
function copyOf(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `compatlint-init-${name}-`));
  cpSync(path.join(repoRoot, 'fixtures/init', name), dir, { recursive: true });
  return dir;
}

/** Run init, load what it wrote with the real loader, then check with it. */
async function initThenCheck(name: string) {
  const dir = copyOf(name);
  const init = await cli(['init', '--threads', '1'], dir);
  expect(init.code, init.stderr).toBe(0);
  const written = path.join(dir, 'compatlint.config.yaml');
  const config = await loadConfig({ cwd: dir });
  expect(config.file).toBe(written);
  const check = await cli(['check', '--format', 'json', '--threads', '1'], dir);
  expect(check.stderr).toBe('');
  const findings = (JSON.parse(check.stdout) as { diagnostics: Finding[] }).diagnostics;
  return { dir, init, config, user: parse(readFileSync(written, 'utf8')) as UserConfig, text: readFileSync(written, 'utf8'), findings, check };
}

const places = (findings: readonly Finding[]) => findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`);

describe('init on a Hugo site with a translation', () => {
  test('the site is read from hugo.toml; copies that disagree in one cell are compared; the translated headers pair by position', async () => {
    const { init, config, user, findings } = await initThenCheck('hugo');
    expect(init.stderr).toContain('compatlint init: Hugo site (hugo.toml)');
    expect(user.include).toEqual(['content/en/**/*.md', 'content/fr/**/*.md']);
    expect(user.site).toEqual({ generator: 'hugo' });
    // check reads the same layout from hugo.toml as init did.
    expect(config.facts.site).toMatchObject({ content: 'content', locales: ['en', 'fr'], defaultLocale: 'en', localeFolders: true });
    expect(config.facts.kinds.map((k) => k.id)).toEqual(['platform']);
    expect(user.tables?.[0]?.match?.keyHeader).toEqual(['Platform', 'Plateforme']);
    expect(user.tables?.[0]?.columnTypes).toEqual({ '*': 'status' });
    // The glossary table is prose in cells, on one page: no kind, and the summary says so.
    expect(init.stderr).toMatch(/not proposed: 1 table of 1 shape .*`Term` content\/en\/agent\/supported-platforms\.md:15/);
    expect(places(findings)).toEqual([
      'consistency content/en/agent/supported-platforms.md:11',
      'translation-drift content/fr/agent/supported-platforms.md:11',
    ]);
  });

  test('the translated table is recognized by the kind through its translated key header', async () => {
    const dir = copyOf('hugo');
    expect((await cli(['init'], dir)).code).toBe(0);
    const extract = await cli(['extract', 'content/fr/agent/supported-platforms.md'], dir);
    const page = (JSON.parse(extract.stdout) as { pages: Array<{ locale: string; tables: Array<{ kind: string; columns: Array<{ id: string; known: boolean }> }> }> }).pages[0];
    expect(page?.locale).toBe('fr');
    expect(page?.tables.map((t) => t.kind)).toEqual(['platform', '']);
    expect(page?.tables[0]?.columns.every((c) => c.known)).toBe(true);
  });
});

describe('init on a Docusaurus site with versions and a translation', () => {
  test('the site is read from docusaurus.config.ts: each doc version\'s facts stand on their own unless compareVersions', async () => {
    const { dir, user, text, findings, config } = await initThenCheck('docusaurus');
    expect(user.site).toEqual({ generator: 'docusaurus' });
    expect(text).toContain('#   versions: 1.x (versioned_docs/version-1.x): each one\'s facts stand on their own');
    expect(config.facts.site.translations).toContainEqual({ locale: 'fr', folder: 'i18n/fr/docusaurus-plugin-content-docs/current', source: 'docs' });
    expect(user.include).toEqual(['docs/**/*.md', 'i18n/fr/docusaurus-plugin-content-docs/current/**/*.md', 'versioned_docs/version-1.x/**/*.md']);
    expect(user.pageDimensions).toBeUndefined();
    expect(user.values).toEqual({ unsupported: ['N/A'] });
    expect(user.tables?.[0]).toMatchObject({ id: 'database', columnTypes: { '*': 'version' } });
    expect(user.vocabulary?.['database-column']).toEqual({ 'minimum-version': ['Minimum version', 'Version minimale'], 'maximum-version': ['Maximum version', 'Version maximale'] });
    expect(text).toMatch(/# review: paired by position with `Minimum version`:\n\s+#\s+Version minimale \(fr\) at i18n\/fr\/docusaurus-plugin-content-docs\/current\/compatibility\.md:5/);
    expect(findings).toEqual([]);
    // Compared across versions, the two versions' tables would be one fact stated twice, and disagree.
    writeFileSync(path.join(dir, 'compatlint.config.yaml'), JSON.stringify({ ...user, site: { ...user.site, compareVersions: true } }));
    const again = await cli(['check', '--format', 'json'], dir);
    expect(places((JSON.parse(again.stdout) as { diagnostics: Finding[] }).diagnostics).filter((p) => p.startsWith('consistency'))).toHaveLength(6);
  });
});

describe('init on an MkDocs site', () => {
  test('the README pulled in by include-markdown is included; attr_list anchors resolve; footnote ticks are ticks', async () => {
    const { user, findings, config } = await initThenCheck('mkdocs');
    expect(user.include).toEqual(['README.md', 'docs/**/*.md']);
    expect(user.site).toEqual({ generator: 'mkdocs' });
    expect(user.values).toEqual({ unsupported: ['N/A'] });
    expect(config.facts.kinds.map((k) => [k.id, k.keyHeader.map((p) => p.source)])).toEqual([
      ['example-builder', ['/^$/']],
      ['arch', ['Arch', 'Architecture']],
    ]);
    expect(user.tables?.[0]?.columnTypes).toEqual({ '*': 'status' });
    expect(places(findings)).toEqual(['reference-unused README.md:20']);
  });
});

describe('init on an mdBook book', () => {
  test('book.toml in book/ gives the site root and content; a typo in a status column is a table-schema finding', async () => {
    const { init, user, findings } = await initThenCheck('mdbook');
    expect(user.include).toEqual(['book/pages/**/*.md']);
    expect(user.site).toEqual({ generator: 'mdbook', root: 'book' });
    expect(user.tables?.[0]?.columnTypes).toEqual({ '*': 'status', 'language-server': 'text' });
    expect(init.stderr).toContain('book/pages/SUMMARY.md: does not list 1 page under book/pages/ (not built): draft.md');
    expect(places(findings)).toEqual(['table-schema book/pages/generated/matrix.md:11']);
  });
});

describe('init on plain Markdown', () => {
  test('every page is included, the site is the tree as GitHub shows it, and copies on two pages that disagree are reported', async () => {
    const { init, user, findings } = await initThenCheck('markdown');
    expect(init.stderr).toContain('compatlint init: no site generator config found: plain Markdown');
    expect(user.include).toEqual(['**/*.md']);
    expect(user.site).toEqual({ generator: 'markdown' });
    expect(places(findings)).toEqual(['consistency docs/support.md:6']);
  });
});

describe('init on the command line', () => {
  test('an existing config is kept unless --force; --print writes nothing; another config name blocks the write', async () => {
    const dir = copyOf('markdown');
    writeFileSync(path.join(dir, 'compatlint.config.yaml'), 'rules: {}\n');
    expect(await cli(['init'], dir)).toMatchObject({
      code: 2,
      stderr: 'compatlint: compatlint.config.yaml exists: use --force to overwrite it, or --print to see the proposal\n',
    });
    expect(readFileSync(path.join(dir, 'compatlint.config.yaml'), 'utf8')).toBe('rules: {}\n');
    const printed = await cli(['init', '--print'], dir);
    expect(printed.code).toBe(0);
    expect((parse(printed.stdout) as UserConfig).include).toEqual(['**/*.md']);
    expect(readFileSync(path.join(dir, 'compatlint.config.yaml'), 'utf8')).toBe('rules: {}\n');
    const forced = await cli(['init', '--force'], dir);
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(dir, 'compatlint.config.yaml'), 'utf8')).toBe(printed.stdout);
    writeFileSync(path.join(dir, 'compatlint.config.json'), '{}');
    expect((await cli(['init', '--force'], dir)).stderr).toBe(
      'compatlint: compatlint.config.json exists and would still be used instead of compatlint.config.yaml: remove it first, or use --print\n',
    );
  });

  test('a tree with no page is exit 2 with one line; a path argument is a usage error', async () => {
    const empty = tempTree({ 'notes.txt': 'not a page\n' });
    expect(await cli(['init'], empty)).toMatchObject({ code: 2, stdout: '' });
    expect((await cli(['init'], empty)).stderr).toMatch(/^compatlint: No Markdown pages \(\*\*\/\*\.\{md,mdx,markdown\}\) under .*: nothing to propose a config for\n$/);
    expect(existsSync(path.join(empty, 'compatlint.config.yaml'))).toBe(false);
    expect((await cli(['init', 'docs'], empty)).stderr).toBe('compatlint: `compatlint init` takes no paths: it reads the tree in the working directory\n');
  });

  test('headers in other scripts still give kind ids config accepts', async () => {
    const table = (v: string) => `## 対応状況\n\n| タイプ | Docker | Kubernetes |\n|---|---|---|\n| ホスト | はい | ${v} |\n| VM | はい | はい |\n`;
    const dir = tempTree({ 'a.md': table('はい'), 'b.md': table('いいえ'), 'c.md': '| OS | 版本 |\n|---|---|\n| Linux | 1.0 |\n', 'd.md': '| OS | 架构 |\n|---|---|\n| Linux | ✓ |\n' });
    const r = await cli(['init', '--print'], dir);
    expect(r.code, r.stderr).toBe(0);
    const user = parse(r.stdout) as UserConfig;
    expect(user.tables?.map((t) => t.id)).toEqual(['table', 'os', 'os-2']);
    expect(user.values).toEqual({ supported: ['はい'] });
  });

  test('the same tree gives the same config, byte for byte', async () => {
    const a = await cli(['init', '--print', '--threads', '1'], copyOf('hugo'));
    const b = await cli(['init', '--print', '--threads', '2'], copyOf('hugo'));
    expect(a.stdout).toBe(b.stdout);
    expect(a.stderr).toBe(b.stderr);
  });

  test('help: the command is listed, and init --help names its options', async () => {
    expect((await cli(['--help'], repoRoot)).stdout).toContain('compatlint init [--print]');
    const help = await cli(['init', '--help'], repoRoot);
    for (const option of ['--print', '--force', '--threads']) expect(help.stdout).toContain(option);
    expect(help.stdout).toContain('docs/init.md');
  });
});

describe('docs/init.md', () => {
  test('the worked example shows the fixture, and what init and check print for it', async () => {
    const doc = readFileSync(path.join(repoRoot, 'docs/init.md'), 'utf8');
    const blocks = (lang: string) => [...doc.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1] as string);
    const fixture = path.join(repoRoot, 'fixtures/init/hugo');
    expect(blocks('toml')[0]).toBe(`# hugo.toml\n${readFileSync(path.join(fixture, 'hugo.toml'), 'utf8')}`);
    const [en, fr] = blocks('markdown');
    expect(readFileSync(path.join(fixture, 'content/en/agent/supported-platforms.md'), 'utf8')).toContain(en);
    expect(readFileSync(path.join(fixture, 'content/fr/agent/supported-platforms.md'), 'utf8')).toContain(fr);
    const dir = copyOf('hugo');
    const init = await cli(['init'], dir);
    const [summary, checked] = blocks('text');
    expect(init.stderr).toBe(summary);
    expect(readFileSync(path.join(dir, 'compatlint.config.yaml'), 'utf8')).toBe((blocks('yaml')[0] as string).replace('compatlint VERSION', `compatlint ${toolVersion}`));
    const check = await cli(['check'], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toBe(checked);
  });
});
