import { closeSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { toPosix } from '../util/posix.js';

/** Folders that hold tools' files or build output, never a site's pages. */
export const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/**
 * The files of a site, read only inside its root: every lookup is a membership test in lists
 * made by walking the site's own folders (symbolic links are not followed), and a file is read
 * only when its real path is inside the root.
 */
export class SiteFiles {
  private realRoot: string | null | undefined;
  private headBuffer: Buffer | null = null;
  private readonly listings = new Map<string, string[]>();

  constructor(
    readonly root: string,
    /** How a folder is walked (`walk`); a run that has listed the tree's folders already gives its own. */
    private readonly walker: (dir: string) => string[] = walk,
  ) {}

  /**
   * Every file under `folder` (relative to the root, '' for the root), relative to that folder
   * with forward slashes, sorted; `.git` and `node_modules` folders are skipped.
   */
  list(folder: string): string[] {
    let files = this.listings.get(folder);
    if (!files) {
      files = this.walker(path.join(this.root, folder));
      this.listings.set(folder, files);
    }
    return files;
  }

  /** Read a file only when its real path is inside the site root; at most `maxBytes` from its start when given. */
  read(file: string, maxBytes?: number): string | null {
    const root = this.realRootPath();
    if (root === null) return null;
    try {
      const real = realpathSync(file);
      const rel = path.relative(root, real);
      if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
      if (maxBytes === undefined) return readFileSync(real, 'utf8');
      const fd = openSync(real, 'r');
      try {
        // One buffer for every head read: an alias index reads the head of every page in the site.
        if (this.headBuffer === null || this.headBuffer.length < maxBytes) this.headBuffer = Buffer.allocUnsafe(maxBytes);
        const buffer = this.headBuffer;
        const n = readSync(fd, buffer, 0, maxBytes, 0);
        return buffer.subarray(0, n).toString('utf8');
      } finally {
        closeSync(fd);
      }
    } catch {
      return null;
    }
  }

  /** A site path for messages (`content/en/a/b.md`). */
  display(file: string): string {
    return toPosix(path.relative(this.root, file));
  }

  private realRootPath(): string | null {
    if (this.realRoot === undefined) {
      try {
        this.realRoot = realpathSync(this.root);
      } catch {
        this.realRoot = null;
      }
    }
    return this.realRoot;
  }
}

export function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Every file under `dir` (absolute), relative with forward slashes, sorted; symbolic links are
 * not followed, `.git` and `node_modules` folders are skipped.
 */
export function walk(dir: string): string[] {
  const out: string[] = [];
  const stack = [''];
  while (stack.length > 0) {
    const rel = stack.pop() as string;
    let entries;
    try {
      entries = readdirSync(path.join(dir, rel), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(e.name)) stack.push(child);
      } else if (e.isFile()) out.push(child);
    }
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A page's YAML front matter from the first bytes of its file; null when it has none that parses. */
export function frontMatterOf(head: string): Record<string, unknown> | null {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\s*(\r?\n|$)/.exec(head);
  if (!m) return null;
  try {
    const data = parseYaml(m[1] as string) as unknown;
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
