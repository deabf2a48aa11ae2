import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { describeSite } from '../src/site/generators/index.js';
import { readModuleExport, Unread } from '../src/site/generators/js-literals.js';
import { repoRoot, tempTree } from './helpers/cli.js';

const fixture = (name: string) => path.join(repoRoot, 'fixtures/init', name);

describe('Hugo', () => {
  test('languages with a content folder each, from hugo.toml', () => {
    expect(describeSite(fixture('hugo'))).toEqual({
      generator: 'hugo',
      root: '',
      configFiles: ['hugo.toml'],
      contentRoots: ['content/en'],
      defaultLocale: 'en',
      locales: [
        { locale: 'en', folders: [{ folder: 'content/en', source: 'content/en' }], bySuffix: false },
        { locale: 'fr', folders: [{ folder: 'content/fr', source: 'content/en' }], bySuffix: false },
      ],
      mounts: [],
      versions: [],
      layouts: 'layouts',
      static: 'static',
      includedFiles: [],
      routes: [],
      markdown: { explicitIds: true, rawHtml: false },
      notes: [],
    });
  });

  test('split config in config/_default (languages file, module mounts), found one folder down', () => {
    const dir = tempTree({
      'site/config/_default/hugo.yaml': 'baseURL: https://example.org/\nDefaultContentLanguage: fr\nstaticDir: [assets-static, more]\n',
      'site/config/_default/languages.toml': '[fr]\nweight = 1\n[de]\nweight = 2\n[Klingon]\nweight = 3\n',
      'site/config/_default/module.yaml': 'mounts:\n  - source: docs\n    target: content\n  - source: docs-de\n    target: content\n    lang: de\n  - source: blog\n    target: content/blog\n',
    });
    const site = describeSite(dir);
    expect(site).toMatchObject({
      generator: 'hugo',
      root: 'site',
      configFiles: ['site/config/_default/hugo.yaml', 'site/config/_default/languages.toml', 'site/config/_default/module.yaml'],
      defaultLocale: 'fr',
      contentRoots: ['docs', 'blog'],
      static: 'assets-static',
      mounts: [
        { source: 'docs', target: 'content' },
        { source: 'docs-de', target: 'content', lang: 'de' },
        { source: 'blog', target: 'content/blog' },
      ],
    });
    expect(site.locales.map((l) => [l.locale, l.folders.map((f) => `${f.folder}<${f.source}`)])).toEqual([
      ['fr', ['docs<docs', 'blog<blog']],
      ['de', ['docs-de<docs']],
    ]);
    expect(site.notes.map((n) => n.message)).toEqual([
      'module.mounts: blog is mounted at content/blog; compatlint reads its pages where they are (blog/), so their URLs differ',
      'languages.Klingon: not a locale code compatlint reads, left out',
      'staticDir: 2 folders; compatlint uses the first, assets-static',
    ]);
  });

  test('a config.yaml without Hugo settings or folders is not a Hugo site; a broken one is a note', () => {
    expect(describeSite(tempTree({ 'config.yaml': 'name: my-tool\n', 'a.md': '# A\n' })).generator).toBe('markdown');
    const broken = describeSite(tempTree({ 'hugo.toml': 'title = "x\n' }));
    expect(broken.generator).toBe('hugo');
    expect(broken.notes[0]?.message).toMatch(/^not read: invalid TOML/);
  });
});

