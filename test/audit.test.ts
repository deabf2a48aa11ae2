import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { collectAudit } from '../src/audit/collect.js';
import { escapeHtml, jsonForScript } from '../src/audit/escape.js';
import { renderAuditHtml, type AuditPayload } from '../src/audit/html.js';
import { MARKDOWN_MAX_LENGTH, renderAuditMarkdown } from '../src/audit/markdown.js';
import { markdownText, mdCode, mdInline } from '../src/util/markdown.js';
import type { AuditData, Finding } from '../src/audit/types.js';
import { loadConfig } from '../src/config/load.js';
import { lint } from '../src/lint/lint.js';
import { toolVersion } from '../src/util/paths.js';
import { builtinRules } from '../src/rules/registry.js';
import { cli, repoRoot, tempTree } from './helpers/cli.js';

const exampleSite = path.join(repoRoot, 'fixtures/example-site');
const escapeSite = path.join(repoRoot, 'fixtures/audit-escape');

async function auditOf(cwd: string): Promise<AuditData> {
  const config = await loadConfig({ cwd });
  const { result, pages } = await lint({ cwd, paths: [], config });
  return collectAudit({ result, pages, setup: config.facts, rules: builtinRules.map((r) => r.meta), toolVersion });
}

/** The JSON the report embeds for its script. */
function payloadOf(html: string): AuditPayload {
  const m = /<script type="application\/json" id="audit-data">([^]*?)<\/script>/.exec(html);
  expect(m).not.toBeNull();
  return JSON.parse(m![1]!);
}

describe('escaping', () => {
  test('escapeHtml leaves no character that could start markup or end an attribute', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = escapeHtml(s);
        expect(out).not.toMatch(/[<>"']/);
        expect(out.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
      }),
    );
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe('&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;');
  });

  test('jsonForScript cannot end or comment out its script element and parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('</script>', '</SCRIPT ', '<!--', '-->', '<script>', '\u2028', '\u2029'), (value, nasty) => {
        const data = { value, nasty, text: `a${nasty}b` };
        const out = jsonForScript(data);
        expect(out.toLowerCase()).not.toContain('</script');
        expect(out).not.toContain('<!--');
        expect(out).not.toMatch(/[\u2028\u2029<>]/);
        expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(data)));
      }),
    );
  });

  test('Markdown shows page text as text: no HTML, links or emphasis from a message', () => {
    const mdInline = (text: string, inTable = false) => markdownText(text, { inTable });
    expect(mdInline('is <img src=x onerror=alert(1)> [here](http://x) *bold*')).toBe(
      'is \\<img src=x onerror=alert(1)\\> \\[here\\](http\u2060://x) \\*bold\\*',
    );
    // Code spans are kept as CommonMark reads them: text inside is already literal.
    expect(mdInline('value `<script>` here')).toBe('value `<script>` here');
    expect(mdInline('a | b `c|d`', true)).toBe('a \\| b `c\\|d`');
    expect(mdInline('unclosed ` tick')).toBe('unclosed \\` tick');
    expect(mdCode('a `b` c')).toBe('``a `b` c``');
    expect(mdCode('a|b', true)).toBe('`a\\|b`');
    expect(mdCode('`x`')).toBe('`` `x` ``');
  });
});

