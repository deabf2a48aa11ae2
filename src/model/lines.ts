import type { LineEnding, Span } from './types.js';

/** Maps offsets in a text to 1-based line and column, treating CRLF, LF and CR as line endings (as CommonMark does). */
export class LineIndex {
  /** Offset at which each line starts. */
  readonly starts: number[];
  readonly lineEnding: LineEnding;

  constructor(readonly text: string) {
    const starts = [0];
    let lf = 0;
    let crlf = 0;
    let cr = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        lf++;
        starts.push(i + 1);
      } else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) {
          crlf++;
          i++;
        } else {
          cr++;
        }
        starts.push(i + 1);
      }
    }
    this.starts = starts;
    const kinds = (lf > 0 ? 1 : 0) + (crlf > 0 ? 1 : 0) + (cr > 0 ? 1 : 0);
    this.lineEnding = kinds === 0 ? 'none' : kinds > 1 ? 'mixed' : lf > 0 ? 'lf' : crlf > 0 ? 'crlf' : 'cr';
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line of an offset. */
  lineOf(offset: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  point(offset: number): { line: number; column: number } {
    // Between the CR and the LF of a CRLF is still the end of the line, not a column past it.
    if (offset > 0 && this.text.charCodeAt(offset) === 10 && this.text.charCodeAt(offset - 1) === 13) offset--;
    const line = this.lineOf(offset);
    return { line, column: offset - (this.starts[line - 1] as number) + 1 };
  }

  span(offset: number, endOffset: number): Span {
    const start = this.point(offset);
    const end = this.point(endOffset);
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column, offset, endOffset };
  }

  /** Offset where a 1-based line starts. */
  lineStart(line: number): number {
    return this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1] as number;
  }

  /** Offset where a 1-based line's content ends (before its line ending). */
  lineEnd(line: number): number {
    if (line >= this.starts.length) return this.text.length;
    let end = (this.starts[line] as number) - 1;
    if (end > 0 && this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** The text of a 1-based line, without its line ending. */
  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}

/** A span for a whole line's content. */
export function lineSpan(index: LineIndex, line: number): Span {
  return index.span(index.lineStart(line), index.lineEnd(line));
}
