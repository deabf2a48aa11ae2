import type { Heading as MdHeading, Nodes, Parents, PhrasingContent, Root, RootContent, Table as MdTable, TableCell, TableRow as MdTableRow } from 'mdast';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import { parseTomlFrontMatter, parseYamlFrontMatter } from './frontmatter.js';
import { parseMarkdown } from '../parse/markdown.js';
import { parseMdx } from '../parse/mdx.js';
import { DEFAULT_PAGE_LIMITS, overBudget, type PageLimits } from '../parse/budget.js';
import { deepestNesting, MAX_NESTING_DEPTH } from '../parse/nesting.js';
import { type AnchorRules, type HeadingId, headingIds, HUGO_ANCHORS, splitExplicitId } from './anchor.js';
import { scanControlComments } from './comments.js';
import { LineIndex } from './lines.js';
import { commentOnly, type JsxElement, type JsxText, openingTagEnd, plainText, stringAttribute } from './mdx.js';
import { DELIMITER_ROW_SOURCE, looksLikeDelimiterRow, looksLikeTableRow } from './pipe-rows.js';
import { type Range, scanShortcodes } from './shortcodes.js';
import type {
  Cell,
  Definition,
  Footnotes,
  FrontMatter,
  Heading,
  HtmlFragment,
  Image,
  Link,
  PageModel,
  PageProblem,
  PipeParagraph,
  Reference,
  ReferenceCandidate,
  Row,
  Span,
  Table,
  TableLine,
} from './types.js';
import { type CompiledVocabulary, compileVocabulary, defaultValueVocabulary, normalizeValue } from './values.js';

/** How a page is written: Markdown (CommonMark, GFM, front matter), or MDX on top of it. */
export type PageSyntax = 'markdown' | 'mdx';

export interface ExtractOptions {
  vocabulary?: CompiledVocabulary;
  /** Default `markdown`. */
  syntax?: PageSyntax;
  /** What a page may hold before it is reported instead of parsed (config `limits`). */
  limits?: PageLimits;
  /** How the site's generator makes heading anchors; default Hugo's. */
  anchors?: AnchorRules;
}

const defaultVocabulary = compileVocabulary(defaultValueVocabulary);

/**
 * How a page is parsed, by its name: `.mdx` pages as MDX, all others as Markdown. (Docusaurus
 * reads `.md` pages as MDX too unless its `markdown.format` is `detect`; Markdown is the
 * lenient reading of them: JSX in a `.md` page is HTML to it, never a syntax error.)
 */
export function syntaxOf(file: string): PageSyntax {
  return /\.mdx$/i.test(file) ? 'mdx' : 'markdown';
}

/** Page fields that depend only on the text; `file` and `hash` are the loader's. */
export type ExtractedPage = Omit<PageModel, 'file' | 'hash' | 'facts'>;

/** Turn one page's text (BOM already removed) into its model. */
export function extractPage(text: string, options: ExtractOptions = {}): ExtractedPage {
  const index = new LineIndex(text);
  const nesting = deepestNesting(text);
  if (nesting.depth > MAX_NESTING_DEPTH) {
    // Parsing would take minutes (see MAX_NESTING_DEPTH): report the page instead.
    return {
      ...unparsedPage({
        ruleId: 'parse-error',
        messageId: 'tooDeep',
        data: { depth: nesting.depth, limit: MAX_NESTING_DEPTH },
        span: index.span(nesting.offset, nesting.endOffset),
      }),
      lineEnding: index.lineEnding,
      lineCount: index.lineCount,
    };
  }
  const budget = overBudget(text, options.limits ?? DEFAULT_PAGE_LIMITS);
  if (budget) {
    // Parsing it would take too long or too much memory (see PageLimits): report the page instead.
    return {
      ...unparsedPage({
        ruleId: 'parse-error',
        messageId: budget.limit,
        data: { found: budget.found, limit: budget.max },
        span: index.span(budget.offset, budget.endOffset),
      }),
      lineEnding: index.lineEnding,
      lineCount: index.lineCount,
    };
  }
  let tree: Root;
  if (options.syntax === 'mdx') {
    const parsed = parseMdx(text);
    if (parsed.error) {
      const { reason, offset } = parsed.error;
      const end = Math.min(offset + 1, index.lineEnd(index.lineOf(offset)));
      return {
        ...unparsedPage({ ruleId: 'parse-error', messageId: 'mdx', data: { reason }, span: index.span(offset, Math.max(offset, end)) }),
        lineEnding: index.lineEnding,
        lineCount: index.lineCount,
      };
    }
    tree = parsed.tree;
  } else {
    tree = parseMarkdown(text);
  }
  const extractor = new Extractor(text, index, options.vocabulary ?? defaultVocabulary, options.anchors ?? HUGO_ANCHORS);
  extractor.run(tree);
  return extractor.result();
}

