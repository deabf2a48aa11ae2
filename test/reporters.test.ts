import { readFileSync } from 'node:fs';
import path from 'node:path';
import AjvDraft04Module from 'ajv-draft-04';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Link, Nodes, Root, Table } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { lint } from '../src/lint/lint.js';
import { summarize } from '../src/engine/run.js';
import type { Diagnostic, LintResult } from '../src/engine/types.js';
import { escapeData, escapeProperty } from '../src/reporters/github.js';
import { reporters } from '../src/reporters/index.js';
import type { ReporterContext } from '../src/reporters/types.js';
import { noticeText } from '../src/reporters/wording.js';
import { compileSchema } from '../src/util/json-schema.js';
import { builtinRules } from '../src/rules/registry.js';
import { cli, repoRoot } from './helpers/cli.js';

// CommonJS: the default import is `module.exports`, which holds the class again as `default`.
const AjvDraft04 = AjvDraft04Module.default;

const context: ReporterContext = { rules: builtinRules.map((r) => r.meta), color: false, toolVersion: '0.0.0-test' };
const linked: ReporterContext = { ...context, linkTemplate: 'https://github.com/ORG/REPO/blob/SHA/{file}#L{line}' };

function diagnostic(partial: Partial<Diagnostic> & Pick<Diagnostic, 'file' | 'line' | 'ruleId' | 'message'>): Diagnostic {
  return {
    column: 1,
    endLine: partial.line,
    endColumn: 10,
    severity: 'error',
    related: [],
    messageId: 'm',
    data: {},
    facts: [],
    ...partial,
  };
}

/** Findings whose text tries every escape: each format must carry it through intact. */
const hostile = 'Value `a|b` is 100%, not <script>alert(1)</script> & [x](javascript:y)\r\nsecond line: a, b; *c* _d_ $e$ ~f~ \\g';
const diagnostics: Diagnostic[] = [
  diagnostic({
    file: 'content/en/a b/page (1).md',
    line: 3,
    column: 5,
    endColumn: 12,
    ruleId: 'consistency',
    message: hostile,
    related: [
      { file: 'content/en/other,file:x.md', line: 7, column: 2, endLine: 7, endColumn: 9, message: 'Stated as `1.2.0` here', messageId: 'stated', data: {} },
      { file: 'content/en/a b/page (1).md', line: 9, column: 1, endLine: 9, endColumn: 4, message: 'Also here', messageId: 'stated', data: {} },
    ],
  }),
  diagnostic({ file: 'content/en/a b/page (1).md', line: 12, ruleId: 'reference-unused', severity: 'warning', message: 'Unexpected unused definition `[3]`' }),
  diagnostic({ file: 'content/ja/ページ.md', line: 1, ruleId: 'translation-drift', severity: 'info', message: 'Ends in a control \u0001 char and ``two `backtick` runs``' }),
];
const result: LintResult = {
  files: 4,
  checked: ['content/en/a b/page (1).md', 'content/en/clean.md', 'content/ja/ページ.md', 'content/en/other,file:x.md'].sort(),
  diagnostics,
  summary: summarize(diagnostics),
  notices: [],
};
const empty: LintResult = { files: 2, checked: ['a.md', 'b.md'], diagnostics: [], summary: summarize([]), notices: [] };
/** A clean run whose table kinds matched no table, and one over no page. */
const unmatched: LintResult = { ...empty, notices: [{ id: 'noTableMatched', pages: 2, kinds: 3 }] };
const nothing: LintResult = { files: 0, checked: [], diagnostics: [], summary: summarize([]), notices: [{ id: 'noPages' }] };

