import type { CorpusRule, Location, MessageContext, RuleContext } from '../../engine/types.js';
import { code, plural, quotedList, place, subjectText, valueText } from '../../engine/wording.js';
import { compareValues } from '../../facts/compare.js';
import { factRef, type Shown, showValue, type Subject, subject } from '../../facts/corpus.js';
import { alignColumns, alignRows, alignTables } from '../../facts/align.js';
import { readAsKind } from '../../facts/extract.js';
import type { Fact, FactColumn, FactRow, FactTable } from '../../model/facts.js';
import type { CorpusPage, Span, Value } from '../../model/types.js';

/**
 * A translated page (`content/<locale>/X.md`) compared with its source (`content/en/X.md`):
 * facts that disagree, tables and rows on one side only, and front matter values that must not
 * be translated. Translated headings and prose are never drift: tables pair up by kind and order,
 * rows by canonical key or by the words a translation leaves alone (links, code, ASCII names).
 */
export const translationDrift: CorpusRule = {
  meta: {
    id: 'translation-drift',
    description: 'A translated page disagrees with its source page: facts, tables, rows, or untranslatable front matter.',
    scope: 'corpus',
    category: 'facts',
    defaultSeverity: 'warn',
    // The page's front matter schema names the allowed values: its finding says more.
    explainedBy: { frontMatterChanged: ['frontmatter-schema'], frontMatterMissing: ['frontmatter-schema'] },
    messages: {
      value: (d: { subject: Subject; value: Shown; other: Shown; sourceAt: Location }, at: MessageContext) =>
        `${subjectText(d.subject)} is ${valueText(d.value)} here but ${valueText(d.other)} in the source page (${place(d.sourceAt, at)})`,
      sourceValue: (d: { value: Shown }) => `The source page says ${valueText(d.value)}`,
      rowsMissing: (d: { rows: string[]; sourceAt: Location }, at: MessageContext) =>
        `Unexpected missing ${plural(d.rows.length, 'row')} ${quotedList(d.rows)}: the source table (${place(d.sourceAt, at)}) has ${plural(d.rows.length, 'it', 'them')}`,
      rowsExtra: (d: { rows: string[]; sourceAt: Location }, at: MessageContext) =>
        `Unexpected ${plural(d.rows.length, 'row')} ${quotedList(d.rows)}, not in the source table (${place(d.sourceAt, at)})`,
      sourceRow: 'Row `{{key}}` in the source page',
      columnMissing: (d: { columns: string[]; sourceAt: Location }, at: MessageContext) =>
        `Unexpected missing ${plural(d.columns.length, 'column')} ${quotedList(d.columns)}: the source table (${place(d.sourceAt, at)}) has ${plural(d.columns.length, 'it', 'them')}`,
      columnExtra: (d: { columns: string[]; sourceAt: Location }, at: MessageContext) =>
        `Unexpected ${plural(d.columns.length, 'column')} ${quotedList(d.columns)}, not in the source table (${place(d.sourceAt, at)})`,
      tableMissing: (d: { kind: string; count: number; firstAt: Location }, at: MessageContext) =>
        `Unexpected missing ${code(d.kind)} ${plural(d.count, 'table')}: the source page has ${d.count === 1 ? 'one' : d.count} at ${place(d.firstAt, at)}${d.count > 1 ? ` and ${d.count - 1} more` : ''}`,
      tableExtra: 'Unexpected `{{kind}}` table that the source page ({{where}}) does not have',
      sourceTable: 'The source table',
      frontMatterChanged: (d: { key: string; value: string; source: string; sourceAt: Location }, at: MessageContext) =>
        `Unexpected front matter \`${d.key}: ${d.value}\`, expected ${code(d.source)} as in the source page (${place(d.sourceAt, at)}); this value must not be translated`,
      frontMatterMissing: (d: { key: string; source: string; sourceAt: Location }, at: MessageContext) =>
        `Unexpected missing front matter ${code(d.key)}, expected ${code(d.source)} as in the source page (${place(d.sourceAt, at)})`,
    },
  },
  check(corpus, context) {
    const { site, untranslatedKeys } = context.facts;
    const sources = new Map<string, CorpusPage>();
    for (const p of corpus.pages) {
      if (p.facts?.locale === site.defaultLocale) sources.set(p.facts.localPath, p);
    }
    for (const page of corpus.pages) {
      const facts = page.facts;
      if (!facts || facts.locale === null || facts.locale === site.defaultLocale) continue;
      const source = sources.get(facts.localPath);
      if (!source?.facts) continue;
      checkFrontMatter(page, source, untranslatedKeys, context);
      checkTables(page, source, context);
    }
  },
};

const lineOne: Span = { line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, endOffset: 0 };

