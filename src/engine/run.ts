import type { FactsSetup } from '../facts/config.js';
import type { CorpusPage, PageModel } from '../model/types.js';
import { compareStrings } from '../util/strings.js';
import { suppressionsFor, type Suppressions } from './comments.js';
import { formatMessage } from './messages.js';
import type { RuleSet } from './rule-set.js';
import type { Corpus, CorpusRule, Diagnostic, LintResult, PageRule, PageSettings, Report, Rule, RuleContext, RunNotice, Severity, TreeSummary } from './types.js';

/**
 * What the runner needs from a run's configuration: the rules, the facts setup, and each
 * file's settings after overrides. Config loading builds it; the runner reads nothing else.
 */
export interface RunSetup {
  rules: RuleSet;
  facts: FactsSetup;
  /** The settings of a file, named as diagnostics name it (relative to the working directory). */
  settingsFor(file: string): PageSettings;
  /** The settings corpus rules run with: the configuration before overrides. */
  base: PageSettings;
  /** Whether a rule is on for the whole run or for some pages (through overrides). */
  enabledSomewhere(ruleId: string): boolean;
  /** Freeze page models before rules see them, so a rule that mutates one throws (tests). */
  freeze?: boolean;
}

/** What corpus rules see besides the pages; see `Corpus`. Without `tree`, it is made from the pages. */
export type CorpusExtras = Omit<Corpus, 'pages' | 'tree'> & { tree?: TreeSummary };

/**
 * A rule's report before config turns it into a diagnostic (severity, suppressions, text).
 * Page rules' reports are plain data, so that a worker thread can send them with the page.
 */
export interface PendingReport {
  ruleId: string;
  report: Report;
  file: string;
}

/** Each file's settings after overrides, resolved once per file. */
class SettingsCache {
  private readonly byFile = new Map<string, PageSettings>();

  constructor(private readonly setup: RunSetup) {}

  of(file: string): PageSettings {
    let s = this.byFile.get(file);
    if (!s) {
      s = this.setup.settingsFor(file);
      this.byFile.set(file, s);
    }
    return s;
  }
}

function contextFor(
  setup: RunSetup,
  rule: Rule,
  file: string | null,
  settings: PageSettings,
  pending: PendingReport[],
  cache: SettingsCache,
): RuleContext {
  return {
    options: settings.rules[rule.meta.id]?.options ?? {},
    settings,
    knownRuleIds: setup.rules.ids,
    settingsFor: (other) => cache.of(other),
    facts: setup.facts,
    report(report) {
      const at = report.file ?? file;
      if (at === null) throw new Error(`Rule ${rule.meta.id} reported without a file`);
      pending.push({ ruleId: rule.meta.id, report, file: at });
    },
  };
}

/**
 * Runs the page rules on one page at a time. Page rules see nothing but the page and its
 * settings, so they run wherever the page is built (a worker thread), and only their reports
 * travel with the page.
 */
export class PageChecker {
  private readonly settings: SettingsCache;

  constructor(private readonly setup: RunSetup) {
    this.settings = new SettingsCache(setup);
  }

  /** The settings a page is checked with (after overrides). */
  settingsOf(file: string): PageSettings {
    return this.settings.of(file);
  }

  check(page: PageModel): PendingReport[] {
    if (this.setup.freeze) deepFreeze(page);
    const pending: PendingReport[] = [];
    const pageSettings = this.settings.of(page.file);
    for (const rule of this.setup.rules.page) {
      if ((pageSettings.rules[rule.meta.id]?.severity ?? 'off') === 'off') continue;
      runRule(rule, page.file, () => (rule as PageRule).check(page, contextFor(this.setup, rule, page.file, pageSettings, pending, this.settings)));
    }
    return pending;
  }
}

/** Run page rules on each page and corpus rules on all of them; return sorted, filtered diagnostics. */
export function runRules(pages: readonly PageModel[], setup: RunSetup, extras: CorpusExtras): LintResult {
  const checker = new PageChecker(setup);
  return runCorpusRules(pages, pages.map((page) => checker.check(page)), setup, extras);
}

