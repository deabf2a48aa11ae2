import type { PageRule } from '../../engine/types.js';

/** `[text][label]` with no `[label]: url` renders as literal brackets, not a link. */
export const referenceUndefined: PageRule = {
  meta: {
    id: 'reference-undefined',
    description: 'A reference such as `[text][label]` or `[label][]` has no definition.',
    scope: 'page',
    category: 'references',
    defaultSeverity: 'error',
    messages: {
      undefined:
        'Unexpected reference to undefined definition `[{{label}}]`, expected a definition such as `[{{label}}]: /path` or an escaped bracket `\\[`',
    },
  },
  check(page, context) {
    const defined = new Set(page.definitions.map((d) => d.identifier));
    for (const candidate of page.referenceCandidates) {
      if (candidate.shape === 'spaced') continue;
      if (candidate.identifier === '' || defined.has(candidate.identifier)) continue;
      context.report({ messageId: 'undefined', data: { label: candidate.label }, span: candidate.span });
    }
  },
};
