import type { CorpusRule } from '../../engine/types.js';
import { againRelated, siteProblems } from '../site-problems.js';

/** `{{< partial name="..." >}}` naming a file that is not in the site's partials folder. */
export const partialMissing: CorpusRule = {
  meta: {
    id: 'partial-missing',
    description: 'A {{< partial name="..." >}} shortcode naming a partial that is not in <layouts>/partials.',
    scope: 'corpus',
    category: 'links',
    defaultSeverity: 'error',
    messages: {
      missing: 'Unexpected missing partial `{{name}}`: {{looked}}',
      again: 'Also includes `{{target}}`',
    },
  },
  check(corpus, context) {
    for (const group of siteProblems(corpus, 'partial-missing', context)) {
      const { page, found } = group;
      context.report({ messageId: 'missing', data: { name: found.target.written, looked: found.looked }, file: page.file, span: found.target.span, related: againRelated(group) });
    }
  },
  // The site stage resolved the page's links against the whole site; a finding names only the page.
  reach: {},
};
