import path from 'node:path';
import { runSetup } from '../config/load.js';
import { PageChecker, pageDiagnostics, type PendingReport, type RunSetup } from '../engine/run.js';
import type { LintResult } from '../engine/types.js';
import type { TranslationBase } from '../facts/bases.js';
import type { TruthSource } from '../facts/truth.js';
import { corpusPage, PageBuilder } from '../load/build.js';
import type { LoadStats } from '../load/pages.js';
import { type ListedFile, readSources } from '../load/sources.js';
import { basesWanted, readTranslationBases } from '../load/translation-bases.js';
import type { CorpusPage, PageModel } from '../model/types.js';
import { knownPage } from '../site/anchors.js';
import type { KnownPage, LinkSite } from '../site/link-site.js';
import { SiteLinks } from '../site/resolve.js';
import { relativeName } from '../util/posix.js';
import { compareStrings } from '../util/strings.js';
import { buildOptions, checkCorpus, checkSources, type LintOptions, listPageFiles, loadTruth, readPageSources, siteOf, siteRulesOn } from './lint.js';

export type SessionOptions = Pick<LintOptions, 'cwd' | 'config' | 'cache' | 'threads' | 'onProgress'>;

/**
 * The tree loaded once and kept, for an editor: what `lintText` does for one buffer, for every
 * change of every open buffer. The pages are loaded as `check` loads them (the cache, worker
 * threads), with the buffers' texts in place of their files. Then a change rebuilds only its
 * buffer's page, with the builder `check` uses and its page rules run, and `check` runs the
 * corpus rules on the kept pages, scoped to the open pages (`Corpus.scope`). The site's file
 * lists, what the pages say of themselves to it and the truth files are kept too, until files
 * change on disk.
 */
export class LintSession {
  /** What corpus rules read of each page, in file order, and the page rules' reports on it. */
  private pages: CorpusPage[] = [];
  private reports: PendingReport[][] = [];
  private index = new Map<string, number>();
  /** The buffers' whole models (tables included), by file name. */
  private readonly buffers = new Map<string, PageModel>();
  /** What the pages say of themselves to the site (anchors, includes) by absolute path, kept up to date. */
  private readonly known = new Map<string, KnownPage>();
  private site: LinkSite | null = null;
  /** The pages' links resolved in the site, each page once, until it (or what a page tells the site) changes. */
  private siteLinks: SiteLinks | null = null;
  private readonly builder: PageBuilder;
  private readonly checker: PageChecker;
  private readonly setup: RunSetup;
  private readonly truth: readonly TruthSource[] | undefined;
  /**
   * Each translation's base (config `translation`), when the config names one; with the local
   * paths (`PageFacts.localPath`) of the pages changed since they were read, whose pairs'
   * bases are read again before the next check (a source's changes since a base are the
   * source as it is now against the base).
   */
  private bases: Map<string, TranslationBase> | null = null;
  private readonly staleBases = new Set<string>();

  private constructor(
    private readonly options: SessionOptions,
    /** What loading the tree cost. */
    readonly stats: LoadStats,
  ) {
    this.builder = new PageBuilder(options.config, options.cwd);
    this.setup = runSetup(options.config, options.cwd);
    this.checker = new PageChecker(this.setup);
    this.truth = loadTruth(options);
  }

  /** Load the tree (the config's `include`) with `buffers` (text by absolute path) in place of their files. */
  static async load(options: SessionOptions, buffers: ReadonlyMap<string, string> = new Map()): Promise<LintSession> {
    const listOptions: LintOptions = { ...options, paths: [], errorOnUnmatchedPattern: false };
    const files = await listPageFiles(listOptions);
    const listed = new Set(files.map((f) => f.abs));
    // A buffer the tree does not select is not one of its pages.
    const overlay = new Map([...buffers].filter(([abs]) => listed.has(abs)).map(([abs, text]) => [abs, encode(text)]));
    const lintOptions = { ...listOptions, overlay };
    const checked = await checkSources(await readPageSources(files, lintOptions), lintOptions);
    const session = new LintSession(options, checked.stats);
    session.pages = checked.pages;
    session.reports = checked.reports;
    session.reindex();
    for (const page of session.pages) session.noteKnown(page);
    if (basesWanted(options.config)) session.bases = new Map(await readTranslationBases(session.pages, options.config, options.cwd, session.buildOptions()));
    // The buffers' whole models: built again here, as the load kept only what corpus rules read.
    for (const [abs, text] of buffers) if (session.index.has(relativeName(options.cwd, abs))) session.update(abs, text);
    return session;
  }

