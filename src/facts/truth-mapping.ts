import jmespath from 'jmespath';
import type { VersionSyntax } from '../model/types.js';
import { singleVersion } from '../model/version.js';
import type { DataFormat } from '../parse/data-file.js';
import { UsageError } from '../util/errors.js';
import { pointerOf, pointersByIdentity } from '../util/json-pointer.js';
import type { VocabularyConfig } from './vocabulary.js';

/**
 * How a page's value must relate to a source of truth's:
 * - `equal`: the same fact (values agree as `consistency` compares them);
 * - `within`: every version the page admits lies in the truth's range (nothing untested promised);
 * - `covers`: every version the truth lists (or its whole range) is admitted by the page;
 * - `min-not-below`: the page's lowest version is not below the truth's;
 * - `max-not-above`: the page's highest version is not above the truth's.
 */
export type Relation = 'equal' | 'within' | 'covers' | 'min-not-below' | 'max-not-above';

export const RELATIONS: readonly Relation[] = ['equal', 'within', 'covers', 'min-not-below', 'max-not-above'];

export type RelationSetting = 'off' | 'warn' | 'error';

/** A mapping as config writes it: which records a data file holds and the facts each states, as JMESPath expressions. */
export interface TruthMappingConfig {
  description?: string;
  /** The records: an array (each element a record) or an object (one record). Default `@`. */
  records?: string;
  /** Each record expands to the entries of the object (or array) this gives: `{key, value, record}`. */
  entries?: string;
  /** Records for which this is false, null or empty are left out. */
  where?: string;
  /** The fact's dimensions: an expression per dimension (`'versions'` for a constant); null drops one a named mapping sets. */
  dimensions: Record<string, string | null>;
  /** The value, written as a table cell would be (`>=2.0`, `supported`). */
  value?: string;
  /**
   * Or the versions the record says were tested: each gives a version or a list of them. With
   * `series`, each names a release series whose latest release was tested (CI's `node-version: 18`).
   */
  versions?: { min?: string; max?: string; tested?: string; series?: boolean };
  /** The grammar of the record's versions (default `loose`). */
  syntax?: VersionSyntax;
  relations?: Partial<Record<Relation, RelationSetting>>;
  /** Terms per dimension, applied to the truth's values and to the pages' alike. */
  vocabulary?: Record<string, VocabularyConfig>;
  /** Severity of `--truth-missing` findings for this source (default `warn`). */
  missing?: RelationSetting;
}

/** One entry of config `truth`: a file in compatlint's own format, or a file read through a mapping. */
export type TruthEntryConfig =
  | string
  | {
      from: string;
      format?: DataFormat;
      /** A mapping's name (`compatlint`, a built-in, one of `truthMappings`) or a mapping. Default `compatlint`. */
      mapping?: string | TruthMappingConfig;
      relations?: Partial<Record<Relation, RelationSetting>>;
      dimensions?: Record<string, string | null>;
      vocabulary?: Record<string, VocabularyConfig>;
      missing?: RelationSetting;
    };

/** A query mapping after config resolved it: plain data, checked, with its entry's additions. */
export interface QueryMapping {
  records: string;
  entries?: string;
  where?: string;
  dimensions: Record<string, string>;
  value?: string;
  versions?: { min?: string; max?: string; tested?: string; series?: boolean };
  syntax: VersionSyntax;
}

/** A source of truth as config resolved it (plain data, so that it travels and fingerprints like the rest of config). */
export interface TruthSourceSetup {
  /** Absolute path. */
  file: string;
  format: DataFormat;
  /** The mapping's name as config gives it (`inline` for one written in place). */
  mappingName: string;
  /** `compatlint`: the file is in compatlint's own format (`version: 1`, `facts`). */
  mapping: 'compatlint' | QueryMapping;
  /** Relations checked, in `RELATIONS` order, each with its severity. */
  relations: Array<{ relation: Relation; severity: 'warn' | 'error' }>;
  missing: RelationSetting;
  vocabulary: Record<string, VocabularyConfig>;
}

// The functions of JMESPath's specification, which jmespath.js implements; any other name fails
// only when evaluated, which for a record filter would be on every record.
const FUNCTIONS = new Set([
  'abs', 'avg', 'ceil', 'contains', 'ends_with', 'floor', 'join', 'keys', 'length', 'map', 'max', 'max_by', 'merge',
  'min', 'min_by', 'not_null', 'reverse', 'sort', 'sort_by', 'starts_with', 'sum', 'to_array', 'to_number', 'to_string',
  'type', 'values',
]);

