import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { AnchorCounter, githubSlug, mdbookSlug, pythonMarkdownSlug } from '../src/model/anchor.js';
import { locatePage, versionOf } from '../src/site/locate.js';
import { resolveSite } from '../src/site/settings.js';
import { cli, tempTree } from './helpers/cli.js';

interface Finding {
  ruleId: string;
  file: string;
  line: number;
  message: string;
}

async function check(dir: string, rules?: Set<string>): Promise<Finding[]> {
  const r = await cli(['check', '--format', 'json', '--threads', '1'], dir);
  expect(r.stderr).toBe('');
  const all = (JSON.parse(r.stdout) as { diagnostics: Finding[] }).diagnostics;
  return rules ? all.filter((f) => rules.has(f.ruleId)) : all;
}

const LINKS = new Set(['link-page-missing', 'link-anchor-missing', 'image-missing']);
const where = (findings: readonly Finding[]) => findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`);

describe('slugs as each generator makes them', () => {
  test("github-slugger: its own fixtures' cases", () => {
    const counter = new AnchorCounter('github');
    const slugs = ['alpha', 'alpha', 'echo', 'echo', 'echo 1', 'echo-1', 'echo'].map((t) => counter.unique(githubSlug(t)));
    expect(slugs).toEqual(['alpha', 'alpha-1', 'echo', 'echo-1', 'echo-1-1', 'echo-1-2', 'echo-2']);
    expect(githubSlug('heading with a - dash')).toBe('heading-with-a---dash');
    expect(githubSlug('exchange.bind_headers(exchange, routing [, bindCallback])')).toBe('exchangebind_headersexchange-routing--bindcallback');
    expect(githubSlug('I ♥ unicode')).toBe('i--unicode');
    expect(githubSlug('en–dash')).toBe('endash');
    expect(githubSlug('😄 unicode emoji')).toBe('-unicode-emoji');
    expect(githubSlug('Привет non-latin 你好')).toBe('привет-non-latin-你好');
    expect(githubSlug(' a ')).toBe('-a-');
  });

  test('Python-Markdown: ASCII only, `_1` for a repeat or an empty slug', () => {
    const counter = new AnchorCounter('python-markdown');
    expect(['Same', 'Same_1', 'Same', '日本語', '日本語'].map((t) => counter.unique(pythonMarkdownSlug(t)))).toEqual(['same', 'same_1', 'same_2', '_1', '_2']);
    expect(pythonMarkdownSlug('Café & Crème — 2.0!')).toBe('cafe-creme-20');
    expect(pythonMarkdownSlug('a - b  c')).toBe('a-b-c');
  });

  test('mdBook: leading `#` dropped, only ASCII letters lowercased, a plain counter for repeats', () => {
    const counter = new AnchorCounter('mdbook');
    expect(['Intro', 'Intro', 'intro-1'].map((t) => counter.unique(mdbookSlug(t)))).toEqual(['intro', 'intro-1', 'intro-1']);
    expect(mdbookSlug('`--passes`: add more rustdoc passes')).toBe('--passes-add-more-rustdoc-passes');
    expect(mdbookSlug('Über uns')).toBe('Über-uns');
  });
});