/** The model of a page that was not parsed (unreadable, too large, too deep): only the problem that stopped it. */
export function unparsedPage(problem: PageProblem): ExtractedPage {
  return {
    bom: false,
    lineEnding: 'none',
    lineCount: 0,
    frontMatter: null,
    headings: [],
    tables: [],
    pipeParagraphs: [],
    definitions: [],
    references: [],
    footnotes: { definitions: [], references: [] },
    referenceCandidates: [],
    links: [],
    images: [],
    shortcodes: [],
    html: [],
    comments: [],
    problems: [problem],
  };
}

/** CommonMark label matching: case-folded, inner whitespace collapsed, trimmed. */
export const normalizeLabel = normalizeIdentifier;

const labelChars = String.raw`(?:[^\[\]\\\n]|\\.)`;
/** A label may run over lines (not over a blank one), as CommonMark allows. */
const wrappedLabelChars = String.raw`(?:[^\[\]\\\n]|\\.|\n(?![ \t>]*\n))`;
const fullTailRe = new RegExp(String.raw`(?<!\\)\]\[(${wrappedLabelChars}+)\]`, 'g');
const leadingLabelRe = new RegExp(String.raw`^\[(${wrappedLabelChars}+)\]`);
const collapsedRe = new RegExp(String.raw`(?<!\\)\[(${wrappedLabelChars}+)\]\[\]`, 'g');
/** A delimiter row (`| :--- | ---: |`) after a container prefix (group 1, `> ` or indentation). */
const delimiterRowRe = new RegExp(String.raw`^([ \t>]*?)(${DELIMITER_ROW_SOURCE})[ \t]*$`);

/** True when the character at `i` is escaped by an odd number of backslashes. */
function isEscaped(text: string, i: number): boolean {
  let n = 0;
  while (i - n - 1 >= 0 && text[i - n - 1] === '\\') n++;
  return n % 2 === 1;
}

const spacedRe = new RegExp(String.raw`(?<!\\)\][ \t]+\[(${labelChars}+)\]`, 'g');

class Extractor {
  private frontMatter: FrontMatter | null = null;
  private readonly headings: Heading[] = [];
  private readonly tables: Table[] = [];
  private readonly pipeParagraphs: PipeParagraph[] = [];
  private readonly definitions: Definition[] = [];
  private readonly references: Reference[] = [];
  private readonly footnotes: Footnotes = { definitions: [], references: [] };
  private readonly candidates: ReferenceCandidate[] = [];
  private readonly links: Link[] = [];
  private readonly images: Image[] = [];
  private readonly html: HtmlFragment[] = [];
  /** MDX comments (`{/* ... *\/}`), which may be control comments. */
  private readonly mdxComments: Array<{ value: string; span: Span }> = [];
  private readonly problems: PageProblem[] = [];
  private readonly codeRanges: Range[] = [];
  private readonly tableRanges: Range[] = [];
  private ids = new Map<MdHeading, HeadingId>();
  /** Enclosing headings of the current position, by depth. */
  private readonly headingStack: Array<{ depth: number; text: string }> = [];
  private lastParagraphEnd = -1;
  /** The last paragraph, whose text becomes the caption of a table right after it. */
  private lastParagraph: Nodes | null = null;

