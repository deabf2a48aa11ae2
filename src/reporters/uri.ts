/**
 * A relative file path as a URI reference: every segment percent-encoded, `/` kept. Beyond
 * `encodeURIComponent` it also encodes `!'()*`, so the result can sit in a Markdown link
 * destination, where an unbalanced parenthesis would end the link.
 */
export function encodePath(file: string): string {
  return file
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}
