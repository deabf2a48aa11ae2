import type { ResolvedConfig } from '../config/types.js';
import { listFiles } from '../load/files.js';
import { loadPage } from '../load/page.js';
import type { PageModel } from '../model/types.js';
import { compileVocabulary } from '../model/values.js';
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
  const pages: PageModel[] = [];
  for (const f of files) pages.push(await loadPage(f.abs, f.file, { vocabulary, maxFileBytes: config.maxFileBytes }));
  return pages;
}

/** Check pages: load, extract, run every enabled rule. */
export async function lint(options: LintOptions): Promise<LintOutput> {
  const pages = await loadPages(options);
  const result = runRules(pages, { config: options.config, cwd: options.cwd, freeze: options.freeze ?? false });
  return { result, pages };
}
