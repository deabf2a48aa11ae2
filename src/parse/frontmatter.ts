import { LineCounter, isMap, isScalar, parseDocument } from 'yaml';
import type { LineIndex } from '../model/lines.js';
import type { FrontMatter, PageProblem, Span } from '../model/types.js';

export interface FrontMatterResult {
  frontMatter: FrontMatter;
  problems: PageProblem[];
}

/**
 * Parse YAML front matter. `bodyOffset` is where the YAML text starts in the page, so that
 * key positions and error positions are page positions.
 */
export function parseYamlFrontMatter(yamlText: string, bodyOffset: number, span: Span, index: LineIndex): FrontMatterResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: false });
  const problems: PageProblem[] = [];
  const keys: Record<string, Span> = {};
  if (doc.errors.length > 0) {
    for (const error of doc.errors.slice(0, 1)) {
      // The parser may point just past the YAML text, which would land inside the closing line's CRLF.
      const start = Math.min(error.pos[0], yamlText.length);
      const end = Math.min(Math.max(error.pos[1], start), yamlText.length);
      problems.push({
        ruleId: 'frontmatter-invalid',
        messageId: 'yaml',
        data: { reason: firstLine(error.message) },
        span: index.span(bodyOffset + start, bodyOffset + end),
      });
    }
    return { frontMatter: { format: 'yaml', span, data: null, keys }, problems };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    problems.push({
      ruleId: 'frontmatter-invalid',
      messageId: 'yaml',
      data: { reason: firstLine(error instanceof Error ? error.message : String(error)) },
      span,
    });
    return { frontMatter: { format: 'yaml', span, data: null, keys }, problems };
  }
  if (isCyclic(data)) {
    // `a: &x [*x]` builds a value that contains itself: not JSON, and endless to walk.
    problems.push({ ruleId: 'frontmatter-invalid', messageId: 'cyclic', data: {}, span });
    return { frontMatter: { format: 'yaml', span, data: null, keys }, problems };
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    problems.push({ ruleId: 'frontmatter-invalid', messageId: 'notMapping', data: {}, span });
    return { frontMatter: { format: 'yaml', span, data: null, keys }, problems };
  }
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (isScalar(pair.key) && pair.key.range) {
        const [start] = pair.key.range;
        const valueEnd = isScalar(pair.value) && pair.value.range ? pair.value.range[1] : pair.key.range[1];
        keys[String(pair.key.value)] = index.span(bodyOffset + start, bodyOffset + valueEnd);
      }
    }
  }
  return { frontMatter: { format: 'yaml', span, data: data as Record<string, unknown>, keys }, problems };
}

/** True when a value contains itself (YAML aliases can do that); iterative, so depth cannot overflow the stack. */
function isCyclic(root: unknown): boolean {
  const onPath = new Set<object>();
  const stack: Array<{ value: object; children: unknown[] | null }> = [];
  const enter = (value: unknown): boolean => {
    if (value === null || typeof value !== 'object') return false;
    if (onPath.has(value)) return true;
    onPath.add(value);
    stack.push({ value, children: null });
    return false;
  };
  if (enter(root)) return true;
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { value: object; children: unknown[] | null };
    top.children ??= Object.values(top.value);
    if (top.children.length === 0) {
      onPath.delete(top.value);
      stack.pop();
    } else if (enter(top.children.pop())) {
      return true;
    }
  }
  return false;
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').trim();
}
