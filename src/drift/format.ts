import { createColors } from 'picocolors';
import { markdownCode, markdownText } from '../util/markdown.js';
import { visibleText } from '../util/visible.js';
import { BREAKING, type Change, type ChangeClass, changeWords as words } from '../facts/changes.js';
import type { DiffResult } from './diff.js';

export interface DiffFormatContext {
  color: boolean;
  toolVersion: string;
  /** `https://github.com/ORG/REPO/blob/SHA/{file}#L{line}`: links for head-side locations. */
  linkTemplate?: string;
}

export type DiffFormatter = (diff: DiffResult, context: DiffFormatContext) => string;


export function summarizeDiff(diff: DiffResult): { changes: number; breaking: number; byClass: Partial<Record<ChangeClass, number>> } {
  const byClass: Partial<Record<ChangeClass, number>> = {};
  for (const c of diff.changes) byClass[c.class] = (byClass[c.class] ?? 0) + 1;
  return { changes: diff.changes.length, breaking: diff.changes.filter((c) => c.breaking).length, byClass };
}

function subjectOf(c: Change): string {
  return [c.row, c.column].filter((x) => x !== undefined).join(' / ');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Terminal output: grouped by page and table, `before → after`; control characters in page text as escapes. */
export const stylishDiff: DiffFormatter = (diff, context) => {
  const c = createColors(context.color);
  const lines: string[] = [];
  let page = '';
  let table = '';
  for (const ch of diff.changes) {
    if (ch.page !== page) {
      if (page !== '') lines.push('');
      page = ch.page;
      table = '';
      lines.push(c.underline(visibleText(page)));
    }
    const tableKey = `${ch.table.kind}\0${ch.table.title}`;
    if (tableKey !== table) {
      table = tableKey;
      lines.push(`  ${c.bold(visibleText(ch.table.title))}${ch.table.kind ? c.dim(` (${ch.table.kind})`) : ''}`);
    }
    const at = ch.head ?? ch.base;
    const where = at ? `${ch.head ? '' : 'was '}${at.line}` : '';
    const word = words[ch.class].padEnd(15);
    const label = ch.breaking ? c.red(word) : word;
    const subject = subjectOf(ch);
    const values =
      ch.before !== undefined && ch.after !== undefined
        ? `${ch.before} → ${ch.after}`
        : (ch.before ?? ch.after ?? '');
    const text = visibleText([subject, values].filter((x) => x !== '').join(': '));
    lines.push(`    ${c.dim(where.padEnd(8))} ${label}  ${text}${ch.breaking ? c.red('  (breaking)') : ''}`);
  }
  for (const p of diff.problems) lines.push(c.yellow(visibleText(`! ${p.file} (${p.revision}): ${p.message}; not compared`)));
  const s = summarizeDiff(diff);
  if (lines.length > 0) lines.push('');
  lines.push(
    s.changes === 0
      ? c.green(`✔ No compatibility changes between ${diff.base} and ${diff.head} (${plural(diff.pages, 'page')})`)
      : `${s.breaking > 0 ? c.red('✖') : '•'} ${plural(s.changes, 'change')} (${s.breaking} breaking) between ${diff.base} and ${diff.head} in ${plural(diff.pages, 'page')}`,
  );
  return `${lines.join('\n')}\n`;
};

/** The stable machine format, documented by `schemas/diff.schema.json`. */
export const jsonDiff: DiffFormatter = (diff, context) =>
  `${JSON.stringify(
    {
      version: 1,
      tool: { name: 'compatlint', version: context.toolVersion },
      base: diff.base,
      head: diff.head,
      pages: diff.pages,
      summary: summarizeDiff(diff),
      changes: diff.changes,
      problems: diff.problems,
    },
    null,
    2,
  )}\n`;

function cell(text: string): string {
  return markdownText(text, { inTable: true });
}

function linkFor(ch: Change, template: string | undefined): string {
  const at = ch.head ?? ch.base;
  if (!at) return cell(ch.page);
  const text = `${at.file}:${at.line}${ch.head ? '' : ' (before)'}`;
  if (!template || !ch.head) return cell(text);
  const url = template
    .replace('{file}', at.file.split('/').map(encodeURIComponent).join('/'))
    .replace('{line}', String(at.line));
  return `[${cell(text)}](${url})`;
}

/** A pull-request comment or job summary: one summary line, then breaking and other changes. */
export const markdownDiff: DiffFormatter = (diff, context) => {
  const s = summarizeDiff(diff);
  const out: string[] = [];
  if (s.changes === 0) {
    out.push(`**compatlint**: no compatibility changes between ${markdownCode(diff.base)} and ${markdownCode(diff.head)}.`);
  } else {
    const breaking = s.breaking > 0 ? `, **${s.breaking} breaking**` : ', none breaking';
    const pages = new Set(diff.changes.map((c) => c.page)).size;
    out.push(`**compatlint**: ${plural(s.changes, 'compatibility change')} in ${plural(pages, 'page')}${breaking} (${markdownCode(diff.base)} → ${markdownCode(diff.head)}).`);
  }
  const table = (title: string, changes: Change[]) => {
    if (changes.length === 0) return;
    out.push('', `### ${title}`, '', '| Where | Table | Row / column | Change | Before | After |', '|---|---|---|---|---|---|');
    for (const ch of changes) {
      out.push(
        `| ${linkFor(ch, context.linkTemplate)} | ${cell(ch.table.title)} | ${cell(subjectOf(ch))} | ${words[ch.class]} | ${cell(ch.before ?? '')} | ${cell(ch.after ?? '')} |`,
      );
    }
  };
  table('Breaking changes', diff.changes.filter((c) => BREAKING.has(c.class)));
  table('Other changes', diff.changes.filter((c) => !BREAKING.has(c.class)));
  if (diff.problems.length > 0) {
    out.push('', '### Not compared', '');
    for (const p of diff.problems) out.push(`- ${markdownCode(p.file)} (${cell(p.revision)}): ${cell(p.message)}`);
  }
  return `${out.join('\n')}\n`;
};

export const diffFormatters: Record<string, DiffFormatter> = {
  stylish: stylishDiff,
  json: jsonDiff,
  markdown: markdownDiff,
};
