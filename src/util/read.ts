import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import type { Stamp } from './stamp.js';

/** Why a file was not read: not a regular file (a FIFO, a device, a folder), or over the limit. */
export class ReadRefused extends Error {
  constructor(
    readonly reason: 'not-regular' | 'too-large',
    readonly size: number,
    message: string,
  ) {
    super(message);
  }
}

/** No config, schema or truth file is anywhere near this; `/dev/zero` behind a symlink would be endless. */
const DEFAULT_READ_LIMIT = 64 * 1024 * 1024;

function isNullDevice(file: string): boolean {
  try {
    return realpathSync(file) === '/dev/null';
  } catch {
    return false;
  }
}

/**
 * Read a regular file, at most `maxBytes`. Opened without blocking, so a FIFO does not hang the
 * run; checked with fstat after opening (what was opened is what is checked, even through a
 * symlink); read until the limit + 1 byte at most, so a file that grows or lies about its size
 * (`/proc`, a device) cannot fill memory. Other errors (ENOENT, EACCES) are thrown as they are.
 */
export function readRegularFile(file: string, maxBytes = DEFAULT_READ_LIMIT): Buffer {
  return readStamped(file, maxBytes).bytes;
}

/**
 * `readRegularFile`, with the file's stamp as fstat gave it before the read (null for the null
 * device): a run that keeps it can tell later, from one `stat`, that the file is unchanged.
 */
export function readStamped(file: string, maxBytes = DEFAULT_READ_LIMIT): { bytes: Buffer; stamp: Stamp | null } {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = fstatSync(fd);
    // `-c /dev/null` is the usual way to say "an empty file": the null device reads as one.
    if (!info.isFile() && isNullDevice(file)) return { bytes: Buffer.alloc(0), stamp: null };
    if (!info.isFile()) throw new ReadRefused('not-regular', 0, `${file} is not a regular file`);
    if (info.size > maxBytes) throw new ReadRefused('too-large', info.size, `${file} is larger than ${maxBytes} bytes`);
    const chunks: Buffer[] = [];
    let total = 0;
    // The first read is sized by fstat, one byte more so that a file read whole ends it: a
    // fresh 1 MiB buffer for every read made reading a 10,000-page tree take seconds.
    let want = info.size + 1;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(want, 1 << 20, maxBytes + 1 - total));
      want = 1 << 20;
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) throw new ReadRefused('too-large', total, `${file} is larger than ${maxBytes} bytes`);
      if (n < chunk.length) break;
    }
    const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
    return { bytes, stamp: { size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino } };
  } finally {
    closeSync(fd);
  }
}
