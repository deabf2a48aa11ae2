import type { Diagnostic, LintResult, RelatedLocation, RunNotice } from '../engine/types.js';

/**
 * Wording that several reporters share, so a summary reads the same in a terminal, a job
 * summary and a test report.
 */

/** `1 error`, `2 errors`. */
export function count(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}

/** `2 problems (1 error, 1 warning) in 3 files`, or `No problems in 3 files`. */
export function totalsText(result: LintResult): string {
  const { errors, warnings, infos } = result.summary;
  const total = errors + warnings + infos;
  const files = count(result.files, 'file');
  if (total === 0) return `No problems in ${files}`;
  return `${count(total, 'problem')} (${count(errors, 'error')}, ${count(warnings, 'warning')}) in ${files}`;
}

/** What a run notice says; every format that shows notices shows this text. */
export function noticeText(notice: RunNotice): string {
  switch (notice.id) {
    case 'noPages':
      return 'No page was checked';
    case 'noTableMatched':
      return `No table on the ${count(notice.pages, 'page')} matched any of the ${count(notice.kinds, 'table kind')} configured, so no fact was checked; \`compatlint explain\` shows why each table matched none`;
  }
}

/** A related location as seen from its finding: `42:1` in the same file, `other.md:42:1` elsewhere. */
export function relatedWhere(d: Diagnostic, r: RelatedLocation): string {
  return r.file === d.file ? `${r.line}:${r.column}` : `${r.file}:${r.line}:${r.column}`;
}

/** One line per related location, for formats that put them under the finding's message. */
export function relatedText(d: Diagnostic, r: RelatedLocation): string {
  return `↳ ${relatedWhere(d, r)} ${r.message}`;
}
