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
      // JSON is YAML 1.2, whose parser knows where each value starts; JSON.parse does not.
      let lines: ((segments: readonly string[]) => number | null) | undefined;
      return {
        data,
        lineOf(pointer) {
          if (lines === undefined) {
            try {
              lines = parseYamlWithLines(text).lineOf;
            } catch {
              lines = () => null;
            }
          }
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
