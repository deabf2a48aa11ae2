import { readFileSync } from 'node:fs';
import path from 'node:path';
import { globbySync } from 'globby';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { PageBuilder } from '../src/load/build.js';
import { pageFromBytes } from '../src/load/page.js';
import { syntaxOf as pageSyntax } from '../src/model/extract.js';
import { extractPage } from '../src/model/extract.js';
import { LineIndex } from '../src/model/lines.js';
import type { PageModel, Span } from '../src/model/types.js';
import { cli, repoRoot } from './helpers/cli.js';
import { corpusRoot, hasCorpus } from './helpers/corpus.js';

const site = path.join(repoRoot, 'fixtures/docusaurus-mdx');
const read = (file: string) => readFileSync(path.join(site, file), 'utf8');
const mdx = (text: string) => extractPage(text, { syntax: 'mdx' });

/** The line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  expect(i, `${needle} in the page`).toBeGreaterThanOrEqual(0);
  return text.slice(0, i).split('\n').length;
}

/** Every span of a model agrees with its offsets, as LineIndex counts them. */
function expectSpansMatchOffsets(model: object, text: string): void {
  const index = new LineIndex(text);
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach(visit);
    const o = value as Record<string, unknown>;
    if (typeof o.offset === 'number' && typeof o.endOffset === 'number' && typeof o.line === 'number') expect({ ...o }).toEqual(index.span(o.offset, o.endOffset));
    Object.values(o).forEach(visit);
  };
  visit(model);
}

const slice = (text: string, span: Span) => text.slice(span.offset, span.endOffset);

describe('which pages are MDX', () => {
  test('.mdx pages only; .md and .markdown stay Markdown', () => {
    expect(['a.mdx', 'docs/B.MDX', 'a.md', 'a.markdown', 'a.mdx.md'].map(pageSyntax)).toEqual(['mdx', 'mdx', 'markdown', 'markdown', 'markdown']);
  });

  test('the same text reads as MDX in a .mdx page and as Markdown in a .md page', () => {
    const text = read('docs/install.mdx');
    const asMdx = pageFromBytes('docs/install.mdx', Buffer.from(text));
    const asMd = pageFromBytes('docs/install.md', Buffer.from(text));
    expect(asMdx.links.map((l) => l.url)).toContain('#support-policy');
    // To Markdown, `<a href>` is inline HTML (a link too, read from the tag), and
    // `{/* #requirements */}` is heading text.
    const jsxLink = asMdx.links.find((l) => l.url === '#support-policy')!;
    const htmlLink = asMd.links.find((l) => l.url === '#support-policy')!;
    expect(jsxLink.text).not.toBe('');
    expect(htmlLink.text).toBe('');
    expect(asMd.headings.map((h) => h.anchor)).not.toContain('requirements');
    expect(asMdx.headings.map((h) => h.anchor)).toEqual(['install', 'requirements']);
  });
});

