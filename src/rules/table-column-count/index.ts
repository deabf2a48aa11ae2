import type { PageRule } from '../../engine/types.js';

/** GFM drops the extra cells of a long row and pads a short one, so the data silently shifts. */
export const tableColumnCount: PageRule = {
  meta: {
    id: 'table-column-count',
    description: 'A table row has more or fewer cells than its header.',
    scope: 'page',
    category: 'tables',
    defaultSeverity: 'error',
    messages: {
      tooMany:
        'Unexpected {{actual}} cells in this row, expected {{expected}} like the header: `{{extra}}` is dropped when the table renders',
      tooFew: 'Unexpected {{actual}} cells in this row, expected {{expected}} like the header',
    },
  },
  check(page, context) {
    for (const table of page.tables) {
      if (table.source !== 'markdown') continue;
      const expected = table.header.length;
      for (const row of table.rows) {
        const actual = row.cells.length;
        if (actual > expected) {
          const first = row.cells[expected];
          const last = row.cells[actual - 1];
          if (!first || !last) continue;
          const extra = row.cells
            .slice(expected)
            .map((c) => c.raw)
            .join(' | ');
          context.report({
            messageId: 'tooMany',
            data: { actual, expected, extra: extra.length > 60 ? `${extra.slice(0, 57)}...` : extra },
            span: { ...first.span, endLine: last.span.endLine, endColumn: last.span.endColumn, endOffset: last.span.endOffset },
          });
        } else if (actual < expected) {
          context.report({ messageId: 'tooFew', data: { actual, expected }, span: row.span });
        }
      }
    }
  },
};
