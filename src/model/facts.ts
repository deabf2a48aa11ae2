import type { Span, Value, VersionExpr } from './types.js';

/** How a column's cells are read: tick marks and statuses, version expressions, or text. */
export type ColumnType = 'status' | 'version' | 'text';

/** What a page's tables state, as facts: `dimensions → value`. Plain JSON, cached with the page. */
export interface PageFacts {
  /** Locale from the path (`content/<locale>/...`), or null outside the content folder. */
  locale: string | null;
  /** Path inside the locale folder: the same for a page and its translations. */
  localPath: string;
  /** Path relative to the config file's folder, which `files` globs in config are written against. */
  configPath: string;
  /** Dimensions read from the page (front matter, path). */
  dimensions: Record<string, string>;
  tables: FactTable[];
}

export interface FactColumn {
  /** Index of the cell in the row. */
  index: number;
  header: string;
  /** Canonical id of the header in `dimension`'s vocabulary (or its normalized text). */
  id: string;
  dimension: string;
  known: boolean;
  type: ColumnType;
}

export interface FactTable {
  kind: string;
  /** Index in the page's `tables`. */
  table: number;
  /** Where the table is written (the page, or a partial it includes). */
  file: string;
  span: Span;
  section: string | null;
  keyHeader: string;
  columns: FactColumn[];
  rows: FactRow[];
}

export interface FactRow {
  /** Index in the table's rows. */
  index: number;
  span: Span;
  keyText: string;
  keyId: string;
  keyKnown: boolean;
  keySpan: Span;
  /** Language-neutral part of the key (link labels, code, ASCII words), to pair translated rows. */
  keySignature: string;
  /** For version-range keys: the range, compared by overlap. */
  keyRange?: VersionExpr;
  facts: Fact[];
}

export interface Fact {
  /** Index in the table's `columns`. */
  column: number;
  dimensions: Record<string, string>;
  /** Stable comparison key: the dimensions, sorted. */
  key: string;
  value: Value;
  raw: string;
  text: string;
  span: Span;
}

export function factKey(dimensions: Record<string, string>): string {
  return Object.keys(dimensions)
    .sort()
    .map((k) => `${k}=${dimensions[k]}`)
    .join('; ');
}
