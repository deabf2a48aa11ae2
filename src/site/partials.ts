import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { decodePage } from '../model/decode.js';
import { toPosix } from '../util/posix.js';
import { htmlTables } from '../model/html-tables.js';
import type { Heading, PageModel, Shortcode, Table } from '../model/types.js';
import type { CompiledVocabulary } from '../model/values.js';
import type { Site } from './types.js';

/** Reads a file's bytes (from disk, or from a git revision); null when it does not exist. */
export type ReadBytes = (abs: string) => Uint8Array | null;

export interface PartialTablesOf {
  /** Path of the partial relative to the working directory, with forward slashes. */
  file: string;
  tables: Table[];
}

/**
 * Where a partial named as Hugo names it (`trace_collection/python/x.html`, relative to
 * `<layouts>/partials`) would be, or null when the name would leave that folder. Only the
 * path: whether it exists depends on the revision read (see `resolvePartial` for the disk).
 */
export function partialPath(site: Pick<Site, 'root' | 'layouts'>, name: string): string | null {
  const folder = path.resolve(site.root, site.layouts, 'partials');
  const abs = path.resolve(folder, name.replace(/^\/+/, ''));
  const rel = path.relative(folder, abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return abs;
}

/** The name a `{{< partial name="..." >}}` shortcode includes, or null for other shortcodes. */
export function partialName(shortcode: Shortcode): string | null {
  if (shortcode.closing || shortcode.name !== 'partial') return null;
  const name = shortcode.named.name ?? shortcode.positional[0];
  return name ? name : null;
}

/** Reads a partial from disk, never through a symbolic link that leads out of the site root. */
function diskReader(site: Site): ReadBytes {
  let root: string | null = null;
  return (abs) => {
    try {
      root ??= realpathSync(site.root);
      const rel = path.relative(root, realpathSync(abs));
      if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
      return readFileSync(abs);
    } catch {
      return null;
    }
  };
}

/**
 * HTML tables of the partials pages include, read once per run. A partial that is missing,
 * not HTML, or not decodable has no tables here; `partial-missing` reports the missing ones.
 */
export class PartialTables {
  private readonly seen = new Map<string, PartialTablesOf | null>();

  constructor(
    private readonly site: Site,
    private readonly cwd: string,
    private readonly vocabulary: CompiledVocabulary,
    private readonly read: ReadBytes = diskReader(site),
  ) {}

  of(name: string): PartialTablesOf | null {
    if (!/\.html?$/i.test(name)) return null;
    const abs = partialPath(this.site, name);
    if (abs === null) return null;
    if (!this.seen.has(abs)) this.seen.set(abs, this.load(abs));
    return this.seen.get(abs) ?? null;
  }

  private load(abs: string): PartialTablesOf | null {
    const bytes = this.read(abs);
    if (bytes === null) return null;
    const decoded = decodePage(bytes);
    if (!decoded.ok) return null;
    const file = toPosix(path.relative(this.cwd, abs));
    return { file, tables: htmlTables(decoded.text, this.vocabulary).map((t) => ({ ...t, file })) };
  }
}

/**
 * The tables a page includes through partials, in page order, each placed where its shortcode
 * stands: under that section, captioned by nothing (a partial names itself by its path).
 */
export function includedTables(page: PageModel, partials: PartialTables): Table[] {
  const out: Table[] = [];
  for (const shortcode of page.shortcodes) {
    const name = partialName(shortcode);
    if (name === null) continue;
    const included = partials.of(name);
    if (!included) continue;
    const section = sectionAt(page.headings, shortcode.span.offset);
    for (const table of included.tables) out.push({ ...table, section });
  }
  return out;
}

/** Texts of the headings enclosing an offset, outermost first. */
export function sectionAt(headings: readonly Heading[], offset: number): string[] {
  const stack: Heading[] = [];
  for (const h of headings) {
    if (h.span.offset > offset) break;
    while (stack.length > 0 && (stack[stack.length - 1] as Heading).depth >= h.depth) stack.pop();
    stack.push(h);
  }
  return stack.map((h) => h.text);
}
