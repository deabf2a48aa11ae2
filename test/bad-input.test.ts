import { chmodSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadPage } from '../src/load/page.js';
import { cli, spawnCli, tempTree } from './helpers/cli.js';

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  message: string;
}

async function diagnosticsOf(files: Record<string, string | Uint8Array>, args: string[] = []): Promise<JsonDiagnostic[]> {
  const dir = tempTree(files);
  const r = await cli(['check', '-f', 'json', ...args], dir);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout).diagnostics;
}

describe('bad input becomes a diagnostic with a position, never a crash', () => {
  test('a binary file named .md', async () => {
    const d = await diagnosticsOf({ 'x.md': Buffer.from([0x23, 0x20, 0x41, 0x0a, 0x00, 0xff, 0x10]) });
    expect(d).toEqual([
      expect.objectContaining({ file: 'x.md', line: 2, ruleId: 'parse-error', message: expect.stringContaining('binary content') }),
    ]);
  });

  test('invalid UTF-8 is reported at the line and column of the first bad byte', async () => {
    const d = await diagnosticsOf({ 'x.md': Buffer.concat([Buffer.from('# Title\n\nna'), Buffer.from([0xc3, 0x28]), Buffer.from('ve\n')]) });
    expect(d).toEqual([expect.objectContaining({ line: 3, column: 3, ruleId: 'parse-error', message: expect.stringContaining('invalid UTF-8 at byte 11') })]);
  });

  test('invalid front matter', async () => {
    const d = await diagnosticsOf({ 'x.md': '---\ntitle: "unclosed\n---\n# Body\n' });
    expect(d.map((x) => x.ruleId)).toEqual(['frontmatter-invalid']);
  });

  test('a file larger than limits.maxFileBytes is reported, not parsed', async () => {
    const d = await diagnosticsOf({ 'big.md': `# Big\n${'x'.repeat(2000)}\n`, 'compatlint.config.yaml': 'limits:\n  maxFileBytes: 1000\n' });
    expect(d).toEqual([expect.objectContaining({ ruleId: 'parse-error', message: expect.stringContaining('over the 1000 B limit') })]);
  });

  test('a file deleted between listing and reading, and a directory, are parse-errors', async () => {
    const dir = tempTree({ 'gone.md': '# x\n' });
    rmSync(path.join(dir, 'gone.md'));
    mkdirSync(path.join(dir, 'dir.md'));
    expect((await loadPage(path.join(dir, 'gone.md'), 'gone.md')).problems[0]).toMatchObject({
      ruleId: 'parse-error',
      data: { reason: 'the file no longer exists' },
    });
    expect((await loadPage(path.join(dir, 'dir.md'), 'dir.md')).problems[0]).toMatchObject({
      ruleId: 'parse-error',
      data: { reason: 'it is a directory' },
    });
  });

  test('an unreadable file is a parse-error naming the reason', () => {
    const dir = tempTree({ 'ok.md': '# ok\n', 'secret.md': '# secret\n' });
    chmodSync(path.join(dir, 'secret.md'), 0o000);
    // Root reads any file, so as root the check runs without the capabilities that bypass permissions.
    const drop = '-dac_override,-dac_read_search';
    const asUser = process.getuid?.() === 0 ? ['setpriv', `--inh-caps=${drop}`, `--bounding-set=${drop}`] : undefined;
    const r = spawnCli(['-f', 'json'], dir, asUser ? { prefix: asUser } : {});
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.files).toBe(2);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ file: 'secret.md', ruleId: 'parse-error', message: 'Cannot read file: permission denied' }),
    ]);
    expect(r.code).toBe(1);
  });

  test('the original bytes of a checked page are never changed', async () => {
    const bytes = Buffer.from('# Title\r\n\r\n[1]: /x\r\n');
    const dir = tempTree({ 'x.md': bytes });
    await cli(['check'], dir);
    expect(readFileSync(path.join(dir, 'x.md')).equals(bytes)).toBe(true);
  });
});
