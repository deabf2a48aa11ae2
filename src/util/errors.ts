/** A problem with how compatlint was called or configured: one line on stderr, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** An error message on one line: JSON.parse quotes the offending source, line breaks included. */
export function oneLine(message: string): string {
  return message.replace(/\r\n|\r|\n/g, '\\n');
}
