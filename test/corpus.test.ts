import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli, type CliRun, tempTree } from './helpers/cli.js';
import { corpusPages, corpusRoot, hasCorpus } from './helpers/corpus.js';

interface JsonDiagnostic {
  file: string;
  line: number;
  ruleId: string;
  severity: string;
}

/** One check of the whole corpus (every rule at its default), shared by the tests that read it. */
let whole: Promise<CliRun> | undefined;
const wholeCorpus = () => (whole ??= cli(['check', '--format', 'json'], corpusRoot));

// Real pages from DataDog/documentation (../shared/corpus), read in place, never copied here.
describe.skipIf(!hasCorpus)('real pages (../shared/corpus)', () => {
  test('check over the whole corpus finishes without a crash', async () => {
    const r = await wholeCorpus();
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.code);
    const report = JSON.parse(r.stdout);
    expect(report.files).toBeGreaterThanOrEqual(17);
  });

  test('the seed page gets reference-unused at lines 86 and 87 and no error', async () => {
    const r = await cli(['check', '--format', 'json', corpusPages.seed], corpusRoot);
    const diagnostics: JsonDiagnostic[] = JSON.parse(r.stdout).diagnostics;
    expect(diagnostics.filter((d) => d.ruleId === 'reference-unused').map((d) => d.line)).toEqual([86, 87]);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.code).toBe(0);
  });

  test('the English tracing python.md gets table-column-count at lines 98, 99 and 100', async () => {
    const r = await cli(['check', '--format', 'json', corpusPages.tracingPython], corpusRoot);
    const diagnostics: JsonDiagnostic[] = JSON.parse(r.stdout).diagnostics;
    expect(diagnostics.filter((d) => d.ruleId === 'table-column-count').map((d) => d.line)).toEqual([98, 99, 100]);
    // Its runtime table repeats each OS once per release line: grouping, not duplicate keys.
    expect(diagnostics.filter((d) => d.ruleId === 'table-duplicate-key')).toEqual([]);
  });

  test('extract of the English SCA python.md yields its four tables with every cell value', async () => {
    const r = await cli(['extract', '--format', 'model', corpusPages.scaPython], corpusRoot);
    const page = JSON.parse(r.stdout).pages[0];
    expect(page.tables).toHaveLength(4);
    const [capabilities, deployA, deployB, frameworks] = page.tables;
    const values = (t: { rows: Array<{ cells: Array<{ value: { kind: string } }> }> }) =>
      t.rows.map((row) => row.cells.map((c) => c.value.kind));
    expect(capabilities.header.map((c: { text: string }) => c.text)).toEqual([
      'Code Security capability',
      'Minimum Python tracer version',
    ]);
    expect(capabilities.rows[0].cells[1].value).toMatchObject({ kind: 'version', version: { canonical: '1.5' } });
    expect(capabilities.rows[1].cells[1]).toMatchObject({
      raw: 'Preview (`>=2.21.0`)',
      value: { kind: 'preview', version: { canonical: '>=2.21' } },
    });
    expect(values(deployA)).toEqual([
      ['text', 'supported', 'supported'],
      ['text', 'supported', 'supported'],
      ['text', 'supported', 'supported'],
      ['text', 'supported', 'supported'],
      ['text', 'supported', 'unsupported'],
    ]);
    expect(values(deployB).map((r) => r.slice(1))).toEqual([
      ['supported', 'preview'],
      ['supported', 'preview'],
      ['supported', 'preview'],
      ['supported', 'preview'],
      ['unsupported', 'unsupported'],
    ]);
    expect(deployB.rows[4].cells[0].span).toMatchObject({ line: 31, column: 3 });
    expect(frameworks.rows.map((r: { cells: Array<{ raw: string; value: unknown }> }) => [r.cells[1]!.raw, r.cells[1]!.value])).toEqual([
      ['`1.8`', { kind: 'version', version: expect.objectContaining({ canonical: '1.8' }) }],
      ['`0.10`', { kind: 'version', version: expect.objectContaining({ canonical: '0.10' }) }],
    ]);
  });

  test('table-malformed finds the fullwidth `｜` header of ja dotnet.md:336 (README A.1), and nothing else in the corpus', async () => {
    // Every finding of the rule on every page of the corpus, each read by hand: one, and true.
    const diagnostics: Array<JsonDiagnostic & { message: string }> = JSON.parse((await wholeCorpus()).stdout).diagnostics;
    const found = diagnostics.filter((d) => d.ruleId === 'table-malformed');
    expect(found.map((d) => `${d.file}:${d.line}`)).toEqual([`${corpusPages.jaProfilerDotnet}:336`]);
    expect(found[0]?.message).toMatch(/fullwidth `｜`.*2 cells in this row and 3 in the delimiter row \(line 337\)/);
  });

  test('--fix gives that header an ASCII `|`: the table renders with 3 columns and 5 rows, each of 3 cells', async () => {
    const dir = tempTree({});
    copyFileSync(path.join(corpusRoot, corpusPages.jaProfilerDotnet), path.join(dir, 'dotnet.md'));
    const before = readFileSync(path.join(dir, 'dotnet.md'), 'utf8');
    const osTable = async () =>
      (JSON.parse((await cli(['extract', '--format', 'model', 'dotnet.md'], dir)).stdout).pages[0].tables as Array<{ header: Array<{ text: string }>; rows: Array<{ cells: unknown[] }> }>).find(
        (t) => t.header[0]?.text.startsWith('オペレーティングシステム'),
      );
    expect(await osTable(), 'before the fix, no table').toBeUndefined();
    const fixed = await cli(['check', '--fix', '--format', 'json', 'dotnet.md'], dir);
    expect(JSON.parse(fixed.stdout).diagnostics.filter((d: JsonDiagnostic) => d.ruleId === 'table-malformed')).toEqual([]);
    // Other rules fix other lines (unused definitions); this rule changes the one character.
    const line = (text: string) => text.split('\n').find((l) => l.includes('CORECLR_PROFILER_PATH の値 |'));
    expect(line(readFileSync(path.join(dir, 'dotnet.md'), 'utf8'))).toBe(line(before)?.replace('｜', '|'));
    const table = await osTable();
    expect(table?.header.map((c: { text: string }) => c.text)).toEqual(['オペレーティングシステムとプロセスアーキテクチャ', 'CORECLR_PROFILER_PATH の値', 'LD_PRELOAD の値']);
    expect(table?.rows.map((row: { cells: unknown[] }) => row.cells.length)).toEqual([3, 3, 3, 3, 3]);
  });
});
