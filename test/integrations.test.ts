import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from './helpers/cli.js';
import { exampleRepo, git } from './helpers/git.js';

interface Hook {
  id: string;
  entry: string;
  language: string;
  types: string[];
  require_serial: boolean;
  pass_filenames?: boolean;
}

const hooks = parse(readFileSync(path.join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const hook = hooks.find((h) => h.id === 'compatlint') as Hook;
const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };

const RUBY = 'content/en/profiler/compatibility/ruby.md';
const INDEX = 'content/en/profiler/compatibility/_index.md';

/**
 * Run the hook as pre-commit does: its `entry` split into words, the first resolved as the
 * package's bin, then the staged files of the hook's `types` as arguments.
 */
function runHook(cwd: string, files: string[]) {
  const [command, ...args] = hook.entry.split(/\s+/);
  const bin = pkg.bin[command as string];
  if (!bin) throw new Error(`The entry's command ${command} is not a bin of this package`);
  const r = spawnSync(process.execPath, [path.join(repoRoot, bin), ...args, ...files], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('.pre-commit-hooks.yaml', () => {
  it('declares a serial node hook on Markdown files whose entry is a bin of this package', () => {
    expect(hook).toMatchObject({ language: 'node', types: ['markdown'], require_serial: true });
    expect(hook.pass_filenames ?? true).toBe(true);
    expect(Object.keys(pkg.bin)).toContain(hook.entry.split(/\s+/)[0]);
  });

  it('run on the staged files: reports only those, with rules that compare pages seeing every page', () => {
    const dir = exampleRepo();
    const index = path.join(dir, INDEX);
    writeFileSync(index, readFileSync(index, 'utf8').replace('| CPU profiling       | 1.2.0   | 0.9.0   |', '| CPU profiling       | 1.2.0   | 1.0.0   |'));
    git(dir, 'add', INDEX);
    const r = runHook(dir, [INDEX]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe(INDEX);
    expect(r.stdout).toContain('`1.0.0`');
    expect(r.stdout).toContain(RUBY); // the untouched page it now disagrees with
    expect(r.stdout).toContain('in 1 file');
  });

  it('passes when the staged files are clean', () => {
    const dir = exampleRepo();
    writeFileSync(path.join(dir, 'content/en/notes.md'), '---\ntitle: Notes\n---\n\nNothing to check.\n');
    git(dir, 'add', '-A');
    const r = runHook(dir, ['content/en/notes.md']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('No problems in 1 file');
  });
});

/**
 * The real thing: pre-commit installs this repository as a node hook (npm install, npm pack,
 * npm install -g of the tarball) and runs it. npm runs offline, so packages must already be
 * in npm's cache (they are after `npm ci`); if one is missing the test skips and says so.
 */
const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const hasPreCommit = preCommit.status === 0;
describe.skipIf(!hasPreCommit)('pre-commit try-repo', () => {
  it('installs the hook from this repository and runs it on the files given', (context) => {
    const dir = exampleRepo();
    writeFileSync(path.join(dir, 'content/en/notes.md'), '---\ntitle: Notes\n---\n\nNothing to check.\n');
    git(dir, 'add', '-A');
    const home = mkdtempSync(path.join(tmpdir(), 'compatlint-pre-commit-'));
    const run = (args: string[]) =>
      spawnSync('pre-commit', ['try-repo', repoRoot, 'compatlint', '--color', 'never', ...args], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, PRE_COMMIT_HOME: home, npm_config_offline: 'true', NO_COLOR: '1' },
        timeout: 280_000,
      });
    const failing = run(['--files', RUBY]);
    const output = `${failing.stdout}${failing.stderr}`;
    if (/ENOTCACHED/.test(output)) {
      context.skip('npm cache lacks a package this repository needs (run `npm ci` online once); pre-commit install not tested');
    }
    expect(output).toMatch(/compatlint\.+Failed/);
    expect(output).toContain('- exit code: 1');
    expect(output).toContain(`${RUBY}\n`);
    expect(output).toContain('in 1 file');

    const clean = run(['--files', 'content/en/notes.md']);
    expect(`${clean.stdout}${clean.stderr}`).toMatch(/compatlint\.+Passed/);
    expect(clean.status).toBe(0);
  }, 300_000);
});
if (!hasPreCommit) {
  describe('pre-commit try-repo', () => {
    it.skip('skipped: pre-commit is not installed (apt-get install pre-commit)', () => {});
  });
}
