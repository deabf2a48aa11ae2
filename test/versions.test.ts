import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as pep440 from '@renovatebot/pep440';
import fc from 'fast-check';
import semver from 'semver';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { extractFacts } from '../src/facts/extract.js';
import { pageFromBytes } from '../src/load/page.js';
import type { VersionExpr, VersionSyntax } from '../src/model/types.js';
import { compileVocabulary } from '../src/model/values.js';
import { compareVersions, parseVersionExpr, versionsOverlap } from '../src/model/version.js';
import { UsageError } from '../src/util/errors.js';
import { tempTree } from './helpers/cli.js';

const canonical = (text: string, syntax?: VersionSyntax) => parseVersionExpr(text, syntax)?.canonical ?? null;

/** Whether an expression admits one release: its overlap with that version alone. */
function admits(expr: VersionExpr, version: string): boolean {
  return versionsOverlap(expr, parseVersionExpr(version, 'npm')!);
}

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

/** A grammar's own library, which our reading must agree with. */
interface Reference {
  valid(text: string): boolean;
  satisfies(version: string, text: string): boolean;
}

/** What the library rejects is no version for us; a release lies in our intervals when the library says it satisfies the text. */
function expectAgreement(syntax: VersionSyntax, reference: Reference, text: string, versions: string[]): void {
  const expr = parseVersionExpr(text, syntax);
  if (!reference.valid(text)) {
    expect(expr).toBeNull();
    return;
  }
  for (const v of [...versions, ...boundaries(text)]) expect(expr !== null && admits(expr, v), `${v} in ${text}`).toBe(reference.satisfies(v, text));
}

/** The releases a range names, padded to three parts, and the patch after each: where its bounds lie. */
function boundaries(text: string): string[] {
  return [...text.matchAll(/\d+(?:\.\d+){0,2}/g)].flatMap((m) => {
    const [a = 0, b = 0, c = 0] = m[0].split('.').map(Number);
    return [`${a}.${b}.${c}`, `${a}.${b}.${c + 1}`];
  });
}

describe('the loose reading (default): docs spellings, then every grammar', () => {
  test.each([
    // npm ranges: a space for "and", `||`, x-ranges, `*`
    ['>=1.0.0 <2', '>=1 <2'],
    ['1.x || 2.x', '>=1 <2 || >=2 <3'],
    ['1.x', '>=1 <2'],
    ['*', '*'],
    // comparators spelled with symbols or `&`
    ['≥ 2.7.0 < 4.0.0', '>=2.7 <4'],
    ['>=2.7.0 & <4', '>=2.7 <4'],
    ['>=2.7.0 && <4', '>=2.7 <4'],
    // PEP 440
    ['~= 3.0', '>=3 <4'],
    ['!=1.5', '<1.5 || >1.5'],
    ['==3.*', '>=3 <4'],
    // Maven
    ['[1.0,2.0)', '>=1 <2'],
    ['(,1.0]', '<=1'],
    ['[1.5,)', '>=1.5'],
    // `v` and a trailing footnote marker
    ['v1.28+', '>=1.28'],
    ['2.0+*', '>=2'],
    ['2.0+ [1]', '>=2'],
    ['1.2^1', '1.2'],
    ['2.0+¹', '>=2'],
    ['2.0+ <sup>2</sup>', '>=2'],
    // docs spellings the grammars do not have
    ['1.6 以降', '>=1.6'],
    ['3.5-3.11', '>=3.5 <3.12'],
    ['4.18.0 for Node.js 16+', '4.18 (node.js 16+)'],
    ['8.16 to 8.19', '>=8.16 <8.20'],
  ])('%s → %s', (input, expected) => {
    expect(canonical(input)).toBe(expected);
  });

  test('an upper bound with fewer parts covers its patch releases; a full one is inclusive', () => {
    const to = parseVersionExpr('8.16 to 8.19')!;
    expect(admits(to, '8.19.1')).toBe(true);
    expect(admits(to, '8.20.0')).toBe(false);
    expect(admits(parseVersionExpr('<=8.19')!, '8.19.5')).toBe(true);
    expect(admits(parseVersionExpr('8 to 17')!, '17.0.2')).toBe(true);
    const full = parseVersionExpr('1.2.3 to 1.2.5')!;
    expect(admits(full, '1.2.5')).toBe(true);
    expect(admits(full, '1.2.6')).toBe(false);
  });

  test('a marker is dropped only when the text as written does not parse', () => {
    expect(canonical('1.*')).toBe('>=1 <2');
    expect(canonical('[1.0,2.0),[3]')).toBe('>=1 <2 || =3');
  });

  test.each(['x', '2025-09-15', '1.0.post1', 'Arm64, x64', 'manylinux_2_28', '>=3 <2', 'JDK 8+'])(
    '%s is not a version loosely',
    (input) => expect(parseVersionExpr(input)).toBeNull(),
  );
});

