import type { CorpusRule } from '../../engine/types.js';
import { againRelated, siteProblems } from '../site-problems.js';

/** An image (inline, or a definition only images use) that is neither a static file nor a page resource. */
export const imageMissing: CorpusRule = {
  meta: {
    id: 'image-missing',
    description: 'An image that is not in the static folder nor beside the page (a page bundle resource).',
    scope: 'corpus',
    category: 'links',
    defaultSeverity: 'error',
    messages: {
      missing: 'Unexpected missing image `{{target}}`: {{looked}}',
      again: 'Also shows `{{target}}`',
    },
  },
  check(corpus, context) {
    for (const group of siteProblems(corpus, 'image-missing', context)) {
      const { page, found } = group;
      context.report({ messageId: 'missing', data: { target: found.target.written, looked: found.looked }, file: page.file, span: found.target.span, related: againRelated(group) });
    }
  },
  // The site stage resolved the page's links against the whole site; a finding names only the page.
  reach: {},
};
