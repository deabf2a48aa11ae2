import type { Nodes } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx';

/**
 * What the page model reads of MDX's own nodes: JSX elements, `{expressions}`, `import`/`export`.
 * The model keeps no JavaScript; it keeps what a reader of the page sees of it.
 */

export type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;

/**
 * How JSX reads as text. `source`: as written, tags and `{expressions}` included, as inline
 * HTML stays in the text of a Markdown cell (so `<Yes />` in a cell is not an empty cell). `text`:
 * the text inside the tags and each expression's code, as mdast's `toString` and Docusaurus
 * read a heading. Either way a comment (`{/* ... *\/}`) renders nothing and reads as nothing.
 */
export type JsxText = 'source' | 'text';

/**
 * The plain text of a node: what mdast-util-to-string gives (text, code, HTML, image alt),
 * with MDX's nodes read as `jsx` says; without `html`, HTML nodes (tags) read as nothing.
 * Iterative: deeply nested JSX must not overflow the stack.
 */
export function plainText(node: Nodes, source: string, jsx: JsxText, html = true): string {
  let out = '';
  const stack: Array<Nodes | string> = [node];
  while (stack.length > 0) {
    const item = stack.pop() as Nodes | string;
    if (typeof item === 'string') {
      out += item;
      continue;
    }
    if (item.type === 'mdxTextExpression' || item.type === 'mdxFlowExpression') {
      if (!commentOnly(item.value)) out += jsx === 'source' ? sourceOf(item, source) : item.value;
      continue;
    }
    if ('value' in item) {
      if (html || item.type !== 'html') out += item.value;
      continue;
    }
    if ('alt' in item) {
      out += item.alt ?? '';
      continue;
    }
    if (!('children' in item)) continue;
    const children = item.children as Nodes[];
    const tags = jsx === 'source' && (item.type === 'mdxJsxTextElement' || item.type === 'mdxJsxFlowElement') ? jsxTags(item, source) : null;
    if (tags) stack.push(tags.closing);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Nodes);
    if (tags) stack.push(tags.opening);
  }
  return out;
}

/** A JSX element's opening and closing tags as written; a childless element is all opening tag. */
function jsxTags(element: JsxElement, source: string): { opening: string; closing: string } {
  const first = element.children[0]?.position?.start.offset;
  const last = element.children[element.children.length - 1]?.position?.end.offset;
  const start = element.position?.start.offset;
  const end = element.position?.end.offset;
  if (start === undefined || end === undefined) return { opening: '', closing: '' };
  if (first === undefined || last === undefined) return { opening: source.slice(start, end), closing: '' };
  return { opening: source.slice(start, first), closing: source.slice(last, end) };
}

/** Where an element's opening tag ends: at its first child, or (childless) at its end. */
export function openingTagEnd(element: JsxElement): number | undefined {
  return element.children[0]?.position?.start.offset ?? element.position?.end.offset;
}

function sourceOf(node: Nodes, source: string): string {
  const p = node.position;
  return p?.start.offset === undefined || p.end.offset === undefined ? '' : source.slice(p.start.offset, p.end.offset);
}

const commentRe = /\/\*[^]*?\*\/|\/\/[^\n\r]*/g;

/** An expression that is only comments (`{/* note *\/}`): MDX's way to write a comment. */
export function commentOnly(code: string): boolean {
  return code.trim() !== '' && code.replace(commentRe, '').trim() === '';
}

/**
 * The id of Docusaurus's comment heading id, `## Title {/* #my-id *\/}`: one block comment whose
 * first word starts with `#`. Null for anything else.
 */
export function commentHeadingId(code: string): string | null {
  const m = /^\s*\/\*([^]*?)\*\/\s*$/.exec(code);
  if (!m || (m[1] as string).includes('*/')) return null;
  const first = (m[1] as string).trim().split(' ')[0] ?? '';
  return first.startsWith('#') && first.length > 1 ? first.slice(1) : null;
}

/** The value of an attribute written as a string (`href="/x"`); null when absent, bare or an expression. */
export function stringAttribute(element: JsxElement, name: string): string | null {
  let value: string | null = null;
  // JSX, like React, keeps the last of a repeated attribute.
  for (const a of element.attributes) if (a.type === 'mdxJsxAttribute' && a.name === name) value = typeof a.value === 'string' ? a.value : null;
  return value;
}
