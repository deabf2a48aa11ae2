import path from 'node:path';
import type { Cell, PageModel, Table, Value, VersionSyntax } from '../model/types.js';
import { type CompiledVocabulary, normalizeValue, vocabularyKey } from '../model/values.js';
import { parseVersionExpr } from '../model/version.js';
import { toPosix } from '../util/posix.js';
import type { ColumnType } from '../model/facts.js';
import { locatePage, versionOf } from '../site/locate.js';
import type { FactsSetup, PageDimension, TableKind } from './config.js';
import { own } from '../util/own.js';
import { tableAsRead } from './orientation.js';
import { matchingKind } from './kind-match.js';
import { includedTables, type PartialTables } from '../site/partials.js';
import { normalizeTerm } from './patterns.js';
import { type Fact, type FactColumn, type FactRow, type FactTable, factKey, type PageFacts } from '../model/facts.js';

export interface FactsContext {
  setup: FactsSetup;
  /** The config file's folder: table kinds' `files` globs are relative to it. */
  configRoot: string;
  vocabulary: CompiledVocabulary;
  /** Tables of included partials; without it, partials are not read. */
  partials?: PartialTables;
}

/** The dimension that keeps each doc version's facts to themselves (`site.versions`, Docusaurus's versioned docs). */
export const DOCS_VERSION = 'docs-version';

/** True when the config asks for facts at all (table kinds, or a site with locales). */
export function wantsFacts(setup: FactsSetup): boolean {
  return setup.kinds.length > 0 || setup.pageKinds.length > 0 || setup.site.locales.length > 1;
}

export function extractFacts(page: PageModel, abs: string, context: FactsContext): PageFacts {
  const { setup } = context;
  const { locale, localPath } = locatePage(abs, setup.site);
  const dimensions = pageDimensions(page, localPath, setup);
  // Facts of different doc versions describe different releases: they compare only when config says so.
  const version = setup.site.compareVersions ? null : versionOf(abs, setup.site);
  if (version !== null) dimensions[DOCS_VERSION] = version;
  const rootPath = toPosix(path.relative(context.configRoot, abs));
  const tables: FactTable[] = [];
  const untyped: FactTable[] = [];
  const translated = locale !== null && locale !== setup.site.defaultLocale;
  for (const table of page.tables) {
    const kind = matchingKind(table, rootPath, setup);
    if (kind) tables.push(tableFacts(kind, tableAsRead(table, kind), page.file, dimensions, context));
    else if (translated && setup.kinds.length > 0) untyped.push(tableFacts(genericKind, table, page.file, {}, context));
  }
  // A partial's table states facts for each page that includes it, with locations in the partial.
  for (const table of context.partials ? includedTables(page, context.partials) : []) {
    const kind = matchingKind(table, rootPath, setup);
    if (kind) tables.push(tableFacts(kind, tableAsRead(table, kind), table.file ?? page.file, dimensions, context));
  }
  return { locale, localPath, configPath: rootPath, dimensions, tables, ...(untyped.length > 0 ? { untyped } : {}) };
}

function pageDimensions(page: PageModel, localPath: string, setup: FactsSetup): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of setup.pageDimensions) {
    const raw = rawDimension(d, page, localPath);
    if (raw === null || raw === '') continue;
    out[d.name] = setup.vocabularies.canonical(d.vocabulary, raw).id;
  }
  return out;
}

function rawDimension(d: PageDimension, page: PageModel, localPath: string): string | null {
  if (d.frontMatter !== null) {
    const v = page.frontMatter?.data?.[d.frontMatter];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
    return null;
  }
  if (d.path !== null) {
    const m = d.path.exec(localPath);
    return m ? (m[1] ?? m[0] ?? null) : null;
  }
  return null;
}

