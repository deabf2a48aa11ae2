import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import type { CorpusRule } from '../src/engine/types.js';
import { PageCache } from '../src/load/cache.js';
import { FactsIndex, ReachKeys } from '../src/load/facts-index.js';
import { lint } from '../src/lint/lint.js';
import type { CorpusPage } from '../src/model/types.js';
import { knownPage } from '../src/site/anchors.js';
import { repoRoot } from './helpers/cli.js';
import { corpusRoot, hasCorpus } from './helpers/corpus.js';

async function treeOf(dir: string, presets: string[] = []) {
  const config = await loadConfig({ cwd: dir, presets });
  const { pages } = await lint({ cwd: dir, paths: [], config });
  const keys = new ReachKeys(config.ruleSet, config.facts);
  const consistency = config.ruleSet.get('consistency') as CorpusRule;
  return { config, pages, keys, consistency };
}

/** What the index keeps of a page's facts: all but the tables only translation-drift reads. */
function factsWithoutUntyped(page: CorpusPage) {
  if (!page.facts) return null;
  const { untyped: _untyped, ...facts } = page.facts;
  return facts;
}

describe('the facts index', async () => {
  const trees = [{ dir: path.join(repoRoot, 'fixtures/example-site'), presets: [] as string[] }];
  if (hasCorpus) trees.push({ dir: path.join(corpusRoot, 'datadog-more'), presets: ['datadog'] });

  test.each(trees)('gives back every fact as extraction made it ($dir)', async ({ dir, presets }) => {
    const { pages, keys, consistency } = await treeOf(dir, presets);
    const written = FactsIndex.empty(keys);
    written.add(pages.map((page) => ({ page, deps: [] })));
    const { base, delta } = written.pack(pages.map((p) => p.file));
    expect(delta).toBeNull();
    const files = pages.map((p) => p.file);
    // Records copied as they are stored (to a delta, with new stamps) hold the same.
    const restamped = FactsIndex.of(keys, base, null);
    for (const file of files) restamped.restamp(file, { size: 1, mtimeMs: 1, ctimeMs: 1, ino: 1 });
    const copied = restamped.pack(files).delta;
    expect(copied).not.toBeNull();
    for (const read of [FactsIndex.of(keys, base, null), FactsIndex.of(keys, base, copied)]) {
      read.useLive(files);
      // Every fact has a consistency key: asking for all of them gives every page's facts.
      const all = keys.factKeysOf(consistency, pages) as Set<number>;
      const back = new Map(read.factPages(all).map((p) => [p.file, p]));
      let facts = 0;
      for (const page of pages) {
        const tables = page.facts?.tables ?? [];
        facts += tables.reduce((n, t) => n + t.rows.reduce((m, r) => m + r.facts.length, 0), 0);
        if (tables.length === 0) continue;
        const again = back.get(page.file);
        expect(again?.facts, page.file).toEqual(factsWithoutUntyped(page));
        expect(again?.comments, page.file).toEqual(page.comments);
      }
      expect(facts).toBeGreaterThan(20);
      const site = (await loadConfig({ cwd: dir, presets })).facts.site;
      const includes = new Set(site.includeShortcodes.map((i) => i.shortcode));
      for (const page of pages) {
        const known = knownPage(page, site.anchors);
        expect(read.knownPageOf(path.join(dir, page.file), dir), page.file).toEqual({ ...known, shortcodes: known.shortcodes.filter((sc) => includes.has(sc.name)) });
      }
      expect(read.treeSummary([])).toEqual({ pages: pages.length, tableKinds: new Set(pages.flatMap((p) => p.facts?.tables.map((t) => t.kind) ?? [])) });
    }
    const stamped = FactsIndex.of(keys, base, copied);
    expect(stamped.currentHash(files[0] as string, { size: 1, mtimeMs: 1, ctimeMs: 1, ino: 1 }, () => true)).toBe(pages[0]?.hash);
    expect(stamped.currentHash(files[0] as string, { size: 2, mtimeMs: 1, ctimeMs: 1, ino: 1 }, () => true)).toBeNull();
  });

  test('gives only the facts that share a key, in skeleton pages, and the sources of translations', async () => {
    const { pages, keys, consistency } = await treeOf(path.join(repoRoot, 'fixtures/example-site'));
    const index = FactsIndex.empty(keys);
    index.add(pages.map((page) => ({ page, deps: [] })));
    const read = FactsIndex.of(keys, index.pack(pages.map((p) => p.file)).base, null);
    const page = pages.find((p) => (p.facts?.tables.length ?? 0) > 1) as CorpusPage;
    const others = pages.filter((p) => p !== page);
    read.useLive(others.map((p) => p.file));
    const wanted = keys.factKeysOf(consistency, [page]) as Set<number>;
    const found = read.factPages(wanted);
    expect(found.map((p) => p.file)).not.toContain(page.file);
    for (const other of found) {
      expect(other.headings).toEqual([]);
      for (const t of other.facts?.tables ?? []) {
        for (const row of t.rows) {
          for (const fact of row.facts) {
            const shared = keys.factKeysOf(consistency, [{ ...other, facts: { ...other.facts!, tables: [{ ...t, rows: [{ ...row, facts: [fact] }] }] } }]) as Set<number>;
            expect([...shared].some((k) => wanted.has(k))).toBe(true);
          }
        }
      }
    }
    const translation = pages.find((p) => p.facts?.locale && p.facts.locale !== 'en');
    expect(translation).toBeDefined();
    read.useLive(pages.map((p) => p.file));
    if (translation?.facts) {
      const sources = read.livePagesAt(translation.facts.localPath, [null, 'en']);
      expect(sources.length).toBeGreaterThan(0);
      expect(read.skeleton(sources[0] as string)?.facts?.locale).toBe('en');
    }
  });

  test('a record counts only for the bytes and partials it was made from; a delta supersedes the base', async () => {
    const { pages, keys } = await treeOf(path.join(repoRoot, 'fixtures/example-site'));
    const [a, b] = pages as [CorpusPage, CorpusPage];
    const first = FactsIndex.empty(keys);
    first.add([
      { page: a, deps: [] },
      { page: b, deps: [{ abs: '/partials/x.html', hash: 'old' }] },
    ]);
    const base = first.pack([a.file, b.file]).base;
    const read = FactsIndex.of(keys, base, null);
    expect(read.current(a.file, a.hash, () => true)).toBe(true);
    expect(read.current(a.file, 'another hash', () => true)).toBe(false);
    expect(read.current(b.file, b.hash, (deps) => deps.every((d) => d.hash === 'old'))).toBe(true);
    expect(read.current(b.file, b.hash, () => false)).toBe(false);
    expect(read.current('not/indexed.md', 'x', () => true)).toBe(false);

    const changed = { ...a, hash: 'new hash', comments: [] };
    read.add([{ page: changed, deps: [] }]);
    const packed = read.pack([a.file, b.file]);
    expect(packed.base).toBeNull();
    const again = FactsIndex.of(keys, base, packed.delta);
    expect(again.current(a.file, 'new hash', () => true)).toBe(true);
    expect(again.current(a.file, a.hash, () => true)).toBe(false);
    expect(again.current(b.file, b.hash, (deps) => deps.every((d) => d.hash === 'old'))).toBe(true);
  });
});

