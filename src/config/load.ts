import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RunSetup } from '../engine/run.js';
import { NO_OPTIONS, ruleProblem, RuleSet } from '../engine/rule-set.js';
import type { Rule, SeveritySetting } from '../engine/types.js';
import { parseYamlData } from '../parse/yaml-data.js';
import { jsonSyntaxError, oneLine, UsageError } from '../util/errors.js';
import { ReadRefused, readRegularFile } from '../util/read.js';
import { toPosix } from '../util/posix.js';
import { DEFAULT_MAX_FILE_BYTES } from '../model/decode.js';
import { defaultValueVocabulary } from '../model/values.js';
import { DEFAULT_PAGE_LIMITS } from '../parse/budget.js';
import { packageRoot } from '../util/paths.js';
import { builtinRules } from '../rules/registry.js';
import {
  type CheckConfig,
  compileHeaderPatterns,
  type FactsSetup,
  normalizeCheck,
  type PageDimensionConfig,
  type PageKindConfig,
  type TableKind,
  type TableKindConfig,
  validateFactsSetup,
} from '../facts/config.js';
import { escapeRegex, UserRegex } from '../util/user-regex.js';
import type { Span } from '../model/types.js';
import type { SiteConfig } from '../site/types.js';
import { resolveSite } from '../site/settings.js';
import { resolveLinkSettings } from '../net/settings.js';
import { addTerms, Vocabularies, type VocabularyConfig } from '../facts/vocabulary.js';
import { closest } from '../util/suggest.js';
import { type CompiledSchema, compileSchema, describeSchemaErrors } from '../util/json-schema.js';
import { matcherFor } from '../util/glob.js';
import { presets } from './presets/index.js';
import { TruthLayers } from './truth.js';
import type {
  LoadConfigOptions,
  PageSettings,
  ResolvedConfig,
  ResolvedOverride,
  ResolvedRule,
  RuleSetting,
  SchemaRef,
  UserConfig,
} from './types.js';

export const CONFIG_NAMES = ['compatlint.config.json', 'compatlint.config.yaml', 'compatlint.config.yml'];

/** The nearest config file in `cwd` or a folder above it. */
export function findConfigFile(cwd: string): string | null {
  let dir = path.resolve(cwd);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = path.join(dir, name);
      // A config name that is a FIFO or a device is still the config, and reading it says why it cannot be read.
      if (existsSync(candidate) && !statSync(candidate).isDirectory()) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

let configValidator: ReturnType<typeof compileSchema> | undefined;

function validateUserConfig(data: unknown, where: string): UserConfig {
  configValidator ??= compileSchema(
    JSON.parse(readFileSync(path.join(packageRoot, 'schemas', 'config.schema.json'), 'utf8')) as Record<string, unknown>,
  );
  if (!configValidator(data)) {
    throw new UsageError(`Invalid config ${where}: ${describeSchemaErrors(configValidator.errors ?? [], data)}`);
  }
  return data as UserConfig;
}

/** Read a config file: JSON or YAML by extension; an empty file is an empty config. */
export function readConfigFile(file: string, cwd: string): UserConfig {
  const shown = toPosix(path.relative(cwd, file)) || file;
  let text: string;
  try {
    text = readRegularFile(file).toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof ReadRefused) throw new UsageError(`Cannot read config ${shown}: ${error.reason === 'too-large' ? 'it is too large' : 'not a regular file'}`);
    if (code === 'ENOENT') throw new UsageError(`Config file not found: ${shown}`);
    if (code === 'EISDIR') throw new UsageError(`Config path is a directory, expected a file: ${shown}`);
    throw new UsageError(`Cannot read config ${shown}: ${(error as Error).message}`);
  }
  if (text.trim() === '') return {};
  let data: unknown;
  if (file.endsWith('.json')) {
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`Invalid config ${shown}: not valid JSON (${jsonSyntaxError(error, text)})`);
    }
  } else {
    try {
      data = parseYamlData(text);
    } catch (error) {
      throw new UsageError(`Invalid config ${shown}: not valid YAML (${(error as Error).message.split('\n')[0]})`);
    }
  }
  if (data === null || data === undefined) return {};
  return validateUserConfig(data, shown);
}