function checkFrontMatter(page: CorpusPage, source: CorpusPage, keys: string[], context: RuleContext): void {
  const sourceData = source.frontMatter?.data;
  const data = page.frontMatter?.data;
  if (!sourceData || !data) return;
  for (const key of keys) {
    if (!(key in sourceData)) continue;
    const expected = JSON.stringify(sourceData[key]);
    const sourceSpan = source.frontMatter?.keys[key] ?? lineOne;
    const sourceAt = { file: source.file, line: sourceSpan.line, column: sourceSpan.column };
    if (!(key in data)) {
      context.report({ messageId: 'frontMatterMissing', span: page.frontMatter?.span ?? lineOne, file: page.file, data: { key, source: show(sourceData[key]), sourceAt } });
    } else if (JSON.stringify(data[key]) !== expected) {
      context.report({
        messageId: 'frontMatterChanged',
        span: page.frontMatter?.keys[key] ?? lineOne,
        file: page.file,
        data: { key, value: show(data[key]), source: show(sourceData[key]), sourceAt },
      });
    }
  }
}

function show(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function checkTables(page: CorpusPage, source: CorpusPage, context: RuleContext): void {
  const translated = page.facts!.tables;
  const original = source.facts!.tables;
  const pairs = alignTables(original, translated, { translated: true, untyped: page.facts!.untyped ?? [] });
  const matchedT = new Set(pairs.map(([, t]) => t));
  const matchedS = new Set(pairs.map(([s]) => s));
  const missingByKind = new Map<string, FactTable[]>();
  for (const s of original) {
    if (matchedS.has(s)) continue;
    missingByKind.set(s.kind, [...(missingByKind.get(s.kind) ?? []), s]);
  }
  for (const [kind, tables] of missingByKind) {
    const first = tables[0] as FactTable;
    context.report({
      messageId: 'tableMissing',
      file: page.file,
      span: page.frontMatter?.span ?? lineOne,
      data: { kind, count: tables.length, firstAt: spanAt(first.file, first.span) },
      related: tables.map((t) => ({ file: t.file, span: t.span, messageId: 'sourceTable' })),
    });
  }
  for (const t of translated) {
    if (matchedT.has(t) || t.file !== page.file) continue;
    context.report({ messageId: 'tableExtra', file: t.file, span: headerSpan(t), data: { kind: t.kind, where: source.file } });
  }
  for (const [s, t] of pairs) compareTables(s, t, page, context);
}

function spanAt(file: string, span: Span): Location {
  return { file, line: span.line, column: span.column };
}

function headerSpan(t: FactTable): Span {
  return { ...t.span, endLine: t.span.line, endColumn: t.span.column + 1, endOffset: t.span.offset + 1 };
}

function compareTables(s: FactTable, written: FactTable, page: CorpusPage, context: RuleContext): void {
  const t = written.kind === s.kind ? written : readAsKind(written, s, alignColumns(s, written), context.facts);
  const { pairs, missing, extra } = alignRows(s, t, { translated: true });
  const keys = (rows: FactRow[]) => rows.map((r) => r.keyText);
  if (missing.length > 0) {
    context.report({
      messageId: 'rowsMissing',
      file: t.file,
      span: headerSpan(t),
      data: { rows: keys(missing), sourceAt: spanAt(s.file, s.span) },
      related: missing.map((r) => ({ file: s.file, span: r.keySpan, messageId: 'sourceRow', data: { key: r.keyText } })),
    });
  }
  if (extra.length > 0) {
    context.report({
      messageId: 'rowsExtra',
      file: t.file,
      span: extra[0]!.keySpan,
      data: { rows: keys(extra), sourceAt: spanAt(s.file, s.span) },
    });
  }
  const columns = alignColumns(s, t);
  const pairedT = new Set(columns.values());
  const missingColumns = s.columns.filter((_, i) => !columns.has(i)).map((c) => c.header);
  const extraColumns = t.columns.filter((_, j) => !pairedT.has(j)).map((c) => c.header);
  if (missingColumns.length > 0) {
    context.report({ messageId: 'columnMissing', file: t.file, span: headerSpan(t), data: { columns: missingColumns, sourceAt: spanAt(s.file, s.span) } });
  }
  if (extraColumns.length > 0) {
    context.report({ messageId: 'columnExtra', file: t.file, span: headerSpan(t), data: { columns: extraColumns, sourceAt: spanAt(s.file, s.span) } });
  }
  for (const [sr, tr] of pairs) {
    for (const sf of sr.facts) {
      const tColumn = columns.get(sf.column);
      if (tColumn === undefined) continue;
      const tf = tr.facts.find((f) => f.column === tColumn);
      if (!tf) continue;
      const differs = comparable(sf.value, tf.value)
        ? compareValues(sf.value, tf.value, 'translation') === 'disagree' || versionAgainstNone(sf.value, tf.value)
        : neutralTokensDiffer(sf, tf);
      if (!differs) continue;
      const here = { page, table: t, row: tr, column: t.columns[tColumn] as FactColumn, fact: tf };
      const there = { page, table: s, row: sr, column: s.columns[sf.column] as FactColumn, fact: sf };
      context.report({
        messageId: 'value',
        file: t.file,
        span: tf.span,
        data: { subject: subject(here), value: showValue(here), other: showValue(there), sourceAt: spanAt(s.file, sf.span) },
        related: [{ file: s.file, span: sf.span, messageId: 'sourceValue', data: { value: showValue(there) } }],
        facts: [here, there].map(factRef),
      });
    }
  }
}

/**
 * Text compares only where a translation leaves it alone: vocabulary terms (canonical ids),
 * URLs, and the version numbers inside it (`8.x (traceur 0.52.0+)` and `8.x, 9.x (tracer 0.52.0+)`
 * differ by `9.x`). Words themselves are never compared: `Toutes` is `All`.
 */
function comparable(a: Value, b: Value): boolean {
  if (a.kind !== 'text' || b.kind !== 'text') return true;
  if (a.term || b.term) return true;
  if (isUrl(a.text) && isUrl(b.text)) return true;
  return false;
}

function isUrl(text: string): boolean {
  return /^https?:\/\/\S+$/.test(text);
}

const versionTokenRe = /\d+(?:\.(?:\d+|x))+/g;

/**
 * A version on one side against text that names no version on the other (`2.32.0` against
 * `support pending`, or its translation): the text cannot be the same claim, whatever its words.
 */
function versionAgainstNone(a: Value, b: Value): boolean {
  const states = (v: Value) => v.kind === 'version' || (v.kind === 'preview' && v.version !== undefined);
  const silent = (v: Value) => v.kind === 'text' && !v.term && (v.text.match(versionTokenRe) ?? []).length === 0 && !/\d/.test(v.text);
  return (states(a) && silent(b)) || (states(b) && silent(a));
}

/**
 * For text cells, what a translation leaves alone and must keep: the version numbers each side
 * mentions, its dates (day and month in either order: `26/04/2022` is `04/26/2022`), and its
 * code (`SqlClient`, `Microsoft.Azure.Cosmos`) when both sides have code.
 */
function neutralTokensDiffer(a: Fact, b: Fact): boolean {
  if (a.value.kind !== 'text' || b.value.kind !== 'text' || a.value.term || b.value.term) return false;
  if (setsDiffer(tokens(a.value.text, versionTokenRe), tokens(b.value.text, versionTokenRe))) return true;
  if (setsDiffer(dates(a.raw), dates(b.raw))) return true;
  return setsDiffer(...codeOf(a, b));
}

/**
 * The code two cells name, when both name some: their code spans, or the plain ASCII words of a
 * cell whose partner is nothing but code (`SqlClient` against `WebClient / WebRequest`).
 */
function codeOf(a: Fact, b: Fact): [Set<string>, Set<string>] {
  const ca = codeSpans(a.raw);
  const cb = codeSpans(b.raw);
  if (ca.size > 0 && cb.size > 0) return [ca, cb];
  if (ca.size > 0 && onlyCode(a.raw) && asciiWords(b.text)) return [ca, asciiWords(b.text) as Set<string>];
  if (cb.size > 0 && onlyCode(b.raw) && asciiWords(a.text)) return [asciiWords(a.text) as Set<string>, cb];
  return [new Set(), new Set()];
}

function onlyCode(raw: string): boolean {
  return raw.replace(/`[^`]+`/g, '').replace(/<\/?br\s*\/?>|[\s,/]/gi, '') === '';
}

function asciiWords(text: string): Set<string> | null {
  if (!/^[\x20-\x7e]+$/.test(text)) return null;
  return new Set(text.split(/[\s,/]+/).filter((w) => w !== ''));
}

function tokens(text: string, re: RegExp): Set<string> {
  return new Set(text.match(re) ?? []);
}

const dateRe = /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b/g;

function dates(raw: string): Set<string> {
  const out = new Set<string>();
  for (const m of raw.matchAll(dateRe)) {
    const [x, y] = [Number(m[1]), Number(m[2])].sort((p, q) => p - q);
    out.add(`${m[3]}-${x}-${y}`);
  }
  return out;
}

function codeSpans(raw: string): Set<string> {
  return new Set([...raw.matchAll(/`([^`]+)`/g)].map((m) => (m[1] as string).trim()));
}

function setsDiffer(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size === 0 && b.size === 0) return false;
  return a.size !== b.size || [...a].some((t) => !b.has(t));
}
