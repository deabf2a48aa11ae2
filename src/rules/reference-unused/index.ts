import type { PageRule } from '../../engine/types.js';
import { removeLinesEdit } from '../fixes.js';

/** A definition nothing uses is usually a link that was meant to be written and was not. */
export const referenceUnused: PageRule = {
  meta: {
    id: 'reference-unused',
    description: 'A link reference definition that nothing on the page uses.',
    scope: 'page',
    category: 'references',
    defaultSeverity: 'warn',
    fixable: true,
    messages: {
      unused: 'Unexpected unused definition `[{{label}}]` ({{url}}), expected a reference to it or no definition',
    },
  },
  check(page, context) {
    const used = new Set(page.references.map((r) => r.identifier));
    const firstOf = new Map<string, number>();
    for (const d of page.definitions) if (!firstOf.has(d.identifier)) firstOf.set(d.identifier, d.span.offset);
    for (const d of page.definitions) {
      if (used.has(d.identifier)) continue;
      // A second definition of a label is reference-duplicate's finding, not this rule's.
      if (firstOf.get(d.identifier) !== d.span.offset) continue;
      context.report({
        messageId: 'unused',
        data: { label: d.label, url: d.url },
        span: d.span,
        fix: [removeLinesEdit(d.span)],
      });
    }
  },
};
