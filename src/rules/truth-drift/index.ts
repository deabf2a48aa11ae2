import type { CorpusRule } from '../../engine/types.js';
import { compareValues } from '../../facts/compare.js';
import { factRef, factsOf, type Shown, showValue, sourcePages, type Subject, subject } from '../../facts/corpus.js';
import { subjectText, valueText } from '../../engine/wording.js';

/**
 * Pages checked against source-of-truth files (config `truth`): a fact a truth file states
 * differently is reported on the page, naming the file and key. With `missing: true`
 * (`--truth-missing`), facts the truth states but no page does are reported in the truth file.
 */
export const truthDrift: CorpusRule<{ missing?: boolean }> = {
  meta: {
    id: 'truth-drift',
    description: 'A page states a fact differently from a source-of-truth file (config `truth`).',
    scope: 'corpus',
    category: 'facts',
    defaultSeverity: 'error',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { missing: { type: 'boolean', description: 'Also report truth facts that no page states.' } },
    },
    defaultOptions: { missing: false },
    messages: {
      differs: (d: { subject: Subject; value: Shown; truth: string; file: string; key: string }) =>
        `${subjectText(d.subject)} is ${valueText(d.value)} here but \`${d.truth}\` in the source of truth (${d.file}, key \`${d.key}\`)`,
      truth: 'The source of truth says `{{truth}}`',
      missing: 'Unexpected fact `{{key}}` (`{{truth}}`) that no checked page states',
    },
  },
  check(corpus, context) {
    const truth = corpus.truth ?? [];
    if (truth.length === 0) return;
    const byKey = new Map(truth.map((t) => [t.key, t]));
    const stated = new Set<string>();
    for (const page of sourcePages(corpus.pages, context.facts)) {
      for (const f of factsOf(page)) {
        const t = byKey.get(f.fact.key);
        if (!t) continue;
        stated.add(t.key);
        if (compareValues(t.value, f.fact.value) !== 'disagree') continue;
        context.report({
          messageId: 'differs',
          file: f.table.file,
          span: f.fact.span,
          data: { subject: subject(f), value: showValue(f), truth: t.text, file: t.file, key: t.written },
          related: [{ file: t.file, span: lineSpan(t.line), messageId: 'truth', data: { truth: t.text } }],
          facts: [factRef(f)],
        });
      }
    }
    if (!context.options.missing || !corpus.complete) return;
    for (const t of truth) {
      if (stated.has(t.key)) continue;
      context.report({ messageId: 'missing', file: t.file, span: lineSpan(t.line), data: { key: t.written, truth: t.text } });
    }
  },
};

function lineSpan(line: number) {
  return { line, column: 1, endLine: line, endColumn: 1, offset: 0, endOffset: 0 };
}
