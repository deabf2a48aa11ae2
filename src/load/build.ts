import { readFileSync } from 'node:fs';
import { type CachedPage, cacheEntry, type PageDependency } from './cache.js';
import type { ResolvedConfig } from '../config/types.js';
import type { PageChecker, PendingReport } from '../engine/run.js';
import { extractFacts, type FactsContext, wantsFacts } from '../facts/extract.js';
import { partialName, partialPath, PartialTables, type ReadBytes } from '../site/partials.js';
import type { CorpusPage, PageModel } from '../model/types.js';
import { type CompiledVocabulary, compileVocabulary } from '../model/values.js';
import { ValueInterner } from './intern.js';
import { hashBytes, pageFromBytes } from './page.js';

/** A page to build, in a worker thread or in the calling thread. */
export interface BuildJob {
  /** Where the result goes in the caller's list. */
  index: number;
  abs: string;
  file: string;
  bytes: Uint8Array;
  /** The page's cache key, when its model is to be stored. */
  cacheKey: string | null;
}

/**
 * A built page. Without page rules (`reports` null) it is the whole model; with them it is what
 * corpus rules read, and the page rules' reports come with it.
 */
export type BuildReply = {
  index: number;
  /** The cache entry of the whole model and its key, when the job had a cache key. */
  entry: { key: string; bytes: Uint8Array } | null;
  /** The files besides the page that the model was built from (see `PageDependency`). */
  deps: PageDependency[];
} & ({ page: PageModel; reports: null } | { page: CorpusPage; reports: PendingReport[] });

/**
 * Turns a page's bytes into its model, facts included, and names the other files the model
 * was built from (included partials) so a cached model can be checked against them. The main
 * thread and every worker thread build pages with one of these, so both give the same model.
 */
export class PageBuilder {
  private readonly vocabulary: CompiledVocabulary;
  private readonly factsContext: FactsContext | null;
  private readonly depHashes = new DependencyHashes();

  /** `readPartial` reads included partials (a git revision's); default the disk. */
  constructor(
    private readonly config: ResolvedConfig,
    cwd: string,
    readPartial?: ReadBytes,
  ) {
    this.vocabulary = compileVocabulary(config.values);
    this.factsContext = wantsFacts(config.facts)
      ? { setup: config.facts, configRoot: config.root, vocabulary: this.vocabulary, partials: new PartialTables(config.facts.site, cwd, this.vocabulary, readPartial) }
      : null;
  }

  build(abs: string, file: string, bytes: Uint8Array): CachedPage {
    const page = pageFromBytes(file, bytes, { vocabulary: this.vocabulary, maxFileBytes: this.config.maxFileBytes, limits: this.config.pageLimits, anchors: this.config.facts.site.anchors });
    const deps: PageDependency[] = [];
    if (this.factsContext && page.problems.every((p) => p.ruleId !== 'parse-error')) {
      page.facts = extractFacts(page, abs, this.factsContext);
      for (const shortcode of page.shortcodes) {
        const name = partialName(shortcode);
        const dep = name === null ? null : partialPath(this.config.facts.site, name);
        if (dep !== null && !deps.some((d) => d.abs === dep)) deps.push({ abs: dep, hash: this.depHashes.of(dep) });
      }
    }
    return { page, deps };
  }

  /** Whether the files a cached model was built from are unchanged. */
  depsUnchanged(deps: readonly PageDependency[]): boolean {
    return this.depHashes.unchanged(deps);
  }
}

/** The hashes of the files pages are built from besides themselves (partials), each read once per run. */
export class DependencyHashes {
  private readonly hashes = new Map<string, string | null>();

  /** Whether every one of `deps` still has the hash it had. */
  unchanged(deps: readonly PageDependency[]): boolean {
    return deps.every((d) => this.of(d.abs) === d.hash);
  }

  /** A file's hash now; null when it cannot be read. */
  of(abs: string): string | null {
    let hash = this.hashes.get(abs);
    if (hash === undefined) {
      try {
        hash = hashBytes(readFileSync(abs));
      } catch {
        hash = null;
      }
      this.hashes.set(abs, hash);
    }
    return hash;
  }
}

/** The parts of a page model that corpus rules, suppressions, fixes and reports read. */
export function corpusPage(page: PageModel): CorpusPage {
  const { tables: _tables, pipeParagraphs: _pipes, referenceCandidates: _candidates, ...kept } = page;
  return kept;
}

/**
 * What a thread does with a page: build its model (or take it from the cache), make its cache
 * entry, share equal fact values with earlier pages, run the page rules when a checker is
 * given and keep only what corpus rules read. The
 * worker threads and the calling thread run the same steps, so both give the same result.
 */
export class PageStep {
  private readonly values = new ValueInterner();

  constructor(
    private readonly builder: PageBuilder,
    private readonly checker: PageChecker | null,
  ) {}

  build(job: BuildJob): BuildReply {
    const built = this.builder.build(job.abs, job.file, job.bytes);
    const entry = job.cacheKey === null ? null : { key: job.cacheKey, bytes: cacheEntry(job.cacheKey, built) };
    return this.finish(job.index, built.page, built.deps, entry, null);
  }

  /**
   * A model built already: read from the cache, or a page that could not be read. With
   * `reports` (the page rules' reports stored for these settings), the page rules do not run.
   */
  model(index: number, page: PageModel, deps: PageDependency[] = [], reports: PendingReport[] | null = null): BuildReply {
    return this.finish(index, page, deps, null, reports);
  }

  private finish(index: number, page: PageModel, deps: PageDependency[], entry: BuildReply['entry'], stored: PendingReport[] | null): BuildReply {
    // Before the page rules run: a frozen page (tests) cannot be changed afterwards.
    this.values.intern(page.facts);
    if (this.checker === null) return { index, entry, deps, page, reports: null };
    const reports = stored ?? this.checker.check(page);
    return { index, entry, deps, page: corpusPage(page), reports };
  }
}
