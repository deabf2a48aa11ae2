import type { PageRule } from '../../engine/types.js';

/**
 * `[text] [12]` (a space between) and `[text][12 ]` (space in the label) were meant as
 * references. The first renders `[text]` as literal text; the second works in CommonMark
 * but not in every renderer and hides in reviews.
 */
export const referenceMalformed: PageRule = {
  meta: {
    id: 'reference-malformed',
    description: 'Text meant as a reference that does not parse as one, such as `[text] [12]` or `[text][12 ]`.',
    scope: 'page',
    category: 'references',
    defaultSeverity: 'error',
    fixable: true,
    messages: {
      spaced: 'Unexpected space before `[{{label}}]`, expected `[text][{{label}}]` with no space between the brackets',
      padded: 'Unexpected whitespace in label `[{{raw}}]`, expected `[{{label}}]`',
    },
  },
  check(page, context) {
    const defined = new Set(page.definitions.map((d) => d.identifier));
    for (const c of page.referenceCandidates) {
      if (c.shape !== 'spaced') continue;
      // `[note] [1]` is only a reference attempt when `[1]` names a definition (or looks like a footnote number).
      if (!defined.has(c.identifier) && !/^\d+$/.test(c.label.trim())) continue;
      context.report({
        messageId: 'spaced',
        data: { label: c.label },
        span: c.span,
        fix: [{ offset: c.span.offset, endOffset: c.span.endOffset, text: `][${c.label}]` }],
      });
    }
    for (const r of page.references) {
      if (r.referenceType !== 'full') continue;
      if (r.rawLabel === r.rawLabel.trim()) continue;
      const label = r.rawLabel.trim();
      context.report({
        messageId: 'padded',
        data: { raw: r.rawLabel, label },
        span: r.labelSpan,
        fix: [{ offset: r.labelSpan.offset, endOffset: r.labelSpan.endOffset, text: `[${label}]` }],
      });
    }
  },
};
