import type { CorpusRule, RuleContext } from '../../engine/types.js';
import { compareValues } from '../../facts/compare.js';
import { showValue, subject, where } from '../../facts/corpus.js';
import type { FactColumn, FactRow, FactTable } from '../../facts/types.js';
import type { PageModel, Span, Value } from '../../model/types.js';

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
      value: '{{subject}} is {{value}} here but {{other}} in the source page ({{where}})',
      sourceValue: 'The source page says {{value}}',
      rowsMissing: 'Unexpected missing {{rows}} {{list}}: the source table ({{where}}) has {{them}}',
      rowsExtra: 'Unexpected {{rows}} {{list}}, not in the source table ({{where}})',
      sourceRow: 'Row `{{key}}` in the source page',
      tableMissing: 'Unexpected missing {{kind}} {{tables}}: the source page has {{count}} at {{where}}',
      tableExtra: 'Unexpected `{{kind}}` table that the source page ({{where}}) does not have',
      sourceTable: 'The source table',
      frontMatterChanged: 'Unexpected front matter `{{key}}: {{value}}`, expected `{{source}}` as in the source page ({{where}}); this value must not be translated',
      frontMatterMissing: 'Unexpected missing front matter `{{key}}`, expected `{{source}}` as in the source page ({{where}})',
    },
  },
  check(corpus, context) {
    const { site, untranslatedKeys } = context.facts;
    const sources = new Map<string, PageModel>();
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

function checkFrontMatter(page: PageModel, source: PageModel, keys: string[], context: RuleContext): void {
  const sourceData = source.frontMatter?.data;
  const data = page.frontMatter?.data;
  if (!sourceData || !data) return;
  for (const key of keys) {
    if (!(key in sourceData)) continue;
    const expected = JSON.stringify(sourceData[key]);
    const sourceSpan = source.frontMatter?.keys[key] ?? lineOne;
    const at = where(page.file, source.file, sourceSpan);
    if (!(key in data)) {
      context.report({ messageId: 'frontMatterMissing', span: page.frontMatter?.span ?? lineOne, file: page.file, data: { key, source: show(sourceData[key]), where: at } });
    } else if (JSON.stringify(data[key]) !== expected) {
      context.report({
        messageId: 'frontMatterChanged',
        span: page.frontMatter?.keys[key] ?? lineOne,
        file: page.file,
        data: { key, value: show(data[key]), source: show(sourceData[key]), where: at },
      });
    }
  }
}

function show(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function checkTables(page: PageModel, source: PageModel, context: RuleContext): void {
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
      data: {
        count: tables.length === 1 ? 'one' : String(tables.length),
        kind: `\`${kind}\``,
        tables: tables.length === 1 ? 'table' : 'tables',
        where: where(page.file, first.file, first.span) + (tables.length > 1 ? ` and ${tables.length - 1} more` : ''),
      },
      related: tables.map((t) => ({ file: t.file, span: t.span, messageId: 'sourceTable' })),
    });
  }
  for (const t of translated) {
    if (matchedT.has(t) || t.file !== page.file) continue;
    context.report({ messageId: 'tableExtra', file: t.file, span: headerSpan(t), data: { kind: t.kind, where: source.file } });
  }
  for (const [s, t] of pairs) compareTables(s, t, page, context);
}

function headerSpan(t: FactTable): Span {
  return { ...t.span, endLine: t.span.line, endColumn: t.span.column + 1, endOffset: t.span.offset + 1 };
}

/**
 * Pair tables of the same kind by how many row keys they share, with a small preference for
 * the same position: a translation may list a page's tables in another order.
 */
function alignTables(source: FactTable[], translated: FactTable[]): Array<[FactTable, FactTable]> {
  const candidates: Array<{ s: FactTable; t: FactTable; score: number }> = [];
  source.forEach((s, i) => {
    translated.forEach((t, j) => {
      if (s.kind !== t.kind) return;
      const position = 1 - Math.abs(i / Math.max(1, source.length) - j / Math.max(1, translated.length));
      candidates.push({ s, t, score: rowOverlap(s, t) + 0.05 * position });
    });
  });
  candidates.sort((a, b) => b.score - a.score);
  const usedS = new Set<FactTable>();
  const usedT = new Set<FactTable>();
  const pairs: Array<[FactTable, FactTable]> = [];
  for (const { s, t } of candidates) {
    if (usedS.has(s) || usedT.has(t)) continue;
    usedS.add(s);
    usedT.add(t);
    pairs.push([s, t]);
  }
  return pairs.sort((a, b) => a[1].span.offset - b[1].span.offset);
}

function rowOverlap(s: FactTable, t: FactTable): number {
  const keys = new Set(t.rows.map((r) => r.keyId));
  const shared = s.rows.filter((r) => keys.has(r.keyId)).length;
  return shared / Math.max(1, s.rows.length, t.rows.length);
}

