import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parseYamlData } from '../../parse/yaml-data.js';
import { oneLine } from '../../util/errors.js';
import { ReadRefused, readRegularFile } from '../../util/read.js';
import { compareStrings } from '../../util/strings.js';
import type { Generator, SiteDescription, SiteNote } from './types.js';

/** A generator config is a few kilobytes; anything this large is not one. */
const CONFIG_BYTES = 4 * 1024 * 1024;

export type Data = Record<string, unknown>;

/**
 * Reads a tree's files for the generator readers: names relative to the tree, every problem
 * kept as a note (an unreadable or invalid config file is something to tell, never a crash).
 */
export class TreeReader {
  readonly notes: SiteNote[] = [];
  readonly read: string[] = [];

  constructor(readonly tree: string) {}

  abs(rel: string): string {
    return path.join(this.tree, rel);
  }

  isFile(rel: string): boolean {
    try {
      return statSync(this.abs(rel)).isFile();
    } catch {
      return false;
    }
  }

  isDir(rel: string): boolean {
    try {
      return statSync(this.abs(rel)).isDirectory();
    } catch {
      return false;
    }
  }

  /** The folders directly inside `rel`, sorted; dot folders left out. */
  dirs(rel: string): string[] {
    try {
      return readdirSync(this.abs(rel), { withFileTypes: true })
        .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
        .map((e) => e.name)
        .sort(compareStrings);
    } catch {
      return [];
    }
  }

  /**
   * The files below `rel` whose names match `name`, relative to the tree and sorted; dot
   * folders, `node_modules` and symbolic links are not followed, and at most `limit` are listed.
   */
  files(rel: string, name: RegExp, limit = 20_000): string[] {
    const out: string[] = [];
    const stack = [rel];
    while (stack.length > 0 && out.length < limit) {
      const dir = stack.pop() as string;
      let entries;
      try {
        entries = readdirSync(this.abs(dir), { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        if (e.name.startsWith('.') || e.name === 'node_modules') continue;
        const child = joinFolder(dir, e.name);
        if (e.isDirectory()) stack.push(child);
        else if (e.isFile() && name.test(e.name)) out.push(child);
      }
    }
    return out.sort(compareStrings).slice(0, limit);
  }

  note(file: string, message: string): void {
    this.notes.push({ file, message });
  }

  /** A file's text for a look at what it is (not a file the description is read from); null when it cannot be read. */
  peek(rel: string): string | null {
    try {
      return readRegularFile(this.abs(rel), CONFIG_BYTES).toString('utf8');
    } catch {
      return null;
    }
  }

  /** A file's text, or null (with a note) when it cannot be read. */
  text(rel: string): string | null {
    try {
      const text = readRegularFile(this.abs(rel), CONFIG_BYTES).toString('utf8');
      this.read.push(rel);
      return text;
    } catch (error) {
      const why = error instanceof ReadRefused ? (error.reason === 'too-large' ? 'it is too large' : 'not a regular file') : oneLine((error as Error).message);
      this.note(rel, `not read: ${why}`);
      return null;
    }
  }

  /** A config file parsed by its extension (TOML, YAML, JSON); undefined (with a note) when it cannot be read or parsed. */
  value(rel: string): unknown {
    const text = this.text(rel);
    if (text === null) return undefined;
    const format = /\.toml$/i.test(rel) ? 'TOML' : /\.json$/i.test(rel) ? 'JSON' : 'YAML';
    try {
      if (format === 'TOML') return parseToml(text);
      if (format === 'JSON') return JSON.parse(text) as unknown;
      return parseYamlData(text, { unknownTags: 'text' }) ?? {};
    } catch (error) {
      this.note(rel, `not read: invalid ${format} (${oneLine((error as Error).message)})`);
      return undefined;
    }
  }

  /** A config file's settings: null (with a note) when it cannot be read or holds no mapping at the top. */
  data(rel: string): Data | null {
    const value = this.value(rel);
    if (value === undefined) return null;
    if (!isData(value)) {
      this.note(rel, 'not read: expected a mapping of settings at the top');
      return null;
    }
    return value;
  }
}

export function isData(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringAt(data: Data | null | undefined, key: string): string | null {
  const v = data?.[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

/** A folder named in a config (`./docs/`, `docs`), relative and with forward slashes; '' for the folder itself. */
export function cleanFolder(folder: string): string {
  const posix = path.posix.normalize(folder.replace(/\\/g, '/')).replace(/\/+$/, '');
  return posix === '.' ? '' : posix;
}

/** `a` and `b` joined as a folder, '' standing for the folder itself. */
export function joinFolder(a: string, b: string): string {
  return cleanFolder(path.posix.join(a || '.', b || '.'));
}

/** The locale codes compatlint accepts in config (`en`, `pt-BR`, `zh_Hant`). */
export function isLocaleCode(code: string): boolean {
  return /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?$/.test(code);
}

/** A description with what a generator's reader found; what it does not set is empty. */
export function described(reader: TreeReader, generator: Generator, root: string, found: Partial<SiteDescription>): SiteDescription {
  return {
    generator,
    root,
    configFiles: [...reader.read],
    contentRoots: [],
    defaultLocale: null,
    locales: [],
    mounts: [],
    versions: [],
    layouts: null,
    static: null,
    includedFiles: [],
    routes: [],
    markdown: { explicitIds: generator !== 'markdown', rawHtml: true },
    notes: reader.notes,
    ...found,
  };
}
