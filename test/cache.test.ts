import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { PageCache } from '../src/load/cache.js';
import { loadConfig } from '../src/config/load.js';
import { lint } from '../src/lint/lint.js';
import { cli, repoRoot, tempTree } from './helpers/cli.js';

const exampleSite = path.join(repoRoot, 'fixtures', 'example-site');

/** A private copy of the example site, so pages and config can be edited. */
function copySite(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'compatlint-cache-'));
  cpSync(exampleSite, dir, { recursive: true });
  return dir;
}

async function run(cwd: string, cacheDir: string | null) {
  const config = await loadConfig({ cwd });
  const warnings: string[] = [];
  const cache = cacheDir === null ? undefined : new PageCache(cacheDir, config, cwd, (m) => warnings.push(m));
  const output = await lint({ cwd, paths: [], config, ...(cache ? { cache } : {}) });
  return { ...output, warnings };
}

function cacheEntries(cacheDir: string): string[] {
  const pages = path.join(cacheDir, 'pages');
  if (!existsSync(pages)) return [];
  return readdirSync(pages, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

describe('--cache', () => {
  it('parses only the edited page on the second run, and reports as a run without cache does', async () => {
    const cwd = copySite();
    const cacheDir = path.join(cwd, '.compatlint-cache');
    const first = await run(cwd, cacheDir);
    expect(first.stats.files).toBeGreaterThan(3);
    expect(first.stats).toMatchObject({ parsed: first.stats.files, cached: 0 });
    expect(cacheEntries(cacheDir)).toHaveLength(first.stats.files);

    const second = await run(cwd, cacheDir);
    expect(second.stats).toMatchObject({ parsed: 0, cached: first.stats.files });
    expect(second.result).toEqual(first.result);

    const page = path.join(cwd, 'content/en/profiler/compatibility/python.md');
    writeFileSync(page, readFileSync(page, 'utf8').replace('1.3.0', '1.2.0'));
    const third = await run(cwd, cacheDir);
    expect(third.stats).toMatchObject({ parsed: 1, cached: first.stats.files - 1 });
    expect(third.result).toEqual((await run(cwd, null)).result);
    expect(third.result).not.toEqual(first.result);
  });

  it('rebuilds after a change to settings that shape extraction, and not after a severity change', async () => {
    const cwd = copySite();
    const cacheDir = path.join(cwd, '.compatlint-cache');
    const configFile = path.join(cwd, 'compatlint.config.yaml');
    const original = readFileSync(configFile, 'utf8');
    const { stats } = await run(cwd, cacheDir);

    writeFileSync(configFile, original.replace('reference-unused: warn', 'reference-unused: error'));
    expect((await run(cwd, cacheDir)).stats).toMatchObject({ parsed: 0, cached: stats.files });

    // "Yes please" becomes a supported value: the ruby page's facts change.
    writeFileSync(configFile, original.replace('supported: ["Oui"]', 'supported: ["Oui", "Yes please"]'));
    const changed = await run(cwd, cacheDir);
    expect(changed.stats).toMatchObject({ parsed: stats.files, cached: 0 });
    expect(changed.result).toEqual((await run(cwd, null)).result);
    expect(changed.result.diagnostics.some((d) => d.message.includes('Yes please'))).toBe(false);
  });

  it('re-reads a page when a partial it includes changes', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'compatlint-cache-'));
    const cwd = path.join(root, 'a', 'b', 'case');
    cpSync(path.join(repoRoot, 'src/rules/consistency/fixtures/invalid-partial'), cwd, { recursive: true });
    cpSync(path.join(repoRoot, 'src/rules/fixtures-base.config.yaml'), path.join(root, 'fixtures-base.config.yaml'));
    const cacheDir = path.join(cwd, '.compatlint-cache');
    const first = await run(cwd, cacheDir);
    expect(first.result.diagnostics.filter((d) => d.ruleId === 'consistency')).toHaveLength(1);

    const partial = path.join(cwd, 'layouts/partials/python/releases.html');
    writeFileSync(partial, readFileSync(partial, 'utf8').replace('End of Life', 'General Availability'));
    const second = await run(cwd, cacheDir);
    // The two pages that include the partial, not the one that does not.
    expect(second.stats).toMatchObject({ parsed: 2, cached: first.stats.files - 2 });
    expect(second.result.diagnostics.filter((d) => d.ruleId === 'consistency')).toHaveLength(0);
    expect(second.result).toEqual((await run(cwd, null)).result);
  });

  it('ignores and rewrites truncated, garbage and foreign entries', async () => {
    const cwd = copySite();
    const cacheDir = path.join(cwd, '.compatlint-cache');
    const first = await run(cwd, cacheDir);
    const entries = cacheEntries(cacheDir);
    const damage = [
      (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length / 2)),
      () => Buffer.from('not a cache entry at all'),
      () => Buffer.alloc(0),
      () => serialize({ format: 'someone-else', page: {} }),
      () => serialize({ format: 'compatlint-page-cache', version: 1, key: 'another key', page: {}, deps: [] }),
    ];
    entries.forEach((file, i) => writeFileSync(file, (damage[i % damage.length] as (b: Buffer) => Uint8Array)(readFileSync(file))));

    const second = await run(cwd, cacheDir);
    expect(second.stats).toMatchObject({ parsed: first.stats.files, cached: 0 });
    expect(second.result).toEqual(first.result);
    expect((await run(cwd, cacheDir)).stats).toMatchObject({ parsed: 0, cached: first.stats.files });
  });

  it('ignores entries with the right header but the wrong shape', async () => {
    const cwd = copySite();
    const cacheDir = path.join(cwd, '.compatlint-cache');
    const first = await run(cwd, cacheDir);
    const entries = cacheEntries(cacheDir);
    type Entry = { page: Record<string, unknown>; deps: unknown[] };
    const damage: Array<(e: Entry) => Entry> = [
      (e) => ({ ...e, page: {} }),
      (e) => ({ ...e, page: { ...e.page, headings: 'not a list' } }),
      (e) => ({ ...e, page: { ...e.page, links: [{ url: 'x' }] } }),
      (e) => ({ ...e, page: { ...e.page, tables: [{ span: null, header: [], rows: 5 }] } }),
      (e) => ({ ...e, page: { ...e.page, facts: { dimensions: {}, localPath: '', tables: [{ rows: [{ facts: [null] }] }] } } }),
      (e) => ({ ...e, deps: [42] }),
    ];
    entries.forEach((file, i) => {
      const entry = deserialize(readFileSync(file)) as Entry;
      writeFileSync(file, serialize((damage[i % damage.length] as (e: Entry) => Entry)(entry)));
    });
    const second = await run(cwd, cacheDir);
    expect(second.stats).toMatchObject({ parsed: first.stats.files, cached: 0 });
    expect(second.result).toEqual(first.result);
  });

  it('ignores a stored result with the right header but the wrong shape', async () => {
    const cwd = copySite();
    const plain = await cli(['check'], cwd);
    await cli(['check', '--cache'], cwd);
    const results = path.join(cwd, '.compatlint-cache', 'results');
    for (const name of readdirSync(results)) {
      const entry = deserialize(readFileSync(path.join(results, name))) as Record<string, unknown>;
      writeFileSync(path.join(results, name), serialize({ ...entry, result: { files: 1, checked: [], summary: {}, diagnostics: [1], notices: [] } }));
    }
    expect(await cli(['check', '--cache'], cwd)).toEqual(plain);
  });

  it('is shared safely by runs at the same time', async () => {
    const cwd = copySite();
    const cacheDir = path.join(cwd, '.compatlint-cache');
    const expected = (await run(cwd, null)).result;
    const runs = await Promise.all([run(cwd, cacheDir), run(cwd, cacheDir), run(cwd, cacheDir)]);
    for (const r of runs) expect(r.result).toEqual(expected);
    const after = await run(cwd, cacheDir);
    expect(after.stats.cached).toBe(after.stats.files);
    expect(after.result).toEqual(expected);
    expect(cacheEntries(cacheDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('warns once and goes on when the cache folder cannot be written', async () => {
    const cwd = copySite();
    writeFileSync(path.join(cwd, 'not-a-folder'), 'a file where the cache folder would be');
    const plain = await cli(['check'], cwd);
    const cached = await cli(['check', '--cache-location', 'not-a-folder/cache'], cwd);
    expect(cached.code).toBe(plain.code);
    expect(cached.stdout).toBe(plain.stdout);
    const warnings = cached.stderr.split('\n').filter((l) => l.includes('warning'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^compatlint: warning: cannot write the cache in .*not-a-folder.cache \(ENOTDIR\); continuing/);
  });

  it('uses .compatlint-cache by default and reuses a whole result when nothing changed', async () => {
    const cwd = tempTree({
      'a.md': '# A\n\n| Key | Value |\n| --- | --- |\n| x | 1 |\n',
      'b.md': '# B\n\nSee [a](a.md).\n',
    });
    const debug = { DEBUG: 'compatlint' };
    const first = await cli(['check', '--cache'], cwd, debug);
    expect(first.stderr).toContain('2 files: 2 parsed, 0 from the cache');
    expect(cacheEntries(path.join(cwd, '.compatlint-cache'))).toHaveLength(2);
    const second = await cli(['check', '--cache'], cwd, debug);
    expect(second.stderr).toContain('2 files: unchanged since a cached run, its result reused');
    expect(second.stdout).toBe(first.stdout);
    // Another rule setting: a new result, from the stored models.
    const quiet = await cli(['check', '--cache', '--truth-missing'], cwd, debug);
    expect(quiet.stderr).toContain('2 files: 0 parsed, 2 from the cache');
  });

  it('does not reuse a result after a change to a file rules look up on disk', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'compatlint-cache-'));
    cpSync(path.join(repoRoot, 'fixtures', 'hugo-site'), cwd, { recursive: true });
    const debug = { DEBUG: 'compatlint' };
    const first = await cli(['check', '--cache'], cwd, debug);
    expect(first.stdout).not.toContain('logo.png');
    expect((await cli(['check', '--cache'], cwd, debug)).stderr).toContain('result reused');

    rmSync(path.join(cwd, 'static/images/logo.png'));
    const after = await cli(['check', '--cache'], cwd, debug);
    expect(after.stderr).toMatch(/\d+ files: 0 parsed, \d+ from the cache/);
    expect(after.stdout).toContain('logo.png');
    expect(after.stdout).toBe((await cli(['check'], cwd)).stdout);
  });
});
