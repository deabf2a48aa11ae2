import type { ResolvedConfig } from '../config/types.js';
import type { PageCache } from '../load/cache.js';
import { type ListedFile, listFiles } from '../load/files.js';
import { type BuildOptions, buildAndCheckPages, buildPages, type CheckedPages, type LoadStats } from '../load/pages.js';
import { type PageSource, readSources } from '../load/sources.js';
import type { Revision } from '../load/tree.js';
import type { CorpusPage, PageModel } from '../model/types.js';
import { compileVocabulary } from '../model/values.js';
import { loadTruthSources, type TruthSource } from '../facts/truth.js';
import { LinkNotes } from '../site/notes.js';
import { openSite, type SiteProblem, SiteLinks } from '../site/resolve.js';
import type { KnownPage, LinkSite } from '../site/link-site.js';
import { relativeName, toPosix } from '../util/posix.js';
import { hashBytes } from '../load/page.js';
import { basesWanted, historyKey, readTranslationBases } from '../load/translation-bases.js';
import type { TranslationBases } from '../facts/bases.js';
import { limitToScope } from '../engine/scope.js';
import { externalTargets } from '../site/targets.js';
import type { LinkResult } from '../net/types.js';
import { PageChecker, type PendingReport, runCorpusRules } from '../engine/run.js';
import type { LintResult, SiteFindings } from '../engine/types.js';
import { enabledSomewhere, runSetup } from '../config/load.js';
import { compareStrings } from '../util/strings.js';
import path from 'node:path';

export interface LintOptions {
  cwd: string;
  /** Paths, directories or globs (`!glob` removes); empty means the config's `include`. */
  paths: string[];
  config: ResolvedConfig;
  /** Read the pages of a git revision instead of the working tree (`diff --base`). */
  revision?: Revision;
  /**
   * A path (or the include) that selects no page is a usage error, as is a named path that
   * does not exist (default true); false lets a run over nothing pass (`--no-error-on-unmatched-pattern`).
   */
  errorOnUnmatchedPattern?: boolean;
  /** A named path that does not exist is skipped (one side of a diff). */
  missingOk?: boolean;
  /**
   * Bytes to use in place of files on disk, by absolute path (an editor's unsaved buffers; see
   * `lintText`). A file not on disk is added to the pages.
   */
  overlay?: ReadonlyMap<string, Uint8Array>;
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
  /** Reuse and store page models (`--cache`). */
  cache?: PageCache;
  /**
   * Only the findings that involve these files (names as diagnostics use them) are wanted: rules
   * that compare pages still read every page, but skip what cannot lead to such a finding, and
   * the result holds only those findings (and the others on their files). See `Corpus.scope`.
   */
  scope?: ReadonlySet<string>;
  /** Worker threads for parsing and extraction (default 1: the calling thread). */
  threads?: number;
  /** Called as pages become ready, for a progress line. */
  onProgress?: (done: number, total: number) => void;
  /**
   * With `cache`: when the pages, the site's other files and the settings are those of an
   * earlier run, return that run's result without loading any page (`pages` is then empty,
   * `stats.reusedResult` true). Callers that need the page models (fixes) leave it off.
   */
  reuseResult?: boolean;
}

export type CheckLinks = (urls: readonly string[]) => Promise<ReadonlyMap<string, LinkResult>>;

export interface LintOutput {
  result: LintResult;
  /** What corpus rules read of each page (page rules ran as each page was built). */
  pages: CorpusPage[];
  /** The page rules' reports on `pages[i]`, for re-checking pages fixed in memory. */
  pageReports: PendingReport[][];
  stats: LoadStats;
  /** What `--external-links` found, for re-checking pages fixed in memory. */
  externalLinks?: ReadonlyMap<string, LinkResult>;
  /** Each translation's base (when the config names one), for re-checking and for `compatlint i18n`. */
  translationBases?: TranslationBases;
  /** The sources of truth as this check read them, for re-checking pages fixed in memory. */
  truth?: readonly TruthSource[];
}

/** What the stages before the rules found, beside the pages. */
export interface StageResults {
  externalLinks?: ReadonlyMap<string, LinkResult>;
  translationBases?: TranslationBases;
  truth?: readonly TruthSource[];
}

/** Load the pages that `paths` name under the config, in a stable order. */
export async function loadPages(options: LintOptions): Promise<PageModel[]> {
  return (await buildPages(await readPageSources(await listPageFiles(options), options), options.config, options.cwd, buildOptions(options))).pages;
}

