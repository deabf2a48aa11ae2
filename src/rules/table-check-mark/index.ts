import type { PageRule } from '../../engine/types.js';
import { vocabularyKey } from '../../model/values.js';

/**
 * Ticks, not words: `Supported`, `Fully supported` or `完全対応` in a "Supported version"
 * column say more than a tick, so they are not rewritten unless `from` names them.
 */
export const defaultCheckMarks = ['✓', '✔', '✔️', '✅', '☑', '☑️', 'Yes', '{{% X %}}', '<i class="icon-check-bold"></i>'];

export interface TableCheckMarkOptions {
  /** How a supported cell is written on this site. */
  mark: string;
  /** The spellings to rewrite (compared with the cell's text, case-insensitively). */
  from: string[];
  /** Only tables of these table kinds (config `tables`); every table when absent. */
  kinds?: string[];
}

/**
 * One site, one way to tick a cell: `{{< X >}}` next to `✓` and `Yes` reads as two meanings to a
 * reader and renders differently. The rule owns the canonical form because it is a style choice
 * of one site, not a fact: the value (`supported`) is the same either way.
 */
export const tableCheckMark: PageRule<TableCheckMarkOptions> = {
  meta: {
    id: 'table-check-mark',
    description: 'A supported table cell not written as the configured check mark (opt-in; fixable).',
    scope: 'page',
    category: 'tables',
    defaultSeverity: 'off',
    fixable: true,
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        mark: { type: 'string', minLength: 1, pattern: '^[^|\\n\\r]*$', description: 'How a supported cell is written.' },
        from: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'The spellings to rewrite.' },
        kinds: { type: 'array', items: { type: 'string' }, description: 'Only tables of these table kinds.' },
      },
    },
    defaultOptions: { mark: '{{< X >}}', from: defaultCheckMarks },
    messages: {
      mark: 'Unexpected `{{raw}}` for a supported cell, expected `{{mark}}`',
    },
  },
  check(page, context) {
    const { mark, kinds } = context.options;
    const from = new Set(context.options.from.map(vocabularyKey));
    const kindOf = new Map((page.facts?.tables ?? []).map((t) => [t.table, t.kind]));
    for (const table of page.tables) {
      if (table.source !== 'markdown') continue;
      if (kinds && !kinds.includes(kindOf.get(table.index) ?? '')) continue;
      for (const row of table.rows) {
        // The first cell names the row; a row called `Yes` is not a tick.
        for (const cell of row.cells.slice(1)) {
          if (cell.value.kind !== 'supported' || cell.raw === mark || !from.has(vocabularyKey(cell.text))) continue;
          context.report({
            messageId: 'mark',
            data: { raw: cell.raw, mark },
            span: cell.span,
            fix: [{ offset: cell.span.offset, endOffset: cell.span.endOffset, text: mark }],
          });
        }
      }
    }
  },
};