/** `./base.yaml`, `../shared/compatlint.config.json`: an `extends` entry that names a file, not a preset. */
function isConfigPath(name: string): boolean {
  return name.startsWith('./') || name.startsWith('../') || path.isAbsolute(name) || /\.(json|ya?ml)$/.test(name);
}

/**
 * Read and resolve a configuration: the file (found or named), what it extends, the presets,
 * command-line rule settings; then the plugins it names, whose rules join the rule set.
 * `ruleSet` replaces the built-in rules (API callers); such a config is not sent to worker
 * threads, which can rebuild only what a file and its plugins name.
 */
export async function loadConfig(options: LoadConfigOptions & { ruleSet?: RuleSet }): Promise<ResolvedConfig> {
  const { ruleSet: given, ...plain } = options;
  const cwd = path.resolve(options.cwd);
  const file = options.config
    ? null
    : options.configFile
      ? path.resolve(cwd, options.configFile)
      : options.lookup === false
        ? null
        : findConfigFile(cwd);
  const user = options.config ? validateUserConfig(options.config, 'given as data') : file ? readConfigFile(file, cwd) : {};
  const root = file ? path.dirname(file) : cwd;
  const where = file ? toPosix(path.relative(cwd, file)) || path.basename(file) : options.config ? 'given as data' : 'command line';
  const layers: Layer[] = [];
  const presetNames: string[] = [];
  const addExtends = (config: UserConfig, base: string, whereFrom: string, chain: string[]) => {
    (config.extends ?? []).forEach((name, i) => {
      if (isConfigPath(name)) {
        const abs = path.resolve(base, name);
        if (chain.includes(abs)) throw new UsageError(`Invalid config ${whereFrom}: extends[${i}]: ${name} extends itself (loop)`);
        const shown = toPosix(path.relative(cwd, abs));
        const parent = readConfigFile(abs, cwd);
        addExtends(parent, path.dirname(abs), shown, [...chain, abs]);
        layers.push({ config: parent, base: path.dirname(abs), where: shown, file: abs });
        return;
      }
      addPreset(name, `Invalid config ${whereFrom}: extends[${i}]`);
    });
  };
  const addPreset = (name: string, at: string) => {
    // `toString` is not a preset: only the table's own keys are.
    const preset = Object.hasOwn(presets, name) ? presets[name] : undefined;
    if (!preset) throw new UsageError(`${at}: unknown preset "${name}" (available: ${Object.keys(presets).join(', ')})`);
    presetNames.push(name);
    layers.push({ config: preset.config, base: preset.base, where: `preset ${name}` });
  };
  addExtends(user, root, where, file ? [file] : []);
  for (const name of options.presets ?? []) addPreset(name, '--preset');
  layers.push(file ? { config: user, base: root, where, file } : { config: user, base: root, where });
  if (options.rules) layers.push({ config: { rules: options.rules }, base: cwd, where: 'command line' });
  const plugins = pluginFiles(layers);
  const base = given ?? new RuleSet(builtinRules);
  const ruleSet = base.with(await loadPlugins(plugins, cwd, base.ids));
  const resolved = resolveLayers(layers, file, root, [...new Set(presetNames)], cwd, ruleSet, plugins.map((p) => p.abs));
  // The options travel with the result so that worker threads can load the same config.
  return given ? resolved : { ...resolved, source: { ...plain, cwd } };
}

interface Layer {
  config: UserConfig;
  base: string;
  where: string;
  /** The config file the layer was read from (absolute); absent for presets and the command line. */
  file?: string;
}

/** Every layer's `plugins`, resolved against the layer that names them, each once. */
function pluginFiles(layers: readonly Layer[]): Array<{ abs: string; where: string }> {
  const out: Array<{ abs: string; where: string }> = [];
  for (const { config, base, where } of layers) {
    (config.plugins ?? []).forEach((name, i) => {
      const abs = path.resolve(base, name);
      if (!out.some((p) => p.abs === abs)) out.push({ abs, where: `Invalid config ${where}: plugins[${i}]` });
    });
  }
  return out;
}

/**
 * Import each plugin module: its default export (a rule or an array of rules) or its named
 * export `rules`. Anything else is a one-line config error naming the plugin.
 */
