import type { CorpusRule } from '../../engine/types.js';
import { againRelated, siteProblems } from '../site-problems.js';

/** A link whose `#anchor` is not a heading or id on the page it leads to (or on its own page). */
export const linkAnchorMissing: CorpusRule = {
  meta: {
    id: 'link-anchor-missing',
    description: 'A link to an #anchor that no heading (as the site\'s generator makes its id, or {#id}) or HTML id of the target page has, also within the same page.',
    scope: 'corpus',
    category: 'links',
    defaultSeverity: 'error',
    messages: {
      again: 'Also links to `{{target}}`',
      missing: 'Unexpected link to `{{target}}`: no heading or id `{{anchor}}` on {{file}}',
      missingWithHint: 'Unexpected link to `{{target}}`: no heading or id `{{anchor}}` on {{file}} (did you mean `{{hint}}`?)',
    },
  },
  check(corpus, context) {
    for (const group of siteProblems(corpus, 'anchor-missing', context)) {
      const { page, found } = group;
      const data = { target: found.target.written, anchor: found.anchor, file: found.file };
      context.report({
        messageId: found.suggestion === null ? 'missing' : 'missingWithHint',
        data: found.suggestion === null ? data : { ...data, hint: found.suggestion },
        file: page.file,
        span: found.target.span,
        related: againRelated(group),
      });
    }
  },
  // The site stage resolved the page's links against the whole site; a finding names only the page.
  reach: {},
};
