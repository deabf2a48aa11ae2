import type { Edit } from '../engine/types.js';
import type { Span } from '../model/types.js';

/** An edit that removes whole lines (a definition), with the line ending after them. */
export function removeLinesEdit(span: Span): Edit {
  return { offset: span.offset - (span.column - 1), endOffset: span.endOffset, text: '', throughLineEnd: true };
}
