import { normalizeTerm } from '../facts/patterns.js';
import type { ColumnType } from '../model/facts.js';
import type { Table } from '../model/types.js';
import { type CompiledVocabulary, normalizeValue } from '../model/values.js';
import { compareStrings } from '../util/strings.js';
import type { PlacedPage } from './place.js';
import type { Where } from './words.js';

/** A table of a source page, with the page it is on. */
export interface SourceTable {
  placed: PlacedPage;
  table: Table;
}

/** A translated header, paired with the source page's header at the same position. */
export interface Alias {
  text: string;
  locale: string;
  at: Where;
  /** The source page's header it was paired with. */
  pairedWith: string;
}

export interface CellCounts {
  /** Supported and preview (without a version). */
  status: number;
  /** Unsupported, written (`No`, `-`, `N/A`): in a version column it says "none". */
  unsupported: number;
  version: number;
  text: number;
  empty: number;
}

export interface ColumnProposal {
  /** The term id in the kind's column vocabulary. */
  id: string;
  /** The header as the source pages write it. */
  header: string;
  aliases: Alias[];
  type: ColumnType;
  cells: CellCounts;
  /** Text cells of a column that is mostly status words: what keeps it from being a status column. */
  undecided: Array<{ text: string; cells: number; at: Where }>;
}

export interface KindProposal {
  id: string;
  /** The key column's header as the source pages write it ('' when it is empty). */
  keyHeader: string;
  keyAliases: Alias[];
  /** The dimension the row keys fill. */
  key: string;
  /** The dimension (and vocabulary) the column headers fill. */
  columnDimension: string;
  columns: ColumnProposal[];
  /** Set when other kinds share the key header: how many known columns tell this kind's tables apart. */
  minColumns: number | null;
  tables: Where[];
  /** Source pages with a table of the kind. */
  pages: string[];
  translatedTables: Where[];
  pageDimensions: string[];
  /** How the kind's copies on several pages compare (filled in once facts are read). */
  copies: { pages: number; shared: number; disagree: number } | null;
}

/** A shape of table no kind is proposed for. */
export interface SkippedShape {
  keyHeader: string;
  columns: string[];
  tables: Where[];
}

