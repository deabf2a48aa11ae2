import type { PageLimits } from '../parse/budget.js';
import type { CompiledSchema } from '../util/json-schema.js';
import type { RuleSet } from '../engine/rule-set.js';
import type { PageSettings, ResolvedRule, SeveritySetting } from '../engine/types.js';
import type { FactsSetup, FactsUserConfig } from '../facts/config.js';
import type { ExternalLinksUserConfig } from '../net/settings.js';
import type { LinkCheckSettings } from '../net/types.js';
import type { ValueVocabulary } from '../model/values.js';
import type { TruthEntryConfig, TruthMappingConfig, TruthSourceSetup } from '../facts/truth-mapping.js';

export type RuleSetting = SeveritySetting | { severity?: SeveritySetting; options?: Record<string, unknown> };

/** A front matter JSON Schema: a path (relative to the config file) or the schema itself. */
export type SchemaRef = string | Record<string, unknown>;

/** The configuration as written in `compatlint.config.{json,yaml,yml}` or a preset. */
export interface UserConfig extends FactsUserConfig {
  $schema?: string;
  extends?: string[];
  include?: string[];
  exclude?: string[];
  gitignore?: boolean;
  limits?: { maxFileBytes?: number; maxLines?: number; maxBlockChars?: number; maxDelimiterRuns?: number; maxDefinitions?: number };
  /**
   * Status words added to the built-in lists; `replace` (true, or the lists it names) makes this
   * layer's lists replace the built-in and earlier ones instead (`-` then means nothing).
   */
  values?: Partial<ValueVocabulary> & { replace?: boolean | Array<'supported' | 'unsupported' | 'preview'> };
  frontMatter?: { schema?: SchemaRef };
  rules?: Record<string, RuleSetting>;
  overrides?: Array<{ files: string[]; rules?: Record<string, RuleSetting>; frontMatter?: { schema?: SchemaRef } }>;
  /** Sources of truth: files in compatlint's own format (a path), or files read through a mapping. */
  truth?: TruthEntryConfig[];
  /** Mappings by name, for `truth[].mapping` (built-in ones, and a preset's, are there already). */
  truthMappings?: Record<string, TruthMappingConfig>;
  externalLinks?: ExternalLinksUserConfig;
  /** Modules that export more rules (`./rules/my-rule.js`), relative to the file that names them. */
  plugins?: string[];
}


export interface ResolvedOverride {
  files: string[];
  rules: Record<string, ResolvedRule>;
  frontMatterSchema?: CompiledSchema;
}

/** The configuration after presets, defaults and validation: what the engine runs with. */
export interface ResolvedConfig {
  /** The config file, or null when none was found. */
  file: string | null;
  /** Folder that relative paths in the config are resolved against. */
  root: string;
  presets: string[];
  include: string[];
  exclude: string[];
  gitignore: boolean;
  maxFileBytes: number;
  /** What a page may hold before it is reported instead of parsed (`limits`). */
  pageLimits: PageLimits;
  values: ValueVocabulary;
  frontMatterSchema?: CompiledSchema;
  rules: Record<string, ResolvedRule>;
  overrides: ResolvedOverride[];
  /** Table kinds, vocabularies, site layout and checks: what turns tables into facts. */
  facts: FactsSetup;
  /** Sources of truth: each file (absolute), its format and mapping, the relations it checks. */
  truth: TruthSourceSetup[];
  /** How `--external-links` checks URLs. */
  externalLinks: LinkCheckSettings;
  /** The rules this configuration runs: the built-in ones and those its plugins add. */
  ruleSet: RuleSet;
  /** Plugin modules, absolute paths, in the order they were named. */
  plugins: string[];
  /** What `loadConfig` was called with (plain data); absent for a config built another way. */
  source?: LoadConfigOptions;
}

export type { PageSettings, ResolvedRule };

export interface LoadConfigOptions {
  cwd: string;
  /** `--config FILE`; when absent the nearest config file is used (unless `lookup` is false). */
  configFile?: string;
  lookup?: boolean;
  /**
   * The config as data, in place of a file (`init` checks the config it is about to write):
   * validated like a file, relative paths resolved against `cwd`. Excludes `configFile`.
   */
  config?: UserConfig;
  /** `--preset NAME` (added after the file's own `extends`). */
  presets?: string[];
  /** Extra rule settings from the command line, applied last. */
  rules?: Record<string, RuleSetting>;
}