async function loadPlugins(plugins: ReadonlyArray<{ abs: string; where: string }>, cwd: string, known: ReadonlySet<string>): Promise<Rule[]> {
  const rules: Rule[] = [];
  // Checked here, where the plugin can be named: the rule set would only say "two rules have the id".
  const taken = new Set(known);
  for (const { abs, where } of plugins) {
    const shown = toPosix(path.relative(cwd, abs));
    if (!existsSync(abs)) throw new UsageError(`${where}: cannot load ${shown} (no such file)`);
    let module: Record<string, unknown>;
    try {
      module = (await import(pathToFileURL(abs).href)) as Record<string, unknown>;
    } catch (error) {
      throw new UsageError(`${where}: cannot load ${shown} (${oneLine((error as Error).message)})`);
    }
    const exported = module.rules ?? module.default;
    const list = Array.isArray(exported) ? exported : exported === undefined ? [] : [exported];
    if (list.length === 0) throw new UsageError(`${where}: ${shown} exports no rules (expected a default export or \`rules\`: a rule or an array of rules)`);
    for (const rule of list) {
      const problem = ruleProblem(rule);
      if (problem) throw new UsageError(`${where}: ${shown}: ${problem}`);
      const { id } = (rule as Rule).meta;
      if (taken.has(id)) throw new UsageError(`${where}: ${shown}: rule "${id}" is already defined (by compatlint or an earlier plugin)`);
      taken.add(id);
      const schema = (rule as Rule).meta.optionsSchema;
      if (schema) {
        // Compiled now, so a broken schema is the plugin's config error, not a crash once options are set.
        try {
          compileSchema(schema);
        } catch (error) {
          throw new UsageError(`${where}: ${shown}: rule "${id}": meta.optionsSchema is not a valid JSON Schema (${oneLine((error as Error).message)})`);
        }
      }
      rules.push(rule as Rule);
    }
  }
  return rules;
}

function resolveLayers(
  layers: readonly Layer[],
  file: string | null,
  root: string,
  presetNames: string[],
  cwd: string,
  ruleSet: RuleSet,
  plugins: string[],
): ResolvedConfig {
  const rules = new RuleSettings(ruleSet);
  const facts = new FactsLayers(root, cwd);
  const truth = new TruthLayers(cwd);
  const resolved: Omit<ResolvedConfig, 'facts' | 'truth' | 'externalLinks'> = {
    file,
    root,
    presets: presetNames,
    include: ['**/*.md'],
    exclude: [],
    gitignore: true,
    maxFileBytes: DEFAULT_MAX_FILE_BYTES,
    pageLimits: { ...DEFAULT_PAGE_LIMITS },
    values: {
      supported: [...defaultValueVocabulary.supported],
      unsupported: [...defaultValueVocabulary.unsupported],
      preview: [...defaultValueVocabulary.preview],
      shortcodeText: { ...defaultValueVocabulary.shortcodeText },
    },
    rules: rules.defaults(),
    overrides: [],
    ruleSet,
    plugins,
  };
  for (const { config, base, where, file: layerFile } of layers) {
    if (config.include) resolved.include = [...config.include];
    if (config.exclude) resolved.exclude = [...resolved.exclude, ...config.exclude];
    if (config.gitignore !== undefined) resolved.gitignore = config.gitignore;
    if (config.limits?.maxFileBytes !== undefined) resolved.maxFileBytes = config.limits.maxFileBytes;
    for (const key of ['maxLines', 'maxBlockChars', 'maxDelimiterRuns', 'maxDefinitions'] as const) {
      const value = config.limits?.[key];
      if (value !== undefined) resolved.pageLimits[key] = value;
    }
    if (config.values) {
      const v = config.values;
      for (const kind of ['supported', 'unsupported', 'preview'] as const) {
        const replaces = v.replace === true || (Array.isArray(v.replace) && v.replace.includes(kind));
        // An empty cell stays unsupported whatever the lists say: it is how a matrix leaves a cell out.
        if (replaces) resolved.values[kind] = kind === 'unsupported' ? ['', ...(v[kind] ?? [])] : [...(v[kind] ?? [])];
        else if (v[kind]) resolved.values[kind] = [...resolved.values[kind], ...v[kind]];
      }
      if (v.shortcodeText) Object.assign(resolved.values.shortcodeText, v.shortcodeText);
    }
    if (config.frontMatter?.schema !== undefined) {
      resolved.frontMatterSchema = loadSchema(config.frontMatter.schema, base, cwd, `Invalid config ${where}: frontMatter.schema`);
    }
    if (config.rules) rules.apply(resolved.rules, config.rules, `Invalid config ${where}: rules`);
    facts.add(config, base, where, layerFile);
    truth.add(config, base, where);
    (config.overrides ?? []).forEach((o, i) => {
      const override: ResolvedOverride = { files: o.files, rules: {} };
      if (o.rules) rules.apply(override.rules, o.rules, `Invalid config ${where}: overrides[${i}].rules`, resolved.rules);
      if (o.frontMatter?.schema !== undefined) {
        override.frontMatterSchema = loadSchema(
          o.frontMatter.schema,
          base,
          cwd,
          `Invalid config ${where}: overrides[${i}].frontMatter.schema`,
        );
      }
      resolved.overrides.push(override);
    });
  }
  const externalLinks = resolveLinkSettings(
    layers.flatMap(({ config, base, where }) => (config.externalLinks ? [{ config: config.externalLinks, base, where }] : [])),
    root,
  );
  return { ...resolved, facts: facts.build(), truth: truth.build(), externalLinks };
}