describe('an MDX page in the model', () => {
  const text = read('docs/install.mdx');
  const page = mdx(text);

  test('imports, exports and expressions leave headings, tables and links alone', () => {
    expect(page.problems).toEqual([]);
    expect(page.frontMatter?.data).toEqual({ title: 'Install' });
    expect(page.headings.map((h) => [h.text, h.anchor, h.explicitId])).toEqual([
      ['Install', 'install', true],
      ['Requirements', 'requirements', true],
    ]);
    expect(page.tables).toHaveLength(2);
    expectSpansMatchOffsets(page, text);
  });

  test('tables inside <Tabs><TabItem> are read, at their lines, under their headings', () => {
    const [linux, windows] = page.tables;
    expect(linux?.section).toEqual(['Install', 'Requirements']);
    expect(linux?.header.map((c) => c.text)).toEqual(['Runtime', 'Minimum version']);
    expect(linux?.rows.map((r) => r.cells.map((c) => c.raw))).toEqual([['Python', '3.8'], ['Node.js', '18']]);
    expect(windows?.rows[0]?.cells[1]?.value).toMatchObject({ kind: 'version' });
    const cell = linux?.rows[0]?.cells[1];
    expect(cell?.span.line).toBe(lineOf(text, '| Python | 3.8 |'));
    expect(slice(text, cell?.span as Span)).toBe('3.8');
    // Indented under the JSX, the lines can still be rewritten (table-alignment's fix).
    expect(linux?.lines.map((l) => l.text)).toEqual(['| Runtime | Minimum version |', '|---|---|', '| Python | 3.8 |', '| Node.js | 18 |']);
  });

  test('JSX <a href> and <img src> are links and images, at the element', () => {
    const jsxLinks = page.links.filter((l) => slice(text, l.span).startsWith('<a'));
    expect(jsxLinks.map((l) => [l.url, l.text])).toEqual([
      ['#requirements', 'the requirements'],
      ['#support-policy', 'the support policy'],
      ['#tab-os', 'the tabs'],
    ]);
    expect(slice(text, jsxLinks[1]?.span as Span)).toBe('<a href="#support-policy">the support policy</a>');
    expect(page.images).toEqual([expect.objectContaining({ url: 'https://example.com/diagram.png', alt: 'Diagram' })]);
  });

  test('HTML and MDX comments are control comments', () => {
    expect(page.html.map((h) => h.value)).toContain('<!-- truncate -->');
    expect(page.comments).toEqual([
      expect.objectContaining({ directive: 'disable-next-line', rules: ['link-anchor-missing'], span: expect.objectContaining({ line: lineOf(text, '{/* compatlint-disable-next-line') }) }),
    ]);
  });
});

describe('MDX details', () => {
  test('JSX and expressions in a cell read as written, not as an empty cell', () => {
    const [table] = mdx('| Runtime | Minimum version |\n|---|---|\n| Python | <Yes /> |\n| Node.js | {versions.node} |\n| Go | {/* unknown */} |\n').tables;
    expect(table?.rows.map((r) => [r.cells[1]?.text, r.cells[1]?.value.kind])).toEqual([
      ['<Yes />', 'text'],
      ['{versions.node}', 'text'],
      ['', 'unsupported'],
    ]);
  });

  test('a heading reads its text without JSX tags or comments', () => {
    const page = mdx('## Setup <Badge type="beta">beta</Badge> {/* a note */}\n\n## Install {/* #setup-id and more words */}\n');
    expect(page.headings.map((h) => [h.text, h.anchor])).toEqual([
      ['Setup beta', 'setup-beta'],
      ['Install', 'setup-id'],
    ]);
  });

  test('positions after a `{#id}` heading are those of the page, not of the escaped text', () => {
    const text = '# A {#a}\r\n## B [b](#a) {#b}\r\n\r\n| k | v |\r\n|---|---|\r\n| x | [y](#b) |\r\n';
    const page = mdx(text);
    expect(page.headings.map((h) => h.anchor)).toEqual(['a', 'b']);
    expect(page.links.map((l) => slice(text, l.span))).toEqual(['[b](#a)', '[y](#b)']);
    expect(slice(text, page.headings[1]?.span as Span)).toBe('## B [b](#a) {#b}');
    expectSpansMatchOffsets(page, text);
  });

  test('`{#` in front matter is not a heading id', () => {
    const page = mdx('---\n# {#not} a YAML comment\ntitle: x\n---\n# T {#t}\n');
    expect(page.frontMatter?.keys.title).toMatchObject({ line: 3, column: 1 });
    expect(page.headings[0]?.anchor).toBe('t');
  });

  test('shortcode-like text inside an expression is code', () => {
    expect(mdx('Text {"{{< tab >}}"}\n').shortcodes).toEqual([]);
  });

  test.each([
    ['an unclosed tag', '# T\n\n<Tabs>\n  <TabItem>\n\n  text\n\n  </TabItem>\n', 3, /Expected a closing tag for `<Tabs>`/],
    ['a mismatched closing tag', '<a>\n\ntext\n\n</b>\n', 5, /Unexpected closing tag `<\/b>`/],
    ['an expression that is not JavaScript', 'a\n\nb {1 +} c\n', 3, /Could not parse expression with acorn/],
    ['an unclosed expression', 'a {b\n', 1, /expected a corresponding closing brace/],
    ['an export that is not JavaScript', '# T\n\nexport const x = ;\n\ntext\n', 3, /Could not parse import\/exports with acorn: Unexpected token/],
    ['an unclosed HTML comment', '# T\n\n<!-- no end\n', 3, /unclosed HTML comment/],
    ['a `<` that starts no tag', 'a <3 b\n', 1, /Unexpected character `3`/],
  ])('%s is a parse-error at its line, and nothing else of the page', (_what, text, line, reason) => {
    const page = mdx(text);
    expect(page.problems).toEqual([expect.objectContaining({ ruleId: 'parse-error', messageId: 'mdx', span: expect.objectContaining({ line }) })]);
    expect(page.problems[0]?.data.reason).toMatch(reason);
    expect(page.tables).toEqual([]);
    expect(page.lineCount).toBe(new LineIndex(text).lineCount);
    // The same text in a .md page is Markdown, which has no syntax errors.
    expect(extractPage(text).problems).toEqual([]);
  });
});

