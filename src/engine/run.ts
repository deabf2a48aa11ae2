import path from 'node:path';
import { settingsFor } from '../config/load.js';
import type { TruthEntry } from '../facts/truth.js';
import { toPosix } from '../util/posix.js';
import type { PageSettings, ResolvedConfig } from '../config/types.js';
import type { SiteLinks } from '../site/resolve.js';
import type { LinkResult } from '../net/types.js';
import type { CorpusPage, PageModel } from '../model/types.js';
import { allRules, rulesById } from '../rules/registry.js';
import { suppressionsFor, type Suppressions } from './comments.js';
import { formatMessage } from './messages.js';
import type {
  Corpus,
  CorpusRule,
  Diagnostic,
  LintResult,
  PageRule,
  Report,
  Rule,
  RuleContext,
  Severity,
} from './types.js';

export interface RunOptions {
  config: ResolvedConfig;
  cwd: string;
  rules?: readonly Rule[];
  /** Freeze page models before rules see them, so a rule that mutates one throws (tests). */
  freeze?: boolean;
  /** True when every page of the config's `include` was loaded. */
  complete?: boolean;
  truth?: readonly TruthEntry[];
  /** External link results for corpus rules (see `Corpus.externalLinks`). */
  externalLinks?: ReadonlyMap<string, LinkResult>;
  /** Site link resolution for the link rules (see `Corpus.siteLinks`). */
  siteLinks?: SiteLinks;
}

/**
 * A rule's report before config turns it into a diagnostic (severity, suppressions, text).
 * Page rules' reports are plain data, so that a worker thread can send them with the page.
 */
export interface PendingReport {
  ruleId: string;
  report: Report;
  file: string;
}

const knownRuleIds: ReadonlySet<string> = new Set(rulesById.keys());

/** Each file's settings after overrides, resolved once per file. */
class SettingsCache {
  private readonly byFile = new Map<string, PageSettings>();

  constructor(
    private readonly config: ResolvedConfig,
    private readonly cwd: string,
  ) {}

  of(file: string): PageSettings {
    let s = this.byFile.get(file);
    if (!s) {
      s = settingsFor(this.config, path.resolve(this.cwd, file));
      this.byFile.set(file, s);
    }
    return s;
  }
}

function contextFor(config: ResolvedConfig, rule: Rule, file: string | null, settings: PageSettings, pending: PendingReport[]): RuleContext {
  return {
    options: settings.rules[rule.meta.id]?.options ?? {},
    settings,
    knownRuleIds,
    facts: config.facts,
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

  constructor(
    private readonly config: ResolvedConfig,
    cwd: string,
    private readonly rules: readonly Rule[] = allRules,
    /** Freeze each page before rules see it, so a rule that mutates one throws (tests). */
    private readonly freeze = false,
  ) {
    this.settings = new SettingsCache(config, cwd);
  }

  check(page: PageModel): PendingReport[] {
    if (this.freeze) deepFreeze(page);
    const pending: PendingReport[] = [];
    const pageSettings = this.settings.of(page.file);
    for (const rule of this.rules) {
      if (rule.meta.scope !== 'page') continue;
      if ((pageSettings.rules[rule.meta.id]?.severity ?? 'off') === 'off') continue;
      (rule as PageRule).check(page, contextFor(this.config, rule, page.file, pageSettings, pending));
    }
    return pending;
  }
}

/** Run page rules on each page and corpus rules on all of them; return sorted, filtered diagnostics. */
export function runRules(pages: readonly PageModel[], options: RunOptions): LintResult {
  const checker = new PageChecker(options.config, options.cwd, options.rules, options.freeze);
  return runCorpusRules(pages, pages.map((page) => checker.check(page)), options);
}

/**
 * Run corpus rules on pages whose page rules have run already (`pageReports[i]` holds the
 * reports of `pages[i]`); return sorted, filtered diagnostics of both.
 */
export function runCorpusRules(pages: readonly CorpusPage[], pageReports: ReadonlyArray<readonly PendingReport[]>, options: RunOptions): LintResult {
  const { config, cwd } = options;
  const rules = options.rules ?? allRules;
  if (options.freeze) for (const page of pages) deepFreeze(page);
  const pending: PendingReport[] = pageReports.flat();
  const corpus: Corpus = {
    pages,
    complete: options.complete ?? false,
    configFile: config.file ? toPosix(path.relative(cwd, config.file)) : null,
    configPath: config.file,
    ...(options.truth ? { truth: options.truth } : {}),
  };
  if (options.externalLinks) corpus.externalLinks = options.externalLinks;
  if (options.siteLinks) corpus.siteLinks = options.siteLinks;
  const baseSettings: PageSettings = { rules: config.rules };
  for (const rule of rules) {
    if (rule.meta.scope !== 'corpus') continue;
    if (!enabledSomewhere(config, rule.meta.id)) continue;
    (rule as CorpusRule).check(corpus, contextFor(config, rule, null, baseSettings, pending));
  }
  return finish(pending, pages, new SettingsCache(config, cwd));
}

/** Whether a rule is on for the whole run or for some pages (through `overrides`). */
export function enabledSomewhere(config: ResolvedConfig, ruleId: string): boolean {
  return (
    config.rules[ruleId]?.severity !== 'off' ||
    config.overrides.some((o) => o.rules[ruleId] && o.rules[ruleId]?.severity !== 'off')
  );
}

function finish(pending: readonly PendingReport[], pages: readonly CorpusPage[], settings: SettingsCache): LintResult {
  const suppressions = new Map<string, Suppressions>();
  for (const page of pages) suppressions.set(page.file, suppressionsFor(page.comments));
  const diagnostics: Diagnostic[] = [];
  for (const { ruleId, report, file } of pending) {
    const setting = settings.of(file).rules[ruleId]?.severity ?? 'off';
    if (setting === 'off') continue;
    if (suppressions.get(file)?.isSuppressed(ruleId, report.span.line)) continue;
    const rule = rulesById.get(ruleId);
    if (!rule) throw new Error(`Unknown rule ${ruleId}`);
    let severity: Severity = setting === 'error' ? 'error' : 'warning';
    if (rule.meta.minorMessages?.includes(report.messageId)) severity = 'warning';
    const diagnostic: Diagnostic = {
      file,
      line: report.span.line,
      column: report.span.column,
      endLine: report.span.endLine,
      endColumn: report.span.endColumn,
      ruleId,
      severity,
      message: formatMessage(rule.meta, report.messageId, report.data),
      related: (report.related ?? []).map((r) => ({
        file: r.file,
        line: r.span.line,
        column: r.span.column,
        endLine: r.span.endLine,
        endColumn: r.span.endColumn,
        message: formatMessage(rule.meta, r.messageId, r.data),
      })),
      messageId: report.messageId,
    };
    if (report.fix) diagnostic.fix = report.fix;
    diagnostics.push(diagnostic);
  }
  sortDiagnostics(diagnostics);
  return { files: pages.length, checked: pages.map((p) => p.file).sort(compareStrings), diagnostics, summary: summarize(diagnostics) };
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

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}
