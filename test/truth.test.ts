import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../src/config/load.js';
import type { Diagnostic } from '../src/engine/types.js';
import type { TruthFact } from '../src/facts/truth.js';
import { checkRelation } from '../src/facts/truth-relations.js';
import type { RecordVersion, Relation, TruthRecord } from '../src/facts/truth-mapping.js';
import { lint } from '../src/lint/lint.js';
import { compileVocabulary, defaultValueVocabulary, normalizeValue } from '../src/model/values.js';
import { containsInterval, mergeIntervals, parseVersionExpr, singleVersion } from '../src/model/version.js';
import { readCsv } from '../src/parse/csv.js';
import { parseDataFile } from '../src/parse/data-file.js';
import { cli, repoRoot, tempTree } from './helpers/cli.js';

const vocabulary = compileVocabulary(defaultValueVocabulary);
const brief = (d: Diagnostic) => `${d.file}:${d.line} ${d.severity} ${d.messageId}`;

describe('CSV (RFC 4180)', () => {
  test('quoted fields hold commas, quotes and line breaks; each record knows its line', () => {
    const table = readCsv('\ufeffname,versions,note\r\nflask,"1.1, 2.0","says ""hi"""\r\ndjango,4.2,"two\nlines"\nbottle,0.12,\n');
    expect(table.header).toEqual(['name', 'versions', 'note']);
    expect(table.rows).toEqual([
      { fields: ['flask', '1.1, 2.0', 'says "hi"'], line: 2 },
      { fields: ['django', '4.2', 'two\nlines'], line: 3 },
      { fields: ['bottle', '0.12', ''], line: 5 },
    ]);
  });

  test('blank lines are skipped; a last line without a line break is a record', () => {
    expect(readCsv('a,b\n\n1,2\r\n\r\n3,4').rows).toEqual([
      { fields: ['1', '2'], line: 3 },
      { fields: ['3', '4'], line: 5 },
    ]);
  });

  test.each([
    ['a,b\n"1,2\n', 'a quoted field opened at line 2 is never closed'],
    ['a,b\n"1"x,2\n', 'unexpected text after a closing quote at line 2'],
    ['a,b\n1,2"3\n', 'a quote inside an unquoted field at line 2'],
    ['a,b\n1,2\n3\n', 'the record at line 3 has 1 fields, the header 2'],
    ['a,a\n1,2\n', 'column "a" is named twice'],
    ['a,,c\n1,2,3\n', 'an empty column name in the header at line 1'],
    ['', 'no header line'],
  ])('%j is refused: %s', (text, message) => {
    expect(() => readCsv(text)).toThrow(message);
  });
});

describe('data files with positions', () => {
  test('JSON: data as JSON.parse reads it, lines by JSON pointer', () => {
    const file = parseDataFile('{\n  "a": [\n    {"x": 1},\n    {"y/z": 2}\n  ]\n}\n', 'json');
    expect(file.data).toEqual({ a: [{ x: 1 }, { 'y/z': 2 }] });
    expect(file.lineOf('/a/0')).toBe(3);
    expect(file.lineOf('/a/1/y~1z')).toBe(4);
    expect(file.lineOf('/nothing')).toBeNull();
    expect(() => parseDataFile('{"a": [1,}', 'json')).toThrow(/^[^\n]+$/);
  });

  test('YAML: a plain number that would lose digits stays as written; quoted and exact numbers do not change', () => {
    const file = parseDataFile('versions: [3.10, 3.9, "3.11", 18, 1.0]\nmin: 6.1.7\n', 'yaml');
    expect(file.data).toEqual({ versions: ['3.10', 3.9, '3.11', 18, '1.0'], min: '6.1.7' });
    expect(file.lineOf('/min')).toBe(2);
  });

  test('TOML: tables and arrays of tables have lines; a syntax error names its line', () => {
    const text = '# x\n[project]\nname = "a"\n\n[[tool.matrix]]\nv = "1"\n[[tool.matrix]]\nv = "2"\n[tool."my.pkg"]\nx = 1\n';
    const file = parseDataFile(text, 'toml');
    expect(file.lineOf('/project')).toBe(2);
    expect(file.lineOf('/project/name')).toBe(2);
    expect(file.lineOf('/tool/matrix/1')).toBe(7);
    expect(file.lineOf('/tool/my.pkg')).toBe(9);
    expect(() => parseDataFile('a = [1,\n', 'toml')).toThrow(/at line 2$/);
  });

  test('CSV: records are objects by header, each at its line', () => {
    const file = parseDataFile('name,min\r\nflask,1.1\r\n"dj\r\nango",4.2\r\n', 'csv');
    expect(file.data).toEqual([{ name: 'flask', min: '1.1' }, { name: 'dj\r\nango', min: '4.2' }]);
    expect(file.lineOf('/1')).toBe(3);
    expect(file.lineOf('/1/min')).toBe(3);
    expect(file.lineOf('/7')).toBeNull();
  });
});

