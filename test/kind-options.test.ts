import { describe, expect, test } from 'vitest';
import { cli, tempTree } from './helpers/cli.js';

// Table kind options for matrices written another way: transposed tables (`orientation:
// columns`), legend symbols as values (`valueVocabulary`), the raw values a column allows
// (`allowed`), and built-in status words turned off (`values.replace`).

const matrix = (cells: string[][]) =>
  ['| Node.js    | pnpm 8 | pnpm 9 |', '|---|---|---|', ...cells.map(([node, a, b]) => `| ${node} | ${a} | ${b} |`), ''].join('\n');

const config = (extra = '') =>
  [
    'include: ["docs/**/*.md"]',
    'vocabulary:',
    '  legend: { unknown: ["?️", "?"] }',
    'tables:',
    '  - id: node-support',
    '    orientation: columns',
    '    match: { keyHeader: ["Node.js"], minColumns: 0 }',
    '    key: pnpm',
    '    columns: node',
    '    valueVocabulary: { "*": legend }',
    extra,
    '',
  ].join('\n');

type Facts = Array<{ file: string; tables: Array<{ kind: string; rows: Array<{ key: string; facts: Array<{ dimensions: Record<string, string>; value: { kind: string; text?: string }; line: number }> }> }> }>;

async function facts(files: Record<string, string>): Promise<Facts> {
  const r = await cli(['extract'], tempTree(files));
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout) as { pages: Facts }).pages;
}

describe('orientation: columns', () => {
  test('each column is a row keyed by its header, each cell keeps its own line', async () => {
    const [page] = await facts({ 'compatlint.config.yaml': config(), 'docs/a.md': matrix([['Node.js 18', '✔️', '❌'], ['Node.js 20', '✔️', '?️']]) });
    const table = page!.tables[0]!;
    expect(table.kind).toBe('node-support');
    expect(table.rows.map((r) => r.key)).toEqual(['pnpm 8', 'pnpm 9']);
    const pnpm9 = table.rows[1]!.facts.map((f) => [f.dimensions.node, f.value.kind === 'text' ? f.value.text : f.value.kind, f.line]);
    expect(pnpm9).toEqual([
      ['node.js 18', 'unsupported', 3],
      ['node.js 20', 'unknown', 4],
    ]);
  });

  test('two pages that transpose the same matrix are compared cell by cell', async () => {
    const tree = tempTree({
      'compatlint.config.yaml': config(),
      'docs/a.md': matrix([['Node.js 18', '✔️', '❌']]),
      'docs/b.md': matrix([['Node.js 18', '✔️', '✔️']]),
    });
    const r = await cli(['check', '--format', 'json'], tree);
    const found = (JSON.parse(r.stdout) as { diagnostics: Array<{ ruleId: string; message: string }> }).diagnostics.filter((d) => d.ruleId === 'consistency');
    expect(found.map((d) => d.message)).toEqual([expect.stringMatching(/^`pnpm 9` \/ `Node\.js 18` is (supported here but unsupported|unsupported here but supported)/)]);
  });
});

describe('allowed and legend symbols', () => {
  test('a cell outside the allowed raw values is reported; a legend symbol passes the status type', async () => {
    const tree = tempTree({
      'compatlint.config.yaml': config('    allowed: { "*": ["✔️", "❌", "?️"] }'),
      'docs/a.md': matrix([['Node.js 18', '✔️', '?️'], ['Node.js 20', '?', '✔️']]),
    });
    const r = await cli(['check', '--format', 'compact'], tree);
    expect(r.stdout.trim().split('\n')).toEqual([
      'docs/a.md:4:16: error `pnpm 8` / `Node.js 20`: expected one of `✔️`, `❌`, `?️` (the column\'s `allowed` values), found `?` [table-schema]',
    ]);
  });
});

describe('values.replace', () => {
  const dotnet = (extra: string) => ({
    'compatlint.config.yaml': [
      'include: ["docs/**/*.md"]',
      'vocabulary: { attribute: { eol: ["End of support"] } }',
      'tables:',
      '  - { id: releases, match: { keyHeader: [Version] }, key: release, columns: attribute, columnTypes: { "*": status } }',
      extra,
      '',
    ].join('\n'),
    'docs/a.md': '| Version | End of support |\n|---|---|\n| 8.0 | - |\n| 9.0 | No |\n',
  });

  test('by default `-` is unsupported; replaced, it is the text it is', async () => {
    const kinds = (f: Facts) => f[0]!.tables[0]!.rows.map((r) => r.facts[0]!.value.kind);
    expect(kinds(await facts(dotnet('')))).toEqual(['unsupported', 'unsupported']);
    expect(kinds(await facts(dotnet('values: { replace: [unsupported], unsupported: ["No"] }')))).toEqual(['text', 'unsupported']);
  });

  test('an unknown list name in replace is a config error', async () => {
    const r = await cli(['check'], tempTree(dotnet('values: { replace: [sometimes] }')));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/values\.replace|replace/);
  });
});

test('a column whose header is `constructor` or `__proto__` is a column like any other', async () => {
  const tree = tempTree({
    'compatlint.config.yaml': 'include: ["docs/**/*.md"]\ntables:\n  - { id: t, match: { keyHeader: [Feature], minColumns: 0 }, key: feature, columns: attribute, allowed: { "*": ["yes"] }, valueVocabulary: { "*": legend } }\nvocabulary: { legend: { y: ["yes"] } }\n',
    'docs/a.md': '| Feature | constructor | __proto__ | toString |\n|---|---|---|---|\n| A | yes | no | yes |\n',
  });
  const r = await cli(['check', '--format', 'compact'], tree);
  expect(r.stderr).toBe('');
  // `__proto__` renders as strong `proto`.
  expect(r.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^docs\/a\.md:3:13: error `A` \/ `proto`: expected one of `yes`/)]);
});
