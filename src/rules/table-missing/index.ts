import { matcherFor } from '../../util/glob.js';
import type { PageRule } from '../../engine/types.js';
import { testHeader } from '../../facts/config.js';
import { normalizeTerm } from '../../facts/patterns.js';
import type { Span } from '../../model/types.js';

/** A page kind (config `pages`) names tables and sections its pages must have. */
export const tableMissing: PageRule = {
  meta: {
    id: 'table-missing',
    description: 'A page of a configured page kind lacks a required table or section.',
    scope: 'page',
    category: 'tables',
    defaultSeverity: 'error',
    messages: {
      table: 'Unexpected page without a `{{kind}}` table ({{description}}), expected one on every `{{page}}` page',
      section: 'Unexpected page without a section matching `{{pattern}}`, expected one on every `{{page}}` page',
    },
  },
  check(page, context) {
    const facts = page.facts;
    if (!facts || page.problems.some((p) => p.ruleId === 'parse-error')) return;
    const path = facts.configPath;
    const span: Span = page.frontMatter?.span ?? { line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, endOffset: 0 };
    for (const kind of context.facts.pageKinds) {
      if (!matcherFor(kind.files)(path)) continue;
      if (kind.exclude.length > 0 && matcherFor(kind.exclude)(path)) continue;
      for (const tableKind of kind.tables) {
        if (facts.tables.some((t) => t.kind === tableKind)) continue;
        const description = context.facts.kinds.find((k) => k.id === tableKind)?.description ?? tableKind;
        context.report({ messageId: 'table', span, data: { kind: tableKind, description, page: kind.id } });
      }
      for (const pattern of kind.sections) {
        const found = page.headings.some((h) => testHeader(pattern, h.text, normalizeTerm(h.text), context.facts.vocabularies));
        if (!found) context.report({ messageId: 'section', span, data: { pattern: pattern.source, page: kind.id } });
      }
    }
  },
};

