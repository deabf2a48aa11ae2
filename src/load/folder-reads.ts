import { type Dirent, lstatSync, readdirSync, readFileSync, type Stats, statSync } from 'node:fs';
import path from 'node:path';
import { SKIPPED_FOLDERS } from '../site/files.js';
import { recent, sameStamp, type Stamp, stampOf } from '../util/stamp.js';

/** An entry's kind, as a folder listing answers it (symbolic links are not followed). */
type Kind = 0 | 1 | 2 | 3;
const FILE = 0;
const DIRECTORY = 1;
const SYMLINK = 2;
const OTHER = 3;

function kindOf(e: Dirent | Stats): Kind {
  return e.isFile() ? FILE : e.isDirectory() ? DIRECTORY : e.isSymbolicLink() ? SYMLINK : OTHER;
}

/** A folder entry from an earlier run's listing: what globby and fast-glob ask of a `Dirent`. */
class NotedEntry {
  constructor(
    readonly name: string,
    private readonly kind: Kind,
  ) {}

  isFile(): boolean {
    return this.kind === FILE;
  }

  isDirectory(): boolean {
    return this.kind === DIRECTORY;
  }

  isSymbolicLink(): boolean {
    return this.kind === SYMLINK;
  }

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

type Entry = Dirent | NotedEntry;

/**
 * A folder as listed: its stamp before the listing (null: it did not exist), and its entries,
 * kept as two strings (names joined by `/`, which no name holds; one digit per kind): a tree's
 * snapshot holds tens of thousands of names, and reading them back should not cost as many
 * objects.
 */
interface FolderNote {
  stamp: Stamp | null;
  names: string;
  kinds: string;
}

/** A glob as run: what it read (folders listed, files read, paths stat'ed) and what it found. */
interface GlobNote {
  folders: string[];
  files: string[];
  /** `stat:` or `lstat:` and the path, with the kind it had (-1: none). */
  stats: Array<[string, Kind | -1]>;
  result: string[];
}

/** What `FolderReads` keeps between runs (see `snapshot`). */
export interface FolderSnapshot {
  folders: Map<string, FolderNote>;
  files: Map<string, Stamp | null>;
  globs: Map<string, GlobNote>;
}

/**
 * The working tree's folders as one run reads them, and as an earlier run read them. Each folder
 * is listed once per run, whichever stage asks: the page lister walks the content folder and,
 * looking for `.gitignore` files, the whole site root; the site stage walks the content folder
 * again for link targets. On a 10,000-page tree each walk lists 14,000 folders, and globby spends
 * more on matching what it lists than the listing costs.
 *
 * Between runs (the cache folder keeps a `snapshot`), a folder whose stamp is unchanged is not
 * listed again: adding, removing or renaming an entry changes a folder's modification time. A
 * glob whose every folder, file and stat'ed path is unchanged gives the same paths, so `globbed`
 * returns them without running it. A folder changed in the last two seconds is not noted (a
 * change in the same clock tick would keep its stamp; see `recent`).
 *
 * Given to globby as its `fs` (it takes one; see `GitTreeFs` for a git revision's) and to the
 * site for its walks. `hidden` folders (the cache's own, which holds no page) are left out of
 * every listing.
 */
export class FolderReads {
  private readonly listed = new Map<string, Entry[] | NodeJS.ErrnoException>();
  private readonly stats = new Map<string, Stats | NodeJS.ErrnoException>();
  /** Hidden folders' names, by the folder that holds them. */
  private readonly hidden = new Map<string, Set<string>>();
  private readonly folders = new Map<string, FolderNote>();
  private readonly files = new Map<string, Stamp | null>();
  private readonly globs = new Map<string, GlobNote>();
  private trace: { folders: Set<string>; files: Set<string>; stats: Map<string, Kind | -1> } | null = null;
  /** Whether this run noted something the earlier snapshot did not have. */
  private changed = false;

  constructor(
    hidden: readonly string[] = [],
    private readonly earlier: FolderSnapshot | null = null,
  ) {
    for (const dir of hidden.map((d) => path.resolve(d))) {
      const names = this.hidden.get(path.dirname(dir)) ?? new Set();
      names.add(path.basename(dir));
      this.hidden.set(path.dirname(dir), names);
    }
  }

  // The `fs` methods globby and fast-glob call; arrow properties, since they are called detached.

  readonly readdirSync = (p: string, options?: { withFileTypes?: boolean }): Entry[] | string[] => {
    const entries = this.entries(p);
    return options?.withFileTypes ? entries : entries.map((e) => e.name);
  };

  readonly statSync = (p: string): Stats => this.stat('stat', p, (file) => statSync(file));

  readonly lstatSync = (p: string): Stats => this.stat('lstat', p, (file) => lstatSync(file));

  readonly readFileSync = (p: string, options?: BufferEncoding | { encoding?: BufferEncoding | null }): string | Buffer => {
    const file = path.resolve(p);
    // Stamped before the read: a change after it shows next time.
    const stamp = stampOf(file);
    this.trace?.files.add(file);
    if (!this.files.has(file) && (stamp === null || !recent(stamp))) {
      this.files.set(file, stamp);
      const old = this.earlier?.files.get(file);
      if (old === undefined || (old === null) !== (stamp === null) || (old !== null && stamp !== null && !sameStamp(old, stamp))) this.changed = true;
    }
    return readFileSync(file, options as BufferEncoding);
  };

