import type { Diagnostic } from '../engine/types.js';
import { markdownCode, markdownText } from '../util/markdown.js';
import { ruleDocsUrl } from '../util/paths.js';
import { byFile } from './group.js';
import type { Reporter, ReporterContext } from './types.js';
import { encodePath } from './uri.js';
import { noticeText, relatedWhere, totalsText } from './wording.js';

/** Fill `{file}` and `{line}`; a space or `|` left in the template would break the link or the table row. */
function linkTo(template: string, file: string, line: number): string {
  return template
    .replaceAll('{file}', () => encodePath(file))
    .replaceAll('{line}', String(line))
    .replace(/[\s|<>]/g, (c) => encodeURIComponent(c));
}

/** `text` as a link to `file` at `line` when a link template is given, else as it is. */
function located(text: string, file: string, line: number, context: ReporterContext): string {
  return context.linkTemplate === undefined ? text : `[${text}](${linkTo(context.linkTemplate, file, line)})`;
}

/** Text for a table cell: see `markdownText`. */
function cellText(text: string): string {
  return markdownText(text, { inTable: true, lineBreak: '<br>' });
}

function messageCell(d: Diagnostic, context: ReporterContext): string {
  const related = d.related.map(
    (r) => `<br>↳ ${located(cellText(relatedWhere(d, r)), r.file, r.line, context)} ${cellText(r.message)}`,
  );
  return cellText(d.message) + related.join('');
}

/**
 * A GitHub job summary or pull-request comment: the totals and the run's notices, then a table
 * per file. Page text is escaped for the table (see `markdownText`), so no page can break the
 * layout, inject HTML or add a link.
 */
export const markdownReporter: Reporter = (result, context) => {
  const lines = ['## compatlint', '', `${result.diagnostics.length === 0 ? '✔' : '✖'} ${totalsText(result)}`];
  for (const notice of result.notices) lines.push('', `ℹ ${markdownText(noticeText(notice))}`);
  for (const [file, diagnostics] of byFile(result.diagnostics)) {
    lines.push('', `### ${markdownCode(file)}`, '', '| Line | Severity | Rule | Message |', '| ---: | --- | --- | --- |');
    for (const d of diagnostics) {
      const rule = `[${markdownCode(d.ruleId, { inTable: true })}](${ruleDocsUrl(d.ruleId)})`;
      lines.push(`| ${located(String(d.line), d.file, d.line, context)} | ${d.severity} | ${rule} | ${messageCell(d, context)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
};
