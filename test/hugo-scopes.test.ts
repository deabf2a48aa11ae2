import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { lint, loadPages } from '../src/lint/lint.js';
import { normalizeLabel } from '../src/model/extract.js';
import { DocumentScopes } from '../src/rules/scopes.js';
import { repoRoot } from './helpers/cli.js';

// Which definition a link reference uses is Hugo's to say: a shortcode whose template renders
// its body with `markdownify` (a tab) is a document of its own; one that outputs `.Inner` as is
// (a note) is part of the page. The fixture site is built with real Hugo, and every reference's
// target in the HTML must be the one compatlint's scopes give it.

const hugo = spawnSync('hugo', ['version'], { encoding: 'utf8' });
const hasHugo = hugo.status === 0;
if (!hasHugo) console.warn('[compatlint tests] hugo not found (apt-get install hugo): the tab scoping test against real Hugo is skipped.');

const fixture = path.join(repoRoot, 'fixtures/hugo-tabs');

/** Link text → href as Hugo rendered it, or null where the reference stayed literal text. */
function rendered(html: string): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const m of html.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)) out.set(m[2] as string, m[1] as string);
  for (const m of html.matchAll(/\[([^\]]+)\]\[[^\]]*\]/g)) out.set(m[1] as string, null);
  return out;
}

describe.skipIf(!hasHugo)('tab scoping matches real Hugo (fixtures/hugo-tabs)', () => {
  test('every link reference resolves to the definition Hugo uses, or to none where Hugo renders text', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'compatlint-hugo-'));
    cpSync(fixture, dir, { recursive: true });
    const build = spawnSync('hugo', ['--quiet', '--destination', path.join(dir, 'public')], { cwd: dir, encoding: 'utf8' });
    expect(build.stderr).toBe('');
    const html = rendered(readFileSync(path.join(dir, 'public/install/index.html'), 'utf8'));

    const config = await loadConfig({ cwd: dir });
    const [page] = await loadPages({ cwd: dir, paths: ['content/install.md'], config });
    const scopes = new DocumentScopes(page!.shortcodes, config.facts.site);
    const firstDefinition = new Map<string, string>();
    for (const d of page!.definitions) {
      const key = scopes.key(d.identifier, d.span.offset);
      if (!firstDefinition.has(key)) firstDefinition.set(key, d.url);
    }
    const ours = new Map(
      page!.links
        .filter((l) => l.reference !== undefined)
        .map((l) => [l.text, firstDefinition.get(scopes.key(normalizeLabel(l.reference as string), l.span.offset)) ?? null] as const),
    );
    expect(ours.size).toBe(6);
    expect(ours).toEqual(html);
  });
});

describe('the reference rules follow the scopes Hugo renders (fixtures/hugo-tabs)', () => {
  test('tab-local definitions are no duplicates; a tab cannot use the page\'s', async () => {
    const config = await loadConfig({ cwd: fixture });
    const { result } = await lint({ cwd: fixture, paths: [], config });
    const found = result.diagnostics.map((d) => `${d.line} ${d.ruleId} ${d.messageId}`);
    expect(found).toEqual([
      // The Linux tab's `[3]` exists only on the page: Hugo prints it as text.
      '8 reference-undefined otherDocument',
      // Two `[1]` in the Windows tab: the second is the duplicate; the other tabs' and the page's are not.
      '17 reference-duplicate conflict',
    ]);
  });
});
