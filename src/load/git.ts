import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../util/errors.js';

/**
 * Reading old revisions straight from git objects: `git ls-tree` to list files, one
 * `git cat-file --batch` process to read all blobs, `git diff -M` to follow renames.
 * Nothing is ever checked out, so the working tree is never touched.
 */

function git(args: string[], cwd: string): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) {
    if ((r.error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError('git is not installed or not on PATH (needed for diff --base and --changed)');
    throw new UsageError(`git ${args[0]} failed: ${r.error.message}`);
  }
  if (r.status !== 0) throw new GitFailure(args, r.stderr.trim());
  return r.stdout;
}

class GitFailure extends Error {
  constructor(
    readonly args: string[],
    readonly stderr: string,
  ) {
    super(`git ${args.join(' ')}: ${stderr.split('\n')[0] ?? ''}`);
  }
}

/** The repository's top folder; a usage error when `cwd` is not inside a git repository. */
export function repoRoot(cwd: string): string {
  try {
    return git(['rev-parse', '--show-toplevel'], cwd).trim();
  } catch (error) {
    if (error instanceof GitFailure) throw new UsageError(`Not a git repository: ${cwd} (needed for diff --base and --changed)`);
    throw error;
  }
}

/** The commit a revision names; a usage error naming the revision when it does not exist. */
export function resolveRevision(rev: string, cwd: string): string {
  if (rev.startsWith('-')) throw new UsageError(`Invalid git revision "${rev}"`);
  try {
    return git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], cwd).trim();
  } catch (error) {
    if (error instanceof GitFailure) throw new UsageError(`Unknown git revision "${rev}"`);
    throw error;
  }
}

/**
 * A file at a commit: its path relative to the repository root, whether git stores it as a
 * symlink, its blob's object id and size (known before the blob is read).
 */
export interface TreeFile {
  path: string;
  symlink: boolean;
  object: string;
  size: number;
}

/**
 * Files at a commit (paths relative to the repository root), from a NUL-separated listing, so
 * any byte but NUL may be in a name. Submodules (commits, mode 160000) are not files of this
 * repository and are left out; symlinks are marked.
 */
export function filesAt(commit: string, root: string): TreeFile[] {
  const out: TreeFile[] = [];
  for (const entry of git(['ls-tree', '-r', '-z', '--long', '--full-tree', commit], root).split('\0')) {
    // `<mode> <type> <object> <size, padded>\t<path>`
    const tab = entry.indexOf('\t');
    if (tab === -1) continue;
    const [mode, type, object, size] = entry.slice(0, tab).split(/ +/);
    if (type !== 'blob' || object === undefined) continue;
    out.push({ path: entry.slice(tab + 1), symlink: mode === '120000', object, size: Number(size) });
  }
  return out;
}

export interface Rename {
  from: string;
  to: string;
}

/** Renames between a commit and another commit (or the working tree when `to` is null). */
export function renamesBetween(from: string, to: string | null, root: string): Rename[] {
  const args = ['diff', '-z', '--name-status', '-M', '--no-color', from, ...(to ? [to] : []), '--'];
  const parts = git(args, root).split('\0');
  const out: Rename[] = [];
  for (let i = 0; i < parts.length; ) {
    const status = parts[i] ?? '';
    if (status.startsWith('R')) {
      out.push({ from: parts[i + 1] as string, to: parts[i + 2] as string });
      i += 3;
    } else if (status === '') {
      i++;
    } else {
      i += status.startsWith('C') ? 3 : 2;
    }
  }
  return out;
}

/** Files changed since a revision (committed, staged or not), relative to the repository root. */
export function changedSince(rev: string, root: string): string[] {
  const committed = git(['diff', '-z', '--name-only', '--no-renames', '--diff-filter=ACMRT', rev, '--'], root);
  const untracked = git(['ls-files', '-z', '--others', '--exclude-standard'], root);
  return [...new Set([...committed.split('\0'), ...untracked.split('\0')].filter((p) => p !== ''))].sort();
}

/** Files staged in the index (what a pre-commit hook checks), relative to the repository root. */
export function stagedFiles(root: string): string[] {
  return git(['diff', '-z', '--cached', '--name-only', '--diff-filter=ACMRT'], root)
    .split('\0')
    .filter((p) => p !== '');
}

/** The merge base of HEAD with the default branch (origin/HEAD, main or master). */
export function defaultBase(root: string): string {
  const candidates = ['origin/HEAD', 'origin/main', 'origin/master', 'main', 'master'];
  for (const c of candidates) {
    try {
      git(['rev-parse', '--verify', '--quiet', `${c}^{commit}`], root);
      return git(['merge-base', 'HEAD', c], root).trim();
    } catch (error) {
      if (!(error instanceof GitFailure)) throw error;
    }
  }
  throw new UsageError('Cannot find the default branch (origin/HEAD, main or master); name a revision: --changed=REF');
}

/**
 * Read blobs by object id with one `git cat-file --batch` process; the answer has no entry for
 * an object git does not have. Asked by object id, never by `commit:path`: the exchange is one
 * request per line, and a path may hold a newline. Callers ask only for blobs whose size (from
 * the listing) is under their limit.
 */