  /**
   * Every regular file under `dir`, relative to it with forward slashes, sorted, as the site's
   * `walk` gives them: symbolic links are not followed, `.git` and `node_modules` are skipped.
   */
  walk(dir: string): string[] {
    const out: string[] = [];
    const visit = (at: string, prefix: string): void => {
      let entries: Entry[];
      try {
        entries = this.entries(at);
      } catch {
        return;
      }
      for (const e of entries) {
        if (e.isDirectory()) {
          if (!SKIPPED_FOLDERS.has(e.name)) visit(path.join(at, e.name), `${prefix}${e.name}/`);
        } else if (e.isFile()) out.push(`${prefix}${e.name}`);
      }
    };
    visit(path.resolve(dir), '');
    return out.sort();
  }

  /**
   * What `run` (a glob over these folders) finds, `key` naming everything else it depends on:
   * an earlier run's paths when every folder, file and path it read is unchanged.
   */
  globbed(key: string, run: () => string[]): string[] {
    const old = this.earlier?.globs.get(key);
    if (old && this.unchanged(old)) {
      this.globs.set(key, old);
      return old.result;
    }
    const trace = { folders: new Set<string>(), files: new Set<string>(), stats: new Map<string, Kind | -1>() };
    this.trace = trace;
    let result: string[];
    try {
      result = run();
    } finally {
      this.trace = null;
    }
    const noted = [...trace.folders].every((f) => this.folders.has(f)) && [...trace.files].every((f) => this.files.has(f));
    if (noted) {
      this.globs.set(key, { folders: [...trace.folders], files: [...trace.files], stats: [...trace.stats], result });
      this.changed = true;
    }
    return result;
  }

  /** What to keep for the next run; null when it would be the earlier snapshot again. */
  snapshot(): FolderSnapshot | null {
    if (!this.changed && this.earlier) return null;
    return { folders: this.folders, files: this.files, globs: this.globs };
  }

  private unchanged(glob: GlobNote): boolean {
    for (const file of glob.files) {
      const old = this.earlier?.files.get(file);
      const now = stampOf(file);
      if (old === undefined || (old === null ? now !== null : now === null || !sameStamp(old, now))) return false;
      this.files.set(file, old);
    }
    for (const [key, kind] of glob.stats) {
      const [how, p] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
      let now: Kind | -1;
      try {
        now = kindOf(this.stat(how as 'stat' | 'lstat', p, (file) => (how === 'stat' ? statSync(file) : lstatSync(file))));
      } catch {
        now = -1;
      }
      if (now !== kind) return false;
    }
    for (const folder of glob.folders) {
      try {
        this.entries(folder);
      } catch {
        // A folder that could not be listed then: it is noted as such, and must still be.
      }
      const note = this.folders.get(folder);
      if (note === undefined || note !== this.earlier?.folders.get(folder)) return false;
    }
    return true;
  }

  private stat(how: 'stat' | 'lstat', p: string, read: (p: string) => Stats): Stats {
    const key = `${how}:${p}`;
    let value = this.stats.get(key);
    if (value === undefined) {
      try {
        value = read(p);
      } catch (error) {
        value = error as NodeJS.ErrnoException;
      }
      this.stats.set(key, value);
    }
    this.trace?.stats.set(key, value instanceof Error ? -1 : kindOf(value));
    if (value instanceof Error) throw value;
    return value;
  }

  private entries(p: string): Entry[] {
    const dir = path.resolve(p);
    this.trace?.folders.add(dir);
    let value = this.listed.get(dir);
    if (value === undefined) {
      value = this.list(dir);
      this.listed.set(dir, value);
    }
    if (value instanceof Error) throw value;
    return value;
  }

  /** A folder's entries: an earlier run's when its stamp is unchanged, else read (and noted once settled). */
  private list(dir: string): Entry[] | NodeJS.ErrnoException {
    const stamp = stampOf(dir);
    const old = this.earlier?.folders.get(dir);
    if (old && (old.stamp === null ? stamp === null : stamp !== null && sameStamp(old.stamp, stamp))) {
      this.folders.set(dir, old);
      if (old.stamp === null) return Object.assign(new Error(`ENOENT: no such file or directory, scandir '${dir}'`), { code: 'ENOENT' });
      if (old.names === '') return [];
      return old.names.split('/').map((name, i) => new NotedEntry(name, Number(old.kinds[i]) as Kind));
    }
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT' && stamp === null;
      if (missing) this.note(dir, { stamp: null, names: '', kinds: '' });
      return error as NodeJS.ErrnoException;
    }
    const hidden = this.hidden.get(dir);
    const kept = hidden ? entries.filter((e) => !hidden.has(e.name)) : entries;
    if (stamp !== null && !recent(stamp)) this.note(dir, { stamp, names: kept.map((e) => e.name).join('/'), kinds: kept.map(kindOf).join('') });
    return kept;
  }

  private note(dir: string, note: FolderNote): void {
    this.folders.set(dir, note);
    this.changed = true;
  }
}
