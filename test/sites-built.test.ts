import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { lint, loadPages } from '../src/lint/lint.js';
import { openSite, SiteLinks } from '../src/site/resolve.js';
import { brokenLinks, builtHeadingIds, builtIds, reportedLinks } from './helpers/built-site.js';
import { repoRoot } from './helpers/cli.js';

// compatlint's anchors and link targets are the generator's: each fixture site is built with
// the real generator, and what compatlint says of its pages (their anchors, which links are
// broken) must be what the built HTML has. The fixtures hold the cases that tell generators
// apart: inline HTML in a heading, headings in list items, code and accents, repeated
// headings, explicit ids, headings pulled in from another file.

const LINK_RULES = new Set(['link-page-missing', 'link-anchor-missing']);

function available(command: string, args: string[]): boolean {
  return spawnSync(command, args, { encoding: 'utf8' }).status === 0;
}

const hasHugo = available('hugo', ['version']);
if (!hasHugo) console.warn('[compatlint tests] hugo not found (apt-get install hugo): anchors and links against real Hugo are skipped.');
const hasMkdocs = available('mkdocs', ['--version']);
if (!hasMkdocs) console.warn('[compatlint tests] mkdocs not found (apt-get install mkdocs): anchors and links against real MkDocs are skipped.');
const hasMdbook = available('mdbook', ['--version']);
if (!hasMdbook) console.warn('[compatlint tests] mdbook not found (cargo install mdbook, or its release binary): anchors and links against real mdBook are skipped.');
const docusaurusBin = (() => {
  try {
    return path.join(path.dirname(createRequire(path.join(repoRoot, 'package.json')).resolve('@docusaurus/core/package.json')), 'bin', 'docusaurus.mjs');
  } catch {
    return null;
  }
})();
if (docusaurusBin === null) {
  console.warn('[compatlint tests] @docusaurus/core is not installed (npm install --no-save @docusaurus/core @docusaurus/preset-classic react react-dom): anchors and links against real Docusaurus are skipped.');
}

/** A fixture site copied to a temporary folder, and built there by `build` into `out`. */
function built(name: string, build: (dir: string, out: string) => ReturnType<typeof spawnSync>): { dir: string; out: string } {
  const dir = mkdtempSync(path.join(tmpdir(), `compatlint-${name}-`));
  cpSync(path.join(repoRoot, 'fixtures/sites', name), dir, { recursive: true });
  const out = path.join(dir, 'built');
  const result = build(dir, out);
  expect(result.status, String(result.stderr)).toBe(0);
  return { dir, out };
}

/** The anchors compatlint gives a page, read as a link target (not checked) and as a page being checked. */
async function anchorsOf(dir: string, file: string): Promise<{ target: string[]; checked: string[] }> {
  const config = await loadConfig({ cwd: dir });
  const pages = await loadPages({ cwd: dir, paths: [], config });
  const site = config.facts.site;
  const abs = path.join(dir, file);
  const sorted = (s: ReadonlySet<string>) => [...s].sort();
  return { target: sorted(openSite(site).anchorsOf(abs)), checked: sorted(openSite(site, SiteLinks.knownPages(pages, dir, site)).anchorsOf(abs)) };
}

/** The link texts compatlint reports as broken on a page (one link a line). */
async function reported(dir: string, file: string): Promise<string[]> {
  const config = await loadConfig({ cwd: dir });
  const { result } = await lint({ cwd: dir, paths: [], config });
  const lines = result.diagnostics.filter((d) => d.file === file && LINK_RULES.has(d.ruleId)).map((d) => d.line);
  return reportedLinks(readFileSync(path.join(dir, file), 'utf8'), lines);
}

describe.skipIf(!hasHugo)('anchors and links as real Hugo builds them (fixtures/sites/hugo)', () => {
  const site = () => built('hugo', (dir, out) => spawnSync('hugo', ['--quiet', '--destination', out], { cwd: dir, encoding: 'utf8' }));

  test('a page has exactly the ids of its HTML: headings (inline HTML, lists, includes), explicit ids, HTML ids', async () => {
    const { dir, out } = site();
    const html = readFileSync(path.join(out, 'docs/headings/index.html'), 'utf8');
    // The fixture's cases are there: raw HTML in a heading is part of Hugo's id, list items have headings.
    expect(builtHeadingIds(html)).toEqual(expect.arrayContaining(['link-cache-a-idlink-cache-entrya', 'on-a-continuation-line', 'in-an-ordered-item', 'included-heading']));
    const ids = [...builtIds(html)].sort();
    expect(await anchorsOf(dir, 'content/docs/headings.md')).toEqual({ target: ids, checked: ids });
  });

  test('the links compatlint reports are the links that are broken in the built site', async () => {
    const { dir, out } = site();
    const broken = brokenLinks(out, '/docs/links/', readFileSync(path.join(out, 'docs/links/index.html'), 'utf8'));
    expect(broken).toEqual(['no-anchor', 'no-custom', 'no-page', 'no-self']);
    expect(await reported(dir, 'content/docs/links.md')).toEqual(broken);
  });
});