describe('version sets', () => {
  test('unions merge where they touch or overlap, and containment is exact on the merged union', () => {
    const alts = (text: string) => parseVersionExpr(text)!.alternatives;
    const merged = mergeIntervals([...alts('>=1.0 <2.0'), ...alts('>=2.0 <3.0'), ...alts('>=5')]);
    expect(merged).toEqual([
      { min: { version: '1.0.0', inclusive: true }, max: { version: '3.0.0', inclusive: false } },
      { min: { version: '5', inclusive: true } },
    ]);
    expect(containsInterval(merged, alts('>=1.5 <2.5')[0]!)).toBe(true);
    expect(containsInterval(merged, alts('>=2.5 <4')[0]!)).toBe(false);
    expect(mergeIntervals([...alts('>=1 <2'), ...alts('>=2.0.1 <3')])).toHaveLength(2);
  });

  test('a data file names one version at a time', () => {
    expect(singleVersion('3.7.4.post0', 'pep440')).toBe('3.7.4');
    expect(singleVersion('3.10')).toBe('3.10');
    expect(singleVersion('18')).toBe('18');
    expect(singleVersion('>=3.9')).toBeNull();
    expect(singleVersion('latest', 'pep440')).toBeNull();
  });
});

describe('relations', () => {
  const record: TruthRecord = { pointer: '/0', ordinal: 1, line: 2 };
  const v = (text: string): RecordVersion => ({ version: singleVersion(text, 'pep440')!, text, record });
  /** A truth fact from tested versions: a list (`covers` checks each) or only the range's ends. */
  function tested(versions: string[], listed = true): TruthFact {
    const sorted = versions.map(v);
    return {
      key: 'k',
      dimensions: {},
      written: 'k',
      text: 'tested',
      value: normalizeValue(`>=${versions[0]}, <=${versions[versions.length - 1]}`, vocabulary),
      range: { lower: sorted[0]!, upper: sorted[sorted.length - 1]!, tested: listed ? sorted : null },
      records: [record],
    };
  }
  function stated(text: string): TruthFact {
    return { key: 'k', dimensions: {}, written: 'k', text, value: normalizeValue(text, vocabulary), records: [record] };
  }
  const check = (relation: Relation, page: string, truth: TruthFact) => checkRelation(relation, normalizeValue(page, vocabulary), truth);

  test.each([
    ['covers', '>= 1.6, < 8.0', tested(['7.13.4', '8.19.1']), { relation: 'covers', left: ['8.19.1'], total: 2 }],
    ['covers', '>= 7', tested(['7.13.4', '8.19.1']), null],
    ['covers', '>= 0.9', tested(['0.6.8', '1.4.0']), { relation: 'covers', left: ['0.6.8'], total: 2 }],
    // A list is checked version by version: a page's gap between them is no failure...
    ['covers', '1.x || 3.x', tested(['1.5', '3.2']), null],
    // ...but with only the range's ends, the whole range must be inside.
    ['covers', '1.x || 3.x', tested(['1.5', '3.2'], false), { relation: 'covers', left: [], total: null }],
    ['covers', '>= 2', tested(['1.5', '3.2'], false), { relation: 'covers', left: ['1.5'], total: null }],
    ['covers', 'Fully supported', tested(['1.5']), null],
    ['covers', '', tested(['1.5', '2.0']), { relation: 'covers', left: ['1.5', '2.0'], total: 2 }],
    ['within', '>= 2.1, < 2.5', tested(['2.0', '2.9']), null],
    ['within', '>= 2.0, < 3', tested(['2.0', '2.9']), { relation: 'within', side: 'above', bound: '2.9' }],
    ['within', '>= 1', tested(['2.0', '2.9']), { relation: 'within', side: 'below', bound: '2.0' }],
    ['within', '2.5', tested(['2.0', '2.9']), { relation: 'within', side: 'above', bound: '2.9' }],
    ['min-not-below', '>= 1.0', tested(['21.1.2', '24.11.1']), { relation: 'min-not-below', page: '1.0', truth: '21.1.2' }],
    ['min-not-below', '>= 21.1.2', tested(['21.1.2']), null],
    ['min-not-below', '> 21.1.2', tested(['21.1.2']), null],
    ['min-not-below', 'Fully supported', tested(['1.1.8']), { relation: 'min-not-below', page: null, truth: '1.1.8' }],
    ['min-not-below', '', tested(['1.1.8']), null],
    ['max-not-above', '< 8.0', tested(['7.0', '9.4']), null],
    // `<= 9.4` reads as the 9.4 series, up to `<9.5`, which is above a tested 9.4.
    ['max-not-above', '<= 9.4', tested(['7.0', '9.4']), { relation: 'max-not-above', page: '<9.5', truth: '9.4' }],
    ['max-not-above', '>= 2', tested(['7.0']), { relation: 'max-not-above', page: null, truth: '7.0' }],
    ['max-not-above', '>= 2.0, <= 3.1', stated('<= 3.0'), { relation: 'max-not-above', page: '<3.2', truth: '<3.1' }],
    ['equal', '>= 2.2.28', stated('2.2.28'), null],
    ['equal', '>= 2.2', stated('2.2.28'), { relation: 'equal' }],
    ['equal', '>= 2.2.28', tested(['2.2.28', '4.2']), { relation: 'equal' }],
  ] as const)('%s: the page says %j', (relation, page, truth, failure) => {
    const outcome = check(relation, page, truth);
    if (failure === null) expect(outcome).toEqual({ holds: true });
    else expect(outcome).toEqual({ holds: false, failure, record });
  });

  test('a tested series (`node-version: 18`, the latest 18.x) is covered by a page that admits some of it', () => {
    const ci = tested(['18', '20', '22']);
    const series = { ...ci, range: { ...ci.range!, lower: { ...ci.range!.lower!, series: true }, upper: { ...ci.range!.upper!, series: true }, tested: ci.range!.tested!.map((t) => ({ ...t, series: true })) } };
    expect(check('covers', '>= 18.18', ci)).toMatchObject({ holds: false, failure: { left: ['18'] } });
    expect(check('covers', '>= 18.18', series)).toEqual({ holds: true });
    expect(check('covers', '>= 19', series)).toMatchObject({ holds: false, failure: { left: ['18'] } });
    expect(check('within', '>= 18, < 22.5', series)).toEqual({ holds: true });
    expect(check('within', '>= 18, < 22.5', ci)).toMatchObject({ holds: false, failure: { side: 'above' } });
  });

  test('a page value that states no range cannot be judged by a range relation, and says so', () => {
    for (const relation of ['within', 'covers', 'min-not-below', 'max-not-above'] as const) {
      expect(check(relation, 'see the notes', tested(['1.0']))).toEqual({ holds: 'unreadable' });
      expect(check(relation, 'Preview', tested(['1.0']))).toEqual({ holds: 'unreadable' });
    }
    expect(check('min-not-below', 'Preview (>=1.0)', tested(['1.0']))).toEqual({ holds: true });
  });
});

