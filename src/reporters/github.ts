import type { Severity } from '../engine/types.js';
import { visibleText } from '../util/visible.js';
import type { Reporter } from './types.js';
import { noticeText, relatedText } from './wording.js';

const commands: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** A workflow command's message: the runner decodes these three, so a message can hold any text. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value, which `,` and `:` would otherwise end. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Line breaks are the runner's to decode (`escapeData`); other control characters show as escapes. */
const kept = { lineBreaks: 'keep' } as const;

/**
 * GitHub Actions annotations: one `::error`/`::warning`/`::notice` workflow command per
 * diagnostic, with related locations as extra lines of the message, then a `::notice` without
 * a file per run notice (a run that checked nothing must not look clean in the checks view).
 * Nothing else is printed: any other line would only be log noise, and the totals belong in
 * the job summary (`--format markdown`) and the exit code.
 */
export const githubReporter: Reporter = (result) =>
  result.diagnostics
    .map((d) => {
      const properties = [
        `file=${escapeProperty(visibleText(d.file, kept))}`,
        `line=${d.line}`,
        `col=${d.column}`,
        `endLine=${d.endLine}`,
        `endColumn=${d.endColumn}`,
        `title=${escapeProperty(`compatlint ${visibleText(d.ruleId)}`)}`,
      ];
      const message = [d.message, ...d.related.map((r) => relatedText(d, r))].map((line) => visibleText(line, kept)).join('\n');
      return `::${commands[d.severity]} ${properties.join(',')}::${escapeData(message)}\n`;
    })
    .concat(result.notices.map((n) => `::notice title=compatlint::${escapeData(noticeText(n))}\n`))
    .join('');
