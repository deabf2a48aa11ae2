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
    const used = new Set<string>();
    for (const page of corpus.pages) for (const t of page.facts?.tables ?? []) used.add(t.kind);
    for (const kind of context.facts.kinds) {
      if (used.has(kind.id) || kind.declared?.file !== corpus.configFile) continue;
      context.report({
        messageId: 'unused',
        file: kind.declared.file,
        span: kind.declared.span,
        data: { kind: kind.id, pages: corpus.pages.length },
      });
    }
  },
};
