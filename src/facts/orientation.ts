import type { Cell, Row, Table } from '../model/types.js';
import type { TableKind } from './config.js';

const transposedTables = new WeakMap<Table, Table>();

/**
 * A table as its kind reads it: as written, or, for a kind with `orientation: columns`,
 * transposed, so that each column is a row keyed by its header (a matrix of Node.js versions
 * down the side and pnpm majors across the top, keyed by the pnpm major). Cells keep their own
 * positions; a column's header cell is its row's span.
 */
export function tableAsRead(table: Table, kind: Pick<TableKind, 'orientation'>): Table {
  if (kind.orientation !== 'columns') return table;
  const known = transposedTables.get(table);
  if (known) return known;
  const corner = table.header[0];
  const header: Cell[] = [...(corner ? [corner] : []), ...table.rows.map((r) => r.cells[0]).filter((c): c is Cell => c !== undefined)];
  const rows: Row[] = table.header.slice(1).map((head, i) => ({
    span: head.span,
    cells: [head, ...table.rows.map((r) => r.cells[i + 1] ?? emptyCell(r))],
  }));
  // The table's own lines are not a transposed table's: nothing rewrites it in place.
  const transposed: Table = { ...table, header, rows, lines: [], align: header.map(() => null) };
  transposedTables.set(table, transposed);
  return transposed;
}

/** A missing cell at the end of a short row: empty, placed at the row's end. */
function emptyCell(row: Row): Cell {
  const end = { ...row.span, line: row.span.endLine, column: row.span.endColumn, offset: row.span.endOffset };
  return { raw: '', text: '', value: { kind: 'unsupported', empty: true }, span: end };
}
