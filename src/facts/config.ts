import type { Span, VersionSyntax } from '../model/types.js';
import type { CompiledSchema } from '../util/json-schema.js';
import type { ColumnType } from '../model/facts.js';
import type { Site, SiteConfig } from '../site/types.js';
import { UsageError } from '../util/errors.js';
import type { UserRegex } from '../util/user-regex.js';
import { compilePattern, type TextPattern } from './patterns.js';
import { Vocabularies, type VocabularyConfig } from './vocabulary.js';

export interface PageDimensionConfig {
  frontMatter?: string;
  path?: string;
  vocabulary?: string;
}

export interface TableKindConfig {
  id: string;
  description?: string;
  match?: { files?: string[]; heading?: string[]; keyHeader?: string[]; columns?: string[]; minColumns?: number; keys?: number };
  key: string;
  keyColumn?: number;
  keyType?: 'term' | 'version-range';
  extraKeys?: string[];
  columns: string | string[];
  pageDimensions?: string[];
  constants?: Record<string, string>;
  section?: string;
  columnTypes?: Record<string, ColumnType>;
  versionSyntax?: VersionSyntax | Record<string, VersionSyntax>;
  valueVocabulary?: Record<string, string>;
  /** The raw cell texts a column (by id, or `*`) may hold: any other is a `table-schema` finding. */
  allowed?: Record<string, string[]>;
  /** `columns`: the table is transposed, each column a row keyed by its header. */
  orientation?: 'rows' | 'columns';
  schema?: string | Record<string, unknown>;
}

export interface PageKindConfig {
  id: string;
  description?: string;
  files: string[];
  exclude?: string[];
  require?: { tables?: string[]; sections?: string[] };
}

export type Implication = 'unsupported-not-ticked' | 'min-version-ticked' | 'preview-not-ga' | 'version-not-below-min';

export interface CheckConfig {
  type: 'capability-deployments';
  capabilities: string[];
  deployments: string[];
  join: string[];
  implications?: Implication[];
}

/** The parts of the user config that describe facts (issue: tables as data). */
export interface FactsUserConfig {
  site?: SiteConfig;
  pageDimensions?: Record<string, PageDimensionConfig>;
  vocabulary?: Record<string, VocabularyConfig>;
  tables?: TableKindConfig[];
  pages?: PageKindConfig[];
  checks?: CheckConfig[];
  translation?: {
    frontMatterKeys?: string[];
    /** The front matter key that names the source commit a translation was made from (`default_lang_commit`). */
    baseKey?: string;
    /** Without that key: `history` takes the source as it was at the translation's last commit; `none` compares with the source now. */
    base?: 'history' | 'none';
  };
}

/** A header pattern: text or regex, or `@name` meaning any known term of vocabulary `name`. */
export type HeaderPattern = { vocabulary: string; source: string } | { pattern: TextPattern; source: string };

export interface TableKind {
  id: string;
  description: string;
  files: string[] | null;
  heading: HeaderPattern[];
  keyHeader: HeaderPattern[];
  columnPatterns: HeaderPattern[];
  minColumns: number;
  /** Share (0-1) of row keys that must be known terms of the key's vocabulary. */
  minKnownKeys: number;
  key: string;
  keyColumn: number;
  keyType: 'term' | 'version-range';
  extraKeys: string[];
  columns: string[];
  pageDimensions: string[];
  constants: Record<string, string>;
  section: string | null;
  columnTypes: Record<string, ColumnType>;
  /** Grammar of version cells by column id (the key column: by the key dimension), `*` for the rest. */
  versionSyntax: Record<string, VersionSyntax>;
  /** Text cells of a column (by id, or `*` for every column) canonicalized through a vocabulary. */
  valueVocabulary: Record<string, string>;
  /** The raw cell texts a column (by id, or `*`) may hold. */
  allowed: Record<string, string[]>;
  orientation: 'rows' | 'columns';
  schema: CompiledSchema | null;
  /** Where the kind is declared, for messages: `tables[2]` of a file or preset. */
  origin: string;
  /** Where a config file (not a preset) declares the kind: its `id` line, file relative to the working directory. */
  declared: { file: string; span: Span } | null;
}

export interface PageKind {
  id: string;
  description: string;
  files: string[];
  exclude: string[];
  tables: string[];
  sections: HeaderPattern[];
  origin: string;
}

export interface PageDimension {
  name: string;
  frontMatter: string | null;
  path: UserRegex | null;
  vocabulary: string;
}

export interface FactsSetup {
  site: Site;
  pageDimensions: PageDimension[];
  vocabularies: Vocabularies;
  kinds: TableKind[];
  pageKinds: PageKind[];
  checks: Array<Required<CheckConfig>>;
  untranslatedKeys: string[];
  /** What a translation is compared with besides its source now (see `translation.baseKey` and `translation.base`). */
  translationBase: TranslationBaseSetup;
}

export interface TranslationBaseSetup {
  /** Front matter key naming the source commit, or null. */
  key: string | null;
  /** Without the key (or without `key`): the source at the translation file's last commit. */
  history: boolean;
}

export function compileHeaderPatterns(list: string[] | undefined, where: string): HeaderPattern[] {
  return (list ?? []).map((source, i) =>
    source.startsWith('@') ? { vocabulary: source.slice(1), source } : { pattern: compilePattern(source, `${where}[${i}]`), source },
  );
}

export function testHeader(p: HeaderPattern, text: string, normalized: string, vocabularies: Vocabularies): boolean {
  if ('vocabulary' in p) return vocabularies.get(p.vocabulary)?.lookup(text) != null;
  return p.pattern.test(normalized);
}

const allImplications: Implication[] = ['unsupported-not-ticked', 'min-version-ticked', 'preview-not-ga', 'version-not-below-min'];

/** Check cross-references between kinds, checks and vocabularies once all layers are merged. */
export function validateFactsSetup(setup: FactsSetup): void {
  const kindIds = new Set<string>();
  for (const kind of setup.kinds) {
    if (kindIds.has(kind.id)) throw new UsageError(`${kind.origin}.id: table kind "${kind.id}" is declared twice`);
    kindIds.add(kind.id);
  }
  const pageDims = new Set(setup.pageDimensions.map((d) => d.name));
  for (const kind of setup.kinds) {
    for (const d of kind.pageDimensions) {
      if (!pageDims.has(d)) throw new UsageError(`${kind.origin}.pageDimensions: unknown page dimension "${d}" (declare it in pageDimensions)`);
    }
    for (const p of [...kind.keyHeader, ...kind.columnPatterns, ...kind.heading]) {
      if ('vocabulary' in p && !setup.vocabularies.get(p.vocabulary)) {
        throw new UsageError(`${kind.origin}.match: ${p.source} names no vocabulary (known: ${setup.vocabularies.names().join(', ') || 'none'})`);
      }
    }
  }
  for (const page of setup.pageKinds) {
    for (const t of page.tables) {
      if (!kindIds.has(t)) throw new UsageError(`${page.origin}.require.tables: unknown table kind "${t}"`);
    }
  }
  setup.checks.forEach((check, i) => {
    for (const t of [...check.capabilities, ...check.deployments]) {
      if (!kindIds.has(t)) throw new UsageError(`checks[${i}]: unknown table kind "${t}"`);
    }
  });
}

export function normalizeCheck(check: CheckConfig): Required<CheckConfig> {
  return { ...check, implications: check.implications ?? allImplications };
}