/**
 * Accumulates the facts parts of each layer (presets, then the file): vocabularies merge term
 * by term, a table or page kind with a known id replaces the earlier one, checks add up.
 */
class FactsLayers {
  private site: SiteConfig = {};
  private siteBase: string;
  private readonly pageDimensions = new Map<string, PageDimensionConfig>();
  // Maps, not objects: a dimension or term named `__proto__` or `toString` is a name like any other.
  private readonly vocabulary = new Map<string, Map<string, string[] | string>>();
  private readonly kinds: Array<{ config: TableKindConfig; base: string; origin: string; file?: string }> = [];
  private readonly texts = new Map<string, string>();
  private readonly pageKinds: Array<{ config: PageKindConfig; origin: string }> = [];
  private readonly checks: CheckConfig[] = [];
  private readonly untranslated = new Set<string>();
  private baseKey: string | null = null;
  private baseHistory = false;

  constructor(
    root: string,
    private readonly cwd: string,
  ) {
    this.siteBase = root;
  }

  add(config: UserConfig, base: string, where: string, file?: string): void {
    if (config.site) {
      this.site = { ...this.site, ...config.site };
      // A site root is relative to the layer that names it; otherwise the site is the config's folder.
      if (config.site.root !== undefined) this.siteBase = base;
    }
    for (const [name, d] of Object.entries(config.pageDimensions ?? {})) this.pageDimensions.set(name, d);
    for (const [dimension, terms] of Object.entries(config.vocabulary ?? {})) {
      const merged = this.vocabulary.get(dimension) ?? new Map<string, string[] | string>();
      this.vocabulary.set(dimension, merged);
      addTerms(merged, terms);
    }
    (config.tables ?? []).forEach((kind, i) => {
      const item = { config: kind, base, origin: `Invalid config ${where}: tables[${i}]`, ...(file ? { file } : {}) };
      const at = this.kinds.findIndex((k) => k.config.id === kind.id);
      if (at === -1) this.kinds.push(item);
      else this.kinds[at] = item;
    });
    (config.pages ?? []).forEach((page, i) => {
      const item = { config: page, origin: `Invalid config ${where}: pages[${i}]` };
      const at = this.pageKinds.findIndex((k) => k.config.id === page.id);
      if (at === -1) this.pageKinds.push(item);
      else this.pageKinds[at] = item;
    });
    this.checks.push(...(config.checks ?? []));
    for (const key of config.translation?.frontMatterKeys ?? []) this.untranslated.add(key);
    if (config.translation?.baseKey !== undefined) this.baseKey = config.translation.baseKey;
    if (config.translation?.base !== undefined) this.baseHistory = config.translation.base === 'history';
  }

