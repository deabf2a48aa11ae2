/**
 * Characters a terminal, a log viewer or an editor acts on instead of showing: C0 and C1
 * controls (ESC starts sequences that recolor, hide or erase text and set the window title),
 * DEL, line and paragraph separators, and the bidirectional embeddings, overrides and isolates
 * that reorder how a line reads. Tabs are left alone.
 */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `\x1b`, `\u202e`: the escape a reader can see in place of a control character. */
function escaped(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Text for a text format (terminal, log, annotation, Markdown): page text and file names shown
 * as they are, with control characters as visible escapes, so no page can move the cursor,
 * fake a line of output or hide a finding. Line breaks are escaped too (in data they are never
 * the format's own), unless the format encodes them itself (`lineBreaks: 'keep'`).
 */
export function visibleText(text: string, options: { lineBreaks?: 'escape' | 'keep' } = {}): string {
  return text.replace(CONTROL, (c) => (options.lineBreaks === 'keep' && (c === '\n' || c === '\r') ? c : escaped(c)));
}