/** The kind of a table no configured kind recognizes: rows keyed by the first cell, columns by header text. */
const genericKind: TableKind = {
  id: '',
  declared: null,
  description: 'a table no table kind recognizes',
  files: null,
  heading: [],
  keyHeader: [],
  columnPatterns: [],
  minColumns: 0,
  minKnownKeys: 0,
  key: 'row',
  keyColumn: 0,
  keyType: 'term',
  extraKeys: [],
  columns: ['column'],
  pageDimensions: [],
  constants: {},
  section: null,
  columnTypes: {},
  versionSyntax: {},
  valueVocabulary: {},
  allowed: {},
  orientation: 'rows',
  schema: null,
  origin: 'generic',
};

/**
 * Facts of every table of a page: the recognized ones from the page's facts, the others read
 * generically (kind `""`), so that `diff` and `extract` work with no table kinds configured.
 */
export function allTableFacts(page: PageModel, context: FactsContext): FactTable[] {
  const recognized = page.facts?.tables ?? [];
  const byIndex = new Map(recognized.filter((t) => t.file === page.file).map((t) => [t.table, t]));
  const out: FactTable[] = [];
  for (const table of page.tables) {
    out.push(byIndex.get(table.index) ?? tableFacts(genericKind, table, page.file, {}, context, 'status'));
  }
  return [...out, ...recognized.filter((t) => t.file !== page.file)];
}

function tableFacts(
  kind: TableKind,
  table: Table,
  file: string,
  pageDims: Record<string, string>,
  context: FactsContext,
  unknownColumnType: ColumnType = 'text',
): FactTable {
  const v = context.setup.vocabularies;
  const columns: FactColumn[] = [];
  table.header.forEach((cell, index) => {
    if (index === kind.keyColumn) return;
    let column: FactColumn | null = null;
    for (const dimension of kind.columns) {
      const id = v.get(dimension)?.lookup(cell.text);
      if (id != null) {
        column = { index, header: cell.text, id, dimension, known: true, type: 'status' };
        break;
      }
    }
    column ??= { index, header: cell.text, id: normalizeTerm(cell.text), dimension: kind.columns[0] as string, known: false, type: 'text' };
    // `*` types the columns a vocabulary knows; a header nobody knows is descriptive text.
    column.type = own(kind.columnTypes, column.id) ?? (column.known ? (own(kind.columnTypes, '*') ?? 'status') : unknownColumnType);
    if (column.type === 'version') column.versionSyntax = versionSyntaxOf(kind, column.id);
    columns.push(column);
  });

  const base: Record<string, string> = { ...kind.constants };
  if (pageDims[DOCS_VERSION] !== undefined) base[DOCS_VERSION] = pageDims[DOCS_VERSION];
  for (const d of kind.pageDimensions) {
    const value = pageDims[d];
    if (value !== undefined) base[d] = value;
  }
  const section = kind.section ? sectionOf(table, kind.section, context) : null;
  if (kind.section && section !== null) base[kind.section] = section;

  const qualifiers = variantQualifiers(table, kind, columns);
  const rows: FactRow[] = [];
  table.rows.forEach((row, index) => {
    const keyCell = row.cells[kind.keyColumn];
    if (!keyCell) return;
    const { text: keyText, preview } = splitStatusSuffix(keyCell.text, context.vocabulary);
    if (keyText === '') return;
    let keyId: string;
    let keyKnown = false;
    let keyRange;
    if (kind.keyType === 'version-range') {
      keyRange = parseVersionExpr(keyText, versionSyntaxOf(kind, kind.key)) ?? undefined;
      keyId = keyRange?.canonical ?? normalizeTerm(keyText);
    } else {
      const c = v.canonical(kind.key, keyText);
      keyId = c.id;
      keyKnown = c.known;
    }
    let label = keyText;
    const qualifier = qualifiers.get(index);
    if (qualifier !== undefined) {
      keyId += ` | ${normalizeTerm(qualifier)}`;
      label += ` (${qualifier})`;
    }
    for (const extra of kind.extraKeys) {
      const col = columns.find((c) => c.id === extra);
      const cell = col ? row.cells[col.index] : undefined;
      if (cell) {
        keyId += ` | ${comparableText(cell)}`;
        label += ` / ${cell.text}`;
      }
    }
    const facts: Fact[] = [];
    columns.forEach((column, columnIndex) => {
      if (kind.extraKeys.includes(column.id)) return;
      const cell = row.cells[column.index];
      if (!cell) return;
      const value = factValue(cell, column, kind, preview, context);
      if (value === null) return;
      const dimensions = { ...base, [kind.key]: keyId, [column.dimension]: column.id };
      facts.push({ column: columnIndex, dimensions, key: factKey(dimensions), value, raw: cell.raw, text: cell.text, span: cell.span });
    });
    rows.push({
      index,
      span: row.span,
      keyText: label,
      keyId,
      keyKnown,
      keySpan: keyCell.span,
      keySignature: keySignature(keyCell),
      ...(keyRange ? { keyRange } : {}),
      facts,
    });
  });
  return {
    kind: kind.id,
    table: table.index,
    file: table.file ?? file,
    span: table.span,
    section,
    keyHeader: table.header[kind.keyColumn]?.text ?? '',
    columns,
    rows,
  };
}

