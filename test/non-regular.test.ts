import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli, tempTree } from './helpers/cli.js';

// A FIFO or a device where a page or a config file should be: never a hang or endless memory,
// always a finding on that page (the others are still checked) or a one-line error.

const page = '# A\n\nText.\n';

describe('files that are not regular files', () => {
  test('a FIFO named as a page is a parse-error finding, and the other pages are checked', async () => {
    const dir = tempTree({ 'a.md': page, 'b.md': '# B\n\n[x][missing]\n' });
    expect(spawnSync('mkfifo', [path.join(dir, 'pipe.md')]).status).toBe(0);
    const r = await cli(['check', '--format', 'json', 'a.md', 'b.md', 'pipe.md'], dir);
    const report = JSON.parse(r.stdout) as { diagnostics: Array<{ file: string; ruleId: string; message: string }> };
    expect(report.diagnostics.find((d) => d.file === 'pipe.md')).toMatchObject({ ruleId: 'parse-error' });
    expect(report.diagnostics.find((d) => d.file === 'pipe.md')?.message).toMatch(/not a regular file/);
    expect(report.diagnostics.some((d) => d.file === 'b.md' && d.ruleId === 'reference-undefined')).toBe(true);
  });

  test('a page that is a symlink to /dev/zero is a finding, not endless memory', async () => {
    const dir = tempTree({ 'a.md': page });
    symlinkSync('/dev/zero', path.join(dir, 'zero.md'));
    const r = await cli(['check', '--format', 'json', 'a.md', 'zero.md'], dir);
    const report = JSON.parse(r.stdout) as { diagnostics: Array<{ file: string; ruleId: string }> };
    expect(report.diagnostics.filter((d) => d.file === 'zero.md').map((d) => d.ruleId)).toEqual(['parse-error']);
  });

  test.each([
    ['a config file', (dir: string) => symlinkSync('/dev/zero', path.join(dir, 'compatlint.config.yaml')), /^compatlint: Cannot read config compatlint\.config\.yaml: not a regular file\n$/],
    [
      'an extended config',
      (dir: string) => {
        symlinkSync('/dev/zero', path.join(dir, 'base.yaml'));
        spawnSync('sh', ['-c', `printf 'extends: ["./base.yaml"]\\n' > ${JSON.stringify(path.join(dir, 'compatlint.config.yaml'))}`]);
      },
      /^compatlint: Cannot read config base\.yaml: not a regular file\n$/,
    ],
  ])('%s that is /dev/zero is a one-line error, exit 2', async (_name, make, message) => {
    const dir = tempTree({ 'a.md': page });
    make(dir);
    const r = await cli(['check', 'a.md'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
