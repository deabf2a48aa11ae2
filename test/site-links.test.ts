import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Site } from '../src/site/types.js';
import { headingAnchors } from '../src/site/anchors.js';
import { HugoSite, resolvePartial } from '../src/site/hugo.js';
import { resolveSite } from '../src/site/settings.js';
import { cli, repoRoot } from './helpers/cli.js';

const siteDir = path.join(repoRoot, 'fixtures', 'hugo-site');
const LINK_RULES = new Set(['link-page-missing', 'link-anchor-missing', 'partial-missing', 'image-missing']);
const update = process.env.UPDATE_FIXTURES === '1';

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  message: string;
}

async function linkFindings(cwd: string, paths: string[] = []): Promise<string[]> {
  const r = await cli(['check', '--format', 'json', ...paths], cwd);
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout).diagnostics as JsonDiagnostic[])
    .filter((d) => LINK_RULES.has(d.ruleId))
    .map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.message}`);
}

describe('the fixture Hugo site (fixtures/hugo-site)', () => {
  test('reports exactly the broken links listed in expected.txt', async () => {
    const expectedFile = path.join(siteDir, 'expected.txt');
    const actual = `${(await linkFindings(siteDir)).join('\n')}\n`;
    if (update) writeFileSync(expectedFile, actual);
    expect(actual).toBe(readFileSync(expectedFile, 'utf8'));
  });

  test('every link under "Resolves" resolves, every link under "Broken" is reported', async () => {
    const page = 'content/en/docs/links.md';
    const lines = readFileSync(path.join(siteDir, page), 'utf8').split('\n');
    const brokenFrom = lines.indexOf('## Broken') + 1;
    const found = (await linkFindings(siteDir)).filter((f) => f.startsWith(`${page}:`));
    const foundLines = new Set(found.map((f) => Number(f.split(':')[1])));
    expect([...foundLines].every((n) => n > brokenFrom)).toBe(true);
    lines.forEach((line, i) => {
      if (i + 1 > brokenFrom && /\]\(|partial/.test(line)) expect(foundLines.has(i + 1), `line ${i + 1}: ${line}`).toBe(true);
    });
  });

  test('a page checked alone gives the same findings: target pages are scanned for anchors without being checked', async () => {
    const page = 'content/en/docs/links.md';
    const whole = (await linkFindings(siteDir)).filter((f) => f.startsWith(`${page}:`));
    expect(await linkFindings(siteDir, [page])).toEqual(whole);
  });

  test('a translated page resolves in its own locale first, then in the default locale', async () => {
    const found = await linkFindings(siteDir, ['content/ja/docs/links.md']);
    // /docs/install/ is the Japanese page (its anchors), /docs/guide/ only exists in English.
    expect(found).toEqual([
      'content/ja/docs/links.md:16:16 link-anchor-missing Unexpected link to `/docs/install/#step-1-download`: no heading or id `step-1-download` on content/ja/docs/install.md',
    ]);
  });
});

function tempSite(files: Record<string, string>): { root: string; site: Site } {
  const base = mkdtempSync(path.join(tmpdir(), 'compatlint-site-'));
  const root = path.join(base, 'site');
  for (const [file, text] of Object.entries(files)) {
    const abs = path.join(base, file);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  mkdirSync(path.join(root, 'content', 'en'), { recursive: true });
  return { root, site: resolveSite({}, root) };
}

describe('safety: resolution never reads outside the site root', () => {
  const outside = {
    'secret.md': '# Secret\n\n## Token\n',
    'secret.html': '<p>secret</p>',
    'secret.png': 'png',
    'site/layouts/partials/ok.html': '<p>ok</p>',
  };

  test('paths that climb out of the root, and links to files outside it, are missing', async () => {
    const { root } = tempSite(outside);
    symlinkSync(path.join(root, '..', 'secret.md'), path.join(root, 'content', 'en', 'linked.md'));
    writeFileSync(path.join(root, 'compatlint.config.json'), JSON.stringify({ include: ['content/**/*.md'] }));
    writeFileSync(
      path.join(root, 'content', 'en', 'page.md'),
      [
        '# Page',
        '',
        '[a](/../../etc/passwd) [b](/../../secret/#token) [c](../../../secret.md#token) [d]({{< ref "../../../secret.md" >}})',
        '',
        '![e](/../../../secret.png) [f](/linked/#token)',
        '',
        '{{< partial name="../../secret.html" >}}',
        '{{< partial name="/etc/passwd" >}}',
        '',
      ].join('\n'),
    );
    // Each target below names a file that exists outside the root (or a symbolic link to one):
    // a resolver that joined paths naively, or followed the link, would find it.
    const found = await linkFindings(root);
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      'content/en/page.md:3:1 link-page-missing',
      'content/en/page.md:3:24 link-page-missing',
      'content/en/page.md:3:50 link-page-missing',
      'content/en/page.md:3:84 link-page-missing',
      'content/en/page.md:5:1 image-missing',
      'content/en/page.md:5:28 link-page-missing',
      'content/en/page.md:7:1 partial-missing',
      'content/en/page.md:8:1 partial-missing',
    ]);
    expect(found[0]).toMatch(/`\/\.\.\/\.\.\/etc\/passwd`: no `etc\/passwd\.md`/);
  });

  test('resolvePartial finds a partial and refuses names that leave the partials folder', () => {
    const { site, root } = tempSite(outside);
    expect(resolvePartial(site, 'ok.html')).toBe(path.join(root, 'layouts', 'partials', 'ok.html'));
    expect(resolvePartial(site, '/ok.html')).toBe(path.join(root, 'layouts', 'partials', 'ok.html'));
    expect(resolvePartial(site, '../../../secret.html')).toBeNull();
    expect(resolvePartial(site, 'missing.html')).toBeNull();
    symlinkSync(path.join(root, '..', 'secret.html'), path.join(root, 'layouts', 'partials', 'escape.html'));
    expect(resolvePartial(site, 'escape.html')).toBeNull();
  });

  test('a page outside the content folder is not a site page, and an unreadable target has no anchors', () => {
    const { site, root } = tempSite(outside);
    const hugo = new HugoSite(site);
    expect(hugo.pageOf(path.join(root, '..', 'secret.md'))).toBeNull();
    expect([...hugo.anchorsOf(path.join(root, '..', 'secret.md'))]).toEqual([]);
  });
});

