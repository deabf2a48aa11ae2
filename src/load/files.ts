import { stat } from 'node:fs/promises';
import path from 'node:path';
import { globby, isDynamicPattern } from 'globby';
import { UsageError } from '../errors.js';

export interface FileListOptions {
  cwd: string;
  /** Paths, directories or globs from the command line; empty means the config's `include`. */
  patterns: string[];
  include: string[];
  exclude: string[];
  /** Honour `.gitignore` files (default true). */
  gitignore?: boolean;
}

export interface ListedFile {
  /** Absolute path. */
  abs: string;
  /** Relative to the working directory, forward slashes: the name diagnostics use. */
  file: string;
}

const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

/**
 * The pages to check. Directories expand to the `include` patterns beneath them; globs
 * expand as given; a named file is checked even when `include` would not match it.
 * A path that does not exist is a usage error.
 */
export async function listFiles(options: FileListOptions): Promise<ListedFile[]> {
  const { cwd, include, exclude } = options;
  const gitignore = options.gitignore ?? true;
  const ignore = [...ALWAYS_IGNORED, ...exclude];
  const found = new Set<string>();
  const glob = async (patterns: string[], base: string) => {
    const matches = await globby(patterns, {
      cwd: base,
      gitignore,
      ignore,
      absolute: true,
      onlyFiles: true,
      followSymbolicLinks: false,
      dot: false,
      suppressErrors: true,
    });
    for (const m of matches) found.add(path.resolve(m));
  };

  if (options.patterns.length === 0) {
    await glob(include, cwd);
  } else {
    for (const pattern of options.patterns) {
      const abs = path.resolve(cwd, pattern);
      const info = await stat(abs).catch(() => null);
      if (info?.isDirectory()) {
        await glob(include, abs);
      } else if (info) {
        found.add(abs);
      } else if (isDynamicPattern(pattern)) {
        await glob([toPosix(pattern)], cwd);
      } else {
        throw new UsageError(`No such file or directory: ${pattern}`);
      }
    }
  }
  return [...found].sort().map((abs) => ({ abs, file: relativeName(cwd, abs) }));
}

export function relativeName(cwd: string, abs: string): string {
  return toPosix(path.relative(cwd, abs));
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
