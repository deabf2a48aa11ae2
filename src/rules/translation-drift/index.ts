import type { CorpusRule, Location, MessageContext, RuleContext } from '../../engine/types.js';
import { code, plural, quotedList, place, subjectText, valueText } from '../../engine/wording.js';
import { compareValues } from '../../facts/compare.js';
import { factRef, type Shown, showValue, type Subject, subject } from '../../facts/corpus.js';
import { alignColumns, alignRows, alignTables } from '../../facts/align.js';
import type { FactColumn, FactRow, FactTable } from '../../model/facts.js';
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
  const pairs = alignTables(original, translated);
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

function compareTables(s: FactTable, t: FactTable, page: CorpusPage, context: RuleContext): void {
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
        : versionTokensDiffer(sf.value, tf.value);
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

/** For text cells: the version numbers each side mentions, when they differ. */
function versionTokensDiffer(a: Value, b: Value): boolean {
  if (a.kind !== 'text' || b.kind !== 'text' || a.term || b.term) return false;
  const ta = new Set(a.text.match(versionTokenRe) ?? []);
  const tb = new Set(b.text.match(versionTokenRe) ?? []);
  if (ta.size === 0 && tb.size === 0) return false;
  return ta.size !== tb.size || [...ta].some((t) => !tb.has(t));
}
