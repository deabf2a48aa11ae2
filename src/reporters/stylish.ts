import { createColors } from 'picocolors';
import type { Diagnostic } from '../engine/types.js';
import type { Reporter } from './types.js';

/** Terminal output in the shape ESLint users know: a header per file, then `line:col severity message rule`. */
export const stylishReporter: Reporter = (result, context) => {
  const c = createColors(context.color);
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of result.diagnostics) {
    const list = byFile.get(d.file) ?? [];
    list.push(d);
    byFile.set(d.file, list);
  }
  const lines: string[] = [];
  for (const [file, diagnostics] of byFile) {
    lines.push(c.underline(file));
    const rows = diagnostics.map((d) => ({
      pos: `${d.line}:${d.column}`,
      sev: d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'info',
      d,
    }));
    const posWidth = Math.max(...rows.map((r) => r.pos.length));
    const sevWidth = Math.max(...rows.map((r) => r.sev.length));
    for (const { pos, sev, d } of rows) {
      const sevText = sev.padEnd(sevWidth);
      const colored = d.severity === 'error' ? c.red(sevText) : d.severity === 'warning' ? c.yellow(sevText) : c.blue(sevText);
      lines.push(`  ${c.dim(pos.padEnd(posWidth))}  ${colored}  ${d.message}  ${c.dim(d.ruleId)}`);
      for (const r of d.related) {
        const where = r.file === d.file ? `${r.line}:${r.column}` : `${r.file}:${r.line}:${r.column}`;
        lines.push(`  ${' '.repeat(posWidth)}  ${' '.repeat(sevWidth)}    ${c.dim(`↳ ${where} ${r.message}`)}`);
      }
    }
    lines.push('');
  }
  const { errors, warnings } = result.summary;
  const total = errors + warnings + result.summary.infos;
  const files = `${result.files} ${result.files === 1 ? 'file' : 'files'}`;
  if (total === 0) {
    lines.push(c.green(`✔ No problems in ${files}`));
  } else {
    const text = `✖ ${total} ${total === 1 ? 'problem' : 'problems'} (${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}) in ${files}`;
    lines.push(errors > 0 ? c.red(c.bold(text)) : c.yellow(c.bold(text)));
  }
  return `${lines.join('\n')}\n`;
};
