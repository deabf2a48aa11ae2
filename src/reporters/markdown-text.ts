/**
 * Page text inside a GFM table cell. Messages quote page text, so a cell must survive any
 * input: a `|` would split the row, a newline end it, `<script>` become HTML, `[x](y)` a link,
 * `$x$` math. Code spans the message means (`` `1.2.0` ``) are kept; everything else is
 * literal text. Written by hand because Markdown libraries serialize syntax trees, not a
 * plain string into a single table cell.
 */
export function cellText(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '`') {
      const fence = backtickRun(text, i);
      const close = closingRun(text, i + fence, fence);
      if (close === -1) {
        // An unmatched run is literal backticks in CommonMark; escaping says so explicitly.
        out += '\\`'.repeat(fence);
        i += fence;
      } else {
        // Inside a code span only `|` means anything to the table (GFM unescapes `\|` there).
        const code = text.slice(i + fence, close).replace(/\r\n|\r|\n/g, ' ').replace(/\|/g, '\\|');
        out += '`'.repeat(fence) + code + '`'.repeat(fence);
        i = close + fence;
      }
      continue;
    }
    const rest = /^(?:\r\n|\r|\n)/.exec(text.slice(i, i + 2));
    if (rest) {
      out += '<br>';
      i += rest[0].length;
      continue;
    }
    const c = text[i] as string;
    out += /[\\*_[\]<>&|~$]/.test(c) ? `\\${c}` : c;
    i++;
  }
  return out;
}

/** A code span holding `text` whatever backticks it contains (for file names in headings). */
export function codeSpan(text: string): string {
  const flat = text.replace(/\r\n|\r|\n/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // CommonMark strips one space from each side of a code span, and a backtick at an edge would join the fence.
  const pad = /^[` ]|[` ]$/.test(flat) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

function backtickRun(text: string, start: number): number {
  let end = start;
  while (text[end] === '`') end++;
  return end - start;
}

/** Where the next run of exactly `length` backticks starts, or -1. */
function closingRun(text: string, from: number, length: number): number {
  let i = from;
  while (i < text.length) {
    if (text[i] !== '`') {
      i++;
      continue;
    }
    const run = backtickRun(text, i);
    if (run === length) return i;
    i += run;
  }
  return -1;
}
