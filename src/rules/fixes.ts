import type { Edit } from '../engine/types.js';
import type { PageModel, Span } from '../model/types.js';

/**
 * An edit that removes whole lines (a definition), with their line ending. Offsets come from
 * the span; the line ending length is read from the page's line-ending kind.
 */
export function removeLinesEdit(page: PageModel, span: Span): Edit {
  const eol = page.lineEnding === 'crlf' ? 2 : 1;
  const start = span.offset - (span.column - 1);
  const atLastLine = span.endLine >= page.lineCount;
  return { offset: start, endOffset: atLastLine ? span.endOffset : span.endOffset + eol, text: '' };
}