export async function readBlobs(objects: readonly string[], root: string): Promise<Map<string, Uint8Array>> {
  const wanted = [...new Set(objects)];
  const found = await readObjects(wanted, root);
  const out = new Map<string, Uint8Array>();
  wanted.forEach((id, i) => {
    const object = found[i];
    if (object) out.set(id, object.bytes);
  });
  return out;
}

/** An object `git cat-file --batch` found: its full id, type and bytes. */
export interface GitObject {
  oid: string;
  type: string;
  bytes: Uint8Array;
}

/**
 * Read any objects (`<id>`, `<id>^{commit}`, `<commit>:<path>`) with one `git cat-file --batch`
 * process, in the order asked; null for a name git cannot resolve (missing, ambiguous), and
 * for a name that holds a line break, which the batch protocol cannot carry. The answer is
 * parsed as it arrives, so memory holds the objects once, not the whole stream and its copy.
 */
export async function readObjects(names: readonly string[], root: string): Promise<Array<GitObject | null>> {
  const asked = names.filter((n) => !/[\n\r]/.test(n));
  if (asked.length === 0) return names.map(() => null);
  const child = spawn('git', ['cat-file', '--batch'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  const answer = new BatchAnswer();
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => answer.take(c));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  // A git that exits early (not a repository) closes its input: the failure is its exit code, not EPIPE.
  child.stdin.on('error', () => {});
  const done = new Promise<number>((resolve, reject) => {
    child.on('error', (e) =>
      reject((e as NodeJS.ErrnoException).code === 'ENOENT' ? new UsageError('git is not installed or not on PATH') : e),
    );
    child.on('close', (code) => resolve(code ?? 1));
  });
  child.stdin.end(asked.map((n) => `${n}\n`).join(''));
  const code = await done;
  if (code !== 0) throw new UsageError(`git cat-file failed: ${stderr.trim().split('\n')[0] ?? code}`);
  const byName = new Map(asked.map((n, i) => [n, answer.records[i] ?? null]));
  return names.map((n) => byName.get(n) ?? null);
}

/**
 * The output of `git cat-file --batch`, record by record, in the order asked: a header line
 * `<oid> <type> <size>` then that many bytes and a newline, or `<name> missing` (or
 * `ambiguous`) with no content.
 */
class BatchAnswer {
  readonly records: Array<GitObject | null> = [];
  private header: Buffer[] = [];
  private body: Buffer[] = [];
  private received = 0;
  private current: { oid: string; type: string; size: number } | null = null;

  take(data: Buffer): void {
    let chunk = data;
    while (chunk.length > 0) {
      if (this.current === null) {
        const eol = chunk.indexOf(10);
        if (eol === -1) {
          this.header.push(chunk);
          return;
        }
        const header = Buffer.concat([...this.header, chunk.subarray(0, eol)]).toString('latin1');
        this.header = [];
        chunk = chunk.subarray(eol + 1);
        const m = /^([0-9a-f]{40,64}) (\w+) (\d+)$/.exec(header);
        if (!m) {
          this.records.push(null);
          continue;
        }
        // The content, then the newline that ends the record.
        this.current = { oid: m[1] as string, type: m[2] as string, size: Number(m[3]) + 1 };
        this.body = [];
        this.received = 0;
        continue;
      }
      const part = chunk.subarray(0, this.current.size - this.received);
      this.body.push(part);
      this.received += part.length;
      chunk = chunk.subarray(part.length);
      if (this.received === this.current.size) {
        const { oid, type, size } = this.current;
        this.records.push({ oid, type, bytes: Buffer.concat(this.body).subarray(0, size - 1) });
        this.current = null;
      }
    }
  }
}

/** The commit HEAD names (null before the first commit), and the commits a shallow clone's history stops at. */
export interface HistoryState {
  head: string | null;
  /** Empty when the clone is complete. */
  shallow: ReadonlySet<string>;
}

export function historyState(root: string): HistoryState {
  const [isShallow, shallowFile] = git(['rev-parse', '--is-shallow-repository', '--git-path', 'shallow'], root).split('\n');
  let head: string | null;
  try {
    head = git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], root).trim();
  } catch (error) {
    if (!(error instanceof GitFailure)) throw error;
    head = null;
  }
  const shallow = new Set<string>();
  if (isShallow === 'true' && shallowFile) {
    for (const line of readFileSync(path.resolve(root, shallowFile), 'utf8').split('\n')) if (line.trim() !== '') shallow.add(line.trim());
  }
  return { head, shallow };
}

/** Files git tracks among `paths` (relative to the repository root). */
export function trackedFiles(paths: readonly string[], root: string): Set<string> {
  if (paths.length === 0) return new Set();
  const wanted = new Set(paths);
  const listed = git(['--literal-pathspecs', '-c', 'core.quotePath=false', 'ls-files', '-z', '--', ...pathspecOf(paths)], root).split('\0');
  return new Set(listed.filter((f) => wanted.has(f)));
}