  constructor(
    private readonly text: string,
    private readonly index: LineIndex,
    private readonly vocabulary: CompiledVocabulary,
    private readonly anchorRules: AnchorRules,
  ) {}

  run(tree: Root): void {
    this.checkUnterminatedFrontMatter(tree);
    this.ids = headingIds(tree, this.text, this.anchorRules);
    // Iterative walk: deeply nested input (thousands of blockquotes) must not overflow the stack.
    const stack: Array<{ node: Nodes; inTable: boolean }> = [{ node: tree, inTable: false }];
    while (stack.length > 0) {
      const { node, inTable } = stack.pop() as { node: Nodes; inTable: boolean };
      this.visit(node, inTable);
      if ('children' in node) {
        const children = (node as Parents).children as Nodes[];
        const childInTable = inTable || node.type === 'table';
        for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] as Nodes, inTable: childInTable });
      }
    }
  }

  result(): ExtractedPage {
    this.codeRanges.sort((a, b) => a.start - b.start);
    const shortcodes = scanShortcodes(this.text, this.index, mergeRanges(this.codeRanges), this.tableRanges);
    const scan = (fragment: { value: string; span: Span }, syntax: 'html' | 'mdx') =>
      scanControlComments(fragment.value, (s, e) => this.index.span(fragment.span.offset + s, fragment.span.offset + e), syntax);
    const comments = [...this.html.flatMap((h) => scan(h, 'html')), ...this.mdxComments.flatMap((c) => scan(c, 'mdx'))].sort((x, y) => x.span.offset - y.span.offset);
    return {
      bom: false,
      lineEnding: this.index.lineEnding,
      lineCount: this.index.lineCount,
      frontMatter: this.frontMatter,
      headings: this.headings,
      tables: this.tables,
      pipeParagraphs: this.pipeParagraphs,
      definitions: this.definitions,
      references: this.references,
      footnotes: this.footnotes,
      referenceCandidates: this.candidates,
      links: this.links,
      images: this.images,
      shortcodes,
      html: this.html,
      comments,
      problems: this.problems,
    };
  }

  private spanOf(node: Nodes): Span {
    const p = node.position;
    if (!p || p.start.offset === undefined || p.end.offset === undefined) return this.index.span(0, 0);
    return this.index.span(p.start.offset, p.end.offset);
  }

  private visit(node: Nodes, inTable: boolean): void {
    // remark-frontmatter adds `toml` nodes, which mdast's types do not list.
    if ((node.type as string) === 'toml') {
      this.visitToml((node as unknown as { value: string }).value, this.spanOf(node));
      return;
    }
    switch (node.type) {
      case 'yaml':
        this.visitYaml(node.value, this.spanOf(node));
        break;
      case 'heading':
        this.visitHeading(node);
        break;
      case 'paragraph': {
        const span = this.spanOf(node);
        this.lastParagraphEnd = span.endOffset;
        this.lastParagraph = node;
        this.visitParagraph(span);
        break;
      }
      case 'table':
        this.visitTable(node);
        break;
      case 'definition':
        this.definitions.push({
          label: node.label ?? node.identifier,
          identifier: normalizeLabel(node.label ?? node.identifier),
          url: node.url,
          title: node.title ?? null,
          span: this.spanOf(node),
        });
        break;
      case 'footnoteDefinition': {
        const label = node.label ?? node.identifier;
        // The definition's first line: its content may run on over indented lines.
        const span = this.spanOf(node);
        this.footnotes.definitions.push({ label, identifier: normalizeLabel(label), span });
        break;
      }
      case 'footnoteReference':
        this.footnotes.references.push(normalizeLabel(node.label ?? node.identifier));
        break;
      case 'code':
      case 'inlineCode': {
        const span = this.spanOf(node);
        this.codeRanges.push({ start: span.offset, end: span.endOffset });
        break;
      }
      case 'html': {
        const span = this.spanOf(node);
        this.html.push({ block: !inTable && this.isBlockHtml(span), value: node.value, span });
        this.visitHtmlLinks(span);
        break;
      }
      case 'link':
        this.links.push({ url: node.url, title: node.title ?? null, text: this.textOf(node), span: this.spanOf(node) });
        break;
      case 'image':
        this.images.push({ url: node.url, alt: node.alt ?? '', title: node.title ?? null, span: this.spanOf(node) });
        break;
      case 'linkReference':
      case 'imageReference':
        this.visitReference(node);
        break;
      case 'text':
        this.scanCandidates(node);
        break;
      case 'mdxjsEsm':
      case 'mdxFlowExpression':
      case 'mdxTextExpression': {
        // JavaScript is code: no shortcodes in it. A comment may be a control comment.
        const span = this.spanOf(node);
        this.codeRanges.push({ start: span.offset, end: span.endOffset });
        if (node.type !== 'mdxjsEsm' && commentOnly(node.value)) this.mdxComments.push({ value: this.text.slice(span.offset, span.endOffset), span });
        break;
      }
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        this.visitJsx(node, inTable);
        break;
      default:
        break;
    }
  }

  /**
   * `<a href>` and `<img src>` written as HTML in a Markdown page are links and images too: the
   * site serves them like any other, so the link rules check them. Read from the source (not the
   * node's value, which lacks a block quote's `> `) so that positions are exact.
   */
  private visitHtmlLinks(span: Span): void {
    const source = this.text.slice(span.offset, span.endOffset);
    for (const m of source.matchAll(htmlTagRe)) {
      const name = (m[1] as string).toLowerCase();
      const attributes = m[2] as string;
      const url = htmlAttribute(attributes, name === 'a' ? 'href' : 'src');
      if (url === null) continue;
      const start = span.offset + (m.index ?? 0);
      const at = this.index.span(start, start + m[0].length);
      if (name === 'a') this.links.push({ url, title: htmlAttribute(attributes, 'title'), text: '', span: at });
      else this.images.push({ url, alt: htmlAttribute(attributes, 'alt') ?? '', title: htmlAttribute(attributes, 'title'), span: at });
    }
  }

  /** An HTML node is a block when it starts a line (inline HTML sits inside a paragraph). */
  private isBlockHtml(span: Span): boolean {
    return span.column === 1 || /^[ \t]*$/.test(this.text.slice(this.index.lineStart(span.line), span.offset));
  }

  /** A node's text, whitespace collapsed; JSX as written unless `jsx` says otherwise (see `JsxText`). */
  private textOf(node: Nodes, jsx: JsxText = 'source'): string {
    return collapse(plainText(node, this.text, jsx));
  }

  /**
   * A JSX element: its opening tag is kept as HTML is (its `id` is an anchor), and `<a href>` and
   * `<img src>` written with plain strings are links and images, which the link rules check.
   */
  private visitJsx(node: JsxElement, inTable: boolean): void {
    const span = this.spanOf(node);
    const tagEnd = openingTagEnd(node) ?? span.endOffset;
    const tag = this.index.span(span.offset, span.offset + this.text.slice(span.offset, tagEnd).trimEnd().length);
    this.html.push({ block: !inTable && node.type === 'mdxJsxFlowElement', value: this.text.slice(tag.offset, tag.endOffset), span: tag });
    if (node.name === 'a') {
      const url = stringAttribute(node, 'href');
      if (url !== null) this.links.push({ url, title: stringAttribute(node, 'title'), text: collapse(node.children.map((c) => plainText(c, this.text, 'source')).join('')), span });
    } else if (node.name === 'img') {
      const url = stringAttribute(node, 'src');
      if (url !== null) this.images.push({ url, alt: stringAttribute(node, 'alt') ?? '', title: stringAttribute(node, 'title'), span });
    }
  }

  private checkUnterminatedFrontMatter(tree: Root): void {
    const first = tree.children[0];
    if (first && (first.type === 'yaml' || (first.type as string) === 'toml')) return;
    const m = /^(---|\+\+\+)[ \t]*(\r\n|\n|\r)/.exec(this.text);
    if (!m) return;
    const fence = m[1] as string;
    const closeRe = new RegExp(`(^|\\r\\n|\\n|\\r)${fence === '---' ? '---' : '\\+\\+\\+'}[ \\t]*(\\r\\n|\\n|\\r|$)`);
    if (closeRe.test(this.text.slice(m[0].length))) return;
    this.problems.push({
      ruleId: 'frontmatter-invalid',
      messageId: 'unterminated',
      data: { fence },
      span: this.index.span(0, fence.length),
    });
  }

  private visitToml(value: string, span: Span): void {
    const { frontMatter, problems } = parseTomlFrontMatter(value, this.index.lineStart(span.line + 1), span, this.index);
    this.frontMatter = frontMatter;
    this.problems.push(...problems);
  }

  private visitYaml(value: string, span: Span): void {
    // The YAML text starts on the line after the opening fence.
    const bodyOffset = this.index.lineStart(span.line + 1);
    const { frontMatter, problems } = parseYamlFrontMatter(value, bodyOffset, span, this.index);
    this.frontMatter = frontMatter;
    this.problems.push(...problems);
  }

  private visitHeading(node: MdHeading): void {
    const { depth } = node;
    const span = this.spanOf(node);
    // The text a reader sees (what sections are named by); the anchor is the generator's.
    const { text } = splitExplicitId(this.textOf(node, 'text'));
    const { anchor, explicitId } = this.ids.get(node) ?? { anchor: '', explicitId: false };
    this.headings.push({ depth, text, anchor, explicitId, span });
    while (this.headingStack.length > 0 && (this.headingStack[this.headingStack.length - 1] as { depth: number }).depth >= depth) {
      this.headingStack.pop();
    }
    this.headingStack.push({ depth, text });
  }

  /** Keep a paragraph that has a line written like a table row: a table that was meant and renders as text. */
  private visitParagraph(span: Span): void {
    if (!/[|｜]/.test(this.text.slice(span.offset, span.endOffset))) return;
    const lines: TableLine[] = [];
    for (let line = span.line; line <= span.endLine; line++) {
      const lineStart = this.index.lineStart(line);
      const from = line === span.line ? span.offset : lineStart + (/^[ \t>]*/.exec(this.index.lineText(line)) as RegExpExecArray)[0].length;
      const end = Math.min(this.index.lineEnd(line), span.endOffset);
      const text = this.text.slice(from, Math.max(from, end)).trimEnd();
      lines.push({ text, span: this.index.span(from, from + text.length) });
    }
    if (!lines.some((l) => looksLikeTableRow(l.text) || looksLikeDelimiterRow(l.text))) return;
    const before = this.tables[this.tables.length - 1];
    const between = before ? this.text.slice(before.span.endOffset, span.offset) : '';
    // A blank line ends a table: two line breaks or more, and nothing but spaces and `>` around them.
    const afterBlank = before !== undefined && /^[\s>]*$/.test(between) && (between.match(/\r\n|\n|\r/g) ?? []).length >= 2;
    this.pipeParagraphs.push({ span, lines, afterTable: afterBlank ? before.index : null });
  }

  private visitTable(node: MdTable): void {
    const span = this.spanOf(node);
    this.tableRanges.push({ start: span.offset, end: span.endOffset });
    const [head, ...body] = node.children;
    const between = this.lastParagraphEnd >= 0 ? this.text.slice(this.lastParagraphEnd, span.offset) : null;
    const caption = between !== null && this.lastParagraph !== null && /^\s*$/.test(between) ? this.textOf(this.lastParagraph) : null;
    const table: Table = {
      index: this.tables.length,
      span,
      section: this.headingStack.map((h) => h.text),
      caption,
      align: (node.align ?? []).map((a) => a ?? null),
      header: head ? head.children.map((c) => this.cell(c)) : [],
      rows: body.map((row): Row => ({ span: this.spanOf(row), cells: row.children.map((c) => this.cell(c)) })),
      lines: head ? this.tableLines(head, body) : [],
      source: 'markdown',
    };
    this.tables.push(table);
  }

  /** Each line of a table without its container prefix, or none when a row spans lines or the delimiter row is unusual. */
  private tableLines(head: MdTableRow, body: MdTableRow[]): TableLine[] {
    const rowLine = (row: MdTableRow): TableLine | null => {
      const span = this.spanOf(row);
      if (span.endLine !== span.line) return null;
      const end = span.offset + this.text.slice(span.offset, this.index.lineEnd(span.line)).trimEnd().length;
      return { text: this.text.slice(span.offset, end), span: this.index.span(span.offset, end) };
    };
    const header = rowLine(head);
    if (!header) return [];
    const delimiterLine = header.span.line + 1;
    const match = delimiterRowRe.exec(this.index.lineText(delimiterLine));
    if (!match || !/^[ \t>]*$/.test(match[1] as string)) return [];
    const start = this.index.lineStart(delimiterLine) + (match[1] as string).length;
    const text = (match[2] as string).trimEnd();
    const delimiter = { text, span: this.index.span(start, start + text.length) };
    const lines: TableLine[] = [header, delimiter];
    for (const row of body) {
      const line = rowLine(row);
      if (!line) return [];
      lines.push(line);
    }
    return lines;
  }

  private cell(node: TableCell): Cell {
    const area = this.spanOf(node);
    // mdast cell positions include the leading pipe; the cell's content lies between the pipes.
    let start = area.offset;
    let end = area.endOffset;
    if (this.text[start] === '|') start++;
    // The last cell's area runs to the end of the line, past the closing pipe and any spaces after it.
    let last = end;
    while (last > start && (this.text[last - 1] === ' ' || this.text[last - 1] === '\t')) last--;
    if (last > start && this.text[last - 1] === '|' && !isEscaped(this.text, last - 1)) end = last - 1;
    const inner = this.text.slice(start, end);
    const lead = inner.length - inner.trimStart().length;
    const trail = inner.length - inner.trimEnd().length;
    const contentStart = lead === inner.length ? start : start + lead;
    const contentEnd = lead === inner.length ? end : end - trail;
    const raw = lead === inner.length ? '' : this.text.slice(contentStart, contentEnd);
    const text = this.textOf(node as unknown as Nodes);
    return { raw, text, value: normalizeValue(text, this.vocabulary), span: this.index.span(contentStart, contentEnd) };
  }

  private visitReference(node: Extract<RootContent, { type: 'linkReference' | 'imageReference' }>): void {
    const span = this.spanOf(node);
    const source = this.text.slice(span.offset, span.endOffset);
    let labelStart = span.offset;
    let rawLabel: string;
    if (node.referenceType === 'full') {
      const open = lastUnescaped(source, '[');
      labelStart = span.offset + open;
      rawLabel = source.slice(open + 1, -1);
    } else {
      labelStart = span.offset + (node.type === 'imageReference' ? 1 : 0);
      const close = source.indexOf(']', labelStart - span.offset);
      rawLabel = source.slice(labelStart - span.offset + 1, close === -1 ? undefined : close);
    }
    const label = node.label ?? node.identifier;
    const labelEnd = node.referenceType === 'full' ? span.endOffset : labelStart + rawLabel.length + 2;
    this.references.push({
      kind: node.type === 'imageReference' ? 'image' : 'link',
      referenceType: node.referenceType,
      label,
      identifier: normalizeLabel(label),
      rawLabel,
      span,
      labelSpan: this.index.span(labelStart, labelEnd),
    });
    if (node.type === 'linkReference') {
      this.links.push({ url: '', title: null, text: this.textOf(node), span, reference: label });
      // `[text] [12]`: the `[12]` became a shortcut reference; the space makes it malformed.
      if (node.referenceType === 'shortcut') {
        const before = this.text.slice(Math.max(0, span.offset - 200), span.offset);
        const m = /(?<!\\)\][ \t]+$/.exec(before);
        if (m) {
          this.candidates.push({
            shape: 'spaced',
            label,
            identifier: normalizeLabel(label),
            span: this.index.span(span.offset - m[0].length, span.endOffset),
          });
        }
      }
    } else {
      this.images.push({ url: '', alt: node.alt ?? '', title: null, span, reference: label });
    }
  }

  /** Text that was meant as a reference but stayed text: `[text][label]`, `[label][]`, `[text] [label]`. */
  private scanCandidates(node: Extract<PhrasingContent, { type: 'text' }>): void {
    const span = this.spanOf(node);
    const source = this.text.slice(span.offset, span.endOffset);
    if (!source.includes('[') && !source.includes(']')) return;
    const add = (shape: ReferenceCandidate['shape'], written: string, start: number, end: number) => {
      // A wrapped label in a block quote or list carries the next line's container prefix.
      const label = written.replace(/\n[ \t>]*/g, ' ');
      this.candidates.push({
        shape,
        label,
        identifier: normalizeLabel(unescapeLabel(label)),
        span: this.index.span(span.offset + start, span.offset + end),
      });
    };
    for (const m of source.matchAll(fullTailRe)) {
      // `\[text][label]`: the text's opening bracket is escaped, so `]` closes nothing and no link was meant.
      if (openerEscaped(source, m.index)) continue;
      add('full', m[1] as string, m.index + 1, m.index + m[0].length);
    }
    // `[a][b]` with `a` defined and `b` not: `[a]` became a shortcut reference and `[b]` is text right after it.
    if (this.text[span.offset - 1] === ']') {
      const m = leadingLabelRe.exec(source);
      if (m) add('full', m[1] as string, 0, m[0].length);
    }
    for (const m of source.matchAll(collapsedRe)) add('collapsed', m[1] as string, m.index, m.index + m[0].length);
    for (const m of source.matchAll(spacedRe)) add('spaced', m[1] as string, m.index, m.index + m[0].length);
  }
}

