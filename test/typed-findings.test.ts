import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { collectAudit } from '../src/audit/collect.js';
import { loadConfig } from '../src/config/load.js';
import { formatMessage } from '../src/engine/messages.js';
import { lint } from '../src/lint/lint.js';
import { builtinRules } from '../src/rules/registry.js';
import { repoRoot } from './helpers/cli.js';
import { corpusRoot, hasCorpus } from './helpers/corpus.js';

// Rules report a message id and data; the wording is made from them in one place per rule. A
// diagnostic keeps both, so tools (the audit, SARIF, the JSON report) read facts from data.

const exampleSite = path.join(repoRoot, 'fixtures/example-site');
const allOn = Object.fromEntries(builtinRules.map((r) => [r.meta.id, 'error' as const]));

async function run(cwd: string, presets: string[] = []) {
  const config = await loadConfig({ cwd, presets, rules: allOn });
  return { config, ...(await lint({ cwd, paths: [], config })) };
}

describe('typed findings', () => {
  test.each([
    ['example site', exampleSite, []],
    ...(hasCorpus ? [['shared corpus (datadog)', path.join(corpusRoot, 'datadog'), ['datadog']] as const] : []),
  ] as Array<[string, string, string[]]>)('%s: every message is worded again from its id and data alone', async (_name, cwd, presets) => {
    const { result, config } = await run(cwd, presets);
    expect(result.diagnostics.length).toBeGreaterThan(0);
    for (const d of result.diagnostics) {
      const meta = config.ruleSet.get(d.ruleId)!.meta;
      expect(formatMessage(meta, d.messageId, d.data, { file: d.file })).toBe(d.message);
      for (const r of d.related) expect(formatMessage(meta, r.messageId, r.data, { file: r.file })).toBe(r.message);
      // Data is plain JSON: it survives the JSON report unchanged.
      expect(JSON.parse(JSON.stringify(d.data))).toEqual(d.data);
    }
  });

  test('a disagreement names its facts by key and place, and the other statement as a location', async () => {
    const { result } = await run(exampleSite);
    const conflict = result.diagnostics.find((d) => d.ruleId === 'consistency' && d.messageId === 'conflict');
    expect(conflict).toBeDefined();
    expect(conflict!.data.otherAt).toEqual({ file: 'content/en/profiler/compatibility/_index.md', line: 10, column: 25 });
    expect(conflict!.facts.map((f) => f.file)).toEqual(['content/en/profiler/compatibility/python.md', 'content/en/profiler/compatibility/_index.md']);
    expect(conflict!.facts[0]).toMatchObject({ line: conflict!.line, column: conflict!.column });
    expect(conflict!.facts[0]!.key).toMatch(/capability=cpu/);
  });

  test('the audit reaches matrix cells through the facts a finding names, not where it is reported', async () => {
    const { result, pages, config } = await run(exampleSite);
    const audit = (diagnostics: typeof result.diagnostics) =>
      collectAudit({ result: { ...result, diagnostics }, pages, setup: config.facts, rules: config.ruleSet.metas, toolVersion: '0' });
    const highlighted = (data: ReturnType<typeof audit>) =>
      data.matrices.flatMap((m) => m.rowGroups.flatMap((g) => g.rows.flatMap((r) => r.cells.filter((c) => c?.rules.length).map((c) => c!.factKey)))).sort();
    const before = highlighted(audit(result.diagnostics));
    expect(before.length).toBeGreaterThan(0);
    // The same findings reported one line off: the cells they mark stay the same.
    const moved = result.diagnostics.map((d) => ({ ...d, line: d.line + 1, related: d.related.map((r) => ({ ...r, line: r.line + 1 })) }));
    expect(highlighted(audit(moved))).toEqual(before);
    // Without the facts, no cell is marked by a finding.
    expect(highlighted(audit(result.diagnostics.map((d) => ({ ...d, facts: [] }))))).toEqual([]);
  });
});
