import { parseExpressionAt } from 'acorn';
import { parse as parseToml, TomlDate, TomlError } from 'smol-toml';
import { jsonSyntaxError } from '../util/errors.js';
import { segmentsOf } from '../util/json-pointer.js';
import { readCsv } from './csv.js';
import { firstLine, parseYamlWithLines } from './yaml-data.js';

export type DataFormat = 'json' | 'yaml' | 'toml' | 'csv';

export const DATA_FORMATS: readonly DataFormat[] = ['json', 'yaml', 'toml', 'csv'];

/** A data file read as plain data, with the line a value (by JSON pointer) starts on, when that can be told. */
export interface DataFile {
  data: unknown;
  lineOf(pointer: string): number | null;
}

/** The format a file's extension names, or null. */
export function formatOfName(file: string): DataFormat | null {
  const ext = /\.([a-z]+)$/i.exec(file)?.[1]?.toLowerCase();
  if (ext === 'yml') return 'yaml';
  return DATA_FORMATS.find((f) => f === ext) ?? null;
}

/**
 * Parse a data file as plain data: JSON (`JSON.parse`), YAML (the core schema, as config is read:
 * no tags, bounded aliases; a plain number that would lose digits, `3.10`, stays text), TOML
 * (smol-toml; dates become their text) or CSV (RFC 4180, the header names each record's
 * fields). Throws an Error whose message is one line.
 */
export function parseDataFile(text: string, format: DataFormat): DataFile {
  switch (format) {
    case 'json': {
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (error) {
        throw new Error(jsonSyntaxError(error, text));
      }
      let lines: ((segments: readonly string[]) => number | null) | undefined;
      return {
        data,
        lineOf(pointer) {
          lines ??= jsonLines(text);
          return lines(segmentsOf(pointer));
        },
      };
    }
    case 'yaml': {
      const { data, lineOf } = parseYamlWithLines(text, { numbersAsWritten: true });
      return { data, lineOf: (pointer) => lineOf(segmentsOf(pointer)) };
    }
    case 'toml': {
      let data: unknown;
      try {
        data = datesAsText(parseToml(text));
      } catch (error) {
        if (error instanceof TomlError) throw new Error(`${firstLine(error.message.replace(/^Invalid TOML document: /, ''))} at line ${error.line}`);
        throw error;
      }
      return { data, lineOf: (pointer) => tomlLine(text, segmentsOf(pointer)) };
    }
    case 'csv': {
      const table = readCsv(text);
      const data = table.rows.map((r) => Object.fromEntries(table.header.map((name, i) => [name, r.fields[i] as string])));
      return {
        data,
        lineOf(pointer) {
          const [row, ...rest] = segmentsOf(pointer);
          const found = row === undefined ? undefined : table.rows[Number(row)];
          return found ? found.line : rest.length === 0 && row === undefined ? 1 : null;
        },
      };
    }
  }
}

/**
 * Where each value of a JSON text starts, by its path. JSON.parse keeps no positions; a JSON
 * text is a JavaScript expression, which acorn parses with them, in one pass (the YAML parser,
 * which also reads JSON, takes seconds on a few megabytes of it).
 */
function jsonLines(text: string): (segments: readonly string[]) => number | null {
  let root: AcornNode;
  try {
    root = parseExpressionAt(text, 0, { ecmaVersion: 2022, locations: true }) as AcornNode;
  } catch {
    return () => null;
  }
  const keys = new WeakMap<AcornNode, Map<string, AcornNode>>();
  return (segments) => {
    let node: AcornNode | undefined = root;
    let line = root.loc.start.line;
    for (const segment of segments) {
      if (node?.type === 'ObjectExpression') {
        let byKey = keys.get(node);
        if (!byKey) {
          byKey = new Map((node.properties ?? []).map((p) => [String(p.key?.value ?? p.key?.name), p]));
          keys.set(node, byKey);
        }
        const property = byKey.get(segment);
        if (!property) return null;
        line = property.loc.start.line;
        node = property.value;
      } else if (node?.type === 'ArrayExpression') {
        node = node.elements?.[Number(segment)] ?? undefined;
        if (!node) return null;
        line = node.loc.start.line;
      } else {
        return null;
      }
    }
    return line;
  };
}

/** What of acorn's syntax tree a JSON text makes: objects, arrays, their members and positions. */
interface AcornNode {
  type: string;
  loc: { start: { line: number } };
  properties?: AcornNode[];
  elements?: Array<AcornNode | null>;
  key?: { value?: unknown; name?: string };
  value?: AcornNode;
}

function datesAsText(value: unknown): unknown {
  if (value instanceof TomlDate) return value.toISOString();
  if (Array.isArray(value)) return value.map(datesAsText);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, datesAsText(v)]));
  return value;
}

/**
 * The line of a TOML table by its path: `[a.b]`, or the n-th `[[a.b]]` for `/a/b/n`, for the
 * longest part of the path that names a table. smol-toml keeps no positions, and a truth record
 * is nearly always a table (`[project]`, `[[tool.matrix]]`); other values are named by pointer.
 */
function tomlLine(text: string, segments: readonly string[]): number | null {
  const headers: Array<{ path: string; array: boolean; line: number }> = [];
  text.split(/\r\n|\n|\r/).forEach((line, i) => {
    const m = /^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$/.exec(line);
    if (m) headers.push({ path: tomlKeyPath(m[2] as string), array: m[1] === '[[', line: i + 1 });
  });
  for (let n = segments.length; n > 0; n--) {
    const prefix = segments.slice(0, n);
    const last = prefix[prefix.length - 1] as string;
    if (/^\d+$/.test(last)) {
      const path = prefix.slice(0, -1).join('\u0000');
      const found = headers.filter((h) => h.array && h.path === path)[Number(last)];
      if (found) return found.line;
    } else {
      const path = prefix.join('\u0000');
      const found = headers.find((h) => !h.array && h.path === path);
      if (found) return found.line;
    }
  }
  return segments.length === 0 ? 1 : null;
}

/** `tool."my.pkg".x` → its keys, joined by NUL for comparison. */
function tomlKeyPath(written: string): string {
  const keys: string[] = [];
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*(?:\.|$)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(written)) !== null && m[0] !== '') keys.push(m[1] ?? m[2] ?? m[3] ?? '');
  return keys.join('\u0000');
}
