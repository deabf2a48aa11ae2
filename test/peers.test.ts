import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { lint } from '../src/lint/lint.js';
import { corpusRoot } from './helpers/corpus.js';

// compatlint's generic rules against markdownlint's own test suite, where the two mean the same
// thing. markdownlint marks each expected finding with `{MD052}` on its line (or `{MD053:100}`
// for line 100); compatlint must report exactly those lines, except where the two differ on
// purpose, each listed below with why.

const dir = path.join(corpusRoot, 'peers/markdownlint/test');
const present = existsSync(dir);
if (!present) console.warn(`[compatlint tests] ${dir} not found: the markdownlint comparison is skipped.`);

const same: Record<string, readonly string[]> = {
  MD052: ['reference-undefined'],
  MD053: ['reference-unused', 'reference-duplicate', 'reference-redundant'],
  MD056: ['table-column-count'],
};

/** Where the tools differ on purpose: `file:MDxxx:line` → why. */
const onPurpose: Record<string, string> = {
  'blanks-around-tables.md:MD056:51+':
    'markdownlint parses `:::` container directives; GFM (GitHub, Hugo) does not, so `:::` after a table is a one-cell row of it',
  'reference-links-and-images-ignored-labels-empty.md:MD052:7-':
    'the file turns on markdownlint\'s `shortcut_syntax` option; compatlint never reports a bare `[word]`, which is common prose',
  'reference-links-and-images-ignored-labels-empty.md:MD052:12-':
    'the file empties markdownlint\'s `ignored_labels`; compatlint never reads a task list box `[x]` as a reference',
  'reference-links-and-images-ignored-labels.md:MD052:12-': 'as above: a task list box is not a reference',
  'reference-links-and-images-ignored-labels.md:MD052:3+':
    'the file adds `full` to markdownlint\'s `ignored_labels`; compatlint has no such option: an undefined label is reported',
  'reference-links-and-images-ignored-labels.md:MD052:5+': 'as above, for `collapsed`',
  ...Object.fromEntries(
    [9, 31, 33, 67, 69, 85].map((line) => [
      `reference-links-and-images-shortcuts.md:MD052:${line}-`,
      'the file turns on markdownlint\'s `shortcut_syntax` option (bare `[word]` and undefined `[^note]` as references)',
    ]),
  ),
  'reference-links-ignored-definitions-empty.md:MD053:7-':
    'the file empties markdownlint\'s `ignored_definitions`; compatlint always reads `[//]: <> (...)` as the comment idiom',
  'reference-links-ignored-definitions.md:MD053:7+':
    'the file adds labels to markdownlint\'s `ignored_definitions`; compatlint has no such option: an unused definition is reported',
  'reference-links-ignored-definitions.md:MD053:8+': 'as above',
};

/** `{MD052}` marks its own line, `{MD053:100}` line 100. */
function markers(text: string, rule: string): Set<number> {
  const lines = new Set<number>();
  text.split(/\r\n|\n|\r/).forEach((line, i) => {
    for (const m of line.matchAll(new RegExp(`\\{${rule}(?::(\\d+))?\\}`, 'g'))) lines.add(m[1] ? Number(m[1]) : i + 1);
  });
  return lines;
}

describe.skipIf(!present)('markdownlint test fixtures (../shared/corpus/peers/markdownlint)', () => {
  const files = present ? readdirSync(dir).filter((f) => f.endsWith('.md')).sort() : [];

  test('compatlint reports the lines markdownlint marks, except the differences listed on purpose', async () => {
    const config = await loadConfig({ cwd: dir, lookup: false });
    const differences: string[] = [];
    let compared = 0;
    for (const file of files) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      const { result } = await lint({ cwd: dir, paths: [file], config });
      for (const [rule, ids] of Object.entries(same)) {
        const expected = markers(text, rule);
        const found = new Set(result.diagnostics.filter((d) => ids.includes(d.ruleId)).map((d) => d.line));
        compared += expected.size;
        for (const line of expected) if (!found.has(line)) differences.push(`${file}:${rule}:${line}-`);
        for (const line of found) if (!expected.has(line)) differences.push(`${file}:${rule}:${line}+`);
      }
    }
    expect(compared).toBeGreaterThan(30);
    // `-`: markdownlint reports the line and compatlint does not; `+`: the other way round.
    expect(differences.sort()).toEqual(Object.keys(onPurpose).sort());
  });
});
