import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { i18nMarkdown } from '../src/i18n/format.js';
import type { TranslationReport } from '../src/lint/translations.js';
import { compileSchema } from '../src/util/json-schema.js';
import { cli, repoRoot } from './helpers/cli.js';
import { commit, configText, gitAt, type History, page, translationHistory, withBase, writeFiles } from './helpers/translations.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

const schema = compileSchema(JSON.parse(readFileSync(path.join(repoRoot, 'schemas/i18n.schema.json'), 'utf8')));

interface JsonReport {
  summary: Record<string, number>;
  locales: Array<Record<string, number | string>>;
  pages: Array<{ file: string; state: string; behind: number; differences: number; sourceChanged: boolean | null; base: { origin: string; commit: string } | null; noBase: string | null; findings: Array<{ messageId: string }> }>;
}

async function jsonReport(dir: string, args: string[] = []): Promise<JsonReport> {
  const r = await cli(['i18n', '-f', 'json', ...args], dir);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const report = JSON.parse(r.stdout) as JsonReport;
  expect(schema(report), JSON.stringify(schema.errors)).toBe(true);
  return report;
}

describe('compatlint i18n on a history written by the test', () => {
  let h: History;
  let report: JsonReport;
  beforeAll(async () => {
    h = translationHistory();
    report = await jsonReport(h.dir);
  });

  test('each page with its state, base and facts behind; each locale with its tally', () => {
    const states = report.pages.map((p) => `${p.file} ${p.state} ${p.behind} ${p.base?.origin ?? p.noBase}`);
    expect(states).toEqual([
      'content/ja/agent/t.md current 0 key',
      'content/ja/agent/v.md mistranslated 0 key',
      'content/ja/agent/w.md base-missing 0 missing',
      'content/ja/agent/x.md stale 2 key',
      'content/ja/agent/y.md text-drift 0 history',
      'content/ja/agent/z.md stale 1 history',
      'content/fr/agent/x.md base-missing 0 invalid',
    ]);
    expect(report.locales).toEqual([
      { locale: 'ja', pages: 6, current: 1, stale: 2, behind: 3, mistranslated: 1, textDrift: 1, withoutBase: 1, baseMissing: 1 },
      { locale: 'fr', pages: 1, current: 0, stale: 0, behind: 0, mistranslated: 0, textDrift: 0, withoutBase: 1, baseMissing: 1 },
    ]);
    expect(report.summary).toEqual({ pages: 7, current: 1, stale: 2, behind: 3, mistranslated: 1, textDrift: 1, withoutBase: 2, baseMissing: 2 });
    expect(report.pages.find((p) => p.file === 'content/ja/agent/x.md')?.base?.commit).toBe(h.c1);
  });

  test('paths select translations, or the source pages whose translations to show', async () => {
    expect((await jsonReport(h.dir, ['content/ja/agent/x.md'])).pages.map((p) => p.file)).toEqual(['content/ja/agent/x.md']);
    expect((await jsonReport(h.dir, ['content/en/agent/x.md'])).pages.map((p) => p.file)).toEqual(['content/ja/agent/x.md', 'content/fr/agent/x.md']);
  });

  test('Markdown for a GitHub issue: the tally as a table, then the pages to act on with their findings', async () => {
    const r = await cli(['i18n', '-f', 'markdown', '--link-template', 'https://x.test/blob/main/{file}#L{line}'], h.dir);
    const md = r.stdout;
    expect(md).toContain('**7 translations in 2 locales**: 1 current, 2 stale (3 facts behind), 1 mistranslated, 1 text drift only, 2 without base (2 missing).');
    expect(md).toContain('| `ja` | 6 | 1 | 2 | 3 | 1 | 1 | 1 | 1 |');
    expect(md).toContain(`- **stale** [\`content/ja/agent/x.md\`](https://x.test/blob/main/content/ja/agent/x.md#L1): 2 facts behind, base ${h.c1.slice(0, 7)} (2024-01-10, front matter)`);
    expect(md).toContain('  - [`14:22`](https://x.test/blob/main/content/ja/agent/x.md#L14) Stale: `Tracing`');
    expect(md).toContain('- **text drift only** [`content/ja/agent/y.md`]');
    // Current pages are counted, not listed.
    expect(md).not.toContain('content/ja/agent/t.md');
    // Stale and mistranslated pages come first within a locale.
    expect(md.indexOf('agent/x.md')).toBeLessThan(md.indexOf('agent/w.md'));
  });

  test('the Markdown report is cut with a note when it would not fit, and its table still counts every page', async () => {
    const full = JSON.parse((await cli(['i18n', '-f', 'json'], h.dir)).stdout) as TranslationReport & { pages: TranslationReport['pages'] };
    const cut = i18nMarkdown(full, { maxLength: 1_500 });
    expect(cut.length).toBeLessThanOrEqual(1_500);
    expect(cut).toContain('| `ja` | 6 | 1 | 2 | 3 | 1 | 1 | 1 | 1 |');
    expect(cut).toMatch(/> \*\*Truncated to fit a GitHub issue\*\* \(1,500 characters\): \d of 6 pages are listed/);
    expect(i18nMarkdown(full)).not.toContain('Truncated');
  });

  test('the terminal view: each locale, then each page to act on', async () => {
    const r = await cli(['i18n'], h.dir);
    expect(r.stdout.split('\n')[0]).toBe('ja  6 translations: 1 current, 2 stale (3 facts behind), 1 mistranslated, 1 text drift only, 1 without base (1 missing)');
    expect(r.stdout).toContain(`  content/ja/agent/z.md  stale: 1 fact behind, base ${h.c1b.slice(0, 7)} (2024-01-11, last commit)`);
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('7 translations in 2 locales: 1 current, 2 stale (3 facts behind), 1 mistranslated, 1 text drift only, 2 without base (2 missing)');
  });

  test("the audit's drift section groups translation-drift by locale and page, with each page's state", async () => {
    const r = await cli(['audit', '--html', 'audit.html'], h.dir);
    expect(r.stderr).toBe('');
    const html = readFileSync(path.join(h.dir, 'audit.html'), 'utf8');
    const drift = html.slice(html.indexOf('<section id="drift">'), html.indexOf('<section id="pages">'));
    expect(drift).toMatch(/<h4>ja <span class="loc-tag">6 translations: 1 current, 2 stale \(3 facts behind\), 1 mistranslated, 1 text drift only, 1 without base<\/span><\/h4>/);
    expect(drift.indexOf('<h4>ja')).toBeLessThan(drift.indexOf('<h4>fr'));
    // Each page links to its view, which shows its findings and its drifted cells.
    expect(drift).toMatch(/<a href="#page=content%2Fja%2Fagent%2Fx\.md">[^<]*<\/a>(?: <span class="src">content\/ja\/agent\/x\.md<\/span>)? <span class="badge">\d+ findings?<\/span> <span class="state state-stale">stale<\/span> <span class="badge bad">2 behind<\/span>/);
    expect(drift).toContain('<span class="state state-mistranslated">mistranslated</span>');
    // Every translation-drift finding is counted in the section, once.
    const counted = [...drift.matchAll(/<span class="badge">(\d+) findings?<\/span>/g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(counted).toBe(8);
  });

  test('without a base configured: said so, every page without base, compared with its source now', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'compatlint-i18n-nobase-'));
    writeFiles(dir, {
      'compatlint.config.yaml': configText(''),
      'content/en/agent/a.md': page('a', { tracing: '1.6.0' }),
      'content/ja/agent/a.md': page('a', { tracing: '1.5.0' }),
    });
    const text = await cli(['i18n'], dir);
    expect(text.stdout.split('\n')[0]).toBe('No translation base is configured (translation.baseKey, translation.base): each translation is compared with its source as it is now.');
    const json = await jsonReport(dir);
    expect(json.pages.map((p) => [p.state, p.noBase, p.findings.map((f) => f.messageId)])).toEqual([['no-base', 'no-key', ['value']]]);
  });

  test('usage errors are one line and exit 2', async () => {
    expect(await cli(['i18n', '-f', 'html'], h.dir)).toMatchObject({ code: 2, stderr: 'compatlint: --format: expected one of text, markdown, json, got "html"\n' });
    expect(await cli(['i18n', '--write-status', 'a b'], h.dir)).toMatchObject({ code: 2, stderr: 'compatlint: --write-status expects a front matter key (letters, digits, _ and -), got "a b"\n' });
    expect((await cli(['i18n', 'content/nope'], h.dir)).code).toBe(2);
  });
});

