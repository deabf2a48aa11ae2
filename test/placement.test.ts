import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { limitToScope } from '../src/engine/scope.js';
import type { LintResult } from '../src/engine/types.js';
import { cli, tempTree } from './helpers/cli.js';
import { corpusRoot, hasCorpus } from './helpers/corpus.js';
import { git } from './helpers/git.js';

// Checking some pages must not change what is found on them: rules that compare pages see the
// whole tree, and a finding decided on a page not named moves to the named page it involves.

async function check(dir: string, args: string[]): Promise<LintResult> {
  const r = await cli(['check', '--format', 'json', ...args], dir);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as LintResult;
}

const lines = (r: LintResult) => r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.message}`);

function pagesUnder(dir: string, sub: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
    const rel = path.posix.join(sub, e.name);
    if (e.isDirectory()) out.push(...pagesUnder(dir, rel));
    else if (e.name.endsWith('.md')) out.push(rel);
  }
  return out.sort();
}

describe('a named page', () => {
  const tree = {
    'compatlint.config.yaml': [
      'include: ["docs/**/*.md"]',
      'vocabulary: { attribute: { min-version: ["Minimum version"] } }',
      'tables:',
      '  - { id: features, match: { keyHeader: [Feature] }, key: feature, columns: attribute, columnTypes: { "*": version } }',
      '',
    ].join('\n'),
    'docs/a.md': '| Feature | Minimum version |\n|---|---|\n| Tracing | 1.0 |\n',
    'docs/b.md': '| Feature | Minimum version |\n|---|---|\n| Tracing | 2.0 |\n',
  };

  test('reports its disagreement with a page not named, whichever side the rule chose', async () => {
    const dir = tempTree(tree);
    const whole = await check(dir, []);
    expect(whole.diagnostics.filter((d) => d.ruleId === 'consistency')).toHaveLength(1);
    for (const page of ['docs/a.md', 'docs/b.md']) {
      const one = await check(dir, [page]);
      expect(one.diagnostics.filter((d) => d.ruleId === 'consistency').map((d) => d.file)).toEqual([page]);
    }
  });
});

describe.skipIf(!hasCorpus)('placement on the real tree', () => {
  test('checking each page alone finds what a whole run finds on it', async () => {
    const dir = path.join(corpusRoot, 'datadog');
    const whole = await check(dir, ['--preset', 'datadog']);
    const pages = pagesUnder(dir, 'content');
    expect(pages.length).toBeGreaterThan(10);
    let compared = 0;
    for (const page of pages) {
      const one = await check(dir, ['--preset', 'datadog', page]);
      const expected = limitToScope(whole, { files: new Set([page]), outside: 'not-named' });
      expect(lines(one), page).toEqual(lines(expected));
      compared += one.diagnostics.length;
    }
    expect(compared).toBeGreaterThan(0);
  }, 120_000);

  test('--changed on each page finds what a whole run finds on it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'compatlint-placement-'));
    cpSync(path.join(corpusRoot, 'datadog'), dir, { recursive: true });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'docs');
    const whole = await check(dir, ['--preset', 'datadog']);
    for (const page of pagesUnder(dir, 'content')) {
      // A blank line at the end changes the page, not what it states.
      appendFileSync(path.join(dir, page), '\n');
      const changed = await check(dir, ['--preset', 'datadog', '--changed=HEAD']);
      git(dir, 'checkout', '-q', '--', page);
      expect(lines(changed), page).toEqual(lines(limitToScope(whole, { files: new Set([page]) })));
    }
  }, 180_000);
});

/**
 * A change to what a page states: the last cell of the `n`th table row with cells (header and
 * delimiter rows included, counted from the end when `n` is negative) is ticked when it holds
 * nothing and emptied otherwise. Null when the page has no such row.
 */
function editCell(text: string, n: number): string | null {
  const lines = text.split('\n');
  const rows = lines.flatMap((line, i) => (/^\s*\|.*\|\s*$/.test(line) && !/^\s*\|[\s:|-]+\|\s*$/.test(line) ? [i] : []));
  const at = rows[n < 0 ? rows.length + n : n];
  if (at === undefined) return null;
  const line = lines[at] as string;
  const cells = line.split('|');
  const last = cells.length - 2;
  cells[last] = (cells[last] ?? '').trim() === '' ? ' {{< X >}} ' : ' ';
  lines[at] = cells.join('|');
  return lines.join('\n');
}

describe.skipIf(!hasCorpus)('the pre-commit hook on the real trees', () => {
  // The hook reads other pages' facts from the cache's facts index, and only those that share a
  // key with the staged page's: what it reports must be what a whole run without cache finds.
  for (const [tree, edits] of [['datadog', [2, -1]], ['datadog-more', [-1]]] as const) {
    test(`--staged --cache after editing each page of ${tree} finds what a whole run finds on it`, async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'compatlint-hook-'));
      cpSync(path.join(corpusRoot, tree), dir, { recursive: true });
      const args = ['--preset', 'datadog'];
      await cli(['check', ...args, '--cache'], dir);
      const pages = pagesUnder(dir, 'content');
      let compared = 0;
      for (const [i, page] of pages.entries()) {
        const original = readFileSync(path.join(dir, page), 'utf8');
        // Another page is edited too and not staged: the hook must see it as it is now.
        const other = pages[(i + 1) % pages.length] as string;
        const otherText = readFileSync(path.join(dir, other), 'utf8');
        for (const edited of [`${original}\nEdited.\n`, ...edits.map((n) => editCell(original, n))]) {
          if (edited === null) continue;
          writeFileSync(path.join(dir, page), edited);
          writeFileSync(path.join(dir, other), editCell(otherText, 3) ?? `${otherText}\n`);
          const hook = await check(dir, [...args, '--cache', '--staged', page]);
          const whole = await check(dir, args);
          expect(lines(hook), `${page}, edited`).toEqual(lines(limitToScope(whole, { files: new Set([page]) })));
          compared += hook.diagnostics.length;
        }
        writeFileSync(path.join(dir, page), original);
        writeFileSync(path.join(dir, other), otherText);
      }
      expect(compared).toBeGreaterThan(0);
    }, 600_000);
  }
});
