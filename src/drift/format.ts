import { createColors } from 'picocolors';
import { CappedLines, COMMENT_MAX_BYTES, markdownCode, markdownText, utf8Bytes } from '../util/markdown.js';
import { formatNumber } from '../util/strings.js';
import { visibleText } from '../util/visible.js';
import { BREAKING, type Change, type ChangeClass, changeWords as words } from '../facts/changes.js';
import type { DiffResult } from './diff.js';

export interface DiffFormatContext {
  color: boolean;
  toolVersion: string;
  /** `https://github.com/ORG/REPO/blob/SHA/{file}#L{line}`: links for head-side locations. */
  linkTemplate?: string;
  /** The longest Markdown, in UTF-8 bytes (default 65,000: a pull-request comment). */
  maxBytes?: number;
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

/** Room kept for the note that says what was left out. */
const NOTE_ROOM = 600;

/**
 * A pull-request comment or job summary: one summary line, then breaking and other changes, then
 * the pages that could not be compared. It stays under `context.maxBytes` (default 65,000 bytes,
 * a comment): it stops at a whole row and says how many changes and pages it left out.
 */
export const markdownDiff: DiffFormatter = (diff, context) => {
  const maxBytes = context.maxBytes ?? COMMENT_MAX_BYTES;
  const s = summarizeDiff(diff);
  const out = new CappedLines(maxBytes, NOTE_ROOM, utf8Bytes);
  if (s.changes === 0) {
    out.add([`**compatlint**: no compatibility changes between ${markdownCode(diff.base)} and ${markdownCode(diff.head)}.`]);
  } else {
    const breaking = s.breaking > 0 ? `, **${s.breaking} breaking**` : ', none breaking';
    const pages = new Set(diff.changes.map((c) => c.page)).size;
    out.add([`**compatlint**: ${plural(s.changes, 'compatibility change')} in ${plural(pages, 'page')}${breaking} (${markdownCode(diff.base)} → ${markdownCode(diff.head)}).`]);
  }
  let cut = false;
  const shown = { breaking: 0, other: 0, problems: 0 };
  const table = (title: string, changes: Change[], key: 'breaking' | 'other') => {
    for (const [i, ch] of changes.entries()) {
      if (cut) return;
      const row = `| ${linkFor(ch, context.linkTemplate)} | ${cell(ch.table.title)} | ${cell(subjectOf(ch))} | ${words[ch.class]} | ${cell(ch.before ?? '')} | ${cell(ch.after ?? '')} |`;
      const lines = i === 0 ? ['', `### ${title}`, '', '| Where | Table | Row / column | Change | Before | After |', '|---|---|---|---|---|---|', row] : [row];
      if (!out.fits(lines)) {
        cut = true;
        return;
      }
      out.add(lines);
      shown[key]++;
    }
  };
  const breaking = diff.changes.filter((c) => BREAKING.has(c.class));
  const other = diff.changes.filter((c) => !BREAKING.has(c.class));
  table('Breaking changes', breaking, 'breaking');
  table('Other changes', other, 'other');
  for (const [i, p] of diff.problems.entries()) {
    if (cut) break;
    const line = `- ${markdownCode(p.file)} (${cell(p.revision)}): ${cell(p.message)}`;
    const lines = i === 0 ? ['', '### Not compared', '', line] : [line];
    if (!out.fits(lines)) cut = true;
    else {
      out.add(lines);
      shown.problems++;
    }
  }
  if (cut) {
    const of = (n: number, total: number, one: string): string => `${formatNumber(n)} of ${formatNumber(total)} ${total === 1 ? one : `${one}s`}`;
    const left = [
      of(breaking.length - shown.breaking, breaking.length, 'breaking change'),
      of(other.length - shown.other, other.length, 'other change'),
      ...(diff.problems.length > 0 ? [`${of(diff.problems.length - shown.problems, diff.problems.length, 'page')} not compared`] : []),
    ];
    out.add([
      '',
      `> **Cut to stay under ${formatNumber(maxBytes)} bytes** (\`--max-bytes\`): ${left.join(', ')} left out. ` +
        'The summary line counts everything; `compatlint diff --format json` (or `stylish`, as in the job log) lists every change.',
    ]);
  }
  return out.text();
};

export const diffFormatters: Record<string, DiffFormatter> = {
  stylish: stylishDiff,
  json: jsonDiff,
  markdown: markdownDiff,
};
