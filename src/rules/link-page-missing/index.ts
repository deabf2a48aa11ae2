import type { CorpusRule } from '../../engine/types.js';
import { againRelated, siteProblems } from '../site-problems.js';

/** A link (inline, definition, `ref`/`relref`) to a page of the site that does not exist. */
export const linkPageMissing: CorpusRule = {
  meta: {
    id: 'link-page-missing',
    description: 'A link to a page of the Hugo site that does not exist (URL, .md file, ref/relref, alias).',
    scope: 'corpus',
    category: 'links',
    defaultSeverity: 'error',
    messages: {
      again: 'Also links to `{{target}}`',
      missing: 'Unexpected link to missing page `{{target}}`: {{looked}}',
    },
  },
  check(corpus, context) {
    for (const group of siteProblems(corpus, 'page-missing', context)) {
      const { page, found } = group;
      context.report({ messageId: 'missing', data: { target: found.target.written, looked: found.looked }, file: page.file, span: found.target.span, related: againRelated(group) });
    }
  },
};