/**
 * Run corpus rules on pages whose page rules have run already (`pageReports[i]` holds the
 * reports of `pages[i]`); return sorted, filtered diagnostics of both.
 */
export function runCorpusRules(
  pages: readonly CorpusPage[],
  pageReports: ReadonlyArray<readonly PendingReport[]>,
  setup: RunSetup,
  extras: CorpusExtras,
): LintResult {
  const { tree, ...rest } = extras;
  const reports = corpusReports(setup, { ...rest, tree: tree ?? treeSummary(pages) }, () => pages);
  return finishRun([...pageReports.flat(), ...reports], pages, setup, extras.scope ? { scope: extras.scope } : {});
}

/**
 * Run the enabled corpus rules, each on the pages `pagesFor` gives it (every page, or in a
 * scoped run what the rule's `reach` names), and return their reports.
 */
export function corpusReports(setup: RunSetup, extras: Omit<Corpus, 'pages'>, pagesFor: (rule: CorpusRule) => readonly CorpusPage[]): PendingReport[] {
  const pending: PendingReport[] = [];
  const settings = new SettingsCache(setup);
  const frozen = new Set<readonly CorpusPage[]>();
  for (const rule of setup.rules.corpus) {
    if (!setup.enabledSomewhere(rule.meta.id)) continue;
    const pages = pagesFor(rule);
    if (setup.freeze && !frozen.has(pages)) {
      for (const page of pages) deepFreeze(page);
      frozen.add(pages);
    }
    const corpus: Corpus = { ...extras, pages };
    runRule(rule, null, () => (rule as CorpusRule).check(corpus, contextFor(setup, rule, null, setup.base, pending, settings)));
  }
  return pending;
}

/** A tree summary made from the pages themselves (a run that holds every page). */
export function treeSummary(pages: readonly CorpusPage[]): TreeSummary {
  const tableKinds = new Set<string>();
  for (const page of pages) for (const t of page.facts?.tables ?? []) tableKinds.add(t.kind);
  return { pages: pages.length, tableKinds };
}

export interface FinishOptions {
  /** Keep only the reports that involve these files (see `Corpus.scope`), and the others on the files those are on. */
  scope?: ReadonlySet<string>;
  /** The files of the run, when `pages` are not all of them (a scoped run). */
  checked?: readonly string[];
  /** The run's tree summary, when `pages` are not all of its pages. */
  tree?: TreeSummary;
}

/**
 * Reports to diagnostics: severity from each file's settings, control comments (`pages` give
 * them), text from the rule's messages, stable order.
 */
export function finishRun(pending: readonly PendingReport[], pages: readonly CorpusPage[], setup: RunSetup, options: FinishOptions = {}): LintResult {
  const kept = options.scope ? involving(pending, options.scope) : pending;
  const result = finish(kept, pages, setup, options.tree ?? treeSummary(pages));
  if (!options.checked) return result;
  return { ...result, files: options.checked.length, checked: [...options.checked].sort(compareStrings) };
}

/**
 * The page rules' reports on one page as diagnostics (severity, suppressions, text), without
 * the corpus rules: what an editor shows first, while the rules that compare pages still run.
 */
export function pageDiagnostics(page: CorpusPage, reports: readonly PendingReport[], setup: RunSetup): LintResult {
  return finishRun(reports, [page], setup);
}

/**
 * The reports a scoped run keeps: those on a file of `scope` or naming one as a related
 * location, and every other report on the files these are on, since a report on the same line
 * can explain one of them away (`explainedBy`).
 */
export function involving(pending: readonly PendingReport[], scope: ReadonlySet<string>): PendingReport[] {
  const files = new Set(scope);
  for (const { report, file } of pending) {
    if (!files.has(file) && (report.related ?? []).some((r) => scope.has(r.file))) files.add(file);
  }
  return pending.filter((p) => files.has(p.file));
}

function lineKey(ruleId: string, file: string, line: number): string {
  return `${ruleId}\u0000${file}\u0000${line}`;
}

