import { statSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import { writeFileAtomic } from '../util/atomic.js';
import { fsErrorReason, UsageError } from '../util/errors.js';

/** A file the command reads, which a report written over it would destroy. */
export interface InputFile {
  abs: string;
  /** `the config file`, `a page being checked`: said in the refusal. */
  what: string;
}

/** The files a config makes a run read: the config file, truth files, plugins. */
export function configInputs(config: ResolvedConfig): InputFile[] {
  return [
    ...(config.file === null ? [] : [{ abs: config.file, what: 'the config file' }]),
    ...config.truth.map((t) => ({ abs: t.file, what: 'a source-of-truth file' })),
    ...config.plugins.map((abs) => ({ abs, what: 'a plugin' })),
  ];
}

/** Pages named as diagnostics name them (relative to `cwd`), as inputs. */
export function pageInputs(files: Iterable<string>, cwd: string): InputFile[] {
  return [...files].map((file) => ({ abs: path.resolve(cwd, file), what: 'a page being checked' }));
}

/**
 * Report files (as given, relative to `cwd`), checked before anything is written: a folder
 * cannot take a report, two reports to one file would keep only the last, and a report written
 * over an input (a page, the config) would destroy it. Files are compared as the file system
 * sees them, so `./r.json`, a symbolic link to it and a hard link of it are one file.
 */
export function checkOutputs(files: readonly string[], cwd: string, inputs: readonly InputFile[] = []): void {
  const byIdentity = new Map<string, string>();
  for (const file of files) {
    const id = identity(path.resolve(cwd, file));
    if (id.folder) throw new UsageError(`Cannot write ${file}: it is a directory`);
    if (id.key === null) continue;
    const earlier = byIdentity.get(id.key);
    if (earlier !== undefined) throw new UsageError(`Two reports to one file: ${earlier} and ${file} (give each report a file of its own)`);
    byIdentity.set(id.key, file);
  }
  if (byIdentity.size === 0) return;
  for (const input of inputs) {
    const key = identity(input.abs).key;
    const file = key === null ? undefined : byIdentity.get(key);
    if (file !== undefined) throw new UsageError(`Refusing to write a report to ${file}: it is ${input.what}`);
  }
}

/**
 * What names a file: its device and inode when it exists, its absolute path when it does not
 * yet; null for a device or a pipe (`-o /dev/null` twice is no loss).
 */
function identity(abs: string): { key: string | null; folder: boolean } {
  try {
    const info = statSync(abs);
    if (info.isDirectory()) return { key: null, folder: true };
    return { key: info.isFile() ? `${info.dev}:${info.ino}` : null, folder: false };
  } catch {
    return { key: path.resolve(abs), folder: false };
  }
}

/** Write a report atomically; a failure (a full disk, no permission) is one line naming the file. */
export async function writeOutput(file: string, cwd: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(path.resolve(cwd, file), text, { mkdirs: true });
  } catch (error) {
    throw new UsageError(`Cannot write ${file}: ${fsErrorReason(error)}`);
  }
}