describe.skipIf(!hasMkdocs)('anchors and links as real MkDocs builds them (fixtures/sites/mkdocs)', () => {
  const site = () => built('mkdocs', (dir, out) => spawnSync('mkdocs', ['build', '--quiet', '--site-dir', out], { cwd: dir, encoding: 'utf8' }));

  test('a page has exactly the ids of its HTML: Python-Markdown slugs, attr_list ids, list items as Python-Markdown reads them', async () => {
    const { dir, out } = site();
    const html = readFileSync(path.join(out, 'headings/index.html'), 'utf8');
    const headings = builtHeadingIds(html);
    // What tells MkDocs from CommonMark and from Hugo is in the fixture.
    expect(headings).toEqual(expect.arrayContaining(['link-cache', 'cafe-creme-20', 'repeat_1', '_1', 'indented-four-in-a-list', 'same_2']));
    expect(headings).not.toContain('on-a-continuation-line');
    const ids = [...builtIds(html)].sort();
    expect(await anchorsOf(dir, 'docs/headings.md')).toEqual({ target: ids, checked: ids });
  });

  test('the links compatlint reports are the links that are broken in the built site', async () => {
    const { dir, out } = site();
    const broken = brokenLinks(out, '/', readFileSync(path.join(out, 'index.html'), 'utf8'));
    expect(broken).toEqual(['no-anchor', 'no-continuation', 'no-hugo-style', 'no-ordered', 'no-page']);
    expect(await reported(dir, 'docs/index.md')).toEqual(broken);
  });
});

describe.skipIf(!hasMdbook)('anchors and links as real mdBook builds them (fixtures/sites/mdbook)', () => {
  const site = () => built('mdbook', (dir, out) => spawnSync('mdbook', ['build', '--dest-dir', out], { cwd: dir, encoding: 'utf8' }));

  test('a chapter has exactly the ids of its HTML: mdBook\'s ids, {#id}, included files', async () => {
    const { dir, out } = site();
    const html = readFileSync(path.join(out, 'headings.html'), 'utf8');
    // mdBook's theme has ids of its own: only the chapter's headings and HTML are compared.
    const main = /<main>([\s\S]*)<\/main>/.exec(html)?.[1] ?? html;
    const ids = [...builtIds(main)].sort();
    expect(await anchorsOf(dir, 'src/headings.md')).toEqual({ target: ids, checked: ids });
  });

  test('the links compatlint reports are the links that are broken in the built book', async () => {
    const { dir, out } = site();
    const html = readFileSync(path.join(out, 'index.html'), 'utf8');
    const broken = brokenLinks(out, '/index.html', /<main>([\s\S]*)<\/main>/.exec(html)?.[1] ?? html);
    expect(broken).toEqual(['no-anchor', 'no-page']);
    expect(await reported(dir, 'src/README.md')).toEqual(broken);
  });
});

describe.skipIf(docusaurusBin === null)('anchors and links as real Docusaurus builds them (fixtures/sites/docusaurus)', () => {
  const site = () =>
    built('docusaurus', (dir, out) => {
      // Docusaurus resolves its preset from the site's folder: the copy gets the repository's packages.
      symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
      return spawnSync(process.execPath, [docusaurusBin as string, 'build', '--out-dir', out], { cwd: dir, encoding: 'utf8', timeout: 300_000 });
    });

  test('the heading ids of a doc are compatlint\'s anchors: github-slugger, {#id}, MDX', async () => {
    const { dir, out } = site();
    for (const [file, built] of [['docs/headings.md', 'docs/headings/index.html'], ['docs/mdx-page.mdx', 'docs/mdx-page/index.html']] as const) {
      const html = readFileSync(path.join(out, built), 'utf8');
      // The theme's own ids (`__docusaurus`, skip links) are not the page's: only its headings are compared.
      const headings = builtHeadingIds(html).sort();
      const { target, checked } = await anchorsOf(dir, file);
      expect(target, file).toEqual(expect.arrayContaining(headings));
      expect(checked, file).toEqual(target);
      const theirs = new Set(builtIds(html));
      expect(target.filter((a) => !theirs.has(a)), file).toEqual([]);
    }
  }, 300_000);

  test('the links compatlint reports are the links that are broken in the built site', async () => {
    const { dir, out } = site();
    const broken = brokenLinks(out, '/docs/links', readFileSync(path.join(out, 'docs/links/index.html'), 'utf8'));
    expect(broken).toEqual(['no-anchor', 'no-doc', 'no-hugo-style']);
    expect(await reported(dir, 'docs/links.md')).toEqual(broken);
  }, 300_000);
});