describe('Docusaurus', () => {
  test('a TypeScript config read without running it: locales, docs path, versions, translations', () => {
    expect(describeSite(fixture('docusaurus'))).toEqual({
      generator: 'docusaurus',
      root: '',
      configFiles: ['docusaurus.config.ts', 'versions.json'],
      contentRoots: ['docs'],
      defaultLocale: 'en',
      locales: [
        { locale: 'en', folders: [{ folder: 'docs', source: 'docs' }, { folder: 'versioned_docs/version-1.x', source: 'versioned_docs/version-1.x' }], bySuffix: false },
        { locale: 'fr', folders: [{ folder: 'i18n/fr/docusaurus-plugin-content-docs/current', source: 'docs' }], bySuffix: false },
      ],
      mounts: [],
      versions: [{ name: '1.x', folder: 'versioned_docs/version-1.x', present: true }],
      layouts: null,
      static: null,
      includedFiles: [],
      // The current docs are served under `next`: versions.json makes 1.x the version at the route itself.
      routes: [
        { folder: 'docs', url: '/next/', pages: 'docs' },
        { folder: 'versioned_docs/version-1.x', url: '/', pages: 'docs' },
        { folder: 'blog', url: '/blog/', pages: 'blog' },
      ],
      markdown: { explicitIds: true, rawHtml: true },
      notes: [],
    });
  });

  test('what is computed is a note, and the locales then come from the i18n folders', () => {
    const dir = tempTree({
      'website/docusaurus.config.js': [
        "const locales = require('./locales.json');",
        'module.exports = {',
        '  i18n: { defaultLocale: "en", locales: process.env.ONE ? ["en"] : locales },',
        '  presets: [["@docusaurus/preset-classic", { docs: { path: "guides", includeCurrentVersion: false } }]],',
        '  plugins: [["@docusaurus/plugin-content-docs", { id: "api", path: "api-docs" }]],',
        '};',
      ].join('\n'),
      'website/api_versions.json': '["2.0"]',
      'website/api_versioned_docs/version-2.0/a.md': '# A\n',
      'website/i18n/ja/docusaurus-plugin-content-docs-api/version-2.0/a.md': '# A\n',
      'website/i18n/ja/docusaurus-plugin-content-docs/current/b.md': '# B\n',
    });
    const site = describeSite(dir);
    expect(site).toMatchObject({ root: 'website', contentRoots: ['guides', 'api-docs'], versions: [{ name: '2.0', folder: 'api_versioned_docs/version-2.0', present: true }] });
    expect(site.locales.map((l) => [l.locale, l.folders.map((f) => `${f.folder}<${f.source}`)])).toEqual([
      ['en', ['guides<guides', 'api-docs<api-docs', 'api_versioned_docs/version-2.0<api_versioned_docs/version-2.0']],
      ['ja', ['i18n/ja/docusaurus-plugin-content-docs/current<guides', 'i18n/ja/docusaurus-plugin-content-docs-api/version-2.0<api_versioned_docs/version-2.0']],
    ]);
    expect(site.notes.map((n) => `${n.file}: ${n.message}`)).toEqual([
      'website/docusaurus.config.js: presets[0].docs.includeCurrentVersion is false: guides/ is not built as the current version (its pages are included all the same)',
      'website/docusaurus.config.js: i18n.locales is computed (`process.env.ONE ? ["en"] : locales`), not read',
      'website/docusaurus.config.js: the locales are taken from the folders in i18n/: ja',
    ]);
  });
});

describe('reading a module as literal data', () => {
  test('TypeScript annotations, satisfies and as are skipped; consts are followed; computed keys resolve', () => {
    const source = [
      "import type { Config } from '@docusaurus/types';",
      "const NAME: string = 'v2'",
      'const MAP: Record<string, Array<number>> = { x: [1] };',
      'const list = [NAME, `plain`, 3, true, null, ...[4, 5]];',
      'export default {',
      '  list,',
      "  [NAME]: { 'quoted-key': 1, 2: 'two' },",
      '  nested: ({ a: [1, 2] } as const),',
      '  typed: { b: 1 } satisfies Record<string, number>,',
      '  map: MAP,',
      '} satisfies Config;',
    ].join('\n');
    expect(readModuleExport(source)).toEqual({
      value: { list: ['v2', 'plain', 3, true, null, 4, 5], v2: { 'quoted-key': 1, 2: 'two' }, nested: { a: [1, 2] }, typed: { b: 1 }, map: { x: [1] } },
      problem: null,
    });
  });

  test('calls, conditions, templates with expressions, methods and unknown names stay unread, with their source', () => {
    const { value } = readModuleExport(
      'module.exports = { a: f(1), b: x ? 1 : 2, c: `v${n}`, d(x) { return x; }, e: someName, f: path.join(a, b), g: 1 + 2 };',
    );
    const shown = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, v instanceof Unread ? v.source : v]));
    expect(shown).toEqual({ a: 'f(1)', b: 'x ? 1 : 2', c: '`v${n}`', d: 'd(x) { return x; }', e: 'someName', f: 'path.join(a, b)', g: '1 + 2' });
  });

  test('a default export that is a function is unread; a token acorn cannot read ends the reading with a note', () => {
    expect(readModuleExport('export default async function config() { return {}; }').value).toBeInstanceOf(Unread);
    const broken = readModuleExport('const a = { x: 1 };\nexport default a;\n@decorator class B {}\n');
    expect(broken.value).toEqual({ x: 1 });
    expect(broken.problem).toMatch(/^read up to line 3 only/);
  });
});

