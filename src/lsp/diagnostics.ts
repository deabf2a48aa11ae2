import path from 'node:path';
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type Range } from 'vscode-languageserver/node';
import type { RuleSet } from '../engine/rule-set.js';
import type { Diagnostic, Severity } from '../engine/types.js';
import { type Place, plainRange, uriOf } from './text.js';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/**
 * A finding as an editor shows it: the rule id as its code (linked to the rule's documentation),
 * every related location with what it says there.
 */
export function toLsp(d: Diagnostic, rules: RuleSet, cwd: string, rangeOf: (at: Place) => Range): LspDiagnostic {
  const docs = rules.get(d.ruleId)?.meta.docsUrl;
  return {
    range: rangeOf(d),
    severity: severities[d.severity],
    code: d.ruleId,
    ...(docs ? { codeDescription: { href: docs } } : {}),
    source: 'compatlint',
    message: d.message,
    ...(d.related.length > 0
      ? { relatedInformation: d.related.map((r) => ({ location: { uri: uriOf(path.resolve(cwd, r.file)), range: plainRange(r) }, message: r.message })) }
      : {}),
  };
}

/**
 * Where the lines of `before` are in `after`: the lines before the first changed line and
 * after the last one keep their text and move by the number of lines added or removed; a line
 * in between has none (null). Findings of rules that compare pages, made on the text before an
 * edit, are shown where their lines went until those rules have run on the new text.
 */
export function lineMap(before: string, after: string): (line: number) => number | null {
  const a = before.split(/\r\n|\r|\n/);
  const b = after.split(/\r\n|\r|\n/);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const shift = b.length - a.length;
  return (line) => (line - 1 < head ? line : line - 1 >= a.length - tail ? line + shift : null);
}

/** Findings made on `before`, on the lines of `after` they still hold; those on changed lines are dropped, and so are their fixes. */
export function carryOver(findings: readonly Diagnostic[], before: string, after: string): Diagnostic[] {
  if (before === after) return [...findings];
  const map = lineMap(before, after);
  const out: Diagnostic[] = [];
  for (const d of findings) {
    const line = map(d.line);
    const endLine = map(d.endLine);
    if (line === null || endLine === null) continue;
    const { fix: _fix, ...rest } = d;
    out.push({ ...rest, line, endLine });
  }
  return out;
}
