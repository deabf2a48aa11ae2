import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, test } from 'vitest';
import { progressLine } from '../src/cli/progress.js';
import { brokenPage, readProblem } from '../src/load/page.js';
import { repoRoot, spawnCli, tempTree } from './helpers/cli.js';
import { runCli } from '../src/cli/main.js';

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

  it('run page rules as one thread does, with overrides and suppression comments', () => {
    const cwd = bigSite(20);
    // Overrides turn a page rule off, or down to a warning, for some files only.
    appendFileSync(
      path.join(cwd, 'compatlint.config.yaml'),
      [
        'overrides:',
        '  - files: ["content/en/copy1/**"]',
        '    rules: { reference-unused: "off" }',
        '  - files: ["content/en/copy2/**"]',
        '    rules: { table-column-count: warn }',
        '',
      ].join('\n'),
    );
    const suppressed = path.join(cwd, 'content/en/copy3/profiler/compatibility/python.md');
    writeFileSync(suppressed, `<!-- compatlint-disable-file reference-duplicate -->\n${readFileSync(suppressed, 'utf8')}`);
    const one = spawnCli(['check', '--threads', '1', '--format', 'json'], cwd, { env: { DEBUG: 'compatlint' } });
    const two = spawnCli(['check', '--threads', '2', '--format', 'json'], cwd, { env: { DEBUG: 'compatlint' } });
    expect(two.stderr).toContain('2 worker threads');
    expect(JSON.parse(two.stdout)).toEqual(JSON.parse(one.stdout));
    const found = (ruleId: string, file: string) =>
      (JSON.parse(two.stdout) as { diagnostics: Array<{ file: string; ruleId: string; severity: string }> }).diagnostics
        .filter((d) => d.file === `content/${file}` && d.ruleId === ruleId)
        .map((d) => d.severity);
    const python = 'profiler/compatibility/python.md';
    expect(found('reference-unused', `en/copy1/${python}`)).toEqual([]);
    expect(found('reference-unused', `en/copy4/${python}`)).toEqual(['warning']);
    expect(found('table-column-count', `en/copy2/${python}`)).toEqual(['warning']);
    expect(found('table-column-count', `en/copy4/${python}`)).toEqual(['error']);
    expect(found('reference-duplicate', `en/copy3/${python}`)).toEqual([]);
    expect(found('reference-duplicate', `en/copy4/${python}`)).toHaveLength(1);
  });

  it('leave what --fix needs: the same fixes and the same report after them as one thread', () => {
    const pooled = bigSite(20);
    const single = bigSite(20);
    const two = spawnCli(['check', '--fix', '--threads', '2', '--format', 'json'], pooled, { env: { DEBUG: 'compatlint' } });
    const one = spawnCli(['check', '--fix', '--threads', '1', '--format', 'json'], single);
    expect(two.stderr).toContain('2 worker threads');
    const fixed = /fixed \d+ problems in \d+ files/;
    expect(two.stderr.match(fixed)?.[0]).toBe('fixed 20 problems in 20 files');
    expect(one.stderr.match(fixed)?.[0]).toBe(two.stderr.match(fixed)?.[0]);
    expect(JSON.parse(two.stdout)).toEqual(JSON.parse(one.stdout));
    const python = 'content/en/copy7/profiler/compatibility/python.md';
    expect(readFileSync(path.join(pooled, python), 'utf8')).toBe(readFileSync(path.join(single, python), 'utf8'));
    expect(readFileSync(path.join(pooled, python), 'utf8')).not.toBe(
      readFileSync(path.join(repoRoot, 'fixtures/example-site/content/en/profiler/compatibility/python.md'), 'utf8'),
    );
    // What is left once fixed is what a fresh run finds in the fixed files.
    const again = spawnCli(['check', '--threads', '2', '--format', 'json'], pooled);
    expect(JSON.parse(again.stdout)).toEqual(JSON.parse(two.stdout));
  });

  it('build in the calling thread the pages of a worker that runs out of memory', async () => {
    const { buildInWorkers } = (await import(path.join(repoRoot, 'dist', 'load', 'pool.js'))) as typeof import('../src/load/pool.js');
    const cwd = path.join(repoRoot, 'fixtures', 'example-site');
    const jobs = Array.from({ length: 20 }, (_, index) => ({
      index,
      abs: path.join(cwd, 'content', 'en', `p${index}.md`),
      file: `content/en/p${index}.md`,
      bytes: new TextEncoder().encode(`# Page ${index}\n`),
      cacheKey: null,
    }));
    const arrived: number[] = [];
    const builtHere: number[] = [];
    // A 1 MiB heap: each worker runs out of memory loading its modules, before any page.
    const stats = await buildInWorkers(
      jobs,
      { source: { cwd }, cwd, check: null },
      2,
      (reply) => arrived.push(reply.index),
      (job) => {
        builtHere.push(job.index);
        return { index: job.index, entry: null, deps: [], page: brokenPage(job.file, '', readProblem(new Error('not built'))), reports: null };
      },
      { maxOldGenerationSizeMb: 1 },
    );
    expect(stats).toEqual({ threads: 2, builtHere: 20 });
    expect(arrived.sort((a, b) => a - b)).toEqual(jobs.map((j) => j.index));
    expect(builtHere.sort((a, b) => a - b)).toEqual(jobs.map((j) => j.index));
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

describe('progress in the commands that load pages', () => {
  test.each([
    [['extract']],
    [['explain']],
    [['audit', '--markdown', 'out.md']],
    [['diff', 'a', 'b']],
    [['check']],
  ])('%j shows a progress line on a terminal and clears it', async (argv) => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) {
      files[`a/p${i}.md`] = `# P${i}\n\n| Feature | Min |\n|---|---|\n| X | ${i} |\n`;
      files[`b/p${i}.md`] = `# P${i}\n\n| Feature | Min |\n|---|---|\n| X | ${i + 1} |\n`;
    }
    const cwd = tempTree(files);
    let stderr = '';
    await runCli(argv, {
      cwd,
      env: { COMPATLINT_PROGRESS_AFTER_MS: '0' },
      stdout: { write: () => true },
      stderr: { write: (s: string) => (stderr += s) },
      stdoutIsTTY: false,
      stderrIsTTY: true,
    });
    expect(stderr).toMatch(/compatlint: \d+\/\d+ files/);
    expect(stderr.endsWith('\r\x1b[2K')).toBe(true);
  });
});
