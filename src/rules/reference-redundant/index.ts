import type { PageRule } from '../../engine/types.js';
import { DocumentScopes } from '../scopes.js';
import { removeLinesEdit, secondDefinitions } from '../fixes.js';

/** A label defined twice with the same target: harmless today, but one of the two will drift. */
export const referenceRedundant: PageRule = {
  meta: {
    id: 'reference-redundant',
    description: 'A link label is defined twice with the same target.',
    scope: 'page',
    category: 'references',
    defaultSeverity: 'warn',
    fixable: true,
    messages: {
      redundant: 'Unexpected second definition of `[{{label}}]`, expected one definition (same target as line {{line}})',
      first: 'First definition of `[{{label}}]`',
    },
  },
  check(page, context) {
    for (const { definition: d, first } of secondDefinitions(page.definitions, DocumentScopes.for(page, context.facts.site))) {
      if (first.url !== d.url) continue;
      context.report({
        messageId: 'redundant',
        data: { label: d.label, line: first.span.line },
        span: d.span,
        related: [{ file: page.file, span: first.span, messageId: 'first', data: { label: first.label } }],
        fix: [removeLinesEdit(d.span)],
      });
    }
  },
};