  /** The name diagnostics give a file (absolute path). */
  fileOf(abs: string): string {
    return relativeName(this.options.cwd, abs);
  }

  private absOf(file: string): string {
    return path.resolve(this.options.cwd, file);
  }

  /** Whether the tree holds a page for a file (absolute): the config's `include` selects it. */
  has(abs: string): boolean {
    return this.index.has(this.fileOf(abs));
  }

  /**
   * A buffer's text in place of its file's: its page is built again and its page rules run.
   * Returns the page's whole model, or null when the tree has no page for the file.
   */
  update(abs: string, text: string): PageModel | null {
    const file = this.fileOf(abs);
    const at = this.index.get(file);
    if (at === undefined) return null;
    const page = this.builder.build(abs, file, encode(text)).page;
    this.reports[at] = this.checker.check(page);
    this.pages[at] = corpusPage(page);
    this.buffers.set(file, page);
    this.noteKnown(page);
    this.basesChanged(page);
    return page;
  }

  private basesChanged(page: CorpusPage): void {
    if (this.bases !== null && page.facts) this.staleBases.add(page.facts.localPath);
  }

  private buildOptions(): ReturnType<typeof buildOptions> {
    return buildOptions({ ...this.options, paths: [], threads: 1 });
  }

  /** A buffer closed: the file on disk stands for its page again. */
  async close(abs: string): Promise<void> {
    if (!this.buffers.delete(this.fileOf(abs))) return;
    await this.read([{ abs, file: this.fileOf(abs) }]);
  }

  /**
   * Files created, changed or deleted on disk (absolute paths): the tree is listed again, pages
   * that left it are dropped, those that joined it or changed are read again (from the cache
   * when it holds their model). Buffers keep their text; the site's file lists are made again.
   */
  async refresh(changed: readonly string[]): Promise<void> {
    const files = await listPageFiles({ ...this.options, paths: [], errorOnUnmatchedPattern: false });
    const listed = new Set(files.map((f) => f.file));
    const gone = this.pages.filter((p) => !listed.has(p.file) && !this.buffers.has(p.file)).map((p) => p.file);
    if (gone.length > 0) {
      const keep = this.pages.map((p) => !gone.includes(p.file));
      this.pages = this.pages.filter((_, i) => keep[i]);
      this.reports = this.reports.filter((_, i) => keep[i]);
      for (const file of gone) this.known.delete(this.absOf(file));
      this.reindex();
    }
    const touched = new Set(changed.map((abs) => this.fileOf(abs)));
    await this.read(files.filter((f) => !this.buffers.has(f.file) && (!this.index.has(f.file) || touched.has(f.file))));
    this.site = null;
    this.siteLinks = null;
  }

  /** Read pages from disk into the tree (through the cache), replacing or adding them. */
  private async read(files: readonly ListedFile[]): Promise<void> {
    if (files.length === 0) return;
    const { config } = this.options;
    const checked = await checkSources(readSources(files, config.maxFileBytes), { ...this.options, paths: [], threads: 1 });
    checked.pages.forEach((page, i) => {
      const reports = checked.reports[i] ?? [];
      const at = this.index.get(page.file);
      if (at === undefined) {
        this.pages.push(page);
        this.reports.push(reports);
      } else {
        this.pages[at] = page;
        this.reports[at] = reports;
      }
      this.noteKnown(page);
      this.basesChanged(page);
    });
    if (this.pages.length !== this.index.size) this.sortPages();
  }

