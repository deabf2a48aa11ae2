import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { UsageError } from '../src/util/errors.js';
import { compareValues } from '../src/facts/compare.js';
import { extractFacts } from '../src/facts/extract.js';
import { locatePage } from '../src/site/locate.js';
import { compilePattern } from '../src/facts/patterns.js';
import { Vocabularies } from '../src/facts/vocabulary.js';
import { pageFromBytes } from '../src/load/page.js';
import { compileVocabulary, defaultValueVocabulary, normalizeValue } from '../src/model/values.js';
import { cli, tempTree } from './helpers/cli.js';

const value = (text: string) => normalizeValue(text, compileVocabulary(defaultValueVocabulary));

describe('vocabularies', () => {
  const v = new Vocabularies({
    capability: {
      sca: ['Software Composition Analysis', '/^runtime software composition analysis(?: \\(sca\\))?$/', 'ソフトウェア構成分析'],
      'threat-detection': ['Threat Detection', '/^threat detection support(?:ed)?$/'],
      'code-security': 'iast',
      iast: ['Runtime Code Analysis (IAST)'],
    },
  });

  test('aliases, patterns and second names canonicalize to one term', () => {
    expect(v.canonical('capability', 'Runtime Software Composition Analysis (SCA)')).toEqual({ id: 'sca', known: true });
    expect(v.canonical('capability', '  software   composition analysis ')).toEqual({ id: 'sca', known: true });
    expect(v.canonical('capability', 'ソフトウェア構成分析')).toEqual({ id: 'sca', known: true });
    expect(v.canonical('capability', 'Threat Detection supported?')).toEqual({ id: 'threat-detection', known: true });
    expect(v.canonical('capability', 'code-security')).toEqual({ id: 'iast', known: true });
    expect(v.canonical('capability', 'Profiling')).toEqual({ id: 'profiling', known: false });
    expect(v.label('capability', 'sca')).toBe('Software Composition Analysis');
  });

  test('an alias loop is a config error naming the loop', () => {
    expect(() => new Vocabularies({ capability: { a: 'b', b: 'c', c: 'a' } })).toThrow(
      new UsageError('vocabulary.capability.a: alias loop a → b → c → a'),
    );
  });

  test('an alias may name one term only', () => {
    expect(() => new Vocabularies({ deployment: { lambda: ['AWS Lambda'], serverless: ['aws lambda'] } })).toThrow(
      /"aws lambda" already names "lambda"/,
    );
  });
});

describe('regular expressions from config', () => {
  // Shapes that backtrack exponentially in JavaScript's engine; on RE2 each runs in linear time.
  test.each(['(a+)+$', '^(\\w*x?)*y', '(a|ab)*c', '(?:.*)+x', '([a-z]+\\s?)*$', '^((a|a))*$', '^(?:(?:a|aa))*$', '^a*a*a*a*a*a*a*a*a*a*b$', '.*a.*a.*a.*a.*a.*a.*a.*a.*b'])(
    '%s runs on RE2: the same answers as JavaScript on short text, and an answer on 100,000 characters',
    (re) => {
      const p = compilePattern(`/${re}/`, 'tables[0].match.heading[0]');
      for (const text of ['', 'a', 'aab', 'aaaa!', 'xay', 'ab c']) expect(p.test(text)).toBe(new RegExp(re, 'i').test(text));
      expect(typeof p.test(`${'a'.repeat(100_000)}!`)).toBe('boolean');
    },
  );

  test.each(['(?<=a)b', '(a)\\1', '(?=a)b'])('%s (lookaround, backreference) is a config error naming the place', (re) => {
    expect(() => compilePattern(`/${re}/`, 'tables[0].match.heading[0]')).toThrow(/^tables\[0\]\.match\.heading\[0\]: unsupported regular expression .*RE2/);
  });

  test.each(['^minimum .*version$', '^(?:runtime )?software composition analysis(?: \\(sca\\))?$', '最小バージョン$', '^(jvm|python) versions?$'])(
    '%s is accepted',
    (re) => expect(() => compilePattern(`/${re}/`, 'x')).not.toThrow(),
  );

  test('long text is matched whole (RE2 needs no length bound)', () => {
    const p = compilePattern('/^a.*b$/', 'x');
    expect(p.test(`a${'x'.repeat(10_000)}b`)).toBe(true);
  });
});

