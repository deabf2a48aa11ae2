import type { ResolvedConfig } from '../config/types.js';
import type { PageCache } from '../cache/page-cache.js';
import { listFiles } from '../load/files.js';
import { buildPages, type LoadStats } from '../load/pages.js';
import type { PageModel } from '../model/types.js';
import { compileVocabulary } from '../model/values.js';
import { loadTruthFiles } from '../facts/truth.js';
import { SiteLinks } from '../links/resolve.js';
import { HugoSite } from '../links/site.js';
import { externalTargets } from '../links/targets.js';
import type { LinkResult } from '../links/types.js';
import { enabledSomewhere, runRules } from './run.js';
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
  /** Reuse and store page models (`--cache`). */
  cache?: PageCache;
  /** Worker threads for parsing and extraction (default 1: the calling thread). */
  threads?: number;
  /** Called as pages become ready, for a progress line. */
  onProgress?: (done: number, total: number) => void;
}

export type CheckLinks = (urls: readonly string[]) => Promise<ReadonlyMap<string, LinkResult>>;

export interface LintOutput {
  result: LintResult;
  pages: PageModel[];
  stats: LoadStats;
}

/** Load the pages that `paths` name under the config, in a stable order. */
export async function loadPages(options: LintOptions): Promise<PageModel[]> {
  return (await loadPagesWithStats(options)).pages;
}

async function loadPagesWithStats(options: LintOptions): Promise<{ pages: PageModel[]; stats: LoadStats }> {
  const { cwd, config } = options;
  const files = await listFiles({
    cwd,
    root: config.root,
    patterns: options.paths,
    include: config.include,
    exclude: config.exclude,
    gitignore: config.gitignore,
  });
  return buildPages(files, config, cwd, {
    ...(options.cache ? { cache: options.cache } : {}),
    threads: options.threads ?? 1,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}

const SITE_RULES = ['link-page-missing', 'link-anchor-missing', 'partial-missing', 'image-missing'];

/** Check pages: load, extract, run every enabled rule. */
export async function lint(options: LintOptions): Promise<LintOutput> {
  const { pages, stats } = await loadPagesWithStats(options);
  const truth = options.config.truth.length > 0
    ? loadTruthFiles(options.config.truth, options.cwd, options.cwd, compileVocabulary(options.config.values))
    : undefined;
  // Links are checked before the rules run, so rules stay pure: they only read the results.
  const externalLinks =
    options.checkLinks && enabledSomewhere(options.config, 'link-external')
      ? await options.checkLinks([...new Set(pages.flatMap((p) => externalTargets(p).map((t) => t.url)))].sort())
      : undefined;
  const siteLinks = SITE_RULES.some((id) => enabledSomewhere(options.config, id))
    ? new SiteLinks(new HugoSite(options.config.facts.site, SiteLinks.knownAnchors(pages, options.cwd)), options.cwd)
    : undefined;
  const result = runRules(pages, {
    ...(truth ? { truth } : {}),
    config: options.config,
    cwd: options.cwd,
    freeze: options.freeze ?? false,
    complete: options.paths.length === 0,
    externalLinks,
    siteLinks,
  });
  return { result, pages, stats };
}
