import type { Corpus, RelatedReport, RuleContext } from '../engine/types.js';
import type { CorpusPage, Span } from '../model/types.js';
import type { SiteProblem } from '../site/resolve.js';
import { DocumentScopes } from './scopes.js';

export interface GroupedProblem<P> {
  page: CorpusPage;
  /** The target's first place on the page, where the finding is reported. */
  found: P;
  /** Every other place on the same page that points at the same target. */
  again: Span[];
}

/**
 * The problems of one kind, from the site stage, one per page and target: a page that links
 * the same missing image 42 times gets one finding, with the other 41 places as related
 * locations. A definition nothing uses is left to `reference-unused` (when it is on): removing
 * it explains, and fixes, its broken target too.
 */
export function* siteProblems<K extends SiteProblem['problem']>(
  corpus: Corpus,
  problem: K,
  context: RuleContext,
  /** Every page's, in a scoped run too: for a finding that gathers the problems of all pages. */
  { everyPage = false } = {},
): Generator<GroupedProblem<Extract<SiteProblem, { problem: K }>>> {
  if (!corpus.site) return;
  for (const page of corpus.pages) {
    // A finding made of one page's problems names only that page: outside the scope there is nothing to keep.
    if (!everyPage && corpus.scope && !corpus.scope.has(page.file)) continue;
    const found = (corpus.site.problems.get(page.file) ?? []).filter((p): p is Extract<SiteProblem, { problem: K }> => p.problem === problem);
    if (found.length === 0) continue;
    // Per page: overrides may turn reference-unused off for some pages, and then the target is this rule's to report.
    const unusedReported = (context.settingsFor(page.file).rules['reference-unused']?.severity ?? 'off') !== 'off';
    const scopes = DocumentScopes.for(page, context.facts.site);
    const used = new Set(page.references.map((r) => scopes.key(r.identifier, r.span.offset)));
    const groups = new Map<string, GroupedProblem<Extract<SiteProblem, { problem: K }>>>();
    // In page order, so the finding is at the target's first place on the page.
    for (const item of [...found].sort((a, b) => a.target.span.offset - b.target.span.offset)) {
      const { definition, span } = item.target;
      if (unusedReported && definition !== undefined && !used.has(scopes.key(definition, span.offset))) continue;
      const key = `${item.target.kind}\u0000${item.target.written}`;
      const group = groups.get(key);
      if (group) group.again.push(span);
      else groups.set(key, { page, found: item, again: [] });
    }
    yield* groups.values();
  }
}

/** The other places of a grouped problem, as related locations worded by the rule's `again` message. */
export function againRelated(group: GroupedProblem<{ target: { written: string } }>): RelatedReport[] {
  return group.again.map((span) => ({ file: group.page.file, span, messageId: 'again', data: { target: group.found.target.written } }));
}
