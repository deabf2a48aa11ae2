import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { globbySync } from 'globby';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, test } from 'vitest';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { mdxjs } from 'micromark-extension-mdxjs';
import { parseMarkdown } from '../src/parse/markdown.js';
import { parseMdx } from '../src/parse/mdx.js';
import { htmlComments, htmlCommentsFromMarkdown } from '../src/parse/mdx-comments.js';
import { repoRoot } from './helpers/cli.js';
import { corpusRoot, hasCorpus } from './helpers/corpus.js';
import { mdxPage, mutated, page } from './helpers/markdown-arbitraries.js';

/**
 * parseMarkdown runs GFM's literal-autolink transform only on blocks that could hold an autolink
 * (see src/parse/markdown.ts). The trees must stay exactly what remark-parse + remark-gfm +
 * remark-frontmatter build.
 */
const remark = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).freeze();
const runs = Math.min(Number(process.env.FUZZ_RUNS ?? 40) * 5, 2000);

function expectSameTree(text: string): void {
  expect(parseMarkdown(text)).toEqual(remark.parse(text));
}

const autolinkish = [
  'https://example.com/a_b_c', 'http://x.y/(z)', 'www.example.com.', 'www.x', 'WWW.EXAMPLE.COM/path?q=1)', 'a@b.co', 'a.b+c@d-e.f.g',
  'mailto:a@b.co', 'xmpp:a@b.co/res', 'user@localhost', '@handle', 'https://', 'x@', '[https://in.link](https://u.v)', '[w][1]',
  '<https://angle.example>', '`https://code.example`', '*www.em.example*', '**a@strong.example**', '~~https://del.example~~',
  '![alt https://img.example](i.png)', '[^1]', 'https://example.com/`tick`', '\\https://escaped.example', '&amp;https://ent.example',
  'https://example.com/a|b', 'www.example.com/<b>', 'text', '|', '\n', '  \n', '\\\n',
  // Only the transform links these (the syntax extension cannot start after `_` or `\_`).
  '_a@b.co_', 'a\\_b@c.de', '__x@y.example__',
] as const;

const autolinkPage = fc
  .array(
    fc.oneof(
      fc.array(fc.constantFrom(...autolinkish), { minLength: 1, maxLength: 6 }).map((p) => p.join(' ')),
      fc.array(fc.constantFrom(...autolinkish), { minLength: 1, maxLength: 3 }).map((p) => `| a | ${p.join(' ')} |\n| - | - |\n| ${p.join(' | ')} |`),
      fc.constantFrom('# www.head.example', '> quoted a@b.co', '- item https://li.example', '1. www.one.example', '[^1]: note https://fn.example', '[1]: https://def.example', '```\nhttps://fence.example\n```', '    https://indented.example'),
    ),
    { maxLength: 8 },
  )
  .map((blocks) => blocks.join('\n\n'));

describe('parseMarkdown builds the same tree as remark', () => {
  test('fixtures', () => {
    const files = globbySync('fixtures/**/*.md', { cwd: repoRoot, absolute: true });
    files.push(...globbySync('src/rules/*/fixtures/**/*.md', { cwd: repoRoot, absolute: true }));
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) expectSameTree(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  });

  test.skipIf(!hasCorpus)('real pages in ../shared/corpus', () => {
    const files = globbySync('**/*.md', { cwd: corpusRoot, absolute: true });
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expectSameTree(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  });

  test('literal autolinks in every kind of block', () => {
    fc.assert(fc.property(autolinkPage, (text) => expectSameTree(text)), { numRuns: runs });
  });

  test('generated and mutated pages', () => {
    fc.assert(fc.property(fc.oneof(page, mutated(page)), (text) => expectSameTree(text)), { numRuns: runs });
  });

  test('a link found by the transform is in the tree', () => {
    const tree = parseMarkdown('See https://example.com/x and a@b.co.\n\n| k | v |\n| - | - |\n| a | www.example.com |\n');
    const urls: string[] = [];
    const walk = (node: { type: string; url?: string; children?: unknown[] }): void => {
      if (node.type === 'link' && node.url) urls.push(node.url);
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    walk(tree);
    expect(urls).toEqual(['https://example.com/x', 'mailto:a@b.co', 'http://www.example.com']);
    const emphasised = parseMarkdown('Mail _a@b.co_ or a\\_b@c.de.');
    expect(JSON.stringify(emphasised)).toContain('"url":"mailto:a@b.co"');
    expect(JSON.stringify(emphasised)).toContain('"url":"mailto:a_b@c.de"');
  });
});


/**
 * parseMdx uses the same scoped literal-autolink transform: its trees must be those of the
 * whole-tree transform. (remark-mdx is not a dependency; the reference is the same extensions,
 * unscoped.) Pages with a `{#` heading id are left out: parseMdx escapes those first.
 */
function mdxReference(text: string): unknown {
  try {
    return fromMarkdown(text, {
      extensions: [gfm(), frontmatter(['yaml', 'toml']), mdxjs({ addResult: false }), htmlComments],
      mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml', 'toml']), mdxFromMarkdown(), htmlCommentsFromMarkdown],
    });
  } catch {
    return 'error';
  }
}

function expectSameMdxTree(text: string): void {
  if (/^#{1,6}(?!#).*\{#/m.test(text)) return;
  const parsed = parseMdx(text);
  expect(parsed.tree ?? 'error').toEqual(mdxReference(text));
}

describe('parseMdx builds the same tree as the whole-tree autolink transform', () => {
  test('fixtures', () => {
    const files = globbySync(['fixtures/**/*.mdx', 'src/rules/*/fixtures/**/*.mdx'], { cwd: repoRoot, absolute: true });
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expectSameMdxTree(readFileSync(file, 'utf8'));
  });

  test('generated and mutated pages', () => {
    fc.assert(fc.property(fc.oneof(mdxPage, mutated(mdxPage), autolinkPage), (text) => expectSameMdxTree(text)), { numRuns: runs });
  });
});
