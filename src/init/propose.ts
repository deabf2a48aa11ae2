import type { PageModel, Table } from '../model/types.js';
import type { SiteDescription } from '../site/generators/index.js';
import type { SiteConfig } from '../site/types.js';
import { type PageDimensionProposal, toUserConfig } from './config.js';
import { settleCopies } from './dimensions.js';
import { draftKinds, groupTables, type KindProposal, settleKinds, type SkippedShape, type SourceTable } from './kinds.js';
import { type PlacedPage, placePages } from './place.js';
import { includeGlobs, siteKeys } from './site-keys.js';
import { pairTranslations, type Undecided } from './translations.js';
import { statusWordsOf, type ValueWord, vocabularyWith } from './words.js';

/** What init proposes for a tree, and what it saw on the way. */
export interface Proposal {
  site: SiteDescription;
  include: string[];
  /** Pages the generator does not build, by top folder: left out of `include`. */
  outside: Array<{ folder: string; pages: number }>;
  siteKeys: SiteConfig;
  values: ValueWord[];
  pageDimensions: PageDimensionProposal[];
  kinds: KindProposal[];
  skipped: SkippedShape[];
  undecided: Undecided[];
  counts: { pages: number; published: number; translations: number; tables: number };
}

/** A table worth reading: a header of two columns or more, and rows. */
function tablesOf(placed: PlacedPage): Table[] {
  return placed.page.tables.filter((t) => t.header.length >= 2 && t.rows.length > 0 && t.file === undefined);
}

/**
 * Propose a config for a tree: its pages (files relative to `cwd`, the tree), placed in the
 * site its generator describes; the source pages' tables grouped into kinds, with value words
 * and column types from their cells; translated headers paired with their source's; page
 * dimensions where copies of a kind's tables disagree too much to be one fact.
 */
export async function propose(site: SiteDescription, pages: readonly PageModel[], cwd: string): Promise<Proposal> {
  const placed = placePages(pages, site);
  const published = placed.filter((p) => p.published);
  const sources = published.filter((p) => p.sourceFile === null);
  const translations = published.filter((p) => p.sourceFile !== null);
  const values = statusWordsOf(sources, tablesOf);
  const vocab = vocabularyWith(values);
  const sourceTables: SourceTable[] = sources.flatMap((p) => tablesOf(p).map((table) => ({ placed: p, table })));
  const groups = groupTables(sourceTables);
  const drafts = draftKinds(groups, vocab);
  const draftOf = new Map<string, KindProposal>();
  groups.forEach((group, i) => {
    for (const t of group) draftOf.set(`${t.placed.page.file}\u0000${t.table.index}`, drafts[i] as KindProposal);
  });
  const byFile = new Map(sources.map((p) => [p.page.file, p]));
  const paired = pairTranslations(translations, byFile, (file, table) => draftOf.get(`${file}\u0000${table.index}`));
  const { kinds, skipped } = settleKinds(drafts);
  const keys = siteKeys(site);
  const { include, outside } = includeGlobs(site, placed);
  const { dimensions, undecided } = await settleCopies(kinds, toUserConfig({ include, siteKeys: keys, values, pageDimensions: [], kinds }), sources, cwd);
  return {
    site,
    include,
    outside,
    siteKeys: keys,
    values,
    pageDimensions: dimensions,
    kinds,
    skipped,
    undecided: [...paired, ...undecided],
    counts: { pages: pages.length, published: published.length, translations: translations.length, tables: sourceTables.length },
  };
}
