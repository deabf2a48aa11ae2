import { statSync } from 'node:fs';

/**
 * Notes on a file (or folder), for telling whether it changed since they were taken: size, times
 * and inode from one `stat`. An edit changes the modification time; `ctime` also changes when a
 * tool sets the modification time back (`touch -d`, `git checkout` of an older file). A folder's
 * modification time changes when an entry is added, removed or renamed in it.
 */
export interface Stamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/** The stamp of a path now; null when it cannot be stat'ed. */
export function stampOf(abs: string): Stamp | null {
  try {
    const { size, mtimeMs, ctimeMs, ino } = statSync(abs);
    return { size, mtimeMs, ctimeMs, ino };
  } catch {
    return null;
  }
}

/**
 * File times have a granularity (a few milliseconds on Linux): a file written again within the
 * same tick as the read the notes come from would keep its stamp. A file changed moments ago is
 * therefore read again next time instead of noted, as git does with racily clean entries.
 */
const SETTLED_MS = 2000;

export function recent(stamp: Stamp): boolean {
  return Date.now() - stamp.mtimeMs < SETTLED_MS;
}

export function sameStamp(a: Stamp, b: Stamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}
