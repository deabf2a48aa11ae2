import path from 'node:path';

/** A path with forward slashes, as diagnostics, globs and git name files on every platform. */
export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** `abs` relative to `cwd`, with forward slashes: the name diagnostics use. */
export function relativeName(cwd: string, abs: string): string {
  return toPosix(path.relative(cwd, abs));
}

/** Whether `abs` is `dir` or lies inside it. */
export function isInside(dir: string, abs: string): boolean {
  const rel = path.relative(dir, abs);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
