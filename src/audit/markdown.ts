import { formatNumber } from '../util/strings.js';
import { CappedLines, ISSUE_BODY_MAX_LENGTH, mdCode, mdInline, mdLocation } from '../util/markdown.js';
import { driftRules, type AuditData, type Counts, type Finding } from './types.js';

export interface MarkdownOptions {
  /** `https://.../{file}#L{line}`: locations become links to the source line. */
  linkTemplate?: string;
  /** Longest report, in UTF-16 code units (GitHub's issue body limit is 65,536 characters). */
  maxLength?: number;
  /** How many of the worst pages to list. */
  worstPages?: number;
}

export const MARKDOWN_MAX_LENGTH = ISSUE_BODY_MAX_LENGTH;

/** A finding with thousands of locations would crowd out every other one. */
const MAX_RELATED = 20;

/** Room kept for the truncation note. */
const NOTE_ROOM = 600;

/**
 * The audit as Markdown that fits a GitHub issue or pull-request comment: totals, the pages with
 * the most errors, and every drift finding with its locations, cut with a note (the totals
 * still count everything) when it would be too long.
 */
export function renderAuditMarkdown(data: AuditData, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? MARKDOWN_MAX_LENGTH;
  const worst = options.worstPages ?? 20;
  const link = (file: string, line: number, column: number): string => mdLocation(options.linkTemplate, file, line, column, `${file}:${line}:${column}`);

  const head: string[] = [];
  const { summary } = data;
  const disagreements = data.disagreements;
  head.push('## compatlint audit', '');
  head.push(
    `**${formatNumber(data.files)} ${data.files === 1 ? 'page' : 'pages'} checked: ${count(summary.errors, 'error')}, ${count(summary.warnings, 'warning')}, ${count(summary.infos, 'info')}** ` +
      `on ${count(data.byPage.length, 'page')}; ${count(data.drift.length, 'drift finding')}; ${count(disagreements, 'disagreement')} in the compatibility matrices.`,
    '',
  );
  if (data.byRule.length > 0) {
    head.push('### By rule', '', '| Rule | Errors | Warnings | Infos |', '|---|--:|--:|--:|');
    for (const r of data.byRule) head.push(`| ${mdCode(r.ruleId, true)} | ${countCells(r)} |`);
    head.push('');
  }
  if (data.byLocale.length > 1 || data.byLocale.some((l) => l.locale !== null)) {
    head.push('### By locale', '', '| Locale | Pages | With findings | Errors | Warnings | Infos |', '|---|--:|--:|--:|--:|--:|');
    for (const l of data.byLocale) {
      head.push(`| ${l.locale === null ? '—' : mdCode(l.locale, true)} | ${formatNumber(l.pages)} | ${formatNumber(l.pagesWithFindings)} | ${countCells(l)} |`);
    }
    head.push('');
  }
  const disagreeing = data.matrices.filter((m) => m.disagreements > 0);
  if (disagreeing.length > 0) {
    head.push('### Compatibility matrices with disagreements', '');
    for (const m of disagreeing.slice(0, 30)) {
      const group = m.group.map((g) => mdInline(g.label)).join(' · ');
      head.push(`- ${mdCode(m.kind)}${group ? ` (${group})` : ''}: ${count(m.disagreements, 'disagreement')}`);
    }
    if (disagreeing.length > 30) head.push(`- … and ${formatNumber(disagreeing.length - 30)} more matrices`);
    head.push('');
  }

  const out = new CappedLines(maxLength, NOTE_ROOM);
  out.add(head);

  let pagesShown = 0;
  const pages = data.byPage.filter((p) => p.errors + p.warnings + p.infos > 0).slice(0, worst);
  let truncated = false;
  if (pages.length > 0 && out.fits(['### Pages with the most errors', '', '| Page | Locale | Errors | Warnings | Infos |', '|---|---|--:|--:|--:|'])) {
    out.add(['### Pages with the most errors', '', '| Page | Locale | Errors | Warnings | Infos |', '|---|---|--:|--:|--:|']);
    for (const p of pages) {
      const row = [`| ${mdCode(p.file, true)} | ${p.locale === null ? '—' : mdCode(p.locale, true)} | ${countCells(p)} |`];
      if (!out.fits(row)) {
        truncated = true;
        break;
      }
      out.add(row);
      pagesShown++;
    }
    out.add(['']);
  }

  let driftShown = 0;
  if (data.drift.length > 0 && !truncated) {
    out.add([`### Drift: facts that disagree (${formatNumber(data.drift.length)})`, '']);
    outer: for (const rule of driftRules) {
      const list = data.drift.filter((d) => d.ruleId === rule);
      if (list.length === 0) continue;
      const title = [`#### ${mdCode(rule)} (${formatNumber(list.length)})`, ''];
      if (!out.fits(title)) {
        truncated = true;
        break;
      }
      out.add(title);
      for (const d of list) {
        const item = findingLines(d, link);
        if (!out.fits(item)) {
          truncated = true;
          break outer;
        }
        out.add(item);
        driftShown++;
      }
      out.add(['']);
    }
  } else if (data.drift.length === 0) {
    out.add(['### Drift', '', 'No drift: the facts agree.', '']);
  }

  if (truncated) {
    out.add([
      '',
      `> **Truncated to fit a GitHub issue** (${formatNumber(maxLength)} characters): ${formatNumber(pagesShown)} of ${formatNumber(pages.length)} worst pages and ${formatNumber(driftShown)} of ${formatNumber(data.drift.length)} drift findings are listed. ` +
        `The totals above count all ${count(data.findings.length, 'finding')} (${count(summary.errors, 'error')}, ${count(summary.warnings, 'warning')}); \`compatlint audit --html report.html\` shows every one.`,
      '',
    ]);
  }
  return out.text();
}

function count(n: number, one: string): string {
  return `${formatNumber(n)} ${n === 1 ? one : `${one}s`}`;
}

function countCells(c: Counts): string {
  return [c.errors, c.warnings, c.infos].map((n) => (n ? formatNumber(n) : '')).join(' | ');
}

function findingLines(d: Finding, link: (file: string, line: number, column: number) => string): string[] {
  const locale = d.locale ? ` (${mdCode(d.locale)})` : '';
  const lines = [`- **${d.severity}** ${link(d.file, d.line, d.column)}${locale}: ${mdInline(d.message)}`];
  for (const r of d.related.slice(0, MAX_RELATED)) lines.push(`  - ${link(r.file, r.line, r.column)}: ${mdInline(r.message)}`);
  if (d.related.length > MAX_RELATED) lines.push(`  - … and ${formatNumber(d.related.length - MAX_RELATED)} more locations`);
  return lines;
}
