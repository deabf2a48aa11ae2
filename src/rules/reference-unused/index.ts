import type { PageRule } from '../../engine/types.js';
import type { Span } from '../../model/types.js';
import { isCommentDefinition, removeLinesEdit } from '../fixes.js';
import { DocumentScopes } from '../scopes.js';

/** A span cut to its first line (a footnote's text runs on). */
function firstLine(span: Span): Span {
  return span.endLine === span.line ? span : { ...span, endLine: span.line, endColumn: span.column + 1, endOffset: span.offset + 1 };
}

/** A definition nothing uses is usually a link that was meant to be written and was not. */
export const referenceUnused: PageRule = {
  meta: {
    id: 'reference-unused',
    description: 'A link reference definition that nothing on the page uses.',
    scope: 'page',
    category: 'references',
    defaultSeverity: 'warn',
    fixable: true,
    messages: {
      unused: 'Unexpected unused definition `[{{label}}]` ({{url}}), expected a reference to it or no definition',
      unusedFootnote: 'Unexpected unused footnote definition `[^{{label}}]`, expected a `[^{{label}}]` reference to it or no definition',
    },
  },
  check(page, context) {
    // Labels are matched within their document: a tab's references use the tab's definitions.
    const scopes = DocumentScopes.for(page, context.facts.site);
    const used = new Set(page.references.map((r) => scopes.key(r.identifier, r.span.offset)));
    const firstOf = new Map<string, number>();
    for (const d of page.definitions) {
      const key = scopes.key(d.identifier, d.span.offset);
      if (!firstOf.has(key)) firstOf.set(key, d.span.offset);
    }
    for (const d of page.definitions) {
      const key = scopes.key(d.identifier, d.span.offset);
      if (used.has(key) || isCommentDefinition(d)) continue;
      // A second definition of a label is reference-duplicate's finding, not this rule's.
      if (firstOf.get(key) !== d.span.offset) continue;
      context.report({
        messageId: 'unused',
        data: { label: d.label, url: d.url },
        span: d.span,
        fix: [removeLinesEdit(d.span)],
      });
    }
    // A footnote nothing cites does not render at all; its text may run over several lines, so there is no fix.
    const cited = new Set(page.footnotes.references);
    const firstFootnote = new Set<string>();
    for (const f of page.footnotes.definitions) {
      if (firstFootnote.has(f.identifier)) continue;
      firstFootnote.add(f.identifier);
      if (!cited.has(f.identifier)) context.report({ messageId: 'unusedFootnote', data: { label: f.label }, span: firstLine(f.span) });
    }
  },
};