/** A tree with a config and one page checked against `truth` files. */
function tree(config: string, files: Record<string, string>): string {
  return tempTree({
    'compatlint.config.yaml': config,
    'docs/frameworks.md': '# Frameworks\n\n| Framework | Versions |\n|---|---|\n| Django | >= 2.2 |\n| Flask | >= 1.0 |\n',
    ...files,
  });
}

const KINDS = `include: ["docs/**/*.md"]
vocabulary:
  attribute: { versions: [Versions] }
tables:
  - id: frameworks
    match: { keyHeader: [Framework] }
    key: framework
    columns: attribute
    columnTypes: { "*": version }
`;

const CSV_TRUTH = `${KINDS}truth:
  - from: tested.csv
    mapping:
      dimensions: { framework: name, attribute: "'versions'" }
      versions: { min: min, max: max }
      relations: { covers: error, min-not-below: warn }
`;

describe('truth entries in config', () => {
  test('a CSV source: each record a fact, each relation at its severity, the record named', async () => {
    const cwd = tree(CSV_TRUTH, { 'tested.csv': 'name,min,max\ndjango,2.2.28,5.2\nflask,1.1.4,3.1\n' });
    const { result } = await lint({ cwd, paths: [], config: await loadConfig({ cwd }) });
    expect(result.diagnostics.map((d) => `${brief(d)} ${d.message}`)).toEqual([
      "docs/frameworks.md:5 warning minBelow `Django` / `Versions` is `>= 2.2` here, whose lower bound `2.2` is below the source of truth's, `2.2.28` (`min-not-below`; tested.csv, record `/0`)",
      "docs/frameworks.md:6 warning minBelow `Flask` / `Versions` is `>= 1.0` here, whose lower bound `1.0` is below the source of truth's, `1.1.4` (`min-not-below`; tested.csv, record `/1`)",
    ]);
    expect(result.diagnostics[0]!.related.map((r) => `${r.file}:${r.line} ${r.message}`)).toEqual(['tested.csv:2 The source of truth says `>=2.2.28, <=5.2`']);
  });

  test('a source whose facts are about no page fact checks nothing, and says so in a whole-tree run', async () => {
    const cwd = tree(CSV_TRUTH.replace('framework: name', 'framwork: name'), { 'tested.csv': 'name,min,max\ndjango,2.2.28,5.2\n' });
    const config = await loadConfig({ cwd });
    expect((await lint({ cwd, paths: [], config })).result.diagnostics.map((d) => `${brief(d)} ${d.message}`)).toEqual([
      'tested.csv:1 error unmatched Unexpected source of truth that no checked page states a fact of: none of its 1 fact (`attribute`, `framwork`) is about a page fact, so it checks nothing (mapping `inline`)',
    ]);
    // Checking one page says nothing of the others.
    expect((await lint({ cwd, paths: ['docs/frameworks.md'], config })).result.diagnostics).toEqual([]);
  });

  test("the rule's severity caps a relation's: warn makes errors warnings, off drops them", async () => {
    const cwd = tree(CSV_TRUTH.replace('min-not-below: warn', 'min-not-below: error'), { 'tested.csv': 'name,min,max\ndjango,2.2.28,5.2\n' });
    const run = async (severity: 'warn' | 'error' | 'off') =>
      (await lint({ cwd, paths: [], config: await loadConfig({ cwd, rules: { 'truth-drift': severity } }) })).result.diagnostics.map(brief);
    expect(await run('error')).toEqual(['docs/frameworks.md:5 error minBelow']);
    expect(await run('warn')).toEqual(['docs/frameworks.md:5 warning minBelow']);
    expect(await run('off')).toEqual([]);
  });

  test("an entry's relations, dimensions and vocabulary add to a named mapping's", async () => {
    const cwd = tree(
      `${KINDS}truthMappings:
  ci:
    records: "suites"
    dimensions: { framework: package, attribute: "'versions'", lang: "'python'" }
    versions: { tested: versions }
    relations: { covers: error }
truth:
  - from: ci.json
    mapping: ci
    dimensions: { lang: null }
    relations: { covers: off, min-not-below: warn }
    vocabulary: { framework: { django: [dj] } }
`,
      { 'ci.json': '{"suites": [{"package": "dj", "versions": ["3.2", "4.2"]}]}' },
    );
    const { result } = await lint({ cwd, paths: [], config: await loadConfig({ cwd }) });
    expect(result.diagnostics.map(brief)).toEqual(['docs/frameworks.md:5 warning minBelow']);
  });

  test('a record that breaks the mapping is a finding at its line; the other records still count', async () => {
    const cwd = tree(
      `${KINDS}truth:
  - from: tested.json
    mapping:
      records: "[*]"
      dimensions: { framework: name, attribute: "'versions'" }
      versions: { tested: "values(by_python)[]" }
      relations: { min-not-below: warn }
`,
      { 'tested.json': '[\n  {"name": "django", "by_python": {"3.9": "2.2.28"}},\n  {"name": "flask", "by_python": null}\n]\n' },
    );
    const { result } = await lint({ cwd, paths: [], config: await loadConfig({ cwd }) });
    expect(result.diagnostics.map((d) => `${brief(d)} ${d.message}`)).toEqual([
      "docs/frameworks.md:5 warning minBelow `Django` / `Versions` is `>= 2.2` here, whose lower bound `2.2` is below the source of truth's, `2.2.28` (`min-not-below`; tested.json, record `/0`)",
      'tested.json:3 error record Unexpected record `/1` in the source of truth: `versions.tested` fails (TypeError: values() expected argument 1 to be type object but received type null instead.) (mapping `inline`)',
    ]);
  });

  test('plain paths and `mapping: compatlint` read compatlint\'s own format, as before', async () => {
    for (const entry of ['"truth.yaml"', '{ from: truth.yaml }', '{ from: truth.yaml, mapping: compatlint }']) {
      const cwd = tree(`${KINDS}truth: [${entry}]\n`, { 'truth.yaml': 'version: 1\nfacts:\n  "attribute=versions; framework=django": ">= 3.2"\n' });
      const { result } = await lint({ cwd, paths: [], config: await loadConfig({ cwd }) });
      expect(result.diagnostics.map((d) => `${brief(d)} ${d.message}`)).toEqual([
        'docs/frameworks.md:5 error differs `Django` / `Versions` is `>= 2.2` here but `>= 3.2` in the source of truth (truth.yaml, key `attribute=versions; framework=django`)',
      ]);
    }
  });

  test('the same input gives the same findings, whatever the order of the truth entries', async () => {
    const entries = ['{ from: a.csv, mapping: { dimensions: { framework: n, attribute: "\'versions\'" }, value: v } }', '{ from: b.yaml, mapping: { records: "[*]", dimensions: { framework: n, attribute: "\'versions\'" }, versions: { min: v }, relations: { min-not-below: warn } } }'];
    const files = { 'a.csv': 'n,v\ndjango,>=3.0\n', 'b.yaml': '- { n: flask, v: 1.1.4 }\n' };
    const run = async (list: string[]) => {
      const cwd = tree(`${KINDS}truth: [${list.join(', ')}]\n`, files);
      return JSON.stringify((await lint({ cwd, paths: [], config: await loadConfig({ cwd }) })).result.diagnostics.map((d) => [d.line, d.message]));
    };
    const forward = await run(entries);
    expect(JSON.parse(forward)).toHaveLength(2);
    expect(await run([...entries].reverse())).toBe(forward);
  });
});

