import type { PageCache, PageDependency } from './cache.js';
import type { ResolvedConfig } from '../config/types.js';
import { runSetup } from '../config/load.js';
import { PageChecker, type PendingReport } from '../engine/run.js';
import type { CorpusPage, PageModel, PageProblem } from '../model/types.js';
import { type BuildJob, type BuildReply, PageBuilder, PageStep } from './build.js';
import { DEFAULT_MAX_FILE_BYTES, tooLargeProblem } from '../model/decode.js';
import type { PageSource } from './sources.js';
import { brokenPage, hashBytes, readProblem } from './page.js';
import { buildInWorkers, poolAvailable } from './pool.js';
import type { ReadBytes } from '../site/partials.js';

export interface BuildOptions {
  /** Reuse and store page models (`--cache`). */
  cache?: PageCache;
  /** Worker threads for parsing; 0 or 1 parses in the calling thread. */
  threads?: number;
  /** Called as pages become ready (read from the cache or built). */
  onProgress?: (done: number, total: number) => void;
  /** Where included partials are read (a git revision); default the disk. Pages are then built in this thread. */
  readPartial?: ReadBytes;
}

/** What loading cost: how many pages were parsed and how many came from the cache. */
export interface LoadStats {
  files: number;
  parsed: number;
  cached: number;
  /** Worker threads used; 0 when pages were parsed in the calling thread. */
  threads: number;
  /** Pages handed to a worker that ran out of memory, then built in the calling thread. */
  builtHere: number;
  /** True when the whole result of an identical earlier run was reused: no page was loaded. */
  reusedResult: boolean;
  /** Pages not loaded, whose facts the run read from the facts index as its rules needed them (a scoped run). */
  indexed: number;
}

/**
 * Below this many pages to parse, starting worker threads costs more than it saves: each
 * thread loads the parser, the rules and the config (half a second of CPU, measured on the
 * bench VM) where a page takes about 12 ms to parse.
 */
const POOL_MIN_PAGES = 150;

/** Cache entries written at once; each holds a file open until it is renamed into place. */
const WRITE_CONCURRENCY = 16;

/**
 * Pages taken from the cache between two turns of the event loop: reading a whole tree from the
 * cache takes seconds, and a language server still reads its editor's messages meanwhile.
 */
const PAGES_PER_TURN = 50;

/** Build the model of every page read, from the cache when it holds one; models keep `sources`' order. */
export async function buildPages(
  sources: readonly PageSource[],
  config: ResolvedConfig,
  cwd: string,
  options: BuildOptions = {},
): Promise<{ pages: PageModel[]; stats: LoadStats }> {
  const pages = new Array<PageModel>(sources.length);
  const stats = await loadSources(sources, config, cwd, options, null, (reply) => {
    if (reply.reports !== null) throw new Error('page rules ran on a page that was only to be built');
    pages[reply.index] = reply.page;
  });
  return { pages, stats };
}

/** Pages with their page rules run, as `buildAndCheckPages` gives them. */
export interface CheckedPages {
  /** What corpus rules read of each page, in `sources`' order. */
  pages: CorpusPage[];
  /** The page rules' reports on `pages[i]`. */
  reports: PendingReport[][];
  /** The files besides `pages[i]` its model was built from (included partials). */
  deps: PageDependency[][];
  stats: LoadStats;
}

/**
 * Build every page read (from the cache when it holds the model) and run the page rules on
 * it in the thread that built it; keep only what corpus rules read. A tree's whole models
 * never need to be in memory at once.
 */
export async function buildAndCheckPages(
  sources: readonly PageSource[],
  config: ResolvedConfig,
  cwd: string,
  options: BuildOptions & { freeze?: boolean } = {},
): Promise<CheckedPages> {
  const pages = new Array<CorpusPage>(sources.length);
  const reports = new Array<PendingReport[]>(sources.length);
  const deps = new Array<PageDependency[]>(sources.length);
  const checker = new PageChecker(runSetup(config, cwd, options.freeze ?? false));
  const stats = await loadSources(sources, config, cwd, options, checker, (reply) => {
    if (reply.reports === null) throw new Error('a page came back without its page rules run');
    pages[reply.index] = reply.page;
    reports[reply.index] = reply.reports;
    deps[reply.index] = reply.deps;
  });
  return { pages, reports, deps, stats };
}

