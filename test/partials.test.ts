import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { partialPath, sectionAt } from '../src/site/partials.js';
import { htmlTables } from '../src/model/html-tables.js';
import { compileVocabulary, defaultValueVocabulary } from '../src/model/values.js';
import { cli, repoRoot, tempTree } from './helpers/cli.js';
import { corpusRoot, hasCorpus } from './helpers/corpus.js';

const vocabulary = compileVocabulary(defaultValueVocabulary);

describe('HTML tables of partials', () => {
  test('header from <thead>, cells with text, values and spans in the fragment', () => {
    const html = [
      '{{ $x := .Site }}',
      '<table>',
      '  <thead><tr><th>Release</th><th>Supported</th></tr></thead>',
      '  <tbody>',
      '    <tr><td><code>&gt;=2.0,&lt;3</code></td><td><i class="icon-check-bold"></i></td></tr>',
      '    <tr>',
      '      <td>',
      '        <code><2</code>',
      '      </td>',
      '      <td>No</td>',
      '    </tr>',
      '  </tbody>',
      '</table>',
    ].join('\n');
    const [table, ...more] = htmlTables(html, vocabulary);
    expect(more).toEqual([]);
    expect(table!.source).toBe('html');
    expect(table!.header.map((c) => c.text)).toEqual(['Release', 'Supported']);
    expect(table!.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['>=2.0,<3', ''],
      ['<2', 'No'],
    ]);
    expect(table!.rows[0]!.cells[1]!.value.kind).toBe('supported');
    expect(table!.rows[1]!.cells[1]!.value.kind).toBe('unsupported');
    expect(table!.rows[1]!.cells[0]!.value).toMatchObject({ kind: 'version' });
    // The cell spans its element, on the lines where it is written.
    const cell = table!.rows[1]!.cells[0]!;
    expect([cell.span.line, cell.span.column, cell.span.endLine]).toEqual([7, 7, 9]);
    expect(html.slice(cell.span.offset, cell.span.endOffset)).toMatch(/^<td>[\s\S]*<\/td>$/);
    expect(cell.raw).toBe('<code><2</code>');
    expect(table!.span.line).toBe(2);
  });

  test('a first row of <th> is the header; a table nested in a cell is read on its own; CRLF lines count', () => {
    const html = '<table>\r\n<tr><th>A</th><th>B</th></tr>\r\n<tr><td>x</td><td><table><tr><td>inner</td></tr></table></td></tr>\r\n</table>';
    const tables = htmlTables(html, vocabulary);
    expect(tables).toHaveLength(2);
    expect(tables[0]!.header.map((c) => c.text)).toEqual(['A', 'B']);
    expect(tables[0]!.rows).toHaveLength(1);
    expect(tables[0]!.rows[0]!.cells[1]!.text).toBe('inner');
    expect(tables[0]!.rows[0]!.span.line).toBe(3);
    expect(tables[1]!.header).toEqual([]);
    expect(tables[1]!.rows[0]!.cells[0]!.text).toBe('inner');
  });

  test('broken HTML does not throw: no tables, or the table as the HTML parser recovers it', () => {
    expect(htmlTables('', vocabulary)).toEqual([]);
    expect(htmlTables('<div><p>no table</p>', vocabulary)).toEqual([]);
    const [t] = htmlTables('<table><tr><td>open', vocabulary);
    expect(t!.rows[0]!.cells[0]!.text).toBe('open');
  });

  test('resolution stays inside the partials folder', () => {
    const site = { root: '/site', content: 'content', locales: ['en'], defaultLocale: 'en', layouts: 'layouts', static: 'static', shortcodeLinks: [], scopedShortcodes: [] };
    expect(partialPath(site, 'a/b.html')).toBe(path.resolve('/site/layouts/partials/a/b.html'));
    expect(partialPath(site, '/a/b.html')).toBe(path.resolve('/site/layouts/partials/a/b.html'));
    expect(partialPath(site, '../../../etc/passwd')).toBeNull();
    expect(partialPath(site, '..')).toBeNull();
    expect(partialPath(site, '')).toBeNull();
  });

  test('the section of an include is the headings around it', () => {
    const h = (depth: number, text: string, offset: number) => ({
      depth,
      text,
      anchor: '',
      explicitId: false,
      span: { line: 1, column: 1, endLine: 1, endColumn: 1, offset, endOffset: offset },
    });
    const headings = [h(2, 'A', 0), h(3, 'A.1', 10), h(2, 'B', 20), h(3, 'B.1', 30)];
    expect(sectionAt(headings, 15)).toEqual(['A', 'A.1']);
    expect(sectionAt(headings, 25)).toEqual(['B']);
    expect(sectionAt(headings, 40)).toEqual(['B', 'B.1']);
  });
});

