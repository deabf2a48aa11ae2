import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileSchema } from '../src/util/json-schema.js';
import { cli, repoRoot, tempTree } from './helpers/cli.js';
import { corpusRoot } from './helpers/corpus.js';

const explainSchema = compileSchema(JSON.parse(readFileSync(path.join(repoRoot, 'schemas/explain.schema.json'), 'utf8')));
const site = path.join(repoRoot, 'fixtures/explain-site');
const ddMore = path.join(corpusRoot, 'datadog-more');

interface Condition {
  test: string;
  held: boolean;
  text: string;
}
interface Trial {
  kind: string;
  matched: boolean;
  conditions: Condition[];
}
interface ExplainedTable {
  file: string;
  line: number;
  column: number;
  endLine: number;
  headers: string[];
  kind: string | null;
  nearest: string | null;
  trials: Trial[];
}
interface Term {
  text: string;
  count: number;
  places: string[];
  first: { file: string; line: number; column: number };
}
interface Explained {
  kinds: string[];
  pages: Array<{ file: string; parsed: boolean; tables: ExplainedTable[] }>;
  unknown: Array<{ config: string; terms: Term[] }>;
}

async function explainJson(args: string[], cwd: string): Promise<Explained> {
  const r = await cli(['explain', '-f', 'json', ...args], cwd);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(explainSchema(out), JSON.stringify(explainSchema.errors?.slice(0, 3))).toBe(true);
  return out;
}

const tables = (e: Explained) => e.pages.flatMap((p) => p.tables);

/** The trials tell one story: earlier kinds failed, each at its last condition, after conditions that held. */
function expectCoherent(table: ExplainedTable, kinds: string[]): void {
  const last = table.trials.at(-1);
  expect(table.trials.map((t) => t.kind)).toEqual(kinds.slice(0, table.trials.length));
  for (const trial of table.trials) {
    const failed = trial.conditions.filter((c) => !c.held);
    if (trial.matched) expect(failed).toEqual([]);
    else expect(failed).toEqual([trial.conditions.at(-1)]);
  }
  if (table.kind === null) {
    expect(table.trials.length).toBe(kinds.length);
    expect(table.trials.every((t) => !t.matched)).toBe(true);
    expect(kinds.length === 0 ? table.nearest === null : kinds.includes(table.nearest ?? '')).toBe(true);
  } else {
    expect(last?.kind).toBe(table.kind);
    expect(last?.matched).toBe(true);
    expect(table.nearest).toBeNull();
  }
}

/** The text a 1-based line and column of a file start with. */
function textAt(cwd: string, at: { file: string; line: number; column: number }): string {
  const line = readFileSync(path.join(cwd, at.file), 'utf8').split(/\r\n|\r|\n/)[at.line - 1] ?? '';
  return line.slice(at.column - 1);
}

/** TSV fields with `\t`, `\n`, `\r` and `\\` turned back into what they stand for. */
function tsvFields(line: string): string[] {
  return line.split('\t').map((f) => f.replace(/\\([\\tnr])/g, (_, c: string) => ({ '\\': '\\', t: '\t', n: '\n', r: '\r' })[c] as string));
}