/**
 * Turn every source into a reply (in no particular order): a broken page or a cached model in
 * this thread, the others in worker threads when there are enough of them, else here too.
 */
async function loadSources(
  sources: readonly PageSource[],
  config: ResolvedConfig,
  cwd: string,
  options: BuildOptions & { freeze?: boolean },
  checker: PageChecker | null,
  onReply: (reply: BuildReply) => void,
): Promise<LoadStats> {
  const { cache, onProgress } = options;
  const stats: LoadStats = { files: sources.length, parsed: 0, cached: 0, threads: 0, builtHere: 0, reusedResult: false, indexed: 0 };
  const builder = new PageBuilder(config, cwd, options.readPartial);
  const step = new PageStep(builder, checker);
  const jobs: BuildJob[] = [];
  const writes = new WriteQueue(WRITE_CONCURRENCY);
  // The page rules' reports are stored by the model and the page's settings: a page whose
  // model comes from the cache is not checked again until a setting it is checked with changes.
  const reportsKey = (cacheKey: string | null, file: string): string | null =>
    cache && checker && cacheKey !== null ? cache.reportsKeyFor(cacheKey, checker.settingsOf(file)) : null;
  const storeReports = (key: string | null, reply: BuildReply): void => {
    const { reports } = reply;
    if (cache && key !== null && reports !== null) writes.add(() => cache.writeReports(key, reports));
  };
  let done = 0;
  const ready = (reply: BuildReply): void => {
    onReply(reply);
    done++;
    onProgress?.(done, sources.length);
  };
  for (const [index, { file: f, bytes, error, hash, problem }] of sources.entries()) {
    if (index % PAGES_PER_TURN === PAGES_PER_TURN - 1) await new Promise((resolve) => setImmediate(resolve));
    if (bytes === null) {
      ready(step.model(index, brokenPage(f.file, '', problem ?? readProblem(error))));
      continue;
    }
    let cacheKey: string | null = null;
    if (cache) {
      cacheKey = cache.keyFor(f.abs, hash);
      const hit = cache.read(cacheKey);
      if (hit && builder.depsUnchanged(hit.deps)) {
        stats.cached++;
        const key = reportsKey(cacheKey, f.file);
        const stored = key === null ? null : cache.readReports(key);
        const reply = step.model(index, hit.page, hit.deps, stored);
        if (stored === null) storeReports(key, reply);
        ready(reply);
        continue;
      }
    }
    jobs.push({ index, abs: f.abs, file: f.file, bytes, cacheKey });
  }

  const byIndex = new Map(jobs.map((job) => [job.index, job]));
  const built = (reply: BuildReply): void => {
    stats.parsed++;
    const { entry } = reply;
    if (cache && entry !== null) writes.add(() => cache.write(entry.key, entry.bytes));
    const job = byIndex.get(reply.index);
    if (job) storeReports(reportsKey(job.cacheKey, job.file), reply);
    ready(reply);
  };
  const threads = options.threads ?? 1;
  if (threads > 1 && jobs.length >= POOL_MIN_PAGES && config.source && !options.readPartial && poolAvailable()) {
    const setup = { source: config.source, cwd, check: checker ? { freeze: options.freeze ?? false } : null };
    const pool = await buildInWorkers(jobs, setup, threads, built, (job) => step.build(job));
    stats.threads = pool.threads;
    stats.builtHere = pool.builtHere;
  } else {
    for (const job of jobs) built(step.build(job));
  }
  await writes.drain();
  return stats;
}

/** Runs async tasks with at most `limit` in flight. */
class WriteQueue {
  private readonly waiting: Array<() => Promise<void>> = [];
  private running = 0;
  private idle: (() => void) | null = null;

  constructor(private readonly limit: number) {}

  add(task: () => Promise<void>): void {
    this.waiting.push(task);
    this.next();
  }

  drain(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.idle = resolve;
    });
  }

  private next(): void {
    while (this.running < this.limit && this.waiting.length > 0) {
      const task = this.waiting.shift() as () => Promise<void>;
      this.running++;
      void task().finally(() => {
        this.running--;
        this.next();
        if (this.running === 0 && this.waiting.length === 0) this.idle?.();
      });
    }
  }
}
