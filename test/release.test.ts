import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempTree } from './helpers/cli.js';
import { git } from './helpers/git.js';

// scripts/release.mjs: the install instructions name the tag that exists, and a release moves
// them all to the new one.

const script = path.join(repoRoot, 'scripts/release.mjs');
// A CI machine has no git identity: the script's commits take the test's.
const identity = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const run = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [script, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...identity } });

function project(): string {
  const dir = tempTree({
    'package.json': `${JSON.stringify({ name: 'compatlint', version: '0.1.0' }, null, 2)}\n`,
    'package-lock.json': `${JSON.stringify({ name: 'compatlint', version: '0.1.0', lockfileVersion: 3, packages: { '': { name: 'compatlint', version: '0.1.0' } } }, null, 2)}\n`,
    'README.md': 'repos:\n  - repo: https://github.com/compatlint/compatlint\n    rev: v0.1.0\n\n- uses: compatlint/compatlint@v0.1.0\n',
    'docs/ci.md': 'Use `compatlint/compatlint@v0.1.0`, `npm i ./compatlint-0.1.0.tgz` or `github:compatlint/compatlint#v0.1.0`.\n',
    'CHANGELOG.md': '# Changelog\n\n## Unreleased\n\n- A new rule.\n\n## v0.1.0 (2026-11-25)\n\nFirst.\n',
  });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'start');
  return dir;
}

describe('release script', () => {
  it('--check passes on this repository: every install instruction names the package version', () => {
    const r = run(repoRoot, '--check');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('--check names a file that points at another tag', () => {
    const dir = project();
    writeFileSync(path.join(dir, 'docs/ci.md'), 'Use `compatlint/compatlint@v0.0.9`.\n');
    const r = run(dir, '--check');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('docs/ci.md names v0.0.9, the package is 0.1.0');
  });

  it('bumps the version, the docs and the changelog, commits and tags', () => {
    const dir = project();
    const r = run(dir, '0.2.0', '--no-build');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version).toBe('0.2.0');
    expect(JSON.parse(readFileSync(path.join(dir, 'package-lock.json'), 'utf8')).packages[''].version).toBe('0.2.0');
    expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toContain('rev: v0.2.0');
    expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toContain('compatlint/compatlint@v0.2.0');
    expect(readFileSync(path.join(dir, 'docs/ci.md'), 'utf8')).toBe('Use `compatlint/compatlint@v0.2.0`, `npm i ./compatlint-0.2.0.tgz` or `github:compatlint/compatlint#v0.2.0`.\n');
    expect(readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8')).toMatch(/## Unreleased\n\n## v0\.2\.0 \(\d{4}-\d\d-\d\d\)\n\n- A new rule\./);
    expect(git(dir, 'tag', '--list').trim()).toBe('v0.2.0');
    expect(git(dir, 'status', '--porcelain').trim()).toBe('');
    expect(run(dir, '--check').status).toBe(0);
  });

  it.each([
    [['0.0.5', '--no-build'], /not above the current version/],
    [['banana'], /not a version/],
  ])('refuses %j', (args, message) => {
    const r = run(project(), ...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('refuses a tree with uncommitted changes, and an empty Unreleased section', () => {
    const dirty = project();
    writeFileSync(path.join(dirty, 'README.md'), 'changed\n');
    expect(run(dirty, '0.2.0', '--no-build').stderr).toMatch(/working tree has changes/);
    const empty = project();
    writeFileSync(path.join(empty, 'CHANGELOG.md'), '# Changelog\n\n## Unreleased\n\n## v0.1.0 (2026-11-25)\n');
    git(empty, 'commit', '-qam', 'empty');
    expect(run(empty, '0.2.0', '--no-build').stderr).toMatch(/no Unreleased section with changes/);
  });
});
