import type { Edit, PageRule, Report } from '../../engine/types.js';
import { counted } from '../../engine/wording.js';
import {
  delimiterCells,
  FULLWIDTH_PIPE,
  isDelimiterRow,
  looksLikeDelimiterRow,
  looksLikeTableRow,
  rowCellCount,
} from '../../model/pipe-rows.js';
import type { PipeParagraph, Span, Table, TableLine } from '../../model/types.js';

/**
 * Lines written as a table that GFM renders as a paragraph: the reader sees a jumble of pipes,
 * and no table rule sees a table, so every defect in it is hidden too. One report per would-be
 * table, at the line that breaks it. Rows of a table that did render are table-column-count's.
 */
export const tableMalformed: PageRule = {
  meta: {
    id: 'table-malformed',
    description: 'Lines written as a table that GFM renders as text (header and delimiter rows that disagree, no delimiter row, a blank line inside).',
    scope: 'page',
    category: 'tables',
    defaultSeverity: 'error',
    fixable: true,
    messages: {
      cellCount: (d: { header: number; delimiter: number; delimiterLine: number }) =>
        `Unexpected ${counted(d.header, 'cell')} in the header row and ${d.delimiter} in the delimiter row (line ${d.delimiterLine}), expected the same number in both: GFM renders these lines as text, not as a table`,
      fullwidthPipe: (d: { row: 'header' | 'delimiter'; header: number; delimiter: number; delimiterLine: number }) =>
        d.row === 'header'
          ? `Unexpected fullwidth \`${FULLWIDTH_PIPE}\` (U+FF5C) in the header row, expected \`|\`: GFM divides no cell there, reads ${counted(d.header, 'cell')} in this row and ${d.delimiter} in the delimiter row (line ${d.delimiterLine}), and renders these lines as text, not as a table`
          : `Unexpected fullwidth \`${FULLWIDTH_PIPE}\` (U+FF5C) in the delimiter row, expected \`|\`: GFM reads no delimiter row here and renders these lines as text, not as a table`,
      delimiterMalformed:
        'Unexpected delimiter row `{{text}}`, expected cells of dashes with an optional colon at either end (`---`, `:--`, `--:`, `:-:`) between pipes: GFM renders these lines as text, not as a table',
      delimiterMissing: (d: { rows: number }) =>
        `Unexpected ${counted(d.rows, 'table row')} with no delimiter row (\`| --- | --- |\`) under the first: GFM renders them as text, not as a table`,
      afterBlankLine: (d: { rows: number; tableLine: number }) =>
        `Unexpected blank line between the table of line ${d.tableLine} and this row: a blank line ends a table, so GFM renders ${d.rows === 1 ? 'this row' : `these ${d.rows} rows`} as text`,
      notRendered: (d: { cells: number; delimiterLine: number }) =>
        `Unexpected text where a table is written: the header row and the delimiter row (line ${d.delimiterLine}) both have ${counted(d.cells, 'cell')}, but GFM reads these lines as text; expected a blank line before the table, no row indented 4 columns or more, and every row in the block quote or list item of the header row (its \`>\` or indentation on each line)`,
    },
  },
  check(page, context) {
    for (const paragraph of page.pipeParagraphs) {
      for (const report of paragraphReports(paragraph, page.tables)) context.report(report);
    }
  },
};

/** Each would-be table of a paragraph: a header row over a delimiter-shaped line, or a run of table rows. */
function paragraphReports(paragraph: PipeParagraph, tables: readonly Table[]): Report[] {
  const { lines } = paragraph;
  const headerAt = (i: number) => i + 1 < lines.length && looksLikeDelimiterRow((lines[i + 1] as TableLine).text);
  const reports: Report[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as TableLine;
    if (headerAt(i)) {
      let end = i + 2;
      while (end < lines.length && !headerAt(end)) end++;
      reports.push(headerReport(line, lines[i + 1] as TableLine, lines.slice(i + 2, end)));
      i = end;
    } else if (looksLikeTableRow(line.text)) {
      let end = i + 1;
      while (end < lines.length && looksLikeTableRow((lines[end] as TableLine).text) && !headerAt(end)) end++;
      const rows = end - i;
      const table = i === 0 && paragraph.afterTable !== null ? tables[paragraph.afterTable] : undefined;
      if (table) reports.push({ messageId: 'afterBlankLine', data: { rows, tableLine: table.span.line }, span: line.span });
      else if (rows >= 2) reports.push({ messageId: 'delimiterMissing', data: { rows }, span: line.span });
      i = end;
    } else {
      i++;
    }
  }
  return reports;
}

