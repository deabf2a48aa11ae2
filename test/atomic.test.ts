import { spawn } from 'node:child_process';
import { chownSync, existsSync, linkSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { pendingTempFiles, writeFileAtomic } from '../src/util/atomic.js';
import { binPath, cli, tempTree } from './helpers/cli.js';

/** When set, the next temp-file write stops halfway with this error (a full disk, a pulled cable). */
let failMidWrite: NodeJS.ErrnoException | null = null;

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof FsPromises>();
  const open: typeof fs.open = async (...args) => {
    const handle = await fs.open(...args);
    const error = failMidWrite;
    if (error === null || !String(args[0]).endsWith('.tmp')) return handle;
    failMidWrite = null;
    return Object.assign(Object.create(handle) as typeof handle, {
      writeFile: async (data: string | Uint8Array) => {
        await handle.write(Buffer.from(data).subarray(0, Math.floor(Buffer.byteLength(data) / 2)));
        throw error;
      },
      sync: () => handle.sync(),
      close: () => handle.close(),
    });
  };
  return { ...fs, default: { ...fs, open }, open };
});

afterEach(() => {
  failMidWrite = null;
});

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

describe('writes are temp file then rename', () => {
  test('a failure halfway through a write leaves the original intact and no temp file', async () => {
    const dir = tempTree({ 'report.json': '{"original": true}\n' });
    const target = path.join(dir, 'report.json');
    failMidWrite = enospc();
    await expect(writeFileAtomic(target, 'x'.repeat(1_000_000))).rejects.toThrow(/ENOSPC/);
    expect(readFileSync(target, 'utf8')).toBe('{"original": true}\n');
    expect(readdirSync(dir)).toEqual(['report.json']);
    expect(pendingTempFiles()).toEqual([]);
  });

  test('the command line reports a failed --output write in one line, exit 2, original intact', async () => {
    const dir = tempTree({ 'a.md': '[x][nope]\n', 'out/report.json': 'original\n' });
    failMidWrite = enospc();
    const r = await cli(['check', '-f', 'json', '-o', 'out/report.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('compatlint: Cannot write out/report.json: no space left on device\n');
    expect(readFileSync(path.join(dir, 'out/report.json'), 'utf8')).toBe('original\n');
    expect(readdirSync(path.join(dir, 'out'))).toEqual(['report.json']);
  });

  test('a write that cannot be renamed into place (the target is a folder) leaves no temp file', async () => {
    const dir = tempTree({ 'out/report.json/keep': '' });
    await expect(writeFileAtomic(path.join(dir, 'out/report.json'), 'data')).rejects.toThrow();
    expect(readdirSync(path.join(dir, 'out'))).toEqual(['report.json']);
  });
});

describe('targets that are not plain files', () => {
  test('a symbolic link is followed: the file it points to gets the report, the link stays a link', async () => {
    const dir = tempTree({ 'reports/real.json': 'old\n' });
    const link = path.join(dir, 'report.json');
    symlinkSync(path.join(dir, 'reports/real.json'), link);
    await writeFileAtomic(link, 'new\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, 'reports/real.json'), 'utf8')).toBe('new\n');
  });

  test('a device is written in place, not replaced by a regular file (--output /dev/null)', async () => {
    // Reached through links in a temp folder, so that a regression replaces a link, never /dev/null.
    const dir = tempTree({ 'a.md': '[x][nope]\n' });
    symlinkSync('/dev/null', path.join(dir, 'null'));
    symlinkSync('/dev/null', path.join(dir, 'report.json'));
    await writeFileAtomic(path.join(dir, 'null'), 'report\n');
    expect(lstatSync(path.join(dir, 'null')).isSymbolicLink()).toBe(true);
    const r = await cli(['check', '-f', 'json', '-o', 'report.json'], dir);
    expect(r.code).toBe(1);
    expect(lstatSync(path.join(dir, 'report.json')).isSymbolicLink()).toBe(true);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(readdirSync('/dev').filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('an interrupted run (SIGINT) leaves no partial files', () => {
  test('SIGINT while the report is being written: no temp file, the old report intact', { timeout: 180_000 }, async () => {
    // Enough findings for a report of megabytes, so that writing it takes a while.
    const page = `${Array.from({ length: 2000 }, (_, i) => `[t${i}][missing-${i}]`).join('\n')}\n`;
    const files: Record<string, string> = { 'report.json': 'old report\n' };
    for (let i = 0; i < 12; i++) files[`p${i}.md`] = page;
    const dir = tempTree(files);
    const child = spawn(process.execPath, [binPath, 'check', '-f', 'json', '-o', 'report.json'], { cwd: dir, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait for the temp file to appear, then interrupt.
    let sawTemp = false;
    let done = false;
    void exited.then(() => (done = true));
    while (!done) {
      if (readdirSync(dir).some((f) => f.endsWith('.tmp'))) {
        sawTemp = true;
        child.kill('SIGINT');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const code = await exited;
    expect(sawTemp, 'the run ended before its report was being written').toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const report = readFileSync(path.join(dir, 'report.json'), 'utf8');
    if (code === 130) {
      expect(report).toBe('old report\n');
    } else {
      // The rename won the race: the report is then complete, never partial.
      expect(JSON.parse(report).diagnostics).toHaveLength(24_000);
    }
    expect(existsSync(path.join(dir, 'p0.md'))).toBe(true);
  });
});

describe('what a replaced file keeps', () => {
  test.skipIf(process.getuid?.() !== 0)('its owner, group and mode, when the user may set them (here: root)', async () => {
    const dir = tempTree({ 'page.md': 'old\n' });
    const file = path.join(dir, 'page.md');
    chownSync(file, 1234, 5678);
    await writeFileAtomic(file, 'new\n', { mode: 0o640 });
    expect(statSync(file)).toMatchObject({ uid: 1234, gid: 5678 });
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });

  test('a hard link is not kept: the target becomes a new file, the other name keeps the old content', async () => {
    const dir = tempTree({ 'page.md': 'old\n' });
    linkSync(path.join(dir, 'page.md'), path.join(dir, 'other.md'));
    await writeFileAtomic(path.join(dir, 'page.md'), 'new\n');
    expect(readFileSync(path.join(dir, 'page.md'), 'utf8')).toBe('new\n');
    expect(readFileSync(path.join(dir, 'other.md'), 'utf8')).toBe('old\n');
  });
});

describe('temp files a killed run left behind', () => {
  test('the next write into the folder removes those of processes that no longer run, and of none that still run', async () => {
    const dir = tempTree({ 'page.md': 'old\n' });
    // A process id no process has: beyond the kernel's largest one.
    const dead = path.join(dir, '.page.md.compatlint-4194305-0123abcd.tmp');
    const live = path.join(dir, `.page.md.compatlint-${process.ppid}-89abcdef.tmp`);
    const old = path.join(dir, `.page.md.compatlint-${process.ppid}-0000ffff.tmp`);
    const foreign = path.join(dir, '.page.md.1234.tmp');
    for (const f of [dead, live, old, foreign]) writeFileSync(f, 'half');
    utimesSync(old, new Date(Date.now() - 2 * 86_400_000), new Date(Date.now() - 2 * 86_400_000));
    await writeFileAtomic(path.join(dir, 'page.md'), 'new\n');
    expect(readdirSync(dir).sort()).toEqual([path.basename(live), path.basename(foreign), 'page.md'].sort());
  });
});
