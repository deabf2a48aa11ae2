import type { PageRule } from '../../engine/types.js';
import { nearestKind } from '../../facts/kind-match.js';
import { matcherFor } from '../../util/glob.js';
import { quotedList } from '../../engine/wording.js';

interface Options {
  /** Pages to look at (globs relative to the config file's folder); default every page. */
  files?: string[];
}

/**
 * A table that no table kind recognizes states no fact: nothing on it is compared, and nothing
 * says so. On pages that should hold only recognized tables (compatibility pages), this says so,
 * with the kind that came closest and the condition it failed.
 */
export const tableUnrecognized: PageRule<Options> = {
  meta: {
    id: 'table-unrecognized',
    description: 'A table that no configured table kind recognizes, so none of its cells is checked as a fact.',
    scope: 'page',
    category: 'tables',
    defaultSeverity: 'off',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { files: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Pages to look at, globs relative to the config file.' } },
    },
    messages: {
      unrecognized: (d: { headers: string[]; kind: string; reason: string }) =>
        `Unexpected table that no table kind recognizes (headers ${quotedList(d.headers)}), so its cells are not checked; nearest kind \`${d.kind}\`: ${d.reason}`,
    },
  },
  check(page, context) {
    const facts = page.facts;
    if (!facts || context.facts.kinds.length === 0) return;
    if (context.options.files && !matcherFor(context.options.files)(facts.configPath)) return;
    const recognized = new Set(facts.tables.filter((t) => t.file === page.file).map((t) => t.table));
    for (const table of page.tables) {
      if ((table.file !== undefined && table.file !== page.file) || recognized.has(table.index)) continue;
      const near = nearestKind(table, facts.configPath, context.facts);
      if (near === null) continue;
      const header = table.header[table.header.length - 1]?.span ?? table.span;
      context.report({
        messageId: 'unrecognized',
        span: { ...table.span, endLine: header.endLine, endColumn: header.endColumn, endOffset: header.endOffset },
        data: { headers: table.header.map((c) => c.text), kind: near.kind.id, reason: near.reason },
      });
    }
  },
};
