import { createColors } from 'picocolors';
import { byFile } from './group.js';
import { visibleText } from '../util/visible.js';
import type { Reporter } from './types.js';
import { noticeText, relatedText, totalsText } from './wording.js';

/**
 * Terminal output in the shape ESLint users know: a header per file, then `line:col severity
 * message rule`. Page text and file names show control characters as escapes (`visibleText`).
 */
export const stylishReporter: Reporter = (result, context) => {
  const c = createColors(context.color);
  const lines: string[] = [];
  for (const [file, diagnostics] of byFile(result.diagnostics)) {
    lines.push(c.underline(visibleText(file)));
    const posWidth = Math.max(...diagnostics.map((d) => `${d.line}:${d.column}`.length));
    const sevWidth = Math.max(...diagnostics.map((d) => d.severity.length));
    for (const d of diagnostics) {
      const sevText = d.severity.padEnd(sevWidth);
      const colored = d.severity === 'error' ? c.red(sevText) : d.severity === 'warning' ? c.yellow(sevText) : c.blue(sevText);
      lines.push(`  ${c.dim(`${d.line}:${d.column}`.padEnd(posWidth))}  ${colored}  ${visibleText(d.message)}  ${c.dim(visibleText(d.ruleId))}`);
      for (const r of d.related) {
        lines.push(`  ${' '.repeat(posWidth)}  ${' '.repeat(sevWidth)}    ${c.dim(visibleText(relatedText(d, r)))}`);
      }
    }
    lines.push('');
  }
  const text = totalsText(result);
  if (result.diagnostics.length === 0) lines.push(c.green(`✔ ${text}`));
  else lines.push(result.summary.errors > 0 ? c.red(c.bold(`✖ ${text}`)) : c.yellow(c.bold(`✖ ${text}`)));
  for (const notice of result.notices) lines.push(c.blue(`ℹ ${noticeText(notice)}`));
  return `${lines.join('\n')}\n`;
};
