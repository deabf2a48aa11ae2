import type { Corpus, CorpusRule, Location, MessageContext, RelatedReport, Report, RuleContext } from '../../engine/types.js';
import { own } from '../../util/own.js';
import type { CorpusPage } from '../../model/types.js';
import { code, counted, place, subjectText, valueText } from '../../engine/wording.js';
import type { FactsSetup } from '../../facts/config.js';
import { compareValues } from '../../facts/compare.js';
import { compareLocated, factRef, factsOf, type LocatedFact, type Shown, showValue, sourcePages, type Subject, subject } from '../../facts/corpus.js';
import { factKey } from '../../model/facts.js';
import { versionOf } from '../../model/values.js';
import { compareStrings } from '../../util/strings.js';
import { compareVersions, lowestVersion, versionsOverlap } from '../../model/version.js';

/**
 * Facts that share every dimension must agree, on one page or across pages; plus the
 * implications between capability tables and deployment tables declared in `checks`.
 */
export const consistency: CorpusRule = {
  meta: {
    id: 'consistency',
    description: 'Facts with the same dimensions disagree (on one page or across pages), or break a declared implication.',
    scope: 'corpus',
    category: 'facts',
    defaultSeverity: 'error',
    messages: {
      conflict: (d: { subject: Subject; value: Shown; other: Shown; otherRow: string | null; otherAt: Location; more: number; unit: string }, at: MessageContext) =>
        `${subjectText(d.subject)} is ${valueText(d.value)} here but ${valueText(d.other)}${d.otherRow === null ? '' : ` for \`${d.otherRow}\``} at ${place(d.otherAt, at)}${d.more > 0 ? ` (and ${counted(d.more, `more ${d.unit}`)})` : ''}`,
      stated: (d: { subject: Subject; value: Shown }) => `${subjectText(d.subject)} is ${valueText(d.value)} here`,
      unsupportedTicked: (d: { subject: Subject; value: Shown; capability: string; scope: string; capabilityAt: Location }, at: MessageContext) =>
        `${subjectText(d.subject)} is ${valueText(d.value)} here, but ${code(d.capability)} is not supported for ${d.scope} at ${place(d.capabilityAt, at)}`,
      previewShownGa: (d: { subject: Subject; capability: string; scope: string; capabilityAt: Location }, at: MessageContext) =>
        `${subjectText(d.subject)} is supported (generally available) here, but ${code(d.capability)} is in preview for ${d.scope} at ${place(d.capabilityAt, at)}`,
      belowMinimum: (d: { subject: Subject; version: string; minimum: string; minimumAt: Location }, at: MessageContext) =>
        `${subjectText(d.subject)} names version ${code(d.version)}, below the minimum version ${code(d.minimum)} stated at ${place(d.minimumAt, at)}`,
      capabilityStated: (d: { capability: string; value: Shown; scope: string }) => `${code(d.capability)} is ${valueText(d.value)} for ${d.scope} here`,
      alsoIn: 'The same in the {{locale}} translation',
      sameInSource: 'The same in the source page',
    },
  },
  check(corpus, context) {
    perLocale(corpus, context, (located, ctx) => checkLocated(located, ctx));
  },
};

/** The checks of one locale's facts (the source pages', or one translation's). */
function checkLocated(located: LocatedFact[], context: RuleContext): void {
    const setup = context.facts;
    const kinds = new Map(setup.kinds.map((k) => [k.id, k]));
    const exact = new Map<string, LocatedFact[]>();
    const ranged = new Map<string, LocatedFact[]>();
    for (const f of located) {
      const kind = kinds.get(f.table.kind);
      if (kind?.keyType === 'version-range' && f.row.keyRange) {
        const { [kind.key]: _range, ...rest } = f.fact.dimensions;
        push(ranged, factKey(rest), f);
      } else {
        push(exact, f.fact.key, f);
      }
    }
    for (const group of exact.values()) if (group.length > 1) checkGroup(group, context);
    for (const group of ranged.values()) if (group.length > 1) checkRanges(group, context);
    checkImplications(located, setup, context, 'deployments');
}

/**
 * Run `check` on the facts of the source pages, then on those of each translation's pages
 * (facts compare within a language: a translation's own tables must agree with each other
 * too). A translation's finding that repeats a source-page finding (same message, same facts)
 * is linked both ways: the source's finding lists "also in ja", the translation's points back.
 * A finding on a place both runs see (a shared partial) is reported once.
 */
export function perLocale(corpus: Corpus, context: RuleContext, check: (located: LocatedFact[], context: RuleContext) => void): void {
  const collected: Array<{ locale: string | null; report: Report }> = [];
  for (const group of localeGroups(corpus.pages, context.facts)) {
    // A translation's own tables only: a partial is shared with the source pages and checked with
    // them, and a translation that differs from it is translation-drift's finding.
    const located = locatedFacts(group.pages).filter((f) => group.locale === null || f.table.file === f.page.file);
    check(located, { ...context, report: (report) => collected.push({ locale: group.locale, report }) });
  }
  const placeOf = (r: Report) => `${r.messageId}\u0000${r.file}\u0000${r.span.offset}`;
  const signature = (r: Report) => `${r.messageId}\u0000${(r.facts ?? []).map((f) => f.key).join('\u0000')}`;
  const source = new Map<string, Report>();
  const seen = new Set<string>();
  const out: Report[] = [];
  for (const { locale, report } of collected) {
    if (seen.has(placeOf(report))) continue;
    seen.add(placeOf(report));
    out.push(report);
    if (locale === null) {
      if (!source.has(signature(report))) source.set(signature(report), report);
      continue;
    }
    const twin = source.get(signature(report));
    if (!twin || (report.facts ?? []).length === 0) continue;
    twin.related = [...(twin.related ?? []), { file: report.file as string, span: report.span, messageId: 'alsoIn', data: { locale } }];
    report.related = [...(report.related ?? []), { file: twin.file as string, span: twin.span, messageId: 'sameInSource', data: {} }];
  }
  for (const report of out) context.report(report);
}

/** The source pages (locale null in the groups), then each translation's pages that have a source page. */
function localeGroups(pages: readonly CorpusPage[], setup: FactsSetup): Array<{ locale: string | null; pages: CorpusPage[] }> {
  const sources = sourcePages(pages, setup);
  const inSources = new Set(sources);
  const byLocale = new Map<string, CorpusPage[]>();
  for (const p of pages) {
    const locale = p.facts?.locale;
    if (inSources.has(p) || !locale) continue;
    push(byLocale, locale, p);
  }
  return [{ locale: null, pages: sources }, ...[...byLocale].sort(([a], [b]) => compareStrings(a, b)).map(([locale, list]) => ({ locale, pages: list }))];
}

/** Every fact of some pages, in file order; a partial included by several of them states each of its facts once. */
function locatedFacts(pages: readonly CorpusPage[]): LocatedFact[] {
  const located: LocatedFact[] = [];
  const seen = new Set<string>();
  for (const page of pages) {
    for (const f of factsOf(page)) {
      const id = `${f.table.file}\u0000${f.fact.span.offset}\u0000${f.fact.key}`;
      if (f.table.file !== page.file && seen.has(id)) continue;
      seen.add(id);
      located.push(f);
    }
  }
  return located.sort(compareLocated);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function related(f: LocatedFact): RelatedReport {
  return { file: f.table.file, span: f.fact.span, messageId: 'stated', data: { subject: subject(f), value: showValue(f) } };
}

/**
 * Facts with the same key: cluster agreeing values; with two clusters or more, report once, at
 * the smallest cluster (the odd one out), with every other statement as related.
 */
function checkGroup(group: LocatedFact[], context: RuleContext): void {
  const clusters: LocatedFact[][] = [];
  const agreesWithAll = (c: LocatedFact[], f: LocatedFact) => c.every((g) => compareValues(g.fact.value, f.fact.value) === 'agree');
  for (const f of group.filter((g) => vagueness(g) === 0)) {
    const home = clusters.find((c) => agreesWithAll(c, f));
    if (home) home.push(f);
    else clusters.push([f]);
  }
  // A vague value (`Preview`) joins the one cluster it agrees with; agreeing with several, it takes no side.
  for (const f of group.filter((g) => vagueness(g) > 0)) {
    const homes = clusters.filter((c) => agreesWithAll(c, f));
    if (homes.length === 0) clusters.push([f]);
    else if (homes.length === 1) homes[0]!.push(f);
  }
  if (clusters.length < 2) return;
  for (const c of clusters) c.sort(compareLocated);
  const odd = [...clusters].sort((a, b) => a.length - b.length || compareLocated(b[0]!, a[0]!))[0]!;
  const at = odd[0]!;
  const others = clusters.filter((c) => c !== odd).flat().sort(compareLocated);
  reportConflict(context, at, others, { unit: 'place', also: odd.slice(1), namesRow: false });
}

/**
 * Report `at` as disagreeing with `others` (sorted), naming the first of them; every other
 * statement (`also`, then `others`) is a related location.
 */
function reportConflict(
  context: RuleContext,
  at: LocatedFact,
  others: LocatedFact[],
  how: { unit: 'place' | 'row'; also: LocatedFact[]; namesRow: boolean },
): void {
  const first = others[0]!;
  const rest = others.length - 1;
  context.report({
    messageId: 'conflict',
    file: at.table.file,
    span: at.fact.span,
    data: { subject: subject(at), value: showValue(at), other: showValue(first), otherRow: how.namesRow ? first.row.keyText : null, otherAt: location(first), more: rest, unit: how.unit },
    related: [...how.also, ...others].map(related),
    facts: [at, ...how.also, ...others].map(factRef),
  });
}

function vagueness(f: LocatedFact): number {
  const v = f.fact.value;
  return v.kind === 'preview' && !v.version ? 1 : 0;
}

/**
 * Rows keyed by version ranges (release branches): rows of different tables disagree where
 * their ranges overlap and their values differ. Reported on the page side of a page/partial
 * pair, otherwise on the later file, once per fact with all the rows it contradicts.
 */
function checkRanges(group: LocatedFact[], context: RuleContext): void {
  const conflicts = new Map<LocatedFact, LocatedFact[]>();
  for (let i = 0; i < group.length; i++) {
    for (let j = i + 1; j < group.length; j++) {
      const a = group[i]!;
      const b = group[j]!;
      if (a.table === b.table) continue;
      if (!versionsOverlap(a.row.keyRange!, b.row.keyRange!)) continue;
      if (compareValues(a.fact.value, b.fact.value) !== 'disagree') continue;
      const [at, other] = reportSide(a, b);
      push(conflicts, at, other);
    }
  }
  for (const [at, others] of [...conflicts].sort((x, y) => compareLocated(x[0], y[0]))) {
    others.sort(compareLocated);
    reportConflict(context, at, others, { unit: 'row', also: [], namesRow: true });
  }
}

function reportSide(a: LocatedFact, b: LocatedFact): [LocatedFact, LocatedFact] {
  const aPartial = a.table.file !== a.page.file;
  const bPartial = b.table.file !== b.page.file;
  if (aPartial !== bPartial) return aPartial ? [b, a] : [a, b];
  return compareLocated(a, b) > 0 ? [a, b] : [b, a];
}

/**
 * The implications of `checks`: what capability tables say constrains the deployment tables
 * (`deployments`: this rule), and a capability with a minimum version that no deployment row
 * ticks (`unticked`: rule `capability-not-ticked`, which reports with the messages below).
 */
export function checkImplications(located: LocatedFact[], setup: FactsSetup, context: RuleContext, part: 'deployments' | 'unticked'): void {
  for (const check of setup.checks) {
    const capabilityKinds = new Set(check.capabilities);
    const deploymentKinds = new Set(check.deployments);
    const joinKey = (f: LocatedFact) => check.join.map((d) => own(f.fact.dimensions, d) ?? '').join('\u0000');
    const deployments = new Map<string, LocatedFact[]>();
    const capabilities = new Map<string, LocatedFact[]>();
    for (const f of located) {
      if (check.join.some((d) => own(f.fact.dimensions, d) === undefined)) continue;
      if (deploymentKinds.has(f.table.kind)) push(deployments, joinKey(f), f);
      else if (capabilityKinds.has(f.table.kind)) push(capabilities, joinKey(f), f);
    }
    for (const [key, caps] of capabilities) {
      const deps = deployments.get(key) ?? [];
      const scopeOf = (f: LocatedFact) =>
        check.join.filter((d) => d !== 'capability').map((d) => f.fact.dimensions[d]).join(', ') || 'this scope';
      const capRelated = (cap: LocatedFact): RelatedReport => ({
        file: cap.table.file,
        span: cap.fact.span,
        messageId: 'capabilityStated',
        data: { capability: cap.row.keyText, value: showValue(cap), scope: scopeOf(cap) },
      });
      for (const dep of part === 'deployments' ? deps : []) {
        // The capability statement on the deployment table's own page explains it best.
        const ranked = [...caps].sort((a, b) => Number(a.table.file !== dep.table.file) - Number(b.table.file !== dep.table.file) || compareLocated(a, b));
        const dv = dep.fact.value;
        const base = { subject: subject(dep), scope: scopeOf(dep) };
        const unsupported = ranked.find((c) => c.fact.value.kind === 'unsupported');
        if (check.implications.includes('unsupported-not-ticked') && unsupported && (dv.kind === 'supported' || dv.kind === 'preview')) {
          context.report({
            messageId: 'unsupportedTicked',
            file: dep.table.file,
            span: dep.fact.span,
            data: { ...base, value: showValue(dep), capability: unsupported.row.keyText, capabilityAt: location(unsupported) },
            related: [capRelated(unsupported)],
            facts: [dep, unsupported].map(factRef),
          });
          continue;
        }
        const preview = ranked.find((c) => c.fact.value.kind === 'preview');
        if (check.implications.includes('preview-not-ga') && preview && dv.kind === 'supported') {
          context.report({
            messageId: 'previewShownGa',
            file: dep.table.file,
            span: dep.fact.span,
            data: { ...base, capability: preview.row.keyText, capabilityAt: location(preview) },
            related: [capRelated(preview)],
            facts: [dep, preview].map(factRef),
          });
        }
        const stated = lowestOf(dep);
        const below = stated === null ? undefined : ranked.find((c) => {
          const minimum = lowestOf(c);
          return minimum !== null && compareVersions(stated, minimum) < 0;
        });
        if (check.implications.includes('version-not-below-min') && below && stated !== null) {
          context.report({
            messageId: 'belowMinimum',
            file: dep.table.file,
            span: dep.fact.span,
            data: { subject: subject(dep), version: stated, minimum: lowestOf(below) as string, minimumAt: location(below) },
            related: [capRelated(below)],
            facts: [dep, below].map(factRef),
          });
        }
      }
      const ticked = deps.some((d) => d.fact.value.kind === 'supported' || d.fact.value.kind === 'preview');
      if (part !== 'unticked' || !check.implications.includes('min-version-ticked') || deps.length === 0 || ticked) continue;
      // One warning per capability and scope, on the page whose deployment table leaves it unticked.
      const depFiles = new Set(deps.map((d) => d.table.file));
      const versioned = caps.filter((c) => c.fact.value.kind === 'version' || (c.fact.value.kind === 'preview' && c.fact.value.version !== undefined));
      const cap = [...versioned].sort((a, b) => Number(!depFiles.has(a.table.file)) - Number(!depFiles.has(b.table.file)) || compareLocated(a, b))[0];
      if (!cap) continue;
      const firstDep = [...deps].sort((a, b) => Number(a.table.file !== cap.table.file) - Number(b.table.file !== cap.table.file) || compareLocated(a, b))[0]!;
      context.report({
        messageId: 'minVersionNotTicked',
        file: cap.table.file,
        span: cap.fact.span,
        data: { capability: cap.row.keyText, value: showValue(cap), scope: scopeOf(cap), count: deps.length, firstAt: location(firstDep) },
        related: deps.map(related),
        facts: [cap, ...deps].map(factRef),
      });
    }
  }
}

/** Where a fact's cell is, as message data. */
function location(f: LocatedFact): Location {
  return { file: f.table.file, line: f.fact.span.line, column: f.fact.span.column };
}

function lowestOf(f: LocatedFact): string | null {
  const v = versionOf(f.fact.value);
  return v ? lowestVersion(v) : null;
}