interface JmesNode {
  type: string;
  name?: string;
  value?: unknown;
  children?: Array<JmesNode | null>;
}

const compile = (jmespath as unknown as { compile(expression: string): JmesNode }).compile;

/** A config expression checked once: JMESPath syntax and function names; a problem is a one-line config error at `where`. */
export function checkExpression(expression: string, where: string): void {
  let ast: JmesNode;
  try {
    ast = compile(expression);
  } catch (error) {
    throw new UsageError(`${where}: ${JSON.stringify(expression)} is not a JMESPath expression (${(error as Error).message})`);
  }
  const stack: Array<JmesNode | null | undefined> = [ast];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) continue;
    if (node.type === 'Function' && !FUNCTIONS.has(node.name ?? '')) {
      throw new UsageError(`${where}: ${JSON.stringify(expression)} calls ${node.name}(), which JMESPath does not have`);
    }
    stack.push(...(node.children ?? []));
    if (node.type === 'KeyValuePair') stack.push(node.value as JmesNode);
  }
}

/** The text an expression always gives (a literal: `'versions'`, `` `3` ``), or null when it reads the record. */
export function constantOf(expression: string): string | null {
  const ast = compile(expression);
  return ast.type === 'Literal' && (typeof ast.value === 'string' || typeof ast.value === 'number') ? String(ast.value) : null;
}

/** Where a record of a truth file is: its JSON pointer when the records are the file's own values, its place among the records, its line. */
export type TruthRecord = {
  pointer: string | null;
  /** 1-based, among the records the mapping read. */
  ordinal: number;
  line: number;
};

/** A version a record names, in the shared dotted order, with the text it was written as. */
export interface RecordVersion {
  version: string;
  text: string;
  record: TruthRecord;
  /** The version names a release series (`18`: some 18.x), not one release. */
  series?: boolean;
}

/** What one record states, before records with the same key are merged. */
export interface MappedRecord {
  record: TruthRecord;
  /** As the record gives them, before any vocabulary. */
  dimensions: Record<string, string>;
  value?: string;
  versions?: { lower: RecordVersion[]; upper: RecordVersion[]; tested: RecordVersion[] | null };
}

/** Why a record gave no fact, or part of one: data, worded by the rule that reports it. */
export type RecordProblem =
  | { code: 'type'; field: string; found: string }
  | { code: 'version'; field: string; text: string; syntax: VersionSyntax }
  | { code: 'no-version' }
  | { code: 'failed'; field: string; error: string }
  | { code: 'duplicate'; key: string; other: TruthRecord }
  | { code: 'no-range'; text: string };

export interface MappingResult {
  records: MappedRecord[];
  problems: Array<{ record: TruthRecord; problem: RecordProblem }>;
}

/**
 * Apply a mapping to a data file's data. A problem of the file as a whole (the records
 * expression fails, gives no records) throws an Error with a one-line message; a problem of
 * one record is returned with the record, and the other records still count.
 */
