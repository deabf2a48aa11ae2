import type { PageRule } from '../../engine/types.js';

/** A misspelt rule id in a disable comment would otherwise silence nothing, unnoticed. */
export const controlComment: PageRule = {
  meta: {
    id: 'control-comment',
    description: 'A compatlint control comment names a rule that does not exist.',
    scope: 'page',
    category: 'comments',
    defaultSeverity: 'error',
    messages: {
      unknownRule: 'Unexpected unknown rule `{{rule}}` in `compatlint-{{directive}}` comment',
    },
  },
  check(page, context) {
    for (const comment of page.comments) {
      for (const rule of comment.rules) {
        if (!context.knownRuleIds.has(rule)) {
          context.report({ messageId: 'unknownRule', data: { rule, directive: comment.directive }, span: comment.span });
        }
      }
    }
  },
};