describe('collectAudit on the example tree', () => {
  let data: AuditData;
  beforeAll(async () => {
    data = await auditOf(exampleSite);
  });

  test('totals by severity, rule, locale and page all count the same findings', () => {
    const { errors, warnings, infos } = data.summary;
    expect(errors + warnings + infos).toBe(data.findings.length);
    expect(errors).toBe(data.findings.filter((f) => f.severity === 'error').length);
    for (const list of [data.byRule, data.byLocale, data.byPage]) {
      expect(list.reduce((n, t) => n + t.errors, 0)).toBe(errors);
      expect(list.reduce((n, t) => n + t.warnings, 0)).toBe(warnings);
    }
    expect(data.byLocale.map((l) => [l.locale, l.pages])).toEqual([
      ['en', 7],
      ['fr', 1],
    ]);
    // Worst pages first.
    const weights = data.byPage.map((p) => p.errors * 1e6 + p.warnings);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
  });

  test('drift is exactly the consistency and translation-drift findings', () => {
    expect(data.drift.map((d) => d.ruleId).sort()).toEqual(['consistency', 'consistency', 'translation-drift']);
    expect(data.drift.every((d) => data.findings.includes(d))).toBe(true);
  });

  test('the matrix highlights the CPU profiling / Python cell, 1.3.0 here and 1.2.0 in the overview matrix, with both sources', () => {
    const capabilities = data.matrices.find((m) => m.kind === 'capabilities');
    expect(capabilities?.columns.map((c) => c.id)).toEqual(['python', 'ruby']);
    const cpu = capabilities!.rowGroups.find((g) => g.label === 'CPU profiling');
    expect(cpu?.highlighted).toBe(true);
    const cell = cpu!.rows[0]!.cells[0]!;
    // The overview states it in another table kind: a finding links the two, the chip shows this kind's value.
    expect(cell.reasons).toEqual(['finding']);
    expect(cell.rules).toEqual(['consistency']);
    expect(cell.values.map((v) => v.label)).toEqual(['1.3.0']);
    const at = (id: number) => [path.basename(data.facts[id]!.file), data.facts[id]!.line, data.facts[id]!.chip.label];
    expect(cell.facts.map(at)).toEqual([['python.md', 14, '1.3.0']]);
    expect(cell.findings).toHaveLength(1);
    const finding = data.findings[cell.findings[0]!]!;
    expect(finding.ruleId).toBe('consistency');
    expect(finding.factIds.map(at).sort()).toEqual([
      ['_index.md', 10, '1.2.0'],
      ['python.md', 14, '1.3.0'],
    ]);
  });

  test('a translation-drift finding marks the source cell and names the translation\'s fact', () => {
    const capabilities = data.matrices.find((m) => m.kind === 'capabilities')!;
    const memory = capabilities.rowGroups.find((g) => g.label === 'Memory profiling')!;
    const cell = memory.rows[0]!.cells[0]!;
    expect(cell.reasons).toEqual(['finding']);
    expect(cell.rules).toEqual(['translation-drift']);
    const finding = data.findings[cell.findings[0]!]!;
    const fr = finding.factIds.map((id) => data.facts[id]!).find((f) => f.file.includes('/fr/'));
    expect(fr).toMatchObject({ line: 15, chip: { kind: 'version', label: '1.2.0' } });
  });

  test('each disagreement is counted once: a matrix counts its findings and its cells whose values differ with no finding', () => {
    const findings = new Set<number>();
    let valueOnly = 0;
    for (const m of data.matrices) {
      const cells = m.rowGroups.flatMap((g) => g.rows.flatMap((r) => r.cells)).filter((c) => c !== null);
      const own = new Set(cells.flatMap((c) => c.findings));
      const values = cells.filter((c) => c.reasons.length === 1 && c.reasons[0] === 'values').length;
      expect(m.disagreements).toBe(own.size + values);
      for (const c of cells) expect(c.highlighted).toBe(c.reasons.length > 0);
      for (const f of own) findings.add(f);
      valueOnly += values;
    }
    expect(data.disagreements).toBe(findings.size + valueOnly);
    // Here every disagreement is a drift finding about a source page's cell: three of them.
    expect(data.disagreements).toBe(3);
    expect([...findings].every((i) => data.drift.includes(data.findings[i]!))).toBe(true);
    const deployments = data.matrices.find((m) => m.kind === 'deployments')!;
    const docker = deployments.rowGroups.find((g) => g.label === 'Docker')!;
    expect(docker.rows.map((r) => r.label)).toEqual(['CPU profiling', 'Memory profiling', 'Lock contention']);
    expect(docker.rows[0]!.cells.map((c) => c?.values.map((v) => v.label))).toEqual([['yes'], ['yes']]);
    expect(docker.rows[0]!.cells.some((c) => c?.highlighted)).toBe(false);
  });

  test('every page is listed with its title, counts and tables; table cells name the facts in order', () => {
    expect(data.pages.map((p) => p.file)).toHaveLength(8);
    const python = data.pages.find((p) => p.file.endsWith('en/profiler/compatibility/python.md'))!;
    expect(python.title).toBe('Python Compatibility Requirements');
    expect(python.errors + python.warnings + python.infos).toBe(data.findings.filter((f) => f.file === python.file).length);
    expect(python.tables.map((t) => t.kind)).toEqual(['capabilities', 'deployments', 'deployments']);
    expect(python.tables[1]!.section.at(-1)).toBe('Supported deployment types');
    const ids = data.pages.flatMap((p) => p.tables.flatMap((t) => t.rows.flatMap((r) => r.cells.map((c) => c.fact))));
    expect(ids).toEqual(data.facts.map((_, i) => i));
    const first = python.tables[0]!.rows[0]!;
    expect(data.facts[first.cells[0]!.fact]).toMatchObject({ file: python.file, line: first.line });
  });
});

