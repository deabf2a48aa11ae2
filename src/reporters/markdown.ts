import type { Diagnostic } from '../engine/types.js';
import { CappedLines, JOB_SUMMARY_MAX_BYTES, markdownCode, markdownText, utf8Bytes } from '../util/markdown.js';
import { ruleDocsUrl } from '../util/paths.js';
import { formatNumber } from '../util/strings.js';
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

/** A finding stated in 500 places would fill a job summary on its own. */
const MAX_RELATED = 20;

function messageCell(d: Diagnostic, context: ReporterContext): string {
  const related = d.related
    .slice(0, MAX_RELATED)
    .map((r) => `<br>↳ ${located(cellText(relatedWhere(d, r)), r.file, r.line, context)} ${cellText(r.message)}`);
  const more = d.related.length - MAX_RELATED;
  return cellText(d.message) + related.join('') + (more > 0 ? `<br>↳ … and ${formatCount(more, 'more location')}` : '');
}

/** Room kept for the note that says what was left out. */
const NOTE_ROOM = 600;

/**
 * A GitHub job summary or pull-request comment: the totals and the run's notices, then a table
 * per file. Page text is escaped for the table (see `markdownText`), so no page can break the
 * layout, inject HTML or add a link. The report stays under `context.maxBytes` (default
 * 1,000,000 bytes, a job summary): it stops at a whole finding and says how many it left out.
 */
export const markdownReporter: Reporter = (result, context) => {
  const maxBytes = context.maxBytes ?? JOB_SUMMARY_MAX_BYTES;
  const out = new CappedLines(maxBytes, NOTE_ROOM, utf8Bytes);
  out.add(['## compatlint', '', `${result.diagnostics.length === 0 ? '✔' : '✖'} ${totalsText(result)}`]);
  let notices = 0;
  const shown = new Set<Diagnostic>();
  let cut = false;
  for (const notice of result.notices) {
    const lines = ['', `ℹ ${markdownText(noticeText(notice))}`];
    if (!out.fits(lines)) {
      cut = true;
      break;
    }
    out.add(lines);
    notices++;
  }
  for (const [file, diagnostics] of cut ? [] : byFile(result.diagnostics)) {
    const head = ['', `### ${markdownCode(file)}`, '', '| Line | Severity | Rule | Message |', '| ---: | --- | --- | --- |'];
    for (const [i, d] of diagnostics.entries()) {
      const rule = `[${markdownCode(d.ruleId, { inTable: true })}](${ruleDocsUrl(d.ruleId)})`;
      const row = [`| ${located(String(d.line), d.file, d.line, context)} | ${d.severity} | ${rule} | ${messageCell(d, context)} |`];
      const lines = i === 0 ? [...head, ...row] : row;
      if (!out.fits(lines)) {
        cut = true;
        break;
      }
      out.add(lines);
      shown.add(d);
    }
    if (cut) break;
  }
  if (cut) out.add(['', cutNote(result, shown, notices, maxBytes)]);
  return out.text();
};

/** What a cut report left out, and where every finding is. */
function cutNote(result: Parameters<Reporter>[0], shown: ReadonlySet<Diagnostic>, notices: number, maxBytes: number): string {
  const total = result.diagnostics.length;
  const left = result.diagnostics.filter((d) => !shown.has(d));
  const errors = left.filter((d) => d.severity === 'error').length;
  const noticesLeft = result.notices.length - notices;
  const parts = [`${formatNumber(left.length)} of ${formatCount(total, 'finding')} left out (${formatCount(errors, 'error')})`];
  if (noticesLeft > 0) parts.push(`${formatCount(noticesLeft, 'notice')} of ${result.notices.length}`);
  return (
    `> **Cut to stay under ${formatCount(maxBytes, 'byte')}** (\`--max-bytes\`): ${parts.join(', ')}. ` +
    'The totals above count everything; `compatlint check` in any other format (`stylish`, `json`, `sarif`) lists every finding.'
  );
}

function formatCount(n: number, one: string): string {
  return `${formatNumber(n)} ${n === 1 ? one : `${one}s`}`;
}