describe('reporter snapshots', () => {
  const extensions: Record<string, string> = { sarif: 'sarif.json', json: 'json', gitlab: 'json', junit: 'xml', markdown: 'md', github: 'txt', stylish: 'txt', compact: 'txt' };
  for (const [format, reporter] of Object.entries(reporters)) {
    it(`${format}: findings`, async () => {
      await expect(reporter(result, linked)).toMatchFileSnapshot(`__snapshots__/reporters/${format}.${extensions[format]}`);
    });
    it(`${format}: no findings`, async () => {
      await expect(reporter(empty, context)).toMatchFileSnapshot(`__snapshots__/reporters/${format}-empty.${extensions[format]}`);
    });
    it(`${format}: is pure (same input, same text; the result is not changed)`, () => {
      const before = JSON.stringify(result);
      expect(reporter(result, linked)).toBe(reporter(result, linked));
      expect(JSON.stringify(result)).toBe(before);
    });
  }
});

describe('sarif', () => {
  const schema = JSON.parse(readFileSync(path.join(repoRoot, 'schemas/vendor/sarif-schema-2.1.0.json'), 'utf8')) as object;
  const validate = new AjvDraft04({ allErrors: true, strict: false }).compile(schema);

  function valid(text: string): unknown {
    const log = JSON.parse(text) as unknown;
    const ok = validate(log);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
    return log;
  }

  it('the schema validator rejects a broken log (so the checks below can fail)', () => {
    const log = JSON.parse(reporters.sarif!(result, context)) as { runs: Array<{ results: Array<{ level: string }> }> };
    log.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('puts run notices in the invocation as tool notifications, still valid', () => {
    const log = valid(reporters.sarif!({ ...result, notices: unmatched.notices }, context)) as {
      runs: Array<{ invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ descriptor: { id: string }; level: string; message: { text: string } }> }> }>;
    };
    expect(log.runs[0]!.invocations).toEqual([
      { executionSuccessful: true, toolExecutionNotifications: [{ descriptor: { id: 'noTableMatched' }, level: 'note', message: { text: noticeText(unmatched.notices[0]!) } }] },
    ]);
  });

  it('is valid SARIF 2.1.0 for hand-made findings and for a real run of the example tree', async () => {
    valid(reporters.sarif!(result, context));
    valid(reporters.sarif!(empty, context));
    const cwd = path.join(repoRoot, 'fixtures/example-site');
    const { result: real } = await lint({ cwd, paths: [], config: await loadConfig({ cwd }) });
    expect(real.diagnostics.length).toBeGreaterThan(3);
    const log = valid(reporters.sarif!(real, context)) as SarifLog;
    expect(log.runs[0]!.results).toHaveLength(real.diagnostics.length);
  });

  type SarifLog = {
    runs: Array<{
      tool: { driver: { rules: Array<{ id: string; helpUri: string }> } };
      results: Array<{
        ruleId: string;
        ruleIndex: number;
        level: string;
        locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }>;
        relatedLocations?: Array<{ id: number; physicalLocation: { artifactLocation: { uri: string } }; message: { text: string } }>;
      }>;
    }>;
  };

  it('lists every rule with its docs, points each result at its rule, and keeps related locations', () => {
    const log = JSON.parse(reporters.sarif!(result, context)) as SarifLog;
    const run = log.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(builtinRules.map((r) => r.meta.id));
    for (const rule of run.tool.driver.rules) expect(rule.helpUri).toMatch(new RegExp(`/src/rules/${rule.id}/README\\.md$`));
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
    expect(run.results.map((r) => r.level)).toEqual(['error', 'warning', 'note']);
    const first = run.results[0]!;
    expect(first.locations[0]!.physicalLocation.artifactLocation.uri).toBe('content/en/a%20b/page%20%281%29.md');
    expect(first.locations[0]!.physicalLocation.region).toMatchObject({ startLine: 3, startColumn: 5 });
    expect(first.relatedLocations?.map((r) => [r.id, r.physicalLocation.artifactLocation.uri, r.message.text])).toEqual([
      [1, 'content/en/other%2Cfile%3Ax.md', 'Stated as `1.2.0` here'],
      [2, 'content/en/a%20b/page%20%281%29.md', 'Also here'],
    ]);
  });
});

