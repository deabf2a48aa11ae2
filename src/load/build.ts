import { readFileSync } from 'node:fs';
import type { CachedPage, PageDependency } from '../cache/page-cache.js';
import type { ResolvedConfig } from '../config/types.js';
import { extractFacts, type FactsContext, wantsFacts } from '../facts/extract.js';
import { partialName, partialPath, PartialTables } from '../facts/partials.js';
import { type CompiledVocabulary, compileVocabulary } from '../model/values.js';
import { hashBytes, pageFromBytes } from './page.js';

/**
 * Turns a page's bytes into its model, facts included, and names the other files the model
 * was built from (included partials) so a cached model can be checked against them. The main
 * thread and every worker thread build pages with one of these, so both give the same model.
 */
export class PageBuilder {
  private readonly vocabulary: CompiledVocabulary;
  private readonly factsContext: FactsContext | null;
  private readonly depHashes = new Map<string, string | null>();

  constructor(
    private readonly config: ResolvedConfig,
    cwd: string,
  ) {
    this.vocabulary = compileVocabulary(config.values);
    this.factsContext = wantsFacts(config.facts)
      ? { setup: config.facts, configRoot: config.root, vocabulary: this.vocabulary, partials: new PartialTables(config.facts.site, cwd, this.vocabulary) }
      : null;
  }

  build(abs: string, file: string, bytes: Uint8Array): CachedPage {
    const page = pageFromBytes(file, bytes, { vocabulary: this.vocabulary, maxFileBytes: this.config.maxFileBytes });
    const deps: PageDependency[] = [];
    if (this.factsContext && page.problems.every((p) => p.ruleId !== 'parse-error')) {
      page.facts = extractFacts(page, abs, this.factsContext);
      for (const shortcode of page.shortcodes) {
        const name = partialName(shortcode);
        const dep = name === null ? null : partialPath(this.config.facts.site, name);
        if (dep !== null && !deps.some((d) => d.abs === dep)) deps.push({ abs: dep, hash: this.hashOf(dep) });
      }
    }
    return { page, deps };
  }

  /** Whether the files a cached model was built from are unchanged. */
  depsUnchanged(deps: readonly PageDependency[]): boolean {
    return deps.every((d) => this.hashOf(d.abs) === d.hash);
  }

  /** A dependency's hash, read once per run. */
  private hashOf(abs: string): string | null {
    let hash = this.depHashes.get(abs);
    if (hash === undefined) {
      try {
        hash = hashBytes(readFileSync(abs));
      } catch {
        hash = null;
      }
      this.depHashes.set(abs, hash);
    }
    return hash;
  }
}