export function applyMapping(data: unknown, mapping: QueryMapping, lineOf: (pointer: string) => number | null): MappingResult {
  let selected: unknown;
  try {
    selected = jmespath.search(data, mapping.records);
  } catch (error) {
    throw new Error(`the records expression ${JSON.stringify(mapping.records)} fails (${(error as Error).message})`);
  }
  const list = Array.isArray(selected) ? selected : isObject(selected) ? [selected] : null;
  if (list === null) throw new Error(`the records expression ${JSON.stringify(mapping.records)} gives ${typeName(selected)}, expected an array or an object`);
  const pointers = pointersByIdentity(data);
  const out: MappingResult = { records: [], problems: [] };
  let ordinal = 0;
  const recordAt = (pointer: string | null): TruthRecord => ({ pointer, ordinal: ++ordinal, line: (pointer === null ? null : lineOf(pointer)) ?? 1 });
  for (const item of list) {
    const expanded = expand(item, mapping, pointers);
    if ('problem' in expanded) {
      out.problems.push({ record: recordAt(expanded.pointer), problem: expanded.problem });
      continue;
    }
    for (const { subject, pointer } of expanded.subjects) {
      const keep = mapping.where === undefined ? { value: true } : evaluate(subject, mapping.where, 'where');
      if ('value' in keep && !truthy(keep.value)) continue;
      const record = recordAt(pointer);
      const problem = (p: RecordProblem) => out.problems.push({ record, problem: p });
      if ('error' in keep) problem(keep.error);
      else {
        const mapped = mapRecord(subject, record, mapping, problem);
        if (mapped) out.records.push(mapped);
      }
    }
  }
  if (ordinal === 0) throw new Error(`the mapping finds no record${mapping.where === undefined ? '' : ` that passes its \`where\``}`);
  return out;
}

type Subject = { subject: unknown; pointer: string | null };

/** A record, or with `entries` the records it expands to (`{key, value, record}`, named by the entry's pointer). */
function expand(item: unknown, mapping: QueryMapping, pointers: Map<object, string>): { subjects: Subject[] } | { problem: RecordProblem; pointer: string | null } {
  const own = isObject(item) || Array.isArray(item) ? (pointers.get(item) ?? null) : null;
  if (mapping.entries === undefined) return { subjects: [{ subject: item, pointer: own }] };
  const result = evaluate(item, mapping.entries, 'entries');
  if ('error' in result) return { problem: result.error, pointer: own };
  const entries = result.value;
  if (entries === null || entries === undefined) return { subjects: [] };
  if (!isObject(entries) && !Array.isArray(entries)) return { problem: { code: 'type', field: 'entries', found: typeName(entries) }, pointer: own };
  const at = pointers.get(entries) ?? null;
  const pairs: Array<[string, unknown]> = Array.isArray(entries) ? entries.map((v, i) => [String(i), v]) : Object.entries(entries);
  return { subjects: pairs.map(([key, value]) => ({ subject: { key, value, record: item }, pointer: at === null ? null : `${at}${pointerOf([key])}` })) };
}

function mapRecord(subject: unknown, record: TruthRecord, mapping: QueryMapping, problem: (p: RecordProblem) => void): MappedRecord | null {
  const dimensions: Record<string, string> = {};
  let ok = true;
  for (const [name, expression] of Object.entries(mapping.dimensions)) {
    const text = scalarText(subject, expression, `dimensions.${name}`, problem);
    if (text === null || text.trim() === '') {
      if (text !== null) problem({ code: 'type', field: `dimensions.${name}`, found: 'empty text' });
      ok = false;
    } else {
      dimensions[name] = text;
    }
  }
  if (!ok) return null;
  if (mapping.value !== undefined) {
    const value = scalarText(subject, mapping.value, 'value', problem);
    return value === null ? null : { record, dimensions, value };
  }
  const spec = mapping.versions ?? {};
  let failed = false;
  const read = (field: 'min' | 'max' | 'tested'): RecordVersion[] => {
    const expression = spec[field];
    if (expression === undefined) return [];
    const result = evaluate(subject, expression, `versions.${field}`);
    if ('error' in result) {
      problem(result.error);
      failed = true;
      return [];
    }
    const out: RecordVersion[] = [];
    for (const v of flat(result.value)) {
      if (typeof v !== 'string' && typeof v !== 'number') {
        problem({ code: 'type', field: `versions.${field}`, found: typeName(v) });
        continue;
      }
      const text = String(v);
      const version = singleVersion(text, mapping.syntax);
      if (version === null) problem({ code: 'version', field: `versions.${field}`, text, syntax: mapping.syntax });
      else out.push(spec.series ? { version, text, record, series: true } : { version, text, record });
    }
    return out;
  };
  const min = read('min');
  const max = read('max');
  const tested = spec.tested === undefined ? null : read('tested');
  const all = [...min, ...max, ...(tested ?? [])];
  if (all.length === 0) {
    if (!failed) problem({ code: 'no-version' });
    return null;
  }
  // A tested list bounds the range on both sides; without one, a side that gives no version is open.
  return { record, dimensions, versions: tested ? { lower: all, upper: all, tested: all } : { lower: min, upper: max, tested: null } };
}

function scalarText(subject: unknown, expression: string, field: string, problem: (p: RecordProblem) => void): string | null {
  const result = evaluate(subject, expression, field);
  if ('error' in result) {
    problem(result.error);
    return null;
  }
  const v = result.value;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  problem({ code: 'type', field, found: typeName(v) });
  return null;
}

function evaluate(subject: unknown, expression: string, field: string): { value: unknown } | { error: RecordProblem } {
  try {
    return { value: jmespath.search(subject, expression) };
  } catch (error) {
    return { error: { code: 'failed', field, error: (error as Error).message } };
  }
}

function flat(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value.flatMap(flat) : [value];
}

/** JMESPath's truth: false, null, empty text, an empty array or object are false. */
function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isObject(v)) return Object.keys(v).length > 0;
  return true;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** `null`, `a number`, `an object`: how a value found where text was expected is named. */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}
