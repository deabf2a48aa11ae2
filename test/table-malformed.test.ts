import { describe, expect, test } from 'vitest';
import { cli, tempTree } from './helpers/cli.js';

interface Finding {
  line: number;
  ruleId: string;
  messageId: string;
}

async function findings(page: string): Promise<Finding[]> {
  const r = await cli(['check', '--format', 'json', 'p.md'], tempTree({ 'p.md': page }));
  return (JSON.parse(r.stdout) as { diagnostics: Finding[] }).diagnostics.map(({ line, ruleId, messageId }) => ({ line, ruleId, messageId }));
}

const rows = ['| Python  | >= 3.8  | CPython |', '| Ruby    | >= 2.7  | MRI     | YJIT |'];

describe('table-malformed and table-column-count: one finding per defect', () => {
  test('a table that does not render is one finding, whatever its rows hold', async () => {
    const broken = ['# Runtimes', '', '| Runtime | Version | Notes |', '|---------|---------|', ...rows, ''].join('\n');
    expect(await findings(broken)).toEqual([{ line: 3, ruleId: 'table-malformed', messageId: 'cellCount' }]);
  });

  test('once it renders, its rows are table-column-count’s, and table-malformed says nothing', async () => {
    const renders = ['# Runtimes', '', '| Runtime | Version | Notes |', '|---------|---------|-------|', ...rows, ''].join('\n');
    expect(await findings(renders)).toEqual([{ line: 6, ruleId: 'table-column-count', messageId: 'tooMany' }]);
  });

  test('--fix pads the delimiter row only when every body row has the header’s cells', async () => {
    const dir = tempTree({ 'p.md': ['| Runtime | Version | Notes |', '|---|---|', rows[0], ''].join('\n'), 'q.md': ['| Runtime | Version | Notes |', '|---|---|', ...rows, ''].join('\n') });
    const fixed = await cli(['check', '--fix', '--format', 'json'], dir);
    expect(fixed.stderr).toBe('compatlint: fixed 1 problem in 1 file\n');
    const left = (JSON.parse(fixed.stdout) as { diagnostics: Array<Finding & { file: string }> }).diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId}`);
    expect(left).toEqual(['q.md:1 table-malformed']);
  });
});
