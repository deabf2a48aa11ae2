import type { Corpus, CorpusRule, Location, MessageContext, RelatedReport, Report, RuleContext } from '../../engine/types.js';
import { own } from '../../util/own.js';
import type { CorpusPage, Value } from '../../model/types.js';
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
    perLocale(corpus, context, (located, ctx, wants) => checkLocated(located, ctx, wants));
  },
  // Facts are compared within the groups `groupKeys` names, and a finding names the facts of one
  // group (and its twin in another locale, which has the same keys).
  reach: { facts: (fact, setup) => groupKeys(fact, setup, kindsById(setup)) },
};

/** Whether the facts compared under a group key (`groupKeys`) are to be compared in this run. */
export type Wants = (groupKey: string) => boolean;

/** The checks of one locale's facts (the source pages', or one translation's). */
function checkLocated(located: LocatedFact[], context: RuleContext, wants: Wants): void {
    const setup = context.facts;
    const kinds = kindsById(setup);
    const exact = new Map<string, LocatedFact[]>();
    const ranged = new Map<string, LocatedFact[]>();
    for (const f of located) {
      const key = comparisonKey(f, kinds);
      push(key.ranged ? ranged : exact, key.key, f);
    }
    for (const [key, group] of exact) if (group.length > 1 && wants(key)) checkGroup(group, context);
    for (const [key, group] of ranged) if (group.length > 1 && wants(key)) checkRanges(group, context);
    checkImplications(located, setup, context, 'deployments', wants);
}

const kindMaps = new WeakMap<FactsSetup, Map<string, FactsSetup['kinds'][number]>>();

/** Table kinds by id, made once per setup: `groupKeys` runs for every fact of a tree. */
function kindsById(setup: FactsSetup): Map<string, FactsSetup['kinds'][number]> {
  let kinds = kindMaps.get(setup);
  if (!kinds) {
    kinds = new Map(setup.kinds.map((k) => [k.id, k]));
    kindMaps.set(setup, kinds);
  }
  return kinds;
}

/**
 * The key a fact is compared with others under: its own dimensions, or, in a table whose rows
 * are keyed by version ranges, its dimensions but the range (rows then compare where their
 * ranges overlap).
 */
function comparisonKey(f: LocatedFact, kinds: ReadonlyMap<string, FactsSetup['kinds'][number]>): { ranged: boolean; key: string } {
  const kind = kinds.get(f.table.kind);
  if (kind?.keyType === 'version-range' && f.row.keyRange) {
    const { [kind.key]: _range, ...rest } = f.fact.dimensions;
    return { ranged: true, key: `range\u0000${factKey(rest)}` };
  }
  return { ranged: false, key: `fact\u0000${f.fact.key}` };
}

/** The key of a fact in `check`'s join (`checks[index]`), or null when the fact lacks a dimension of it. */
function joinKeyOf(check: FactsSetup['checks'][number], index: number, f: LocatedFact): string | null {
  const values = check.join.map((d) => own(f.fact.dimensions, d));
  if (values.some((v) => v === undefined)) return null;
  return `join${index}\u0000${values.join('\u0000')}`;
}

/** Every group a fact is compared in: its comparison key and its key in each join of `checks`. */
function groupKeys(f: LocatedFact, setup: FactsSetup, kinds: ReadonlyMap<string, FactsSetup['kinds'][number]>): string[] {
  const keys = [comparisonKey(f, kinds).key];
  setup.checks.forEach((check, i) => {
    const key = joinKeyOf(check, i, f);
    if (key !== null) keys.push(key);
  });
  return keys;
}

/** The group keys of a page's facts: of each (in `factsOf` order), and all of them. */
interface PageGroups {
  byFact: string[][];
  all: Set<string>;
}

const groupsBySetup = new WeakMap<FactsSetup, WeakMap<CorpusPage, PageGroups>>();

/**
 * A page's group keys, made once per page and setup: an editor's scoped runs, one per change,
 * look them up for every page of the tree (a page is not changed once built, only replaced).
 */
function pageGroups(page: CorpusPage, setup: FactsSetup): PageGroups {
  let byPage = groupsBySetup.get(setup);
  if (!byPage) {
    byPage = new WeakMap();
    groupsBySetup.set(setup, byPage);
  }
  let groups = byPage.get(page);
  if (!groups) {
    const kinds = kindsById(setup);
    const byFact = [...factsOf(page)].map((f) => groupKeys(f, setup, kinds));
    groups = { byFact, all: new Set(byFact.flat()) };
    byPage.set(page, groups);
  }
  return groups;
}

/**
 * In a scoped run (`corpus.scope`), the groups worth comparing: those that hold a fact stated in
 * a file of the scope. Every finding names facts of one group only (and its twin in another
 * locale, which shares its keys), so the other groups cannot lead to a finding the run keeps.
 */
