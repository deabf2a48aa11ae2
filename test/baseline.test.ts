import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli, tempTree } from './helpers/cli.js';

// A tree with old problems starts from "no new problems": `baseline` records today's findings,
// `check` reports only the others, and the file shrinks as the old ones are fixed.

const page = [
  '# Setup',
  '',
  '| Type | Tracing |',
  '|---|---|',
  '| Docker | ✓ | extra |',
  '',
  'Read [the guide][guide].',
  '',
].join('\n');

type Report = { diagnostics: Array<{ ruleId: string; line: number }> };

describe('baseline', () => {
  test('recorded findings are left out, also after lines move; new ones are reported', async () => {
    const dir = tempTree({ 'a.md': page });
    const before = await cli(['check', '--format', 'json'], dir);
    expect(before.code).toBe(1);
    const written = await cli(['baseline'], dir);
    expect(written.code).toBe(0);
    expect(written.stdout).toMatch(/^Wrote 2 findings to \.compatlint-baseline\.json/);
    const clean = await cli(['check', '--format', 'json'], dir);
    expect(clean.code).toBe(0);
    expect((JSON.parse(clean.stdout) as Report).diagnostics).toEqual([]);
    expect(clean.stderr).toBe('compatlint: 2 findings left out by the baseline .compatlint-baseline.json\n');

    // Two lines added above: the old findings move down and stay left out; a new problem is reported.
    writeFileSync(path.join(dir, 'a.md'), `Intro.\n\n${page}See [the API][api].\n`);
    const after = await cli(['check', '--format', 'json'], dir);
    expect((JSON.parse(after.stdout) as Report).diagnostics.map((d) => [d.ruleId, d.line])).toEqual([['reference-undefined', 10]]);
    expect(after.code).toBe(1);
  });

  test('fixed findings are counted, and --prune-baseline removes them', async () => {
    const dir = tempTree({ 'a.md': page });
    await cli(['baseline'], dir);
    writeFileSync(path.join(dir, 'a.md'), page.replace(' extra |', ''));
    const r = await cli(['check'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('compatlint: 1 finding left out by the baseline .compatlint-baseline.json; 1 recorded finding no longer occurs (--prune-baseline removes them)\n');
    await cli(['check', '--prune-baseline'], dir);
    const file = JSON.parse(readFileSync(path.join(dir, '.compatlint-baseline.json'), 'utf8')) as { entries: Array<{ ruleId: string }> };
    expect(file.entries.map((e) => e.ruleId)).toEqual(['reference-undefined']);
    const partial = await cli(['check', '--prune-baseline', 'a.md'], dir);
    expect(partial.code).toBe(2);
    expect(partial.stderr).toMatch(/--prune-baseline needs a whole-tree run/);
  });

  test('a baseline file that is not one is a one-line error', async () => {
    const dir = tempTree({ 'a.md': page, 'b.json': '{"entries": 3}' });
    const r = await cli(['check', '--baseline', 'b.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('compatlint: Baseline b.json: not a compatlint baseline (expected {"version": 1, "entries": [...]})\n');
  });
});
