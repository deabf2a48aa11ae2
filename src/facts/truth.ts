import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ReadRefused, readRegularFile } from '../util/read.js';
import { parseDataFile } from '../parse/data-file.js';
import { compileSchema, describeSchemaErrors } from '../util/json-schema.js';
import { UsageError } from '../util/errors.js';
import { pointerOf } from '../util/json-pointer.js';
import { toPosix } from '../util/posix.js';
import type { PageModel, Value, VersionInterval, VersionSyntax } from '../model/types.js';
import { type CompiledVocabulary, normalizeValue, valueKey } from '../model/values.js';
import { compareVersions } from '../model/version.js';
import { expression, nextSeries } from '../model/version-order.js';
import { packageRoot } from '../util/paths.js';
import { compareValues, rangeOf } from './compare.js';
import { factsOf, sourcePages } from './corpus.js';
import type { FactsSetup } from './config.js';
import { factKey } from '../model/facts.js';
import { normalizeTerm } from './patterns.js';
import { applyMapping, constantOf, type MappedRecord, type RecordProblem, type RecordVersion, type TruthRecord, type TruthSourceSetup } from './truth-mapping.js';
import { Vocabularies } from './vocabulary.js';

/** A fact a source of truth states: its key over the source's dimensions, its value, the records that state it. */
export interface TruthFact {
  /** The fact key over the source's dimensions, values canonical, as a page fact's is made. */
  key: string;
  dimensions: Record<string, string>;
  /** How findings name it: the key as the file writes it (compatlint's format) or as the records make it. */
  written: string;
  /** The value as a finding quotes it: the cell text, or the tested range (`>=7.13.4, <=9.4.1`). */
  text: string;
  value: Value;
  /** For a mapping of versions: the lowest and highest (null: that side is open) and, when listed, every tested version, sorted. */
  range?: { lower: RecordVersion | null; upper: RecordVersion | null; tested: RecordVersion[] | null };
  /** The records that state it, in file order (several when records share a key: `elastic-transport` and `elasticsearch`). */
  records: TruthRecord[];
}

/**
 * One source of truth, read and indexed: its facts by key, the problems of records that did not
 * map, and how a page fact finds the truth fact about it. Facts of compatlint's own format name
 * every dimension of a page fact (exact keys); a mapping's facts name only the dimensions it
 * builds (`integration`, `attribute`, `lang`), and a page fact with those, whatever else it has,
 * is about them.
 */
export class TruthSource {
  /** The file, relative to the working directory. */
  readonly file: string;
  readonly mappingName: string;
  readonly relations: TruthSourceSetup['relations'];
  readonly missing: TruthSourceSetup['missing'];
  readonly facts: readonly TruthFact[];
  readonly problems: ReadonlyArray<{ record: TruthRecord; problem: RecordProblem }>;
  /** compatlint's own format: findings name a fact by its key rather than by a record. */
  readonly byKey: boolean;
  private readonly index = new Map<string, TruthFact>();
  private readonly dimensionNames: string[];
  private readonly constants: Map<string, string>;

  constructor(
    init: { file: string; setup: TruthSourceSetup; facts: TruthFact[]; problems: Array<{ record: TruthRecord; problem: RecordProblem }> },
    private readonly vocabularies: SourceVocabularies,
  ) {
    this.file = init.file;
    this.mappingName = init.setup.mappingName;
    this.relations = init.setup.relations;
    this.missing = init.setup.missing;
    this.facts = init.facts;
    this.problems = init.problems;
    this.byKey = init.setup.mapping === 'compatlint';
    for (const f of init.facts) this.index.set(f.key, f);
    const dimensions = init.setup.mapping === 'compatlint' ? {} : init.setup.mapping.dimensions;
    this.dimensionNames = Object.keys(dimensions).sort();
    this.constants = new Map();
    for (const [d, expression] of Object.entries(dimensions)) {
      const constant = constantOf(expression);
      if (constant !== null) this.constants.set(d, this.canonical(d, constant));
    }
  }

  canonical(dimension: string, text: string): string {
    return canonicalIn(this.vocabularies, dimension, text);
  }

  /** The truth fact about a page fact, if the source states one. */
  lookup(fact: { key: string; dimensions: Record<string, string> }): TruthFact | undefined {
    if (this.byKey) return this.index.get(fact.key);
    const parts: string[] = [];
    for (const d of this.dimensionNames) {
      const v = fact.dimensions[d];
      if (v === undefined) return undefined;
      parts.push(`${d}=${this.canonical(d, v)}`);
    }
    return this.index.get(parts.join('; '));
  }

  /**
   * Whether a page fact is of the kind this source speaks about: it has the source's dimensions,
   * with the value the mapping gives every record where it gives a constant (`attribute:
   * "'versions'"`, `lang: "'python'"`). `--truth-missing` reports such a fact when no truth fact names it.
   */
  speaksOf(fact: { dimensions: Record<string, string> }): boolean {
    if (this.byKey) return false;
    return this.dimensionNames.every((d) => {
      const v = fact.dimensions[d];
      if (v === undefined) return false;
      const constant = this.constants.get(d);
      return constant === undefined || constant === this.canonical(d, v);
    });
  }
}

