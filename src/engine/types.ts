import type { TranslationBases } from '../facts/bases.js';
import type { FactsSetup } from '../facts/config.js';
import type { LocatedFact } from '../facts/corpus.js';
import type { TruthSource } from '../facts/truth.js';
import type { LinkResult } from '../net/types.js';
import type { SiteProblem } from '../site/resolve.js';
import type { CompiledSchema } from '../util/json-schema.js';
import type { CorpusPage, FactRef, PageModel, Span } from '../model/types.js';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = 'off' | 'warn' | 'error';

/** A place in a file, as message data names it: 1-based line and column. */
export type Location = {
  file: string;
  line: number;
  column: number;
};

/** What a rule reports beside a message id: plain JSON, kept on the diagnostic for tools. */
export type MessageValue = string | number | boolean | null | readonly MessageValue[] | { readonly [key: string]: MessageValue };
export type MessageData = Record<string, MessageValue>;

/** Where a finding is reported, for wording that depends on it (`line 26` here, `other.md:26` elsewhere). */
export interface MessageContext {
  file: string;
}

/**
 * How a message reads. A template fills `{{name}}` from string and number data; a function
 * words anything else (plurals, lists, places, values). Either way the wording lives here, in
 * the rule's `messages`, and nowhere else.
 */
export type Message = string | ((data: any, at: MessageContext) => string);

export interface RuleMeta {
  id: string;
  /** One line: what the rule finds. */
  description: string;
  /** Where the rule looks: one page at a time, or all pages together. */
  scope: 'page' | 'corpus';
  category: 'tables' | 'references' | 'front-matter' | 'files' | 'facts' | 'links' | 'comments';
  defaultSeverity: SeveritySetting;
  /** Wording by message id (see `Message`). */
  messages: Record<string, Message>;
  /** JSON Schema of the rule's options object; a rule without one accepts no options. */
  optionsSchema?: Record<string, unknown>;
  defaultOptions?: Record<string, unknown>;
  fixable?: boolean;
  /**
   * Findings that another rule's finding explains: a finding with one of these message ids is
   * dropped when one of the listed rules reports on the same file and line (a translated front
   * matter value that the page's schema already rejects).
   */
  explainedBy?: Record<string, readonly string[]>;
  /** Where the rule's documentation lives; built-in rules link to their README. */
  docsUrl?: string;
}

export type { FactRef };

/** A location in another file (or the same one) that takes part in a finding. */
export interface RelatedReport {
  file: string;
  span: Span;
  messageId: string;
  data?: MessageData;
}

/** A text edit: replace `[offset, endOffset)` of a page's decoded text. */
export interface Edit {
  offset: number;
  endOffset: number;
  text: string;
  /**
   * Also remove the line ending right after `endOffset` (CRLF, LF or CR, whichever is there):
   * rules see no text, and a page may mix line endings.
   */
  throughLineEnd?: boolean;
}

export interface Report {
  messageId: string;
  data?: MessageData;
  span: Span;
  /** Defaults to the page being checked (page rules); corpus rules always name it. */
  file?: string;
  related?: RelatedReport[];
  /** The facts the finding is about (its own first). */
  facts?: FactRef[];
  fix?: Edit[];
  /**
   * A severity that config gives this one finding, below its rule's: a source of truth says
   * per relation how much a failure matters (`covers: error`, `min-not-below: warn`). The lower
   * of this and the rule's severity for the file applies, so `off` or `warn` on the rule still
   * wins. A rule passes on a level read from config, never one of its own.
   */
  level?: 'warn' | 'error';
}

/** The settings that apply to one page, after overrides. */
export interface PageSettings {
  rules: Record<string, ResolvedRule>;
  frontMatterSchema?: CompiledSchema;
}

export interface ResolvedRule {
  severity: SeveritySetting;
  options: Record<string, unknown>;
}

export interface RuleContext<Options = Record<string, unknown>> {
  options: Options;
  /** The page's settings after overrides (for page rules). */
  settings: PageSettings;
  /** Every rule id of the run's rule set, for rules that check rule names (control comments). */
  knownRuleIds: ReadonlySet<string>;
  /** Another file's settings after overrides (a corpus rule that defers to a page rule where that rule is on). */
  settingsFor(file: string): PageSettings;
  /** Table kinds, vocabularies and checks from config. */
  facts: FactsSetup;
  report(report: Report): void;
}

export interface PageRule<Options = Record<string, unknown>> {
  meta: RuleMeta & { scope: 'page' };
  check(page: PageModel, context: RuleContext<Options>): void;
}

/** What the site stage found for the pages' links into their own site (see `lint`). */
export interface SiteFindings {
  /** The problems of each page's site links, by page file; pages without problems have no entry. */
  problems: ReadonlyMap<string, readonly SiteProblem[]>;
}

