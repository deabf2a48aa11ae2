import type { ResolvedConfig } from '../config/types.js';
import type { PageCache } from '../load/cache.js';
import { type ListedFile, listFiles } from '../load/files.js';
import { type BuildOptions, buildAndCheckPages, buildPages, type CheckedPages, type LoadStats } from '../load/pages.js';
import { DependencyHashes } from '../load/build.js';
import { FolderReads } from '../load/folder-reads.js';
import { FactsIndex, type IndexedPage, ReachKeys } from '../load/facts-index.js';
import { type PageDependency, type PageSource, readSources } from '../load/sources.js';
import { stampOf } from '../util/stamp.js';
import type { Revision } from '../load/tree.js';
import type { CorpusPage, PageModel } from '../model/types.js';
import { compileVocabulary } from '../model/values.js';
import { loadTruthSources, type TruthSource } from '../facts/truth.js';
import { LinkNotes } from '../site/notes.js';
import { openSite, type SiteProblem, SiteLinks } from '../site/resolve.js';
import type { KnownPages, LinkSite } from '../site/link-site.js';
import { relativeName, toPosix } from '../util/posix.js';
import { hashBytes } from '../load/page.js';
import { basesWanted, historyKey, readTranslationBases } from '../load/translation-bases.js';
import type { TranslationBases } from '../facts/bases.js';
import { limitToScope } from '../engine/scope.js';
import { externalTargets } from '../site/targets.js';
import type { LinkResult } from '../net/types.js';
import { corpusReports, finishRun, involving, PageChecker, type PendingReport, runCorpusRules } from '../engine/run.js';
import type { CorpusRule, LintResult, SiteFindings, TreeSummary } from '../engine/types.js';
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
  /** Reuse and store page models (`--cache`), page rules' reports and the facts index. */
  cache?: PageCache;
  /**
   * Only the findings that involve these files (names as diagnostics use them) are wanted
   * (`--staged`, named pages, an editor's buffer): those on them or naming one as a related
   * location. The result holds them as a run without `scope` finds them, and the others on
   * their files (see `Corpus.scope`): give it to `limitToScope`. Rules that compare pages skip
   * what cannot lead to such a finding; with `cache`, they are given only what such findings
   * depend on (their `reach`), from the facts index, instead of every page (docs/performance.md).
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
export function readPageSources(files: readonly ListedFile[], options: LintOptions): Promise<PageSource[]> {
  const { overlay } = options;
  return readListed(overlay ? withOverlaid(files, overlay, options.cwd) : files, options);
}

/** The bytes of exactly these files (the overlay's for those it holds). */
async function readListed(listed: readonly ListedFile[], options: LintOptions): Promise<PageSource[]> {
  const { overlay } = options;
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
  reads?: FolderReads,
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
    ...(reads ? { reads } : {}),
  });
}

/** With `wholeTree`: the config's whole `include`, plus any page `paths` name outside it, in file order. */
async function filesToLoad(options: LintOptions, reads?: FolderReads): Promise<ListedFile[]> {
  if (!options.wholeTree || options.paths.length === 0) return listPageFiles(options, reads);
  const all = await listPageFiles({ ...options, paths: [] }, reads);
  const seen = new Set(all.map((f) => f.file));
  const outside = (await listPageFiles(options, reads)).filter((f) => !seen.has(f.file));
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
  // The folders are listed once for the run: the page list and the site stage both walk them;
  // with a cache, those unchanged since an earlier run are not listed again.
  const hidden = options.cache ? [options.cache.dir] : [];
  const reads = options.revision ? undefined : new FolderReads(hidden, options.cache?.readFolders(hidden) ?? null);
  const output = await lintWith(options, reads);
  const snapshot = reads?.snapshot();
  if (options.cache && snapshot) await options.cache.writeFolders(hidden, snapshot);
  return output;
}

