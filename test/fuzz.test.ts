import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { extractPage } from '../src/model/extract.js';
import { compileSchema } from '../src/util/json-schema.js';
import { loadConfig } from '../src/config/load.js';
import type { ResolvedConfig } from '../src/config/types.js';
import { runRules, sortDiagnostics } from '../src/engine/run.js';
import { RuleSet } from '../src/engine/rule-set.js';
import { runSetup } from '../src/config/load.js';

/** The config file as corpus rules name it (relative to the setup's folder). */
function configName(setup: { config: ResolvedConfig; cwd: string }): string | null {
  return setup.config.file ? path.relative(setup.cwd, setup.config.file).split(path.sep).join('/') : null;
}
import type { Diagnostic } from '../src/engine/types.js';
import { extractFacts, wantsFacts } from '../src/facts/extract.js';
import { pageFromBytes } from '../src/load/page.js';
import { LineIndex } from '../src/model/lines.js';
import type { PageModel } from '../src/model/types.js';
import { compileVocabulary } from '../src/model/values.js';
import { jsonReporter } from '../src/reporters/json.js';
import { stylishReporter } from '../src/reporters/stylish.js';
import { builtinRules } from '../src/rules/registry.js';
import { applyFixes, resolveLineEnd } from '../src/engine/edits.js';
import { MAX_FIX_PASSES } from '../src/fix/fix.js';
import { repoRoot } from './helpers/cli.js';
import { mdxPage, mutated, page } from './helpers/markdown-arbitraries.js';

/**
 * Property-based tests: generated and mutated pages through extraction and every rule.
 * `npm test` runs FUZZ_RUNS (default 40) cases per property; `npm run fuzz` runs 25,000 per
 * property, 100,000 in all. FUZZ_SEED and FUZZ_PATH replay a failure that fast-check reported.
 */
const runs = Number(process.env.FUZZ_RUNS ?? 40);
const replay = process.env.FUZZ_SEED === undefined ? {} : { seed: Number(process.env.FUZZ_SEED), path: process.env.FUZZ_PATH };
const long = runs > 1000;
/** FUZZ_PROGRESS=FILE: the long run appends a line there every 1,000 cases. */
const progressFile = process.env.FUZZ_PROGRESS;
let cases = 0;
const timeout = long ? 6 * 60 * 60 * 1000 : 60_000;

const exampleSite = path.join(repoRoot, 'fixtures/example-site');

interface Setup {
  name: string;
  cwd: string;
  config: ResolvedConfig;
  /** Page paths (relative to cwd) that the config's table kinds, page kinds and locales apply to. */
  files: string[];
  /** Real pages to mutate. */
  seeds: string[];
  /** Generated pages: Markdown, or MDX for `.mdx` files. */
  generated: fc.Arbitrary<string>;
}

async function allRulesOn(cwd: string, options: { configFile?: string; presets?: string[] }): Promise<ResolvedConfig> {
  const on = Object.fromEntries(builtinRules.map((r) => [r.meta.id, 'error' as const]));
  return await loadConfig({ cwd, lookup: false, rules: on, ...options });
}

const exampleFiles = ['content/en/profiler/compatibility/python.md', 'content/fr/profiler/compatibility/python.md', 'content/en/profiler/compatibility/_index.md', 'content/en/profiler/compatibility/ruby.md'];
const setups: Setup[] = [
  {
    name: 'example-site config',
    cwd: exampleSite,
    config: await allRulesOn(exampleSite, { configFile: 'compatlint.config.yaml' }),
    files: exampleFiles,
    seeds: exampleFiles.map((f) => readFileSync(path.join(exampleSite, f), 'utf8')),
    generated: page,
  },
  {
    name: 'datadog preset',
    cwd: exampleSite,
    config: await allRulesOn(exampleSite, { presets: ['datadog'] }),
    files: [
      'content/en/security/code_security/software_composition_analysis/setup_runtime/compatibility/python.md',
      'content/ja/security/code_security/software_composition_analysis/setup_runtime/compatibility/python.md',
      'content/en/security/code_security/iast/setup/compatibility/python.md',
    ],
    seeds: exampleFiles.map((f) => readFileSync(path.join(exampleSite, f), 'utf8')),
    generated: page,
  },
  {
    // The same pages written as MDX (a translation pair among them), and the Docusaurus fixture's MDX page.
    name: 'example-site config, .mdx pages',
    cwd: exampleSite,
    config: await allRulesOn(exampleSite, { configFile: 'compatlint.config.yaml' }),
    files: exampleFiles.map((f) => f.replace(/\.md$/, '.mdx')),
    seeds: [...exampleFiles.map((f) => readFileSync(path.join(exampleSite, f), 'utf8')), readFileSync(path.join(repoRoot, 'fixtures/docusaurus-mdx/docs/install.mdx'), 'utf8')],
    generated: mdxPage,
  },
];

