import { createColors } from 'picocolors';
import type { Diagnostic } from '../engine/types.js';
import type { LocaleTranslations, TranslationReport, TranslationState, TranslationStatus } from '../lint/translations.js';
import { CappedLines, ISSUE_BODY_MAX_LENGTH, mdCode, mdInline, mdLocation } from '../util/markdown.js';
import { formatNumber } from '../util/strings.js';

/**
 * The formats of `compatlint i18n`: a terminal view, Markdown that fits a GitHub issue, and JSON
 * (`schemas/i18n.schema.json`). Pure functions of the report.
 */

const stateWords: Record<TranslationState, string> = {
  current: 'current',
  stale: 'stale',
  mistranslated: 'mistranslated',
  'text-drift': 'text drift only',
  'no-base': 'no base',
  'base-missing': 'base missing',
};

/** Pages worth a line, the ones to act on first: stale, mistranslated, then a missing base, then the rest. */
const listOrder: TranslationState[] = ['stale', 'mistranslated', 'base-missing', 'no-base', 'text-drift'];

function listed(report: TranslationReport, locale: string): TranslationStatus[] {
  return report.pages
    .filter((p) => p.locale === locale && listOrder.includes(p.state) && (p.state !== 'no-base' || p.findings.length > 0))
    .sort((a, b) => listOrder.indexOf(a.state) - listOrder.indexOf(b.state) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/** `2 current, 1 stale (3 facts behind), ...`: a locale's (or all locales') pages by state. */
function tally(l: Omit<LocaleTranslations, 'locale'>): string {
  return [
    `${formatNumber(l.current)} current`,
    `${formatNumber(l.stale)} stale (${count(l.behind, 'fact')} behind)`,
    `${formatNumber(l.mistranslated)} mistranslated`,
    `${formatNumber(l.textDrift)} text drift only`,
    `${formatNumber(l.withoutBase)} without base${l.baseMissing > 0 ? ` (${formatNumber(l.baseMissing)} missing)` : ''}`,
  ].join(', ');
}

function totals(report: TranslationReport): Omit<LocaleTranslations, 'locale'> {
  const sum = { pages: 0, current: 0, stale: 0, behind: 0, mistranslated: 0, textDrift: 0, withoutBase: 0, baseMissing: 0 };
  for (const l of report.locales) for (const k of Object.keys(sum) as Array<keyof typeof sum>) sum[k] += l[k];
  return sum;
}

const noBaseWords: Record<NonNullable<TranslationStatus['noBase']>, string> = {
  missing: 'the base commit is not in the repository',
  invalid: 'the pin names no commit',
  'no-key': 'no pin in its front matter',
  untracked: 'never committed',
  'no-source-at-base': 'the source page is not at the base under its name',
  'no-repository': 'not a git repository',
};

/** `3 facts behind, base 35a36e3 (2024-01-10, front matter)`: what a page's state rests on. */
function detail(p: TranslationStatus): string {
  if (p.base === null) return p.noBase === null ? '' : noBaseWords[p.noBase];
  const base = `base ${p.base.commit.slice(0, 7)} (${p.base.date.slice(0, 10)}, ${p.base.origin === 'key' ? 'front matter' : 'last commit'})`;
  if (p.state !== 'stale') return base;
  return `${count(p.behind, 'fact')} behind${p.differences > 0 ? `, ${count(p.differences, 'other difference')}` : ''}, ${base}`;
}

const NO_BASE_NOTE = 'No translation base is configured (translation.baseKey, translation.base): each translation is compared with its source as it is now.';

export interface TextOptions {
  color: boolean;
}

/** For a terminal: per locale its tally, then each page to act on with its findings. */
export function i18nText(report: TranslationReport, options: TextOptions): string {
  const c = createColors(options.color);
  const lines: string[] = [];
  if (!report.basesConfigured) lines.push(c.yellow(NO_BASE_NOTE), '');
  for (const l of report.locales) {
    lines.push(`${c.bold(l.locale)}  ${count(l.pages, 'translation')}: ${tally(l)}`);
    for (const p of listed(report, l.locale)) {
      const colour = p.state === 'stale' || p.state === 'mistranslated' ? c.red : p.state === 'base-missing' ? c.yellow : c.dim;
      lines.push(`  ${c.underline(p.file)}  ${colour(stateWords[p.state])}: ${detail(p)}`);
      for (const d of p.findings) lines.push(`    ${c.dim(`${d.line}:${d.column}`.padEnd(8))} ${d.message}`);
    }
    lines.push('');
  }
  if (report.pages.length === 0) lines.push('No translation with its source page among the pages checked.');
  else lines.push(`${count(report.pages.length, 'translation')} in ${count(report.locales.length, 'locale')}: ${tally(totals(report))}`);
  return `${lines.join('\n')}\n`;
}

export interface MarkdownOptions {
  linkTemplate?: string;
  /** Longest report, in UTF-16 code units (default `ISSUE_BODY_MAX_LENGTH`). */
  maxLength?: number;
}

/** Room kept for the truncation note. */
const NOTE_ROOM = 400;

/** A finding with many locations would crowd out the others: a page lists this many. */
const MAX_FINDINGS = 25;

/** A GitHub issue body: the tally by locale as a table, then the pages to act on, cut with a note when too long. */
export function i18nMarkdown(report: TranslationReport, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? ISSUE_BODY_MAX_LENGTH;
  const link = (file: string, line: number, column: number, text: string): string => mdLocation(options.linkTemplate, file, line, column, text);
  const head: string[] = ['## compatlint i18n: translations against their base', ''];
  if (!report.basesConfigured) head.push(`> ${NO_BASE_NOTE}`, '');
  head.push(`**${count(report.pages.length, 'translation')} in ${count(report.locales.length, 'locale')}**: ${tally(totals(report))}.`, '');
  if (report.locales.length > 0) {
    head.push('| Locale | Translations | Current | Stale | Facts behind | Mistranslated | Text drift only | Without base | Base missing |', '|---|--:|--:|--:|--:|--:|--:|--:|--:|');
    for (const l of report.locales) {
      const n = [l.pages, l.current, l.stale, l.behind, l.mistranslated, l.textDrift, l.withoutBase, l.baseMissing].map(formatNumber);
      head.push(`| ${mdCode(l.locale, true)} | ${n.join(' | ')} |`);
    }
    head.push('');
  }
  const out = new CappedLines(maxLength, NOTE_ROOM);
  out.add(head);
  const toList = report.locales.flatMap((l) => listed(report, l.locale));
  let shown = 0;
  let truncated = false;
  outer: for (const l of report.locales) {
    const pages = listed(report, l.locale);
    if (pages.length === 0) continue;
    const title = [`### ${mdCode(l.locale)}`, ''];
    if (!out.fits(title)) {
      truncated = true;
      break;
    }
    out.add(title);
    for (const p of pages) {
      const item = [`- **${stateWords[p.state]}** ${link(p.file, 1, 1, p.file)}: ${mdInline(detail(p))}`];
      for (const d of p.findings.slice(0, MAX_FINDINGS)) item.push(`  - ${link(d.file, d.line, d.column, `${d.line}:${d.column}`)} ${mdInline(d.message)}`);
      if (p.findings.length > MAX_FINDINGS) item.push(`  - … and ${count(p.findings.length - MAX_FINDINGS, 'more finding')}`);
      if (!out.fits(item)) {
        truncated = true;
        break outer;
      }
      out.add(item);
      shown++;
    }
    out.add(['']);
  }
  if (truncated) {
    out.add([
      '',
      `> **Truncated to fit a GitHub issue** (${formatNumber(maxLength)} characters): ${formatNumber(shown)} of ${formatNumber(toList.length)} pages are listed; the table above counts all of them. \`compatlint i18n --format json\` lists every one.`,
    ]);
  }
  return out.text();
}

/** The stable machine format, documented by `schemas/i18n.schema.json`. */
export function i18nJson(report: TranslationReport, tool: { name: string; version: string }): string {
  const finding = (d: Diagnostic) => ({
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    severity: d.severity,
    messageId: d.messageId,
    message: d.message,
    data: d.data,
  });
  return `${JSON.stringify(
    {
      version: 1,
      tool,
      basesConfigured: report.basesConfigured,
      summary: totals(report),
      locales: report.locales,
      pages: report.pages.map((p) => ({ ...p, findings: p.findings.map(finding) })),
    },
    null,
    2,
  )}\n`;
}
