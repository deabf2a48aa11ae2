import type { PageRule } from '../../engine/types.js';
import type { Definition } from '../../model/types.js';
import { removeLinesEdit } from '../fixes.js';

/** Only the first definition of a label counts; a later one with another URL is silently ignored. */
export const referenceDuplicate: PageRule = {
  meta: {
    id: 'reference-duplicate',
    description: 'A link label is defined twice (an error when the targets differ, a warning when they are equal).',
    scope: 'page',
    category: 'references',
    defaultSeverity: 'error',
    fixable: true,
    minorMessages: ['redundant'],
    messages: {
      conflict:
        'Unexpected second definition of `[{{label}}]` pointing to `{{url}}`, expected one definition; links use the first, `{{firstUrl}}` (line {{line}})',
      redundant: 'Unexpected second definition of `[{{label}}]`, expected one definition (same target as line {{line}})',
      first: 'First definition of `[{{label}}]`',
    },
  },
  check(page, context) {
    const first = new Map<string, Definition>();
    for (const d of page.definitions) {
      const earlier = first.get(d.identifier);
      if (!earlier) {
        first.set(d.identifier, d);
        continue;
      }
      const same = earlier.url === d.url;
      context.report({
        messageId: same ? 'redundant' : 'conflict',
        data: { label: d.label, url: d.url, firstUrl: earlier.url, line: earlier.span.line },
        span: d.span,
        related: [{ file: page.file, span: earlier.span, messageId: 'first', data: { label: earlier.label } }],
        ...(same ? { fix: [removeLinesEdit(d.span)] } : {}),
      });
    }
  },
};
