import fc from 'fast-check';
import type { RootContent } from 'mdast';
import { describe, expect, test } from 'vitest';
import { delimiterCells, isDelimiterRow, looksLikeDelimiterRow, rowCellCount } from '../src/model/pipe-rows.js';
import { extractPage } from '../src/model/extract.js';
import { parseMarkdown } from '../src/parse/markdown.js';

// model/pipe-rows.ts restates how GFM reads a header row and a delimiter row, for lines that
// did not become a table. These properties hold it to what the parser itself does.

const first = (text: string): RootContent | undefined => parseMarkdown(text).children[0];

/** The header cells GFM gives a row: the size of the delimiter row that makes it a table, or 0 when none does. */
function gfmHeaderCells(row: string): number {
  for (let n = 1; n <= 8; n++) {
    const node = first(`${row}\n${'|---'.repeat(n)}|\n`);
    if (node?.type === 'table') return node.children[0]?.children.length ?? 0;
  }
  return 0;
}

const rowPiece = fc.constantFrom('a', 'Go', '中文', ' ', '  ', '|', '|', '\\|', '\\\\', '\\', '`x|y`', '｜', '1.2', '**b**');
const row = fc
  .array(rowPiece, { minLength: 1, maxLength: 10 })
  .map((parts) => parts.join('').trim())
  // Rows that start another block (a heading, a list, a quote) or hold nothing are not rows.
  .filter((r) => r !== '' && !/^[-*+#>]/.test(r));

const delimiterPiece = fc.constantFrom('-', '---', ':', '|', ' ', '- ', '=', '+', '｜', ':-:');
const delimiter = fc
  .array(delimiterPiece, { minLength: 1, maxLength: 8 })
  .map((parts) => parts.join('').trim())
  .filter((d) => d !== '');

describe('pipe rows as GFM reads them', () => {
  test('rowCellCount is the number of header cells GFM makes of a row', () => {
    fc.assert(
      fc.property(row, (r) => {
        expect(rowCellCount(r)).toBe(gfmHeaderCells(r));
      }),
      { numRuns: 400, seed: 20261207 },
    );
  });

  test('a line under a header of n cells makes a table exactly when it is a delimiter row of n cells', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), delimiter, (n, d) => {
        const header = `|${' a |'.repeat(n)}`;
        const table = first(`${header}\n${d}\n`)?.type === 'table';
        expect(isDelimiterRow(d) && delimiterCells(d).length === n).toBe(table);
        // Every delimiter row GFM accepts is one the rule looks at.
        if (isDelimiterRow(d) && d.includes('|')) expect(looksLikeDelimiterRow(d)).toBe(true);
      }),
      { numRuns: 400, seed: 20261207 },
    );
  });

  test('a list item is not a delimiter row, though its text is shaped like one', () => {
    expect(first('| a | b |\n- | -\n')?.type).toBe('paragraph');
    expect(isDelimiterRow('- | -')).toBe(false);
    expect(isDelimiterRow('-- | -')).toBe(true);
  });
});

describe('pipe paragraphs in the page model', () => {
  test('lines lose their container prefix, and a paragraph right after a table says which one', () => {
    const page = extractPage(['| a | b |', '|---|---|', '| 1 | 2 |', '', '| 3 | 4 |', '', '> | x | y |', '> |---|', '', 'prose | with a pipe', ''].join('\n'));
    expect(page.pipeParagraphs.map((p) => ({ lines: p.lines.map((l) => [l.span.line, l.span.column, l.text]), afterTable: p.afterTable }))).toEqual([
      { lines: [[5, 1, '| 3 | 4 |']], afterTable: 0 },
      { lines: [[7, 3, '| x | y |'], [8, 3, '|---|']], afterTable: null },
    ]);
  });
});
