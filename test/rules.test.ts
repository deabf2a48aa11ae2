import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { builtinRules } from '../src/rules/registry.js';
import { fixtureCases, formatExpected, rulesDir, runCase } from './helpers/fixtures.js';

// One runner for every rule: each fixture page (or small tree) is checked with only its rule on,
// and the findings must equal the `.expected.txt` beside it. UPDATE_FIXTURES=1 rewrites them.
const update = process.env.UPDATE_FIXTURES === '1';

describe.each(builtinRules.map((r) => r.meta.id))('%s', (ruleId) => {
  const cases = fixtureCases(ruleId);

  test('has documentation and valid and invalid fixtures', () => {
    const readme = path.join(rulesDir, ruleId, 'README.md');
    expect(existsSync(readme)).toBe(true);
    const docs = readFileSync(readme, 'utf8');
    expect(docs).toMatch(new RegExp(`^# ${ruleId}\\n`));
    expect(docs).toMatch(/## Bad/);
    expect(docs).toMatch(/## Good/);
    expect(cases.some((c) => c.valid)).toBe(true);
    expect(cases.some((c) => !c.valid)).toBe(true);
  });

  test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const diagnostics = await runCase(ruleId, c);
    for (const d of diagnostics) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
      expect(d.endLine * 1e6 + d.endColumn).toBeGreaterThanOrEqual(d.line * 1e6 + d.column);
    }
    if (c.valid) {
      expect(formatExpected(diagnostics, c.tree)).toBe('');
      return;
    }
    const actual = formatExpected(diagnostics, c.tree);
    if (update) writeFileSync(c.expectedFile, actual);
    expect(actual, `${c.expectedFile} must list the findings`).not.toBe('');
    expect(actual).toBe(readFileSync(c.expectedFile, 'utf8'));
  });
});