const validateReport = compileSchema(JSON.parse(readFileSync(path.join(repoRoot, 'schemas/report.schema.json'), 'utf8')));

/** Model pages from bytes as `lint` does, without touching the disk. */
function modelPages(setup: Setup, texts: string[]): PageModel[] {
  const vocabulary = compileVocabulary(setup.config.values);
  const factsContext = wantsFacts(setup.config.facts) ? { setup: setup.config.facts, configRoot: setup.config.root, vocabulary } : null;
  return texts.map((text, i) => {
    const file = setup.files[i % setup.files.length] as string;
    const model = pageFromBytes(file, Buffer.from(text, 'utf8'), { vocabulary, maxFileBytes: setup.config.maxFileBytes });
    if (factsContext && model.problems.every((p) => p.ruleId !== 'parse-error')) {
      model.facts = extractFacts(model, path.join(setup.cwd, file), factsContext);
    }
    return model;
  });
}

/** The text positions refer to: the page as decoded (invalid UTF-16 became U+FFFD, the BOM is gone). */
function decodedText(text: string): string {
  const decoded = Buffer.from(text, 'utf8').toString('utf8');
  return decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
}

interface Point {
  line: number;
  column: number;
}

function assertPointInside(index: LineIndex, p: Point, what: string): void {
  expect(Number.isInteger(p.line) && p.line >= 1 && p.line <= index.lineCount, `${what}: line ${p.line} of ${index.lineCount}`).toBe(true);
  const length = index.lineEnd(p.line) - index.lineStart(p.line);
  expect(Number.isInteger(p.column) && p.column >= 1 && p.column <= length + 1, `${what}: column ${p.column} on a line of ${length}`).toBe(true);
}

function assertRangeInside(index: LineIndex, start: Point, end: Point, what: string): void {
  assertPointInside(index, start, what);
  assertPointInside(index, end, `${what} (end)`);
  expect(end.line > start.line || (end.line === start.line && end.column >= start.column), `${what}: end before start`).toBe(true);
}

/** Every span in a page model: offsets inside the text, and line/column the same as the offsets say. */
function assertModelSpans(model: PageModel, index: LineIndex): void {
  const visit = (value: unknown, where: string): void => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, `${where}[${i}]`));
      return;
    }
    const o = value as Record<string, unknown>;
    if (typeof o.offset === 'number' && typeof o.endOffset === 'number' && typeof o.line === 'number') {
      expect(o.offset >= 0 && o.offset <= o.endOffset && o.endOffset <= index.text.length, `${where}: offsets ${o.offset}-${o.endOffset} of ${index.text.length}`).toBe(true);
      expect({ ...o }, where).toEqual(index.span(o.offset, o.endOffset));
    }
    for (const [k, v] of Object.entries(o)) visit(v, `${where}.${k}`);
  };
  visit(model, model.file);
}

function checkRun(setup: Setup, texts: string[]): void {
  if (progressFile && ++cases % 1000 === 0) appendFileSync(progressFile, `${new Date().toISOString()} ${setup.name}: ${cases} cases\n`);
  const pages = modelPages(setup, texts);
  const indexes = new Map<string, LineIndex>();
  pages.forEach((model, i) => {
    const index = new LineIndex(decodedText(texts[i] as string));
    indexes.set(model.file, index);
    if (model.lineCount > 0) {
      expect(model.lineCount).toBe(index.lineCount);
      assertModelSpans(model, index);
    }
  });
  const configFile = setup.config.file;
  if (configFile) indexes.set(path.relative(setup.cwd, configFile), new LineIndex(readFileSync(configFile, 'utf8')));

  const run = (order: PageModel[]) => runRules(order, runSetup(setup.config, setup.cwd, true), { complete: true, configFile: configName(setup) });
  const result = run(pages);
  for (const d of result.diagnostics) {
    const index = indexes.get(d.file);
    expect(index, `diagnostic in an unknown file ${d.file}`).toBeDefined();
    assertRangeInside(index as LineIndex, d, { line: d.endLine, column: d.endColumn }, `${d.ruleId} at ${d.file}`);
    for (const r of d.related) {
      const rIndex = indexes.get(r.file);
      expect(rIndex, `related location in an unknown file ${r.file}`).toBeDefined();
      assertRangeInside(rIndex as LineIndex, r, { line: r.endLine, column: r.endColumn }, `related of ${d.ruleId}`);
    }
  }
  const sorted: Diagnostic[] = [...result.diagnostics];
  sortDiagnostics(sorted);
  expect(result.diagnostics).toEqual(sorted);

  const context = { rules: builtinRules.map((r) => r.meta), color: false, toolVersion: '0.0.0' };
  const json = jsonReporter(result, context);
  const report: unknown = JSON.parse(json);
  expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
  expect(typeof stylishReporter(result, { ...context, color: true })).toBe('string');

  // The same pages in the other order give the same report.
  expect(jsonReporter(run([...pages].reverse()), context)).toBe(json);
}

