/**
 * compatlint's public API. The command line is built on these same functions.
 */
export { loadConfig, findConfigFile, settingsFor } from './config/load.js';
export type { ResolvedConfig, UserConfig, RuleSetting } from './config/types.js';
export { lint, loadPages } from './engine/lint.js';
export { PageCache, DEFAULT_CACHE_LOCATION } from './cache/page-cache.js';
export type { LintOptions, LintOutput } from './engine/lint.js';
export { runRules } from './engine/run.js';
export type {
  Corpus,
  CorpusRule,
  Diagnostic,
  LintResult,
  PageRule,
  Report,
  Rule,
  RuleContext,
  RuleMeta,
  Severity,
} from './engine/types.js';
export { UsageError } from './errors.js';
export { pageFromBytes, loadPage } from './load/page.js';
export { extractPage } from './model/extract.js';
export type * from './model/types.js';
export { normalizeValue, compileVocabulary, defaultValueVocabulary, valueKey, describeValue } from './model/values.js';
export { parseVersionExpr, compareVersions, versionsOverlap, lowestVersion } from './model/version.js';
export { reporters } from './reporters/index.js';
export { allRules, rulesById } from './rules/registry.js';
export { runCli } from './cli/main.js';
export { HugoSite, resolvePartial } from './links/site.js';
export type { Resolution } from './links/site.js';
export { checkExternalLinks } from './links/external.js';
export type { LinkCheckOptions } from './links/external.js';
export type { LinkCheckSettings, LinkResult } from './links/types.js';
