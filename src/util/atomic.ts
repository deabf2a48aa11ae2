import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { chmod, chown, mkdir, open, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Temp files in flight that an interrupted run removes (see `watchTempFiles`). */
const inFlight = new Set<string>();
let watcher: ((writing: boolean) => void) | null = null;

/**
 * Be told when the first tracked temp file appears (`true`) and when the last is gone (`false`).
 * The command line installs its signal handlers only in between: a handler runs only when the
 * main thread is idle, so one installed for the whole run would keep Ctrl-C waiting for a
 * busy thread, while without one the signal ends the process at once. Tracked writes leave the
 * main thread idle (it awaits their I/O), so an interrupt then is handled at once too.
 */
export function watchTempFiles(listener: ((writing: boolean) => void) | null): void {
  watcher = listener;
}

function track(tmp: string): void {
  inFlight.add(tmp);
  if (inFlight.size === 1) watcher?.(true);
}

function untrack(tmp: string): void {
  if (inFlight.delete(tmp) && inFlight.size === 0) watcher?.(false);
}

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
   * Where the temp file goes, on the target's file system (default: beside the target). A cache
   * puts them in one folder of its own, which the next run's first write there sweeps.
   */
  tempDir?: string;
  /**
   * Remove the temp file when the run is interrupted (default true). A cache write, which goes on
   * while the main thread is busy, leaves that to the next run, so an interrupt is not held up.
   */
  removeOnInterrupt?: boolean;
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
 * The new file keeps the old one's mode, and its owner and group where the user may set them
 * (root, or a group the user is in); otherwise it belongs to the user. Being a new file, it is no
 * longer a hard link of the old one: other names of the old file keep the old content.
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
  const dir = options.tempDir ?? path.dirname(target);
  if (options.mkdirs) {
    await mkdir(path.dirname(target), { recursive: true });
    if (options.tempDir) await mkdir(options.tempDir, { recursive: true });
  }
  removeStaleTempFiles(dir);
  const tmp = tempPathFor(target, dir);
  const tracked = options.removeOnInterrupt !== false;
  if (tracked) track(tmp);
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
    if (existing !== null) await keepOwner(tmp, existing);
    // After chown, which clears the set-id bits.
    await chmod(tmp, mode);
    await (options.hooks?.rename ?? rename)(tmp, target);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  } finally {
    if (tracked) untrack(tmp);
  }
}

/** The old file's owner and group on the new one: both, else the group alone, else neither. */
async function keepOwner(tmp: string, old: { uid: number; gid: number }): Promise<void> {
  const uid = process.getuid?.();
  const gid = process.getgid?.();
  if (uid === undefined || (old.uid === uid && old.gid === gid)) return;
  const refused = (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPERM') throw error;
    return false;
  };
  if (await chown(tmp, old.uid, old.gid).then(() => true, refused)) return;
  await chown(tmp, uid, old.gid).catch(refused);
}

/**
 * `writeFileAtomic` for synchronous code that writes a cache file of its own: temp file, then
 * rename, never flushed (after a power loss the file may come back empty, which its reader
 * treats as missing). The target is a plain file of the cache folder: no links or devices.
 */
export function writeFileAtomicSync(target: string, data: Uint8Array, options: { mkdirs?: boolean } = {}): void {
  if (options.mkdirs) mkdirSync(path.dirname(target), { recursive: true });
  removeStaleTempFiles(path.dirname(target));
  // Not tracked: no signal handler runs during synchronous code; an interrupt leaves the temp
  // file to the next run's sweep.
  const tmp = tempPathFor(target, path.dirname(target));
  try {
    writeFileSync(tmp, data, { flag: 'wx' });
    renameSync(tmp, target);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/**
 * In `dir` (beside the target, unless a caller names a folder on the same file system), so that
 * the rename stays within one file system; unique per write, and
 * named so that a later run can tell it is a temp file of a process that no longer runs.
 */
function tempPathFor(target: string, dir: string): string {
  return path.join(dir, `.${path.basename(target)}.compatlint-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

const TEMP_FILE = /^\..+\.compatlint-(\d+)-[0-9a-f]{8}\.tmp$/;

/** A temp file that stays this long is left over even if its process id has been reused. */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

const swept = new Set<string>();

/**
 * Remove the temp files a killed run (`kill -9`, a power loss) left in a folder: those of
 * processes that no longer run, or older than a day. Once per folder and process, before the
 * first write there, so a cache folder of thousands of entries is listed once.
 */
export function removeStaleTempFiles(dir: string): void {
  if (swept.has(dir)) return;
  swept.add(dir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = TEMP_FILE.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid) continue;
    const file = path.join(dir, name);
    try {
      if (isRunning(Number(pid)) && Date.now() - statSync(file).mtimeMs < STALE_AFTER_MS) continue;
      rmSync(file, { force: true });
    } catch {
      // Gone meanwhile, or not ours to remove: either way nothing to do.
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Temp files still being written (for the interrupt handler). */
export function pendingTempFiles(): string[] {
  return [...inFlight];
}
