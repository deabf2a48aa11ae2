import type { Heading as MdHeading, Nodes, Root } from 'mdast';
import { commentHeadingId, plainText } from './mdx.js';

/**
 * How a site generator turns a heading into its `id`:
 * - `hugo`: Hugo's default (`autoHeadingIDType: github`), inline HTML read as its source;
 * - `github`: github-slugger, as GitHub and Docusaurus make them, inline HTML left out;
 * - `python-markdown`: the `toc` extension's `slugify` (MkDocs), tags left out, ASCII only;
 * - `mdbook`: mdBook's `normalize_id`, tags left out.
 */
export type AnchorStyle = 'hugo' | 'github' | 'python-markdown' | 'mdbook';

/** What makes a page's anchors, per generator. */
export interface AnchorRules {
  style: AnchorStyle;
  /** `## Title {#id}` sets the id (Hugo, Docusaurus, mdBook; MkDocs with `attr_list`); else `{#id}` is heading text. */
  explicitIds: boolean;
  /** `id="..."` in a page's HTML is an anchor (false for Hugo without `markup.goldmark.renderer.unsafe`, which drops the HTML). */
  htmlIds: boolean;
}

export const HUGO_ANCHORS: AnchorRules = { style: 'hugo', explicitIds: true, htmlIds: true };

/**
 * Heading anchors as Hugo's default (`autoHeadingIDType: github`) generates them:
 * letters, digits and `_` kept and lowercased, each space, tab or `-` becomes `-`, anything
 * else dropped, after trimming.
 */
export function hugoAnchor(text: string): string {
  let out = '';
  for (const ch of text.trim()) {
    if (ch === ' ' || ch === '\t' || ch === '-') out += '-';
    else if (ch === '_' || /[\p{L}\p{Nd}]/u.test(ch)) out += ch.toLowerCase();
  }
  return out;
}

// github-slugger removes the general categories No, P (but Pc), S, Cc, Cf, Co, Cn and Z, except
// alphabetic characters, the space and `-`. Its table is generated from Unicode data; a Unicode
// property class says the same, so no package is needed for it.
const GITHUB_REMOVED = /[\p{No}\p{Pd}\p{Ps}\p{Pe}\p{Pi}\p{Pf}\p{Po}\p{S}\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Z}]/gu;
const ALPHABETIC = /\p{Alphabetic}/u;

/** github-slugger's `slug`: lowercased, the removed characters dropped, each space a `-` (no trimming). */
export function githubSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(GITHUB_REMOVED, (ch) => (ch === ' ' || ch === '-' || ALPHABETIC.test(ch) ? ch : ''))
    .replace(/ /g, '-');
}

/**
 * Python-Markdown's `toc.slugify` (the default, not `slugify_unicode`): decomposed and kept to
 * ASCII, anything but word characters, whitespace and `-` dropped, trimmed and lowercased, each
 * run of whitespace and `-` one `-`.
 */
export function pythonMarkdownSlug(text: string): string {
  const ascii = text.normalize('NFKD').replace(/[^\x00-\x7f]/g, '');
  return ascii
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[-\s]+/g, '-');
}

/**
 * mdBook's `id_from_content` (0.4): trimmed, leading `#` dropped, then alphanumerics, `_` and
 * `-` kept (only ASCII letters lowercased), whitespace made `-`, anything else dropped.
 */
