import type { ControlComment, ControlDirective, Span } from './types.js';

const commentRe = /<!--\s*compatlint-(disable-next-line|disable-line|disable-file|disable|enable)\b([^]*?)-->/g;

/** Read `<!-- compatlint-disable rule-a rule-b -->` and its kin from an HTML fragment. */
export function scanControlComments(html: string, spanAt: (start: number, end: number) => Span): ControlComment[] {
  if (!html.includes('compatlint-')) return [];
  const out: ControlComment[] = [];
  commentRe.lastIndex = 0;
  for (let m = commentRe.exec(html); m !== null; m = commentRe.exec(html)) {
    // A reason may follow ` -- `, as in ESLint: `<!-- compatlint-disable rule -- why -->`.
    const body = m[2] as string;
    const dash = body.search(/(^|\s)--(\s|$)/);
    const rules = (dash === -1 ? body : body.slice(0, dash)).split(/[\s,]+/).filter((r) => r !== '');
    out.push({ directive: m[1] as ControlDirective, rules, span: spanAt(m.index, m.index + m[0].length) });
  }
  return out;
}
