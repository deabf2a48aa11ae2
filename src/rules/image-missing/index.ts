import type { CorpusRule } from '../../engine/types.js';
import { siteProblems } from '../site-problems.js';

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
    },
  },
  check(corpus, context) {
    for (const { page, found } of siteProblems(corpus, 'image-missing')) {
      context.report({ messageId: 'missing', data: { target: found.target.written, looked: found.looked }, file: page.file, span: found.target.span });
    }
  },
};
