import type { PageRule } from '../../engine/types.js';

/** A page that cannot be read or decoded is reported, never skipped in silence. */
export const parseError: PageRule = {
  meta: {
    id: 'parse-error',
    description: 'A file that cannot be read, decoded as UTF-8 text, parsed in bounded time, or (`.mdx`) parsed as MDX.',
    scope: 'page',
    category: 'files',
    defaultSeverity: 'error',
    messages: {
      unreadable: 'Cannot read file: {{reason}}',
      binary: 'Unexpected binary content (a NUL byte at byte {{offset}}), expected a UTF-8 text page',
      encoding: 'Unexpected invalid UTF-8 at byte {{offset}}, expected the page saved as UTF-8',
      utf16: 'Unexpected UTF-16 ({{order}}) encoding, expected the page saved as UTF-8',
      tooLarge: 'Unexpected file size {{size}}, over the {{limit}} limit (`limits.maxFileBytes`); the page was not parsed',
      tooDeep: 'Unexpected nesting {{depth}} levels deep (blockquotes and lists), over the limit of {{limit}}; the page was not parsed',
      maxLines: 'Unexpected {{found}} lines, over the limit of {{limit}} (`limits.maxLines`); the page was not parsed',
      maxBlockChars: 'Unexpected block (paragraph or table) of {{found}} characters starting here, over the limit of {{limit}} (`limits.maxBlockChars`); the page was not parsed',
      maxDelimiterRuns: 'Unexpected {{found}} `*`, `_` and `~` in the block starting here, over the limit of {{limit}} (`limits.maxDelimiterRuns`); the page was not parsed',
      maxDefinitions: 'Unexpected link reference definition number {{found}}, over the limit of {{limit}} (`limits.maxDefinitions`); the page was not parsed',
      mdx: 'Cannot parse the page as MDX: {{reason}}; nothing else on the page was checked',
    },
  },
  check(page, context) {
    for (const p of page.problems) {
      if (p.ruleId === 'parse-error') context.report({ messageId: p.messageId, data: p.data, span: p.span });
    }
  },
};