/** The listed pages' bytes: from disk, or from the revision being read; then the overlay's bytes in place of theirs. */
export async function readPageSources(files: readonly ListedFile[], options: LintOptions): Promise<PageSource[]> {
  const { overlay } = options;
  const listed = overlay ? withOverlaid(files, overlay, options.cwd) : files;
  const read = overlay ? listed.filter((f) => !overlay.has(f.abs)) : listed;
  const fromStore = options.revision ? await options.revision.sources(read, options.config.maxFileBytes) : readSources(read, options.config.maxFileBytes);
  if (!overlay) return fromStore;
  const byAbs = new Map(fromStore.map((s) => [s.file.abs, s]));
  return listed.map((file) => {
    const bytes = overlay.get(file.abs);
    return bytes === undefined ? (byAbs.get(file.abs) as PageSource) : { file, bytes, hash: hashBytes(bytes) };
  });
}

/** The listed files plus the overlaid ones not among them, in file order. */
function withOverlaid(files: readonly ListedFile[], overlay: ReadonlyMap<string, Uint8Array>, cwd: string): ListedFile[] {
  const listed = new Set(files.map((f) => f.abs));
  const extra = [...overlay.keys()].filter((abs) => !listed.has(abs)).map((abs) => ({ abs, file: relativeName(cwd, abs) }));
  return extra.length === 0 ? [...files] : [...files, ...extra].sort((a, b) => compareStrings(a.file, b.file));
}

export interface LintTextOptions extends Omit<LintOptions, 'paths' | 'overlay' | 'wholeTree' | 'reuseResult'> {
  /** The buffer's file, absolute or relative to `cwd`; it need not exist on disk yet. */
  file: string;
  /** The buffer's text, as the editor holds it (unsaved). */
  text: string;
}

/**
 * Lint an editor's buffer: the tree is loaded as `check` loads it, with the buffer's text in
 * place of its file, so corpus rules compare the buffer with the other pages. The result holds
 * the buffer's findings (a finding made on another page that involves the buffer is moved onto
 * it, as in changed-files mode).
 */
export async function lintText(options: LintTextOptions): Promise<LintOutput> {
  const { file, text, ...rest } = options;
  const abs = path.resolve(options.cwd, file);
  const files = new Set([relativeName(options.cwd, abs)]);
  const output = await lint({
    ...rest,
    paths: [],
    overlay: new Map([[abs, new TextEncoder().encode(text)]]),
    // The buffer is checked even where the tree has no other page.
    errorOnUnmatchedPattern: false,
    scope: files,
  });
  return { ...output, result: limitToScope(output.result, { files }) };
}

const SITE_RULES = ['link-page-missing', 'link-anchor-missing', 'partial-missing', 'image-missing'];

/** The files that `paths` name under the config (its `include` when there are none). */
export function listPageFiles(
  options: Pick<LintOptions, 'cwd' | 'config' | 'paths' | 'revision' | 'errorOnUnmatchedPattern' | 'missingOk'>,
): Promise<ListedFile[]> {
  const { cwd, config, paths, revision } = options;
  return listFiles({
    cwd,
    root: config.root,
    patterns: paths,
    include: config.include,
    exclude: config.exclude,
    gitignore: config.gitignore,
    errorOnUnmatched: options.errorOnUnmatchedPattern ?? true,
    ...(options.missingOk ? { missingOk: true } : {}),
    ...(revision ? { tree: revision.fs } : {}),
  });
}

/** With `wholeTree`: the config's whole `include`, plus any page `paths` name outside it, in file order. */
async function filesToLoad(options: LintOptions): Promise<ListedFile[]> {
  if (!options.wholeTree || options.paths.length === 0) return listPageFiles(options);
  const all = await listPageFiles({ ...options, paths: [] });
  const seen = new Set(all.map((f) => f.file));
  const outside = (await listPageFiles(options)).filter((f) => !seen.has(f.file));
  return [...all, ...outside].sort((a, b) => compareStrings(a.file, b.file));
}

/** How a run builds pages: the cache, worker threads, progress, a revision's partials. */
export function buildOptions(options: LintOptions): BuildOptions {
  return {
    ...(options.cache ? { cache: options.cache } : {}),
    threads: options.threads ?? 1,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.revision ? { readPartial: options.revision.read } : {}),
  };
}