describe('collectAudit: matrices as consistency compares facts', () => {
  const config = `include: ["content/**/*.md"]
site: { content: content, locales: [en], defaultLocale: en }
pageDimensions:
  lang: { frontMatter: code_lang }
  product: { path: "^(.+?)/compatibility(?:/|$)" }
vocabulary:
  capability: { cpu: ["CPU profiling"] }
  deployment: { docker: ["Docker"], lambda: ["AWS Lambda"] }
  attribute: { support: ["Support"] }
tables:
  - id: deployments
    match: { keyHeader: ["Type"] }
    key: deployment
    columns: capability
    pageDimensions: [lang]
  - id: runtimes
    match: { keyHeader: ["Runtime"] }
    key: runtime
    columns: attribute
    pageDimensions: [lang, product]
`;
  const page = (lambda: string, runtime: string) => `---
title: Go compatibility
code_lang: go
---

## Deployments

| Type | CPU profiling |
|---|---|
| Docker | ✓ |
| AWS Lambda | ${lambda} |

## Runtimes

| Runtime | Support |
|---|---|
| 1.21 | ${runtime} |
`;
  let data: AuditData;
  beforeAll(async () => {
    const dir = tempTree({
      'compatlint.config.yaml': config,
      'content/en/security/_index.md': '---\ntitle: Security Platform\n---\n',
      'content/en/security/code_security/iast/compatibility/go.md': page('✓', 'GA'),
      'content/en/security/code_security/sca/compatibility/go.md': page('', 'GA'),
      'content/en/tracing/compatibility/go.md': page('✓', 'Beta'),
    });
    data = await auditOf(dir);
  });

  test('a kind whose facts do not carry the product is one matrix for every product; one that does is one per product', () => {
    expect(data.matrices.map((m) => [m.kind, m.group.map((g) => g.value)])).toEqual([
      ['deployments', []],
      ['runtimes', ['security/code_security/iast']],
      ['runtimes', ['security/code_security/sca']],
      ['runtimes', ['tracing']],
    ]);
  });

  test('a disagreement across three products is one cell, with every statement, and is counted once', () => {
    const deployments = data.matrices[0]!;
    const lambda = deployments.rowGroups.find((g) => g.label === 'AWS Lambda')!;
    const cell = lambda.rows[0]!.cells[0]!;
    expect(cell.values.map((v) => v.label)).toEqual(['yes', 'empty']);
    expect(cell.facts.map((id) => data.facts[id]!.file).sort()).toEqual([
      'content/en/security/code_security/iast/compatibility/go.md',
      'content/en/security/code_security/sca/compatibility/go.md',
      'content/en/tracing/compatibility/go.md',
    ]);
    expect(cell.rules).toEqual(['consistency']);
    expect(deployments.disagreements).toBe(1);
    expect(data.disagreements).toBe(1);
    expect(data.drift).toHaveLength(1);
  });

  test('groups are labelled as the site names its sections: an _index.md title, else the folder in words', () => {
    expect(data.matrices.slice(1).map((m) => m.group[0]!.label)).toEqual([
      'Security Platform › Code Security › Iast',
      'Security Platform › Code Security › Sca',
      'Tracing',
    ]);
  });
});

