import type { ResolvedConfig } from '../config/types.js';
import { listFiles, type ListedFile } from '../load/files.js';
import { loadPage } from '../load/page.js';
import type { PageModel } from '../model/types.js';
import { compileVocabulary } from '../model/values.js';
import { extractFacts, wantsFacts } from '../facts/extract.js';
import { PartialTables } from '../facts/partials.js';
import { loadTruthFiles } from '../facts/truth.js';
import { SiteLinks } from '../links/resolve.js';
import { HugoSite } from '../links/site.js';
import { externalTargets } from '../links/targets.js';
import type { LinkResult } from '../links/types.js';
import { compareStrings, enabledSomewhere, runRules } from './run.js';
import type { LintResult } from './types.js';

export interface LintOptions {
  cwd: string;
  /** Paths, directories or globs; empty means the config's `include`. */
  paths: string[];
  config: ResolvedConfig;
  freeze?: boolean;
  /**
   * Checks external URLs (`--external-links`); without it nothing is contacted and
   * `link-external` reports nothing. The CLI passes the network checker; tests pass canned results.
   */
  checkLinks?: CheckLinks;
  /**
   * Also load every page of the config's `include`, so corpus rules see the whole tree even
   * when `paths` name only a few pages (changed-files mode reports on those few).
   */
  wholeTree?: boolean;
}

export type CheckLinks = (urls: readonly string[]) => Promise<ReadonlyMap<string, LinkResult>>;

export interface LintOutput {
  result: LintResult;
  pages: PageModel[];
  /** What `--external-links` found, for re-checking pages fixed in memory. */
  externalLinks?: ReadonlyMap<string, LinkResult>;
}

/** Load the pages that `paths` name under the config, in a stable order. */
export async function loadPages(options: LintOptions): Promise<PageModel[]> {
  const { cwd, config } = options;
  const files = await listPageFiles(options);
  const vocabulary = compileVocabulary(config.values);
  const factsContext = wantsFacts(config.facts)
    ? { setup: config.facts, configRoot: config.root, vocabulary, partials: new PartialTables(config.facts.site, cwd, vocabulary) }
    : null;
  const pages: PageModel[] = [];
  for (const f of files) {
    const page = await loadPage(f.abs, f.file, { vocabulary, maxFileBytes: config.maxFileBytes });
    if (factsContext && page.problems.every((p) => p.ruleId !== 'parse-error')) page.facts = extractFacts(page, f.abs, factsContext);
    pages.push(page);
  }
  return pages;
}

const SITE_RULES = ['link-page-missing', 'link-anchor-missing', 'partial-missing', 'image-missing'];

/** The files that `paths` name under the config (its `include` when there are none). */
export function listPageFiles(options: LintOptions): Promise<ListedFile[]> {
  const { cwd, config } = options;
  return listFiles({
    cwd,
    root: config.root,
    patterns: options.paths,
    include: config.include,
    exclude: config.exclude,
    gitignore: config.gitignore,
  });
}

/** Check pages: load, extract, run every enabled rule. */
export async function lint(options: LintOptions): Promise<LintOutput> {
  const pages = options.wholeTree ? await loadWholeTree(options) : await loadPages(options);
  // Links are checked before the rules run, so rules stay pure: they only read the results.
  const externalLinks =
    options.checkLinks && enabledSomewhere(options.config, 'link-external')
      ? await options.checkLinks([...new Set(pages.flatMap((p) => externalTargets(p).map((t) => t.url)))].sort())
      : undefined;
  return { result: checkPages(pages, options, externalLinks), pages, ...(externalLinks ? { externalLinks } : {}) };
}

/** Run every enabled rule on pages already loaded (also pages fixed in memory). */
export function checkPages(pages: readonly PageModel[], options: LintOptions, externalLinks?: ReadonlyMap<string, LinkResult>): LintResult {
  const truth = options.config.truth.length > 0
    ? loadTruthFiles(options.config.truth, options.cwd, options.cwd, compileVocabulary(options.config.values))
    : undefined;
  const siteLinks = SITE_RULES.some((id) => enabledSomewhere(options.config, id))
    ? new SiteLinks(new HugoSite(options.config.facts.site, SiteLinks.knownAnchors(pages, options.cwd)), options.cwd)
    : undefined;
  return runRules(pages, {
    ...(truth ? { truth } : {}),
    config: options.config,
    cwd: options.cwd,
    freeze: options.freeze ?? false,
    complete: options.paths.length === 0 || options.wholeTree === true,
    externalLinks,
    siteLinks,
  });
}

/** The config's whole `include`, plus any page `paths` name outside it, in file order. */
async function loadWholeTree(options: LintOptions): Promise<PageModel[]> {
  const pages = await loadPages({ ...options, paths: [] });
  if (options.paths.length === 0) return pages;
  const seen = new Set(pages.map((p) => p.file));
  const outside = (await listPageFiles(options)).filter((f) => !seen.has(f.file)).map((f) => f.abs);
  if (outside.length === 0) return pages;
  const named = await loadPages({ ...options, paths: outside });
  return [...pages, ...named].sort((a, b) => compareStrings(a.file, b.file));
}