describe('MkDocs', () => {
  test('docs_dir, the i18n plugin (folder structure), include-markdown; !ENV and !!python tags read as text', () => {
    expect(describeSite(fixture('mkdocs'))).toEqual({
      generator: 'mkdocs',
      root: '',
      configFiles: ['mkdocs.yml'],
      contentRoots: ['docs'],
      defaultLocale: 'en',
      locales: [
        { locale: 'en', folders: [{ folder: 'docs/en', source: 'docs/en' }], bySuffix: false },
        { locale: 'fr', folders: [{ folder: 'docs/fr', source: 'docs/en' }], bySuffix: false },
      ],
      mounts: [],
      versions: [],
      layouts: null,
      static: null,
      includedFiles: ['README.md'],
      routes: [],
      markdown: { explicitIds: true, rawHtml: true },
      notes: [],
    });
  });

  test('the older i18n form (a mapping and default_language), suffix structure by default', () => {
    const site = describeSite(tempTree({ 'mkdocs.yaml': 'docs_dir: site-docs/\nplugins:\n  i18n:\n    default_language: en\n    languages:\n      de: {name: Deutsch}\n' }));
    expect(site).toMatchObject({ contentRoots: ['site-docs'], defaultLocale: 'en' });
    expect(site.locales).toEqual([
      { locale: 'en', folders: [{ folder: 'site-docs', source: 'site-docs' }], bySuffix: true },
      { locale: 'de', folders: [{ folder: 'site-docs', source: 'site-docs' }], bySuffix: true },
    ]);
  });
});

describe('mdBook', () => {
  test('book.toml in book/: src, language; a page neither SUMMARY.md lists nor a chapter includes is a note', () => {
    expect(describeSite(fixture('mdbook'))).toEqual({
      generator: 'mdbook',
      root: 'book',
      configFiles: ['book/book.toml', 'book/pages/SUMMARY.md'],
      contentRoots: ['pages'],
      defaultLocale: 'en',
      locales: [{ locale: 'en', folders: [{ folder: 'pages', source: 'pages' }], bySuffix: false }],
      mounts: [],
      versions: [],
      layouts: null,
      static: null,
      includedFiles: [],
      routes: [],
      markdown: { explicitIds: true, rawHtml: true },
      notes: [{ file: 'book/pages/SUMMARY.md', message: 'does not list 1 page under book/pages/ (not built): draft.md' }],
    });
  });
});

describe('detection', () => {
  test('no generator config: plain Markdown', () => {
    expect(describeSite(fixture('markdown'))).toMatchObject({ generator: 'markdown', root: '', contentRoots: [''], locales: [], notes: [] });
  });

  test('the shallowest config wins (then the first folder by name); another one as near is named, not read; themes and node_modules are never searched', () => {
    const site = describeSite(
      tempTree({
        'web/docusaurus.config.js': 'module.exports = {};',
        'book/book.toml': '[book]\n',
        'node_modules/x/mkdocs.yml': 'docs_dir: x\n',
        'a/themes/t/hugo.toml': 'title = "theme"\n',
      }),
    );
    expect(site).toMatchObject({ generator: 'mdbook', root: 'book' });
    expect(site.notes).toContainEqual({ file: 'web', message: 'a Docusaurus config is here too; only the mdBook one in book/ is read' });
    expect(describeSite(tempTree({ 'node_modules/x/mkdocs.yml': 'docs_dir: x\n', 'a/themes/t/hugo.toml': 'title = "t"\n' })).generator).toBe('markdown');
  });
});