async function lintWith(options: LintOptions, reads: FolderReads | undefined): Promise<LintOutput> {
  const listed = await filesToLoad(options, reads);
  const index = openIndex(options);
  // Files named in the scope that are no page of the run (a staged image) have no findings.
  const scopeOf = (files: readonly string[]) => (options.scope ? new Set(files.filter((file) => options.scope?.has(file))) : undefined);
  if (index && options.scope && narrowable(options, reads)) {
    const files = options.overlay ? withOverlaid(listed, options.overlay, options.cwd) : listed;
    return lintScoped(files, index, scopeOf(files.map((f) => f.file)) as Set<string>, options, reads);
  }
  const sources = await readPageSources(listed, options);
  const resultKey = resultKeyFor(options, sources);
  const reused = resultKey?.lookup ? (options.cache?.readResult(resultKey.key) ?? null) : null;
  if (reused) return { result: reused, pages: [], pageReports: [], stats: reusedStats(sources.length) };
  const scope = scopeOf(sources.map((s) => s.file.file));
  const { pages, reports, deps, stats } = await checkSources(sources, options);
  const stages = await stagesOf(pages, pages, options);
  const result = runCorpus(pages, reports, { ...options, ...(scope ? { scope } : {}) }, stages, reads);
  // A base commit missing now may be fetched later without any page or HEAD changing.
  const missingBase = [...(stages.translationBases?.values() ?? [])].some((b) => b.state === 'missing');
  if (resultKey !== null && !missingBase) await options.cache?.writeResult(resultKey.key, result);
  if (index) {
    const hashes = new DependencyHashes();
    const added: IndexedPage[] = [];
    pages.forEach((page, i) => {
      if (!storable(page, options)) return;
      const stamp = sources[i]?.stamp;
      if (index.index.current(page.file, page.hash, (d) => hashes.unchanged(d))) index.index.restamp(page.file, stamp);
      else added.push({ page, deps: deps[i] ?? [], stamp });
    });
    index.index.add(added);
    await storeIndex(index, sources.map((s) => s.file.file), options);
  }
  return { result, pages, pageReports: reports, stats, ...stages };
}

/**
 * The stages before the rules, so that rules stay pure and only read their results: external
 * links checked (those of `linked`), translations' bases read from git (for `pages`), the
 * sources of truth read.
 */
async function stagesOf(pages: readonly CorpusPage[], linked: readonly CorpusPage[], options: LintOptions): Promise<StageResults> {
  const externalLinks =
    options.checkLinks && enabledSomewhere(options.config, 'link-external')
      ? await options.checkLinks([...new Set(linked.flatMap((p) => externalTargets(p).map((t) => t.url)))].sort())
      : undefined;
  const translationBases = basesWanted(options.config) ? await readTranslationBases(pages, options.config, options.cwd, buildOptions(options)) : undefined;
  const truth = loadTruth(options);
  return { ...(externalLinks ? { externalLinks } : {}), ...(translationBases ? { translationBases } : {}), ...(truth ? { truth } : {}) };
}

/** The facts index a run keeps in its cache, read, with what it needs to be written back. */
interface OpenIndex {
  index: FactsIndex;
  keys: ReachKeys;
  key: string;
  generation: string | null;
}

/**
 * The facts index of a run with a cache over the working tree, as stored (empty when it is not
 * there yet). A run over a git revision has no cache to keep it in.
 */
function openIndex(options: LintOptions): OpenIndex | null {
  const { cache, config } = options;
  if (!cache || options.revision) return null;
  const keys = new ReachKeys(config.ruleSet, config.facts);
  const key = cache.indexKey(keys.identity);
  const stored = cache.readIndex(key);
  return { index: FactsIndex.of(keys, stored.base, stored.delta), keys, key, generation: stored.generation };
}

/** Whether a page's model is one the index may keep: one read from disk (an editor's buffer is not). */
function storable(page: CorpusPage, options: LintOptions): boolean {
  return page.hash !== '' && !options.overlay?.has(path.resolve(options.cwd, page.file));
}

/**
 * Write the index back when the run took in pages, and only for a run that listed the config's
 * whole include (the index speaks of the whole tree).
 */
async function storeIndex(open: OpenIndex, files: readonly string[], options: LintOptions): Promise<void> {
  if (!open.index.changed || (options.paths.length > 0 && !options.wholeTree)) return;
  await options.cache?.writeIndex(open.key, open.index.pack(files), open.generation);
}

/**
 * Whether a scoped run may give rules less than every page: every corpus rule that is on
 * declares its `reach`; no finding is explained away by a corpus rule's finding (one made on a
 * page outside the scope from part of the facts could drop one that is wanted); and no rule
 * gathers a site problem from every page that a page not loaded may have (`reach.site`).
 */