describe('github', () => {
  /** What the runner does with a workflow command: split it, then undo the escapes. */
  function parseCommand(line: string): { command: string; properties: Record<string, string>; message: string } {
    const match = /^::(\w+) ([^:]*)::(.*)$/.exec(line);
    if (!match) throw new Error(`Not a workflow command: ${line}`);
    const unescape = (s: string) =>
      s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
    const properties: Record<string, string> = {};
    for (const pair of match[2]!.split(',')) {
      const eq = pair.indexOf('=');
      properties[pair.slice(0, eq)] = unescape(pair.slice(eq + 1));
    }
    return { command: match[1]!, properties, message: unescape(match[3]!) };
  }

  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeProperty('a:b,c%d\ne')).toBe('a%3Ab%2Cc%25d%0Ae');
    // `%` first: an escape must not be escaped again.
    expect(escapeData('%0A')).toBe('%250A');
  });

  it('writes one command per finding that the runner reads back exactly', () => {
    const lines = reporters.github!(result, context).split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(diagnostics.length);
    const parsed = lines.map(parseCommand);
    expect(parsed.map((p) => p.command)).toEqual(['error', 'warning', 'notice']);
    expect(parsed[0]!.properties).toEqual({
      file: 'content/en/a b/page (1).md',
      line: '3',
      col: '5',
      endLine: '3',
      endColumn: '12',
      title: 'compatlint consistency',
    });
    expect(parsed[0]!.message).toBe(`${hostile}\n↳ content/en/other,file:x.md:7:2 Stated as \`1.2.0\` here\n↳ 9:1 Also here`);
  });

  it('keeps a file name holding , and : intact', () => {
    const d = diagnostic({ file: 'docs/a,b:c%.md', line: 2, ruleId: 'parse-error', message: 'm' });
    const line = reporters.github!({ ...empty, diagnostics: [d], summary: summarize([d]) }, context).trim();
    expect(line).toContain('file=docs/a%2Cb%3Ac%25.md,');
    expect(parseCommand(line).properties.file).toBe('docs/a,b:c%.md');
  });
});

describe('junit', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testcase', 'failure'].includes(name), trimValues: false, htmlEntities: true });

  it('is well-formed XML with one test case per checked file, failures for errors only', () => {
    const xml = reporters.junit!(result, context);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = parser.parse(xml) as {
      testsuite: { tests: string; failures: string; testcase: Array<{ name: string; failure?: Array<{ type: string; message: string; '#text': string }>; 'system-out'?: string }> };
    };
    const suite = doc.testsuite;
    expect(suite.testcase.map((c) => c.name)).toEqual(result.checked);
    expect(suite.tests).toBe(String(result.checked.length));
    expect(suite.failures).toBe('1');
    const page = suite.testcase.find((c) => c.name === 'content/en/a b/page (1).md')!;
    expect(page.failure).toHaveLength(1);
    // Attribute values come back exactly, CR and LF included.
    expect(page.failure![0]!.message).toBe(hostile);
    expect(page.failure![0]!.type).toBe('consistency');
    expect(page['system-out']).toContain('Unexpected unused definition `[3]`');
    const ja = suite.testcase.find((c) => c.name === 'content/ja/ページ.md')!;
    expect(ja.failure).toBeUndefined();
    // A control character XML cannot hold is dropped, the rest kept.
    expect(ja['system-out']).toContain('Ends in a control  char');
    expect(suite.testcase.find((c) => c.name === 'content/en/clean.md')).toEqual({ classname: 'compatlint', name: 'content/en/clean.md', file: 'content/en/clean.md' });
  });

  it('is well-formed with no findings', () => {
    const xml = reporters.junit!(empty, context);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect((parser.parse(xml) as { testsuite: { testcase: unknown[] } }).testsuite.testcase).toHaveLength(2);
  });
});

