import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileSchema } from '../src/util/json-schema.js';
import { cli, repoRoot, tempTree } from './helpers/cli.js';
import { corpusRoot, hasCorpus } from './helpers/corpus.js';

const factsSchema = compileSchema(JSON.parse(readFileSync(path.join(repoRoot, 'schemas/facts.schema.json'), 'utf8')));
const truthSchema = compileSchema(JSON.parse(readFileSync(path.join(repoRoot, 'schemas/truth.schema.json'), 'utf8')));
const example = path.join(repoRoot, 'fixtures/example-site');

describe('extract', () => {
  test('facts of every table, valid against schemas/facts.schema.json', async () => {
    const r = await cli(['extract', 'content/en/profiler/compatibility/python.md'], example);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(factsSchema(out), JSON.stringify(factsSchema.errors)).toBe(true);
    const page = out.pages[0];
    expect(page).toMatchObject({ locale: 'en', path: 'profiler/compatibility/python.md', dimensions: { lang: 'python' } });
    expect(page.tables.map((t: { kind: string }) => t.kind)).toEqual(['capabilities', 'deployments', 'deployments', '']);
    const cpu = page.tables[0].rows[0].facts[0];
    expect(cpu).toMatchObject({
      key: 'attribute=min-version; capability=cpu; lang=python',
      header: 'Minimum Python library version',
      raw: '1.3.0',
      value: { kind: 'version', version: { canonical: '1.3' } },
      line: 14,
    });
    // A table no kind recognizes is listed with generic dimensions.
    expect(page.tables[3].rows[0].facts[0].dimensions).toEqual({ row: 'cpython', column: 'versions' });
  });

  test('--format model prints page models; an unknown format is a usage error', async () => {
    const r = await cli(['extract', '-f', 'model', 'content/en/profiler/compatibility/ruby.md'], example);
    expect(JSON.parse(r.stdout).pages[0].frontMatter.data.code_lang).toBe('Ruby');
    expect((await cli(['extract', '-f', 'xml'], example)).code).toBe(2);
  });

  test('--format truth writes a truth file that check then accepts, and that catches a later edit', async () => {
    const dir = tempTree({});
    cpSync(example, dir, { recursive: true });
    const r = await cli(['extract', '-f', 'truth', '-o', 'truth.json'], dir);
    expect(r.code).toBe(0);
    const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8'));
    expect(truthSchema(truth)).toBe(true);
    // `Preview` on the overview backs the Python page's precise `Preview (>=1.6.0)`.
    expect(truth.facts['attribute=min-version; capability=locks; lang=python']).toBe('Preview (>=1.6.0)');
    expect(truth.facts['attribute=support; capability=cpu; deployment=aws-lambda; lang=python']).toBe('supported');
    writeFileSync(path.join(dir, 'compatlint.config.yaml'), `${readFileSync(path.join(dir, 'compatlint.config.yaml'), 'utf8')}\ntruth: ["truth.json"]\n`);
    const drift = async () =>
      JSON.parse((await cli(['check', '-f', 'json'], dir)).stdout)
        .diagnostics.filter((d: { ruleId: string }) => d.ruleId === 'truth-drift')
        .map((d: { file: string; line: number }) => `${d.file}:${d.line}`);
    // The pages disagree on CPU profiling for Python (1.2.0 and 1.3.0): the truth file takes one side.
    expect(await drift()).toEqual(['content/en/profiler/compatibility/python.md:14']);
    const page = path.join(dir, 'content/en/profiler/compatibility/python.md');
    writeFileSync(page, readFileSync(page, 'utf8').replace('| Memory profiling    | 1.4.0 ', '| Memory profiling    | 1.5.0 '));
    expect(await drift()).toEqual(['content/en/profiler/compatibility/python.md:14', 'content/en/profiler/compatibility/python.md:15']);
  });

  test('a truth file that is missing, malformed, or has a bad key is a one-line config error', async () => {
    for (const [files, message] of [
      [{}, /Truth file t\.yaml: cannot read it \(no such file\)/],
      [{ 't.yaml': 'version: 1\nfacts: [1, 2]\n' }, /Truth file t\.yaml: facts: expected object, found array/],
      [{ 't.yaml': 'version: 1\nfacts:\n  "no equals sign": "x"\n' }, /Truth file t\.yaml: facts: invalid key "no equals sign"/],
    ] as const) {
      const dir = tempTree({ 'compatlint.config.yaml': 'truth: ["t.yaml"]\n', 'a.md': '# a\n', ...files });
      const r = await cli(['check'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});

describe.skipIf(!hasCorpus)('extract on the real tree', () => {
  test('every page of the corpus extracts to valid facts JSON with the datadog preset', async () => {
    const r = await cli(['extract', '--preset', 'datadog'], path.join(corpusRoot, 'datadog'));
    const out = JSON.parse(r.stdout);
    expect(factsSchema(out), JSON.stringify(factsSchema.errors?.slice(0, 3))).toBe(true);
    expect(out.pages.length).toBe(15);
  });
});