describe.each(setups)('generated pages through extract and every rule ($name)', (setup) => {
  const params = { numRuns: runs, ...replay, endOnFailure: true };
  // At most one text per page name, as a tree holds one file per path.
  const pages = (arb: fc.Arbitrary<string>) => fc.array(arb, { minLength: 1, maxLength: setup.files.length });

  test('no exception; positions inside the file; sorted, deterministic, schema-valid report', { timeout }, () => {
    fc.assert(fc.property(pages(setup.generated), (texts) => checkRun(setup, texts)), params);
  });

  test('the same for real pages after random edits', { timeout }, () => {
    fc.assert(fc.property(pages(mutated(fc.oneof(fc.constantFrom(...setup.seeds), setup.generated))), (texts) => checkRun(setup, texts)), params);
  });
});


/**
 * `--fix` on generated pages, in memory as `fixPages` does it: every fix edit lies inside the
 * text, text outside the edited spans stays byte for byte, and the fixes settle: once a pass
 * leaves nothing to fix, checking the result again finds nothing to fix (a second run is clean).
 */
function checkFixes(setup: Setup, text: string): void {
  const fixable = builtinRules.filter((r) => r.meta.fixable && r.meta.scope === 'page');
  const fixesOf = (t: string) => {
    const [model] = modelPages(setup, [t]);
    return runRules([model as PageModel], { ...runSetup(setup.config, setup.cwd), rules: new RuleSet(fixable) }, { complete: false, configFile: null }).diagnostics.flatMap((d) => (d.fix ? [d.fix] : []));
  };
  let current = decodedText(text);
  let fixes = fixesOf(text);
  for (let pass = 0; pass < MAX_FIX_PASSES && fixes.length > 0; pass++) {
    for (const edit of fixes.flat()) {
      expect(edit.offset >= 0 && edit.offset <= edit.endOffset && edit.endOffset <= current.length, `edit ${edit.offset}-${edit.endOffset} of ${current.length}`).toBe(true);
    }
    const applied = applyFixes(current, fixes);
    // An edit that removes a line takes its line ending too, whichever it is.
    const edits = fixes.flat().map((e) => resolveLineEnd(current, e));
    const first = Math.min(...edits.map((e) => e.offset));
    const last = Math.max(...edits.map((e) => e.endOffset));
    // Nothing before the first edited span or after the last one changes.
    expect(applied.text.slice(0, first)).toBe(current.slice(0, first));
    expect(applied.text.slice(applied.text.length - (current.length - last))).toBe(current.slice(last));
    if (applied.applied === 0) break;
    current = applied.text;
    fixes = fixesOf(current);
  }
  if (fixes.length === 0) expect(fixesOf(current)).toEqual([]);
}

describe.each([setups[0], setups[2]] as Setup[])('--fix on generated pages ($name, every rule on)', (setup) => {
  test('edits inside the text, nothing outside them changes, a second run finds nothing to fix', { timeout }, () => {
    fc.assert(fc.property(mutated(fc.oneof(fc.constantFrom(...setup.seeds), setup.generated)), (text) => checkFixes(setup, text)), { numRuns: runs, ...replay, endOnFailure: true });
  });
});

/**
 * Linearity: hostile pages of size n and 2n, where 2n takes at most 3× as long (plus a few ms
 * of noise). Pages past a limit are refused by a linear pre-scan, pages below are parsed; both
 * must scale linearly. Only in `npm run fuzz` (timing is for the benchmark, not unit tests).
 */
