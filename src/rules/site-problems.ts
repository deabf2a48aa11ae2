import type { Corpus } from '../engine/types.js';
import type { CorpusPage } from '../model/types.js';
import type { SiteProblem } from '../site/resolve.js';

/** The problems of one kind on every page, from the site stage, for the rule that reports that kind. */
export function* siteProblems<K extends SiteProblem['problem']>(
  corpus: Corpus,
  problem: K,
): Generator<{ page: CorpusPage; found: Extract<SiteProblem, { problem: K }> }> {
  if (!corpus.site) return;
  for (const page of corpus.pages) {
    for (const found of corpus.site.problems.get(page.file) ?? []) {
      if (found.problem === problem) yield { page, found: found as Extract<SiteProblem, { problem: K }> };
    }
  }
}
