import type { PageRule } from '../../engine/types.js';
import { DocumentScopes } from '../scopes.js';
import { secondDefinitions } from '../fixes.js';

/** Only the first definition of a label counts; a later one with another URL is silently ignored. */
export const referenceDuplicate: PageRule = {
  meta: {
    id: 'reference-duplicate',
    description: 'A link label is defined twice with different targets (links use the first).',
    scope: 'page',
    category: 'references',
    defaultSeverity: 'error',
    messages: {
      conflict:
        'Unexpected second definition of `[{{label}}]` pointing to `{{url}}`, expected one definition; links use the first, `{{firstUrl}}` (line {{line}})',
      first: 'First definition of `[{{label}}]`',
    },
  },
  check(page, context) {
    for (const { definition: d, first } of secondDefinitions(page.definitions, DocumentScopes.for(page, context.facts.site))) {
      if (first.url === d.url) continue;
      context.report({
        messageId: 'conflict',
        data: { label: d.label, url: d.url, firstUrl: first.url, line: first.span.line },
        span: d.span,
        related: [{ file: page.file, span: first.span, messageId: 'first', data: { label: first.label } }],
      });
    }
  },
};