describe('URL to page mapping', () => {
  const { site, root } = tempSite({
    'site/content/en/_index.md': '# Home\n',
    'site/content/en/a/_index.md': '# A\n',
    'site/content/en/a/b.md': '# B\n',
    'site/content/en/a/bundle/index.md': '# Bundle\n',
    'site/content/en/a/bundle/pic.png': 'png',
    'site/content/en/top/deep/page.md': '# Deep\n',
    'site/content/en/moved.md': '---\ntitle: Moved\naliases: [/was/here/, sub/]\nurl: /elsewhere/\n---\n# Moved\n',
    'site/content/ja/a/b.md': '# B ja\n',
    'site/static/img/x.png': 'png',
  });
  const hugo = new HugoSite({ ...site, locales: ['en', 'ja'] });
  const page = (url: string, chain = ['en']) => {
    const r = hugo.findPage(url, chain);
    return r.kind === 'page' ? `${hugo.display(r.file)}${r.via ? ` (${r.via})` : ''}` : r.kind;
  };

  test('pages, sections, bundles and generated pages', () => {
    expect(page('/a/b/')).toBe('content/en/a/b.md');
    expect(page('/a/')).toBe('content/en/a/_index.md');
    expect(page('/a/bundle/')).toBe('content/en/a/bundle/index.md');
    expect(page('/')).toBe('content/en/_index.md');
    // Hugo lists a top-level folder as a section even without `_index.md`, but not a deeper one.
    expect(page('/top/')).toBe('generated');
    expect(page('/top/deep/')).toBe('missing');
    expect(page('/top/deep/page/')).toBe('content/en/top/deep/page.md');
  });

  test('aliases and url from front matter', () => {
    expect(page('/was/here/')).toBe('content/en/moved.md (alias)');
    expect(page('/moved/sub/')).toBe('content/en/moved.md (alias)');
    expect(page('/elsewhere/')).toBe('content/en/moved.md (url)');
  });

  test('locales: own first, then the default', () => {
    expect(page('/a/b/', ['ja', 'en'])).toBe('content/ja/a/b.md');
    expect(page('/a/bundle/', ['ja', 'en'])).toBe('content/en/a/bundle/index.md');
    expect(page('/a/bundle/', ['ja'])).toBe('missing');
  });

  test('files: static first, then page resources', () => {
    expect(hugo.findFile('/img/x.png', ['en'])).toEqual({ kind: 'file', file: path.join(root, 'static', 'img', 'x.png') });
    expect(hugo.findFile('/a/bundle/pic.png', ['en'])).toEqual({ kind: 'file', file: path.join(root, 'content', 'en', 'a', 'bundle', 'pic.png') });
    expect(hugo.findFile('/img/y.png', ['en']).kind).toBe('missing');
  });
});

describe('heading anchors of a page that is only a link target', () => {
  test('ATX and setext headings, explicit ids, duplicates, markup; not code blocks or front matter', () => {
    const text = [
      '---',
      '# title: not a heading',
      '---',
      '# Install `dd-trace` **now**',
      '',
      'Setext heading',
      '==============',
      '',
      '## Notes {#custom-notes}',
      '## Repeat',
      '## Repeat',
      '',
      '~~~',
      '## In a fence',
      '~~~',
      '```',
      '## In another',
      '```',
      '## [Linked](https://example.com) _text_',
      '',
    ].join('\n');
    expect(headingAnchors(text)).toEqual(['install-dd-trace-now', 'setext-heading', 'custom-notes', 'repeat', 'repeat-1', 'linked-text']);
  });
});

describe('site config', () => {
  test('layouts and static folders are configurable', async () => {
    const { root } = tempSite({
      'site/theme/layouts/partials/p.html': '<p></p>',
      'site/assets/img/a.png': 'png',
      'site/layouts/partials/q.html': '<p></p>',
    });
    writeFileSync(path.join(root, 'compatlint.config.json'), JSON.stringify({ site: { layouts: 'theme/layouts', static: 'assets' } }));
    writeFileSync(
      path.join(root, 'content', 'en', 'page.md'),
      '# Page\n\n![a](/img/a.png)\n\n{{< partial name="p.html" >}}\n{{< partial name="q.html" >}}\n',
    );
    expect(await linkFindings(root)).toEqual([
      'content/en/page.md:6:1 partial-missing Unexpected missing partial `q.html`: no `theme/layouts/partials/q.html`',
    ]);
  });

  test('a malformed site setting is a one-line config error', async () => {
    const { root } = tempSite({});
    writeFileSync(path.join(root, 'compatlint.config.json'), JSON.stringify({ site: { static: 3 } }));
    const r = await cli(['check'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^compatlint: Invalid config .*site\.static/);
  });
});
