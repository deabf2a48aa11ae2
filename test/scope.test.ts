import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { limitToScope } from '../src/engine/scope.js';
import { checkCorpus, lint, lintText, loadCheckedPages, loadTruth, siteOf, siteRulesOn } from '../src/lint/lint.js';
import { LintSession } from '../src/lint/session.js';
import { SiteLinks } from '../src/site/resolve.js';
import { repoRoot, tempTree } from './helpers/cli.js';
import { corpusRoot } from './helpers/corpus.js';
import { translationHistory } from './helpers/translations.js';

// A scoped run (an editor's open pages) lets rules that compare pages skip what cannot involve
// the pages in scope. It must find on those pages exactly what a whole run finds on them, moved
// findings included: a skipped group that could have involved them is a false green.

async function tree(dir: string, presets: string[]) {
  const config = await loadConfig({ cwd: dir, presets });
  const options = { cwd: dir, paths: [], config };
  const checked = await loadCheckedPages(options);
  const truth = loadTruth(options);
  const run = (scope?: ReadonlySet<string>) =>
    checkCorpus(checked.pages, checked.reports, {
      ...options,
      complete: true,
      ...(truth ? { truth } : {}),
      // A new site each run, as each run of the command line makes one.
      ...(siteRulesOn(config) ? { site: new SiteLinks(siteOf(checked.pages, options), dir) } : {}),
      ...(scope ? { scope } : {}),
    });
  return { pages: checked.pages.map((p) => p.file), run };
}

const trees: Array<{ name: string; dir: string; presets: string[] }> = [
  { name: 'the example site', dir: path.join(repoRoot, 'fixtures/example-site'), presets: [] },
  { name: 'the Hugo site fixture', dir: path.join(repoRoot, 'fixtures/hugo-site'), presets: [] },
  // Links into a folder the checkout lacks are one finding for the whole tree, at the first page.
  { name: 'a Hugo site with a mount the checkout lacks', dir: path.join(repoRoot, 'src/rules/link-page-missing/fixtures/invalid-mounts'), presets: [] },
  { name: 'datadog (shared corpus)', dir: path.join(corpusRoot, 'datadog'), presets: ['datadog'] },
  { name: 'datadog-more (shared corpus)', dir: path.join(corpusRoot, 'datadog-more'), presets: ['datadog'] },
];

describe('a scoped run', () => {
  for (const { name, dir, presets } of trees) {
    test.skipIf(!existsSync(dir))(`finds on each page of ${name} what a whole run finds on it`, async () => {
      const { pages, run } = await tree(dir, presets);
      const whole = run();
      expect(whole.diagnostics.length).toBeGreaterThan(0);
      let compared = 0;
      for (const page of pages) {
        const files = new Set([page]);
        const expected = limitToScope(whole, { files });
        expect(limitToScope(run(files), { files }), page).toEqual(expected);
        compared += expected.diagnostics.length;
      }
      expect(compared).toBeGreaterThan(0);
    });
  }

  test('with several pages in scope, each of them gets what a whole run finds on it', async () => {
    const { pages, run } = await tree(path.join(repoRoot, 'fixtures/example-site'), []);
    const whole = run();
    const open = new Set(pages.filter((_, i) => i % 2 === 0));
    const scoped = run(open);
    for (const page of open) expect(limitToScope(scoped, { files: new Set([page]) })).toEqual(limitToScope(whole, { files: new Set([page]) }));
  });

  test('keeps no finding that does not involve the scope, except beside one that does', () => {
    const dir = tempTree({
      'compatlint.config.yaml': [
        'vocabulary: { attribute: { min-version: ["Minimum version"] } }',
        'tables:',
        '  - { id: features, match: { keyHeader: [Feature] }, key: feature, columns: attribute, columnTypes: { "*": version } }',
        '',
      ].join('\n'),
      'a.md': '| Feature | Minimum version |\n|---|---|\n| Tracing | 1.0 |\n',
      'b.md': '| Feature | Minimum version |\n|---|---|\n| Tracing | 2.0 |\n| Profiling | 3.0 |\n',
      'c.md': '| Feature | Minimum version |\n|---|---|\n| Profiling | 4.0 |\n',
    });
    return tree(dir, []).then(({ run }) => {
      const files = (r: ReturnType<typeof run>) => r.diagnostics.filter((d) => d.ruleId === 'consistency').map((d) => d.file);
      expect(files(run()).sort()).toEqual(['b.md', 'c.md'].sort());
      // a.md is involved in b.md's Tracing conflict only; c.md's Profiling conflict with b.md is not a.md's.
      const scoped = run(new Set(['a.md'])).diagnostics.filter((d) => d.ruleId === 'consistency');
      expect(scoped.map((d) => [d.file, d.related.map((r) => r.file)])).toEqual([['b.md', ['a.md']]]);
    });
  });
});