export function mdbookSlug(text: string): string {
  let out = '';
  for (const ch of text.trim().replace(/^#+/, '').trim()) {
    if (ch === '_' || ch === '-' || /[\p{Alphabetic}\p{N}]/u.test(ch)) out += /[A-Z]/.test(ch) ? ch.toLowerCase() : ch;
    else if (/\s/u.test(ch)) out += '-';
  }
  return out;
}

export function slug(text: string, style: AnchorStyle): string {
  switch (style) {
    case 'hugo':
      return hugoAnchor(text);
    case 'github':
      return githubSlug(text);
    case 'python-markdown':
      return pythonMarkdownSlug(text);
    case 'mdbook':
      return mdbookSlug(text);
  }
}

/** Hands out unique anchors for one page, in heading order, as the generator numbers a repeated one. */
export class AnchorCounter {
  private readonly seen = new Map<string, number>();

  constructor(private readonly style: AnchorStyle = 'hugo') {}

  /** An id the page already has (an explicit one): a generated id does not take it. */
  reserve(id: string): void {
    if (!this.seen.has(id)) this.seen.set(id, 0);
  }

  unique(anchor: string): string {
    if (this.style === 'python-markdown') return this.pythonUnique(anchor);
    const n = this.seen.get(anchor);
    if (n === undefined) {
      this.seen.set(anchor, 0);
      return anchor;
    }
    if (this.style === 'mdbook') {
      // mdBook counts each id and appends the count, without checking what that makes.
      this.seen.set(anchor, n + 1);
      return `${anchor}-${n + 1}`;
    }
    let next = n + 1;
    while (this.seen.has(`${anchor}-${next}`)) next++;
    this.seen.set(anchor, next);
    this.seen.set(`${anchor}-${next}`, 0);
    return `${anchor}-${next}`;
  }

  /** Python-Markdown's `unique`: `id_1`, then `id_2`... and never an empty id. */
  private pythonUnique(anchor: string): string {
    let id = anchor;
    while (id === '' || this.seen.has(id)) {
      const m = /^(.*)_([0-9]+)$/.exec(id);
      id = m ? `${m[1]}_${Number(m[2]) + 1}` : `${id}_1`;
    }
    this.seen.set(id, 0);
    return id;
  }
}

/** One attribute of a heading's attribute list: `#id`, `.class`, `name`, `name=value`. */
const ATTRIBUTE = String.raw`(?:[#.][^\s{}]+|[\w-]+(?:=(?:"[^"]*"|'[^']*'|[^\s{}"']+))?)`;
/**
 * A heading's trailing attribute list: `{#id}` (Hugo), `{#id .class}` (Goldmark attributes),
 * `{: #id .class key=value}` (Python-Markdown's attr_list, as MkDocs writes it).
 */
const attributeListRe = new RegExp(String.raw`\s*\{:?\s*(${ATTRIBUTE}(?:\s+${ATTRIBUTE})*)\s*\}\s*$`);

/**
 * Split `Heading {#custom-id}` into its text and explicit id. An attribute list without an id
 * is split off too when it cannot be heading text (`{: .wide}`, `{.wide}`); `{word}` stays text.
 */
export function splitExplicitId(text: string): { text: string; id: string | null } {
  const m = attributeListRe.exec(text);
  if (!m) return { text, id: null };
  const attributes = (m[1] as string).split(/\s+/);
  const id = attributes.find((a) => a.startsWith('#') && a.length > 1);
  if (id !== undefined) return { text: text.slice(0, m.index), id: id.slice(1) };
  const attributeList = /^\s*\{:/.test(m[0]) || attributes.some((a) => a.startsWith('.'));
  return attributeList ? { text: text.slice(0, m.index), id: null } : { text, id: null };
}

/** A heading as its generator renders it. */
export interface HeadingId {
  /** The heading's text, whitespace collapsed, without its attribute list. */
  text: string;
  /** Its id; '' where the generator renders no heading (see `rendersAsHeading`). */
  anchor: string;
  explicitId: boolean;
}

interface Placed {
  node: MdHeading;
  /** List items around the heading, innermost last: their first line, and whether the heading is their first child. */
  items: Array<{ line: number; first: boolean }>;
}

/**
 * The id of every heading of a page, as the generator of `rules` makes them, in document order:
 * the one place that decides a heading's anchor, for the pages being checked and for the pages
 * links lead to. `source` is the page's text (JSX and HTML are read from it).
 */
export function headingIds(tree: Root, source: string, rules: AnchorRules): Map<MdHeading, HeadingId> {
  const placed: Placed[] = [];
  const stack: Array<{ node: Nodes; items: Placed['items'] }> = [{ node: tree, items: [] }];
  while (stack.length > 0) {
    const { node, items } = stack.pop() as { node: Nodes; items: Placed['items'] };
    if (node.type === 'heading') {
      placed.push({ node, items });
      continue;
    }
    if (!('children' in node)) continue;
    const children = node.children as Nodes[];
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i] as Nodes;
      const inner = node.type === 'listItem' ? [...items, { line: node.position?.start.line ?? 0, first: i === 0 }] : items;
      stack.push({ node: child, items: inner });
    }
  }
  const lines = source.split(/\r\n|\r|\n/);
  const read = placed.map(({ node, items }) => {
    const last = node.children[node.children.length - 1];
    // Docusaurus's id in an MDX comment, `## Title {/* #id */}`, else the `{#id}` at the end of the text.
    const commentId = last?.type === 'mdxTextExpression' ? commentHeadingId(last.value) : null;
    const raw = plainText(node, source, 'text', rules.style === 'hugo');
    const split = rules.explicitIds ? splitExplicitId(raw) : { text: raw, id: null };
    const id = commentId ?? split.id;
    return { node, text: split.text, id, rendered: rules.style !== 'python-markdown' || rendersAsHeading(node, items, lines) };
  });
  const counter = new AnchorCounter(rules.style);
  // Python-Markdown's toc knows every id the page sets before it makes any.
  if (rules.style === 'python-markdown') for (const h of read) if (h.id !== null) counter.reserve(h.id);
  const out = new Map<MdHeading, HeadingId>();
  for (const h of read) {
    const anchor = !h.rendered ? '' : (h.id ?? counter.unique(slug(h.text, rules.style)));
    out.set(h.node, { text: collapse(h.text), anchor, explicitId: h.id !== null && h.rendered });
  }
  return out;
}

/**
 * Whether Python-Markdown makes a heading of what CommonMark reads as a heading inside a list
 * item: only on the item's first line, or after a blank line and indented four spaces per list
 * level (Python-Markdown's list content indent); elsewhere the line is paragraph text.
 */
function rendersAsHeading(node: MdHeading, items: Placed['items'], lines: readonly string[]): boolean {
  const inner = items[items.length - 1];
  if (inner === undefined) return true;
  const line = node.position?.start.line ?? 0;
  if (inner.first && inner.line === line) return true;
  const text = lines[line - 1] ?? '';
  const indent = (/^[ \t]*/.exec(text) as RegExpExecArray)[0].replace(/\t/g, '    ').length;
  return (lines[line - 2] ?? '').trim() === '' && indent >= 4 * items.length;
}

function collapse(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}