  private textOf(file: string): string {
    let text = this.texts.get(file);
    if (text === undefined) {
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        text = '';
      }
      this.texts.set(file, text);
    }
    return text;
  }

  build(): FactsSetup {
    const vocabularies = new Vocabularies(
      Object.fromEntries([...this.vocabulary].map(([name, terms]) => [name, Object.fromEntries(terms)])),
      'Invalid config: vocabulary',
    );
    const site = resolveSite(this.site, this.siteBase);
    const pageDimensions = [...this.pageDimensions].map(([name, d]) => {
      const re = d.path === undefined ? null : UserRegex.compile(d.path, '', `Invalid config: pageDimensions.${name}.path`);
      return { name, frontMatter: d.frontMatter ?? null, path: re, vocabulary: d.vocabulary ?? name };
    });
    const kinds = this.kinds.map(({ config: k, base, origin, file }): TableKind => ({
      id: k.id,
      description: k.description ?? k.id,
      files: k.match?.files ?? null,
      heading: compileHeaderPatterns(k.match?.heading, `${origin}.match.heading`),
      keyHeader: compileHeaderPatterns(k.match?.keyHeader, `${origin}.match.keyHeader`),
      columnPatterns: compileHeaderPatterns(k.match?.columns, `${origin}.match.columns`),
      minColumns: k.match?.minColumns ?? 1,
      minKnownKeys: k.match?.keys ?? 0,
      key: k.key,
      keyColumn: (k.keyColumn ?? 1) - 1,
      keyType: k.keyType ?? 'term',
      extraKeys: k.extraKeys ?? [],
      columns: typeof k.columns === 'string' ? [k.columns] : k.columns,
      pageDimensions: k.pageDimensions ?? [],
      constants: k.constants ?? {},
      section: k.section ?? null,
      columnTypes: k.columnTypes ?? {},
      versionSyntax: typeof k.versionSyntax === 'string' ? { '*': k.versionSyntax } : (k.versionSyntax ?? {}),
      valueVocabulary: k.valueVocabulary ?? {},
      allowed: k.allowed ?? {},
      orientation: k.orientation ?? 'rows',
      schema: k.schema === undefined ? null : loadSchema(k.schema, base, this.cwd, `${origin}.schema`),
      origin,
      declared: file ? { file: toPosix(path.relative(this.cwd, file)), span: declarationSpan(this.textOf(file), k.id) } : null,
    }));
    const pageKinds = this.pageKinds.map(({ config: p, origin }) => ({
      id: p.id,
      description: p.description ?? p.id,
      files: p.files,
      exclude: p.exclude ?? [],
      tables: p.require?.tables ?? [],
      sections: compileHeaderPatterns(p.require?.sections, `${origin}.require.sections`),
      origin,
    }));
    const setup: FactsSetup = {
      site,
      pageDimensions,
      vocabularies,
      kinds,
      pageKinds,
      checks: this.checks.map(normalizeCheck),
      untranslatedKeys: [...this.untranslated],
      translationBase: { key: this.baseKey, history: this.baseHistory },
    };
    validateFactsSetup(setup);
    return setup;
  }
}

/** The line declaring `id: <kind>` (YAML) or `"id": "<kind>"` (JSON) in a config file's text. */
function declarationSpan(text: string, id: string): Span {
  const lines = text.split(/\r\n|\n|\r/);
  const re = new RegExp(`(["']?id["']?\\s*:\\s*["']?)${escapeRegex(id)}\\b`);
  const index = lines.findIndex((l) => re.test(l));
  const line = index === -1 ? 1 : index + 1;
  const column = index === -1 ? 1 : (lines[index]?.search(/\S/) ?? 0) + 1;
  const endColumn = index === -1 ? 1 : (lines[index]?.length ?? 0) + 1;
  return { line, column, endLine: line, endColumn, offset: 0, endOffset: 0 };
}

/** Rule settings checked against the rule set: known ids, options valid by each rule's schema. */
class RuleSettings {
  private readonly validators = new Map<string, ReturnType<typeof compileSchema>>();

  constructor(private readonly ruleSet: RuleSet) {}

  defaults(): Record<string, ResolvedRule> {
    const out: Record<string, ResolvedRule> = {};
    for (const rule of this.ruleSet.all) {
      out[rule.meta.id] = { severity: rule.meta.defaultSeverity, options: { ...(rule.meta.defaultOptions ?? {}) } };
    }
    return out;
  }

