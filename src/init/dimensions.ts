import path from 'node:path';
import { loadConfig } from '../config/load.js';
import type { UserConfig } from '../config/types.js';
import { compareValues } from '../facts/compare.js';
import { extractFacts, type FactsContext } from '../facts/extract.js';
import type { PageDimensionConfig } from '../facts/config.js';
import type { Value } from '../model/types.js';
import { compileVocabulary } from '../model/values.js';
import { compareStrings } from '../util/strings.js';
import type { PageDimensionProposal } from './config.js';
import { type KindProposal, slug, unique } from './kinds.js';
import type { PlacedPage } from './place.js';
import type { Undecided } from './translations.js';

/**
 * Copies of a kind's tables on several pages that disagree in more than this share of the
 * cells they share describe different things (a product version each), not one thing twice.
 */
const DIFFERENT = 0.2;
/** Fewer shared cells than this say too little to tell copies from different things. */
const ENOUGH = 3;

interface Stated {
  file: string;
  value: Value;
}

interface PageInfo {
  localPath: string;
  frontMatter: Record<string, unknown> | null;
}

/**
 * Read the source pages' facts as check will (with the config built so far), and for each kind
 * whose tables appear on several pages, compare the cells the copies share. Copies that mostly
 * agree are one fact stated several times: they stay comparable, and check reports where they
 * differ. Copies that mostly disagree get a page dimension that tells their pages apart (a path
 * segment such as `v3.4/`, or a front matter key), when one does. (A generator's versioned docs
 * need none: the site keeps each version's facts to themselves.)
 */
export async function settleCopies(
  kinds: KindProposal[],
  config: UserConfig,
  sources: readonly PlacedPage[],
  cwd: string,
): Promise<{ dimensions: PageDimensionProposal[]; undecided: Undecided[] }> {
  const resolved = await loadConfig({ cwd, config });
  const context: FactsContext = { setup: resolved.facts, configRoot: resolved.root, vocabulary: compileVocabulary(resolved.values) };
  const stated = new Map<string, Map<string, Stated[]>>();
  const pages = new Map<string, PageInfo>();
  for (const { page } of sources) {
    if (page.tables.length === 0) continue;
    const facts = extractFacts(page, path.resolve(cwd, page.file), context);
    pages.set(page.file, { localPath: facts.localPath, frontMatter: page.frontMatter?.data ?? null });
    for (const table of facts.tables) {
      const byKey = stated.get(table.kind) ?? new Map<string, Stated[]>();
      stated.set(table.kind, byKey);
      for (const row of table.rows) {
        for (const fact of row.facts) {
          const list = byKey.get(fact.key) ?? [];
          list.push({ file: table.file, value: fact.value });
          byKey.set(fact.key, list);
        }
      }
    }
  }
  const dimensions: PageDimensionProposal[] = [];
  const undecided: Undecided[] = [];
  const names = new Set<string>();
  for (const kind of kinds) {
    const byKey = stated.get(kind.id);
    if (!byKey) continue;
    const files = new Set<string>();
    let shared = 0;
    let disagree = 0;
    for (const list of byKey.values()) {
      for (const s of list) files.add(s.file);
      if (new Set(list.map((s) => s.file)).size < 2) continue;
      shared++;
      if (list.some((a, i) => list.slice(i + 1).some((b) => b.file !== a.file && compareValues(a.value, b.value) === 'disagree'))) disagree++;
    }
    if (files.size < 2) continue;
    kind.copies = { pages: files.size, shared, disagree };
    if (shared < ENOUGH || disagree / shared <= DIFFERENT) continue;
    const onPages = [...files].sort(compareStrings).map((file) => ({ file, ...(pages.get(file) as PageInfo) }));
    const found = varyingFolder(onPages) ?? frontMatterKey(onPages);
    const first = kind.tables[0] as { file: string; line: number };
    if (!found) {
      undecided.push({
        ...first,
        message: `kind \`${kind.id}\`: its tables on ${files.size} pages disagree in ${disagree} of the ${shared} cells they share, and no folder or front matter key tells the pages apart: check will report each difference; if the pages describe different things, add a page dimension`,
      });
      continue;
    }
    const same = dimensions.find((d) => JSON.stringify(d.spec) === JSON.stringify(found.spec));
    const dimension = same ?? { name: unique(found.name, names), spec: found.spec, values: [], kinds: [] };
    if (!same) dimensions.push(dimension);
    dimension.values = [...new Set([...dimension.values, ...found.values])].sort(compareStrings);
    dimension.kinds.push(kind.id);
    kind.pageDimensions.push(dimension.name);
  }
  return { dimensions, undecided };
}

/** A path as a regular expression: metacharacters escaped, `/` and `-` left as they read. */
function escapePath(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

type Found = { name: string; spec: PageDimensionConfig; values: string[] };

/** Pages whose paths differ in one folder only (`docs/v3.4/a.md`, `docs/v3.5/a.md`): that folder. */
function varyingFolder(pages: ReadonlyArray<{ localPath: string }>): Found | null {
  const split = pages.map((p) => p.localPath.split('/'));
  const length = split[0]?.length ?? 0;
  if (length < 2 || split.some((s) => s.length !== length)) return null;
  const varying = [...Array(length).keys()].filter((i) => new Set(split.map((s) => s[i])).size > 1);
  if (varying.length !== 1 || varying[0] === length - 1) return null;
  const at = varying[0] as number;
  const values = [...new Set(split.map((s) => s[at] as string))];
  const prefix = (split[0] as string[]).slice(0, at).map((s) => `${escapePath(s)}/`).join('');
  const versions = values.filter((v) => /\d/.test(v)).length * 2 >= values.length;
  const name = versions ? 'version' : slug(split[0]?.[at - 1] ?? '') || 'section';
  return { name, spec: { path: `^${prefix}([^/]+)/` }, values };
}

/** Front matter keys that read as data: short names, not titles or prose. */
const DESCRIPTIVE = new Set(['title', 'linktitle', 'description', 'summary', 'weight', 'sidebar_position', 'sidebar_label', 'slug', 'id', 'date', 'lastmod', 'aliases', 'url', 'keywords', 'tags', 'draft', 'toc', 'layout', 'type']);

/** A front matter key every page has, with a short name as value, different on some pages. */
function frontMatterKey(pages: ReadonlyArray<{ frontMatter: Record<string, unknown> | null }>): Found | null {
  const keys = Object.keys(pages[0]?.frontMatter ?? {}).sort(compareStrings);
  for (const key of keys) {
    if (DESCRIPTIVE.has(key.toLowerCase())) continue;
    const values = pages.map((p) => p.frontMatter?.[key]);
    if (!values.every((v) => typeof v === 'string' && /^[\p{L}\p{N}._+-]{1,40}$/u.test(v))) continue;
    const distinct = [...new Set(values as string[])];
    if (distinct.length > 1) return { name: slug(key) || key, spec: { frontMatter: key }, values: distinct };
  }
  return null;
}
