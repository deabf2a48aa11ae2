import type { ControlComment } from '../model/types.js';

export interface Suppressions {
  isSuppressed(ruleId: string, line: number): boolean;
}

interface Range {
  /** null means every rule. */
  rule: string | null;
  from: number;
  to: number;
}

const ALL = null;

/**
 * Turn a page's control comments into line ranges:
 * `disable` … `enable` (a range), `disable-next-line`, `disable-line`, `disable-file`.
 * A comment with no rule ids applies to every rule.
 */
export function suppressionsFor(comments: readonly ControlComment[]): Suppressions {
  if (comments.length === 0) return { isSuppressed: () => false };
  const ranges: Range[] = [];
  const open = new Map<string | null, number>();
  const close = (rule: string | null, line: number) => {
    const from = open.get(rule);
    if (from !== undefined) {
      ranges.push({ rule, from, to: line });
      open.delete(rule);
    }
  };
  for (const c of [...comments].sort((a, b) => a.span.offset - b.span.offset)) {
    const targets = c.rules.length === 0 ? [ALL] : c.rules;
    for (const rule of targets) {
      switch (c.directive) {
        case 'disable-file':
          ranges.push({ rule, from: 1, to: Infinity });
          break;
        case 'disable-line':
          ranges.push({ rule, from: c.span.line, to: c.span.endLine });
          break;
        case 'disable-next-line':
          ranges.push({ rule, from: c.span.endLine + 1, to: c.span.endLine + 1 });
          break;
        case 'disable':
          if (!open.has(rule)) open.set(rule, c.span.line);
          break;
        case 'enable':
          if (rule === ALL) for (const r of [...open.keys()]) close(r, c.span.line);
          else close(rule, c.span.line);
          break;
      }
    }
  }
  for (const rule of [...open.keys()]) close(rule, Infinity);
  return {
    isSuppressed(ruleId, line) {
      return ranges.some((r) => (r.rule === ALL || r.rule === ruleId) && line >= r.from && line <= r.to);
    },
  };
}