describe('npm ranges, read by semver', () => {
  test.each([
    ['1.5', '>=1.5 <1.6'],
    ['1.5.0', '1.5'],
    ['^0.0.3', '>=0.0.3 <0.0.4'],
    ['~1.2', '>=1.2 <1.3'],
    ['1.2.3 - 2.3', '>=1.2.3 <2.4'],
    ['<=8.19', '<8.20'],
    ['>1.2', '>=1.3'],
    ['x', '*'],
    // A star after a space is npm's "and any", not a footnote marker.
    ['>=1.0 *', '>=1'],
  ])('%s → %s', (input, expected) => expect(canonical(input, 'npm')).toBe(expected));

  test('where two bounds meet, the exclusive one wins', () => {
    expect(admits(parseVersionExpr('<=1.2.3 <1.2.3', 'npm')!, '1.2.2')).toBe(true);
    expect(parseVersionExpr('<=1.2.3 <1.2.3', 'npm')!.canonical).toBe('<1.2.3');
    expect(parseVersionExpr('>1.2.3 >=1.2.3', 'npm')!.canonical).toBe('>1.2.3');
    expect(parseVersionExpr('>=1.2.3 <=1.2.3', 'npm')!.canonical).toBe('=1.2.3');
    expect(parseVersionExpr('>=1.2.3 <1.2.3', 'npm')).toBeNull();
  });

  test.each(['3.5-3.11', '>=1.0, <2', '1.6 以降', '~= 3.0 || [1.0,2.0)', '>2 <1', '0.0 - 0 *'])('%s is not an npm range', (input) =>
    expect(parseVersionExpr(input, 'npm')).toBeNull(),
  );

  // Few numbers, so that bounds meet: `<=1.2.3 <1.2.3`, `>=2 <2.0.1`.
  const part = fc.integer({ min: 0, max: 2 });
  const partial = fc.oneof(
    part.map(String),
    fc.tuple(part, part).map((p) => p.join('.')),
    fc.tuple(part, part, part).map((p) => p.join('.')),
    fc.tuple(part, fc.constantFrom('x', 'X', '*')).map((p) => p.join('.')),
    fc.tuple(part, part, fc.constantFrom('x', '*')).map((p) => p.join('.')),
  );
  const comparator = fc.oneof(
    fc.tuple(fc.constantFrom('', '=', 'v', '<', '<=', '>', '>=', '^', '~', '>= ', '~>'), partial).map(([op, v]) => op + v),
    fc.constant('*'),
  );
  const hyphen = fc.tuple(partial, partial).map(([a, b]) => `${a} - ${b}`);
  // A hyphen range is a comparator set of its own; now and then one is followed by more, which semver rejects.
  const comparatorSet = fc.oneof(
    { arbitrary: fc.array(comparator, { minLength: 1, maxLength: 3 }).map((c) => c.join(' ')), weight: 4 },
    { arbitrary: hyphen, weight: 2 },
    { arbitrary: fc.tuple(hyphen, comparator).map((p) => p.join(' ')), weight: 1 },
  );
  const range = fc.array(comparatorSet, { minLength: 1, maxLength: 3 }).map((s) => s.join(' || '));
  // Releases only: semver keeps pre-releases out of a range unless a comparator names one of
  // the same release, a rule about spelling that intervals do not model (README, Version syntaxes).
  const release = fc.tuple(fc.integer({ min: 0, max: 3 }), part, part).map((p) => p.join('.'));

  test('membership per our intervals equals semver.satisfies', () => {
    fc.assert(
      fc.property(range, fc.array(release, { minLength: 1, maxLength: 10 }), (text, versions) => {
        expectAgreement('npm', { valid: (t) => semver.validRange(t) !== null, satisfies: (v, t) => semver.satisfies(v, t) }, text, versions);
        // Null only when semver agrees that nothing satisfies the range.
        if (parseVersionExpr(text, 'npm') === null && semver.validRange(text) !== null) expect(semver.minVersion(text)).toBeNull();
      }),
      { numRuns: RUNS },
    );
  });
});