/**
 * The key under which this run's result is stored and looked up, or null. A result depends on
 * the network when external links are checked: never reused. Every result was stored with the
 * models of all its pages, so when a page has no stored model (the page a writer just edited)
 * there is nothing to look up; the key, which lists the whole site's files, is then computed
 * only for a whole-tree run, whose result the next run will want.
 */
function resultKeyFor(options: LintOptions, sources: readonly PageSource[]): { key: string; lookup: boolean } | null {
  const { cache } = options;
  if (!cache || !options.reuseResult || options.checkLinks || options.overlay || options.scope) return null;
  const lookup = sources.every((s) => s.bytes === null || cache.has(cache.keyFor(s.file.abs, s.hash)));
  if (!lookup && options.paths.length > 0) return null;
  // The same pages loaded as a whole tree or as named pages give different `complete` flags.
  const paths = options.wholeTree ? ['--whole-tree', ...options.paths] : options.paths;
  // Translations' bases come from git: a new commit can change them with no page changed.
  const history = basesWanted(options.config) ? historyKey(options.cwd) : null;
  return { key: cache.resultKey(options.config, history === null ? paths : [...paths, `--history=${history}`], sources), lookup };
}

/** Check pages: load, extract, run every enabled rule. */
export async function lint(options: LintOptions): Promise<LintOutput> {
  const sources = await readPageSources(await filesToLoad(options), options);
  const resultKey = resultKeyFor(options, sources);
  const reused = resultKey?.lookup ? (options.cache?.readResult(resultKey.key) ?? null) : null;
  if (reused) return { result: reused, pages: [], pageReports: [], stats: reusedStats(sources.length) };
  const { pages, reports, stats } = await checkSources(sources, options);
  // Links are checked before the rules run, so rules stay pure: they only read the results.
  const externalLinks =
    options.checkLinks && enabledSomewhere(options.config, 'link-external')
      ? await options.checkLinks([...new Set(pages.flatMap((p) => externalTargets(p).map((t) => t.url)))].sort())
      : undefined;
  // Translations' bases are read from git before the rules run, for the same reason.
  const translationBases = basesWanted(options.config) ? await readTranslationBases(pages, options.config, options.cwd, buildOptions(options)) : undefined;
  const truth = loadTruth(options);
  const stages: StageResults = { ...(externalLinks ? { externalLinks } : {}), ...(translationBases ? { translationBases } : {}), ...(truth ? { truth } : {}) };
  const result = runCorpus(pages, reports, options, stages);
  // A base commit missing now may be fetched later without any page or HEAD changing.
  const missingBase = [...(translationBases?.values() ?? [])].some((b) => b.state === 'missing');
  if (resultKey !== null && !missingBase) await options.cache?.writeResult(resultKey.key, result);
  return { result, pages, pageReports: reports, stats, ...stages };
}

function reusedStats(files: number): LoadStats {
  return { files, parsed: 0, cached: 0, threads: 0, builtHere: 0, reusedResult: true };
}

/**
 * The result an earlier whole-tree run with `--cache` stored for the tree as it is now (see
 * `reuseResult`), or null; no page is loaded. What an editor shows at once, while it loads the
 * pages for the changes to come.
 */
export async function storedResult(options: Omit<LintOptions, 'paths' | 'reuseResult'>): Promise<LintResult | null> {
  const whole = { ...options, paths: [], reuseResult: true };
  const resultKey = resultKeyFor(whole, await readPageSources(await filesToLoad(whole), whole));
  return resultKey?.lookup ? (options.cache?.readResult(resultKey.key) ?? null) : null;
}

/** Build pages read already (from the cache when it holds them) and run the page rules on them. */
export function checkSources(sources: readonly PageSource[], options: LintOptions): Promise<CheckedPages> {
  return buildAndCheckPages(sources, options.config, options.cwd, { ...buildOptions(options), freeze: options.freeze ?? false });
}

/** The pages a run loads (listed, then the overlay's bytes in place of theirs), with their page rules run. */
export async function loadCheckedPages(options: LintOptions): Promise<CheckedPages> {
  return checkSources(await readPageSources(await filesToLoad(options), options), options);
}

/**
 * Check again once some pages changed in memory (fixed): page rules run again on those pages
 * only, the earlier reports stand for the others, and corpus rules run on all of them.
 */