function narrowable(options: LintOptions, reads: FolderReads | undefined): boolean {
  const { config } = options;
  const corpusIds = new Set(config.ruleSet.corpus.map((r) => r.meta.id));
  if (config.ruleSet.all.some((r) => Object.values(r.meta.explainedBy ?? {}).some((ids) => ids.some((id) => corpusIds.has(id))))) return false;
  const on = config.ruleSet.corpus.filter((r) => enabledSomewhere(config, r.meta.id));
  if (!on.every((r) => r.reach !== undefined)) return false;
  const gathered = new Set(on.flatMap((r) => r.reach?.site ?? []));
  return gathered.size === 0 || !siteRulesOn(config) || !siteOf([], options, new Map(), reads).lacksFolders();
}

/**
 * A run that wants only the findings that involve `scope`, with a facts index: what rules read
 * of the other pages comes from the index, and only what those findings depend on. Loaded whole:
 * the scope's pages, the pages whose record in the index is not current (changed since), and the
 * pages that share a page key with the scope's (a translation and its source). From the index:
 * for each rule, the facts that share a fact key with the scope's, in skeleton pages; the source
 * page of each translation given; the tree summary, and what every page tells the site.
 */
async function lintScoped(
  files: readonly ListedFile[],
  open: OpenIndex,
  scope: ReadonlySet<string>,
  options: LintOptions,
  reads: FolderReads | undefined,
): Promise<LintOutput> {
  const { index, keys } = open;
  const { config, cwd } = options;
  const hashes = new DependencyHashes();
  const unchanged = (deps: readonly PageDependency[]) => hashes.unchanged(deps);
  // A page whose file has the stamp its record was made with is not read at all; the others
  // are read, and those whose bytes are still the record's are not loaded either.
  const current = new Set<string>();
  const unread: ListedFile[] = [];
  for (const f of files) {
    if (!scope.has(f.file) && !options.overlay?.has(f.abs) && index.currentHash(f.file, stampOf(f.abs), unchanged) !== null) current.add(f.file);
    else unread.push(f);
  }
  const first: PageSource[] = [];
  for (const s of await readListed(unread, options)) {
    const fresh = s.bytes !== null && !options.overlay?.has(s.file.abs) && index.current(s.file.file, s.hash, unchanged);
    if (fresh) {
      current.add(s.file.file);
      index.restamp(s.file.file, s.stamp);
    }
    if (!fresh || scope.has(s.file.file)) first.push(s);
  }
  const loaded = await checkSources(first, options);
  index.add(loaded.pages.flatMap((page, i) => (storable(page, options) && !current.has(page.file) ? [{ page, deps: loaded.deps[i] ?? [], stamp: first[i]?.stamp }] : [])));
  for (const page of loaded.pages) current.delete(page.file);
  index.useLive(current);

  // Whole pages that share a page key with the scope's.
  const inScope = loaded.pages.filter((p) => scope.has(p.file));
  const family = new Set<string>();
  for (const rule of config.ruleSet.corpus) {
    const shared = keys.pageKeysOf(rule, inScope);
    if (shared) for (const file of index.pagesSharing(shared)) family.add(file);
  }
  const more = await checkSources(await readListed(files.filter((f) => family.has(f.file)), options), options);
  for (const file of family) current.delete(file);
  index.useLive(current);
  const whole = merge(loaded, more);

  const setup = runSetup(config, cwd, options.freeze ?? false);
  const pagesFor = rulePages(whole.pages, inScope, open, config.facts.site.defaultLocale);
  const tree: TreeSummary = index.treeSummary(whole.pages);
  const stages = await stagesOf(whole.pages, inScope, options);
  // What every page tells the site: the pages loaded, and the index for the others.
  const known = SiteLinks.knownPages(whole.pages, cwd, config.facts.site);
  const site = siteRulesOn(config)
    ? resolveSite(inScope, new SiteLinks(siteOf(whole.pages, options, { get: (abs) => known.get(abs) ?? index.knownPageOf(abs, cwd) }, reads), cwd))
    : undefined;
  const extras = {
    complete: options.paths.length === 0 || options.wholeTree === true,
    configFile: config.file ? toPosix(path.relative(cwd, config.file)) : null,
    tree,
    scope,
    ...stages,
    ...(site ? { site } : {}),
  };
  const found = corpusReports(setup, extras, pagesFor);
  // A finding made on a page the run did not load, that names a scope page, moves there: its
  // page's control comments and page rules' findings decide whether it stands (`explainedBy`).
  const loadedFiles = new Set(whole.pages.map((p) => p.file));
  const origins = new Set(involving(found, scope).map((r) => r.file).filter((file) => !loadedFiles.has(file)));
  const extra = await checkSources(await readListed(files.filter((f) => origins.has(f.file)), options), options);
  const all = merge(whole, extra);
  const names = files.map((f) => f.file);
  const result = finishRun([...all.reports.flat(), ...found], all.pages, setup, { scope, checked: names, tree });
  await storeIndex(open, names, options);
  const stats: LoadStats = { ...sumStats(loaded.stats, more.stats, extra.stats), files: files.length, indexed: index.liveFiles.size };
  return { result, pages: all.pages, pageReports: all.reports, stats, ...stages };
}