describe('--write-status KEY', () => {
  const key = 'drifted_from_default';

  test('only the value changes: CRLF and a byte order mark kept, a comment after the value kept, TOML front matter, pages not pinned left alone', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'compatlint-status-'));
    gitAt(dir, null, 'init', '-q', '-b', 'main');
    writeFiles(dir, {
      'compatlint.config.yaml': withBase,
      'content/en/agent/a.md': page('a', { tracing: '1.5.0' }),
      'content/en/agent/b.md': page('b', { tracing: '1.5.0' }),
    });
    const c1 = commit(dir, '2024-01-10T10:00:00Z', 'English');
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    const toml = page('b', { tracing: '1.5.0' }).replace(
      /^---\n[\s\S]*?\n---\n/,
      `+++\ntitle = "b compatibility"\ntype = "multi-code-lang"\ncode_lang = "b"\ndefault_lang_commit = "${c1}"\n\n[params]\nweight = 2\n+++\n`,
    );
    const files = {
      // Pinned, CRLF, a BOM, the key already there with a comment: becomes true (the source changes below).
      'content/ja/agent/a.md': `\uFEFF${crlf(page('a', { tracing: '1.5.0' }, `default_lang_commit: ${c1}\ndrifted_from_default: false # set by the site's script`))}`,
      // Pinned, TOML, no key: the key goes before the first [table], as false (the source does not change).
      'content/ja/agent/b.md': toml,
      // Pinned, LF, no key: a line before the closing fence.
      'content/fr/agent/a.md': page('a', { tracing: '1.5.0' }, `default_lang_commit: ${c1}`),
      // Based on its last commit: writing the key and committing it would move its base.
      'content/fr/agent/b.md': page('b', { tracing: '1.5.0' }),
    };
    writeFiles(dir, files);
    commit(dir, '2024-01-11T10:00:00Z', 'Translations');
    writeFiles(dir, { 'content/en/agent/a.md': page('a', { tracing: '1.6.0' }) });
    commit(dir, '2024-02-01T10:00:00Z', 'Tracing 1.6.0');

    const r = await cli(['i18n', '-f', 'json', '-o', 'i18n.json', '--write-status', key], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`compatlint i18n: ${key}: 3 pages written (2 true, 1 false), 0 already right; 1 not pinned to a base in front matter left as they are\n`);
    const read = (f: string) => readFileSync(path.join(dir, f));
    expect(read('content/ja/agent/a.md')).toEqual(Buffer.from(files['content/ja/agent/a.md'].replace("drifted_from_default: false # set by the site's", "drifted_from_default: true # set by the site's"), 'utf8'));
    expect(read('content/ja/agent/b.md').toString('utf8')).toBe(toml.replace('+++\ntitle', `+++\n${key} = false\ntitle`));
    expect(read('content/fr/agent/a.md').toString('utf8')).toBe(files['content/fr/agent/a.md'].replace(`default_lang_commit: ${c1}\n---`, `default_lang_commit: ${c1}\n${key}: true\n---`));
    expect(read('content/fr/agent/b.md').toString('utf8')).toBe(files['content/fr/agent/b.md']);
    // The pages still parse as they did, and a second run has nothing to write.
    const again = await cli(['i18n', '-f', 'json', '-o', 'i18n.json', '--write-status', key], dir);
    expect(again.stderr).toBe(`compatlint i18n: ${key}: 0 pages written (0 true, 0 false), 3 already right; 1 not pinned to a base in front matter left as they are\n`);
    const report = JSON.parse(read('i18n.json').toString('utf8')) as JsonReport;
    expect(report.pages.map((p) => `${p.file} ${p.state}`)).toEqual([
      'content/ja/agent/a.md stale',
      'content/ja/agent/b.md current',
      'content/fr/agent/a.md stale',
      'content/fr/agent/b.md current',
    ]);
  });

  test('a key that holds something else than true or false is left as it is, with a warning', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'compatlint-status-'));
    gitAt(dir, null, 'init', '-q', '-b', 'main');
    writeFiles(dir, { 'compatlint.config.yaml': withBase, 'content/en/agent/a.md': page('a', { tracing: '1.5.0' }) });
    const c1 = commit(dir, '2024-01-10T10:00:00Z', 'English');
    const text = page('a', { tracing: '1.5.0' }, `default_lang_commit: ${c1}\n${key}: [yes]`);
    writeFiles(dir, { 'content/ja/agent/a.md': text });
    const r = await cli(['i18n', '-f', 'json', '-o', 'i18n.json', '--write-status', key], dir);
    expect(r.stderr).toContain(`compatlint: warning: content/ja/agent/a.md: ${key} not written: its \`${key}\` holds ["yes"], not true or false\n`);
    expect(readFileSync(path.join(dir, 'content/ja/agent/a.md'), 'utf8')).toBe(text);
  });
});