/**
 * The last commit that changed each file (relative to the repository root), merges aside: one
 * `git log` over the files, read as it streams and stopped once every file has its commit.
 * Files git does not track get none (the log would otherwise run to the first commit).
 */
export async function lastCommits(paths: readonly string[], root: string): Promise<Map<string, string>> {
  const wanted = trackedFiles(paths, root);
  const out = new Map<string, string>();
  if (wanted.size === 0) return out;
  const pathspec = pathspecOf([...wanted]);
  const child = spawn('git', ['--literal-pathspecs', '-c', 'core.quotePath=false', 'log', '--format=%x01%H', '-z', '--name-only', '--no-renames', 'HEAD', '--', ...pathspec], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let rest = '';
  let commit = '';
  let stopped = false;
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => {
    if (stopped) return;
    const tokens = (rest + text).split('\0');
    rest = tokens.pop() ?? '';
    for (const token of tokens) {
      if (token.startsWith('\x01')) {
        commit = token.slice(1);
        continue;
      }
      const file = token.replace(/^\n/, '');
      if (file !== '' && wanted.has(file) && !out.has(file)) out.set(file, commit);
    }
    if (out.size === wanted.size) {
      stopped = true;
      child.kill();
    }
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c));
  });
  if (!stopped && code !== 0) throw new UsageError(`git log failed: ${stderr.trim().split('\n')[0] ?? code}`);
  return out;
}

/** A commit that changed some of the files asked about. */
export interface FileCommit {
  commit: string;
  /** Committer date, seconds since the epoch. */
  time: number;
  files: string[];
}

/**
 * The commits after `base` up to HEAD, along HEAD's first parents, that changed any of `paths`,
 * oldest first, with the files each changed (a merge: against its first parent).
 */
export function commitsSince(base: string, paths: readonly string[], root: string): FileCommit[] {
  const wanted = new Set(paths);
  const text = git(
    ['--literal-pathspecs', '-c', 'core.quotePath=false', 'log', '--first-parent', '--reverse', '--format=%x01%H %ct', '-z', '--name-only', '--no-renames', `${base}..HEAD`, '--', ...pathspecOf(paths)],
    root,
  );
  const out: FileCommit[] = [];
  let current: FileCommit | null = null;
  for (const token of text.split('\0')) {
    if (token.startsWith('\x01')) {
      const [commit, time] = token.slice(1).split(' ');
      current = { commit: commit as string, time: Number(time), files: [] };
      out.push(current);
      continue;
    }
    const file = token.replace(/^\n/, '');
    if (file !== '' && current && wanted.has(file)) current.files.push(file);
  }
  return out.filter((c) => c.files.length > 0);
}

/** Files as a pathspec; past a few thousand paths the command line grows long, and their folders select the same commits and more. */
function pathspecOf(files: readonly string[]): string[] {
  return files.join('').length > 64_000 ? [...new Set(files.map((f) => path.posix.dirname(f)))] : [...files];
}

/** Lines `first..last` (1-based, inclusive) of a file's new side. */
export type LineRange = readonly [first: number, last: number];

/**
 * The lines added or changed per file (relative to the repository root): since a revision
 * (to the working tree), or in the index when `rev` is null. Read from `git diff -U0`, whose
 * hunk headers give the new side's lines; a pure deletion adds no line. Untracked files count
 * as changed throughout (`'all'`), as `changedSince` lists them.
 */
export function changedLines(rev: string | null, root: string): Map<string, LineRange[] | 'all'> {
  // Fixed prefixes: a user's diff.noprefix or diff.mnemonicPrefix would change them.
  const args = ['-c', 'core.quotePath=false', 'diff', '-U0', '--no-color', '--no-ext-diff', '--no-renames', '--diff-filter=ACMRT', '--src-prefix=a/', '--dst-prefix=b/'];
  const out = git([...args, ...(rev === null ? ['--cached'] : [rev]), '--'], root);
  const lines = new Map<string, LineRange[] | 'all'>();
  let ranges: LineRange[] | null = null;
  for (const line of out.split('\n')) {
    if (line.startsWith('+++ ')) {
      // A name holding a space is followed by a tab, which marks where it ends.
      const name = line.slice(4).replace(/\t$/, '');
      ranges = null;
      if (name === '/dev/null') continue;
      ranges = [];
      lines.set(unquotePath(name).replace(/^b\//, ''), ranges);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && ranges) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      if (count > 0) ranges.push([start, start + count - 1]);
    }
  }
  if (rev !== null) {
    for (const file of git(['ls-files', '-z', '--others', '--exclude-standard'], root).split('\0')) {
      if (file !== '') lines.set(file, 'all');
    }
  }
  return lines;
}

/**
 * A path as `git diff` prints it: C-quoted (`"b/a \"b\".md"`, octal escapes for UTF-8 bytes)
 * when it holds special characters, even with `core.quotePath=false`.
 */
function unquotePath(text: string): string {
  if (!text.startsWith('"')) return text;
  const simple: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  const bytes: number[] = [];
  for (let i = 1; i < text.length - 1; i++) {
    const c = text[i] as string;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = text[i + 1] as string;
    const octal = /^[0-7]{3}/.exec(text.slice(i + 1, i + 4));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
