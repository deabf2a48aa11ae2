import type { UserConfig } from '../config/types.js';
import type { PageDimensionConfig, TableKindConfig } from '../facts/config.js';
import { normalizeTerm } from '../facts/patterns.js';
import type { VocabularyConfig } from '../facts/vocabulary.js';
import type { ColumnType } from '../model/facts.js';
import type { SiteConfig } from '../site/types.js';
import { escapeRegex } from '../util/user-regex.js';
import type { KindProposal } from './kinds.js';
import type { ValueWord } from './words.js';

export interface PageDimensionProposal {
  name: string;
  spec: PageDimensionConfig;
  /** The values the dimension takes on the kind's pages, for the comment. */
  values: string[];
  kinds: string[];
}

/** The parts of a proposal that make the config. */
export interface ConfigParts {
  include: string[];
  siteKeys: SiteConfig;
  values: readonly ValueWord[];
  pageDimensions: readonly PageDimensionProposal[];
  kinds: readonly KindProposal[];
}

/**
 * A header as a config pattern: the text itself (matched whole, without case), or a regular
 * expression where the text would read as one (`/api/`) or is empty (which a pattern cannot be).
 */
export function headerPattern(text: string): string {
  if (text.trim() === '') return '/^$/';
  if (/^\/.+\/[a-z]*$/s.test(text.trim())) return `/^${escapeRegex(normalizeTerm(text))}$/`;
  return text;
}

/** The config data a proposal stands for; `render` writes it with comments. */
export function toUserConfig(parts: ConfigParts): UserConfig {
  const config: UserConfig = { include: parts.include };
  config.site = parts.siteKeys;
  const values: NonNullable<UserConfig['values']> = {};
  for (const kind of ['supported', 'unsupported', 'preview'] as const) {
    const words = parts.values.filter((w) => w.kind === kind).map((w) => w.text);
    if (words.length > 0) values[kind] = words;
  }
  if (Object.keys(values).length > 0) config.values = values;
  if (parts.pageDimensions.length > 0) config.pageDimensions = Object.fromEntries(parts.pageDimensions.map((d) => [d.name, d.spec]));
  if (parts.kinds.length > 0) {
    const vocabulary: Record<string, VocabularyConfig> = {};
    for (const kind of parts.kinds) {
      vocabulary[kind.columnDimension] = Object.fromEntries(kind.columns.map((c) => [c.id, [headerPattern(c.header), ...c.aliases.map((a) => headerPattern(a.text))]]));
    }
    config.vocabulary = vocabulary;
    config.tables = parts.kinds.map(tableKind);
  }
  return config;
}

function tableKind(kind: KindProposal): TableKindConfig {
  const out: TableKindConfig = {
    id: kind.id,
    description: kind.keyHeader.trim() === '' ? `tables with an empty first header, then \`${kind.columns[0]?.header ?? ''}\`` : `tables keyed by \`${kind.keyHeader}\``,
    match: {
      keyHeader: [headerPattern(kind.keyHeader), ...kind.keyAliases.map((a) => headerPattern(a.text))],
      ...(kind.minColumns === null ? {} : { minColumns: kind.minColumns }),
    },
    key: kind.key,
    columns: kind.columnDimension,
  };
  if (kind.pageDimensions.length > 0) out.pageDimensions = [...kind.pageDimensions];
  out.columnTypes = columnTypes(kind);
  return out;
}

/** The usual type as `*`, and each column of another type by its id. */
function columnTypes(kind: KindProposal): Record<string, ColumnType> {
  const counts = new Map<ColumnType, number>();
  for (const c of kind.columns) counts.set(c.type, (counts.get(c.type) ?? 0) + 1);
  const usual = (['status', 'version', 'text'] as const).reduce((best, t) => ((counts.get(t) ?? 0) > (counts.get(best) ?? 0) ? t : best), 'text' as ColumnType);
  const out: Record<string, ColumnType> = { '*': usual };
  for (const c of kind.columns) if (c.type !== usual) out[c.id] = c.type;
  return out;
}
