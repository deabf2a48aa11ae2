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

/** Plain backticks, as fact wording has always used (a cell's text holds no markup). */
function tick(text: string): string {
  return `\`${text}\``;
}

/** `` `Docker` / `Tracing` (java) ``: a fact's row and column, and what scopes it. */
export function subjectText(s: { row: string; column: string; scope: readonly string[] }): string {
  return `${tick(s.row)} / ${tick(s.column)}${s.scope.length > 0 ? ` (${s.scope.join(', ')})` : ''}`;
}

/** `supported`, `unsupported (empty cell)`, `` preview `Beta` ``, `` `1.2.0` ``: a fact's value as a finding words it. */
export function valueText(v: { kind: string; text: string; empty: boolean }): string {
  switch (v.kind) {
    case 'supported':
      return 'supported';
    case 'unsupported':
      return v.empty ? 'unsupported (empty cell)' : 'unsupported';
    case 'preview':
      return /preview|beta/i.test(v.text) ? tick(v.text) : `preview ${tick(v.text || 'Preview')}`;
    default:
      return tick(v.text);
  }
}

