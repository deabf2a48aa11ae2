import { scopedNotices, sortDiagnostics, summarize } from './run.js';
import type { Diagnostic, LintResult, RelatedLocation } from './types.js';

/**
 * What a changed-files run reports on: some files (names as diagnostics use them), and
 * optionally only some of their lines. Rules still ran on every page; the scope only decides
 * which findings are shown.
 */
export interface ReportScope {
  files: ReadonlySet<string>;
  /** Per file, the 1-based inclusive line ranges in scope; a file without an entry is in scope throughout. */
  lines?: ReadonlyMap<string, ReadonlyArray<readonly [number, number]>>;
  /** Why the other files are out of scope, for a moved finding's message: not changed (the default), or not named. */
  outside?: 'unchanged' | 'not-named';
}

const outsideWords = {
  unchanged: { origin: 'Found here (unchanged)', at: (where: string) => `found at unchanged ${where}` },
  'not-named': { origin: 'Found here (a page not named)', at: (where: string) => `found at ${where}, a page not named` },
};

interface Location {
  file: string;
  line: number;
  endLine: number;
}

/** The scope narrowed to `files` (the pages a run checked: a staged file that is no page is no file to report on). */
export function scopeWithin(scope: ReportScope, files: Iterable<string>): ReportScope {
  const kept = new Set<string>();
  for (const file of files) if (scope.files.has(file)) kept.add(file);
  const lines = scope.lines ? new Map([...scope.lines].filter(([file]) => kept.has(file))) : undefined;
  return { ...scope, files: kept, ...(lines ? { lines } : {}) };
}

export function inScope(scope: ReportScope, at: Location): boolean {
  if (!scope.files.has(at.file)) return false;
  const ranges = scope.lines?.get(at.file);
  if (ranges === undefined) return true;
  return ranges.some(([first, last]) => at.line <= last && at.endLine >= first);
}

/**
 * Keep the findings of the files in scope. A finding made elsewhere whose related location
 * is in scope (a changed page now disagrees with an untouched one, and the rule happened to
 * report on the untouched side) moves to that location, so the change that caused it is the
 * place it is reported; its message says where it was found.
 */
export function limitToScope(result: LintResult, scope: ReportScope): LintResult {
  const diagnostics: Diagnostic[] = [];
  for (const d of result.diagnostics) {
    if (inScope(scope, d)) {
      diagnostics.push(d);
      continue;
    }
    const moved = rehome(d, scope);
    if (moved) diagnostics.push(moved);
  }
  // A moved finding lands among another file's findings.
  sortDiagnostics(diagnostics);
  return {
    files: scope.files.size,
    checked: [...scope.files].sort(),
    diagnostics,
    summary: summarize(diagnostics),
    notices: scopedNotices(result.notices, scope.files.size),
  };
}

function rehome(d: Diagnostic, scope: ReportScope): Diagnostic | null {
  const index = d.related.findIndex((r) => inScope(scope, r));
  if (index === -1) return null;
  const target = d.related[index] as RelatedLocation;
  const words = outsideWords[scope.outside ?? 'unchanged'];
  const origin: RelatedLocation = {
    file: d.file,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    // The finding's own text is in the new message already.
    message: words.origin,
    messageId: 'foundHere',
    data: {},
  };
  // A fix belongs to the place the finding was made, not to the place it moved to.
  const { fix: _fix, ...rest } = d;
  return {
    ...rest,
    file: target.file,
    line: target.line,
    column: target.column,
    endLine: target.endLine,
    endColumn: target.endColumn,
    message: `${target.message}; ${words.at(`${d.file}:${d.line}:${d.column}`)}: ${d.message}`,
    foundAt: { file: d.file, line: d.line, column: d.column },
    related: [origin, ...d.related.filter((_, i) => i !== index)],
  };
}
