import type { PageRule } from '../../engine/types.js';
import type { Row, Table } from '../../model/types.js';

/**
 * How rows of a table are told apart. Normally by the first cell. When most first cells
 * repeat (a runtime table listing Linux, macOS and Windows once per release line), the first
 * column groups rows instead of naming them; then only a row identical in every cell is a
 * duplicate.
 */
export function rowIdentity(table: Table): { keys: string[]; grouped: boolean } {
  const first = table.rows.map((r) => cellKey(r, 1));
  const distinct = new Set(first).size;
  const grouped = table.rows.length >= 4 && table.header.length >= 2 && distinct * 2 <= table.rows.length;
  if (!grouped) return { keys: first, grouped };
  return { keys: table.rows.map((r) => cellKey(r, r.cells.length)), grouped };
}

function cellKey(row: Row, columns: number): string {
  return row.cells
    .slice(0, columns)
    .map((c) => c.text.toLowerCase())
    .join(' | ');
}

export const tableDuplicateKey: PageRule = {
  meta: {
    id: 'table-duplicate-key',
    description: 'The same row key appears twice in one table.',
    scope: 'page',
    category: 'tables',
    defaultSeverity: 'error',
    messages: {
      duplicate: 'Unexpected second row for `{{key}}`, expected one row per key (first at line {{line}})',
      identical: 'Unexpected row identical to line {{line}}, expected each row once',
      first: 'First row for `{{key}}`',
    },
  },
  check(page, context) {
    for (const table of page.tables) {
      const { keys, grouped } = rowIdentity(table);
      const seen = new Map<string, Row>();
      table.rows.forEach((row, i) => {
        const key = keys[i] as string;
        if (key.replace(/ \| /g, '').trim() === '') return;
        const earlier = seen.get(key);
        if (!earlier) {
          seen.set(key, row);
          return;
        }
        const shown = row.cells[0]?.text ?? '';
        const span = row.cells[0]?.span ?? row.span;
        context.report({
          messageId: grouped ? 'identical' : 'duplicate',
          data: { key: shown, line: earlier.span.line },
          span: grouped ? row.span : span,
          related: [{ file: table.file ?? page.file, span: earlier.cells[0]?.span ?? earlier.span, messageId: 'first', data: { key: shown } }],
        });
      });
    }
  },
};
