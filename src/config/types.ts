import type { CompiledSchema } from '../util/json-schema.js';
import type { SeveritySetting } from '../engine/types.js';
import type { FactsSetup, FactsUserConfig } from '../facts/config.js';
import type { LoadConfigOptions } from './load.js';
import type { ExternalLinksUserConfig } from '../net/settings.js';
import type { LinkCheckSettings } from '../net/types.js';
import type { ValueVocabulary } from '../model/values.js';

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
  limits?: { maxFileBytes?: number };
  values?: Partial<ValueVocabulary>;
  frontMatter?: { schema?: SchemaRef };
  rules?: Record<string, RuleSetting>;
  overrides?: Array<{ files: string[]; rules?: Record<string, RuleSetting>; frontMatter?: { schema?: SchemaRef } }>;
  truth?: string[];
  externalLinks?: ExternalLinksUserConfig;
}

export interface ResolvedRule {
  severity: SeveritySetting;
  options: Record<string, unknown>;
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
  values: ValueVocabulary;
  frontMatterSchema?: CompiledSchema;
  rules: Record<string, ResolvedRule>;
  overrides: ResolvedOverride[];
  /** Table kinds, vocabularies, site layout and checks: what turns tables into facts. */
  facts: FactsSetup;
  /** Source-of-truth files, absolute paths. */
  truth: string[];
  /** How `--external-links` checks URLs. */
  externalLinks: LinkCheckSettings;
  /** What `loadConfig` was called with (plain data); absent for a config built another way. */
  source?: LoadConfigOptions;
}

/** The settings that apply to one page, after overrides. */
export interface PageSettings {
  rules: Record<string, ResolvedRule>;
  frontMatterSchema?: CompiledSchema;
}
