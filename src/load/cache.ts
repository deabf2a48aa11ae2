import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { ResolvedConfig } from '../config/types.js';
import type { PendingReport } from '../engine/run.js';
import type { LintResult, PageSettings } from '../engine/types.js';
import { isPackedSegment, type PackedSegment } from './facts-index.js';
import type { FolderSnapshot } from './folder-reads.js';
import type { PageDependency, PageSource } from './sources.js';
import { walk } from '../site/files.js';
import { siteFolders } from '../site/settings.js';
import { writeFileAtomic } from '../util/atomic.js';
import type { PageModel } from '../model/types.js';
import { toolVersion } from '../util/paths.js';
import { fingerprint } from '../util/fingerprint.js';
import { isCachedPage, isLintResult } from './cache-shape.js';

/** Default `--cache-location`, relative to the working directory. */
export const DEFAULT_CACHE_LOCATION = '.compatlint-cache';

/** Bumped when the entry layout changes; part of every key, so old entries are simply never found. */
const FORMAT = 'compatlint-page-cache';
/** Bumped when the page model changes shape or what it holds for the same bytes (2: footnotes; 3: `PageFacts.untyped`; 4: pipe paragraphs, run notices; 5: `.mdx` pages read as MDX; 6: HTML `<a href>` and `<img src>` in Markdown pages are links; 7: TOML front matter read; 8: the facts index and page rules' reports). */
const FORMAT_VERSION = 8;

export type { PageDependency };

export interface CachedPage {
  page: PageModel;
  deps: PageDependency[];
}

/**
 * Page models (facts included) stored by what they were built from: the page's bytes, its
 * path, the tool version and the settings that shape extraction (value words, size limit,
 * site layout, page dimensions, vocabularies, table kinds). Rule settings are not part of the
 * key: changing a severity reuses every model.
 *
 * Whole results are stored too (`results/<key>`), for a run whose every input is unchanged
 * (see `resultKey`): the pre-commit hook and CI runs that find nothing changed.
 *
 * One file per entry (`pages/<2 hex>/<key>`), named by the key: two runs that share the
 * folder write the same bytes under the same name, each through a temp file and a rename, so a
 * reader sees a whole entry or none. An entry that cannot be read back (truncated, foreign,
 * another version, the right header over the wrong shape) is a miss and is rewritten. A folder
 * that cannot be written is reported once through `warn` and the run goes on without storing.
 */
export class PageCache {
  private readonly scope: string;
  private writable = true;
  private rules: string | null = null;
  private readonly settingsPrints = new WeakMap<object, Map<unknown, string>>();

  constructor(
    /** The cache folder (absolute). */
    readonly dir: string,
    private readonly config: ResolvedConfig,
    cwd: string,
    private readonly warn: (message: string) => void,
  ) {
    this.scope = fingerprint({
      format: FORMAT,
      version: FORMAT_VERSION,
      tool: toolVersion,
      cwd,
      root: config.root,
      maxFileBytes: config.maxFileBytes,
      pageLimits: config.pageLimits,
      values: config.values,
      site: config.facts.site,
      pageDimensions: config.facts.pageDimensions,
      vocabularies: config.facts.vocabularies,
      kinds: config.facts.kinds,
    });
  }

  /** The key of a page: where it is, what it holds, and the settings it was read with. */
  keyFor(abs: string, contentHash: string): string {
    return createHash('sha256').update(`${this.scope}\0${abs}\0${contentHash}`).digest('hex');
  }

  /** Whether an entry is stored for `key` (without reading it). */
  has(key: string): boolean {
    return existsSync(this.fileOf(key));
  }

  /** The stored model for `key`, or null when there is none or it cannot be used. */
  read(key: string): CachedPage | null {
    const entry = this.readEntry(this.fileOf(key), key);
    return isCachedPage(entry) ? { page: entry.page, deps: entry.deps } : null;
  }

  /** Store an entry made by `cacheEntry` (in whichever thread built the page). */
  async write(key: string, entry: Uint8Array): Promise<void> {
    await this.store(this.fileOf(key), entry);
  }

