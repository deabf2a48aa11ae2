import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './cli.js';

/** Run git in `cwd` with an identity of its own, whatever the machine's global config says. */
export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=compatlint test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** The example docs tree committed on `main`, checked out on a `feature` branch. */
export function exampleRepo(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'compatlint-git-'));
  cpSync(path.join(repoRoot, 'fixtures/example-site'), dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'compatlint test');
  git(dir, 'config', 'user.email', 'test@example.invalid');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'docs');
  git(dir, 'checkout', '-q', '-b', 'feature');
  return dir;
}