type SourceVocabularies = { source: Vocabularies; config: Vocabularies };

/** A dimension's value as both sides compare it: the source's vocabulary, then config's, then the normalized text. */
function canonicalIn(vocabularies: SourceVocabularies, dimension: string, text: string): string {
  return vocabularies.source.get(dimension)?.lookup(text) ?? vocabularies.config.get(dimension)?.lookup(text) ?? normalizeTerm(text);
}

let truthValidator: ReturnType<typeof compileSchema> | undefined;

/**
 * Read every source of truth once: the file (bounded like a page), its format, its mapping.
 * A file that cannot be read or parsed, or that the mapping finds no records in, is a one-line
 * error naming the file; a record that does not map is kept as a problem of the source.
 */
export function loadTruthSources(
  sources: readonly TruthSourceSetup[],
  options: { cwd: string; vocabulary: CompiledVocabulary; setup: FactsSetup; maxBytes: number },
): TruthSource[] {
  return sources.map((source) => {
    const shown = toPosix(path.relative(options.cwd, source.file));
    const fail = (why: string) => new UsageError(`Truth file ${shown}: ${why}`);
    let text: string;
    try {
      text = readRegularFile(source.file, options.maxBytes).toString('utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = error instanceof ReadRefused ? (error.reason === 'too-large' ? `larger than ${options.maxBytes} bytes` : 'not a regular file') : code === 'ENOENT' ? 'no such file' : (error as Error).message;
      throw fail(`cannot read it (${reason})`);
    }
    let file: ReturnType<typeof parseDataFile>;
    try {
      file = parseDataFile(text, source.format);
    } catch (error) {
      throw fail(`not valid ${source.format.toUpperCase()} (${(error as Error).message})`);
    }
    const vocabularies = { source: new Vocabularies(source.vocabulary, `Invalid config: truth (${shown}) vocabulary`), config: options.setup.vocabularies };
    const canonical = (d: string, v: string) => canonicalIn(vocabularies, d, v);
    if (source.mapping === 'compatlint') {
      const facts = compatlintFacts(file.data, file.lineOf, shown, options.vocabulary, fail);
      return new TruthSource({ file: shown, setup: source, facts, problems: [] }, vocabularies);
    }
    let mapped: ReturnType<typeof applyMapping>;
    try {
      mapped = applyMapping(file.data, source.mapping, file.lineOf);
    } catch (error) {
      throw fail(`${(error as Error).message} (mapping ${source.mappingName})`);
    }
    const problems = [...mapped.problems];
    const wantsRange = source.relations.some((r) => r.relation !== 'equal');
    const facts = mergeRecords(mapped.records, canonical, options.vocabulary, source.mapping.syntax, problems).filter((f) => {
      if (!wantsRange || f.range || rangeOf(f.value) !== null) return true;
      problems.push({ record: f.records[0] as TruthRecord, problem: { code: 'no-range', text: f.text } });
      return false;
    });
    problems.sort((a, b) => a.record.ordinal - b.record.ordinal);
    return new TruthSource({ file: shown, setup: source, facts, problems }, vocabularies);
  });
}

/** Records with the same key are one fact: tested versions add up, a value must be the same. */
function mergeRecords(
  records: readonly MappedRecord[],
  canonical: (dimension: string, text: string) => string,
  vocabulary: CompiledVocabulary,
  syntax: VersionSyntax,
  problems: Array<{ record: TruthRecord; problem: RecordProblem }>,
): TruthFact[] {
  const byKey = new Map<string, { dimensions: Record<string, string>; records: MappedRecord[] }>();
  for (const r of records) {
    const dimensions = Object.fromEntries(Object.entries(r.dimensions).map(([d, v]) => [d, canonical(d, v)]));
    const key = factKey(dimensions);
    const group = byKey.get(key) ?? { dimensions, records: [] };
    group.records.push(r);
    byKey.set(key, group);
  }
  const out: TruthFact[] = [];
  for (const [key, { dimensions, records: group }] of byKey) {
    const first = group[0] as MappedRecord;
    if (first.value !== undefined) {
      const value = normalizeValue(first.value, vocabulary, syntax);
      const same = group.filter((r) => {
        if (r === first || valueKey(normalizeValue(r.value ?? '', vocabulary, syntax)) === valueKey(value)) return true;
        problems.push({ record: r.record, problem: { code: 'duplicate', key, other: first.record } });
        return false;
      });
      out.push({ key, dimensions, written: key, text: first.value, value, records: same.map((r) => r.record) });
      continue;
    }
    const lower = extreme(group.flatMap((r) => r.versions?.lower ?? []), -1);
    const upper = extreme(group.flatMap((r) => r.versions?.upper ?? []), 1);
    const listed = group.every((r) => r.versions?.tested);
    const tested = listed ? uniqueSorted(group.flatMap((r) => r.versions?.tested ?? [])) : null;
    const interval: VersionInterval = {};
    if (lower) interval.min = { version: lower.version, inclusive: true };
    if (upper) interval.max = upper.series ? { version: nextSeries(upper.version), inclusive: false } : { version: upper.version, inclusive: true };
    const text = lower && upper && lower.version === upper.version ? `==${lower.text}` : [lower ? `>=${lower.text}` : '', upper ? `<=${upper.text}` : ''].filter(Boolean).join(', ');
    out.push({
      key,
      dimensions,
      written: key,
      text,
      value: { kind: 'version', version: expression([interval]) },
      range: { lower, upper, tested },
      records: group.map((r) => r.record),
    });
  }
  return out;
}

function extreme(versions: readonly RecordVersion[], sign: 1 | -1): RecordVersion | null {
  let best: RecordVersion | null = null;
  for (const v of versions) if (!best || sign * compareVersions(v.version, best.version) > 0) best = v;
  return best;
}

function uniqueSorted(versions: readonly RecordVersion[]): RecordVersion[] {
  const seen = new Map<string, RecordVersion>();
  for (const v of versions) if (!seen.has(v.version)) seen.set(v.version, v);
  return [...seen.values()].sort((a, b) => compareVersions(a.version, b.version));
}

/**
 * compatlint's own format: `{ "version": 1, "facts": { "<dimension>=<value>; ...": "<value>" } }`.
 * Keys are fact keys (dimensions in any order); values are written as a page would write a
 * cell (`supported`, `1.5.0`, `Preview (>=2.21.0)`).
 */
function compatlintFacts(
  data: unknown,
  lineOf: (pointer: string) => number | null,
  shown: string,
  vocabulary: CompiledVocabulary,
  fail: (why: string) => UsageError,
): TruthFact[] {
  truthValidator ??= compileSchema(
    JSON.parse(readFileSync(path.join(packageRoot, 'schemas', 'truth.schema.json'), 'utf8')) as Record<string, unknown>,
  );
  if (!truthValidator(data)) throw fail(describeSchemaErrors(truthValidator.errors ?? [], data));
  return Object.entries((data as { facts: Record<string, string> }).facts).map(([written, raw], i) => {
    const dimensions = parseKey(written, shown);
    const pointer = pointerOf(['facts', written]);
    return {
      key: factKey(dimensions),
      dimensions,
      written,
      text: raw,
      value: normalizeValue(raw, vocabulary),
      records: [{ pointer, ordinal: i + 1, line: lineOf(pointer) ?? 1 }],
    };
  });
}

/** `capability=iast; lang=python` → `{capability: 'iast', lang: 'python'}`. */
export function parseKey(written: string, file: string): Record<string, string> {
  const dims: Record<string, string> = {};
  for (const part of written.split(';')) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) throw new UsageError(`Truth file ${file}: key "${written}" is not "dimension=value; dimension=value"`);
    dims[trimmed.slice(0, eq).trim()] = trimmed.slice(eq + 1).trim();
  }
  if (Object.keys(dims).length === 0) throw new UsageError(`Truth file ${file}: empty key`);
  return dims;
}

