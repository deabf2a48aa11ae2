import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { binPath, tempTree } from './helpers/cli.js';

// Ctrl-C, `timeout` and a CI cancel while the main thread is busy: the run ends at once, not
// when the thread next looks at its event loop, and leaves no temp file behind.

/** Pages that keep one thread busy for many seconds (`--threads 1`: all of it on the main thread). */
function slowTree(): string {
  const rows = Array.from({ length: 3000 }, (_, i) => `| k${i} | 1.${i}.0 | [x${i}][r${i}] |`).join('\n');
  const files: Record<string, string> = {};
  for (let p = 0; p < 16; p++) files[`p${p}.md`] = `# P${p}\n\n| Key | Version | Ref |\n|---|---|---|\n${rows}\n`;
  return tempTree(files);
}

const tempFiles = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tmp'));

/** Start a check, signal it once it has been busy for a while, and measure how long it takes to end. */
async function interrupt(dir: string, args: string[], signal: NodeJS.Signals): Promise<{ ms: number; code: number | null; signal: NodeJS.Signals | null }> {
  const child = spawn(process.execPath, [binPath, 'check', '--threads', '1', ...args], { cwd: dir, stdio: 'ignore' });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on('exit', (code, sig) => resolve({ code, signal: sig, at: performance.now() })),
  );
  let done = false;
  void exited.then(() => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 2500));
  expect(done, 'the run ended before it could be interrupted').toBe(false);
  const sent = performance.now();
  child.kill(signal);
  const end = await exited;
  return { ms: end.at - sent, code: end.code, signal: end.signal };
}

describe('a signal while the main thread is busy', () => {
  test.each(['SIGTERM', 'SIGINT'] as const)('%s ends the run within a second, leaving no temp file', { timeout: 60_000 }, async (signal) => {
    const dir = slowTree();
    const r = await interrupt(dir, ['-f', 'json', '-o', 'report.json'], signal);
    expect(r.ms).toBeLessThan(1000);
    // Ended by the signal itself, which a shell reports as 128 + its number (143, 130).
    expect(r.signal).toBe(signal);
    expect(tempFiles(dir)).toEqual([]);
  });

  test('with --cache: the temp file of a cache write cut short is removed by the next cached run', { timeout: 120_000 }, async () => {
    const dir = slowTree();
    const r = await interrupt(dir, ['--cache'], 'SIGTERM');
    expect(r.ms).toBeLessThan(1000);
    // What a write cut short leaves, whether or not the signal above caught one: a temp file of a
    // process that no longer runs, in the cache's own folder for them.
    mkdirSync(path.join(dir, '.compatlint-cache/tmp'), { recursive: true });
    writeFileSync(path.join(dir, '.compatlint-cache/tmp/.entry.compatlint-4194305-0123abcd.tmp'), 'half');
    for (let p = 1; p < 16; p++) rmSync(path.join(dir, `p${p}.md`));
    const next = spawn(process.execPath, [binPath, 'check', '--cache'], { cwd: dir, stdio: 'ignore' });
    await new Promise((resolve) => next.on('exit', resolve));
    expect(tempFiles(dir)).toEqual([]);
  });
});
