import path from 'node:path';
import { DATA_FORMATS, formatOfName } from '../parse/data-file.js';
import {
  checkExpression,
  type QueryMapping,
  type Relation,
  RELATIONS,
  type RelationSetting,
  type TruthEntryConfig,
  type TruthMappingConfig,
  type TruthSourceSetup,
} from '../facts/truth-mapping.js';
import { addTerms, Vocabularies, type VocabularyConfig } from '../facts/vocabulary.js';
import { UsageError } from '../util/errors.js';
import { closest } from '../util/suggest.js';
import { toPosix } from '../util/posix.js';
import { builtinTruthMappings } from './truth-mappings.js';
import type { UserConfig } from './types.js';

interface Named {
  config: TruthMappingConfig;
  where: string;
}

/**
 * Accumulates config `truth` and `truthMappings` over the layers (presets, then the file): a
 * mapping with a known name replaces the earlier one, truth entries add up. Once every layer is
 * in, each entry is resolved against the mappings: a mapping's name, its expressions, its
 * relations and vocabulary are checked here, so a mistake is a one-line config error before
 * any file is read.
 */
export class TruthLayers {
  private readonly mappings = new Map<string, Named>(
    Object.entries(builtinTruthMappings).map(([name, config]) => [name, { config, where: `built-in mapping ${name}` }]),
  );
  private readonly entries: Array<{ entry: TruthEntryConfig; base: string; where: string }> = [];

  constructor(private readonly cwd: string) {}

  add(config: UserConfig, base: string, where: string): void {
    for (const [name, mapping] of Object.entries(config.truthMappings ?? {})) {
      if (name === 'compatlint') throw new UsageError(`Invalid config ${where}: truthMappings.compatlint: the name of compatlint's own format; choose another`);
      this.mappings.set(name, { config: mapping, where: `Invalid config ${where}: truthMappings.${name}` });
    }
    (config.truth ?? []).forEach((entry, i) => this.entries.push({ entry, base, where: `Invalid config ${where}: truth[${i}]` }));
  }

  build(): TruthSourceSetup[] {
    for (const { config, where } of this.mappings.values()) checkMapping(config, where);
    return this.entries.map(({ entry, base, where }) => this.resolve(entry, base, where));
  }

  private resolve(entry: TruthEntryConfig, base: string, where: string): TruthSourceSetup {
    if (typeof entry === 'string') {
      const file = path.resolve(base, entry);
      return { file, format: formatOfName(file) === 'json' ? 'json' : 'yaml', mappingName: 'compatlint', mapping: 'compatlint', relations: [{ relation: 'equal', severity: 'error' }], missing: 'warn', vocabulary: {} };
    }
    const file = path.resolve(base, entry.from);
    const format = entry.format ?? formatOfName(file);
    if (format === null) {
      throw new UsageError(`${where}.format: cannot tell the format of ${toPosix(path.relative(this.cwd, file))} from its name; set format to one of ${DATA_FORMATS.join(', ')}`);
    }
    const { name, mapping } = this.mappingOf(entry.mapping ?? 'compatlint', `${where}.mapping`);
    const relations = resolveRelations({ ...(mapping?.relations ?? { equal: 'error' }), ...(entry.relations ?? {}) }, `${where}.relations`);
    const vocabulary = mergeVocabulary(mapping?.vocabulary ?? {}, entry.vocabulary ?? {});
    // Built here so that an alias loop or an alias claimed twice is this entry's config error.
    new Vocabularies(vocabulary, `${where}.vocabulary`);
    const missing = entry.missing ?? mapping?.missing ?? 'warn';
    if (mapping === null) {
      if (format !== 'json' && format !== 'yaml') throw new UsageError(`${where}.format: compatlint's own format is JSON or YAML, not ${format}`);
      if (entry.dimensions) throw new UsageError(`${where}.dimensions: compatlint's own format names its dimensions in each key; dimensions are for mappings`);
      return { file, format, mappingName: name, mapping: 'compatlint', relations, missing, vocabulary };
    }
    const dimensions: Record<string, string> = {};
    for (const [d, expression] of Object.entries({ ...mapping.dimensions, ...(entry.dimensions ?? {}) })) {
      if (expression === null) continue;
      if (entry.dimensions && Object.hasOwn(entry.dimensions, d)) checkExpression(expression, `${where}.dimensions.${d}`);
      dimensions[d] = expression;
    }
    if (Object.keys(dimensions).length === 0) throw new UsageError(`${where}.dimensions: the mapping builds no dimension, so its facts would name nothing`);
    const query: QueryMapping = {
      records: mapping.records ?? '@',
      dimensions,
      syntax: mapping.syntax ?? 'loose',
      ...(mapping.entries !== undefined ? { entries: mapping.entries } : {}),
      ...(mapping.where !== undefined ? { where: mapping.where } : {}),
      ...(mapping.value !== undefined ? { value: mapping.value } : {}),
      ...(mapping.versions !== undefined ? { versions: mapping.versions } : {}),
    };
    return { file, format, mappingName: name, mapping: query, relations, missing, vocabulary };
  }

