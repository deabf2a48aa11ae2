import type { Location, MessageContext } from './types.js';

/**
 * Small pieces of wording that rules' messages share, so a place, a list or a count reads the
 * same in every message. Rules put data in their reports; only their `messages` call these.
 */

/** Text in backticks, as messages quote what a page says: `` `2.9.3` ``. */
export function code(text: string | number): string {
  const s = String(text);
  // A backtick inside would end the code span early; a longer fence keeps it whole.
  const fence = s.includes('`') ? '``' : '`';
  return `${fence}${s}${fence}`;
}

/** `1 row`, `2 rows`; `many` when the plural is not a plain `s`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

/** `1 row`, `3 rows`. */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${plural(n, one, many)}`;
}

/** `` `a`, `b` and 3 more ``: the first `max` items quoted, the rest counted. */
export function quotedList(items: readonly string[], max = 5): string {
  const shown = items.slice(0, max).map(code);
  return items.length > max ? `${shown.join(', ')} and ${items.length - max} more` : shown.join(', ');
}

/** `line 26` in the file the finding is in, `path/to/page.md:26` in another. */
export function place(location: Location, at: MessageContext): string {
  return location.file === at.file ? `line ${location.line}` : `${location.file}:${location.line}`;
}