describe('MDX pages through the page builder and the command line (fixtures/docusaurus-mdx)', () => {
  test('the page builder gives the facts of tables in tabs, and a parse-error for a broken page', async () => {
    const config = await loadConfig({ cwd: site, configFile: 'compatlint.config.yaml', lookup: false });
    const builder = new PageBuilder(config, site);
    const build = (file: string): PageModel => builder.build(path.join(site, file), file, readFileSync(path.join(site, file))).page;
    const install = build('docs/install.mdx');
    expect(install.facts?.tables.map((t) => [t.kind, t.rows.map((r) => `${r.keyId}=${r.facts[0]?.raw}`)])).toEqual([
      ['runtimes', ['python=3.8', 'node=18']],
      ['runtimes', ['python=3.9', 'node=18']],
    ]);
    const broken = build('docs/broken.mdx');
    expect(broken.problems).toEqual([expect.objectContaining({ ruleId: 'parse-error', span: expect.objectContaining({ line: 6 }) })]);
    expect(broken.facts).toBeNull();
  });

  test('check reports the wrong fact in a tab, the broken JSX link and the broken page; the rest still checks', async () => {
    const r = await cli(['check', '-f', 'json'], site);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const install = read('docs/install.mdx');
    const found = (JSON.parse(r.stdout) as { diagnostics: Array<{ file: string; line: number; ruleId: string; related: Array<{ file: string; line: number }> }> }).diagnostics;
    expect(found.map((d) => [d.file, d.line, d.ruleId])).toEqual([
      ['docs/broken.mdx', 6, 'parse-error'],
      ['docs/install.mdx', lineOf(install, '| Python | 3.8 |'), 'consistency'],
      ['docs/install.mdx', lineOf(install, 'href="#support-policy"'), 'link-anchor-missing'],
      ['docs/requirements.md', 8, 'link-anchor-missing'],
    ]);
    expect(found[1]?.related.map((x) => [x.file, x.line])).toEqual([
      ['docs/install.mdx', lineOf(install, '| Python | 3.9 |')],
      ['docs/requirements.md', 5],
    ]);
  });
});

describe.skipIf(!hasCorpus)('real MDX pages in ../shared/corpus', () => {
  const files = hasCorpus ? globbySync('**/*.mdx', { cwd: corpusRoot }) : [];

  test('parse with no parse-error, and their tables are found', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = readFileSync(path.join(corpusRoot, file), 'utf8');
      const page = pageFromBytes(file, Buffer.from(text));
      expect(page.problems, file).toEqual([]);
      const tableRows = text.split('\n').filter((l) => /^\s*\|.*\|\s*$/.test(l)).length;
      expect(page.tables.length, file).toBeGreaterThan(0);
      // Every table line is in a table: header, delimiter and rows.
      expect(page.tables.reduce((n, t) => n + t.rows.length + 2, 0), file).toBe(tableRows);
      // A heading that writes Docusaurus's comment id gets it as its anchor.
      for (const h of page.headings) {
        const written = /\{\/\*\s*#(\S+)\s*\*\/\}\s*$/.exec(slice(text, h.span));
        if (written) expect([h.anchor, h.explicitId], file).toEqual([written[1], true]);
      }
      expectSpansMatchOffsets(page, text);
    }
  });
});
