import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { pinnedCommit } from '../src/facts/bases.js';
import { lint } from '../src/lint/lint.js';
import { cli } from './helpers/cli.js';
import { configText, gitAt, type History, page, translationHistory } from './helpers/translations.js';

interface JsonFinding {
  file: string;
  ruleId: string;
  messageId: string;
  message: string;
  data: Record<string, unknown>;
}

async function findings(dir: string, args: string[] = []): Promise<JsonFinding[]> {
  const r = await cli(['check', '-f', 'json', ...args], dir);
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout) as { diagnostics: JsonFinding[] }).diagnostics;
}

/** `file messageId`, one per translation-drift finding, in report order. */
function ids(list: readonly JsonFinding[]): string[] {
  return list.filter((f) => f.ruleId === 'translation-drift').map((f) => `${f.file.replace('content/', '').replace('/agent/', '/')} ${f.messageId}`);
}

const iso = (date: string) => `${date}T10:00:00Z`;

describe('translations against their base (a history written by the test)', () => {
  let h: History;
  let all: JsonFinding[];
  beforeAll(async () => {
    h = translationHistory();
    all = await findings(h.dir);
  });

  test('each translation is stale, mistranslated, current or without base, as its history says', () => {
    expect(ids(all)).toEqual([
      // An invalid pin: said once, then the page is compared with the source now.
      'fr/x.md baseInvalid',
      'fr/x.md value',
      'fr/x.md rowsMissing',
      // Equal to the source at its base, which changed since: a value, then a row.
      'ja/v.md mistranslated',
      'ja/w.md baseMissing',
      'ja/x.md stale',
      'ja/x.md rowAdded',
      'ja/z.md columnRemoved',
    ]);
    // y (prose changed only) and t (nothing changed) have no finding.
  });

  test('a stale fact names the change, as diff classifies it, and the commit that made it; each change its own commit', () => {
    const [stale, row] = all.filter((f) => f.file === 'content/ja/agent/x.md');
    expect(stale?.data).toMatchObject({
      base: { commit: h.c1, date: iso('2024-01-10') },
      change: { class: 'version-raised', before: '1.5.0', after: '1.6.0', commit: { commit: h.c2, date: iso('2024-02-01') } },
      subject: { row: 'Tracing', column: 'Minimum Python agent version' },
      value: { kind: 'version', text: '1.5.0' },
    });
    expect(stale?.message).toBe(
      `Stale: \`Tracing\` / \`Minimum Python agent version\` (x) is \`1.5.0\` here as in the source page at the translation's base \`${h.c1.slice(0, 7)}\` (2024-01-10), ` +
        `but the source (content/en/agent/x.md:13) changed it since: version raised \`1.5.0 → 1.6.0\` in \`${h.c2.slice(0, 7)}\` (2024-02-01)`,
    );
    expect(row?.data).toMatchObject({ row: 'Kubernetes', change: { class: 'row-added', before: null, after: null, commit: { commit: h.c3 } } });
  });

  test("a translation pinned by its last commit: the column the source removed after it", () => {
    const column = all.find((f) => f.file === 'content/ja/agent/z.md');
    expect(column?.data).toMatchObject({ column: 'Profiling', base: { commit: h.c1b }, change: { class: 'column-removed', commit: { commit: h.c3 } } });
  });

  test('a value the source never had at the base is mistranslated, with the base value; a `# patched` pin and a short id are the commit', () => {
    const v = all.find((f) => f.file === 'content/ja/agent/v.md');
    expect(v?.data).toMatchObject({ value: { text: '1.4.0' }, other: { text: '1.5.0' }, now: null, base: { commit: h.c1 } });
  });

  test('a pin to a commit the repository does not have is one finding that says how to get it', () => {
    const w = all.filter((f) => f.file === 'content/ja/agent/w.md');
    expect(w.map((f) => f.messageId)).toEqual(['baseMissing']);
    expect(w[0]?.message).toContain('is not in the repository: fetch it (`git fetch origin 0123456789abcdef0123456789abcdef01234567`) or correct the pin');
  });

  test('the stale change reads as `compatlint diff` prints it, from the same engine', async () => {
    const r = await cli(['diff', '--base', h.c1, '-f', 'json', 'content/en/agent/x.md'], h.dir);
    const changes = (JSON.parse(r.stdout) as { changes: Array<{ class: string; row?: string; before?: string; after?: string }> }).changes;
    const stale = all.find((f) => f.messageId === 'stale') as JsonFinding;
    const change = stale.data.change as { class: string; before: string; after: string };
    expect(changes).toContainEqual(expect.objectContaining({ class: change.class, row: 'Tracing', before: change.before, after: change.after }));
    const text = await cli(['diff', '--base', h.c1, 'content/en/agent/x.md'], h.dir);
    expect(text.stdout).toContain(`version raised   Tracing / Minimum Python agent version: ${change.before} → ${change.after}`);
    expect(stale.message).toContain(`version raised \`${change.before} → ${change.after}\``);
  });

  test('without a base in the config, the same tree is compared with the source now, and git is not read', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'compatlint-nobase-'));
    gitAt(h.dir, null, 'worktree', 'add', '-q', path.join(dir, 'wt'), 'HEAD');
    const wt = path.join(dir, 'wt');
    writeFileSync(path.join(wt, 'compatlint.config.yaml'), configText(''));
    expect(ids(await findings(wt))).toEqual(['fr/x.md value', 'fr/x.md rowsMissing', 'ja/v.md value', 'ja/x.md value', 'ja/x.md rowsMissing', 'ja/z.md columnExtra']);
    const config = await loadConfig({ cwd: wt });
    expect((await lint({ cwd: wt, paths: [], config })).translationBases).toBeUndefined();
  });
});

