import type { ResolvedConfig } from '../config/types.js';
import { listFiles } from '../load/files.js';
import { loadPage } from '../load/page.js';
import type { PageModel } from '../model/types.js';
import { compileVocabulary } from '../model/values.js';
import { extractFacts, wantsFacts } from '../facts/extract.js';
import { loadTruthFiles } from '../facts/truth.js';
import { runRules } from './run.js';
import type { LintResult } from './types.js';

export interface LintOptions {
  cwd: string;
  /** Paths, directories or globs; empty means the config's `include`. */
  paths: string[];
  config: ResolvedConfig;
  freeze?: boolean;
}

export interface LintOutput {
  result: LintResult;
  pages: PageModel[];
}

/** Load the pages that `paths` name under the config, in a stable order. */
export async function loadPages(options: LintOptions): Promise<PageModel[]> {
  const { cwd, config } = options;
  const files = await listFiles({
    cwd,
    root: config.root,
    patterns: options.paths,
    include: config.include,
    exclude: config.exclude,
    gitignore: config.gitignore,
  });
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

/** Check pages: load, extract, run every enabled rule. */
export async function lint(options: LintOptions): Promise<LintOutput> {
  const pages = await loadPages(options);
  return { result: checkPages(pages, options), pages };
}

/** Run every enabled rule on pages already loaded (also pages fixed in memory). */
export function checkPages(pages: readonly PageModel[], options: LintOptions): LintResult {
  const truth = options.config.truth.length > 0
    ? loadTruthFiles(options.config.truth, options.cwd, options.cwd, compileVocabulary(options.config.values))
    : undefined;
  return runRules(pages, {
    ...(truth ? { truth } : {}),
    config: options.config,
    cwd: options.cwd,
    freeze: options.freeze ?? false,
    complete: options.paths.length === 0,
  });
}