  /**
   * The key of a whole run's result: every setting (rules included), the pages checked and
   * their bytes, the truth files and config file text, and the name, size and modification
   * time of every file in the site's content, static and layouts folders (link targets,
   * images and partials that rules look up on disk).
   */
  resultKey(config: ResolvedConfig, paths: readonly string[], sources: readonly PageSource[]): string {
    const site = config.facts.site;
    const read = (file: string): string => {
      try {
        return createHash('sha256').update(readFileSync(file)).digest('hex');
      } catch {
        return '';
      }
    };
    return fingerprint({
      scope: this.scope,
      config,
      paths,
      pages: sources.map((s) => `${s.file.abs}\0${s.hash}`),
      configText: config.file === null ? '' : read(config.file),
      truth: config.truth.map((t) => read(t.file)),
      site: siteFolders(site).map((folder) => listing(path.resolve(site.root, folder))),
    });
  }

  /**
   * The key of a page's page-rule reports: the model they were made from (`keyFor`), the
   * settings the page gets after overrides, and the rules themselves (ids, plugin files' bytes,
   * the facts setup they read). Null for a rule set that did not come from config files (an API
   * caller's): its code is not known here.
   */
  reportsKeyFor(modelKey: string, settings: PageSettings): string | null {
    if (!this.config.source) return null;
    return createHash('sha256').update(`${modelKey}\0${this.rulesPrint()}\0${this.settingsPrint(settings)}`).digest('hex');
  }

  /** The page rules' reports stored under `key`, or null. */
  readReports(key: string): PendingReport[] | null {
    const entry = this.readEntry(this.reportsFile(key), key) as { reports?: unknown } | null;
    return Array.isArray(entry?.reports) ? (entry.reports as PendingReport[]) : null;
  }

  async writeReports(key: string, reports: readonly PendingReport[]): Promise<void> {
    await this.store(this.reportsFile(key), serialize({ format: FORMAT, version: FORMAT_VERSION, key, reports }));
  }

  /** The key of the facts index: the extraction settings, the facts setup and what makes the rules' reach keys. */
  indexKey(reach: readonly string[]): string {
    return fingerprint({ scope: this.scope, facts: this.config.facts, reach });
  }

  /**
   * The stored facts index under `key`: its base and the delta written since, each null when
   * missing or unusable. A delta written against another base (one a later run replaced) is not
   * used: its pages are then loaded again and stored anew.
   */
  readIndex(key: string): { base: PackedSegment | null; delta: PackedSegment | null; generation: string | null } {
    const base = this.readEntry(this.indexFile(key, 'base'), key) as { generation?: string; segment?: unknown } | null;
    if (!isPackedSegment(base?.segment) || typeof base.generation !== 'string') return { base: null, delta: null, generation: null };
    const delta = this.readEntry(this.indexFile(key, 'delta'), key) as { base?: string; segment?: unknown } | null;
    return { base: base.segment, delta: delta?.base === base.generation && isPackedSegment(delta.segment) ? delta.segment : null, generation: base.generation };
  }

  /** Store a new base (which makes any delta stale), or a delta against base `generation`. */
  async writeIndex(key: string, packed: { base: PackedSegment | null; delta: PackedSegment | null }, generation: string | null): Promise<void> {
    if (packed.base) {
      await this.store(this.indexFile(key, 'base'), serialize({ format: FORMAT, version: FORMAT_VERSION, key, generation: randomUUID(), segment: packed.base }));
    } else if (packed.delta && generation !== null) {
      await this.store(this.indexFile(key, 'delta'), serialize({ format: FORMAT, version: FORMAT_VERSION, key, base: generation, segment: packed.delta }));
    }
  }

  /** The folder listings an earlier run kept (see `FolderReads`), or null. */
  readFolders(hidden: readonly string[]): FolderSnapshot | null {
    const key = this.foldersKey(hidden);
    const entry = this.readEntry(this.foldersFile(key), key) as { snapshot?: FolderSnapshot } | null;
    const snapshot = entry?.snapshot;
    return snapshot && snapshot.folders instanceof Map && snapshot.files instanceof Map && snapshot.globs instanceof Map ? snapshot : null;
  }

  async writeFolders(hidden: readonly string[], snapshot: FolderSnapshot): Promise<void> {
    const key = this.foldersKey(hidden);
    await this.store(this.foldersFile(key), serialize({ format: FORMAT, version: FORMAT_VERSION, key, snapshot }));
  }