/**
 * The pages each rule is given in a scoped run: the pages loaded whole, and for a rule that
 * compares facts, the index's skeleton pages holding the facts that share a key with the
 * scope's; then the source page of every translation among them, as the index has it. Rules
 * with the same reach get the same list.
 */
function rulePages(whole: readonly CorpusPage[], inScope: readonly CorpusPage[], open: OpenIndex, defaultLocale: string): (rule: CorpusRule) => readonly CorpusPage[] {
  const made = new Map<unknown, CorpusPage[]>();
  return (rule) => {
    const by = rule.reach?.facts ?? null;
    let pages = made.get(by);
    if (!pages) {
      const keys = open.keys.factKeysOf(rule, inScope);
      pages = withSources([...whole, ...(keys ? open.index.factPages(keys) : [])], open.index, defaultLocale);
      made.set(by, pages);
    }
    return pages;
  };
}

/** `pages` and, from the index, a skeleton of each translation's source page that is not among them. */
function withSources(pages: CorpusPage[], index: FactsIndex, defaultLocale: string): CorpusPage[] {
  const present = new Set(pages.map((p) => p.file));
  const out = [...pages];
  const looked = new Set<string>();
  for (const page of pages) {
    const facts = page.facts;
    if (!facts?.locale || facts.locale === defaultLocale || looked.has(facts.localPath)) continue;
    looked.add(facts.localPath);
    for (const file of index.livePagesAt(facts.localPath, [null, defaultLocale])) {
      if (present.has(file)) continue;
      const source = index.skeleton(file);
      if (source) {
        out.push(source);
        present.add(file);
      }
    }
  }
  return out;
}

function merge(a: CheckedPages, b: CheckedPages): CheckedPages {
  return { pages: [...a.pages, ...b.pages], reports: [...a.reports, ...b.reports], deps: [...a.deps, ...b.deps], stats: sumStats(a.stats, b.stats) };
}

function sumStats(...all: LoadStats[]): LoadStats {
  return all.reduce((a, b) => ({
    files: a.files + b.files,
    parsed: a.parsed + b.parsed,
    cached: a.cached + b.cached,
    threads: Math.max(a.threads, b.threads),
    builtHere: a.builtHere + b.builtHere,
    reusedResult: false,
    indexed: a.indexed + b.indexed,
  }));
}

function reusedStats(files: number): LoadStats {
  return { files, parsed: 0, cached: 0, threads: 0, builtHere: 0, reusedResult: true, indexed: 0 };
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
  reads?: FolderReads,
): LintResult {
  const site = siteRulesOn(options.config) ? new SiteLinks(siteOf(pages, options, undefined, reads), options.cwd) : undefined;
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
  known: KnownPages = SiteLinks.knownPages(pages, options.cwd, options.config.facts.site),
  reads?: FolderReads,
): LinkSite {
  const notes = options.cache ? LinkNotes.inCache(options.cache.dir) : undefined;
  return openSite(options.config.facts.site, known, notes, reads ? (dir) => reads.walk(dir) : undefined);
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
