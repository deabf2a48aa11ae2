import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { LineIndex } from './lines.js';
import type { Cell, Row, Span, Table } from './types.js';
import { type CompiledVocabulary, normalizeValue } from './values.js';

/**
 * The `<table>`s of an HTML fragment (a Hugo partial), as tables of the page model, with spans
 * in the fragment's own text. The header is the `<thead>` row, or else a first row of `<th>`s.
 * Tables nested in a cell are read on their own; the cell keeps their text.
 */
export function htmlTables(text: string, vocabulary: CompiledVocabulary): Table[] {
  // Hugo templates are not HTML; `{{ ... }}` actions stay as text, which is what a reader of the source sees.
  const tree = fromHtml(text, { fragment: true });
  const lines = new LineIndex(text);
  const tables: Table[] = [];
  for (const element of elementsNamed(tree, 'table')) {
    const span = spanOf(element, lines);
    if (!span) continue;
    const rows = rowsOf(element);
    const headIndex = rows.findIndex((r) => r.inHead);
    const header = headIndex >= 0 ? headIndex : rows[0]?.cells.every((c) => c.tagName === 'th') ? 0 : -1;
    const toCells = (cells: Element[]) => cells.map((c) => cellOf(c, text, lines, vocabulary));
    tables.push({
      index: tables.length,
      span,
      section: [],
      caption: captionOf(element),
      align: (rows[header]?.cells ?? []).map(() => null),
      header: header >= 0 ? toCells((rows[header] as HtmlRow).cells) : [],
      rows: rows
        .filter((_, i) => i !== header)
        .map((r): Row => ({ span: spanOf(r.element, lines) ?? span, cells: toCells(r.cells) })),
      source: 'html',
    });
  }
  return tables;
}

interface HtmlRow {
  element: Element;
  cells: Element[];
  inHead: boolean;
}

/** Every element with a tag name, document order, without recursion (deep fragments are fine). */
function elementsNamed(root: Root | Element, tagName: string): Element[] {
  const out: Element[] = [];
  const stack: Array<Root | RootContent | ElementContent> = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Root | RootContent;
    if (node.type === 'element' && node.tagName === tagName) out.push(node);
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as RootContent);
  }
  return out;
}

/** The rows of a table, not of tables nested in its cells. */
function rowsOf(table: Element): HtmlRow[] {
  const rows: HtmlRow[] = [];
  const visit = (parent: Element, inHead: boolean) => {
    for (const child of parent.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'tr') {
        const cells = child.children.filter((c): c is Element => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th'));
        rows.push({ element: child, cells, inHead });
      } else if (child.tagName === 'thead' || child.tagName === 'tbody' || child.tagName === 'tfoot') {
        visit(child, child.tagName === 'thead');
      }
    }
  };
  visit(table, false);
  return rows;
}

function captionOf(table: Element): string | null {
  const caption = table.children.find((c): c is Element => c.type === 'element' && c.tagName === 'caption');
  return caption ? collapse(toString(caption)) : null;
}

function cellOf(element: Element, text: string, lines: LineIndex, vocabulary: CompiledVocabulary): Cell {
  const span = spanOf(element, lines) ?? lines.span(0, 0);
  const first = element.children[0]?.position?.start.offset;
  const last = element.children[element.children.length - 1]?.position?.end.offset;
  const raw = first !== undefined && last !== undefined ? text.slice(first, last).trim() : '';
  const plain = collapse(toString(element));
  // A cell of markup only (`<i class="icon-check-bold"></i>`) is read by its markup, as in Markdown cells.
  return { raw, text: plain, value: normalizeValue(plain === '' ? raw : plain, vocabulary), span };
}

function spanOf(node: Element, lines: LineIndex): Span | null {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? null : lines.span(start, end);
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
