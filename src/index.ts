/**
 * compatlint's public API. The command line is built on these same functions.
 */
export { loadConfig, findConfigFile, settingsFor, runSetup } from './config/load.js';
export type { LoadConfigOptions, ResolvedConfig, ResolvedOverride, UserConfig, RuleSetting, SchemaRef } from './config/types.js';
export type { Relation, TruthEntryConfig, TruthMappingConfig, TruthSourceSetup } from './facts/truth-mapping.js';
export type { TruthFact, TruthSource } from './facts/truth.js';
export { lint, lintText, loadPages, recheckPages } from './lint/lint.js';
export type { CheckLinks, LintTextOptions } from './lint/lint.js';
export { LintSession } from './lint/session.js';
export type { SessionOptions } from './lint/session.js';
export { applyFixes } from './engine/edits.js';
export { fixPages, writeFixes } from './fix/fix.js';
export type { FixOptions, FixRun, PageFix } from './fix/fix.js';
export { RuleSet, ruleProblem } from './engine/rule-set.js';
export type { RunSetup, CorpusExtras } from './engine/run.js';
export type { LoadStats } from './load/pages.js';
export { PageCache, DEFAULT_CACHE_LOCATION } from './load/cache.js';
export type { LintOptions, LintOutput } from './lint/lint.js';
export { runRules } from './engine/run.js';
export { limitToScope } from './engine/scope.js';
export type { ReportScope } from './engine/scope.js';
export type {
  Corpus,
  CorpusRule,
  Diagnostic,
  Edit,
  FactRef,
  LintResult,
  Location,
  Message,
  MessageContext,
  MessageData,
  MessageValue,
  PageRule,
  PageSettings,
  RelatedLocation,
  RelatedReport,
  Report,
  ResolvedRule,
  Rule,
  RuleContext,
  RuleMeta,
  Severity,
  SeveritySetting,
  SiteFindings,
} from './engine/types.js';
export { UsageError } from './util/errors.js';
export { pageFromBytes, loadPage } from './load/page.js';
export { extractPage } from './model/extract.js';
export type * from './model/types.js';
export { normalizeValue, compileVocabulary, defaultValueVocabulary, valueKey, describeValue } from './model/values.js';
export { parseVersionExpr, compareVersions, versionsOverlap, lowestVersion } from './model/version.js';
export { reporters } from './reporters/index.js';
export type { Reporter, ReporterContext } from './reporters/types.js';
export { builtinRules } from './rules/registry.js';
export { collectAudit } from './audit/collect.js';
export type { CollectOptions } from './audit/collect.js';
export { renderAuditHtml } from './audit/html.js';
export type { AuditPayload, HtmlOptions } from './audit/html.js';
export { renderAuditMarkdown } from './audit/markdown.js';
export type { MarkdownOptions } from './audit/markdown.js';
export type { AuditData, Matrix, MatrixCell, Finding } from './audit/types.js';
export { translationReport } from './lint/translations.js';
export type { LocaleTranslations, TranslationReport, TranslationReportOptions, TranslationState, TranslationStatus } from './lint/translations.js';
export type { CommitRef, SourceChange, TranslationBase, TranslationBases } from './facts/bases.js';
export type { Change, ChangeClass } from './facts/changes.js';
export { i18nJson, i18nMarkdown, i18nText } from './i18n/format.js';
export { runCli } from './cli/main.js';
export { HugoSite, resolvePartial } from './site/hugo.js';
export { FileSite } from './site/pages.js';
export { openSite } from './site/resolve.js';
export { resolveSite } from './site/settings.js';
export type { LinkSite, PageAddress, Resolution } from './site/link-site.js';
export { checkExternalLinks } from './net/external.js';
export type { LinkCheckOptions } from './net/external.js';
export type { LinkCheckSettings, LinkResult } from './net/types.js';
