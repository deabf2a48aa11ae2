import type { PageRule } from '../../engine/types.js';
import { DocumentScopes } from '../scopes.js';

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
      otherDocument:
        'Unexpected reference to `[{{label}}]`, defined only outside this tab (or other shortcode the site renders on its own), expected a `[{{label}}]: /path` inside it',
    },
  },
  check(page, context) {
    const scopes = DocumentScopes.for(page, context.facts.site);
    const defined = new Set(page.definitions.map((d) => scopes.key(d.identifier, d.span.offset)));
    for (const candidate of page.referenceCandidates) {
      if (candidate.shape === 'spaced') continue;
      if (candidate.identifier === '' || defined.has(scopes.key(candidate.identifier, candidate.span.offset))) continue;
      context.report({ messageId: 'undefined', data: { label: candidate.label }, span: candidate.span });
    }
    // The page parses as one document, so a reference became a link when its label is defined
    // anywhere; the site renders a scoped body (a tab) alone, where only its own definitions count.
    for (const r of page.references) {
      if (defined.has(scopes.key(r.identifier, r.span.offset))) continue;
      context.report({ messageId: 'otherDocument', data: { label: r.label }, span: r.span });
    }
  },
};