describe('HTML report', () => {
  test('page text from cells, messages and config is escaped everywhere', async () => {
    const data = await auditOf(escapeSite);
    const html = renderAuditHtml(data);
    // The page's own script elements: the data, the code. Nothing from a page adds one.
    expect(html.match(/<script/gi)).toHaveLength(2);
    expect(html.match(/<\/script/gi)).toHaveLength(2);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain('<b>not bold</b>');
    expect(html).toContain('&lt;script&gt;window.__xss = &#39;cell&#39;&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;window.__xss = &#39;img&#39;&quot;&gt;');
    // The embedded data still holds the exact text, for the script to show with textContent.
    const messages = payloadOf(html).findings.map((f) => f[5]);
    expect(messages.some((m) => m.includes('`</script><!-- 1.4.0`'))).toBe(true);
  });

  test('self-contained: no URL the browser would fetch', async () => {
    const html = renderAuditHtml(await auditOf(exampleSite));
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/@import|url\(/);
    expect(html).toContain('content="default-src &#39;none&#39;;');
  });

  test('--link-template links every location, in the markup and in the embedded data', async () => {
    const data = await auditOf(exampleSite);
    const html = renderAuditHtml(data, { linkTemplate: 'https://example.com/blob/main/{file}#L{line}-C{column}' });
    expect(html).toContain('<a href="https://example.com/blob/main/content/en/profiler/compatibility/python.md#L14-C25">');
    const payload = payloadOf(html);
    // Each file's link, with the line and column for the script to fill.
    expect(payload.fileLinks).toEqual(payload.files.map((f) => `https://example.com/blob/main/${f}#L{line}-C{column}`));
    expect(renderAuditHtml(data)).not.toContain('<a href="https://');
    expect(payloadOf(renderAuditHtml(data)).fileLinks).toBeNull();
  });

  test('the embedded data has every finding, in the engine order, with its related locations', async () => {
    const data = await auditOf(exampleSite);
    const payload = payloadOf(renderAuditHtml(data));
    expect(payload.findings).toHaveLength(data.findings.length);
    payload.findings.forEach((f, i) => {
      const d = data.findings[i] as Finding;
      expect([payload.files[f[0]], payload.rules[f[1]], payload.severities[f[2]], payload.locales[payload.fileLocales[f[0]]!], f[3], f[4], f[5]]).toEqual([
        d.file,
        d.ruleId,
        d.severity,
        d.locale ?? '',
        d.line,
        d.column,
        d.message,
      ]);
      expect(f[6].map((r) => `${payload.files[r[0]]}:${r[1]} ${payload.strings[r[3]]}`)).toEqual(d.related.map((r) => `${r.file}:${r.line} ${r.message}`));
      expect(f[7]).toEqual(d.factIds);
    });
  });

  test('the embedded pages hold every fact at its place, with its chip', async () => {
    const data = await auditOf(exampleSite);
    const payload = payloadOf(renderAuditHtml(data));
    const facts: Array<{ file: string; line: number; column: number; label: string }> = [];
    for (const [, , , , , tables] of payload.pages) {
      for (const [, file, , , , , rows] of tables) {
        for (const [, line, cells] of rows) {
          for (let i = 0; i < cells.length; i += 4) {
            const chip = payload.chips[cells[i + 3]!]!;
            facts.push({ file: payload.files[file]!, line: line + cells[i + 1]!, column: cells[i + 2]!, label: payload.strings[chip[1]]! });
          }
        }
      }
    }
    expect(facts).toEqual(data.facts.map((f) => ({ file: f.file, line: f.line, column: f.column, label: f.chip.label })));
  });

  test('the same input gives the same report', async () => {
    expect(renderAuditHtml(await auditOf(exampleSite))).toBe(renderAuditHtml(await auditOf(exampleSite)));
  });
});