/** What keeps a header row and the delimiter-shaped line under it from being a table, and the fix when the rows show which line is wrong. */
function headerReport(header: TableLine, delimiter: TableLine, body: readonly TableLine[]): Report {
  const headerCells = rowCellCount(header.text);
  const delimiterLine = delimiter.span.line;
  const bodyHas = (cells: number) => body.every((row) => rowCellCount(row.text) === cells);
  if (!isDelimiterRow(delimiter.text)) {
    const repaired = delimiter.text.replaceAll(FULLWIDTH_PIPE, '|');
    if (!delimiter.text.includes(FULLWIDTH_PIPE) || !isDelimiterRow(repaired)) {
      return { messageId: 'delimiterMalformed', data: { text: delimiter.text }, span: delimiter.span };
    }
    const cells = delimiterCells(repaired).length;
    return {
      messageId: 'fullwidthPipe',
      data: { row: 'delimiter', header: headerCells, delimiter: cells, delimiterLine },
      span: charSpan(delimiter, delimiter.text.indexOf(FULLWIDTH_PIPE)),
      ...(cells === headerCells && bodyHas(cells) ? { fix: [replaceLine(delimiter, repaired)] } : {}),
    };
  }
  const delimiterCount = delimiterCells(delimiter.text).length;
  if (delimiterCount === headerCells) {
    // Rows that agree and still make no table: lazy continuation lines of a paragraph in a
    // block quote or list item, or rows indented as code. Which one, the model cannot tell (a
    // tab's width, a container's indentation), so the message names both.
    return { messageId: 'notRendered', data: { cells: headerCells, delimiterLine }, span: header.span };
  }
  const repaired = header.text.replaceAll(FULLWIDTH_PIPE, '|');
  if (header.text.includes(FULLWIDTH_PIPE) && rowCellCount(repaired) === delimiterCount) {
    return {
      messageId: 'fullwidthPipe',
      data: { row: 'header', header: headerCells, delimiter: delimiterCount, delimiterLine },
      span: charSpan(header, header.text.indexOf(FULLWIDTH_PIPE)),
      // The delimiter row and every body row agree on the count the repaired header has.
      ...(bodyHas(delimiterCount) ? { fix: [replaceLine(header, repaired)] } : {}),
    };
  }
  return {
    messageId: 'cellCount',
    data: { header: headerCells, delimiter: delimiterCount, delimiterLine },
    span: header.span,
    // Only when the body rows side with the header is the delimiter row the line to change.
    ...(body.length > 0 && bodyHas(headerCells) ? { fix: [replaceLine(delimiter, resizedDelimiter(delimiter.text, headerCells))] } : {}),
  };
}

/** A delimiter row with `cells` cells: its own first cells, then `---` spaced like its last one. */
function resizedDelimiter(text: string, cells: number): string {
  const lead = text.startsWith('|');
  const trail = text.endsWith('|');
  const segments = text.slice(lead ? 1 : 0, trail ? -1 : undefined).split('|');
  const filler = /^[ \t]/.test(segments[segments.length - 1] as string) ? ' --- ' : '---';
  const kept = segments.slice(0, cells);
  while (kept.length < cells) kept.push(filler);
  // One cell needs a pipe, or `---` is a heading underline.
  const out = `${lead || cells === 1 ? '|' : ''}${kept.join('|')}${trail || cells === 1 ? '|' : ''}`;
  return trail ? out : out.trimEnd();
}

function replaceLine(line: TableLine, text: string): Edit {
  return { offset: line.span.offset, endOffset: line.span.endOffset, text };
}

/** The span of the character at `index` in a line (one UTF-16 unit: `｜` is in the BMP). */
function charSpan(line: TableLine, index: number): Span {
  const offset = line.span.offset + index;
  return { line: line.span.line, column: line.span.column + index, endLine: line.span.line, endColumn: line.span.column + index + 1, offset, endOffset: offset + 1 };
}
