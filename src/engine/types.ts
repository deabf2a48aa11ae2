import type { PageSettings } from '../config/types.js';
import type { FactsSetup } from '../facts/config.js';
import type { TruthEntry } from '../facts/truth.js';
import type { SiteLinks } from '../site/resolve.js';
import type { LinkResult } from '../net/types.js';
import type { CorpusPage, PageModel, Span } from '../model/types.js';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = 'off' | 'warn' | 'error';

export type MessageData = Record<string, string | number>;

export interface RuleMeta {
  id: string;
  /** One line: what the rule finds. */
  description: string;
  /** Where the rule looks: one page at a time, or all pages together. */
  scope: 'page' | 'corpus';
  category: 'tables' | 'references' | 'front-matter' | 'files' | 'facts' | 'links' | 'comments';
  defaultSeverity: SeveritySetting;
  /** Message templates by id; `{{name}}` is filled from the report's data. */
  messages: Record<string, string>;
  /** JSON Schema of the rule's options object, validated when config is loaded. */
  optionsSchema?: Record<string, unknown>;
  defaultOptions?: Record<string, unknown>;
  fixable?: boolean;
  /**
   * Messages that are reported one level below the rule's configured severity (an `error`
   * rule reports them as warnings): the same problem, less harmful in this form.
   */
  minorMessages?: string[];
}

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
  fix?: Edit[];
}

export interface RuleContext<Options = Record<string, unknown>> {
  options: Options;
  /** The page's settings after overrides (for page rules). */
  settings: PageSettings;
  /** Every rule id compatlint knows, for rules that check rule names (control comments). */
  knownRuleIds: ReadonlySet<string>;
  /** Table kinds, vocabularies and checks from config. */
  facts: FactsSetup;
  report(report: Report): void;
}

export interface PageRule<Options = Record<string, unknown>> {
  meta: RuleMeta & { scope: 'page' };
  check(page: PageModel, context: RuleContext<Options>): void;
}

/** Everything corpus rules see: every page, and whatever later stages derive from them. */
export interface Corpus {
  /** The pages without what only page rules read. */
  pages: readonly CorpusPage[];
  /** True when the run covered the config's whole `include` (no paths given): absences are meaningful. */
  complete: boolean;
  /** The config file, relative to the working directory (null without one). */
  configFile: string | null;
  /** The config file's absolute path, to read it (null without one). */
  configPath: string | null;
  /** Facts from source-of-truth files (config `truth`). */
  truth?: readonly TruthEntry[];
  /** Results of checking the pages' external URLs, by URL as written; absent unless asked (`--external-links`). */
  externalLinks?: ReadonlyMap<string, LinkResult>;
  /** The pages' links resolved in their Hugo site (config `site`); absent when no link rule is on. */
  siteLinks?: SiteLinks;
}

export interface CorpusRule<Options = Record<string, unknown>> {
  meta: RuleMeta & { scope: 'corpus' };
  check(corpus: Corpus, context: RuleContext<Options>): void;
}

export type Rule = PageRule<any> | CorpusRule<any>;

export interface RelatedLocation {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
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
  related: RelatedLocation[];
  /** Kept for fixes and for tools that match findings by kind; not part of the JSON report. */
  messageId: string;
  fix?: Edit[];
}

export interface LintResult {
  /** Number of files checked. */
  files: number;
  /** The files checked (as diagnostics name them), sorted: reports that list clean files use it. */
  checked: string[];
  diagnostics: Diagnostic[];
  summary: { errors: number; warnings: number; infos: number };
}
