import type { Nodes, Parents, Root } from 'mdast';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { type Extension, fromMarkdown, type Transform } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';

/**
 * The same parser remark-parse + remark-gfm + remark-frontmatter(['yaml', 'toml']) builds, called
 * directly, with one change that keeps the tree identical: GFM's literal-autolink transform runs
 * only on the paragraphs, headings and table cells whose text could hold a literal autolink.
 *
 * That transform (mdast-util-gfm-autolink-literal) walks the whole tree four times, once per
 * pattern, on every page: about 6% of the parse time on the benchmark tree. Each of its
 * patterns needs `http://`, `https://`, `www.` or `@` in a text node, and it changes a text node
 * only from that node and the node's ancestors (it skips text inside links). So it is run on a
 * root holding one such block at a time, and the block's ancestors above it (lists, quotes) hold
 * no links. test/parse.test.ts compares the trees with remark's on the corpus, the fixtures and
 * generated pages.
 */
const matters = ['yaml', 'toml'] as const;
/** The syntax extensions of Markdown pages; MDX pages add theirs to these (src/parse/mdx.ts). */
export const micromarkExtensions = [gfm(), frontmatter([...matters])];
export const mdastExtensions: Array<Extension | Extension[]> = [
  gfmFromMarkdown().map((extension) => (extension.transforms?.length ? { ...extension, transforms: extension.transforms.map(scoped) } : extension)),
  frontmatterFromMarkdown([...matters]),
];

/** A text that any literal-autolink pattern could match contains one of these. */
const autolinkHint = /https?:\/\/|www\.|@/i;
const phrasingBlocks: ReadonlySet<string> = new Set(['paragraph', 'heading', 'tableCell']);
/** The transform leaves text inside these alone. */
const skipped: ReadonlySet<string> = new Set(['link', 'linkReference']);

/** Run a text transform only on the blocks that have a text node it could change. */
function scoped(transform: Transform): Transform {
  return (tree) => {
    for (const block of blocksWithHint(tree)) transform({ type: 'root', children: [block as Root['children'][number]] });
  };
}

function blocksWithHint(tree: Root): Parents[] {
  const found: Parents[] = [];
  // Iterative walk: deeply nested pages must not overflow the stack.
  // `block` is the paragraph, heading or table cell a node is in, else its parent.
  const stack: Array<{ node: Nodes; block: Parents | null }> = [{ node: tree, block: null }];
  while (stack.length > 0) {
    const { node, block } = stack.pop() as { node: Nodes; block: Parents | null };
    if (node.type === 'text') {
      if (block !== null && found[found.length - 1] !== block && autolinkHint.test(node.value)) found.push(block);
      continue;
    }
    if (!('children' in node) || skipped.has(node.type)) continue;
    const children = node.children as Nodes[];
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i] as Nodes;
      stack.push({ node: child, block: block ?? (child.type === 'text' || phrasingBlocks.has(node.type) ? node : null) });
    }
  }
  return found;
}

/** Parse Markdown (CommonMark + GFM + front matter) into mdast. The text must not start with a BOM. */
export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, { extensions: micromarkExtensions, mdastExtensions });
}