describe('the site from the generator\'s own config (site.generator)', () => {
  test('Hugo: languages with their folders; keys the config writes win', () => {
    const dir = tempTree({
      'hugo.toml': 'defaultContentLanguage = "en"\n[languages.en]\ncontentDir = "content/en"\n[languages.ja]\ncontentDir = "content/ja"\n',
      'content/en/a.md': '# A\n',
    });
    expect(resolveSite({ generator: 'hugo' }, dir)).toMatchObject({ generator: 'hugo', content: 'content', locales: ['en', 'ja'], defaultLocale: 'en', localeFolders: true, anchors: { style: 'hugo', htmlIds: false } });
    expect(resolveSite({ generator: 'hugo', locales: ['en'], static: 'assets' }, dir)).toMatchObject({ locales: ['en'], static: 'assets' });
    // Without a generator, nothing is read: the layout is the keys' (and the defaults).
    expect(resolveSite({}, dir)).toMatchObject({ generator: 'hugo', locales: ['en'], anchors: { htmlIds: true } });
  });

  test('Hugo: a language with a folder of its own is a translation folder of the default one', () => {
    const dir = tempTree({
      'hugo.yaml': 'languages:\n  en: { contentDir: docs }\n  fr: { contentDir: docs-fr }\n',
      'docs/guide.md': '# Guide\n',
      'docs-fr/guide.md': '# Guide\n',
    });
    const site = resolveSite({ generator: 'hugo' }, dir);
    expect(site).toMatchObject({ content: 'docs', translations: [{ locale: 'fr', folder: 'docs-fr', source: 'docs' }] });
    expect(locatePage(path.join(dir, 'docs-fr/guide.md'), site)).toEqual({ locale: 'fr', localPath: 'guide.md' });
    expect(locatePage(path.join(dir, 'docs/guide.md'), site)).toEqual({ locale: 'en', localPath: 'guide.md' });
  });

  test('auto finds the generator below the folder; a named generator without its config is a config error', async () => {
    const dir = tempTree({ 'website/docusaurus.config.js': 'module.exports = {};\n', 'website/docs/a.md': '# A\n' });
    expect(resolveSite({ generator: 'auto' }, dir)).toMatchObject({ generator: 'docusaurus', root: path.join(dir, 'website') });
    const r = await cli(['check'], tempTree({ 'compatlint.config.json': JSON.stringify({ site: { generator: 'mkdocs' } }), 'a.md': '# A\n' }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^compatlint: Invalid config: site.generator is mkdocs, but .* holds no MkDocs config \(mkdocs.yml or properdocs.yml\)\n$/);
  });

  test('Docusaurus: i18n folders translate the docs and each version; other i18n folders are their locale\'s own', () => {
    const dir = tempTree({
      'docusaurus.config.js': 'module.exports = { i18n: { defaultLocale: "en", locales: ["en", "fr"] } };\n',
      'versions.json': '["3"]',
      'docs/a.md': '# A\n',
      'versioned_docs/version-3/a.md': '# A\n',
      'i18n/fr/docusaurus-plugin-content-docs/current/a.md': '# A\n',
      'i18n/fr/docusaurus-plugin-content-docs/version-3/a.md': '# A\n',
      'i18n/fr/docusaurus-plugin-content-blog/post.md': '# Post\n',
    });
    const site = resolveSite({ generator: 'docusaurus' }, dir);
    const at = (file: string) => locatePage(path.join(dir, file), site);
    expect(at('i18n/fr/docusaurus-plugin-content-docs/current/a.md')).toEqual({ locale: 'fr', localPath: 'docs/a.md' });
    expect(at('i18n/fr/docusaurus-plugin-content-docs/version-3/a.md')).toEqual({ locale: 'fr', localPath: 'versioned_docs/version-3/a.md' });
    expect(at('i18n/fr/docusaurus-plugin-content-blog/post.md')).toEqual({ locale: 'fr', localPath: 'i18n/fr/docusaurus-plugin-content-blog/post.md' });
    expect(at('docs/a.md')).toEqual({ locale: 'en', localPath: 'docs/a.md' });
    // A version's translation is of that version.
    expect(versionOf(path.join(dir, 'i18n/fr/docusaurus-plugin-content-docs/version-3/a.md'), site)).toBe('3');
    expect(versionOf(path.join(dir, 'docs/a.md'), site)).toBe('current');
  });
});

describe('links as each generator resolves them', () => {
  test('plain Markdown: files and folders of the tree (a folder shows its README), `/` the root', async () => {
    const dir = tempTree({
      'compatlint.config.json': JSON.stringify({ site: { generator: 'markdown' } }),
      'README.md': ['# Project', '', '[docs](docs/)', '[readme anchor](docs/#usage)', '[license](LICENSE)', '[root](/docs/guide.md#setup)', '[gone](docs/gone.md)', '[out](../../etc/passwd)', '[no anchor](docs/guide.md#nope)', ''].join('\n'),
      'LICENSE': 'MIT\n',
      'docs/README.md': '# Docs\n\n## Usage\n',
      'docs/guide.md': '# Guide\n\n## Setup\n',
    });
    expect(where(await check(dir, LINKS))).toEqual(['README.md:7 link-page-missing', 'README.md:8 link-page-missing', 'README.md:9 link-anchor-missing']);
  });

  test('mdBook: `.md` and `.html` links name chapters, `README.md` is `index.html`, included files\' headings are anchors', async () => {
    const dir = tempTree({
      'book.toml': '[book]\nsrc = "src"\n',
      'compatlint.config.json': JSON.stringify({ site: { generator: 'mdbook' } }),
      'src/SUMMARY.md': '- [Intro](README.md)\n- [Guide](guide/setup.md)\n',
      'src/README.md': '# Intro\n\n{{#include parts/shared.md}}\n',
      'src/parts/shared.md': '## Shared part\n',
      'src/guide/setup.md': ['# Setup', '', '[intro](../index.html#shared-part)', '[intro md](../README.md#intro)', '[html](other.html)', '[missing](gone.md)', '[bad anchor](../README.md#setup)', ''].join('\n'),
      'src/guide/other.md': '# Other\n',
    });
    expect(where(await check(dir, LINKS))).toEqual(['src/guide/setup.md:6 link-page-missing', 'src/guide/setup.md:7 link-anchor-missing']);
  });

  test('MkDocs: include-markdown between its markers gives the page that slice\'s anchors', async () => {
    const dir = tempTree({
      'mkdocs.yml': 'site_name: x\nplugins:\n  - include-markdown\n',
      'compatlint.config.json': JSON.stringify({ include: ['docs/**/*.md'], site: { generator: 'mkdocs' } }),
      'README.md': '# Project\n\n<!--start-->\n## Inside\n<!--end-->\n\n## Outside\n',
      'docs/index.md': '# Home\n\n{% include-markdown "../README.md" start="<!--start-->" end="<!--end-->" %}\n',
      'docs/guide.md': '# Guide\n\n[inside](index.md#inside)\n\n[outside](index.md#outside)\n',
    });
    expect(where(await check(dir, LINKS))).toEqual(['docs/guide.md:5 link-anchor-missing']);
  });

  test('Docusaurus: routes with versions, number prefixes, slugs and locales; blog links are not checked', async () => {
    const dir = tempTree({
      'docusaurus.config.js': [
        'module.exports = {',
        '  i18n: { defaultLocale: "en", locales: ["en", "fr"] },',
        '  presets: [["classic", { docs: { lastVersion: "current", versions: { 3: { path: "v3" } } } }]],',
        '};',
      ].join('\n'),
      'versions.json': '["3"]',
      'compatlint.config.json': JSON.stringify({ include: ['docs/**/*.md', 'i18n/**/*.md'], site: { generator: 'docusaurus' } }),
      'docs/01-intro.md': '# Intro\n\n## Start\n',
      'docs/guides/index.md': '# Guides\n',
      'docs/moved.md': '---\nslug: /elsewhere\n---\n# Moved\n',
      'versioned_docs/version-3/old.md': '# Old\n\n## Legacy\n',
      'i18n/fr/docusaurus-plugin-content-docs/current/01-intro.md': '# Intro\n\n## Début\n',
      'docs/links.md': ['# Links', '', '[intro](/docs/intro#start)', '[guides](/docs/guides)', '[slug](/docs/elsewhere)', '[v3](/docs/v3/old#legacy)', '[blog](/blog/2024/01/01/post)', '[file](./01-intro.md#start)', '[gone](/docs/gone)', '[v3 gone](/docs/v3/intro)', '[moved away](/docs/moved)', ''].join('\n'),
      'i18n/fr/docusaurus-plugin-content-docs/current/links.md': ['# Liens', '', '[intro](/docs/intro#début)', '[anglais](/docs/intro#start)', ''].join('\n'),
    });
    expect(where(await check(dir, LINKS))).toEqual([
      'docs/links.md:9 link-page-missing',
      'docs/links.md:10 link-page-missing',
      // A doc whose front matter gives it a slug is not at its path.
      'docs/links.md:11 link-page-missing',
      // A French page's link to a doc reads the French translation of it.
      'i18n/fr/docusaurus-plugin-content-docs/current/links.md:4 link-anchor-missing',
    ]);
  });

  test('Hugo: links into a mounted folder the checkout lacks are one finding; ignoreLinks are not checked', async () => {
    const dir = tempTree({
      'hugo.yaml': ['module:', '  mounts:', '    - { source: content, target: content }', '    - { source: guides, target: content/guides }', '    - { source: ../api-docs, target: content/api }', ''].join('\n'),
      'compatlint.config.json': JSON.stringify({ include: ['content/**/*.md', 'guides/**/*.md'], site: { generator: 'hugo', ignoreLinks: ['/internal/**'] } }),
      'guides/setup.md': '# Setup\n\n## Step\n\n[a](/a/)\n',
      'content/a.md': '# A\n\n[x](/api/x/) [y](/api/y/#z) [b](/b/) [mounted](/guides/setup/#step)\n',
      'content/b.md': '# B\n\n[x](/api/x/) [in](/internal/page/) [gone](/gone/)\n',
    });
    const findings = await check(dir, LINKS);
    // A mounted folder's pages are where the mount puts them: guides/setup.md is /guides/setup/.
    expect(locatePage(path.join(dir, 'guides/setup.md'), (await loadConfig({ cwd: dir })).facts.site)).toEqual({ locale: 'en', localPath: 'guides/setup.md' });
    expect(where(findings)).toEqual(['content/a.md:3 link-page-missing', 'content/b.md:3 link-page-missing']);
    expect(findings[0]?.message).toBe("Unexpected 3 links into `../api-docs` (the site's `content/api`) on 2 pages, a folder this checkout does not hold: their targets are not checked");
    expect(findings[1]?.message).toMatch(/^Unexpected link to missing page `\/gone\/`/);
  });
});

describe('doc versions are a dimension', () => {
  test('the same table in two version folders is not compared, unless compareVersions', async () => {
    const table = (v: string) => `| Database | Minimum |\n|---|---|\n| Postgres | ${v} |\n`;
    const config = (compare: boolean) => ({
      include: ['content/**/*.md'],
      site: { versions: [{ name: '1', folder: 'content/v1' }, { name: '2', folder: 'content/v2' }], compareVersions: compare },
      vocabulary: { column: { minimum: ['Minimum'] } },
      tables: [{ id: 'db', match: { keyHeader: ['Database'] }, key: 'database', columns: 'column', columnTypes: { '*': 'version' } }],
    });
    const files = { 'content/v1/db.md': table('12'), 'content/v2/db.md': table('14') };
    const apart = tempTree({ ...files, 'compatlint.config.json': JSON.stringify(config(false)) });
    expect(await check(apart, new Set(['consistency']))).toEqual([]);
    const loaded = await loadConfig({ cwd: apart });
    expect(loaded.facts.site.versions).toEqual([{ name: '1', folder: 'content/v1' }, { name: '2', folder: 'content/v2' }]);
    const together = tempTree({ ...files, 'compatlint.config.json': JSON.stringify(config(true)) });
    expect(where(await check(together, new Set(['consistency'])))).toEqual(['content/v2/db.md:3 consistency']);
  });
});
