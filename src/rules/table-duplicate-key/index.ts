import type { PageRule } from '../../engine/types.js';
import type { Cell, Row, Table } from '../../model/types.js';

const isStatus = (c: Cell | undefined) =>
  c !== undefined && (c.value.kind === 'supported' || c.value.kind === 'unsupported' || c.value.kind === 'preview');
const norm = (c: Cell | undefined) => (c?.text ?? '').toLowerCase();

/**
 * Group keys of a table's rows: the first cell's text, where an empty first cell continues
 * the row above (a table written as if its first column had row spans).
 */
export function groupKeys(table: Table): string[] {
  const keys: string[] = [];
  let current = '';
  for (const row of table.rows) {
    const own = norm(row.cells[0]);
    if (own !== '') current = own;
    keys.push(current);
  }
  return keys;
}

/**
 * Two rows with the same key are a duplicate when they differ only in status cells (the same
 * thing ticked twice, maybe differently) or not at all. Rows whose descriptive cells differ
 * (`Magento | 1` and `Magento | 2`, `7 to 17` on x86 and on arm64) are variants of one key.
 * When most first cells repeat, the first column groups rows, and only identical rows count.
 */
function duplicateOf(a: Row, b: Row, grouped: boolean): boolean {
  const n = Math.max(a.cells.length, b.cells.length);
  for (let i = 1; i < n; i++) {
    const x = a.cells[i];
    const y = b.cells[i];
    if (norm(x) === norm(y)) continue;
    if (grouped || !(isStatus(x) || norm(x) === '') || !(isStatus(y) || norm(y) === '')) return false;
  }
  return true;
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
      const keys = groupKeys(table);
      const filled = table.rows.some((r, i) => norm(r.cells[0]) === '' && keys[i] !== '');
      const distinct = new Set(keys).size;
      const grouped = filled || (table.rows.length >= 4 && table.header.length >= 2 && distinct * 2 <= table.rows.length);
      const seen = new Map<string, Row[]>();
      table.rows.forEach((row, i) => {
        const key = keys[i] as string;
        if (key === '' || row.cells.every((c) => c.text === '')) return;
        const earlier = (seen.get(key) ?? []).find((e) => duplicateOf(e, row, grouped));
        const list = seen.get(key) ?? [];
        list.push(row);
        seen.set(key, list);
        if (!earlier) return;
        const shown = table.rows.slice(0, i).reverse().find((r) => norm(r.cells[0]) === key)?.cells[0]?.text ?? key;
        context.report({
          messageId: grouped ? 'identical' : 'duplicate',
          data: { key: shown, line: earlier.span.line },
          span: grouped ? row.span : (row.cells[0]?.span ?? row.span),
          related: [{ file: table.file ?? page.file, span: earlier.cells[0]?.span ?? earlier.span, messageId: 'first', data: { key: shown } }],
        });
      });
    }
  },
};