export function recheckPages(checked: LintOutput, changed: readonly PageModel[], options: LintOptions): LintResult {
  const byFile = new Map(changed.map((p) => [p.file, p]));
  const checker = new PageChecker(runSetup(options.config, options.cwd, options.freeze ?? false));
  const pages: CorpusPage[] = [];
  const reports: PendingReport[][] = [];
  checked.pages.forEach((page, i) => {
    const now = byFile.get(page.file);
    pages.push(now ?? page);
    reports.push(now ? checker.check(now) : (checked.pageReports[i] ?? []));
  });
  const truth = checked.truth ?? loadTruth(options);
  return runCorpus(pages, reports, options, {
    ...(checked.externalLinks ? { externalLinks: checked.externalLinks } : {}),
    ...(checked.translationBases ? { translationBases: checked.translationBases } : {}),
    ...(truth ? { truth } : {}),
  });
}

/** The sources of truth, read and indexed; once per check, which a fix's passes share (`LintOutput.truth`). */
export function loadTruth(options: Pick<LintOptions, 'config' | 'cwd'>): readonly TruthSource[] | undefined {
  const { config, cwd } = options;
  if (config.truth.length === 0) return undefined;
  return loadTruthSources(config.truth, { cwd, vocabulary: compileVocabulary(config.values), setup: config.facts, maxBytes: config.maxFileBytes });
}

function runCorpus(
  pages: readonly CorpusPage[],
  pageReports: ReadonlyArray<readonly PendingReport[]>,
  options: LintOptions,
  stages: StageResults,
): LintResult {
  const site = siteRulesOn(options.config) ? new SiteLinks(siteOf(pages, options), options.cwd) : undefined;
  return checkCorpus(pages, pageReports, {
    ...options,
    complete: options.paths.length === 0 || options.wholeTree === true,
    ...stages,
    ...(site ? { site } : {}),
  });
}

/** What the corpus rules run with besides the pages: the stages before them, made by the caller. */
export interface CorpusInputs extends Pick<LintOptions, 'config' | 'cwd' | 'freeze' | 'scope'>, StageResults {
  /** True when the pages are the config's whole `include`. */
  complete: boolean;
  /**
   * The pages' links in their site (see `siteOf`); absent when no link rule is on. Each page is
   * resolved once: a caller that keeps it between runs tells it which pages changed (`forget`).
   */
  site?: SiteLinks;
}

/** Run the corpus rules on pages whose page rules have run: the site stage first, then the rules. */
export function checkCorpus(pages: readonly CorpusPage[], pageReports: ReadonlyArray<readonly PendingReport[]>, inputs: CorpusInputs): LintResult {
  const { config, cwd, scope, truth, externalLinks, translationBases, site } = inputs;
  return runCorpusRules(pages, pageReports, runSetup(config, cwd, inputs.freeze ?? false), {
    complete: inputs.complete,
    configFile: config.file ? toPosix(path.relative(cwd, config.file)) : null,
    ...(truth ? { truth } : {}),
    ...(externalLinks ? { externalLinks } : {}),
    ...(translationBases ? { translationBases } : {}),
    ...(site ? { site: resolveSite(pages, site) } : {}),
    ...(scope ? { scope } : {}),
  });
}

/** Whether a rule that reads the site stage is on. */
export function siteRulesOn(config: ResolvedConfig): boolean {
  return SITE_RULES.some((id) => enabledSomewhere(config, id));
}

/**
 * The site of the pages, for the site stage. It reads the site's other files, and with --cache
 * keeps the front matter links of pages not being checked in the cache folder. `known` is what
 * the pages say of themselves (`SiteLinks.knownPages`); a caller that keeps the site between
 * runs keeps that map up to date as pages change.
 */
export function siteOf(
  pages: readonly CorpusPage[],
  options: Pick<LintOptions, 'config' | 'cwd' | 'cache'>,
  known: ReadonlyMap<string, KnownPage> = SiteLinks.knownPages(pages, options.cwd, options.config.facts.site),
): LinkSite {
  const notes = options.cache ? LinkNotes.inCache(options.cache.dir) : undefined;
  return openSite(options.config.facts.site, known, notes);
}

/**
 * The site stage: every page's links into its own site, resolved before the rules run (rules
 * only read the problems). A scoped run resolves them all too: a finding can gather the
 * problems of every page (links into a folder the checkout lacks).
 */
function resolveSite(pages: readonly CorpusPage[], links: SiteLinks): SiteFindings {
  const problems = new Map<string, readonly SiteProblem[]>();
  for (const page of pages) {
    const found = links.problemsOf(page);
    if (found.length > 0) problems.set(page.file, found);
  }
  return { problems };
}