function wantedGroups(corpus: Corpus, setup: FactsSetup): Set<string> | null {
  const scope = corpus.scope;
  if (!scope) return null;
  const wanted = new Set<string>();
  for (const page of corpus.pages) {
    if (!scope.has(page.file) && !(page.facts?.tables ?? []).some((t) => scope.has(t.file))) continue;
    const { byFact } = pageGroups(page, setup);
    let i = 0;
    for (const f of factsOf(page)) {
      const keys = byFact[i++] ?? [];
      if (scope.has(f.table.file)) for (const key of keys) wanted.add(key);
    }
  }
  return wanted;
}

/**
 * Which facts of a page a scoped run keeps: null for none, else a test of each fact by its
 * index in `factsOf` order. A wanted group is whole: every fact with one of its keys is kept.
 */
type KeepFacts = (page: CorpusPage) => ((index: number) => boolean) | null;

function keepWanted(wanted: ReadonlySet<string>, setup: FactsSetup): KeepFacts {
  const byPage = new Map<CorpusPage, ((index: number) => boolean) | null>();
  return (page) => {
    let keep = byPage.get(page);
    if (keep === undefined) {
      const { byFact, all } = pageGroups(page, setup);
      keep = intersects(all, wanted) ? (index) => (byFact[index] ?? []).some((k) => wanted.has(k)) : null;
      byPage.set(page, keep);
    }
    return keep;
  };
}

function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const k of small) if (large.has(k)) return true;
  return false;
}

/** The groups a scoped run compares and the facts it keeps, made once per run for both rules that read them. */
const scopedRuns = new WeakMap<Corpus, WeakMap<FactsSetup, { wants: Wants; keep: KeepFacts } | null>>();

function scopedRun(corpus: Corpus, setup: FactsSetup): { wants: Wants; keep: KeepFacts } | null {
  let bySetup = scopedRuns.get(corpus);
  if (!bySetup) {
    bySetup = new WeakMap();
    scopedRuns.set(corpus, bySetup);
  }
  let run = bySetup.get(setup);
  if (run === undefined) {
    const wanted = wantedGroups(corpus, setup);
    run = wanted === null ? null : { wants: (key) => wanted.has(key), keep: keepWanted(wanted, setup) };
    bySetup.set(setup, run);
  }
  return run;
}

/**
 * Run `check` on the facts of the source pages, then on those of each translation's pages
 * (facts compare within a language: a translation's own tables must agree with each other
 * too). A translation's finding that repeats a source-page finding (same message, same facts)
 * is linked both ways: the source's finding lists "also in ja", the translation's points back.
 * A finding on a place both runs see (a shared partial) is reported once.
 */
