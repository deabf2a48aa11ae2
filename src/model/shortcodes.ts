import type { LineIndex } from './lines.js';
import type { Shortcode } from './types.js';

// `{{< name a "b c" k="v" >}}`, `{{% name %}}`, `{{< /name >}}`; `{{</* name */>}}` is an escaped
// shortcode that Hugo prints literally, so it is skipped. Bounded so broken input cannot run away.
const shortcodeRe = /\{\{([<%])(?!\/\*)\s*(\/?)\s*([\w][\w./-]*)(?![\w./-])((?:[^{}\n]|\{(?!\{)|\}(?!\}))*?)\s*([>%])\}\}/g;
const paramRe = /([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`|'([^']*)'|([^\s"'`]+))|"((?:[^"\\]|\\.)*)"|`([^`]*)`|([^\s"'`]+)/g;

export interface Range {
  start: number;
  end: number;
}

/** Find every Hugo shortcode in a text, skipping the given ranges (code spans and blocks). */
export function scanShortcodes(text: string, index: LineIndex, skip: Range[], tables: Range[]): Shortcode[] {
  if (!text.includes('{{')) return [];
  const out: Shortcode[] = [];
  shortcodeRe.lastIndex = 0;
  for (let m = shortcodeRe.exec(text); m !== null; m = shortcodeRe.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (inAny(start, skip)) continue;
    const { positional, named } = parseParams(m[4] as string);
    out.push({
      name: m[3] as string,
      delimiter: m[1] === '%' ? '%' : '<',
      closing: m[2] === '/',
      positional,
      named,
      raw: m[0],
      span: index.span(start, end),
      inTable: inAny(start, tables),
    });
  }
  return out;
}

export function parseParams(source: string): { positional: string[]; named: Record<string, string> } {
  const positional: string[] = [];
  const named: Record<string, string> = {};
  paramRe.lastIndex = 0;
  for (let m = paramRe.exec(source); m !== null; m = paramRe.exec(source)) {
    if (m[1] !== undefined) named[m[1]] = unescape(m[2] ?? m[3] ?? m[4] ?? m[5] ?? '');
    else positional.push(unescape(m[6] ?? m[7] ?? m[8] ?? ''));
  }
  return { positional, named };
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

/** Ranges are sorted by start and do not overlap. */
export function inAny(offset: number, ranges: Range[]): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid] as Range;
    if (offset < r.start) hi = mid - 1;
    else if (offset >= r.end) lo = mid + 1;
    else return true;
  }
  return false;
}