/**
 * Rows that repeat a key but differ in a descriptive (text) cell are variants, such as
 * `CodeIgniter | 2.x` and `CodeIgniter | 3.x`: each gets that cell's text as a qualifier, so
 * their facts stay apart.
 */
function variantQualifiers(table: Table, kind: TableKind, columns: FactColumn[]): Map<number, string> {
  const byKey = new Map<string, number[]>();
  const extraColumns = columns.filter((c) => kind.extraKeys.includes(c.id));
  table.rows.forEach((row, i) => {
    const own = normalizeTerm(row.cells[kind.keyColumn]?.text ?? '');
    if (own === '') return;
    const key = [own, ...extraColumns.map((c) => normalizeTerm(row.cells[c.index]?.text ?? ''))].join(' | ');
    const list = byKey.get(key) ?? [];
    list.push(i);
    byKey.set(key, list);
  });
  const out = new Map<number, string>();
  for (const indexes of byKey.values()) {
    if (indexes.length < 2) continue;
    const descriptive = columns.filter((c) => c.type !== 'status' && !kind.extraKeys.includes(c.id));
    const distinguishing = descriptive.find((c) => {
      const texts = indexes.map((i) => normalizeTerm(table.rows[i]?.cells[c.index]?.text ?? ''));
      return new Set(texts).size === texts.length;
    });
    if (!distinguishing) continue;
    for (const i of indexes) out.set(i, table.rows[i]?.cells[distinguishing.index]?.text ?? '');
  }
  return out;
}

/** The section a table belongs to: the innermost enclosing heading the vocabulary knows, else the innermost heading. */
function sectionOf(table: Table, dimension: string, context: FactsContext): string | null {
  const vocab = context.setup.vocabularies.get(dimension);
  for (let i = table.section.length - 1; i >= 0; i--) {
    const id = vocab?.lookup(table.section[i] as string);
    if (id != null) return id;
  }
  const inner = table.section[table.section.length - 1];
  return inner === undefined ? null : normalizeTerm(inner);
}

/** `Code Security (Preview)`: the key is `Code Security`, and its values are previews. */
export function splitStatusSuffix(text: string, vocab: CompiledVocabulary): { text: string; preview: boolean } {
  const m = /^(.*?)\s*\(([^()]+)\)$/.exec(text);
  if (m && vocab.lookup.get(vocabularyKey(m[2] as string)) === 'preview') return { text: (m[1] as string).trim(), preview: true };
  return { text, preview: false };
}

