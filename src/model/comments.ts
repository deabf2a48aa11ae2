import type { ControlComment, ControlDirective, Span } from './types.js';

const directives = 'disable-next-line|disable-line|disable-file|disable|enable';
const commentRes = {
  html: new RegExp(String.raw`<!--\s*compatlint-(${directives})\b([^]*?)-->`, 'g'),
  /** An MDX comment: an expression that is only a block comment. */
  mdx: new RegExp(String.raw`^\{\s*/\*\s*compatlint-(${directives})\b([^]*?)\*/\s*\}$`, 'g'),
};

/**
 * Read `<!-- compatlint-disable rule-a rule-b -->` and its kin from an HTML fragment, or
 * `{/* compatlint-disable rule-a *\/}` from an MDX comment (the whole expression, braces included).
 */
export function scanControlComments(text: string, spanAt: (start: number, end: number) => Span, syntax: 'html' | 'mdx' = 'html'): ControlComment[] {
  if (!text.includes('compatlint-')) return [];
  const out: ControlComment[] = [];
  const commentRe = commentRes[syntax];
  commentRe.lastIndex = 0;
  for (let m = commentRe.exec(text); m !== null; m = commentRe.exec(text)) {
    // A reason may follow ` -- `, as in ESLint: `<!-- compatlint-disable rule -- why -->`.
    const body = m[2] as string;
    const dash = body.search(/(^|\s)--(\s|$)/);
    const rules = (dash === -1 ? body : body.slice(0, dash)).split(/[\s,]+/).filter((r) => r !== '');
    out.push({ directive: m[1] as ControlDirective, rules, span: spanAt(m.index, m.index + m[0].length) });
  }
  return out;
}