/** A large synthetic audit: many pages, each with long drift findings. */
function bigAudit(pages: number): AuditData {
  const findings: Finding[] = [];
  for (let p = 0; p < pages; p++) {
    const file = `content/${p % 2 ? 'fr' : 'en'}/product-${p}/page.md`;
    findings.push({
      file,
      line: 10,
      column: 3,
      endLine: 10,
      endColumn: 9,
      ruleId: p % 2 ? 'translation-drift' : 'consistency',
      messageId: 'disagree',
      severity: p % 2 ? 'warning' : 'error',
      message: `\`CPU profiling\` / \`Minimum version\` is \`1.${p}.0\` here but <b>\`2.0\`</b> elsewhere`,
      related: [{ file: `content/en/product-${p}/other.md`, line: 4, column: 1, endLine: 4, endColumn: 2, message: 'The other side', messageId: 'stated', data: {} }],
      data: {},
      facts: [],
      locale: p % 2 ? 'fr' : 'en',
      factIds: [],
    });
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  return {
    tool: { name: 'compatlint', version: '0.0.0' },
    files: pages,
    summary: { errors, warnings: findings.length - errors, infos: 0 },
    byRule: [],
    byLocale: [],
    byPage: findings.map((f) => ({ file: f.file, locale: f.locale, errors: f.severity === 'error' ? 1 : 0, warnings: f.severity === 'error' ? 0 : 1, infos: 0 })),
    findings,
    drift: findings,
    pages: [],
    facts: [],
    matrices: [],
    disagreements: 0,
    columnDimension: 'lang',
    translations: { basesConfigured: false, locales: [], pages: [] },
  };
}

describe('Markdown report', () => {
  test('a small audit is complete: summary, worst pages, every drift finding', async () => {
    const md = renderAuditMarkdown(await auditOf(exampleSite));
    expect(md).toMatch(/^## compatlint audit\n\n\*\*8 pages checked: 7 errors, 2 warnings, 0 infos\*\* on 3 pages; 3 drift findings;/);
    expect(md).toContain('| `consistency` | 2 |  |  |');
    expect(md).toContain('### Pages with the most errors');
    expect(md).toContain('#### `translation-drift` (1)');
    expect(md).toContain('  - `content/en/profiler/compatibility/_index.md:10:25`: ');
    expect(md).not.toContain('Truncated');
  });

  test('a huge audit stays under 65,000 characters and says what it left out, with the full totals', () => {
    const data = bigAudit(5000);
    const md = renderAuditMarkdown(data);
    expect(md.length).toBeLessThan(MARKDOWN_MAX_LENGTH);
    expect(md.length).toBeGreaterThan(MARKDOWN_MAX_LENGTH - 2000);
    expect(md).toContain('**5,000 pages checked: 2,500 errors, 2,500 warnings, 0 infos**');
    const shown = md.split('\n').filter((l) => l.startsWith('- **')).length;
    expect(md).toContain(`**Truncated to fit a GitHub issue** (65,000 characters): 20 of 20 worst pages and ${shown} of 5,000 drift findings are listed.`);
    expect(md).toContain('The totals above count all 5,000 findings (2,500 errors, 2,500 warnings)');
    expect(md).not.toContain('<b>');
  });

  test('maxLength is honoured for any size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 3000, max: 20000 }), (pages, maxLength) => {
        expect(renderAuditMarkdown(bigAudit(pages), { maxLength }).length).toBeLessThanOrEqual(maxLength);
      }),
      { numRuns: 25 },
    );
  });
});

describe('compatlint audit', () => {
  test('writes both reports atomically and exits like check', async () => {
    const dir = tempTree({});
    const html = path.join(dir, 'out/report.html');
    const md = path.join(dir, 'out/report.md');
    const r = await cli(['audit', '--config', path.join(exampleSite, 'compatlint.config.yaml'), exampleSite, '--html', html, '--markdown', md], repoRoot);
    expect(r).toMatchObject({ code: 1, stderr: '' });
    expect(r.stdout).toBe(`compatlint audit: 7 errors, 2 warnings in 8 files; wrote ${html} and ${md}\n`);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>/);
    expect(readFileSync(md, 'utf8')).toMatch(/^## compatlint audit/);
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['report.html', 'report.md']);
  });

  test('exit 0 for a clean tree; only the requested report is written', async () => {
    const dir = tempTree({ 'a.md': '# Clean\n' });
    const r = await cli(['audit', '--markdown', 'r.md'], dir);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, 'r.md'))).toBe(true);
    expect(existsSync(path.join(dir, 'r.html'))).toBe(false);
    expect(readFileSync(path.join(dir, 'r.md'), 'utf8')).toContain('No drift: the facts agree.');
  });

  test('usage errors are one line and exit 2', async () => {
    const dir = tempTree({ 'a.md': '# Clean\n' });
    expect(await cli(['audit'], dir)).toMatchObject({
      code: 2,
      stderr: 'compatlint: audit needs --html FILE, --markdown FILE or both (see compatlint audit --help)\n',
    });
    expect(await cli(['audit', '--html', 'r.html', '--link-template', 'https://x/'], dir)).toMatchObject({
      code: 2,
      stderr: 'compatlint: --link-template must contain {file} (and usually {line}), got "https://x/"\n',
    });
    expect((await cli(['audit', '--html', 'r.html', 'missing.md'], dir)).code).toBe(2);
    expect(existsSync(path.join(dir, 'r.html'))).toBe(false);
  });

  test('--help documents the options', async () => {
    const r = await cli(['audit', '--help'], repoRoot);
    expect(r.code).toBe(0);
    for (const option of ['--html', '--markdown', '--link-template', '--preset', '--max-warnings']) expect(r.stdout).toContain(option);
  });
});