describe('markdown', () => {
  function tree(text: string): Root {
    return unified().use(remarkParse).use(remarkGfm).parse(text);
  }
  function* nodes(node: Nodes): Generator<Nodes> {
    yield node;
    if ('children' in node) for (const child of node.children) yield* nodes(child);
  }
  const all = (root: Root, type: string) => [...nodes(root)].filter((n) => n.type === type);

  it('renders one table per file with one row per finding, page text never becoming markup', () => {
    const root = tree(reporters.markdown!(result, linked));
    const tables = all(root, 'table') as Table[];
    expect(tables.map((t) => t.children.length - 1)).toEqual([2, 1]);
    for (const t of tables) for (const row of t.children) expect(row.children).toHaveLength(4);
    // The only HTML is the line breaks the reporter writes itself.
    expect(new Set(all(root, 'html').map((n) => (n as { value: string }).value))).toEqual(new Set(['<br>']));
    for (const kind of ['emphasis', 'strong', 'delete', 'inlineMath']) expect(all(root, kind), kind).toEqual([]);
    const links = (all(root, 'link') as Link[]).map((l) => l.url);
    expect(links).not.toContain('javascript:y');
    expect(links).toContain('https://github.com/ORG/REPO/blob/SHA/content/en/a%20b/page%20%281%29.md#L3');
    expect(links).toContain('https://github.com/ORG/REPO/blob/SHA/content/en/other%2Cfile%3Ax.md#L7');
    expect(links).toContain('https://github.com/compatlint/compatlint/blob/main/src/rules/consistency/README.md');
  });

  /** `n` findings on `n / 10` pages, with non-ASCII text (3 bytes a character) so bytes and characters differ. */
  function many(n: number): LintResult {
    const list = Array.from({ length: n }, (_, i) =>
      diagnostic({ file: `content/ja/page-${String(Math.floor(i / 10)).padStart(5, '0')}.md`, line: i + 1, ruleId: 'translation-drift', severity: i % 3 ? 'warning' : 'error', message: `翻訳されたページの値 \`${i}\` が元のページと違います` }),
    );
    return { files: n / 10, checked: [], diagnostics: list, summary: summarize(list), notices: [] };
  }

  it('stays under --max-bytes, stops at a whole finding, and says how many it left out and where they all are', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 60_000 }), fc.integer({ min: 0, max: 800 }), (maxBytes, n) => {
        const big = many(n * 10);
        const text = reporters.markdown!(big, { ...context, maxBytes });
        expect(Buffer.byteLength(text)).toBeLessThanOrEqual(maxBytes);
        const rows = text.split('\n').filter((l) => /^\| \d+ \|/.test(l)).length;
        if (rows === big.diagnostics.length) {
          expect(text).not.toContain('Cut to stay under');
        } else {
          const errorsLeft = big.diagnostics.slice(rows).filter((d) => d.severity === 'error').length;
          expect(text).toContain(
            `**Cut to stay under ${maxBytes.toLocaleString('en-US')} bytes** (\`--max-bytes\`): ${(big.diagnostics.length - rows).toLocaleString('en-US')} of ${big.diagnostics.length.toLocaleString('en-US')} findings left out (${errorsLeft.toLocaleString('en-US')} ${errorsLeft === 1 ? 'error' : 'errors'}).`,
          );
          expect(text).toContain('`compatlint check` in any other format');
          // The totals still count everything.
          expect(text).toContain(`${big.summary.errors} error`);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('caps at 1,000,000 bytes by default, a GitHub job summary, and keeps small reports whole', () => {
    const text = reporters.markdown!(many(20_000), context);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(1_000_000);
    expect(Buffer.byteLength(text)).toBeGreaterThan(990_000);
    expect(text).toContain('**Cut to stay under 1,000,000 bytes**');
    expect(reporters.markdown!(result, context)).not.toContain('Cut to stay under');
  });

  it('links nothing but rule docs without a link template', () => {
    const links = (all(tree(reporters.markdown!(result, context)), 'link') as Link[]).map((l) => l.url);
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((url) => url.includes('/src/rules/'))).toBe(true);
  });
});

