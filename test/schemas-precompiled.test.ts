import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { ajvOptions, compileSchema, describeSchemaErrors, PRECOMPILED_FILE, precompiledName } from '../src/util/json-schema.js';
import { repoRoot } from './helpers/cli.js';

const built = existsSync(PRECOMPILED_FILE);
if (!built) console.warn('[compatlint tests] dist/ is not built: the precompiled schema tests are skipped (npm test builds first).');

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => void;
const schema = (file: string) => JSON.parse(readFileSync(path.join(repoRoot, 'schemas', file), 'utf8')) as Record<string, unknown>;

/** A validator compiled here and now, as for a user's schema. */
function compiledNow(s: Record<string, unknown>): ValidateFunction {
  const ajv = new Ajv(ajvOptions);
  addFormats(ajv);
  return ajv.compile(s);
}

const cases: { file: string; data: unknown[] }[] = [
  {
    file: 'config.schema.json',
    data: [
      { include: ['**/*.md'], rules: { 'table-column-count': 'error' } },
      { rules: { 'table-column-count': 'warning' } },
      { inclde: ['x'] },
      { overrides: [{ files: 'a.md' }] },
      { rules: { 'reference-unused': { severity: 'loud' } } },
      { site: { locales: [1] }, values: { supported: 'yes' } },
    ],
  },
  {
    file: 'truth.schema.json',
    data: [{ version: 1, facts: { 'lang=java': '1.2.0' } }, { version: 2, facts: {} }, { version: 1, facts: { 'no pair': 'x' } }, {}, []],
  },
  {
    file: 'datadog/compatibility-page.schema.json',
    data: [{ title: 'Java', code_lang: 'java' }, { title: 'Java', code_lang: 'Java' }, { title: '', further_reading: [{}] }, {}],
  },
];

describe.skipIf(!built)('precompiled schema validators (dist/schema-validators.cjs)', () => {
  const exported = createRequire(import.meta.url)(PRECOMPILED_FILE) as Record<string, ValidateFunction>;

  it('are what compileSchema returns for the package schemas', () => {
    for (const { file } of cases) {
      const s = schema(file);
      expect(compileSchema(s), file).toBe(exported[precompiledName(JSON.stringify(s))]);
    }
  });

  it('accept, reject and describe errors exactly as a validator compiled at run time', () => {
    for (const { file, data } of cases) {
      const s = schema(file);
      const ready = compileSchema(s);
      const now = compiledNow(s);
      for (const value of data) {
        const ok = ready(value);
        expect(ok, `${file}: ${JSON.stringify(value)}`).toBe(now(value));
        expect(ready.errors ?? null).toEqual(now.errors ?? null);
        if (!ok) expect(describeSchemaErrors(ready.errors ?? [], value)).toBe(describeSchemaErrors(now.errors ?? [], value));
      }
    }
  });

  it('leave a schema that differs from the package copy to be compiled at run time', () => {
    const edited = { ...schema('truth.schema.json'), title: 'edited by a user' };
    expect(exported[precompiledName(JSON.stringify(edited))]).toBeUndefined();
    const validate = compileSchema(edited);
    expect(validate).not.toBe(exported[precompiledName(JSON.stringify(schema('truth.schema.json')))]);
    const now = compiledNow(edited);
    expect(validate({ version: 2 })).toBe(false);
    now({ version: 2 });
    expect(validate.errors).toEqual(now.errors);
  });
});

describe('schemas compiled at run time', () => {
  it('each keeps its own patterns (ajv shares a compiled pattern between schemas by its text)', () => {
    const digits = compileSchema({ type: 'string', pattern: '^[0-9]+$', description: 'digits, compiled first' });
    const letters = compileSchema({ type: 'string', pattern: '^[a-z]+$', description: 'letters, compiled second' });
    expect([digits('123'), digits('abc'), letters('abc'), letters('123')]).toEqual([true, false, true, false]);
  });
});
