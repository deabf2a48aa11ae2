import { cpSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { progressLine } from '../src/cli/progress.js';
import { repoRoot, spawnCli } from './helpers/cli.js';

const built = existsSync(path.join(repoRoot, 'dist', 'load', 'worker.js'));
if (!built) console.warn('[compatlint tests] dist/ is not built: the worker-thread tests are skipped (npm test builds first).');

/** The example site with its pages copied `copies` times (content/<locale>/copyK/...), enough to start the pool. */
function bigSite(copies: number): string {
  const example = path.join(repoRoot, 'fixtures', 'example-site');
  const dir = mkdtempSync(path.join(tmpdir(), 'compatlint-pool-'));
  cpSync(path.join(example, 'compatlint.config.yaml'), path.join(dir, 'compatlint.config.yaml'));
  cpSync(path.join(example, 'schemas'), path.join(dir, 'schemas'), { recursive: true });
  for (const locale of readdirSync(path.join(example, 'content'))) {
    for (let k = 1; k <= copies; k++) {
      cpSync(path.join(example, 'content', locale), path.join(dir, 'content', locale, `copy${k}`), { recursive: true });
    }
  }
  return dir;
}

describe.skipIf(!built)('worker threads', () => {
  it('report exactly what one thread reports', () => {
    const cwd = bigSite(20);
    const one = spawnCli(['check', '--threads', '1', '--format', 'json'], cwd, { env: { DEBUG: 'compatlint' } });
    const two = spawnCli(['check', '--threads', '2', '--format', 'json'], cwd, { env: { DEBUG: 'compatlint' } });
    expect(one.stderr).toContain('160 files: 160 parsed, 0 from the cache, 0 worker threads');
    expect(two.stderr).toContain('160 files: 160 parsed, 0 from the cache, 2 worker threads');
    expect(one.code).toBe(1);
    expect(two.code).toBe(one.code);
    expect(JSON.parse(two.stdout)).toEqual(JSON.parse(one.stdout));
  });

  it('fill the cache the next run reads', () => {
    const cwd = bigSite(20);
    const first = spawnCli(['check', '--cache', '--threads', '2'], cwd, { env: { DEBUG: 'compatlint' } });
    // Another rule setting, so that the models are read back rather than the whole result.
    const second = spawnCli(['check', '--cache', '--threads', '2', '--truth-missing'], cwd, { env: { DEBUG: 'compatlint' } });
    expect(first.stderr).toContain('2 worker threads');
    expect(second.stderr).toContain('160 files: 0 parsed, 160 from the cache, 0 worker threads');
    expect(second.stdout).toBe(first.stdout);
  });
});

describe('progress line', () => {
  const io = (stderrIsTTY: boolean, env: Record<string, string> = {}) => {
    const out: string[] = [];
    return { out, io: { cwd: '/', env, stdout: { write: () => {} }, stderr: { write: (s: string) => out.push(s) }, stdoutIsTTY: false, stderrIsTTY } };
  };

  it('shows files done, total and rate on a terminal, then clears the line', () => {
    const { out, io: tty } = io(true);
    let now = 0;
    const progress = progressLine(tty, { now: () => now });
    now = 100;
    progress?.update(10, 100); // too early: short runs show nothing
    now = 1000;
    progress?.update(50, 100);
    now = 1050;
    progress?.update(55, 100); // within the redraw interval
    now = 2000;
    progress?.update(100, 100);
    progress?.clear();
    expect(out).toEqual([
      '\r\x1b[2Kcompatlint: 50/100 files (50 files/s)',
      '\r\x1b[2Kcompatlint: 100/100 files (50 files/s)',
      '\r\x1b[2K',
    ]);
  });

  it('never shows when standard error is not a terminal, or in CI', () => {
    expect(progressLine(io(false).io)).toBeNull();
    expect(progressLine(io(true, { CI: 'true' }).io)).toBeNull();
  });
});
