import { parse as parseToml, TomlError } from 'smol-toml';
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

/**
 * Parse TOML front matter (`+++` fences) with smol-toml. Key positions are found by a scan of
 * the lines before the first `[table]` header, since the parser gives none: a top-level
 * `key = value` line, the span running to the end of a one-line value (a trailing comment left
 * out), or to the end of its first line for a value written over several.
 */
export function parseTomlFrontMatter(tomlText: string, bodyOffset: number, span: Span, index: LineIndex): FrontMatterResult {
  let data: unknown;
  try {
    data = parseToml(tomlText);
  } catch (error) {
    const reason = firstLine(error instanceof Error ? error.message : String(error));
    const line = error instanceof TomlError ? error.line : 1;
    const lineStart = nthLineOffset(tomlText, line);
    const lineEnd = tomlText.indexOf('\n', lineStart);
    const end = (lineEnd === -1 ? tomlText.length : lineEnd) - (tomlText[lineEnd - 1] === '\r' ? 1 : 0);
    return {
      frontMatter: { format: 'toml', span, data: null, keys: {} },
      problems: [{ ruleId: 'frontmatter-invalid', messageId: 'toml', data: { reason }, span: index.span(bodyOffset + lineStart, bodyOffset + Math.max(lineStart, end)) }],
    };
  }
  // Dates become their TOML text (JSON has no dates): the model is plain JSON.
  const plain = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
  const keys: Record<string, Span> = {};
  for (const k of tomlKeyLines(tomlText)) keys[k.key] = index.span(bodyOffset + k.start, bodyOffset + k.end);
  return { frontMatter: { format: 'toml', span, data: plain, keys }, problems: [] };
}

function nthLineOffset(text: string, line: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return offset;
}

const tomlKeyRe = /^[ \t]*([A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')[ \t]*=[ \t]*/;

/** Top-level `key = value` lines of a TOML text: the key, and where the line's key and value are. */
function tomlKeyLines(text: string): Array<{ key: string; start: number; end: number }> {
  const out: Array<{ key: string; start: number; end: number }> = [];
  let multiline: '"""' | "'''" | null = null;
  let depth = 0;
  for (let offset = 0; offset < text.length; ) {
    const newline = text.indexOf('\n', offset);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(offset, lineEnd).replace(/\r$/, '');
    const start = offset;
    offset = lineEnd + 1;
    if (multiline !== null) {
      if (line.includes(multiline)) multiline = null;
      continue;
    }
    if (depth > 0) {
      depth += scanTomlLine(line).balance;
      continue;
    }
    if (/^[ \t]*\[/.test(line)) break;
    const m = tomlKeyRe.exec(line);
    if (!m) continue;
    const raw = m[1] as string;
    const key = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw.startsWith("'") ? raw.slice(1, -1) : raw;
    const value = line.slice(m[0].length);
    const opener = /^("""|''')/.exec(value)?.[1] as '"""' | "'''" | undefined;
    if (opener && !value.slice(3).includes(opener)) {
      multiline = opener;
    } else if (value.startsWith('[') || value.startsWith('{')) {
      depth = scanTomlLine(value).balance;
    }
    const keyStart = start + line.indexOf(raw);
    out.push({ key, start: keyStart, end: start + m[0].length + value.slice(0, scanTomlLine(value).comment).trimEnd().length });
  }
  return out;
}

/**
 * One pass over a TOML line outside its strings: where its comment starts (the line's length
 * when it has none), and its opening minus closing brackets and braces (how far an array or
 * inline table runs on).
 */
function scanTomlLine(line: string): { comment: number; balance: number } {
  let quote: string | null = null;
  let balance = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote !== null) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return { comment: i, balance };
    else if (c === '[' || c === '{') balance++;
    else if (c === ']' || c === '}') balance--;
  }
  return { comment: line.length, balance };
}
