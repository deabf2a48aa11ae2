import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ReadRefused, readRegularFile } from '../util/read.js';
import { parseYamlData } from '../parse/yaml-data.js';
import { compileSchema, describeSchemaErrors } from '../util/json-schema.js';
import { jsonSyntaxError, UsageError } from '../util/errors.js';
import { toPosix } from '../util/posix.js';
import type { PageModel, Value } from '../model/types.js';
import { type CompiledVocabulary, normalizeValue, valueKey } from '../model/values.js';
import { packageRoot } from '../util/paths.js';
import { compareValues } from './compare.js';
import { factsOf, sourcePages } from './corpus.js';
import type { FactsSetup } from './config.js';
import { factKey } from '../model/facts.js';

/**
 * Source-of-truth files: canonical facts kept by another team or system, as
 * `{ "version": 1, "facts": { "<dimension>=<value>; ...": "<value>" } }` in JSON or YAML.
 * Keys are fact keys (dimensions in any order); values are written as a page would write a
 * cell (`supported`, `1.5.0`, `Preview (>=2.21.0)`).
 */
export interface TruthEntry {
  /** The fact key, dimensions sorted. */
  key: string;
  /** The key as written in the file. */
  written: string;
  text: string;
  value: Value;
  /** Truth file relative to the working directory, and the line of the key in it. */
  file: string;
  line: number;
}

let truthValidator: ReturnType<typeof compileSchema> | undefined;

export function loadTruthFiles(files: string[], base: string, cwd: string, vocabulary: CompiledVocabulary): TruthEntry[] {
  truthValidator ??= compileSchema(
    JSON.parse(readFileSync(path.join(packageRoot, 'schemas', 'truth.schema.json'), 'utf8')) as Record<string, unknown>,
  );
  const out: TruthEntry[] = [];
  for (const file of files) {
    const abs = path.resolve(base, file);
    const shown = toPosix(path.relative(cwd, abs));
    let text: string;
    try {
      text = readRegularFile(abs).toString('utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = error instanceof ReadRefused ? (error.reason === 'too-large' ? 'too large' : 'not a regular file') : code === 'ENOENT' ? 'no such file' : (error as Error).message;
      throw new UsageError(`Truth file ${shown}: cannot read it (${reason})`);
    }
    let data: unknown;
    const json = /\.json$/i.test(abs);
    try {
      data = json ? JSON.parse(text) : parseYamlData(text);
    } catch (error) {
      throw new UsageError(`Truth file ${shown}: not valid ${json ? 'JSON' : 'YAML'} (${json ? jsonSyntaxError(error, text) : (error as Error).message.split('\n')[0]})`);
    }
    if (!truthValidator(data)) throw new UsageError(`Truth file ${shown}: ${describeSchemaErrors(truthValidator.errors ?? [], data)}`);
    const lines = text.split(/\r\n|\n|\r/);
    for (const [written, raw] of Object.entries((data as { facts: Record<string, string> }).facts)) {
      const dims = parseKey(written, shown);
      const index = lines.findIndex((l) => l.includes(written));
      out.push({
        key: factKey(dims),
        written,
        text: raw,
        value: normalizeValue(raw, vocabulary),
        file: shown,
        line: index === -1 ? 1 : index + 1,
      });
    }
  }
  return out;
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