/** Whether the `[` that the `]` at `close` would close is escaped (`\[`); false when no `[` opens it in `text`. */
function openerEscaped(text: string, close: number): boolean {
  let depth = 0;
  for (let i = close - 1; i >= 0; i--) {
    const c = text[i];
    if (c !== '[' && c !== ']') continue;
    if (c === ']' && !isEscaped(text, i)) depth++;
    else if (c === '[') {
      if (isEscaped(text, i)) {
        if (depth === 0) return true;
        continue;
      }
      if (depth === 0) return false;
      depth--;
    }
  }
  return false;
}

function collapse(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}

function unescapeLabel(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

function lastUnescaped(s: string, ch: string): number {
  for (let i = s.length - 1; i >= 0; i--) {
    if (s[i] === ch && s[i - 1] !== '\\') return i;
  }
  return -1;
}

function mergeRanges(ranges: Range[]): Range[] {
  const out: Range[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

// An opening `<a ...>` or `<img ...>` tag; `[^>]*` keeps the scan linear.
const htmlTagRe = /<(a|img)\b([^>]*)>/gi;

/** An attribute's value in an HTML tag's attribute text (quoted or bare, basic entities decoded), or null. */
function htmlAttribute(attributes: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(attributes);
  if (!m) return null;
  return (m[1] ?? m[2] ?? m[3] ?? '').replace(/&(amp|quot|#39|apos|lt|gt);/g, (_e, n: string) => ({ amp: '&', quot: '"', '#39': "'", apos: "'", lt: '<', gt: '>' })[n] ?? '');
}
