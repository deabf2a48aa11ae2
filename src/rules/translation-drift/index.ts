import type { CorpusRule, Location, MessageContext, MessageData, RuleContext } from '../../engine/types.js';
import { code, plural, quotedList, place, subjectText, valueText } from '../../engine/wording.js';
import { compareValues } from '../../facts/compare.js';
import { factRef, type Shown, showValue, type Subject, subject } from '../../facts/corpus.js';
import { alignColumns, alignRows, alignTables } from '../../facts/align.js';
import { type CommitRef, type SourceChange, type TranslationBase, translationPairs } from '../../facts/bases.js';
import { type ChangeClass, type ChangeLocation, changeWords } from '../../facts/changes.js';
import { readAsKind } from '../../facts/extract.js';
import type { Fact, FactColumn, FactRow, FactTable } from '../../model/facts.js';
import type { CorpusPage, Span, Value } from '../../model/types.js';

/** What a stale finding says of the source's change: its class and values as `diff` prints them, and the commit that made it (null: not committed yet). */
type ChangeData = { class: ChangeClass; before: string | null; after: string | null; commit: CommitRef | null };

/** Where a finding points in the source's history: the translation's base commit, and the change since. */
type StaleData = { base: CommitRef; change: ChangeData; sourceAt: Location };

/**
 * A translated page (`content/<locale>/X.md`) compared with its source (`content/en/X.md`):
 * facts that disagree, tables and rows on one side only, and front matter values that must not
 * be translated. Translated headings and prose are never drift: tables pair up by kind and order,
 * rows by canonical key or by the words a translation leaves alone (links, code, ASCII names).
 *
 * With a base (the source page the translation was made from, read from git before the rules
 * run: `corpus.translationBases`), each difference is one of two: the translation still says
 * what the source said at its base and the source changed since (stale: the change, as `diff`
 * classifies it, with the commit that made it), or it differs from the source at its base
 * (mistranslated).
 */
export const STALE_MESSAGES: ReadonlySet<string> = new Set(['stale', 'rowAdded', 'rowRemoved', 'columnAdded', 'columnRemoved', 'tableAdded', 'tableRemoved']);

/** Findings about the base itself: the page is compared with its source as it is now. */
export const BASE_MESSAGES: ReadonlySet<string> = new Set(['baseMissing', 'baseInvalid']);

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
      stale: (d: StaleData & { subject: Subject; value: Shown }, at: MessageContext) =>
        `Stale: ${subjectText(d.subject)} is ${valueText(d.value)} here as in the source page at the translation's base ${commitText(d.base)}, but the source (${place(d.sourceAt, at)}) changed it since: ${changeText(d.change)}`,
      mistranslated: (d: { subject: Subject; value: Shown; other: Shown; now: Shown | null; base: CommitRef; sourceAt: Location }, at: MessageContext) =>
        `Mistranslated: ${subjectText(d.subject)} is ${valueText(d.value)} here but ${valueText(d.other)} in the source page (${place(d.sourceAt, at)}) at the translation's base ${commitText(d.base)}` +
        (d.now ? `, and ${valueText(d.now)} now` : ''),
      rowAdded: (d: StaleData & { row: string }, at: MessageContext) =>
        `Stale: the source table (${place(d.sourceAt, at)}) has row ${code(d.row)} since the translation's base ${commitText(d.base)}: ${changeText(d.change)}`,
      rowRemoved: (d: StaleData & { row: string }, at: MessageContext) =>
        `Stale: row ${code(d.row)} is still here, but the source table (${place(d.sourceAt, at)}) removed it after the translation's base ${commitText(d.base)}: ${changeText(d.change)}`,
      columnAdded: (d: StaleData & { column: string }, at: MessageContext) =>
        `Stale: the source table (${place(d.sourceAt, at)}) has column ${code(d.column)} since the translation's base ${commitText(d.base)}: ${changeText(d.change)}`,
      columnRemoved: (d: StaleData & { column: string }, at: MessageContext) =>
        `Stale: column ${code(d.column)} is still here, but the source table (${place(d.sourceAt, at)}) removed it after the translation's base ${commitText(d.base)}: ${changeText(d.change)}`,
      tableAdded: (d: StaleData & { kind: string }, at: MessageContext) =>
        `Stale: the source page has a ${code(d.kind)} table (${place(d.sourceAt, at)}) since the translation's base ${commitText(d.base)}: ${changeText(d.change)}`,
      tableRemoved: (d: StaleData & { kind: string }, at: MessageContext) =>
        `Stale: this ${code(d.kind)} table is still here, but the source page (${d.sourceAt.file}) removed it after the translation's base ${commitText(d.base)}: ${changeText(d.change)}`,
      baseMissing: (d: { commit: string; key: string | null; shallow: boolean; noRepository: boolean }) => {
        const pin = d.key === null ? `The translation's history stops at ${code(short(d.commit))}` : `Base commit ${code(short(d.commit))} (front matter ${code(d.key)})`;
        const why = d.noRepository
          ? 'cannot be read: not a git repository'
          : d.shallow
            ? `is not in this shallow clone: fetch the history (${code('git fetch --unshallow')})`
            : d.key === null
              ? 'is not in the repository'
              : `is not in the repository: fetch it (${code(`git fetch origin ${d.commit}`)}) or correct the pin`;
        return `${pin} ${d.key === null && d.shallow ? `(a shallow clone): fetch the history (${code('git fetch --unshallow')})` : why}; compared with the source page as it is now`;
      },
      baseInvalid: (d: { key: string; value: string }) =>
        `Unexpected front matter \`${d.key}: ${d.value}\`, expected a commit id (hex digits) of the source page; compared with the source page as it is now`,
    },
  },
  check(corpus, context) {
    const { untranslatedKeys, translationBase } = context.facts;
    for (const { translation: page, source } of translationPairs(corpus.pages, context.facts)) {
      // A pair's findings name only its two pages and the partials they include.
      if (corpus.scope && !touches(corpus.scope, page, source)) continue;
      const base = corpus.translationBases?.get(page.file);
      if (base) reportBase(page, base, translationBase.key, context);
      checkFrontMatter(page, source, untranslatedKeys, context);
      checkTables(page, source, base?.state === 'found' ? new BaseView(base) : null, context);
    }
  },
  // A translation and its source page share their path inside the locale folder; a finding names those two pages (and partials they include).
  reach: { pages: (page) => (page.facts?.locale ? [page.facts.localPath] : []) },
};

