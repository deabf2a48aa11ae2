import type { Edit } from '../engine/types.js';
import type { Definition, Span } from '../model/types.js';
import type { DocumentScopes } from './scopes.js';

/** An edit that removes whole lines (a definition), with the line ending after them. */
export function removeLinesEdit(span: Span): Edit {
  return { offset: span.offset - (span.column - 1), endOffset: span.endOffset, text: '', throughLineEnd: true };
}

/**
 * `[//]: # (a comment)`: the Markdown comment idiom, a definition no one means as a link. The
 * reference rules leave it alone, as markdownlint does (its `ignored_definitions` default).
 */
export function isCommentDefinition(d: Definition): boolean {
  return d.identifier === '//';
}

/** Each definition of a label after its first, with that first one (labels match as CommonMark matches them). */
export function secondDefinitions(definitions: readonly Definition[], scopes: DocumentScopes): Array<{ definition: Definition; first: Definition }> {
  const first = new Map<string, Definition>();
  const out: Array<{ definition: Definition; first: Definition }> = [];
  for (const d of definitions) {
    if (isCommentDefinition(d)) continue;
    // Within one document only: each tab may define its own `[1]`.
    const key = scopes.key(d.identifier, d.span.offset);
    const earlier = first.get(key);
    if (earlier) out.push({ definition: d, first: earlier });
    else first.set(key, d);
  }
  return out;
}