  /** Listings depend on the folders left out and on how globby reads (the tool version), not on settings. */
  private foldersKey(hidden: readonly string[]): string {
    return fingerprint({ format: FORMAT, version: FORMAT_VERSION, tool: toolVersion, folders: 2, hidden: [...hidden].sort() });
  }

  private foldersFile(key: string): string {
    return path.join(this.dir, 'folders', key);
  }

  /** The rule set as the reports key names it, made once. */
  private rulesPrint(): string {
    if (this.rules === null) {
      const plugins = this.config.plugins.map((file) => {
        try {
          return createHash('sha256').update(readFileSync(file)).digest('hex');
        } catch {
          return '';
        }
      });
      this.rules = fingerprint({ scope: this.scope, rules: [...this.config.ruleSet.ids], plugins, facts: this.config.facts });
    }
    return this.rules;
  }

  /** A page's settings as the reports key names them; files under the same overrides share one object, and one print. */
  private settingsPrint(settings: PageSettings): string {
    let bySchema = this.settingsPrints.get(settings.rules);
    if (!bySchema) {
      bySchema = new Map();
      this.settingsPrints.set(settings.rules, bySchema);
    }
    let print = bySchema.get(settings.frontMatterSchema);
    if (print === undefined) {
      // Not `fingerprint`: this runs for every page, and resolved settings are built in the same order every run.
      print = createHash('sha256').update(JSON.stringify([settings.rules, settings.frontMatterSchema?.source ?? null])).digest('hex');
      bySchema.set(settings.frontMatterSchema, print);
    }
    return print;
  }

  readResult(key: string): LintResult | null {
    const result = this.readEntry(this.resultFile(key), key)?.result;
    return isLintResult(result) ? result : null;
  }

  async writeResult(key: string, result: LintResult): Promise<void> {
    await this.store(this.resultFile(key), serialize({ format: FORMAT, version: FORMAT_VERSION, key, result }));
  }

  private readEntry(file: string, key: string): Record<string, unknown> | null {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      return null;
    }
    try {
      const entry = deserialize(bytes) as Record<string, unknown> | null;
      return entry?.format === FORMAT && entry.version === FORMAT_VERSION && entry.key === key ? entry : null;
    } catch {
      return null;
    }
  }

  private async store(file: string, bytes: Uint8Array): Promise<void> {
    if (!this.writable) return;
    try {
      // Temp files in a folder of their own: an interrupted run leaves them for the next one to sweep.
      await writeFileAtomic(file, bytes, { mkdirs: true, durable: false, tempDir: path.join(this.dir, 'tmp'), removeOnInterrupt: false });
    } catch (error) {
      if (!this.writable) return;
      this.writable = false;
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      this.warn(`cannot write the cache in ${this.dir} (${reason}); continuing without storing to it`);
    }
  }

  private fileOf(key: string): string {
    return path.join(this.dir, 'pages', key.slice(0, 2), key);
  }

  private resultFile(key: string): string {
    return path.join(this.dir, 'results', key);
  }

  private reportsFile(key: string): string {
    return path.join(this.dir, 'reports', key.slice(0, 2), key);
  }

  private indexFile(key: string, part: 'base' | 'delta'): string {
    return path.join(this.dir, 'index', `${key}.${part}`);
  }
}

/**
 * The bytes of a page's cache entry under `key`. A plain function, so that the worker thread
 * that built the page serializes it and only the bytes travel to the thread that writes them.
 */
export function cacheEntry(key: string, value: CachedPage): Uint8Array {
  return serialize({ format: FORMAT, version: FORMAT_VERSION, key, page: value.page, deps: value.deps });
}

/** Name, size and modification time of every file of the site under `dir` (none when it does not exist). */
function listing(dir: string): string[] {
  const out: string[] = [];
  for (const rel of walk(dir)) {
    const abs = path.join(dir, rel);
    try {
      const info = statSync(abs);
      out.push(`${abs}\0${info.size}\0${info.mtimeMs}`);
    } catch {
      out.push(`${abs}\0gone`);
    }
  }
  return out.sort();
}
