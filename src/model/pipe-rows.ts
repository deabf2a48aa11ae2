/**
 * GFM's pipe-table rows, read from lines that did not become a table. micromark tells a table
 * from text but keeps no trace of the rows it turned down, so the few rules it applies to a
 * header row and a delimiter row (micromark-extension-gfm-table, `tokenizeTable`) are restated
 * here, for lines with their container prefix (`> `, list indentation) removed.
 */

/** The fullwidth vertical line (U+FF5C) that Japanese and Chinese input methods type for `|`. */
export const FULLWIDTH_PIPE = '｜';

/** A delimiter row's source: cells of `-` with an optional `:` at either end, between pipes. */
export const DELIMITER_ROW_SOURCE = String.raw`(?:\|[ \t]*)?:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?`;
const delimiterRowRe = new RegExp(`^${DELIMITER_ROW_SOURCE}[ \\t]*$`);

/**
 * Whether GFM reads a line as a delimiter row. Without a `|` or a `:`, `---` is a heading
 * underline or a rule; `- | -` starts a list item.
 */
export function isDelimiterRow(text: string): boolean {
  return delimiterRowRe.test(text) && /[|:]/.test(text) && !/^-[ \t]/.test(text);
}

/** The cells of a delimiter row GFM reads (`---`, `:-:`), trimmed. */
export function delimiterCells(text: string): string[] {
  return text
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());
}

/** Where a row's cells are divided: each `|` not escaped by an odd run of backslashes (code spans do not protect one). */
function dividers(text: string): number[] {
  const at: number[] = [];
  let backslashes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '|' && backslashes % 2 === 0) at.push(i);
    backslashes = c === '\\' ? backslashes + 1 : 0;
  }
  return at;
}

/** How many cells GFM reads in a row: one more than its dividers, less a leading and a trailing one. */
export function rowCellCount(text: string): number {
  const at = dividers(text);
  const trimmed = text.trim();
  const lead = text.length - text.trimStart().length;
  let count = at.length + 1;
  if (at[0] === lead) count--;
  if (at.length > 0 && at[at.length - 1] === lead + trimmed.length - 1) count--;
  return Math.max(count, 0);
}

/**
 * Whether a line is shaped like a delimiter row, one GFM reads or not: only dashes, colons,
 * `=`, `+`, spaces and pipes (ASCII or fullwidth), with at least one dash or `=` and one pipe.
 */
export function looksLikeDelimiterRow(text: string): boolean {
  return /^[-:=+|｜ \t]+$/.test(text) && /[-=]/.test(text) && /[|｜]/.test(text);
}

/** Whether a line is written like a table row: it starts with a pipe (ASCII or fullwidth) and has another. */
export function looksLikeTableRow(text: string): boolean {
  return /^[|｜]/.test(text) && /^.[^]*[|｜]/.test(text);
}