describe('the facts index in the cache', () => {
  test('a scoped run reads the other pages from the index, and finds what a run over every page finds', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'compatlint-index-'));
    cpSync(path.join(repoRoot, 'fixtures/example-site'), dir, { recursive: true });
    const config = await loadConfig({ cwd: dir });
    const cache = new PageCache(path.join(dir, '.compatlint-cache'), config, dir, () => {});
    const page = 'content/en/profiler/compatibility/python.md';
    await lint({ cwd: dir, paths: [], config, cache });
    writeFileSync(path.join(dir, page), readFileSync(path.join(dir, page), 'utf8').replace('1.3.0', '1.2.0'));
    const scope = new Set([page]);
    const scoped = await lint({ cwd: dir, paths: [page], wholeTree: true, config, cache, scope });
    const whole = await lint({ cwd: dir, paths: [page], wholeTree: true, config, scope });
    expect(scoped.stats.indexed).toBeGreaterThan(0);
    expect(scoped.stats.parsed + scoped.stats.cached).toBeLessThan(whole.stats.files);
    const involving = (d: { file: string; related: Array<{ file: string }> }) => d.file === page || d.related.some((r) => r.file === page);
    expect(scoped.result.diagnostics.filter(involving)).toEqual(whole.result.diagnostics.filter(involving));
    expect(scoped.result.diagnostics.filter(involving).length).toBeGreaterThan(0);
    expect(scoped.result.checked).toEqual(whole.result.checked);
  });
});