describe('PEP 440 specifiers, read by @renovatebot/pep440', () => {
  test.each([
    ['~= 3.0', '>=3 <4'],
    ['~=1.4.5', '>=1.4.5 <1.5'],
    ['>=3.8, !=3.9.*, <4', '>=3.8 <3.9 || >=3.10 <4'],
    ['==3.*', '>=3 <4'],
    ['!=1.5', '<1.5 || >1.5'],
    ['==1.5', '=1.5'],
    ['1.10', '1.10'],
    ['1.0rc1', '1.0-rc.1'],
  ])('%s → %s', (input, expected) => expect(canonical(input, 'pep440')).toBe(expected));

  test.each(['^1.0', '~=1', '>=1.0 <2', '1!2.0', '3.8+', '>=2, <1'])('%s is not read as PEP 440', (input) =>
    expect(parseVersionExpr(input, 'pep440')).toBeNull(),
  );

  test('pre-releases and dev releases sort as PEP 440 orders them', () => {
    const v = (s: string) => parseVersionExpr(s, 'pep440')!.alternatives[0]!.min!.version;
    const order = ['1.0.dev1', '1.0a1', '1.0a2', '1.0b1', '1.0rc1', '1.0rc10', '1.0', '1.0.1'].map(v);
    for (let i = 1; i < order.length; i++) expect(compareVersions(order[i - 1]!, order[i]!), `${order[i - 1]} < ${order[i]}`).toBe(-1);
  });

  const part = fc.integer({ min: 0, max: 2 });
  const version = fc.array(part, { minLength: 1, maxLength: 3 }).map((p) => p.join('.'));
  // `===` (arbitrary string equality) is left out: intervals read it as `==`.
  const specifier = fc.oneof(
    fc.tuple(fc.constantFrom('==', '!=', '<', '<=', '>', '>=', '~=', '~= ', '>= '), version).map(([op, v]) => op + v),
    fc.tuple(fc.constantFrom('==', '!='), version).map(([op, v]) => `${op}${v}.*`),
  );
  const set = fc.array(specifier, { minLength: 1, maxLength: 3 }).map((s) => s.join(', '));
  // Three-part releases: the package does not pad a shorter candidate when matching a prefix
  // (`1` is not in `==1.0.*` for it; PEP 440 pads).
  const release = fc.tuple(part, part, part).map((p) => p.join('.'));

  test('membership per our intervals equals pep440.satisfies', () => {
    fc.assert(
      fc.property(set, fc.array(release, { minLength: 1, maxLength: 10 }), (text, versions) => {
        expectAgreement('pep440', { valid: (t) => pep440.validRange(t), satisfies: (v, t) => pep440.satisfies(v, t) }, text, versions);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('Maven ranges', () => {
  test.each([
    ['[1.0,2.0)', '>=1 <2'],
    ['(,1.0]', '<=1'],
    ['[1.5,)', '>=1.5'],
    ['[1.0]', '=1'],
    ['1.0', '1'],
    ['(1.0,2.0]', '>1 <=2'],
    ['(,1.0],[1.2,)', '<=1 || >=1.2'],
    ['[1.0, 2.0)', '>=1 <2'],
  ])('%s → %s', (input, expected) => expect(canonical(input, 'maven')).toBe(expected));

  test.each(['(1.0)', '[]', '[2.0,1.0]', '[1.0,2.0),[1.5,3.0]', '[1.0,2.0),', '[1.0', '>=1.0', '[1.2,),[1.0,1.1]'])(
    '%s is not a Maven range',
    (input) => expect(parseVersionExpr(input, 'maven')).toBeNull(),
  );

  test('bounds are exact, and a snapshot comes before its release', () => {
    const range = parseVersionExpr('[1.0,2.0]', 'maven')!;
    expect(admits(range, '2.0.0')).toBe(true);
    expect(admits(range, '2.0.1')).toBe(false);
    expect(versionsOverlap(parseVersionExpr('(,1.0)', 'maven')!, parseVersionExpr('1.0-SNAPSHOT', 'maven')!)).toBe(true);
  });
});

describe('versionSyntax in config', () => {
  const fixture = path.resolve(import.meta.dirname, '../src/rules/table-schema/fixtures/invalid-version-syntax');

  test('version columns are read in the syntax of their kind or column; others stay loose', async () => {
    const config = await loadConfig({ cwd: fixture, lookup: true });
    const abs = path.join(fixture, 'packages.md');
    const page = pageFromBytes('packages.md', readFileSync(abs));
    const facts = extractFacts(page, abs, { setup: config.facts, configRoot: config.root, vocabulary: compileVocabulary(config.values) });
    const cell = (kind: string, key: string, column: string) => {
      const table = facts.tables.find((t) => t.kind === kind)!;
      const row = table.rows.find((r) => r.keyText === key)!;
      const fact = row.facts.find((f) => table.columns[f.column]!.id === column)!;
      return fact.value;
    };
    expect(cell('npm-packages', 'koa', 'range')).toMatchObject({ kind: 'version', version: { canonical: '>=2 <3 || >=3 <4' } });
    expect(cell('npm-packages', 'hapi', 'range')).toMatchObject({ kind: 'text' });
    expect(cell('npm-packages', 'next', 'range')).toMatchObject({ kind: 'preview', version: { canonical: '>=14.1 <15' } });
    expect(cell('python-packages', 'django', 'range')).toMatchObject({ version: { canonical: '>=3.2 <4 || >=4.1 <5' } });
    expect(cell('maven-artifacts', 'guava', 'range')).toMatchObject({ version: { canonical: '<=31' } });
    expect(cell('runtimes', 'client', 'node')).toMatchObject({ version: { canonical: '>=18 <19' } });
    expect(cell('runtimes', 'server', 'notes')).toMatchObject({ version: { canonical: '>=2' } });
    const runtimes = facts.tables.find((t) => t.kind === 'runtimes')!;
    expect(runtimes.columns.map((c) => c.versionSyntax)).toEqual(['npm', 'pep440', 'loose']);
  });

  test('version-range keys are read in the syntax named by the key dimension', async () => {
    const dir = tempTree({
      'compatlint.config.yaml': [
        'vocabulary: { attribute: { level: ["Support level"] } }',
        'tables:',
        '  - id: releases',
        '    match: { keyHeader: ["Release"] }',
        '    key: release',
        '    keyType: version-range',
        '    columns: attribute',
        '    columnTypes: { "*": text }',
        '    versionSyntax: { release: npm }',
      ].join('\n'),
    });
    const config = await loadConfig({ cwd: dir });
    const text = '| Release | Support level |\n|---|---|\n| 1.5 | GA |\n| 3.5-3.11 | EOL |\n';
    const page = pageFromBytes('r.md', Buffer.from(text));
    const facts = extractFacts(page, path.join(dir, 'r.md'), { setup: config.facts, configRoot: config.root, vocabulary: compileVocabulary(config.values) });
    const [first, second] = facts.tables[0]!.rows;
    expect(first!.keyRange?.canonical).toBe('>=1.5 <1.6');
    expect(second!.keyRange).toBeUndefined();
  });

  test('an unknown syntax is a config error naming its path', async () => {
    const dir = tempTree({
      'compatlint.config.yaml': 'tables:\n  - id: t\n    key: k\n    columns: c\n    versionSyntax: cargo\n',
    });
    const error = await loadConfig({ cwd: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/tables\[0\]\.versionSyntax/);
  });
});
