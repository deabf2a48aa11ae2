import stringWidth from 'string-width';
import type { Edit, PageRule } from '../../engine/types.js';
import type { Cell, Table, TableLine } from '../../model/types.js';

type Align = Table['align'][number];

/**
 * A table is easiest to read and review in source when its pipes line up. Widths are display
 * widths (string-width): a CJK character or an emoji takes two columns, as in an editor with a
 * monospace font, so Japanese and Korean pages line up too.
 */
export const tableAlignment: PageRule = {
  meta: {
    id: 'table-alignment',
    description: 'A table whose pipes do not line up in the source (opt-in; fixable).',
    scope: 'page',
    category: 'tables',
    defaultSeverity: 'off',
    fixable: true,
    messages: {
      column: 'Unexpected `|` at display column {{actual}}, expected {{expected}} so the pipes line up with the header row',
      count: 'Unexpected {{actual}} pipes in this row, expected {{expected}} like the header row',
    },
  },
  check(page, context) {
    for (const table of page.tables) {
      const layout = tableLayout(table);
      if (!layout) continue;
      const expected = layout.pipes[0] as number[];
      const index = layout.pipes.findIndex((p) => p.length !== expected.length || p.some((c, i) => c !== expected[i]));
      if (index === -1) continue;
      const actual = layout.pipes[index] as number[];
      const line = table.lines[index] as TableLine;
      const at = actual.findIndex((c, i) => c !== expected[i]);
      // Columns count from the start of the line; a container prefix (`> `, indentation) is ASCII.
      const shift = line.span.column;
      const edits: Edit[] = [];
      const formatted = formatTable(table, layout);
      table.lines.forEach((l, i) => {
        const text = formatted[i] as string;
        if (text !== l.text) edits.push({ offset: l.span.offset, endOffset: l.span.endOffset, text });
      });
      context.report({
        ...(actual.length === expected.length
          ? { messageId: 'column', data: { actual: (actual[at] as number) + shift, expected: (expected[at] as number) + shift } }
          : { messageId: 'count', data: { actual: actual.length, expected: expected.length } }),
        span: line.span,
        fix: edits,
      });
    }
  },
};

interface Layout {
  /** Display columns (0-based) of the delimiting pipes of each line. */
  pipes: number[][];
  leading: boolean;
  trailing: boolean;
}

/**
 * Where the pipes of each line are, or null for a table this rule leaves alone: one whose rows
 * have more or fewer cells than the header (table-column-count's finding; re-aligning it
 * would hide which cell is extra), a tab (its width depends on the editor), or an empty first
 * or last cell where the header has no outer pipe (re-written, it would change the cells).
 */
function tableLayout(table: Table): Layout | null {
  if (table.source !== 'markdown' || table.lines.length !== table.rows.length + 2) return null;
  const width = table.header.length;
  if (table.rows.some((r) => r.cells.length !== width)) return null;
  if (table.lines.some((l) => l.text.includes('\t'))) return null;
  const cellLines: Array<{ line: TableLine; cells: Cell[] }> = [
    { line: table.lines[0] as TableLine, cells: table.header },
    ...table.rows.map((r, i) => ({ line: table.lines[i + 2] as TableLine, cells: r.cells })),
  ];
  const pipes = cellLines.map(({ line, cells }) => cellPipes(line, cells));
  const delimiter = table.lines[1] as TableLine;
  pipes.splice(1, 0, [...delimiter.text].flatMap((ch, i) => (ch === '|' ? [i] : [])));
  const header = table.lines[0] as TableLine;
  const leading = header.text.startsWith('|');
  const trailing = (pipes[0] as number[]).length > width - 1 + (leading ? 1 : 0);
  const edgeEmpty = (k: number) => [table.header, ...table.rows.map((r) => r.cells)].some((cells) => cells[k]?.raw === '');
  if ((!leading && edgeEmpty(0)) || (!trailing && edgeEmpty(width - 1))) return null;
  return { pipes, leading, trailing };
}

/** The delimiting pipes of a row: the pipes in the gaps around its (trimmed) cells. */
function cellPipes(line: TableLine, cells: Cell[]): number[] {
  const bounds = [line.span.offset, ...cells.flatMap((c) => [c.span.offset, c.span.endOffset]), line.span.endOffset];
  const columns: number[] = [];
  for (let i = 0; i < bounds.length; i += 2) {
    const from = (bounds[i] as number) - line.span.offset;
    const to = (bounds[i + 1] as number) - line.span.offset;
    for (let k = from; k < to; k++) if (line.text[k] === '|') columns.push(stringWidth(line.text.slice(0, k)));
  }
  return columns;
}

/** Every line of the table with each column padded to its widest cell (at least 3, for `---`). */
function formatTable(table: Table, layout: Layout): string[] {
  const rows = [table.header, ...table.rows.map((r) => r.cells)].map((cells) => cells.map((c) => c.raw));
  const widths = table.header.map((_, k) => Math.max(3, ...rows.map((r) => stringWidth(r[k] as string))));
  const last = widths.length - 1;
  const line = (cells: string[]) => {
    const inner = cells.join(' | ');
    return `${layout.leading ? '| ' : ''}${inner}${layout.trailing ? ' |' : ''}`;
  };
  const padded = rows.map((r) =>
    line(r.map((raw, k) => pad(raw, widths[k] as number, table.align[k] ?? null, k === last && !layout.trailing))),
  );
  const delimiter = line(widths.map((w, k) => rule(w, table.align[k] ?? null)));
  return [padded[0] as string, delimiter, ...padded.slice(1)];
}

function pad(raw: string, width: number, align: Align, open: boolean): string {
  const space = width - stringWidth(raw);
  if (align === 'right') return ' '.repeat(space) + raw;
  if (align === 'center') {
    const before = Math.floor(space / 2);
    return ' '.repeat(before) + raw + (open ? '' : ' '.repeat(space - before));
  }
  // The last cell of a row without a closing pipe gets no trailing spaces.
  return open ? raw : raw + ' '.repeat(space);
}

function rule(width: number, align: Align): string {
  if (align === 'left') return `:${'-'.repeat(width - 1)}`;
  if (align === 'right') return `${'-'.repeat(width - 1)}:`;
  if (align === 'center') return `:${'-'.repeat(width - 2)}:`;
  return '-'.repeat(width);
}
