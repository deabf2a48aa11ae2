import { type CodeAction, CodeActionKind, type Diagnostic as LspDiagnostic, type Range, type TextEdit } from 'vscode-languageserver/node';
import { applyFixes, resolveLineEnd } from '../engine/edits.js';
import type { Diagnostic, Edit } from '../engine/types.js';
import type { Span } from '../model/types.js';
import type { PageText } from './text.js';

/** The kind of the action that applies every fix of a page, as editors ask for on save. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.compatlint`;

/** What a control comment's place depends on in a page: its text, its front matter, its tables. */
export interface PageLayout {
  uri: string;
  text: PageText;
  frontMatter: Span | undefined;
  /** The tables written on the page itself (a comment line inside one would end it). */
  tables: readonly Span[];
}

export interface ActionRequest {
  uri: string;
  text: PageText;
  /** The layout of a page by file name (this page's, or the page a finding moved here from), or null. */
  layoutOf: (file: string) => PageLayout | null;
  /** The page's findings, made on `text`, and each as the editor shows it. */
  findings: ReadonlyArray<{ finding: Diagnostic; shown: LspDiagnostic }>;
  range: Range;
  /** The kinds the editor asks for (all when absent). */
  only?: readonly string[];
}

/**
 * The code actions for a range: each fixable finding's fix (the edits `--fix` makes), a control
 * comment that turns the finding's rule off where it is, and one action with every fix of the
 * page. A fix is applied as `--fix` applies one pass: overlapping fixes wait for the next one.
 */
export function codeActions(request: ActionRequest): CodeAction[] {
  const { uri, text, findings } = request;
  const wants = (kind: string) => !request.only || request.only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];
  const here = findings.filter(({ shown }) => overlaps(shown.range, request.range));
  if (wants(CodeActionKind.QuickFix)) {
    for (const { finding, shown } of here) {
      if (!finding.fix) continue;
      actions.push({
        title: `Fix this ${finding.ruleId} problem`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [shown],
        isPreferred: true,
        edit: { changes: { [uri]: finding.fix.map((e) => textEdit(text, e)) } },
      });
    }
    const offered = new Set<string>();
    for (const { finding, shown } of here) {
      // A control comment works where the rule reports: a finding moved here from another page is turned off there.
      const origin = finding.foundAt ?? finding;
      const layout = request.layoutOf(origin.file);
      if (!layout) continue;
      const disable = disableEdit(layout, finding.ruleId, origin.line);
      const title = origin === finding ? disable.title : `${disable.title} in ${origin.file}`;
      const key = `${layout.uri}\u0000${title}\u0000${disable.edits[0]?.range.start.line}`;
      if (offered.has(key)) continue;
      offered.add(key);
      actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [shown], edit: { changes: { [layout.uri]: disable.edits } } });
    }
  }
  const fixes = findings.flatMap(({ finding }) => (finding.fix ? [finding.fix] : []));
  if (fixes.length > 0 && wants(FIX_ALL_KIND)) {
    const before = text.text();
    const edit = wholeEdit(text, before, applyFixes(before, fixes).text);
    if (edit) actions.push({ title: 'Fix all compatlint problems that have a fix', kind: FIX_ALL_KIND, edit: { changes: { [uri]: [edit] } } });
  }
  return actions;
}

function overlaps(a: Range, b: Range): boolean {
  const before = (x: { line: number; character: number }, y: { line: number; character: number }) => x.line < y.line || (x.line === y.line && x.character <= y.character);
  return before(a.start, b.end) && before(b.start, a.end);
}

/** A rule's edit as the editor's: offsets into the page's text, a line end after it included when asked. */
function textEdit(text: PageText, edit: Edit): TextEdit {
  const e = resolveLineEnd(text.text(), edit);
  return { range: { start: text.positionAt(e.offset), end: text.positionAt(e.endOffset) }, newText: e.text };
}

/** `after` as one edit of `before`: the part between what they share at the start and at the end. */
function wholeEdit(text: PageText, before: string, after: string): TextEdit | null {
  if (before === after) return null;
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return { range: { start: text.positionAt(head), end: text.positionAt(before.length - tail) }, newText: after.slice(head, after.length - tail) };
}

/**
 * A control comment that turns a finding's rule off: `disable-next-line` above its line. Where
 * a line of its own would change the page, the comment goes elsewhere: a table (a comment line
 * ends it) is wrapped in `disable` ... `enable`, from above the paragraph that names it to the
 * line after it; front matter (which must open the page) gets `disable-file` after it.
 */
function disableEdit(layout: PageLayout, rule: string, line: number): { title: string; edits: TextEdit[] } {
  const { text } = layout;
  const source = text.text();
  const lines = lineStarts(source);
  const eol = lineEnding(source, lines, line);
  // The comment takes the indentation and blockquote markers of the line it is about.
  const insertAt = (line: number, comment: string, like: number): TextEdit => {
    const start = lines[line - 1] ?? source.length;
    // After a last line with no line end, the comment needs one before it.
    const lead = start === source.length && source.length > 0 && !/[\r\n]$/.test(source) ? eol : '';
    const prefix = /^[ \t>]*/.exec(lineText(source, lines, like))?.[0] ?? '';
    const position = text.positionAt(start);
    return { range: { start: position, end: position }, newText: `${lead}${prefix}${comment}${lead === '' ? eol : ''}` };
  };
  const front = layout.frontMatter;
  if (front && line >= front.line && line <= front.endLine) {
    return { title: `Disable ${rule} for this file`, edits: [insertAt(front.endLine + 1, `<!-- compatlint-disable-file ${rule} -->`, front.line)] };
  }
  const table = layout.tables.find((t) => line >= t.line && line <= t.endLine);
  if (table) {
    let first = table.line;
    while (first > 1 && (front === undefined || first - 1 > front.endLine) && lineText(source, lines, first - 1).trim() !== '') first--;
    return {
      title: `Disable ${rule} for this table`,
      edits: [
        insertAt(first, `<!-- compatlint-disable ${rule} -->`, table.line),
        insertAt(table.endLine + 1, `<!-- compatlint-enable ${rule} -->`, table.line),
      ],
    };
  }
  return { title: `Disable ${rule} for this line`, edits: [insertAt(line, `<!-- compatlint-disable-next-line ${rule} -->`, line)] };
}

/** The offset where each line starts (line 1 at index 0). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push((m.index as number) + m[0].length);
  return starts;
}

function lineText(text: string, starts: readonly number[], line: number): string {
  return text.slice(starts[line - 1] ?? text.length, starts[line] ?? text.length);
}

/** The line end of a line, else the page's first, else LF: a page may mix them, and an insertion keeps its line's. */
function lineEnding(text: string, starts: readonly number[], line: number): string {
  return /\r\n|\r|\n/.exec(lineText(text, starts, line))?.[0] ?? /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
}