describe.runIf(runs >= 1000)('size doubling (npm run fuzz)', () => {
  const generators: Array<[string, (n: number) => string]> = [
    ['emphasis runs past the limit', (n) => '*a'.repeat(n)],
    ['strikethrough past the limit', (n) => '~a'.repeat(n)],
    ['one long run of *', (n) => `# ${'*'.repeat(n)}x${'*'.repeat(n)}\n`],
    ['blank lines past the limit', (n) => '\n'.repeat(n * 10)],
    ['a table past the block limit', (n) => `| a | b |\n|---|---|\n${'| row | v |\n'.repeat(n)}`],
    ['definitions', (n) => Array.from({ length: n / 10 }, (_, i) => `[d${i}]: /x${i}\n`).join('\n')],
    ['control comments', (n) => '<!-- compatlint-disable-next-line reference-unused -->\n\n'.repeat(n / 20)],
    ['an unclosed shortcode with a long name', (n) => `{{< ${'a'.repeat(n)}\n`],
  ];
  const time = (text: string) => {
    const start = performance.now();
    extractPage(text);
    return performance.now() - start;
  };
  test.each(generators)('%s', (_name, make) => {
    for (const n of [40_000, 80_000]) {
      const small = Math.min(time(make(n)), time(make(n)));
      const large = Math.min(time(make(2 * n)), time(make(2 * n)));
      expect(large, `n=${n}: ${small.toFixed(1)} ms, 2n: ${large.toFixed(1)} ms`).toBeLessThanOrEqual(3 * small + 20);
    }
  });
});

/**
 * Config files: generated YAML configs (valid keys with values of any shape, and plausible
 * table kinds) through config loading and one page. A config is either loaded and the page
 * checked, or refused with a one-line UsageError; never a crash or a hang.
 */
describe('generated config files', () => {
  const anyValue = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }));
  const keys = ['include', 'exclude', 'rules', 'values', 'vocabulary', 'tables', 'site', 'pageDimensions', 'limits', 'overrides', 'translation', 'truth', 'checks', 'frontMatter', 'gitignore', 'extends', 'toString', '__proto__'];
  const kind = fc.record(
    {
      id: fc.stringMatching(/^[a-z][a-z-]{0,8}$/),
      key: fc.oneof(fc.constant('feature'), fc.string({ maxLength: 6 })),
      columns: fc.oneof(fc.constant('attribute'), fc.array(fc.string({ maxLength: 6 }), { maxLength: 2 })),
      match: fc.record({ keyHeader: fc.array(fc.oneof(fc.constant('Feature'), fc.constant('/^fe(a|a)*ture$/'), fc.string({ maxLength: 8 })), { maxLength: 2 }) }, { requiredKeys: [] }),
      orientation: fc.oneof(fc.constant('rows'), fc.constant('columns'), fc.string({ maxLength: 4 })),
      columnTypes: fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.constant('status'), fc.constant('version'), fc.constant('text'), fc.string({ maxLength: 4 })), { maxKeys: 2 }),
      allowed: fc.dictionary(fc.string({ maxLength: 4 }), fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }), { maxKeys: 2 }),
    },
    { requiredKeys: ['id', 'key', 'columns'] },
  );
  const config = fc.record({ data: fc.dictionary(fc.constantFrom(...keys), anyValue, { maxKeys: 4 }), tables: fc.option(fc.array(kind, { maxLength: 2 })) });

  test('load or a one-line error, then one page checked', { timeout }, async () => {
    const { stringify } = await import('yaml');
    const { UsageError } = await import('../src/util/errors.js');
    const { lint } = await import('../src/lint/lint.js');
    const { tempTree } = await import('./helpers/cli.js');
    await fc.assert(
      fc.asyncProperty(config, async ({ data, tables }) => {
        const body = tables ? { ...data, tables } : data;
        const dir = tempTree({
          'compatlint.config.yaml': stringify(body),
          'docs/a.md': '# A\n\n| Feature | Minimum version |\n|---|---|\n| Tracing | 1.0 |\n\n[x]: /y\n',
        });
        let loaded: ResolvedConfig;
        try {
          loaded = await loadConfig({ cwd: dir, configFile: 'compatlint.config.yaml' });
        } catch (error) {
          expect(error, String(error)).toBeInstanceOf(UsageError);
          expect((error as Error).message).not.toMatch(/\n/);
          return;
        }
        try {
          await lint({ cwd: dir, paths: [], config: loaded, errorOnUnmatchedPattern: false });
        } catch (error) {
          // A config that loads may still name a file that is not there (a truth file, a schema).
          expect(error, String(error)).toBeInstanceOf(UsageError);
          expect((error as Error).message).not.toMatch(/\n/);
        }
      }),
      { numRuns: Math.min(runs, long ? 5_000 : 40), ...replay },
    );
  });
});
