/**
 * Compile the JSON Schemas that compatlint itself validates with at run time (the config file,
 * truth files, the presets' front matter schemas, rule options) into ajv standalone code:
 * `dist/schema-validators.cjs`, one export per schema, named by the hash of the schema's JSON
 * text (see src/util/json-schema.ts). Run by `npm run build` after tsc, from dist/.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { _, Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import addFormatsModule from 'ajv-formats';
import { ajvOptions, PRECOMPILED_FILE, precompiledName } from '../dist/util/json-schema.js';
import { packageRoot } from '../dist/util/paths.js';
import { builtinRules } from '../dist/rules/registry.js';
import { NO_OPTIONS } from '../dist/engine/rule-set.js';

const addFormats = addFormatsModule.default ?? addFormatsModule;
const schemaDir = path.join(packageRoot, 'schemas');
const json = (file) => JSON.parse(readFileSync(path.join(schemaDir, file), 'utf8'));

const schemas = [
  json('config.schema.json'),
  json('truth.schema.json'),
  ...readdirSync(path.join(schemaDir, 'datadog')).map((f) => json(path.join('datadog', f))),
  NO_OPTIONS,
  ...builtinRules.flatMap((rule) => (rule.meta.optionsSchema ? [rule.meta.optionsSchema] : [])),
];

// A format check in a schema becomes a require of ajv-formats' own code, as at run time.
const ajv = new Ajv({ ...ajvOptions, code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } });
addFormats(ajv);
const exports = {};
for (const schema of schemas) {
  if (/2020-12|2019-09/.test(typeof schema.$schema === 'string' ? schema.$schema : '')) {
    throw new Error(`${schema.$id ?? 'a schema'}: only draft-07 schemas are precompiled; add a 2020-12 instance here`);
  }
  const name = precompiledName(JSON.stringify(schema));
  if (exports[name]) continue;
  ajv.addSchema(schema, name);
  exports[name] = name;
}
writeFileSync(PRECOMPILED_FILE, standaloneCode(ajv, exports));