const config = `extends: ["${path.join(repoRoot, 'fixtures/diff/base.config.yaml').replace(/\\/g, '/')}"]\n`;
const page = (body: string) => `---\ntitle: Python\ncode_lang: python\n---\n\n## Support\n\n${body}\n`;
const markdownTable = '| Capability | Minimum tracer version |\n|---|---|\n| Tracing | 2.0.0 |\n| Profiling | 2.1.0 |';
const htmlTable = (profiling: string) =>
  `<table>\n<thead><tr><th>Capability</th><th>Minimum tracer version</th></tr></thead>\n<tbody>\n<tr><td>Tracing</td><td>2.0.0</td></tr>\n<tr><td>Profiling</td><td>${profiling}</td></tr>\n</tbody>\n</table>\n`;

describe('facts of partials in extract and diff', () => {
  test('extract lists the partial table with locations in the partial', async () => {
    const dir = tempTree({
      'compatlint.config.yaml': config,
      'content/en/python.md': page('{{< partial name="python/caps.html" >}}'),
      'layouts/partials/python/caps.html': htmlTable('2.1.0'),
    });
    const r = await cli(['extract', 'content'], dir);
    expect(r.stderr).toBe('');
    const tables = JSON.parse(r.stdout).pages[0].tables;
    const partial = tables.find((t: { file: string }) => t.file === 'layouts/partials/python/caps.html');
    expect(partial).toBeDefined();
    expect(partial.kind).toBe('capabilities');
    expect(partial.rows[1].facts[0].line).toBe(5);
  });

  test('a partial that is a symbolic link out of the site root is not read', async () => {
    const outside = tempTree({ 'secret.html': htmlTable('9.9.9') });
    const dir = tempTree({
      'compatlint.config.yaml': config,
      'content/en/python.md': page('{{< partial name="python/caps.html" >}}'),
    });
    mkdirSync(path.join(dir, 'layouts/partials/python'), { recursive: true });
    symlinkSync(path.join(outside, 'secret.html'), path.join(dir, 'layouts/partials/python/caps.html'));
    const r = await cli(['extract', 'content'], dir);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).pages[0].tables).toEqual([]);
  });

  test('a table moving from a page into a partial is no change; editing the partial is a change on the page that includes it', async () => {
    const dir = tempTree({ 'compatlint.config.yaml': config, 'content/en/python.md': page(markdownTable) });
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' },
      });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'one');
    writeFileSync(path.join(dir, 'content/en/python.md'), page('{{< partial name="python/caps.html" >}}'));
    mkdirSync(path.join(dir, 'layouts/partials/python'), { recursive: true });
    writeFileSync(path.join(dir, 'layouts/partials/python/caps.html'), htmlTable('2.1.0'));
    const moved = await cli(['diff', '--base', 'HEAD', '-f', 'json', 'content'], dir);
    expect(moved.stderr).toBe('');
    expect(JSON.parse(moved.stdout).changes).toEqual([]);

    git('add', '-A');
    git('commit', '-q', '-m', 'two');
    writeFileSync(path.join(dir, 'layouts/partials/python/caps.html'), htmlTable('2.5.0'));
    const edited = await cli(['diff', '--base', 'HEAD', '-f', 'json', 'content'], dir);
    const changes = JSON.parse(edited.stdout).changes;
    expect(changes.map((c: { class: string; before: string; after: string }) => [c.class, c.before, c.after])).toEqual([['version-raised', '2.1.0', '2.5.0']]);
    // The old side reads the partial as committed, from git objects.
    expect(changes[0].head.file).toBe('layouts/partials/python/caps.html');
  });
});

describe.skipIf(!hasCorpus)('partials of the real tree (../shared/corpus/datadog)', () => {
  test('the SCA python.md page states the release branches of supported_versions.html', async () => {
    const r = await cli(['extract', '--preset', 'datadog', 'content/en/security/code_security/software_composition_analysis/setup_runtime/compatibility/python.md'], path.join(corpusRoot, 'datadog'));
    expect(r.stderr).toBe('');
    const tables = JSON.parse(r.stdout).pages[0].tables;
    const releases = tables.find((t: { file: string }) => t.file === 'layouts/partials/trace_collection/python/supported_versions.html');
    expect(releases.kind).toBe('release-branches');
    expect(releases.rows.map((row: { key: string }) => row.key)).toEqual(['>=3.0,<4', '>=2.0,<3', '<2']);
  });
});
