import { appendFileSync, cpSync, mkdtempSync, readdirSync } from 'node:fs';
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