describe('bases that git cannot give', () => {
  test('a shallow clone: one finding per page saying to fetch the history, then the full comparison once fetched (not a cached result)', async () => {
    const h = translationHistory();
    const clone = path.join(mkdtempSync(path.join(tmpdir(), 'compatlint-shallow-')), 'clone');
    gitAt(tmpdir(), null, 'clone', '-q', '--depth', '1', `file://${h.dir}`, clone);
    const shallow = await findings(clone, ['--cache']);
    const missing = shallow.filter((f) => f.messageId === 'baseMissing');
    // Pinned pages and pages based on their last commit alike (the boundary commit seems to change every file).
    expect(missing.map((f) => f.file)).toEqual(['content/ja/agent/t.md', 'content/ja/agent/v.md', 'content/ja/agent/w.md', 'content/ja/agent/x.md', 'content/ja/agent/y.md', 'content/ja/agent/z.md']);
    for (const f of missing) expect(f.message).toContain('`git fetch --unshallow`');
    expect(shallow.some((f) => f.messageId === 'stale')).toBe(false);
    gitAt(clone, null, 'fetch', '-q', '--unshallow');
    const full = await findings(clone, ['--cache']);
    expect(ids(full)).toEqual(ids(await findings(h.dir)));
  });

  test('a source changed in the working tree: stale, not committed yet', async () => {
    const h = translationHistory();
    writeFileSync(path.join(h.dir, 'content/en/agent/t.md'), page('t', { tracing: '1.7.0' }));
    const t = (await findings(h.dir)).filter((f) => f.file === 'content/ja/agent/t.md');
    expect(t.map((f) => f.messageId)).toEqual(['stale']);
    expect(t[0]?.data).toMatchObject({ change: { class: 'version-raised', before: '1.5.0', after: '1.7.0', commit: null } });
    expect(t[0]?.message).toMatch(/version raised `1\.5\.0 → 1\.7\.0` in the working tree, not committed yet$/);
  });

  test('outside a git repository: pinned pages say so, pages based on history have no base', async () => {
    const h = translationHistory();
    const copy = mkdtempSync(path.join(tmpdir(), 'compatlint-nogit-'));
    gitAt(h.dir, null, 'archive', '-o', path.join(copy, 'tree.tar'), 'HEAD');
    const { execFileSync } = await import('node:child_process');
    execFileSync('tar', ['-xf', 'tree.tar'], { cwd: copy });
    const list = await findings(copy);
    const x = list.find((f) => f.file === 'content/ja/agent/x.md' && f.messageId === 'baseMissing');
    expect(x?.message).toContain('cannot be read: not a git repository');
    expect(list.some((f) => f.file === 'content/ja/agent/z.md' && f.messageId === 'columnExtra')).toBe(true);
  });
});

describe('the pin in front matter', () => {
  test.each([
    ['0123abc', '0123abc'],
    ['0123ABC # patched', '0123abc'],
    [1234567, '1234567'],
    [1.5e10, '15000000000'],
    ['main', null],
    ['', null],
    [Number.POSITIVE_INFINITY, null],
    [['abc1234'], null],
  ])('%j names %j', (value, commit) => {
    expect(pinnedCommit(value)).toBe(commit);
  });
});