describe('explain', () => {
  test('each table: the kind that recognizes it and why, or each kind and the condition it failed', async () => {
    const out = await explainJson([], site);
    expect(out.kinds).toEqual(['capabilities', 'deployments', 'releases']);
    // Every page `check` selects, a page without tables included.
    expect(out.pages.map((p) => p.file)).toEqual(['content/empty.md', 'content/guide.md', 'content/releases/library.md']);
    for (const t of tables(out)) expectCoherent(t, out.kinds);
    const byLine = new Map(out.pages[1]?.tables.map((t) => [t.line, t]));
    const reasons = (line: number) => byLine.get(line)?.trials.map((t) => `${t.kind}: ${t.conditions.at(-1)?.test}`);

    // The deployment table under "Deployment types": every condition the kind declares held, in order.
    const deployments = byLine.get(13);
    expect(deployments?.kind).toBe('deployments');
    expect(deployments?.headers).toEqual(['Type', 'CPU profiling', 'Memory profiling', 'Wall time']);
    expect(deployments?.trials.at(-1)?.conditions.map((c) => c.test)).toEqual(['heading', 'key-header', 'known-columns', 'known-keys']);
    // The same shape, missed for a different reason each time.
    expect(reasons(19)).toEqual(['capabilities: key-header', 'deployments: known-keys', 'releases: files']);
    expect(reasons(26)).toEqual(['capabilities: key-header', 'deployments: heading', 'releases: files']);
    expect(byLine.get(19)?.nearest).toBe('deployments');
    // The release table is recognized on release pages only.
    const release = out.pages[2]?.tables[0];
    expect(release?.kind).toBe('releases');
    expect(release?.trials.at(-1)?.conditions.map((c) => `${c.test} ${c.held}`)).toEqual(['files true', 'key-header true', 'column true', 'known-columns true']);
  });

  test('a table no kind recognizes gets the nearest kind and reason that table-unrecognized reports', async () => {
    const out = await explainJson([], site);
    const check = JSON.parse((await cli(['check', '-f', 'json'], site)).stdout);
    const reported = check.diagnostics
      .filter((d: { ruleId: string }) => d.ruleId === 'table-unrecognized')
      .map((d: { file: string; line: number; message: string }) => `${d.file}:${d.line} ${d.message.replace(/^.*nearest kind `([^`]+)`: /, '$1: ')}`);
    const explained = tables(out)
      .filter((t) => t.kind === null)
      .map((t) => `${t.file}:${t.line} ${t.nearest}: ${t.trials.find((trial) => trial.kind === t.nearest)?.conditions.at(-1)?.text}`);
    expect(explained.length).toBeGreaterThan(0);
    expect(explained).toEqual(reported);
  });

  test('terms no vocabulary knows, by config place, with counts and the cell where each is first found', async () => {
    const out = await explainJson([], site);
    const found = Object.fromEntries(out.unknown.map((g) => [g.config, g.terms.map((t) => `${t.text} ${t.count} ${t.places.join('+')}`)]));
    expect(found).toEqual({
      values: ['Limited 1 value'],
      'vocabulary.attribute': ['Since 1 column header'],
      'vocabulary.capability': ['GPU profiling 1 row key', 'Wall time 1 column header'],
      'vocabulary.deployment': ['Bare metal 1 row key'],
      'vocabulary.support-level': ['Sunset 2 value'],
    });
    for (const term of out.unknown.flatMap((g) => g.terms)) expect(textAt(site, term.first).startsWith(term.text)).toBe(true);
    // A header the kind types in `columnTypes` (`Notes`) is known to the config; a table no kind recognizes adds nothing.
    const texts = out.unknown.flatMap((g) => g.terms.map((t) => t.text));
    expect(texts).not.toContain('Notes');
    expect(texts).not.toContain('End of life');
    expect(texts).not.toContain('Python');
  });

  test('the text format: each table under its page, with its location and headers, then the unknown terms', async () => {
    const r = await cli(['explain'], site);
    expect(r.code).toBe(0);
    const out = await explainJson([], site);
    const lines = r.stdout.split('\n');
    for (const page of out.pages) {
      const start = lines.indexOf(page.file);
      expect(start === -1).toBe(page.tables.length === 0);
      for (const t of page.tables) {
        const at = lines.findIndex((l, i) => i > start && l.startsWith(`  ${t.line}:${t.column}  `));
        expect(lines[at]).toContain(t.headers.join(' | '));
        const verdict = lines[at + 1] ?? '';
        if (t.kind) expect(verdict.trim()).toBe(`kind ${t.kind}`);
        else expect(verdict).toContain(`nearest ${t.nearest}`);
        // One line per condition that held, or one per kind that failed.
        const shown = t.kind ? (t.trials.at(-1)?.conditions.length ?? 0) : t.trials.length;
        expect(lines.slice(at + 2, at + 2 + shown).every((l) => /^ {8}[✓✗] /.test(l))).toBe(true);
        expect(lines[at + 2 + shown]).not.toMatch(/^ {8}[✓✗] /);
      }
    }
    for (const group of out.unknown) {
      const at = lines.findIndex((l) => l.startsWith(`  ${group.config}: `));
      group.terms.forEach((term, i) => expect(lines[at + 1 + i]).toContain(JSON.stringify(term.text)));
    }
    const recognized = tables(out).filter((t) => t.kind !== null).length;
    expect(lines.at(-2)).toContain(`${tables(out).length} tables on ${out.pages.length} pages: ${recognized} recognized`);
  });

  test('--format tsv: one line per fact of every table extract lists, with a header line', async () => {
    const r = await cli(['explain', '-f', 'tsv'], site);
    expect(r.code).toBe(0);
    const [header, ...rows] = r.stdout.trimEnd().split('\n');
    expect(header).toBe('file\tline\tcolumn\tkind\tdimensions\traw\tvalue');
    const extracted = JSON.parse((await cli(['extract'], site)).stdout);
    const facts = extracted.pages.flatMap((p: { tables: Array<{ kind: string; rows: Array<{ facts: Array<{ key: string; raw: string; line: number; column: number }> }> }> }) =>
      p.tables.flatMap((t) => t.rows.flatMap((row) => row.facts.map((f) => ({ ...f, kind: t.kind })))),
    );
    expect(rows.length).toBe(facts.length);
    rows.forEach((row, i) => {
      const fields = tsvFields(row);
      expect(fields).toHaveLength(7);
      const [file, line, column, kind, dimensions, raw] = fields as [string, string, string, string, string, string];
      expect({ line: Number(line), column: Number(column), kind, dimensions, raw }).toEqual({
        line: facts[i].line,
        column: facts[i].column,
        kind: facts[i].kind,
        dimensions: facts[i].key,
        raw: facts[i].raw,
      });
      expect(textAt(site, { file, line: Number(line), column: Number(column) }).startsWith(raw)).toBe(true);
    });
    // An escaped pipe keeps its backslash in the raw cell, written `\\` so the line stays one field per column.
    expect(rows.some((row) => row.includes('a \\\\| b'))).toBe(true);
  });

  test('paths select pages as check does; bad arguments are one line and exit 2', async () => {
    const out = await explainJson(['content/releases'], site);
    expect(out.pages.map((p) => p.file)).toEqual(['content/releases/library.md']);
    for (const [args, message] of [
      [['-f', 'xml'], /--format: expected one of text, json, tsv, got "xml"/],
      [['--bogus'], /Unknown option --bogus for `compatlint explain`/],
      [['missing.md'], /missing\.md/],
      [['--config', 'nope.yaml'], /nope\.yaml/],
    ] as const) {
      const r = await cli(['explain', ...args], site);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
    expect((await cli(['explain', '--no-error-on-unmatched-pattern', 'content/none/*.md'], site)).code).toBe(0);
    const help = await cli(['explain', '--help'], site);
    expect(help.stdout).toMatch(/^Usage: compatlint explain/);
    expect((await cli(['--help'], site)).stdout).toContain('compatlint explain [paths...]');
  });

  test('without table kinds, every table says so, and its facts are still listed generically; a page that is not parsed says so', async () => {
    const dir = tempTree({ 'a.md': '# A\n\n| Runtime | Versions |\n|---|---|\n| CPython | 3.8+ |\n', 'deep.md': `${'> '.repeat(150)}x\n` });
    const out = await explainJson([], dir);
    expect(out.kinds).toEqual([]);
    expect(tables(out)).toMatchObject([{ kind: null, nearest: null, trials: [], headers: ['Runtime', 'Versions'] }]);
    expect(out.pages.map((p) => `${p.file} ${p.parsed}`)).toEqual(['a.md true', 'deep.md false']);
    const text = (await cli(['explain'], dir)).stdout;
    expect(text).toContain('no table kind is configured');
    expect(text).toMatch(/^deep\.md\n {2}not parsed/m);
    const tsv = (await cli(['explain', '-f', 'tsv'], dir)).stdout.trimEnd().split('\n');
    expect(tsv.slice(1).map(tsvFields)).toEqual([['a.md', '5', '13', '', 'column=versions; row=cpython', '3.8+', '>=3.8']]);
  });

  test('the manual\'s excerpt (docs/usage.md) shows lines explain prints on the fixture, in their order', async () => {
    const usage = readFileSync(path.join(repoRoot, 'docs/usage.md'), 'utf8');
    const section = usage.slice(usage.indexOf('### `explain`'));
    const excerpt = /```text\n([\s\S]*?)```/.exec(section)?.[1]?.trimEnd().split('\n') ?? [];
    expect(excerpt.length).toBeGreaterThan(10);
    const printed = (await cli(['explain'], site)).stdout.split('\n');
    let at = 0;
    for (const line of excerpt) {
      const found = printed.indexOf(line, at);
      expect(found, line).toBeGreaterThanOrEqual(at);
      at = found + 1;
    }
  });

  test('--preset works as for check, and --output writes the file instead of printing', async () => {
    const dir = tempTree({ 'content/en/a.md': '# A\n\n## Deployment\n\n| Type | Threat Detection |\n|---|---|\n| Docker | ✓ |\n' });
    const out = await explainJson(['--preset', 'datadog'], dir);
    expect(tables(out)[0]?.kind).toBe('deployment-support');
    const r = await cli(['explain', '--preset', 'datadog', '-f', 'tsv', '-o', 'facts.tsv'], dir);
    expect(r.stdout).toBe('');
    expect(readFileSync(path.join(dir, 'facts.tsv'), 'utf8')).toMatch(/^file\tline\t.*\ncontent\/en\/a\.md\t7\t/);
  });
});

describe.skipIf(!existsSync(ddMore))('explain on the real tree (../shared/corpus/datadog-more)', () => {
  test('with --preset datadog: every table checked pages hold, explained coherently, agreeing with extract', async () => {
    const out = await explainJson(['--preset', 'datadog'], ddMore);
    const check = JSON.parse((await cli(['check', '--preset', 'datadog', '-f', 'json'], ddMore)).stdout);
    expect(out.pages.length).toBe(check.files);
    const explained = new Set(out.pages.map((p) => p.file));
    expect(check.diagnostics.filter((d: { file: string }) => !explained.has(d.file))).toEqual([]);
    expect(out.kinds.length).toBeGreaterThan(1);
    const all = tables(out);
    expect(all.length).toBeGreaterThan(out.pages.length);
    for (const t of all) expectCoherent(t, out.kinds);
    // Both outcomes occur on real pages.
    expect(all.some((t) => t.kind !== null)).toBe(true);
    expect(all.some((t) => t.kind === null)).toBe(true);
    // The kind of each table is the one extract (and so check) reads it as.
    const extracted = JSON.parse((await cli(['extract', '--preset', 'datadog'], ddMore)).stdout);
    const extractKinds = extracted.pages.flatMap((p: { tables: Array<{ file: string; line: number; kind: string }> }) => p.tables.map((t) => `${t.file}:${t.line} ${t.kind || null}`));
    expect(all.map((t) => `${t.file}:${t.line} ${t.kind}`)).toEqual(extractKinds);
    // Unknown terms come from recognized tables, each first found inside a table that a kind recognizes.
    for (const term of out.unknown.flatMap((g) => g.terms)) {
      const page = out.pages.find((p) => p.file === term.first.file);
      const inTable = page?.tables.find((t) => t.kind !== null && t.line <= term.first.line && term.first.line <= t.endLine);
      expect(inTable, `${term.text} at ${term.first.file}:${term.first.line}`).toBeDefined();
      expect(term.count).toBeGreaterThanOrEqual(1);
    }
    for (const group of out.unknown) expect(group.config).toMatch(/^(values|vocabulary\.[\w-]+)$/);
  });

  test('the text and TSV formats cover the same tables and facts', async () => {
    const out = await explainJson(['--preset', 'datadog'], ddMore);
    const text = (await cli(['explain', '--preset', 'datadog'], ddMore)).stdout;
    expect(text.match(/^ {6}(kind |no kind recognizes it)/gm)?.length).toBe(tables(out).length);
    const tsv = (await cli(['explain', '--preset', 'datadog', '-f', 'tsv'], ddMore)).stdout.trimEnd().split('\n');
    expect(tsv.slice(1).every((l) => tsvFields(l).length === 7)).toBe(true);
    const extracted = JSON.parse((await cli(['extract', '--preset', 'datadog'], ddMore)).stdout);
    const facts = extracted.pages.flatMap((p: { tables: Array<{ rows: Array<{ facts: unknown[] }> }> }) => p.tables.flatMap((t) => t.rows.flatMap((r) => r.facts)));
    expect(tsv.length - 1).toBe(facts.length);
  });
});
