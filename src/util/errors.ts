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

/**
 * Why `JSON.parse` refused a text, with where, and without the text: V8 quotes the source around
 * the error (`Unexpected token 'r', "root:x:0:0:"... is not valid JSON`), and a path named by
 * mistake (`/etc/passwd` as a schema) must not be echoed into a CI log.
 */
export function jsonSyntaxError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/^Unexpected end of JSON input/.test(message)) return 'unexpected end of the text';
  const at = /^(.*?) in JSON at position (\d+)/.exec(message);
  if (at) return `${(at[1] as string).replace(/^\w/, (c) => c.toLowerCase())} at ${lineAndColumn(text, Number(at[2]))}`;
  // `..."<10 characters before>X<after>"...`: where the window starts says where X is.
  const window = /^Unexpected token .*?, \.\.\."(.*?)"(?:\.\.\.)? is not valid JSON$/s.exec(message);
  const start = window ? text.indexOf(window[1] as string) : -1;
  if (start !== -1) return `unexpected character at ${lineAndColumn(text, start + 10)}`;
  return 'unexpected character';
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}
