import path from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import { extractFacts, type FactsContext } from '../facts/extract.js';
import type { PageModel } from '../model/types.js';
import { compileVocabulary } from '../model/values.js';
import { PartialTables, type ReadBytes } from '../site/partials.js';
import { type LintOptions, loadPages } from './lint.js';

/** How facts are read for a run: partials come from disk, or from `read` (a git revision). */
export function factsContext(config: ResolvedConfig, cwd: string, read?: ReadBytes): FactsContext {
  const vocabulary = compileVocabulary(config.values);
  return { setup: config.facts, configRoot: config.root, vocabulary, partials: new PartialTables(config.facts.site, cwd, vocabulary, read) };
}

/**
 * The pages `check` would load, each with its facts. The page builder extracts facts only when
 * the config asks for them; the commands that show facts (`extract`, `explain`) extract them
 * here otherwise, so a page's locale and dimensions show with no table kinds configured.
 */
export async function loadFactPages(options: LintOptions): Promise<{ pages: PageModel[]; context: FactsContext }> {
  const pages = await loadPages(options);
  const context = factsContext(options.config, options.cwd, options.revision?.read);
  for (const page of pages) {
    if (!page.facts && page.problems.every((p) => p.ruleId !== 'parse-error')) page.facts = extractFacts(page, path.resolve(options.cwd, page.file), context);
  }
  return { pages, context };
}