describe('value agreement', () => {
  test.each([
    ['1.8', '1.8.0', 'agree'],
    ['1.5.0', '>=1.5.0', 'agree'],
    ['4.18.0', '4.18.0 for Node.js 16+, or 5.0.0 for Node.js 18+', 'agree'],
    ['Preview', 'Preview (>=2.21.0)', 'agree'],
    ['{{< X >}}', '2.0.0', 'agree'],
    ['', 'not supported', 'agree'],
    ['Preview (2.9.3)', 'Preview (>=2.21.0)', 'disagree'],
    ['2.9.3', 'Preview (2.9.3)', 'disagree'],
    ['{{< X >}}', '', 'disagree'],
    ['{{< X >}}', 'Preview', 'disagree'],
    ['>=1.6, <8.0', '>=1.6', 'disagree'],
    ['1.5.0', '1.6.0', 'disagree'],
    ['support pending', '4.4.0', 'disagree'],
  ])('%s vs %s: %s', (a, b, expected) => {
    expect(compareValues(value(a), value(b))).toBe(expected);
  });

  test('text against a status is unknown in translation mode', () => {
    expect(compareValues(value('サポート'), value('Supported'), 'translation')).toBe('unknown');
  });
});

describe('facts of a page', async () => {
  const dir = tempTree({
    'compatlint.config.yaml': [
      'site: { content: content, locales: [en, ja], defaultLocale: en }',
      'pageDimensions:',
      '  lang: { frontMatter: code_lang }',
      'vocabulary:',
      '  capability: { sca: ["Software Composition Analysis", "/^runtime software composition analysis/"] }',
      '  deployment: { aws-lambda: ["AWS Lambda"], docker: ["Docker"] }',
      '  attribute: { min-version: ["/^minimum .*version$/"], versions: ["Versions"] }',
      'tables:',
      '  - id: deployments',
      '    match: { keyHeader: [Type] }',
      '    key: deployment',
      '    columns: capability',
      '    pageDimensions: [lang]',
      '  - id: capabilities',
      '    match: { keyHeader: ["/capability$/"], columns: ["@attribute"] }',
      '    key: capability',
      '    columns: attribute',
      '    pageDimensions: [lang]',
      '    columnTypes: { min-version: version }',
    ].join('\n'),
  });
  const config = await loadConfig({ cwd: dir });
  const text = [
    '---',
    'code_lang: nodejs',
    '---',
    '| Capability                                  | Minimum Node.js version |',
    '|---------------------------------------------|-------------------------|',
    '| Runtime Software Composition Analysis (SCA) | 4.0.0                   |',
    '| Software Composition Analysis (Preview)     | 4.1.0                   |',
    '',
    '| Type       | Software Composition Analysis | Notes  |',
    '|------------|-------------------------------|--------|',
    '| AWS Lambda | {{< X >}}                     | Since  |',
    '| Docker     |                               |        |',
  ].join('\n');
  const abs = path.join(dir, 'content/ja/security/nodejs.md');
  const page = pageFromBytes('content/ja/security/nodejs.md', Buffer.from(text));
  const facts = extractFacts(page, abs, { setup: config.facts, configRoot: config.root, vocabulary: compileVocabulary(config.values) });

  test('locale and path inside the locale folder', () => {
    expect(locatePage(abs, config.facts.site)).toEqual({ locale: 'ja', localPath: 'security/nodejs.md' });
    expect(locatePage(path.join(dir, 'content/security/x.fr.md'), config.facts.site)).toEqual({ locale: 'en', localPath: 'security/x.fr.md' });
    expect(facts.locale).toBe('ja');
    expect(facts.dimensions).toEqual({ lang: 'nodejs' });
  });

  test('every cell of a recognized table is a fact with canonical dimensions', () => {
    const [capabilities, deployments] = facts.tables;
    expect(capabilities!.kind).toBe('capabilities');
    expect(capabilities!.rows[0]!.facts[0]).toMatchObject({
      dimensions: { lang: 'nodejs', capability: 'sca', attribute: 'min-version' },
      key: 'attribute=min-version; capability=sca; lang=nodejs',
      value: { kind: 'version' },
      raw: '4.0.0',
    });
    // `(Preview)` in a row key moves into the value.
    expect(capabilities!.rows[1]!.keyText).toBe('Software Composition Analysis');
    expect(capabilities!.rows[1]!.facts[0]!.value).toMatchObject({ kind: 'preview', version: { canonical: '4.1' } });
    expect(deployments!.kind).toBe('deployments');
    expect(deployments!.columns.map((c) => [c.id, c.known, c.type])).toEqual([
      ['sca', true, 'status'],
      ['notes', false, 'text'],
    ]);
    expect(deployments!.rows.map((r) => r.facts.map((f) => [f.key, f.value.kind]))).toEqual([
      [
        ['capability=sca; deployment=aws-lambda; lang=nodejs', 'supported'],
        ['capability=notes; deployment=aws-lambda; lang=nodejs', 'text'],
      ],
      [['capability=sca; deployment=docker; lang=nodejs', 'unsupported']],
    ]);
  });
});

