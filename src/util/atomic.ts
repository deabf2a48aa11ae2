import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { chmod, mkdir, open, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Temp files in flight, removed if the process is interrupted (see `cleanUpOnExit`). */
const inFlight = new Set<string>();

export interface AtomicWriteOptions {
  /** Keep this file mode (a fix keeps the page's mode). */
  mode?: number;
  /** Create missing parent folders. */
  mkdirs?: boolean;
  /**
   * Flush the data to disk before the rename (default true). A cache entry skips it: after a
   * power loss it may come back empty, which its reader treats as a miss.
   */
  durable?: boolean;
  /**
   * Stand-ins for the steps that can fail half-way (a full disk, a rename refused), so tests can
   * show that a failed write leaves the target as it was. Tests run as root, where permission
   * tricks do not fail.
   */
  hooks?: AtomicWriteHooks;
}

export interface AtomicWriteHooks {
  write?: (tmp: string, data: string | Uint8Array) => Promise<void>;
  rename?: (tmp: string, target: string) => Promise<void>;
}

/**
 * Write a file so that readers see either the old content or the new, never a half-written
 * file: write a temp file beside the target, flush it, then rename it over the target.
 *
 * A symbolic link is followed, so the file it points to is replaced and the link stays. A target
 * that is not a regular file (`--output /dev/null`, `/dev/stdout`, a named pipe) is written in
 * place: renaming over it would replace the device with a regular file.
 */
export async function writeFileAtomic(requested: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const target = await realpath(requested).catch(() => requested);
  const existing = await stat(target).catch(() => null);
  if (existing !== null && !existing.isFile() && !existing.isDirectory()) {
    await writeFile(target, data);
    return;
  }
  const dir = path.dirname(target);
  if (options.mkdirs) await mkdir(dir, { recursive: true });
  const tmp = tempPathFor(target);
  inFlight.add(tmp);
  try {
    const mode = options.mode ?? (existing === null ? 0o644 : existing.mode & 0o7777);
    const handle = await open(tmp, 'wx', mode);
    try {
      await handle.writeFile(data);
      await options.hooks?.write?.(tmp, data);
      if (options.durable !== false) await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(tmp, mode);
    await (options.hooks?.rename ?? rename)(tmp, target);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  } finally {
    inFlight.delete(tmp);
  }
}

/**
 * `writeFileAtomic` for synchronous code that writes a cache file of its own: temp file, then
 * rename, never flushed (after a power loss the file may come back empty, which its reader
 * treats as missing). The target is a plain file of the cache folder: no links or devices.
 */
export function writeFileAtomicSync(target: string, data: Uint8Array, options: { mkdirs?: boolean } = {}): void {
  if (options.mkdirs) mkdirSync(path.dirname(target), { recursive: true });
  const tmp = tempPathFor(target);
  inFlight.add(tmp);
  try {
    writeFileSync(tmp, data, { flag: 'wx' });
    renameSync(tmp, target);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  } finally {
    inFlight.delete(tmp);
  }
}

/** Beside the target, so that the rename stays within one file system; unique per write. */
function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Temp files still being written (for the interrupt handler). */
export function pendingTempFiles(): string[] {
  return [...inFlight];
}