  apply(
    target: Record<string, ResolvedRule>,
    settings: Record<string, RuleSetting>,
    where: string,
    inherit: Record<string, ResolvedRule> = target,
  ): void {
    for (const [id, setting] of Object.entries(settings)) {
      const rule = this.ruleSet.get(id);
      if (!rule) {
        const hint = closest(id, [...this.ruleSet.ids]);
        throw new UsageError(`${where}.${id}: unknown rule${hint ? ` (did you mean ${hint}?)` : ''}`);
      }
      const base = target[id] ?? inherit[id] ?? { severity: rule.meta.defaultSeverity, options: {} };
      const severity: SeveritySetting = typeof setting === 'string' ? setting : (setting.severity ?? base.severity);
      const options = typeof setting === 'string' ? base.options : { ...base.options, ...(setting.options ?? {}) };
      if (typeof setting !== 'string' && setting.options) {
        let validate = this.validators.get(id);
        if (!validate) {
          // A rule without an options schema accepts none.
          validate = compileSchema(rule.meta.optionsSchema ?? NO_OPTIONS);
          this.validators.set(id, validate);
        }
        if (!validate(options)) {
          throw new UsageError(`${where}.${id}.options: ${describeSchemaErrors(validate.errors ?? [], options)}`.replace(/options: \(root\): /, 'options: '));
        }
      }
      target[id] = { severity, options };
    }
  }
}

function loadSchema(ref: SchemaRef, base: string, cwd: string, where: string): CompiledSchema {
  let schema: unknown = ref;
  let source = 'inline';
  if (typeof ref === 'string') {
    const abs = path.resolve(base, ref);
    // A preset's schema is named by its place in the package, not by a path from here.
    const inPackage = base === packageRoot;
    source = inPackage ? `compatlint/${toPosix(path.relative(packageRoot, abs))}` : toPosix(path.relative(cwd, abs));
    let text: string;
    try {
      text = readRegularFile(abs).toString('utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = error instanceof ReadRefused ? (error.reason === 'too-large' ? 'too large' : 'not a regular file') : code === 'ENOENT' ? 'no such file' : (error as Error).message;
      throw new UsageError(`${where}: cannot read ${source} (${reason})`);
    }
    try {
      schema = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`${where}: ${source} is not valid JSON (${jsonSyntaxError(error, text)})`);
    }
  }
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    throw new UsageError(`${where}: ${source} is not a JSON Schema (expected an object)`);
  }
  try {
    return { source, validate: compileSchema(schema as Record<string, unknown>) };
  } catch (error) {
    throw new UsageError(`${where}: ${source} is not a valid JSON Schema (${(error as Error).message})`);
  }
}

/**
 * What the rule runner needs from a config: its rules, facts, and each file's settings (files
 * named relative to `cwd`, as diagnostics name them).
 */
export function runSetup(config: ResolvedConfig, cwd: string, freeze = false): RunSetup {
  return {
    rules: config.ruleSet,
    facts: config.facts,
    settingsFor: (file) => settingsFor(config, path.resolve(cwd, file)),
    base: { rules: config.rules, ...(config.frontMatterSchema ? { frontMatterSchema: config.frontMatterSchema } : {}) },
    enabledSomewhere: (ruleId) => enabledSomewhere(config, ruleId),
    freeze,
  };
}

/** Whether a rule is on in the base config or in any override. */
export function enabledSomewhere(config: ResolvedConfig, ruleId: string): boolean {
  if ((config.rules[ruleId]?.severity ?? 'off') !== 'off') return true;
  return config.overrides.some((o) => (o.rules[ruleId]?.severity ?? 'off') !== 'off');
}

/** The settings for one page (absolute path): the base config, then each matching override in order. */
export function settingsFor(config: ResolvedConfig, abs: string): PageSettings {
  const file = toPosix(path.relative(config.root, abs));
  let rules = config.rules;
  let frontMatterSchema = config.frontMatterSchema;
  for (const override of config.overrides) {
    if (!matcherFor(override.files)(file)) continue;
    rules = { ...rules, ...override.rules };
    if (override.frontMatterSchema) frontMatterSchema = override.frontMatterSchema;
  }
  return frontMatterSchema ? { rules, frontMatterSchema } : { rules };
}
