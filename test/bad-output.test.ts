import type { Nodes, Root } from 'mdast';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, test } from 'vitest';
import type { DiffResult } from '../src/drift/diff.js';
import { diffFormatters } from '../src/drift/format.js';
import { summarize } from '../src/engine/run.js';
import type { Diagnostic, LintResult } from '../src/engine/types.js';
import { reporters } from '../src/reporters/index.js';
import { builtinRules } from '../src/rules/registry.js';
import { markdownCode, markdownText } from '../src/util/markdown.js';
import { cli, tempTree } from './helpers/cli.js';

// Page text reaches reports that people read in a terminal, a CI log, a pull-request comment:
// whatever a page holds, it shows as text there, never as a link, markup or a terminal command.

const context = { rules: builtinRules.map((r) => r.meta), color: false, toolVersion: '0.0.0-test' };

/** Text a GFM renderer would turn into live links. */
const linky = ['https://evil.example/x', 'HTTP://EVIL.EXAMPLE', 'www.evil.example', 'WWW.Evil.example/p', 'mail me@evil.example', 'mailto:me@evil.example', 'xmpp:me@evil.example', '(www.evil.example)', '_https://evil.example_'];

/** Control characters a terminal acts on: clear the screen, set the title, ring, reverse the line. */
const controls = ['\u001b[2J\u001b[H', '\u001b]0;owned\u0007', '\u009b31m', 'abc\u202edcba', '\u2066x\u2069', 'line\nbreak', 'cr\rhere', 'del\u007f'];

function diagnostic(message: string, file = 'docs/page.md'): Diagnostic {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 2, ruleId: 'consistency', severity: 'error', message, messageId: 'm', data: {}, related: [], facts: [] };
}

function resultOf(diagnostics: Diagnostic[]): LintResult {
  return { files: 1, checked: ['docs/page.md'], diagnostics, summary: summarize(diagnostics), notices: [] };
}

function* nodes(node: Nodes): Generator<Nodes> {
  yield node;
  if ('children' in node) for (const child of node.children) yield* nodes(child);
}

/** The links two GFM parsers find: remark (mdast) and micromark's HTML, which follows cmark-gfm. */
function linksIn(markdown: string): string[] {
  const root: Root = unified().use(remarkParse).use(remarkGfm).parse(markdown);
  const fromTree = [...nodes(root)].filter((n) => n.type === 'link').map((n) => (n as { url: string }).url);
  const fromHtml = [...micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()] }).matchAll(/<a href="([^"]*)"/g)].map((m) => m[1] as string);
  return [...fromTree, ...fromHtml];
}

const rawControl = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('Markdown: page text never becomes a link', () => {
  test.each(linky)('%s in a message', (text) => {
    const out = reporters.markdown!(resultOf([diagnostic(`Unexpected ${text} here, and \`code ${text}\``)]), context);
    expect(linksIn(out).filter((url) => url.includes('evil'))).toEqual([]);
  });

  test.each(linky)('%s in a diff cell, a file name, a revision', (text) => {
    const diff: DiffResult = {
      base: `main ${text}`,
      head: 'HEAD',
      pages: 1,
      changes: [{ class: 'value-changed', breaking: false, page: 'docs/page.md', table: { kind: 't', title: text }, row: text, before: text, after: `${text}!`, head: { file: 'docs/page.md', line: 3, column: 1 } }],
      problems: [{ file: `docs/${text}.md`, revision: 'HEAD', message: text }],
    };
    expect(linksIn(diffFormatters.markdown!(diff, { color: false, toolVersion: '0' })).filter((url) => url.includes('evil'))).toEqual([]);
  });

  test('the text still reads as written, escapes and all', () => {
    const text = 'see https://evil.example, www.evil.example and me@evil.example: *not* [a](b) `kept` \\ | $x$ <b>';
    const html = micromark(markdownText(text, { inTable: true }), { extensions: [gfm()], htmlExtensions: [gfmHtml()] });
    const shown = html.replace(/<\/?code>/g, '`').replace(/<\/?p>/g, '').replace(/\u2060/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').trim();
    expect(shown).toBe(text);
    expect(markdownCode('a|b`c', { inTable: true })).toBe('``a\\|b`c``');
  });

  test('diff --format markdown of rows named like links: none is live', async () => {
    const config = 'vocabulary:\n  deployment:\n    aws-lambda: ["AWS Lambda"]\ntables:\n  - id: deployments\n    match: { keyHeader: ["Type"] }\n    key: deployment\n    columns: capability\n';
    const table = (rows: string[]) => `| Type | Tracing |\n|---|---|\n${rows.map((r) => `| ${r} | {{< X >}} |\n`).join('')}`;
    const dir = tempTree({ 'compatlint.config.yaml': config, 'a.md': table(['AWS Lambda', 'www.evil.example', 'me@evil.example', 'https://evil.example']), 'b.md': table(['AWS Lambda']) });
    const r = await cli(['diff', 'a.md', 'b.md', '-f', 'markdown'], dir);
    expect(r.stdout.match(/evil/g)).toHaveLength(3);
    expect(linksIn(r.stdout)).toEqual([]);
  });
});

describe('text formats show control characters as escapes', () => {
  test.each(['stylish', 'compact', 'github', 'markdown'])('%s', (format) => {
    const out = reporters[format]!(resultOf(controls.map((c, i) => diagnostic(`Unexpected ${c} in a cell`, `docs/p${i}${c}.md`))), context);
    expect(out).not.toMatch(rawControl);
    expect(out).toContain('\\x1b[2J');
    expect(out).toContain('\\u202e');
  });

  test.each(['stylish', 'markdown'])('diff %s', (format) => {
    const diff: DiffResult = {
      base: 'HEAD~1',
      head: 'HEAD',
      pages: 1,
      changes: controls.map((c) => ({ class: 'value-changed', breaking: false, page: `docs/${c}.md`, table: { kind: 't', title: c }, row: c, before: c, after: c })),
      problems: [{ file: '\u001b[2J.md', revision: 'HEAD', message: 'binary' }],
    };
    const out = diffFormatters[format]!(diff, { color: false, toolVersion: '0' });
    expect(out).not.toMatch(rawControl);
    expect(out).toContain('\\x1b[2J');
  });

  test('a page whose reference label holds ESC, BEL and a right-to-left override: stylish and compact show escapes', async () => {
    const dir = tempTree({ 'p.md': '[y][\u001bc x\u202ey \u0007]\n' });
    for (const format of ['stylish', 'compact']) {
      const r = await cli(['check', '-f', format], dir);
      expect(r.stdout).toContain('\\x1bc x\\u202ey \\x07');
      expect(r.stdout).not.toMatch(rawControl);
    }
  });
});
