import type { ResolvedConfig } from '../config/types.js';
import { listFiles, type ListedFile } from '../load/files.js';
import { loadPage } from '../load/page.js';
import type { PageModel } from '../model/types.js';
import { compileVocabulary } from '../model/values.js';
import { extractFacts, wantsFacts } from '../facts/extract.js';
import { loadTruthFiles } from '../facts/truth.js';
import { compareStrings, runRules } from './run.js';
import type { LintResult } from './types.js';

export interface LintOptions {
  cwd: string;
  /** Paths, directories or globs; empty means the config's `include`. */
  paths: string[];
  config: ResolvedConfig;
  freeze?: boolean;
  /**
   * Also load every page of the config's `include`, so corpus rules see the whole tree even
   * when `paths` name only a few pages (changed-files mode reports on those few).
   */
  wholeTree?: boolean;
}

export interface LintOutput {
  result: LintResult;
  pages: PageModel[];
}

/** Load the pages that `paths` name under the config, in a stable order. */
export async function loadPages(options: LintOptions): Promise<PageModel[]> {
  const { config } = options;
  const files = await listPageFiles(options);
  const vocabulary = compileVocabulary(config.values);
  const factsContext = wantsFacts(config.facts) ? { setup: config.facts, configRoot: config.root, vocabulary } : null;
  const pages: PageModel[] = [];
  for (const f of files) {
    const page = await loadPage(f.abs, f.file, { vocabulary, maxFileBytes: config.maxFileBytes });
    if (factsContext && page.problems.every((p) => p.ruleId !== 'parse-error')) page.facts = extractFacts(page, f.abs, factsContext);
    pages.push(page);
  }
  return pages;
}

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
  const truth = options.config.truth.length > 0
    ? loadTruthFiles(options.config.truth, options.cwd, options.cwd, compileVocabulary(options.config.values))
    : undefined;
  const result = runRules(pages, {
    ...(truth ? { truth } : {}),
    config: options.config,
    cwd: options.cwd,
    freeze: options.freeze ?? false,
    complete: options.paths.length === 0 || options.wholeTree === true,
  });
  return { result, pages };
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
