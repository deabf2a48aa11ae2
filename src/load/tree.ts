import path from 'node:path';
import { relativeName } from '../util/posix.js';
import { DEFAULT_MAX_FILE_BYTES, tooLargeProblem } from '../model/decode.js';
import type { ReadBytes } from '../site/partials.js';
import { filesAt, readBlobs, type TreeFile } from './git.js';
import { hashBytes } from './page.js';
import type { ListedFile, PageSource } from './sources.js';

type EntryKind = 'file' | 'directory' | 'symlink';

/** What `stat` and directory entries answer: what the file lister and fast-glob ask of an entry. */
class TreeStats {
  constructor(
    readonly name: string,
    private readonly kind: EntryKind,
  ) {}

  isFile(): boolean {
    return this.kind === 'file';
  }

  isDirectory(): boolean {
    return this.kind === 'directory';
  }

  isSymbolicLink(): boolean {
    return this.kind === 'symlink';
  }

  // fast-glob reads these too (its `Dirent` from a stat): a git tree holds none of them.
  isBlockDevice(): boolean {
    return false;
  }

  isCharacterDevice(): boolean {
    return false;
  }

  isFIFO(): boolean {
    return false;
  }

  isSocket(): boolean {
    return false;
  }
}

function notFound(p: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOENT: no such file or directory, '${p}'`), { code: 'ENOENT' });
}

type Callback<T> = (error: NodeJS.ErrnoException | null, value?: T) => void;

/**
 * A git revision's files as a read-only file system, for the file lister: the same globby walk
 * (include, exclude, dot files, node_modules, .gitignore files) then runs over a commit as over
 * the working tree, so `diff --base` selects the pages `check` selects. Written by hand because
 * globby and fast-glob take an `fs` object but nothing ships one for a git tree; it answers only
 * what they call (stat, lstat, readdir, readFileSync of .gitignore files).
 */
export class GitTreeFs {
  private readonly dirs = new Map<string, Map<string, EntryKind>>();
  private readonly texts: ReadonlyMap<string, string>;

  /**
   * `files` are the commit's files (paths relative to `root`); `texts` the contents of its
   * `.gitignore` files, by the same relative path.
   */
  constructor(
    private readonly root: string,
    files: readonly TreeFile[],
    texts: ReadonlyMap<string, string>,
  ) {
    this.texts = texts;
    this.dir(root);
    // globby looks for the repository root (a `.git` entry) to know how far up .gitignore files apply.
    this.dir(root).set('.git', 'directory');
    this.dir(path.join(root, '.git'));
    for (const file of files) {
      const parts = file.path.split('/');
      let at = root;
      for (const part of parts.slice(0, -1)) {
        this.dir(at).set(part, 'directory');
        at = path.join(at, part);
        this.dir(at);
      }
      this.dir(at).set(parts[parts.length - 1] as string, file.symlink ? 'symlink' : 'file');
    }
  }

  private dir(abs: string): Map<string, EntryKind> {
    let entries = this.dirs.get(abs);
    if (!entries) {
      entries = new Map();
      this.dirs.set(abs, entries);
    }
    return entries;
  }

  /** What is at an absolute path: a file, a directory, a symlink, or nothing. */
  kindOf(abs: string): EntryKind | null {
    const resolved = path.resolve(abs);
    if (this.dirs.has(resolved)) return 'directory';
    return this.dirs.get(path.dirname(resolved))?.get(path.basename(resolved)) ?? null;
  }

  // The methods below are the `fs` interface globby and fast-glob use; arrow properties, since
  // they are called detached from the object.

  readonly statSync = (p: string): TreeStats => {
    const kind = this.kindOf(p);
    if (kind === null) throw notFound(p);
    return new TreeStats(path.basename(p), kind);
  };

  readonly lstatSync = this.statSync;

  readonly readdirSync = (p: string, options?: { withFileTypes?: boolean }): Array<TreeStats | string> => {
    const entries = this.dirs.get(path.resolve(p));
    if (!entries) throw notFound(p);
    return [...entries].map(([name, kind]) => (options?.withFileTypes ? new TreeStats(name, kind) : name));
  };

  readonly readFileSync = (p: string): string => {
    const rel = relativeName(this.root, path.resolve(p));
    const text = this.texts.get(rel);
    if (text === undefined) throw notFound(p);
    return text;
  };

  readonly stat = (p: string, done: Callback<TreeStats>): void => this.later(() => this.statSync(p), done);

  readonly lstat = this.stat;

  readonly readdir = (p: string, options: { withFileTypes?: boolean } | Callback<Array<TreeStats | string>>, done?: Callback<Array<TreeStats | string>>): void => {
    const callback = typeof options === 'function' ? options : (done as Callback<Array<TreeStats | string>>);
    const withTypes = typeof options === 'function' ? {} : options;
    this.later(() => this.readdirSync(p, withTypes), callback);
  };

  readonly promises = {
    stat: async (p: string) => this.statSync(p),
    lstat: async (p: string) => this.statSync(p),
    readFile: async (p: string) => this.readFileSync(p),
    readdir: async (p: string, options?: { withFileTypes?: boolean }) => this.readdirSync(p, options),
  };

  private later<T>(run: () => T, done: Callback<T>): void {
    queueMicrotask(() => {
      let value: T;
      try {
        value = run();
      } catch (error) {
        done(error as NodeJS.ErrnoException);
        return;
      }
      done(null, value);
    });
  }
}

/** A git revision opened for reading pages: its files as a file system, and its blobs. */
export class Revision {
  private constructor(
    readonly commit: string,
    readonly root: string,
    readonly fs: GitTreeFs,
    private readonly files: ReadonlyMap<string, TreeFile>,
    private readonly prefetched: ReadonlyMap<string, Uint8Array>,
  ) {}

  /**
   * List a commit's files and read its `.gitignore` files and the files `prefetch` names
   * (partials, which page building reads one at a time, synchronously) in one git process.
   * A file over `maxBytes` is not read: a partial reads as missing, a `.gitignore` as empty.
   */
  static async open(commit: string, root: string, prefetch: (rel: string) => boolean, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<Revision> {
    const files = filesAt(commit, root);
    const isIgnoreFile = (rel: string) => /(^|\/)\.gitignore$/.test(rel);
    const wanted = files.filter((f) => !f.symlink && f.size <= maxBytes && (prefetch(f.path) || isIgnoreFile(f.path)));
    const blobs = await readBlobs(
      wanted.map((f) => f.object),
      root,
    );
    const texts = new Map<string, string>();
    const prefetched = new Map<string, Uint8Array>();
    for (const f of wanted) {
      const bytes = blobs.get(f.object);
      if (bytes === undefined) continue;
      prefetched.set(f.path, bytes);
      if (isIgnoreFile(f.path)) texts.set(f.path, Buffer.from(bytes).toString('utf8'));
    }
    return new Revision(commit, root, new GitTreeFs(root, files, texts), new Map(files.map((f) => [f.path, f])), prefetched);
  }

  /** Reads a prefetched file by absolute path, as partials are read. */
  readonly read: ReadBytes = (abs) => this.prefetched.get(relativeName(this.root, abs)) ?? null;

  /**
   * The listed pages' bytes at this revision, as `readSources` reads them from disk: a page over
   * `maxBytes` is refused by the size the listing gives, before its blob is read.
   */
  async sources(files: readonly ListedFile[], maxBytes: number): Promise<PageSource[]> {
    const entries = files.map((f) => this.files.get(relativeName(this.root, f.abs)));
    const blobs = await readBlobs(
      entries.filter((e) => e !== undefined && e.size <= maxBytes).map((e) => (e as TreeFile).object),
      this.root,
    );
    return files.map((file, i) => {
      const entry = entries[i];
      if (entry !== undefined && entry.size > maxBytes) return { file, bytes: null, hash: '', problem: tooLargeProblem(entry.size, maxBytes) };
      const bytes = entry === undefined ? undefined : blobs.get(entry.object);
      if (bytes === undefined) return { file, bytes: null, error: Object.assign(new Error('not in the revision'), { code: 'ENOENT' }), hash: '' };
      return { file, bytes, hash: hashBytes(bytes) };
    });
  }
}