function short(commit: string): string {
  return commit.slice(0, 7);
}

/** `` `abc1234` (2024-05-01) ``: a commit as findings name it. */
function commitText(c: CommitRef): string {
  return `${code(short(c.commit))} (${c.date.slice(0, 10)})`;
}

/** `` version raised `1.4.0 → 1.5.0` in `def5678` (2024-06-01) ``: the words and values `diff` prints, and the commit. */
function changeText(c: ChangeData): string {
  const values = c.before !== null && c.after !== null ? ` ${code(`${c.before} → ${c.after}`)}` : '';
  return `${changeWords[c.class]}${values} ${c.commit ? `in ${commitText(c.commit)}` : 'in the working tree, not committed yet'}`;
}

/** A base that could not be used: said once per page, at the pin (or the front matter). */
function reportBase(page: CorpusPage, base: TranslationBase, key: string | null, context: RuleContext): void {
  const at = (k: string | null) => (k === null ? undefined : page.frontMatter?.keys[k]) ?? page.frontMatter?.span ?? lineOne;
  if (base.state === 'missing') {
    const pinned = base.origin === 'key' ? key : null;
    context.report({ messageId: 'baseMissing', file: page.file, span: at(pinned), data: { commit: base.commit, key: pinned, shallow: base.shallow, noRepository: base.noRepository } });
  } else if (base.state === 'invalid' && key !== null) {
    context.report({ messageId: 'baseInvalid', file: page.file, span: at(key), data: { key, value: base.value } });
  }
}

const locKey = (l: ChangeLocation | Location) => `${l.file}:${l.line}:${l.column}`;
const spanKey = (file: string, span: Span) => `${file}:${span.line}:${span.column}`;

/**
 * A translation's found base, indexed for the comparison: the source's changes since the base
 * by where they are (a value and an added row or column by their place in the source now, a
 * removed one by its place at the base), and the base's facts by place.
 */
class BaseView {
  private readonly changes = new Map<string, SourceChange>();
  private readonly facts = new Map<string, Fact>();
  readonly base: CommitRef;
  readonly tables: FactTable[];

  constructor(found: Extract<TranslationBase, { state: 'found' }>) {
    this.base = found.base;
    this.tables = found.source.facts?.tables ?? [];
    for (const c of found.changes) {
      const kind = group(c.class);
      const side = kind.endsWith('-removed') ? c.base : (c.head ?? c.base);
      const column = kind.startsWith('column-') ? (c.column ?? '') : '';
      if (side) this.changes.set(`${kind}|${locKey(side)}|${column}`, c);
    }
    for (const t of this.tables) for (const r of t.rows) for (const f of r.facts) this.facts.set(spanKey(t.file, f.span), f);
  }

  /** The change of a source fact (now) since the base, and the fact as the base states it (absent when the base's cell was empty). */
  valueChange(file: string, fact: Fact): { change: SourceChange; before: Fact | undefined } | null {
    const change = this.changes.get(`value|${spanKey(file, fact.span)}|`) ?? null;
    if (!change) return null;
    return { change, before: change.base ? this.facts.get(locKey(change.base)) : undefined };
  }

