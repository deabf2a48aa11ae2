import type { PageRule } from '../../engine/types.js';

/** Hugo refuses to build a page whose front matter does not parse. */
export const frontmatterInvalid: PageRule = {
  meta: {
    id: 'frontmatter-invalid',
    description: 'Front matter that cannot be parsed (invalid YAML or TOML, not a mapping, no closing fence).',
    scope: 'page',
    category: 'front-matter',
    defaultSeverity: 'error',
    messages: {
      yaml: 'Unexpected invalid YAML in front matter: {{reason}}',
      toml: 'Unexpected invalid TOML in front matter: {{reason}}',
      notMapping: 'Unexpected front matter that is not a mapping of keys to values',
      unterminated: 'Unexpected unterminated front matter, expected a closing `{{fence}}` line',
      cyclic: 'Unexpected front matter value that contains itself (a YAML alias to its own anchor)',
    },
  },
  check(page, context) {
    for (const p of page.problems) {
      if (p.ruleId === 'frontmatter-invalid') context.report({ messageId: p.messageId, data: p.data, span: p.span });
    }
  },
};