/** Every page of a run in brief, for rules that speak of the whole tree. */
export interface TreeSummary {
  /** How many pages the run covers. */
  pages: number;
  /** The table kinds that a table of some page matched. */
  tableKinds: ReadonlySet<string>;
}

/**
 * Everything corpus rules see: the pages, and what the stages before the rules derived from them.
 * A run that reports on a few pages only (`scope`) may give a rule only what those pages'
 * findings depend on, as the rule's `reach` declares it; `tree` still speaks of every page.
 */
export interface Corpus {
  /**
   * The pages without what only page rules read: every page of the run, or (in a scoped run,
   * for a rule with a `reach`) the scope's pages and what the reach names. Either way, the
   * source page of every translation here is here too.
   */
  pages: readonly CorpusPage[];
  /** Every page of the run in brief, whatever `pages` holds. */
  tree: TreeSummary;
  /** True when the run covered the config's whole `include` (no paths given): absences are meaningful. */
  complete: boolean;
  /** The config file, relative to the working directory (null without one). */
  configFile: string | null;
  /** Sources of truth (config `truth`), read and indexed, with the records that did not map. */
  truth?: readonly TruthSource[];
  /** Results of checking the pages' external URLs, by URL as written; absent unless asked (`--external-links`). */
  externalLinks?: ReadonlyMap<string, LinkResult>;
  /** The pages' links resolved in their site (config `site`); absent when no link rule is on. */
  site?: SiteFindings;
  /**
   * Each translation's base, by the translation's file: the source page it was made from, read
   * from git (config `translation.baseKey`, `translation.base`); absent when no base is configured.
   */
  translationBases?: TranslationBases;
  /**
   * Set when only the findings that involve some files are wanted (`--staged`, named pages, an
   * editor's buffer): those on these files or naming one as a related location. The others may
   * be missing or wrong; a rule may skip work that cannot lead to a wanted finding.
   */
  scope?: ReadonlySet<string>;
}

/**
 * What a corpus rule's findings that involve a page depend on, besides that page. Keys are
 * plain strings of the rule's own making, computed from the page (or fact) alone and the facts
 * setup, never from options or other pages. A scoped run then gives the rule the scope's pages
 * whole, the pages that share a page key with them whole, and of every other page only the facts
 * that share a fact key with theirs (in their rows and tables, with nothing else of the row, and
 * with the page's locale, paths and control comments): a finding that involves the scope must
 * come out the same as in a run over every page.
 */
export interface CorpusReach {
  /** Keys under which the rule compares whole pages (a translation and its source page). */
  pages?(page: CorpusPage, facts: FactsSetup): Iterable<string>;
  /** Keys under which the rule compares facts: two facts are compared only when they share one. */
  facts?(fact: LocatedFact, facts: FactsSetup): Iterable<string>;
  /**
   * Site problems the rule gathers from every page into one finding (links into a folder the
   * checkout lacks: one finding however many pages link there). A scoped run gives the rule
   * every page when its site lacks such a folder (`LinkSite.lacksFolders`).
   */
  site?: ReadonlyArray<'folder-missing'>;
}

export interface CorpusRule<Options = Record<string, unknown>> {
  meta: RuleMeta & { scope: 'corpus' };
  check(corpus: Corpus, context: RuleContext<Options>): void;
  /**
   * What a finding that involves a page depends on (see `CorpusReach`); `{}` when only on the
   * page itself and `corpus.tree`. Without it, on anything: the rule is given every page.
   */
  reach?: CorpusReach;
}

export type Rule = PageRule<any> | CorpusRule<any>;

export interface RelatedLocation {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  messageId: string;
  data: MessageData;
}

/** A finding, ready for reporters: text filled in, severity applied. Positions are 1-based. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: string;
  severity: Severity;
  message: string;
  messageId: string;
  /** What the rule reported, for tools: the message is made from it. */
  data: MessageData;
  related: RelatedLocation[];
  /** The facts the finding is about (empty for findings about no fact). */
  facts: FactRef[];
  /** Set when a changed-files run reports the finding at a changed page it involves (see `limitToScope`). */
  foundAt?: Location;
  fix?: Edit[];
}

/**
 * What a run says about itself beside its findings, where a clean result would mislead: not a
 * finding, so it fails nothing and counts toward no total. Reporters word it.
 */
export type RunNotice =
  /** No page was checked (a selection `--no-error-on-unmatched-pattern` let pass, no changed page). */
  | { id: 'noPages' }
  /** The config has table kinds and no table on the run's pages matched one: no fact was checked. */
  | { id: 'noTableMatched'; pages: number; kinds: number };

export interface LintResult {
  /** Number of files checked. */
  files: number;
  /** The files checked (as diagnostics name them), sorted: reports that list clean files use it. */
  checked: string[];
  diagnostics: Diagnostic[];
  summary: { errors: number; warnings: number; infos: number };
  notices: RunNotice[];
}