function factValue(cell: Cell, column: FactColumn, kind: TableKind, preview: boolean, context: FactsContext): Value | null {
  let value = cell.value;
  // An empty status cell says "not supported"; an empty version or text cell says nothing.
  if (value.kind === 'unsupported' && value.empty && column.type !== 'status') return null;
  // The page model reads versions loosely; a column with a grammar of its own reads them again
  // in it, and a cell that is no version there becomes text, which table-schema reports.
  const syntax = column.versionSyntax ?? 'loose';
  if (syntax !== 'loose' && (value.kind === 'version' || (value.kind === 'preview' && value.version))) {
    value = normalizeValue(cell.text, context.vocabulary, syntax);
  }
  const vocabName = own(kind.valueVocabulary, column.id) ?? own(kind.valueVocabulary, '*');
  if (vocabName && value.kind === 'text') {
    const id = context.setup.vocabularies.get(vocabName)?.lookup(value.text);
    if (id != null) value = { kind: 'text', text: id, term: true };
  }
  if (preview) {
    if (value.kind === 'version') value = { kind: 'preview', version: value.version };
    else if (value.kind === 'supported') value = { kind: 'preview' };
  }
  return value;
}


function versionSyntaxOf(kind: TableKind, id: string): VersionSyntax {
  return own(kind.versionSyntax, id) ?? own(kind.versionSyntax, '*') ?? 'loose';
}

function comparableText(cell: Cell): string {
  if (cell.value.kind === 'version') return cell.value.version.canonical;
  return normalizeTerm(cell.text);
}

/**
 * Link labels, code and HTML ids in the key (`<span id="support-ga">`), or its ASCII words: what
 * a translation leaves untouched.
 */
function keySignature(cell: Cell): string {
  const bracketed = [...cell.raw.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] as string);
  const code = [...cell.raw.matchAll(/`([^`]*)`/g)].map((m) => m[1] as string);
  const ids = [...cell.raw.matchAll(/\bid\s*=\s*["']([^"']+)["']/gi)].map((m) => `#${m[1] as string}`);
  const marked = [...bracketed, ...code, ...ids];
  const parts = marked.length > 0 ? marked : (cell.text.match(/[\x21-\x7e]+/g) ?? []);
  return parts.map((p) => p.toLowerCase()).join(' ');
}

/**
 * A table read as another table's kind reads it: a translated table that no kind recognized
 * (its key header is translated) or that another kind took, paired with its source table.
 * Columns paired with the source's (`columns`: source index → this table's index) take the
 * source columns' ids and types, and text values go through the kind's value vocabularies, so
 * that `Disponibilité générale` compares with `General Availability`.
 */
export function readAsKind(t: FactTable, source: FactTable, columns: ReadonlyMap<number, number>, setup: FactsSetup): FactTable {
  const kind = setup.kinds.find((k) => k.id === source.kind);
  const sourceOf = new Map([...columns].map(([i, j]) => [j, source.columns[i] as FactColumn]));
  const adopted = t.columns.map((c, j) => {
    const s = sourceOf.get(j);
    if (!s) return c;
    return { ...c, id: s.id, dimension: s.dimension, known: s.known, type: s.type, ...(s.versionSyntax ? { versionSyntax: s.versionSyntax } : {}) };
  });
  const reread = (fact: Fact, column: FactColumn): Value => {
    const value = fact.value;
    // A version in a column with a grammar of its own is read in it, as the source's cells are.
    if (value.kind === 'version' && column.versionSyntax && column.versionSyntax !== 'loose') {
      const version = parseVersionExpr(fact.text, column.versionSyntax);
      return version ? { kind: 'version', version } : { kind: 'text', text: fact.text };
    }
    const vocabName = kind ? (own(kind.valueVocabulary, column.id) ?? own(kind.valueVocabulary, '*')) : undefined;
    if (!vocabName || value.kind !== 'text' || value.term) return value;
    const id = setup.vocabularies.get(vocabName)?.lookup(value.text);
    return id == null ? value : { kind: 'text', text: id, term: true };
  };
  return {
    ...t,
    kind: source.kind,
    columns: adopted,
    rows: t.rows.map((row) => ({ ...row, facts: row.facts.map((f) => ({ ...f, value: reread(f, adopted[f.column] as FactColumn) })) })),
  };
}