  change(kind: 'row-added' | 'row-removed' | 'column-added' | 'column-removed' | 'table-added' | 'table-removed', file: string, span: Span, column = ''): SourceChange | null {
    return this.changes.get(`${kind}|${spanKey(file, span)}|${column}`) ?? null;
  }

  stale(change: SourceChange, sourceAt: Location): StaleData {
    return {
      base: this.base,
      change: { class: change.class, before: change.before ?? null, after: change.after ?? null, commit: change.commit },
      sourceAt,
    };
  }
}

/** Value changes share one index; the others are found by their class. */
function group(c: ChangeClass): string {
  return c.startsWith('row-') || c.startsWith('column-') || c.startsWith('table-') ? c : 'value';
}

function touches(scope: ReadonlySet<string>, ...pages: CorpusPage[]): boolean {
  return pages.some((p) => scope.has(p.file) || (p.facts?.tables ?? []).some((t) => scope.has(t.file)));
}

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

function checkTables(page: CorpusPage, source: CorpusPage, base: BaseView | null, context: RuleContext): void {
  const translated = page.facts!.tables;
  const original = source.facts!.tables;
  const untyped = page.facts!.untyped ?? [];
  const pairs = alignTables(original, translated, { translated: true, untyped });
  // With a base, each translated table also pairs with the source's table at the base: a table,
  // row or column the translation keeps may be one the source removed since.
  // A source unchanged since the base is the same page: its pairing is the one just made.
  const pairsAtBase = base === null ? [] : base.tables === original ? pairs : alignTables(base.tables, translated, { translated: true, untyped });
  const atBase = new Map(pairsAtBase.map(([s0, t]) => [t, s0]));
  const matchedT = new Set(pairs.map(([, t]) => t));
  const matchedS = new Set(pairs.map(([s]) => s));
  const missingByKind = new Map<string, FactTable[]>();
  for (const s of original) {
    if (matchedS.has(s)) continue;
    const added = base?.change('table-added', s.file, s.span);
    if (base && added) {
      const data = { ...base.stale(added, spanAt(s.file, s.span)), kind: s.kind };
      context.report({ messageId: 'tableAdded', file: page.file, span: page.frontMatter?.span ?? lineOne, data, related: [{ file: s.file, span: s.span, messageId: 'sourceTable' }] });
      continue;
    }
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
    const s0 = atBase.get(t);
    const removed = s0 ? base?.change('table-removed', s0.file, s0.span) : null;
    if (base && removed) {
      context.report({ messageId: 'tableRemoved', file: t.file, span: headerSpan(t), data: { ...base.stale(removed, { file: source.file, line: 1, column: 1 }), kind: t.kind } });
      continue;
    }
    context.report({ messageId: 'tableExtra', file: t.file, span: headerSpan(t), data: { kind: t.kind, where: source.file } });
  }
  for (const [s, t] of pairs) compareTables(s, t, page, context, base ? { view: base, table: atBase.get(t) } : null);
}

function spanAt(file: string, span: Span): Location {
  return { file, line: span.line, column: span.column };
}

function headerSpan(t: FactTable): Span {
  return { ...t.span, endLine: t.span.line, endColumn: t.span.column + 1, endOffset: t.span.offset + 1 };
}

/** A translated table's base: the source's changes since, and the source's table at the base that pairs with it (if any). */
interface TableBase {
  view: BaseView;
  table: FactTable | undefined;
}

