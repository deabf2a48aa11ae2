import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { applyFixes, lintText, loadConfig } from '../src/index.js';
import { repoRoot } from './helpers/cli.js';

// As an editor uses the API: the tree on disk, one buffer with unsaved edits. The buffer is
// checked with the builder `check` uses, and corpus rules compare it (not the file on disk)
// with the other pages.

const python = 'content/en/profiler/compatibility/python.md';
const french = 'content/fr/profiler/compatibility/python.md';

function exampleTree(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'compatlint-buffer-'));
  cpSync(path.join(repoRoot, 'fixtures/example-site'), dir, { recursive: true });
  return dir;
}

describe('lintText', async () => {
  const dir = exampleTree();
  const config = await loadConfig({ cwd: dir });
  const onDisk = readFileSync(path.join(dir, python), 'utf8');
  const ruleIds = (r: { result: { diagnostics: Array<{ ruleId: string }> } }) => r.result.diagnostics.map((d) => d.ruleId);

  test('reports the buffer as it is, not the file on disk', async () => {
    const asOnDisk = await lintText({ cwd: dir, config, file: python, text: onDisk });
    expect(ruleIds(asOnDisk)).toContain('consistency');
    expect(asOnDisk.result.diagnostics.every((d) => d.file === python)).toBe(true);

    // The writer fixes the disagreement with the overview page in the buffer, not yet saved.
    const edited = onDisk.replace('| CPU profiling       | 1.3.0', '| CPU profiling       | 1.2.0');
    expect(edited).not.toBe(onDisk);
    const fixed = await lintText({ cwd: dir, config, file: python, text: edited });
    expect(fixed.result.diagnostics.filter((d) => d.ruleId === 'consistency' && d.line === 14)).toEqual([]);
    expect(readFileSync(path.join(dir, python), 'utf8')).toBe(onDisk);
  });

  test('corpus rules on other pages see the buffer: a translation drifts from what the buffer says', async () => {
    const edited = onDisk.replace('| Memory profiling    | 1.4.0', '| Memory profiling    | 1.2.0');
    const french_ = await lintText({ cwd: dir, config, file: french, text: readFileSync(path.join(dir, french), 'utf8') });
    expect(ruleIds(french_)).toContain('translation-drift');
    // The French page says 1.2.0; with the English buffer saying 1.2.0 too, the drift is gone from the buffer's view.
    const buffer = await lintText({ cwd: dir, config, file: python, text: edited });
    expect(buffer.result.diagnostics.filter((d) => d.ruleId === 'translation-drift')).toEqual([]);
    expect(buffer.pages.find((p) => p.file === python)?.facts?.tables.length).toBeGreaterThan(0);
  });

  test('a new buffer that is not on disk yet is checked, with its fixes applicable to its text', async () => {
    const text = '# New page\n\nSee [the guide][guide].\n\n[unused]: https://example.com/\n';
    const out = await lintText({ cwd: dir, config, file: 'content/en/new-page.md', text });
    expect(ruleIds(out)).toEqual(expect.arrayContaining(['reference-undefined', 'reference-unused']));
    expect(out.result.diagnostics.every((d) => d.file === 'content/en/new-page.md')).toBe(true);
    const fixes = out.result.diagnostics.flatMap((d) => (d.fix ? [d.fix] : []));
    expect(applyFixes(text, fixes).text).toBe('# New page\n\nSee [the guide][guide].\n\n');
  });
});
