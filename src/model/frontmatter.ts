import { LineCounter, isMap, isScalar, parseDocument } from 'yaml';
import { firstLine, isCyclic } from '../parse/yaml-data.js';
import type { LineIndex } from './lines.js';
import type { FrontMatter, PageProblem, Span } from './types.js';

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
