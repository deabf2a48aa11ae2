import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import { mdxjs } from 'micromark-extension-mdxjs';
import type { Extension as MicromarkExtension } from 'micromark-util-types';
import { mdastExtensions, micromarkExtensions } from './markdown.js';
import { htmlComments, htmlCommentsFromMarkdown, UnclosedComment } from './mdx-comments.js';

/** Why an MDX page could not be parsed, and where (0-based offset into the page's text). */
export interface MdxSyntaxError {
  reason: string;
  offset: number;
}

export type MdxParse = { tree: Root; error: null } | { tree: null; error: MdxSyntaxError };

let extensions: { micromark: MicromarkExtension[]; mdast: typeof mdastExtensions } | null = null;

/**
 * The parser's extensions, made on the first MDX page: a run without one does not pay for
 * them (acorn and its JSX plugin are built here). The estree of each expression is not kept:
 * the model reads no JavaScript, and acorn still checks every expression, import and export.
 */
function mdxExtensions(): NonNullable<typeof extensions> {
  extensions ??= {
    micromark: [...micromarkExtensions, mdxjs({ addResult: false }), htmlComments],
    mdast: [...mdastExtensions, mdxFromMarkdown(), htmlCommentsFromMarkdown],
  };
  return extensions;
}

/**
 * Parse an MDX page (`.mdx`) as Docusaurus 3 reads it by default: MDX (JSX, `{expressions}`,
 * `import`/`export`) with GFM and front matter, HTML comments allowed, and `{#id}` at the end
 * of a heading kept as the heading's text (Docusaurus escapes it before MDX sees it, as it is
 * not a JavaScript expression). Positions are those of the text given. A syntax error (an
 * unclosed tag, an expression that is not JavaScript) is returned, not thrown.
 */
export function parseMdx(text: string): MdxParse {
  const escaped = escapeHeadingIds(text);
  try {
    const { micromark, mdast } = mdxExtensions();
    const tree = fromMarkdown(escaped.text, { extensions: micromark, mdastExtensions: mdast });
    if (escaped.inserted.length > 0) restorePositions(tree, escaped);
    return { tree, error: null };
  } catch (error) {
    const syntax = syntaxError(error, escaped.text);
    if (syntax === null) throw error;
    return { tree: null, error: { ...syntax, offset: escaped.original(syntax.offset) } };
  }
}

/** An error of the MDX parser (a VFileMessage from micromark's or mdast's MDX extensions, an unclosed comment), else null. */
function syntaxError(error: unknown, text: string): MdxSyntaxError | null {
  if (error instanceof UnclosedComment) return { reason: error.message, offset: error.offset };
  if (!(error instanceof Error)) return null;
  const { source, reason, place, cause } = error as Error & { source?: unknown; reason?: unknown; place?: unknown; cause?: unknown };
  if (typeof source !== 'string' || !/^(micromark-extension-mdx|mdast-util-mdx)/.test(source) || typeof reason !== 'string') return null;
  const point = place && typeof place === 'object' && 'start' in place ? (place as { start: unknown }).start : place;
  let offset = point && typeof point === 'object' && typeof (point as { offset?: unknown }).offset === 'number' ? (point as { offset: number }).offset : 0;
  // A tag left open: the error is placed at the block it is in (or nowhere, at the end of the
  // page); the tag itself, where the fix goes, is named only in the message: `<Tabs>` (5:1-5:7).
  const openTag = /^Expected a closing tag for `[^`]*` \((\d+):(\d+)-\d+:\d+\)/.exec(reason);
  if (openTag) offset = offsetOf(text, Number(openTag[1]), Number(openTag[2])) ?? offset;
  // acorn's own words say what is wrong in an expression: `Could not parse expression with acorn: Unexpected token`.
  const detail = cause instanceof Error && cause.message !== '' ? `: ${cause.message}` : '';
  return { reason: `${reason}${detail}`, offset };
}

interface Escaped {
  text: string;
  /** Offsets in the original text where a `\` was inserted, ascending. */
  inserted: number[];
  /** Their lines (1-based), the same in both texts. */
  lines: number[];
  /** The original offset of an offset in the escaped text. */
  original(offset: number): number;
}

/** An ATX heading line that starts its line, as Docusaurus's `escapeMarkdownHeadingIds` finds them. */
const headingLineRe = /^#{1,6}(?!#).*$/gm;
const frontMatterRe = /^(---|\+\+\+)[ \t]*(?:\r\n|\n|\r)[^]*?(?:\r\n|\n|\r)\1[ \t]*(?:\r\n|\n|\r|$)/;

/**
 * `{#` on a heading line becomes `\{#`, as Docusaurus does before it hands a page to MDX
 * (`markdown.mdx1Compat.headingIds`), so `## Title {#id}` reads as text. Front matter is left alone.
 */
function escapeHeadingIds(text: string): Escaped {
  const inserted: number[] = [];
  const lines: number[] = [];
  const start = frontMatterRe.exec(text)?.[0].length ?? 0;
  headingLineRe.lastIndex = start;
  let line = 1;
  let counted = 0;
  for (let m = headingLineRe.exec(text); m !== null; m = headingLineRe.exec(text)) {
    const at = m[0].indexOf('{#');
    if (at === -1 || m[0][at - 1] === '\\') continue;
    line += countLineBreaks(text, counted, m.index);
    counted = m.index;
    inserted.push(m.index + at);
    lines.push(line);
  }
  const parts: string[] = [];
  let from = 0;
  for (const at of inserted) {
    parts.push(text.slice(from, at), '\\');
    from = at;
  }
  parts.push(text.slice(from));
  const original = (offset: number): number => offset - insertedBefore(inserted, offset);
  return { text: parts.join(''), inserted, lines, original };
}

/** How many inserted characters lie before `offset` of the escaped text (the k-th sits at `inserted[k] + k`). */
function insertedBefore(inserted: readonly number[], offset: number): number {
  let low = 0;
  let high = inserted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((inserted[mid] as number) + mid < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The offset of a 1-based line and column (lines end at CRLF, LF or CR, as micromark counts them), or null. */
function offsetOf(text: string, line: number, column: number): number | null {
  let start = 0;
  for (let n = 1; n < line; n++) {
    while (start < text.length && text[start] !== '\n' && text[start] !== '\r') start++;
    if (start === text.length) return null;
    start += text[start] === '\r' && text[start + 1] === '\n' ? 2 : 1;
  }
  const offset = start + column - 1;
  return offset <= text.length ? offset : null;
}

function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

interface Point {
  line: number;
  column: number;
  offset?: number | undefined;
}

/** Move every position of the tree (JSX attributes too) from the escaped text back to the original one. */
function restorePositions(tree: Root, escaped: Escaped): void {
  const restore = (point: Point): void => {
    if (point.offset === undefined) return;
    const before = insertedBefore(escaped.inserted, point.offset);
    point.offset -= before;
    if (before > 0 && escaped.lines[before - 1] === point.line) point.column--;
  };
  // Iterative walk: deeply nested pages must not overflow the stack.
  const stack: Array<{ position?: { start: Point; end: Point } | undefined }> = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.position) {
      restore(node.position.start);
      restore(node.position.end);
    }
    if ('attributes' in node) for (const attribute of node.attributes) stack.push(attribute);
    if ('children' in node) for (const child of node.children as Nodes[]) stack.push(child);
  }
}
