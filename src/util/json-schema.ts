import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv as Ajv07, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import { Ajv2020 as Ajv20 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { packageRoot } from './paths.js';
import { UserRegex } from './user-regex.js';

// ajv-formats is CommonJS; under ESM its plugin function may arrive wrapped in `default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv07,
) => void;

type AjvInstance = Ajv07;

/** Shared with scripts/precompile-schemas.mjs, so that precompiled validators report the same errors. */
export const ajvOptions: Options = { allErrors: true, strict: false, allowUnionTypes: true, verbose: true };

/**
 * `pattern` and `patternProperties` in a schema compiled at run time (a user's) run on RE2, as
 * every other pattern in config does: a schema cannot make validating a page's front matter or
 * table take exponential time. A pattern RE2 cannot run (lookaround, backreferences) makes the
 * schema invalid, reported where the schema is named.
 */
const linearRegExp = Object.assign(
  (pattern: string, flags: string) => {
    const re = UserRegex.compile(pattern, flags, 'JSON Schema pattern');
    // ajv keeps one compiled pattern per `toString()` of what this returns: it must name the pattern.
    return { test: (text: string) => re.test(text), toString: () => `/${pattern}/${flags}` };
  },
  { code: 'linearRegExp' },
);

function make(Ctor: typeof Ajv07 | typeof Ajv20): AjvInstance {
  const ajv = new Ctor({ ...ajvOptions, code: { ...ajvOptions.code, regExp: linearRegExp } });
  addFormats(ajv);
  return ajv;
}

/** Where `npm run build` writes the validators of the package's own schemas (ajv standalone code). */
export const PRECOMPILED_FILE = path.join(packageRoot, 'dist', 'schema-validators.cjs');

/** The export name of a schema's precompiled validator: the SHA-256 of its JSON text. */
export function precompiledName(schemaText: string): string {
  return `v${createHash('sha256').update(schemaText).digest('hex')}`;
}

let precompiled: Record<string, ValidateFunction> | undefined;

/**
 * Compiling a schema costs tens of milliseconds at every start (ajv first compiles the draft's
 * meta-schema to check it), a noticeable part of a one-page pre-commit run. The package's own
 * schemas are compiled at build time instead; a schema is looked up by the hash of its text,
 * so an edited or user-supplied schema, or a build without the file, is compiled here.
 */
function precompiledValidators(): Record<string, ValidateFunction> {
  if (precompiled === undefined) {
    try {
      precompiled = createRequire(import.meta.url)(PRECOMPILED_FILE) as Record<string, ValidateFunction>;
    } catch {
      precompiled = {};
    }
  }
  return precompiled;
}

let draft07: AjvInstance | undefined;
let draft2020: AjvInstance | undefined;

const compiled = new Map<string, ValidateFunction>();

/**
 * Compile a JSON Schema with the draft it declares (draft-07 unless it names 2019-09 or
 * 2020-12). Compiled once per content: ajv refuses a second schema with the same `$id`.
 */
export function compileSchema(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  const cached = compiled.get(key);
  if (cached) return cached;
  const ready = precompiledValidators()[precompiledName(key)];
  if (ready) {
    compiled.set(key, ready);
    return ready;
  }
  const declared = typeof schema.$schema === 'string' ? schema.$schema : '';
  let validate: ValidateFunction;
  if (/2020-12|2019-09/.test(declared)) {
    draft2020 ??= make(Ajv20);
    validate = draft2020.compile(schema);
  } else {
    draft07 ??= make(Ajv07);
    validate = draft07.compile(schema);
  }
  compiled.set(key, validate);
  return validate;
}

/** `/tables/2/match/heading` → `tables[2].match.heading`. */
export function pointerToPath(pointer: string, prefix = ''): string {
  let out = prefix;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else if (/^[\w$-]+$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

function valueAt(data: unknown, pointer: string): unknown {
  let cur = data;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/**
 * Pick the one error a person should see first and say it in one line, naming the path.
 * Among the branches of an `anyOf`, the one written for the value's own type wins: a string
 * rule setting is told the allowed words, an object setting is told what is wrong inside it.
 */
export function describeSchemaErrors(errors: ErrorObject[], data: unknown, prefix = ''): string {
  const candidates = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && e.keyword !== 'if');
  const pool = candidates.length > 0 ? candidates : errors;
  const score = (e: ErrorObject): number => {
    const value = valueAt(data, e.instancePath);
    const t = jsonType(value);
    let s = e.instancePath.split('/').length * 10;
    if (e.keyword === 'type') s -= 5;
    if (e.keyword === 'enum' && typeof value === 'string') s += 3;
    if (e.keyword === 'enum' && typeof value === 'object') s -= 8;
    if (e.keyword === 'type' && Array.isArray((e.params as { type?: unknown }).type) === false) {
      const expected = String((e.params as { type?: string }).type);
      if (expected === t || (expected === 'number' && t === 'integer')) s -= 20;
    }
    return s;
  };
  const best = [...pool].sort((a, b) => score(b) - score(a))[0] as ErrorObject;
  const { path, problem } = schemaErrorParts(best, data, prefix);
  return `${path}: ${problem}`;
}

/** One schema error as the path it concerns and what is wrong there. */
export function schemaErrorParts(e: ErrorObject, data: unknown, prefix = ''): { path: string; problem: string } {
  const text = describeOne(e, data, prefix);
  const colon = text.indexOf(': ');
  return { path: text.slice(0, colon), problem: text.slice(colon + 2) };
}

function describeOne(e: ErrorObject, data: unknown, prefix: string): string {
  const at = pointerToPath(e.instancePath, prefix) || '(root)';
  // Errors about a key (from `propertyNames`) carry the key; the value is beside the point.
  const key = (e as ErrorObject & { propertyName?: string }).propertyName;
  if (key !== undefined && e.keyword !== 'propertyNames') return `${at}: invalid key "${key}"`;
  const value = valueAt(data, e.instancePath);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'enum':
      return `${at}: expected one of ${(params.allowedValues as unknown[]).map(String).join(', ')}, found ${show(value)}`;
    case 'const':
      return `${at}: expected ${show(params.allowedValue)}, found ${show(value)}`;
    case 'type':
      return `${at}: expected ${String(params.type).replace(/,/g, ' or ')}, found ${jsonType(value)}`;
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys(((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}) as object);
      const hint = known.length > 0 ? ` (known keys: ${known.filter((k) => k !== '$schema').join(', ')})` : '';
      return `${pointerToPath(`${e.instancePath}/${key}`, prefix)}: unknown key${hint}`;
    }
    case 'required':
      return `${pointerToPath(`${e.instancePath}/${String(params.missingProperty)}`, prefix)}: missing required key`;
    case 'propertyNames':
      return `${at}: invalid key ${show(params.propertyName)}`;
    case 'pattern':
      return `${at}: expected text matching ${String(params.pattern)}, found ${show(value)}`;
    case 'minItems':
    case 'maxItems':
    case 'minLength':
    case 'maxLength':
    case 'minimum':
    case 'maximum':
    case 'format':
    default:
      return `${at}: ${e.message ?? 'is invalid'}`;
  }
}

function show(v: unknown): string {
  if (typeof v === 'string') return `"${v}"`;
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** A compiled JSON Schema and where it came from. */
export interface CompiledSchema {
  /** Where the schema came from, for messages: a path relative to the working directory, or `inline`. */
  source: string;
  validate: ValidateFunction;
}