  private sortPages(): void {
    const order = this.pages.map((_, i) => i).sort((a, b) => compareStrings((this.pages[a] as CorpusPage).file, (this.pages[b] as CorpusPage).file));
    this.pages = order.map((i) => this.pages[i] as CorpusPage);
    this.reports = order.map((i) => this.reports[i] as PendingReport[]);
    this.reindex();
  }

  private reindex(): void {
    this.index = new Map(this.pages.map((p, i) => [p.file, i]));
  }

  /** The page rules' findings on a page: what an editor can show first, while `check` runs. */
  pageResult(file: string): LintResult {
    const at = this.index.get(file);
    if (at === undefined) return { files: 0, checked: [], diagnostics: [], summary: { errors: 0, warnings: 0, infos: 0 }, notices: [{ id: 'noPages' }] };
    return pageDiagnostics(this.pages[at] as CorpusPage, this.reports[at] ?? [], this.setup);
  }

  /**
   * Every rule on the kept pages, scoped to `files` (names as diagnostics use them): the result
   * holds the findings that involve them (see `Corpus.scope`); `limitToScope` picks one file's.
   */
  async check(files: ReadonlySet<string>): Promise<LintResult> {
    await this.readStaleBases();
    const site = siteRulesOn(this.options.config) ? this.links() : undefined;
    return checkCorpus(this.pages, this.reports, {
      ...this.options,
      complete: true,
      scope: files,
      ...(this.truth ? { truth: this.truth } : {}),
      ...(this.bases ? { translationBases: this.bases } : {}),
      ...(site ? { site } : {}),
    });
  }

  /** The bases of the translation pairs whose pages changed, read again (from git, as the stage reads them). */
  private async readStaleBases(): Promise<void> {
    const bases = this.bases;
    if (bases === null || this.staleBases.size === 0) return;
    const stale = new Set(this.staleBases);
    this.staleBases.clear();
    const pages = this.pages.filter((p) => p.facts !== null && stale.has(p.facts.localPath));
    const fresh = await readTranslationBases(pages, this.options.config, this.options.cwd, this.buildOptions());
    for (const page of pages) {
      const base = fresh.get(page.file);
      if (base) bases.set(page.file, base);
      else bases.delete(page.file);
    }
  }

  /**
   * What a page tells the site of itself, noted. The page's own links are resolved again; when
   * what it tells changed (a heading's anchor, an include), every page's are, since any page
   * may link to it.
   */
  private noteKnown(page: CorpusPage): void {
    const abs = this.absOf(page.file);
    const before = this.known.get(abs);
    const now = knownPage(page, this.options.config.facts.site.anchors);
    this.known.set(abs, now);
    if (before === undefined || knownText(before) !== knownText(now)) this.siteLinks = null;
    else this.siteLinks?.forget(page.file);
  }

  /** The site the pages' links resolve in: its file lists are read once, the pages' anchors are as they are now. */
  private siteOfPages(): LinkSite {
    this.site ??= siteOf(this.pages, this.options, this.known);
    return this.site;
  }

  /** The pages' links, as the site stage resolves them. */
  links(): SiteLinks {
    this.siteLinks ??= new SiteLinks(this.siteOfPages(), this.options.cwd);
    return this.siteLinks;
  }

  /** Every page of the tree, buffers included, in file order. */
  allPages(): readonly CorpusPage[] {
    return this.pages;
  }

  /** What the tree holds for a file name: a buffer's whole model, what corpus rules read of another page. */
  page(file: string): CorpusPage | undefined {
    const at = this.index.get(file);
    return this.buffers.get(file) ?? (at === undefined ? undefined : this.pages[at]);
  }

  /** A buffer's whole model (its tables too). */
  buffer(file: string): PageModel | undefined {
    return this.buffers.get(file);
  }
}

/** What a page tells the site, without where it says it: an edit elsewhere on the page moves its shortcodes, nothing more. */
function knownText(known: KnownPage): string {
  const shortcodes = known.shortcodes.map((s) => ({ name: s.name, closing: s.closing, positional: s.positional, named: s.named }));
  return JSON.stringify({ anchors: [...known.anchors].sort(), shortcodes });
}

function encode(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
