import { describe, expect, test } from 'vitest';
import { cli } from './helpers/cli.js';
import { corpusPages, corpusRoot, hasCorpus } from './helpers/corpus.js';

interface JsonDiagnostic {
  file: string;
  line: number;
  ruleId: string;
  severity: string;
}

// Real pages from DataDog/documentation (../shared/corpus), read in place, never copied here.
describe.skipIf(!hasCorpus)('real pages (../shared/corpus)', () => {
  test('check over the whole corpus finishes without a crash', async () => {
    const r = await cli(['check', '--format', 'json'], corpusRoot);
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
});