describe('bad mappings and bad truth files: one line, exit 2', () => {
  test.each([
    ['a JMESPath syntax error', 'mapping: { dimensions: { framework: "name[" }, value: v }', /truth\[0\]\.mapping\.dimensions\.framework: "name\[" is not a JMESPath expression \(/],
    ['a function JMESPath lacks', 'mapping: { dimensions: { framework: "lower(name)" }, value: v }', /truth\[0\]\.mapping\.dimensions\.framework: "lower\(name\)" calls lower\(\), which JMESPath does not have/],
    ['an unknown mapping', 'mapping: package-json-engine', /truth\[0\]\.mapping: unknown mapping "package-json-engine" \(did you mean package-json-engines\?\)/],
    ["a preset's mapping without the preset", 'mapping: dd-trace-py-supported-versions', /unknown mapping "dd-trace-py-supported-versions"/],
    ['both value and versions', 'mapping: { dimensions: { framework: n }, value: v, versions: { min: v } }', /a mapping gives either `value` \(a cell's text\) or `versions` \(min, max, tested\), found both/],
    ['neither value nor versions', 'mapping: { dimensions: { framework: n } }', /found neither/],
    ['every relation off', 'mapping: { dimensions: { framework: n }, value: v }\n    relations: { equal: off }', /truth\[0\]\.relations: every relation is off/],
    ['an unknown relation', 'mapping: { dimensions: { framework: n }, value: v }\n    relations: { around: error }', /truth\[0\]\.relations\.around: unknown key/],
    ['a vocabulary alias claimed twice', 'mapping: { dimensions: { framework: n }, value: v }\n    vocabulary: { framework: { a: [x], b: [x] } }', /"x" already names "a"/],
  ])('%s', async (_name, mapping, message) => {
    const cwd = tree(`${KINDS}truth:\n  - from: t.csv\n    ${mapping}\n`, { 't.csv': 'n,v\ndjango,1\n' });
    const r = await cli(['check'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  test.each([
    ['a name that says no format', { 't.txt': 'x' }, 'from: t.txt\n    mapping: { dimensions: { framework: n }, value: v }', /truth\[0\]\.format: cannot tell the format of t\.txt from its name/],
    ["compatlint's format in CSV", { 't.csv': 'a\n' }, 'from: t.csv', /compatlint's own format is JSON or YAML, not csv/],
    ['a missing file', {}, 'from: t.csv\n    mapping: { dimensions: { framework: n }, value: v }', /Truth file t\.csv: cannot read it \(no such file\)/],
    ['TOML that does not parse', { 't.toml': 'a = [1,\n' }, 'from: t.toml\n    mapping: { dimensions: { framework: n }, value: v }', /Truth file t\.toml: not valid TOML \(.*at line 2\)/],
    ['CSV that does not parse', { 't.csv': 'n,v\n"django,1\n' }, 'from: t.csv\n    mapping: { dimensions: { framework: n }, value: v }', /Truth file t\.csv: not valid CSV \(a quoted field opened at line 2 is never closed\)/],
    ['YAML that repeats a key', { 't.yaml': '- n: django\n  v: "1"\n  n: flask\n' }, 'from: t.yaml\n    mapping: { dimensions: { framework: n }, value: v }', /Truth file t\.yaml: not valid YAML \(Map keys must be unique at line 3\)/],
    ['a records expression that finds nothing', { 't.json': '{"a": 1}' }, 'from: t.json\n    mapping: { records: b, dimensions: { framework: n }, value: v }', /Truth file t\.json: the records expression "b" gives null, expected an array or an object \(mapping inline\)/],
    ['a mapping on the wrong file', { 'ci.yml': 'name: x\n' }, 'from: ci.yml\n    mapping: github-actions-matrix', /Truth file ci\.yml: the records expression "values\(jobs\)\[\]\.strategy\.matrix" fails \(.*\) \(mapping github-actions-matrix\)/],
    ['a where that keeps nothing', { 't.json': '[{"n": "x"}]' }, 'from: t.json\n    mapping: { where: "false", dimensions: { framework: n }, value: n }', /the mapping finds no record that passes its `where`/],
    ['a file larger than the page limit', { 't.csv': `n,v\n${'x,1\n'.repeat(100)}` }, 'from: t.csv\n    mapping: { dimensions: { framework: n }, value: v }\nlimits: { maxFileBytes: 64 }', /Truth file t\.csv: cannot read it \(larger than 64 bytes\)/],
  ])('%s', async (_name, files, entry, message) => {
    const cwd = tree(`${KINDS}truth:\n  - ${entry}\n`, files as Record<string, string>);
    const r = await cli(['check'], cwd);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.code).toBe(2);
  });
});

describe('docs/truth.md: worked examples on fixtures/truth-site', () => {
  const doc = readFileSync(path.join(repoRoot, 'docs/truth.md'), 'utf8');
  const site = path.join(repoRoot, 'fixtures/truth-site');

  test.each([
    ['project', ['compatlint.config.yaml', 'package.json', 'python/pyproject.toml', '.github/workflows/ci.yml', 'docs/install.md']],
    ['datadog', ['compatlint.config.yaml', 'vendor/dd-trace-py/registry.yaml', 'content/en/tracing/trace_collection/compatibility/python.md']],
  ])('the %s example shows its files as they are, and what check prints on them', async (name, files) => {
    const cwd = path.join(site, name);
    for (const file of files) expect(doc, `${name}/${file}`).toContain(`\n${readFileSync(path.join(cwd, file), 'utf8')}\`\`\`\n`);
    const r = await cli(['check', '--format', 'compact'], cwd);
    expect(r.code).toBe(1);
    expect(doc).toContain(`\`\`\`text\n$ compatlint check --format compact\n${r.stdout}\`\`\`\n`);
    const missing = await cli(['check', '--format', 'compact', '--truth-missing'], cwd);
    const added = missing.stdout.split('\n').filter((l) => !r.stdout.includes(l));
    expect(added.length).toBeGreaterThan(0);
    for (const line of added) expect(doc).toContain(line);
  });

  test('its config example loads, and its error examples are what compatlint prints', async () => {
    const block = /## Config\n[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)![1]!;
    const config = await loadConfig({ cwd: tempTree({}), config: parse(block) as never });
    expect(config.truth.map((t) => t.mappingName)).toEqual(['compatlint', 'dd-trace-py-supported-versions', 'package-json-engines', 'inline']);
    for (const [files, entry] of [
      [{ 't.csv': 'n,v\n' }, 'from: t.csv\n    mapping: { dimensions: { framework: "name[" }, value: v }'],
      [{ 'ci.yml': 'name: x\n' }, 'from: ci.yml\n    mapping: github-actions-matrix'],
    ] as const) {
      const r = await cli(['check'], tree(`${KINDS}truth:\n  - ${entry}\n`, files));
      expect(doc).toContain(`\`\`\`text\n${r.stderr}\`\`\`\n`);
    }
  });

  test('an edit that fixes the page makes the check pass', async () => {
    const cwd = tempTree({});
    const from = path.join(site, 'project');
    for (const file of ['compatlint.config.yaml', 'package.json', 'python/pyproject.toml', '.github/workflows/ci.yml', 'docs/install.md']) {
      const text = readFileSync(path.join(from, file), 'utf8');
      const fixed = file === 'docs/install.md' ? text.replace('>= 18     ', '>= 18.18  ').replace('3.8 - 3.12', '>= 3.9   ').concat('| Go      | 1.22, 1.23 |\n') : text;
      writeFileSync(path.join(cwd, path.basename(file)), fixed);
    }
    const config = readFileSync(path.join(from, 'compatlint.config.yaml'), 'utf8').replace('python/pyproject.toml', 'pyproject.toml').replace('.github/workflows/ci.yml', 'ci.yml').replace('docs/**/*.md', '*.md');
    writeFileSync(path.join(cwd, 'compatlint.config.yaml'), config);
    const r = await cli(['check', '--truth-missing'], cwd);
    expect(r.stdout).not.toContain('truth-drift');
    expect(r.code).toBe(0);
  });
});