  /** A mapping by name (null: compatlint's own format) or written in place. */
  private mappingOf(ref: string | TruthMappingConfig, where: string): { name: string; mapping: TruthMappingConfig | null } {
    if (typeof ref !== 'string') {
      checkMapping(ref, where);
      return { name: 'inline', mapping: ref };
    }
    if (ref === 'compatlint') return { name: ref, mapping: null };
    const named = this.mappings.get(ref);
    if (!named) {
      const known = ['compatlint', ...this.mappings.keys()];
      const hint = closest(ref, known);
      throw new UsageError(`${where}: unknown mapping "${ref}"${hint ? ` (did you mean ${hint}?)` : ''}; known: ${known.join(', ')}`);
    }
    return { name: ref, mapping: named.config };
  }
}

/** Every expression of a mapping, checked where the mapping is written. */
function checkMapping(mapping: TruthMappingConfig, where: string): void {
  const expressions: Array<[string, string | null | undefined]> = [
    ['records', mapping.records],
    ['entries', mapping.entries],
    ['where', mapping.where],
    ['value', mapping.value],
    ['versions.min', mapping.versions?.min],
    ['versions.max', mapping.versions?.max],
    ['versions.tested', mapping.versions?.tested],
    ...Object.entries(mapping.dimensions).map(([d, e]): [string, string | null] => [`dimensions.${d}`, e]),
  ];
  for (const [field, expression] of expressions) if (typeof expression === 'string') checkExpression(expression, `${where}.${field}`);
  if ((mapping.value === undefined) === (mapping.versions === undefined)) {
    throw new UsageError(`${where}: a mapping gives either \`value\` (a cell's text) or \`versions\` (min, max, tested), ${mapping.value === undefined ? 'found neither' : 'found both'}`);
  }
  const { min, max, tested } = mapping.versions ?? {};
  if (mapping.versions && min === undefined && max === undefined && tested === undefined) throw new UsageError(`${where}.versions: expected at least one of min, max, tested`);
  if (mapping.relations) resolveRelations(mapping.relations, `${where}.relations`);
}

function resolveRelations(settings: Partial<Record<Relation, RelationSetting>>, where: string): TruthSourceSetup['relations'] {
  const out: TruthSourceSetup['relations'] = [];
  for (const relation of RELATIONS) {
    const severity = settings[relation];
    if (severity === 'warn' || severity === 'error') out.push({ relation, severity });
  }
  // A source that checks nothing would pass every page: a false green, not a setting.
  if (out.length === 0) throw new UsageError(`${where}: every relation is off, so the source would check nothing; remove the entry instead`);
  return out;
}

/** The entry's terms added to the mapping's, dimension by dimension and term by term. */
function mergeVocabulary(base: Record<string, VocabularyConfig>, more: Record<string, VocabularyConfig>): Record<string, VocabularyConfig> {
  const out = new Map<string, Map<string, string[] | string>>();
  for (const layer of [base, more]) {
    for (const [d, terms] of Object.entries(layer)) {
      const merged = out.get(d) ?? new Map<string, string[] | string>();
      out.set(d, merged);
      addTerms(merged, terms);
    }
  }
  return Object.fromEntries([...out].map(([d, terms]) => [d, Object.fromEntries(terms)]));
}