function compareTables(s: FactTable, written: FactTable, page: CorpusPage, context: RuleContext, base: TableBase | null): void {
  const t = written.kind === s.kind ? written : readAsKind(written, s, alignColumns(s, written), context.facts);
  const { pairs, missing, extra } = alignRows(s, t, { translated: true });
  const sourceAt = spanAt(s.file, s.span);
  const view = base?.view ?? null;
  // The table as the base had it, and what of the translation pairs with it there.
  const s0 = base?.table;
  const t0 = s0 === undefined ? null : s0.kind === t.kind ? t : readAsKind(written, s0, alignColumns(s0, written), context.facts);
  const rowsAtBase = new Map((s0 === s && t0 === t ? pairs : s0 && t0 ? alignRows(s0, t0, { translated: true }).pairs : []).map(([r0, tr]) => [tr, r0]));
  const columnsAtBase = new Map(s0 && t0 ? [...alignColumns(s0, t0)].map(([i, j]) => [j, i]) : []);

  const stillMissing: FactRow[] = [];
  for (const r of missing) {
    const added = view?.change('row-added', s.file, r.keySpan);
    if (view && added) {
      context.report({
        messageId: 'rowAdded',
        file: t.file,
        span: headerSpan(t),
        data: { ...view.stale(added, sourceAt), row: r.keyText },
        related: [{ file: s.file, span: r.keySpan, messageId: 'sourceRow', data: { key: r.keyText } }],
      });
    } else {
      stillMissing.push(r);
    }
  }
  const stillExtra: FactRow[] = [];
  for (const r of extra) {
    const r0 = rowsAtBase.get(r);
    const removed = r0 && s0 ? view?.change('row-removed', s0.file, r0.keySpan) : null;
    if (view && removed) context.report({ messageId: 'rowRemoved', file: t.file, span: r.keySpan, data: { ...view.stale(removed, sourceAt), row: r.keyText } });
    else stillExtra.push(r);
  }
  const keys = (rows: FactRow[]) => rows.map((r) => r.keyText);
  if (stillMissing.length > 0) {
    context.report({
      messageId: 'rowsMissing',
      file: t.file,
      span: headerSpan(t),
      data: { rows: keys(stillMissing), sourceAt },
      related: stillMissing.map((r) => ({ file: s.file, span: r.keySpan, messageId: 'sourceRow', data: { key: r.keyText } })),
    });
  }
  if (stillExtra.length > 0) {
    context.report({
      messageId: 'rowsExtra',
      file: t.file,
      span: stillExtra[0]!.keySpan,
      data: { rows: keys(stillExtra), sourceAt },
    });
  }
  const columns = alignColumns(s, t);
  const pairedT = new Set(columns.values());
  const missingColumns: string[] = [];
  s.columns.forEach((c, i) => {
    if (columns.has(i)) return;
    const added = view?.change('column-added', s.file, s.span, c.header);
    if (view && added) context.report({ messageId: 'columnAdded', file: t.file, span: headerSpan(t), data: { ...view.stale(added, sourceAt), column: c.header } });
    else missingColumns.push(c.header);
  });
  const extraColumns: string[] = [];
  t.columns.forEach((c, j) => {
    if (pairedT.has(j)) return;
    const i = columnsAtBase.get(j);
    const c0 = i === undefined ? undefined : s0?.columns[i];
    const removed = c0 && s0 ? view?.change('column-removed', s0.file, s0.span, c0.header) : null;
    if (view && removed) context.report({ messageId: 'columnRemoved', file: t.file, span: headerSpan(t), data: { ...view.stale(removed, sourceAt), column: c.header } });
    else extraColumns.push(c.header);
  });
  if (missingColumns.length > 0) {
    context.report({ messageId: 'columnMissing', file: t.file, span: headerSpan(t), data: { columns: missingColumns, sourceAt } });
  }
  if (extraColumns.length > 0) {
    context.report({ messageId: 'columnExtra', file: t.file, span: headerSpan(t), data: { columns: extraColumns, sourceAt } });
  }
  for (const [sr, tr] of pairs) {
    for (const sf of sr.facts) {
      const tColumn = columns.get(sf.column);
      if (tColumn === undefined) continue;
      const tf = tr.facts.find((f) => f.column === tColumn);
      if (!tf || !differs(sf, tf)) continue;
      const here = { page, table: t, row: tr, column: t.columns[tColumn] as FactColumn, fact: tf };
      const there = { page, table: s, row: sr, column: s.columns[sf.column] as FactColumn, fact: sf };
      const related = [{ file: s.file, span: sf.span, messageId: 'sourceValue', data: { value: showValue(there) } }];
      const facts = [here, there].map(factRef);
      const at = spanAt(s.file, sf.span);
      if (!view) {
        context.report({ messageId: 'value', file: t.file, span: tf.span, data: { subject: subject(here), value: showValue(here), other: showValue(there), sourceAt: at }, related, facts });
        continue;
      }
      const since = view.valueChange(s.file, sf);
      if (since?.before && !differs(since.before, tf)) {
        context.report({ messageId: 'stale', file: t.file, span: tf.span, data: { ...view.stale(since.change, at), subject: subject(here), value: showValue(here) }, related, facts });
        continue;
      }
      // The source at the base says what it says now, or something else again (or nothing).
      const then: MessageData[string] = since ? (since.before ? showValue({ ...there, fact: since.before }) : { kind: 'unsupported', text: '', empty: true }) : showValue(there);
      context.report({
        messageId: 'mistranslated',
        file: t.file,
        span: tf.span,
        data: { subject: subject(here), value: showValue(here), other: then, now: since ? showValue(there) : null, base: view.base, sourceAt: at },
        related,
        facts,
      });
    }
  }
}

/** Whether a translated fact says something else than a source fact (see `comparable` for text). */
function differs(sf: Fact, tf: Fact): boolean {
  return comparable(sf.value, tf.value)
    ? compareValues(sf.value, tf.value, 'translation') === 'disagree' || versionAgainstNone(sf.value, tf.value)
    : neutralTokensDiffer(sf, tf);
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
