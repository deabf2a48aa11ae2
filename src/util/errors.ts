/** A problem with how compatlint was called or configured: one line on stderr, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** An error message on one line: JSON.parse quotes the offending source, line breaks included. */
export function oneLine(message: string): string {
  return message.replace(/\r\n|\r|\n/g, '\\n');
}

const FS_REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a directory',
  ELOOP: 'too many levels of symbolic links',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EFBIG: 'file too large',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

/** What a failed file system call means, in words: `permission denied`, not `EACCES: permission denied, open '/x/.y.tmp'`. */
export function fsErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && Object.hasOwn(FS_REASONS, code)) return FS_REASONS[code] as string;
  return oneLine(error instanceof Error ? error.message : String(error));
}