export function perLocale(corpus: Corpus, context: RuleContext, check: (located: LocatedFact[], context: RuleContext, wants: Wants) => void): void {
  const collected: Array<{ locale: string | null; report: Report }> = [];
  const scoped = scopedRun(corpus, context.facts);
  const keep = scoped?.keep;
  const wants: Wants = scoped?.wants ?? (() => true);
  for (const group of localeGroups(corpus.pages, context.facts)) {
    // A translation's own tables only: a partial is shared with the source pages and checked with
    // them, and a translation that differs from it is translation-drift's finding.
    const located = locatedFacts(group.pages, keep).filter((f) => group.locale === null || f.table.file === f.page.file);
    check(located, { ...context, report: (report) => collected.push({ locale: group.locale, report }) }, wants);
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

/**
 * Every fact of some pages (those `keep` keeps), in file order; a partial included by several
 * of them states each of its facts once.
 */
function locatedFacts(pages: readonly CorpusPage[], keep?: KeepFacts): LocatedFact[] {
  const located: LocatedFact[] = [];
  const seen = new Set<string>();
  for (const page of pages) {
    const keepFact = keep ? keep(page) : undefined;
    if (keepFact === null) continue;
    for (const f of factsOf(page, keepFact)) {
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
  // Many places state one fact, mostly in a few spellings: a cluster is compared by its distinct
  // values (equal values agree with the same others), each pair of values once.
  const clusters: Array<{ facts: LocatedFact[]; values: Set<string> }> = [];
  const valueOf = new Map<string, Value>();
  const agreement = new Map<string, boolean>();
  const signature = (f: LocatedFact): string => {
    const sig = JSON.stringify(f.fact.value);
    valueOf.set(sig, f.fact.value);
    return sig;
  };
  const agrees = (a: string, b: string): boolean => {
    const pair = `${a}\u0000${b}`;
    let yes = agreement.get(pair);
    if (yes === undefined) {
      yes = compareValues(valueOf.get(a) as Value, valueOf.get(b) as Value) === 'agree';
      agreement.set(pair, yes);
    }
    return yes;
  };
  const agreesWithAll = (c: { values: Set<string> }, sig: string) => [...c.values].every((v) => agrees(v, sig));
  const join = (c: { facts: LocatedFact[]; values: Set<string> }, f: LocatedFact, sig: string) => {
    c.facts.push(f);
    c.values.add(sig);
  };
  for (const f of group.filter((g) => vagueness(g) === 0)) {
    const sig = signature(f);
    const home = clusters.find((c) => agreesWithAll(c, sig));
    if (home) join(home, f, sig);
    else clusters.push({ facts: [f], values: new Set([sig]) });
  }
  // A vague value (`Preview`) joins the one cluster it agrees with; agreeing with several, it takes no side.
  for (const f of group.filter((g) => vagueness(g) > 0)) {
    const sig = signature(f);
    const homes = clusters.filter((c) => agreesWithAll(c, sig));
    if (homes.length === 0) clusters.push({ facts: [f], values: new Set([sig]) });
    else if (homes.length === 1) join(homes[0]!, f, sig);
  }
  if (clusters.length < 2) return;
  reportClusters(context, clusters.map((c) => c.facts));
}

/** Report the smallest of disagreeing clusters (the odd one out) against the others. */
function reportClusters(context: RuleContext, clusters: LocatedFact[][]): void {
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
export function checkImplications(located: LocatedFact[], setup: FactsSetup, context: RuleContext, part: 'deployments' | 'unticked', wants: Wants): void {
  setup.checks.forEach((check, index) => {
    const capabilityKinds = new Set(check.capabilities);
    const deploymentKinds = new Set(check.deployments);
    const deployments = new Map<string, LocatedFact[]>();
    const capabilities = new Map<string, LocatedFact[]>();
    for (const f of located) {
      const key = joinKeyOf(check, index, f);
      if (key === null) continue;
      if (deploymentKinds.has(f.table.kind)) push(deployments, key, f);
      else if (capabilityKinds.has(f.table.kind)) push(capabilities, key, f);
    }
    for (const [key, caps] of capabilities) {
      if (!wants(key)) continue;
      const deps = deployments.get(key) ?? [];
      const ranked = new RankedCapabilities(caps);
      const scopeOf = (f: LocatedFact) =>
        check.join.filter((d) => d !== 'capability').map((d) => f.fact.dimensions[d]).join(', ') || 'this scope';
      const capRelated = (cap: LocatedFact): RelatedReport => ({
        file: cap.table.file,
        span: cap.fact.span,
        messageId: 'capabilityStated',
        data: { capability: cap.row.keyText, value: showValue(cap), scope: scopeOf(cap) },
      });
      for (const dep of part === 'deployments' ? deps : []) {
        const dv = dep.fact.value;
        const base = { subject: subject(dep), scope: scopeOf(dep) };
        const unsupported = ranked.first(dep, 'unsupported');
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
        const preview = ranked.first(dep, 'preview');
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
        const below = stated === null ? undefined : ranked.firstAbove(dep, stated);
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
  });
}

/**
 * The capability statements of one join group, in the order a deployment fact consults them:
 * those on the deployment table's own file first (they explain it best), then the others, each
 * part in file order. Written for groups where thousands of deployment cells meet hundreds of
 * capability cells: each question is answered from what the group knows once, not by sorting
 * the statements again for every cell.
 */
class RankedCapabilities {
  private readonly byFile = new Map<string, LocatedFact[]>();
  private readonly minimums = new Map<LocatedFact, string | null>();
  private readonly aboveAnywhere = new Map<string, LocatedFact | undefined>();

  /** `caps` in file order (as `locatedFacts` gives them). */
  constructor(private readonly caps: readonly LocatedFact[]) {
    for (const c of caps) {
      push(this.byFile, c.table.file, c);
      this.minimums.set(c, lowestOf(c));
    }
  }

  /** The first statement of a value kind, for `dep`. */
  first(dep: LocatedFact, kind: Value['kind']): LocatedFact | undefined {
    const is = (c: LocatedFact) => c.fact.value.kind === kind;
    // The first of all that holds is on dep's file only when an earlier one there already did.
    return this.onFile(dep).find(is) ?? this.caps.find(is);
  }

  /** The first statement whose minimum version is above `version`, for `dep`. */
  firstAbove(dep: LocatedFact, version: string): LocatedFact | undefined {
    const above = (c: LocatedFact) => {
      const minimum = this.minimums.get(c) ?? null;
      return minimum !== null && compareVersions(version, minimum) < 0;
    };
    const here = this.onFile(dep).find(above);
    if (here) return here;
    if (!this.aboveAnywhere.has(version)) this.aboveAnywhere.set(version, this.caps.find(above));
    return this.aboveAnywhere.get(version);
  }

  private onFile(dep: LocatedFact): readonly LocatedFact[] {
    return this.byFile.get(dep.table.file) ?? [];
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