/** A table kind's id, dimension or term id from a header: lower case, words joined by `-`. */
export function slug(text: string): string {
  return normalizeTerm(text.replace(/<[^>]*>/g, ' '))
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** A table kind's id: the slug in ASCII letters, digits and `-` (what config accepts), or '' when none is left. */
export function kindId(text: string): string {
  return slug(text)
    .normalize('NFKD')
    .replace(/[^a-z0-9-]+/g, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A header with its numbers generalized: `pnpm 10` and `pnpm 8` are one column shape. */
function shapeOf(header: string): string {
  return normalizeTerm(header).replace(/\d+(?:\.\d+)*/g, '#');
}

/** Columns shared by two sets, over the columns of either (Jaccard index). */
function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  const either = a.size + b.size - both;
  return either === 0 ? 1 : both / either;
}

/** Tables with a key header and most column shapes in common are one group. */
const SAME_SHAPE = 0.5;

/**
 * Group tables by header signature: the key column's header, then the other headers (numbers
 * generalized), tables joining a group when they share at least half of its column shapes.
 */
export function groupTables(tables: readonly SourceTable[]): SourceTable[][] {
  const byKey = new Map<string, SourceTable[]>();
  for (const t of tables) {
    const key = normalizeTerm(t.table.header[0]?.text ?? '');
    const list = byKey.get(key) ?? [];
    list.push(t);
    byKey.set(key, list);
  }
  const groups: SourceTable[][] = [];
  for (const list of byKey.values()) {
    const shapes: Array<{ tables: SourceTable[]; columns: Set<string> }> = [];
    for (const t of list) {
      const columns = new Set(t.table.header.slice(1).map((c) => shapeOf(c.text)));
      const joined = shapes.filter((s) => overlap(s.columns, columns) >= SAME_SHAPE);
      const target = joined[0] ?? { tables: [], columns: new Set<string>() };
      if (joined.length === 0) shapes.push(target);
      // A table that bridges two groups merges them.
      for (const other of joined.slice(1)) {
        target.tables.push(...other.tables);
        for (const c of other.columns) target.columns.add(c);
        shapes.splice(shapes.indexOf(other), 1);
      }
      target.tables.push(t);
      for (const c of columns) target.columns.add(c);
    }
    groups.push(...shapes.map((s) => s.tables));
  }
  return groups;
}

/** Share of a column's non-empty cells that must be status words (or versions) for it to be typed so. */
const TYPED = 0.9;
/** A column this much status words, but not `TYPED`, has undecided words worth telling. */
const MOSTLY = 0.5;

/** Count a column's cells by what check reads them as, with the proposed value words. */
function columnCells(group: readonly SourceTable[], header: string, vocab: CompiledVocabulary): { cells: CellCounts; texts: Map<string, { text: string; cells: number; at: Where }> } {
  const cells: CellCounts = { status: 0, unsupported: 0, version: 0, text: 0, empty: 0 };
  const texts = new Map<string, { text: string; cells: number; at: Where }>();
  const want = normalizeTerm(header);
  for (const { placed, table } of group) {
    const index = table.header.findIndex((c, i) => i > 0 && normalizeTerm(c.text) === want);
    if (index === -1) continue;
    for (const row of table.rows) {
      const cell = row.cells[index];
      if (!cell) continue;
      const value = normalizeValue(cell.text, vocab);
      if (value.kind === 'unsupported' && value.empty) cells.empty++;
      else if (value.kind === 'version' || (value.kind === 'preview' && value.version)) cells.version++;
      else if (value.kind === 'text') {
        cells.text++;
        const key = value.text.toLowerCase();
        const seen = texts.get(key);
        if (seen) seen.cells++;
        else texts.set(key, { text: value.text, cells: 1, at: { file: placed.page.file, line: cell.span.line } });
      } else if (value.kind === 'unsupported') cells.unsupported++;
      else cells.status++;
    }
  }
  return { cells, texts };
}

function columnType(cells: CellCounts): ColumnType {
  const filled = cells.status + cells.unsupported + cells.version + cells.text;
  if (filled === 0) return 'text';
  if ((cells.status + cells.unsupported) / filled >= TYPED) return 'status';
  // `-` and `N/A` in a version column say there is no version: they count for neither.
  if (cells.version > 0 && cells.version / (filled - cells.unsupported) >= TYPED) return 'version';
  return 'text';
}

function where(t: SourceTable): Where {
  return { file: t.placed.page.file, line: t.table.span.line };
}

/** A name not yet in `taken` (adding `-2`, `-3`... when needed), which it then joins. */
export function unique(name: string, taken: Set<string>): string {
  let out = name;
  for (let n = 2; taken.has(out); n++) out = `${name}-${n}`;
  taken.add(out);
  return out;
}

/**
 * A kind for each group of tables: keyed by the key column's header, with a column vocabulary
 * of its own (so that facts of different kinds never compare by accident) and a type per column
 * from its cells. Ids are given by `settleKinds`, once translations are paired.
 */
export function draftKinds(groups: readonly SourceTable[][], vocab: CompiledVocabulary): KindProposal[] {
  return groups.map((group) => {
    const first = group[0] as SourceTable;
    const keyHeader = first.table.header[0]?.text ?? '';
    const headers = new Map<string, string>();
    for (const { table } of group) for (const c of table.header.slice(1)) if (!headers.has(normalizeTerm(c.text))) headers.set(normalizeTerm(c.text), c.text);
    const termIds = new Set<string>();
    const columns: ColumnProposal[] = [...headers.values()].map((header, i) => {
      const { cells, texts } = columnCells(group, header, vocab);
      const type = columnType(cells);
      const filled = cells.status + cells.unsupported + cells.version + cells.text;
      const undecided = type === 'text' && filled > 0 && (cells.status + cells.unsupported) / filled >= MOSTLY ? [...texts.values()].sort((a, b) => b.cells - a.cells) : [];
      return { id: unique(slug(header) || `column-${i + 2}`, termIds), header, aliases: [], type, cells, undecided };
    });
    const tables = group.map(where).sort(compareWhere);
    return {
      id: kindId(keyHeader) || kindId(first.table.section[first.table.section.length - 1] ?? '') || 'table',
      keyHeader,
      keyAliases: [],
      key: slug(keyHeader) || 'row',
      columnDimension: '',
      columns,
      minColumns: Math.max(1, Math.min(...group.map((t) => t.table.header.length - 1))),
      tables,
      pages: [...new Set(tables.map((t) => t.file))],
      translatedTables: [],
      pageDimensions: [],
      copies: null,
    };
  });
}

/**
 * Keep the drafts worth a kind: a column holds statuses or versions, or the table appears on
 * more than one source page (copies to compare); the others are skipped shapes.
 * Kinds get unique ids; kinds that share a key header keep `minColumns` to tell their tables
 * apart and are tried most demanding first (the first kind that matches a table wins).
 */
export function settleKinds(drafts: readonly KindProposal[]): { kinds: KindProposal[]; skipped: SkippedShape[] } {
  const kept: KindProposal[] = [];
  const skipped: SkippedShape[] = [];
  for (const d of [...drafts].sort((a, b) => compareWhere(a.tables[0] as Where, b.tables[0] as Where))) {
    const factual = d.columns.some((c) => c.type !== 'text' || c.undecided.length > 0);
    if (factual || d.pages.length > 1) kept.push(d);
    else skipped.push({ keyHeader: d.keyHeader, columns: d.columns.map((c) => c.header), tables: d.tables });
  }
  const order = new Map<string, number>();
  for (const k of kept) if (!order.has(normalizeTerm(k.keyHeader))) order.set(normalizeTerm(k.keyHeader), order.size);
  const rank = (k: KindProposal) => order.get(normalizeTerm(k.keyHeader)) as number;
  const sharing = (k: KindProposal) => kept.filter((o) => rank(o) === rank(k)).length > 1;
  const sorted = [...kept].sort((a, b) => rank(a) - rank(b) || (b.minColumns ?? 0) - (a.minColumns ?? 0));
  const ids = new Set<string>();
  const kinds = sorted.map((k, i) => {
    const shared = sharing(k);
    const before = sorted.slice(0, i).filter((o) => rank(o) === rank(k));
    // A second kind with the key header is named by its first column the others lack.
    const theirs = new Set(before.flatMap((o) => o.columns.map((c) => normalizeTerm(c.header))));
    const own = k.columns.find((c) => !theirs.has(normalizeTerm(c.header))) ?? k.columns[0];
    const id = unique(before.length > 0 ? [k.id, kindId(own?.header ?? '')].filter(Boolean).join('-') : k.id, ids);
    return { ...k, id, columnDimension: `${id}-column`, minColumns: shared ? k.minColumns : null };
  });
  // A key dimension must not be some kind's column dimension.
  const columnDimensions = new Set(kinds.map((k) => k.columnDimension));
  for (const k of kinds) if (columnDimensions.has(k.key)) k.key = `${k.key}-key`;
  return { kinds, skipped };
}

export function compareWhere(a: Where, b: Where): number {
  return compareStrings(a.file, b.file) || a.line - b.line;
}