describe('a LintSession (the tree kept for an editor)', () => {
  for (const { name, dir, presets } of trees) {
    test.skipIf(!existsSync(dir))(`finds on each page of ${name} what a whole run finds on it`, async () => {
      const config = await loadConfig({ cwd: dir, presets });
      const whole = (await lint({ cwd: dir, paths: [], config })).result;
      const session = await LintSession.load({ cwd: dir, config });
      for (const page of whole.checked) {
        const files = new Set([page]);
        expect(limitToScope(await session.check(files), { files }), page).toEqual(limitToScope(whole, { files }));
      }
    });
  }

  test('a heading renamed in a buffer breaks the links to it on the other pages, and renamed back mends them', async () => {
    const dir = tempTree({
      'compatlint.config.yaml': 'include: ["content/**/*.md"]\nsite: { content: content }\n',
      'content/a.md': '# A\n\nSee [setup](/b/#setup).\n',
      'content/b.md': '# B\n\n## Setup\n\nText.\n',
    });
    const config = await loadConfig({ cwd: dir });
    const session = await LintSession.load({ cwd: dir, config });
    const onA = async () => (await session.check(new Set(['content/a.md']))).diagnostics.filter((d) => d.file === 'content/a.md').map((d) => d.ruleId);
    expect(await onA()).toEqual([]);
    session.update(path.join(dir, 'content/b.md'), '# B\n\n## Install\n\nText.\n');
    expect(await onA()).toEqual(['link-anchor-missing']);
    session.update(path.join(dir, 'content/b.md'), '# B\n\n## Setup\n\nMore text.\n');
    expect(await onA()).toEqual([]);
  });

  test('finds on each page what a whole run finds on it, translations against their bases included', async () => {
    const { dir } = translationHistory();
    const config = await loadConfig({ cwd: dir });
    const whole = (await lint({ cwd: dir, paths: [], config })).result;
    expect(whole.diagnostics.some((d) => d.messageId === 'stale')).toBe(true);
    const session = await LintSession.load({ cwd: dir, config });
    for (const page of whole.checked) {
      const files = new Set([page]);
      expect(limitToScope(await session.check(files), { files }), page).toEqual(limitToScope(whole, { files }));
    }
  });

  test('a buffer in place of its file: what lintText finds for that text, on it and on the pages it involves', async () => {
    const { dir } = translationHistory();
    const config = await loadConfig({ cwd: dir });
    const session = await LintSession.load({ cwd: dir, config });
    // The English source raises a version again: its translations' changes since their base change too.
    const source = 'content/en/agent/x.md';
    const text = readFileSync(path.join(dir, source), 'utf8').replace('1.6.0', '1.7.0');
    expect(session.update(path.join(dir, source), text)).not.toBeNull();
    for (const page of [source, 'content/ja/agent/x.md', 'content/fr/agent/x.md']) {
      const files = new Set([page]);
      const expected = await lint({ cwd: dir, paths: [], config, overlay: new Map([[path.join(dir, source), new TextEncoder().encode(text)]]) });
      expect(limitToScope(await session.check(new Set([source, page])), { files }), page).toEqual(limitToScope(expected.result, { files }));
    }
    expect(limitToScope(await session.check(new Set([source])), { files: new Set([source]) })).toEqual((await lintText({ cwd: dir, config, file: source, text })).result);
  });
});