/** How a value is written in a truth file: readable, and read back to the same value. */
export function truthText(value: Value, text: string, vocabulary: CompiledVocabulary): string {
  if (value.kind === 'supported' || value.kind === 'unsupported') return value.kind;
  if (valueKey(normalizeValue(text, vocabulary)) === valueKey(value)) return text;
  // The cell alone says less than the fact (`2.9.3` in a row named `Code Security (Preview)`).
  if (value.kind === 'preview') return value.version ? `Preview (${value.version.canonical})` : 'Preview';
  return text;
}

interface Vote {
  text: string;
  value: Value;
  count: number;
}

/**
 * The facts of the source-locale pages as a truth file. Where pages disagree on a fact, the
 * value most pages state wins (ties: the first page in path order).
 */
export function truthFromPages(
  pages: readonly PageModel[],
  setup: FactsSetup,
  vocabulary: CompiledVocabulary,
): { version: 1; facts: Record<string, string> } {
  const votes = new Map<string, Map<string, Vote>>();
  for (const page of sourcePages(pages, setup)) {
    for (const f of factsOf(page)) {
      const byValue = votes.get(f.fact.key) ?? new Map<string, Vote>();
      const k = valueKey(f.fact.value);
      const entry = byValue.get(k) ?? { text: truthText(f.fact.value, f.fact.text, vocabulary), value: f.fact.value, count: 0 };
      entry.count++;
      byValue.set(k, entry);
      votes.set(f.fact.key, byValue);
    }
  }
  const facts: Record<string, string> = {};
  for (const key of [...votes.keys()].sort()) {
    const candidates = [...(votes.get(key) as Map<string, Vote>).values()];
    // A vaguer statement (`Preview`) backs the one precise statement it agrees with.
    for (const vague of candidates.filter((c) => c.value.kind === 'preview' && !c.value.version)) {
      const precise = candidates.filter((c) => c !== vague && compareValues(c.value, vague.value) === 'agree');
      if (precise.length === 1) {
        (precise[0] as Vote).count += vague.count;
        vague.count = 0;
      }
    }
    let best: Vote | undefined;
    for (const v of candidates) if (!best || v.count > best.count) best = v;
    facts[key] = (best as Vote).text;
  }
  return { version: 1, facts };
}