/** Pair rows by canonical key, then by the key's language-neutral signature, in order. */
function alignRows(s: FactTable, t: FactTable): { pairs: Array<[FactRow, FactRow]>; missing: FactRow[]; extra: FactRow[] } {
  const free = new Set(t.rows);
  const pairs: Array<[FactRow, FactRow]> = [];
  const unpaired: FactRow[] = [];
  for (const row of s.rows) {
    const hit = t.rows.find((r) => free.has(r) && r.keyId === row.keyId);
    if (hit) {
      free.delete(hit);
      pairs.push([row, hit]);
    } else {
      unpaired.push(row);
    }
  }
  const stillUnpaired: FactRow[] = [];
  for (const row of unpaired) {
    const hit = row.keySignature === '' ? undefined : t.rows.find((r) => free.has(r) && r.keySignature === row.keySignature);
    if (hit) {
      free.delete(hit);
      pairs.push([row, hit]);
    } else {
      stillUnpaired.push(row);
    }
  }
  // Then rows whose labels share most of their words: `CakePHP Console` and `Console CakePHP`.
  const leftover: FactRow[] = [];
  for (const row of stillUnpaired) {
    const words = keyWords(row.keyText);
    let best: FactRow | undefined;
    let bestScore = 0.5;
    for (const r of t.rows) {
      if (!free.has(r)) continue;
      const score = jaccard(words, keyWords(r.keyText));
      if (score >= bestScore && (best === undefined || score > bestScore)) {
        best = r;
        bestScore = score;
      }
    }
    if (best) {
      free.delete(best);
      pairs.push([row, best]);
    } else {
      leftover.push(row);
    }
  }
  // Last, a row whose label was translated: it sits where the source row sits, between the
  // same paired neighbours (or first, or last).
  const partner = new Map(pairs.map(([a, b]) => [a, b]));
  const missing: FactRow[] = [];
  for (const row of leftover) {
    // Version ranges and vocabulary terms are the same in every language: a different one is a different row.
    if (row.keyRange || row.keyKnown) {
      missing.push(row);
      continue;
    }
    const i = s.rows.indexOf(row);
    const before = i > 0 ? partner.get(s.rows[i - 1] as FactRow) : undefined;
    const after = i < s.rows.length - 1 ? partner.get(s.rows[i + 1] as FactRow) : undefined;
    const j = before ? t.rows.indexOf(before) + 1 : after ? t.rows.indexOf(after) - 1 : i === 0 ? 0 : -1;
    const candidate = t.rows[j];
    const fits = candidate !== undefined && free.has(candidate) && !candidate.keyRange && !candidate.keyKnown && (!after || t.rows.indexOf(after) === j + 1) && (!before || i === 0 || t.rows.indexOf(before) === j - 1);
    if (fits) {
      free.delete(candidate);
      pairs.push([row, candidate]);
      partner.set(row, candidate);
    } else {
      missing.push(row);
    }
  }
  return { pairs, missing, extra: t.rows.filter((r) => free.has(r)) };
}

function keyWords(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[a-z0-9][a-z0-9.+#-]*/g) ?? []).filter((w) => w.length > 1));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Columns pair by canonical id; when the counts match, unknown headers pair by position. */
function alignColumns(s: FactTable, t: FactTable): Map<number, number> {
  const map = new Map<number, number>();
  const used = new Set<number>();
  s.columns.forEach((c, i) => {
    const j = t.columns.findIndex((d, k) => !used.has(k) && d.dimension === c.dimension && d.id === c.id);
    if (j !== -1) {
      map.set(i, j);
      used.add(j);
    }
  });
  if (s.columns.length === t.columns.length) {
    s.columns.forEach((_, i) => {
      if (!map.has(i) && !used.has(i)) {
        map.set(i, i);
        used.add(i);
      }
    });
  }
  return map;
}

function compareTables(s: FactTable, t: FactTable, page: PageModel, context: RuleContext): void {
  const { pairs, missing, extra } = alignRows(s, t);
  const list = (rows: FactRow[]) => {
    const names = rows.slice(0, 5).map((r) => `\`${r.keyText}\``);
    return rows.length > 5 ? `${names.join(', ')} and ${rows.length - 5} more` : names.join(', ');
  };
  if (missing.length > 0) {
    context.report({
      messageId: 'rowsMissing',
      file: t.file,
      span: headerSpan(t),
      data: {
        rows: missing.length === 1 ? 'row' : 'rows',
        list: list(missing),
        where: where(t.file, s.file, s.span),
        them: missing.length === 1 ? 'it' : 'them',
      },
      related: missing.map((r) => ({ file: s.file, span: r.keySpan, messageId: 'sourceRow', data: { key: r.keyText } })),
    });
  }
  if (extra.length > 0) {
    context.report({
      messageId: 'rowsExtra',
      file: t.file,
      span: extra[0]!.keySpan,
      data: { rows: extra.length === 1 ? 'row' : 'rows', list: list(extra), where: where(t.file, s.file, s.span) },
    });
  }
  const columns = alignColumns(s, t);
  for (const [sr, tr] of pairs) {
    for (const sf of sr.facts) {
      const tColumn = columns.get(sf.column);
      if (tColumn === undefined) continue;
      const tf = tr.facts.find((f) => f.column === tColumn);
      if (!tf) continue;
      const differs = comparable(sf.value, tf.value)
        ? compareValues(sf.value, tf.value, 'translation') === 'disagree'
        : versionTokensDiffer(sf.value, tf.value);
      if (!differs) continue;
      const here = { page, table: t, row: tr, column: t.columns[tColumn] as FactColumn, fact: tf };
      const there = { page, table: s, row: sr, column: s.columns[sf.column] as FactColumn, fact: sf };
      context.report({
        messageId: 'value',
        file: t.file,
        span: tf.span,
        data: { subject: subject(here), value: showValue(here), other: showValue(there), where: where(t.file, s.file, sf.span) },
        related: [{ file: s.file, span: sf.span, messageId: 'sourceValue', data: { value: showValue(there) } }],
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

/** For text cells: the version numbers each side mentions, when they differ. */
function versionTokensDiffer(a: Value, b: Value): boolean {
  if (a.kind !== 'text' || b.kind !== 'text' || a.term || b.term) return false;
  const ta = new Set(a.text.match(versionTokenRe) ?? []);
  const tb = new Set(b.text.match(versionTokenRe) ?? []);
  if (ta.size === 0 && tb.size === 0) return false;
  return ta.size !== tb.size || [...ta].some((t) => !tb.has(t));
}
