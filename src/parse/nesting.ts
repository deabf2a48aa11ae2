/**
 * Pages nested deeper than this (blockquotes and list items, counted per line) are reported,
 * not parsed. micromark's work grows with the square of the nesting depth: 5,000 `>` on one
 * line take seconds, 2,500 `- ` ten seconds or more. Real pages nest a few levels deep.
 */
export const MAX_NESTING_DEPTH = 100;

export interface Nesting {
  depth: number;
  /** Where the deepest line's container markers start and end (0-based offsets). */
  offset: number;
  endOffset: number;
}

/**
 * The deepest container nesting a line opens: its leading `>` markers and list markers
 * (`-`, `*`, `+`, `1.`, `1)`), plus one level per two columns of indentation before the first
 * list marker, since an indented list item nests in the item above it. A cheap, linear
 * over-estimate of what the parser will build; it never parses.
 */
export function deepestNesting(text: string): Nesting {
  let deepest: Nesting = { depth: 0, offset: 0, endOffset: 0 };
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lineStart = i;
    let depth = 0;
    let indent = 0;
    let sawList = false;
    // Container markers at the start of the line.
    for (;;) {
      let spaces = 0;
      while (i < n && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) {
        spaces++;
        i++;
      }
      if (depth === 0) indent = spaces;
      const c = text.charCodeAt(i);
      if (c === 62 /* > */) {
        depth++;
        i++;
        continue;
      }
      const markerEnd = listMarkerEnd(text, i);
      if (markerEnd !== -1) {
        if (!sawList) depth += Math.floor(indent / 2);
        sawList = true;
        depth++;
        i = markerEnd;
        continue;
      }
      break;
    }
    if (depth > deepest.depth) deepest = { depth, offset: lineStart, endOffset: i };
    // Skip the rest of the line (CRLF, LF and CR all end one).
    while (i < n) {
      const c = text.charCodeAt(i++);
      if (c === 10) break;
      if (c === 13) {
        if (text.charCodeAt(i) === 10) i++;
        break;
      }
    }
  }
  return deepest;
}

/** Index just past a list marker at `i` (`-`, `*`, `+`, or 1–9 digits and `.`/`)`), or -1. */
function listMarkerEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  let end = -1;
  if (c === 45 || c === 42 || c === 43) {
    end = i + 1;
  } else {
    let j = i;
    while (j < text.length && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
    const d = text.charCodeAt(j);
    if (j > i && (d === 46 || d === 41)) end = j + 1;
  }
  if (end === -1) return -1;
  const after = text.charCodeAt(end);
  // A marker is followed by a space, a tab or the end of the line.
  return Number.isNaN(after) || after === 32 || after === 9 || after === 10 || after === 13 ? end : -1;
}