function finish(pending: readonly PendingReport[], pages: readonly CorpusPage[], setup: RunSetup, tree: TreeSummary): LintResult {
  const settings = new SettingsCache(setup);
  const byFile = new Map(pages.map((p) => [p.file, p]));
  // Made for the files that have reports only: a scoped run reports on few of its pages.
  const suppressions = new Map<string, Suppressions | undefined>();
  const suppressionsOf = (file: string): Suppressions | undefined => {
    if (!suppressions.has(file)) {
      const page = byFile.get(file);
      suppressions.set(file, page ? suppressionsFor(page.comments) : undefined);
    }
    return suppressions.get(file);
  };
  const kept = pending.filter(({ ruleId, report, file }) => {
    if ((settings.of(file).rules[ruleId]?.severity ?? 'off') === 'off') return false;
    return !suppressionsOf(file)?.isSuppressed(ruleId, report.span.line);
  });
  // A finding that another rule's finding on the same line explains is not reported twice.
  const reportedAt = new Set(kept.map(({ ruleId, report, file }) => lineKey(ruleId, file, report.span.line)));
  const diagnostics: Diagnostic[] = [];
  for (const { ruleId, report, file } of kept) {
    const rule = setup.rules.get(ruleId);
    if (!rule) throw new Error(`Unknown rule ${ruleId}`);
    const explainers = rule.meta.explainedBy?.[report.messageId] ?? [];
    if (explainers.some((other) => reportedAt.has(lineKey(other, file, report.span.line)))) continue;
    const setting = settings.of(file).rules[ruleId]?.severity ?? 'off';
    const severity: Severity = setting === 'error' && report.level !== 'warn' ? 'error' : 'warning';
    const data = report.data ?? {};
    const diagnostic: Diagnostic = {
      file,
      line: report.span.line,
      column: report.span.column,
      endLine: report.span.endLine,
      endColumn: report.span.endColumn,
      ruleId,
      severity,
      message: formatMessage(rule.meta, report.messageId, data, { file }),
      messageId: report.messageId,
      data,
      related: (report.related ?? []).map((r) => ({
        file: r.file,
        line: r.span.line,
        column: r.span.column,
        endLine: r.span.endLine,
        endColumn: r.span.endColumn,
        message: formatMessage(rule.meta, r.messageId, r.data ?? {}, { file: r.file }),
        messageId: r.messageId,
        data: r.data ?? {},
      })),
      facts: report.facts ?? [],
    };
    if (report.fix) diagnostic.fix = report.fix;
    diagnostics.push(diagnostic);
  }
  sortDiagnostics(diagnostics);
  return {
    files: pages.length,
    checked: pages.map((p) => p.file).sort(compareStrings),
    diagnostics,
    summary: summarize(diagnostics),
    notices: runNotices(tree, setup.facts.kinds.length),
  };
}

/** A run over no page, or one whose table kinds recognized no table: "no problems" would mean nothing was looked at. */
function runNotices(tree: TreeSummary, kinds: number): RunNotice[] {
  if (tree.pages === 0) return [{ id: 'noPages' }];
  if (kinds > 0 && tree.tableKinds.size === 0) return [{ id: 'noTableMatched', pages: tree.pages, kinds }];
  return [];
}

/** The notices of a result narrowed to `files` pages (changed-files mode): no page in scope is a run over no page. */
export function scopedNotices(notices: readonly RunNotice[], files: number): RunNotice[] {
  return files === 0 ? [{ id: 'noPages' }] : notices.filter((n) => n.id !== 'noPages');
}

export function summarize(diagnostics: readonly Diagnostic[]): LintResult['summary'] {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

/** File, line, column, rule, message: the same input always gives the same order. */
export function sortDiagnostics(diagnostics: Diagnostic[]): void {
  diagnostics.sort(
    (a, b) =>
      compareStrings(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compareStrings(a.ruleId, b.ruleId) ||
      compareStrings(a.message, b.message),
  );
}

/** Run one rule; a rule that throws is named in the error (a plugin's bug should point at the plugin). */
function runRule(rule: Rule, file: string | null, check: () => void): void {
  try {
    check();
  } catch (error) {
    const where = file === null ? '' : ` on ${file}`;
    throw new Error(`rule ${rule.meta.id} failed${where}: ${(error as Error).message}`, { cause: error });
  }
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}