describe('config errors for facts are one line and exit 2', () => {
  const base = 'vocabulary:\n  capability: { sca: [SCA] }\n';
  const kind = (extra: string) => `${base}tables:\n  - id: t\n    key: capability\n    columns: capability\n${extra}`;

  test.each([
    ['a schema file that is missing', kind('    schema: missing.json\n'), {}, /tables\[0\]\.schema: cannot read missing\.json \(no such file\)/],
    ['a schema that is not JSON', kind('    schema: s.json\n'), { 's.json': '{' }, /tables\[0\]\.schema: s\.json is not valid JSON/],
    ['a schema that is not a JSON Schema', kind('    schema: s.json\n'), { 's.json': '{"type": 12}' }, /tables\[0\]\.schema: s\.json is not a valid JSON Schema/],
    ['an alias loop', 'vocabulary:\n  capability: { a: b, b: a }\n', {}, /vocabulary\.capability\.a: alias loop a → b → a/],
    ['a regular expression RE2 cannot run', kind('    match: { heading: ["/(?<=a)b/"] }\n'), {}, /match\.heading\[0\]: unsupported regular expression \/\(\?<=a\)b\/ \(/],
    ['an unknown vocabulary in a pattern', kind('    match: { columns: ["@nope"] }\n'), {}, /@nope names no vocabulary/],
    ['an unknown page dimension', kind('    pageDimensions: [lang]\n'), {}, /unknown page dimension "lang"/],
    ['a check naming an unknown kind', `${kind('')}checks:\n  - { type: capability-deployments, capabilities: [t], deployments: [nope], join: [lang] }\n`, {}, /checks\[0\]: unknown table kind "nope"/],
  ])('%s', async (_name, yaml, files, message) => {
    const dir = tempTree({ 'compatlint.config.yaml': yaml, 'a.md': '# a\n', ...files });
    const r = await cli(['check'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('a table kind that matches nothing is a warning at its declaration', async () => {
    const dir = tempTree({ 'compatlint.config.yaml': kind(''), 'a.md': '| A | B |\n|---|---|\n| 1 | 2 |\n' });
    const r = await cli(['check', '-f', 'json'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).diagnostics).toEqual([
      expect.objectContaining({ file: 'compatlint.config.yaml', line: 4, ruleId: 'table-kind-unused', severity: 'warning' }),
    ]);
  });

  test('extends may name a config file; a loop is an error', async () => {
    const dir = tempTree({ 'a.yaml': 'extends: ["./b.yaml"]\n', 'b.yaml': 'extends: ["./a.yaml"]\n', 'x.md': '# x\n' });
    const r = await cli(['check', '-c', 'a.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/extends itself \(loop\)/);
  });
});