describe('gitlab', () => {
  it('writes code quality issues with stable, distinct fingerprints', () => {
    const twice = [...diagnostics, diagnostics[1]!];
    const issues = JSON.parse(reporters.gitlab!({ ...result, diagnostics: twice, summary: summarize(twice) }, context)) as Array<{
      fingerprint: string;
      severity: string;
      location: { path: string; lines: { begin: number } };
    }>;
    expect(issues.map((i) => i.severity)).toEqual(['major', 'minor', 'info', 'minor']);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(4);
    expect(issues[0]!.location).toEqual({ path: 'content/en/a b/page (1).md', lines: { begin: 3 } });
    const again = JSON.parse(reporters.gitlab!(result, context)) as Array<{ fingerprint: string }>;
    expect(again.map((i) => i.fingerprint)).toEqual(issues.slice(0, 3).map((i) => i.fingerprint));
  });
});

describe('check --help', () => {
  it('names every format', async () => {
    const { checkHelp } = await import('../src/cli/help.js');
    for (const format of Object.keys(reporters)) expect(checkHelp()).toMatch(new RegExp(`^ +${format} `, 'm'));
  });
});

describe('compact', () => {
  it('is one line per finding, file:line:col: severity message [rule], whatever the message holds', () => {
    const lines = reporters.compact!(result, context).split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(result.diagnostics.length);
    for (const [i, line] of lines.entries()) {
      const d = result.diagnostics[i]!;
      expect(line.startsWith(`${d.file}:${d.line}:${d.column}: ${d.severity} `)).toBe(true);
      expect(line.endsWith(` [${d.ruleId}]`)).toBe(true);
    }
    expect(reporters.compact!(empty, context)).toBe('');
  });
});

describe('sarif through the command line', () => {
  it('carries each built-in rule README as help.markdown', async () => {
    const cwd = path.join(repoRoot, 'fixtures/example-site');
    const r = await cli(['check', '--format', 'sarif'], cwd);
    const rules = (JSON.parse(r.stdout) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; help?: { text: string; markdown: string } }> } } }> }).runs[0]!.tool.driver.rules;
    expect(rules.length).toBe(builtinRules.length);
    for (const rule of rules) {
      expect(rule.help?.markdown).toBe(readFileSync(path.join(repoRoot, 'src/rules', rule.id, 'README.md'), 'utf8'));
      expect(rule.help?.text).toBe(builtinRules.find((b) => b.meta.id === rule.id)!.meta.description);
    }
  });
});

describe('run notices', () => {
  const [tables] = unmatched.notices;
  const [pages] = nothing.notices;

  it('are worded once, with the counts', () => {
    expect(noticeText(tables!)).toBe(
      'No table on the 2 pages matched any of the 3 table kinds configured, so no fact was checked; `compatlint explain` shows why each table matched none',
    );
    expect(noticeText(pages!)).toBe('No page was checked');
  });

  it('follow the totals in stylish and markdown, and are a file-less notice in github', () => {
    expect(reporters.stylish!(unmatched, context)).toBe(`✔ No problems in 2 files\nℹ ${noticeText(tables!)}\n`);
    expect(reporters.stylish!(nothing, context)).toBe(`✔ No problems in 0 files\nℹ ${noticeText(pages!)}\n`);
    expect(reporters.markdown!(unmatched, context)).toBe(`## compatlint\n\n✔ No problems in 2 files\n\nℹ ${noticeText(tables!)}\n`);
    expect(reporters.github!(unmatched, context)).toBe(`::notice title=compatlint::${escapeData(noticeText(tables!))}\n`);
  });

  it('are data in json, by the report schema', () => {
    const validate = compileSchema(JSON.parse(readFileSync(path.join(repoRoot, 'schemas/report.schema.json'), 'utf8')));
    const report = JSON.parse(reporters.json!(unmatched, context)) as { notices: unknown[] };
    expect(validate(report)).toBe(true);
    expect(report.notices).toEqual([{ id: 'noTableMatched', message: noticeText(tables!), data: { pages: 2, kinds: 3 } }]);
    expect(validate({ ...report, notices: [{ id: 'noTables', message: 'x', data: {} }] }), 'an unknown notice breaks the schema').toBe(false);
  });

  it('leave formats with no place for them (one line per finding, issue lists, test cases) as they were', () => {
    for (const format of ['compact', 'gitlab', 'junit']) expect(reporters[format]!(unmatched, context), format).toBe(reporters[format]!(empty, context));
  });
});
