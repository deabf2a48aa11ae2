import type { CorpusRule } from '../../engine/types.js';
import { counted } from '../../engine/wording.js';

/**
 * A table kind declared in the config file that recognizes no table in a full run is almost
 * always a typo in its `match` (a heading pattern, a header name). Kinds from presets are not
 * reported: a tree need not have every kind a preset knows.
 */
export const tableKindUnused: CorpusRule = {
  meta: {
    id: 'table-kind-unused',
    description: 'A table kind declared in the config file matched no table in the whole tree.',
    scope: 'corpus',
    category: 'tables',
    defaultSeverity: 'warn',
    messages: {
      unused: (data: { kind: string; pages: number }) =>
        `Unexpected table kind \`${data.kind}\` that matched no table in ${counted(data.pages, 'checked page', 'checked pages')}, expected its \`match\` to recognize at least one`,
    },
  },
  check(corpus, context) {
    if (!corpus.complete || corpus.configFile === null) return;
    for (const kind of context.facts.kinds) {
      if (corpus.tree.tableKinds.has(kind.id) || kind.declared?.file !== corpus.configFile) continue;
      context.report({
        messageId: 'unused',
        file: kind.declared.file,
        span: kind.declared.span,
        data: { kind: kind.id, pages: corpus.tree.pages },
      });
    }
  },
  // The kinds every page's tables matched come with the corpus (`tree`), whatever pages it holds.
  reach: {},
};
