import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CorpusRule } from '../../engine/types.js';
import type { Span } from '../../model/types.js';

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
      unused: 'Unexpected table kind `{{kind}}` that matched no table in {{pages}}, expected its `match` to recognize at least one',
    },
  },
  check(corpus, context) {
    if (!corpus.complete || corpus.configFile === null || corpus.configPath === null) return;
    const used = new Set<string>();
    for (const page of corpus.pages) for (const t of page.facts?.tables ?? []) used.add(t.kind);
    const configName = path.basename(corpus.configFile);
    let text: string | null = null;
    for (const kind of context.facts.kinds) {
      if (used.has(kind.id) || !kind.origin.includes(configName)) continue;
      text ??= readConfigText(corpus.configPath);
      context.report({
        messageId: 'unused',
        file: corpus.configFile,
        span: declarationSpan(text, kind.id),
        data: { kind: kind.id, pages: `${corpus.pages.length} checked ${corpus.pages.length === 1 ? 'page' : 'pages'}` },
      });
    }
  },
};

function readConfigText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The line declaring `id: <kind>` (YAML) or `"id": "<kind>"` (JSON) in the config file. */
function declarationSpan(text: string, id: string): Span {
  const lines = text.split(/\r\n|\n|\r/);
  const re = new RegExp(`(["']?id["']?\\s*:\\s*["']?)${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
  const index = lines.findIndex((l) => re.test(l));
  const line = index === -1 ? 1 : index + 1;
  const column = index === -1 ? 1 : (lines[index]?.search(/\S/) ?? 0) + 1;
  const endColumn = index === -1 ? 1 : (lines[index]?.length ?? 0) + 1;
  return { line, column, endLine: line, endColumn, offset: 0, endOffset: 0 };
}
