#!/usr/bin/env node
/**
 * Cut a release: `node scripts/release.mjs X.Y.Z` bumps the version (package.json and its lock),
 * points every install instruction at the new tag (`rev: vX.Y.Z` for pre-commit,
 * `compatlint/compatlint@vX.Y.Z` for the Action), turns CHANGELOG.md's Unreleased section into
 * the version, commits, then commits the built `dist/` on a detached commit and tags that one
 * `vX.Y.Z`, so the Action and pre-commit run a built bundle while `main` keeps no build output.
 * Nothing is pushed: the last line says what to push.
 *
 * `--check` verifies that the docs, the Action and the hooks name the current version's tag, and
 * that CHANGELOG.md has its section (a test runs it). `--no-build` tags the release commit itself.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';

const root = process.cwd();
const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const [target] = args.filter((a) => !a.startsWith('--'));

function fail(message) {
  process.stderr.write(`release: ${message}\n`);
  process.exit(2);
}

function git(...argv) {
  return execFileSync('git', argv, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

const read = (file) => readFileSync(path.join(root, file), 'utf8');
const write = (file, text) => writeFileSync(path.join(root, file), text);

/** Files that tell users which tag to install. */
function docFiles() {
  const docs = existsSync(path.join(root, 'docs')) ? readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`) : [];
  return ['README.md', 'action.yml', '.pre-commit-hooks.yaml', ...docs].filter((f) => existsSync(path.join(root, f)));
}

// `rev: vX.Y.Z` (pre-commit), `compatlint/compatlint@vX.Y.Z` (the Action), `compatlint#vX.Y.Z`
// (a git URL), `compatlint-X.Y.Z.tgz` (a packed tarball): the part before the version, and after.
const tagRefs = [
  { re: /(\brev:\s*v)(\d+\.\d+\.\d+)()/g },
  { re: /(compatlint\/compatlint@v)(\d+\.\d+\.\d+)()/g },
  { re: /(compatlint#v)(\d+\.\d+\.\d+)()/g },
  { re: /(compatlint-)(\d+\.\d+\.\d+)(\.tgz)/g },
];

function namedVersions(text) {
  return tagRefs.flatMap(({ re }) => [...text.matchAll(re)].map((m) => m[2]));
}

function check() {
  const version = JSON.parse(read('package.json')).version;
  const problems = [];
  for (const file of docFiles()) {
    for (const v of namedVersions(read(file))) if (v !== version) problems.push(`${file} names v${v}, the package is ${version}`);
  }
  if (!existsSync(path.join(root, 'CHANGELOG.md'))) problems.push('CHANGELOG.md is missing');
  else if (!new RegExp(`^## v${version.replace(/\./g, '\\.')}\\b`, 'm').test(read('CHANGELOG.md'))) problems.push(`CHANGELOG.md has no "## v${version}" section`);
  if (problems.length > 0) fail(problems.join('\n'));
  process.stdout.write(`release: the docs, the Action and the hooks name v${version}\n`);
}

function release(next) {
  const pkg = JSON.parse(read('package.json'));
  const current = pkg.version;
  if (!semver.valid(next)) fail(`"${next}" is not a version (X.Y.Z)`);
  if (!semver.gt(next, current)) fail(`${next} is not above the current version ${current}`);
  if (git('status', '--porcelain') !== '') fail('the working tree has changes: commit or stash them first');
  if (git('tag', '--list', `v${next}`) !== '') fail(`tag v${next} exists already`);
  const changelog = read('CHANGELOG.md');
  const unreleased = /^## Unreleased\n([\s\S]*?)(?=^## )/m.exec(changelog);
  if (!unreleased || unreleased[1].trim() === '') fail('CHANGELOG.md has no Unreleased section with changes in it');

  pkg.version = next;
  write('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
  if (existsSync(path.join(root, 'package-lock.json'))) {
    const lock = JSON.parse(read('package-lock.json'));
    lock.version = next;
    if (lock.packages?.['']) lock.packages[''].version = next;
    write('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
  }
  for (const file of docFiles()) {
    const text = read(file);
    const bumped = tagRefs.reduce((t, { re }) => t.replace(re, (_m, lead, _v, tail) => `${lead}${next}${tail}`), text);
    if (bumped !== text) write(file, bumped);
  }
  const date = new Date().toISOString().slice(0, 10);
  write('CHANGELOG.md', changelog.replace(/^## Unreleased\n/m, `## Unreleased\n\n## v${next} (${date})\n`));
  git('commit', '-qam', `Release v${next}`);

  if (flags.has('--no-build')) {
    git('tag', '-a', `v${next}`, '-m', `compatlint v${next}`);
  } else {
    const branch = git('rev-parse', '--abbrev-ref', 'HEAD');
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    git('checkout', '-q', '--detach');
    git('add', '-f', 'dist');
    git('commit', '-qm', `v${next}: the built dist/, so that the Action and pre-commit need no build`);
    git('tag', '-a', `v${next}`, '-m', `compatlint v${next}`);
    git('checkout', '-q', branch);
  }
  process.stdout.write(`release: tagged v${next}; push with: git push origin HEAD v${next}\n`);
}

if (flags.has('--check')) check();
else if (target) release(target);
else fail('usage: node scripts/release.mjs X.Y.Z [--no-build] | --check');
