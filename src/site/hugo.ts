import { closeSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { locatePage } from './locate.js';
import type { Site } from './types.js';
import { toPosix } from '../util/posix.js';
import { headingAnchors, htmlIds } from './anchors.js';
import type { FrontMatterLinks, LinkNotes } from './notes.js';

/**
 * A Hugo site as link targets: which URLs have a page, a static file or a page resource, and
 * which anchors a page has. Built for links, so it is lazy: the content, static and partials
 * folders are listed once (names only) when first needed; a page file is read only when a link
 * needs its anchors, and front matter (`aliases`, `url`) only when a URL matches no file.
 *
 * Nothing outside the site root is ever read: every lookup is a membership test in lists made
 * by walking the site's own folders (symbolic links are not followed), and a URL is normalized
 * as a browser would (`/../../etc/passwd` is `/etc/passwd`, a page that does not exist).
 */

/** Where a link leads. `looked` says where it was looked for, for messages. */
export type Resolution =
  /** A page made from a content file. */
  | { kind: 'page'; file: string; locale: string; via?: 'alias' | 'url' }
  /** A page Hugo makes without a content file: the home page, a top-level section. */
  | { kind: 'generated'; url: string }
  /** A static file or a page resource (an image beside a page bundle). */
  | { kind: 'file'; file: string }
  | { kind: 'missing'; looked: string };

const PAGE_EXTENSIONS = /\.(md|markdown|html?)$/i;
/** Front matter is near the top; a page whose front matter is longer than this has no aliases for us. */
const FRONT_MATTER_BYTES = 64 * 1024;

export class HugoSite {
  readonly root: string;
  private realRoot: string | null | undefined;
  /** `locale\0url path` (no slashes around, lowercased as Hugo writes URLs) to a page file. */
  private pages: Map<string, string> | null = null;
  /** `locale\0path` of every file in the content folder (page resources included). */
  private contentFiles: Set<string> | null = null;
  private staticFiles: Set<string> | null = null;
  private partials: Set<string> | null = null;
  /** Top-level sections, `locale\0name`: Hugo lists them even without an `_index.md`. */
  private sections: Set<string> | null = null;
  private aliases: Map<string, { file: string; via: 'alias' | 'url' }> | null = null;
  private readonly anchorCache = new Map<string, ReadonlySet<string>>();
  private localeFolders: boolean | undefined;
  private headBuffer: Buffer | null = null;

  constructor(
    readonly site: Site,
    /** Anchors of pages already parsed (the pages being checked), by absolute path. */
    private readonly known: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
    /** Front matter links noted by earlier runs (`--cache`); the alias index updates them. */
    private readonly notes?: LinkNotes,
  ) {
    this.root = site.root;
  }

  /** The locale and URL of a content file; null for a file outside the content folder. */
  pageOf(abs: string): { locale: string; url: string; localPath: string } | null {
    const rel = toPosix(path.relative(path.join(this.root, this.site.content), abs));
    if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
    const { locale, localPath } = locatePage(abs, this.site);
    return { locale: locale ?? this.site.defaultLocale, url: `/${pageKey(localPath)}/`.replace(/^\/\/$/, '/'), localPath };
  }

  /** The locales a link from a page in `locale` is looked up in: its own first, then the default. */
  chain(locale: string): string[] {
    return locale === this.site.defaultLocale ? [locale] : [locale, this.site.defaultLocale];
  }

  /** The page at a URL path (`/a/b/`, decoded, normalized), looked up in each locale of `chain` in turn. */
  findPage(urlPath: string, chain: readonly string[]): Resolution {
    const key = trimSlashes(urlPath);
    const pages = this.pageIndex();
    for (const locale of chain) {
      const file = pages.get(`${locale}\0${key.toLowerCase()}`);
      if (file) return { kind: 'page', file, locale };
    }
    for (const locale of chain) {
      if (key === '' || (!key.includes('/') && this.sectionIndex().has(`${locale}\0${key.toLowerCase()}`))) {
        return { kind: 'generated', url: urlPath };
      }
    }
    const aliases = this.aliasIndex();
    for (const locale of chain) {
      const hit = aliases.get(`${locale}\0${key.toLowerCase()}`);
      if (hit) return { kind: 'page', file: hit.file, locale, via: hit.via };
    }
    return { kind: 'missing', looked: this.describePageLookup(key, chain) };
  }

  /**
   * A content file by its path inside the locale folder (`a/b.md`, or `a/b` for `a/b.md`,
   * `a/b/_index.md` or `a/b/index.md`), for `.md` links and `ref`; the first of `localPaths` that exists.
   */
  findContentFile(localPaths: readonly string[], chain: readonly string[]): Resolution {
    const candidates = [...new Set(localPaths.flatMap((p) => contentCandidates(trimSlashes(p))))];
    const files = this.contentIndex();
    for (const locale of chain) {
      for (const candidate of candidates) {
        if (files.has(`${locale}\0${candidate}`)) return { kind: 'page', file: this.contentPath(locale, candidate), locale };
      }
    }
    return { kind: 'missing', looked: `no ${orList(candidates.map((c) => `\`${c}\``))} in ${orList(chain.map((l) => this.localeFolder(l)))}` };
  }

  /** A static file or page resource at a URL path (`/images/a.png`). */
  findFile(urlPath: string, chain: readonly string[]): Resolution {
    const key = trimSlashes(urlPath);
    if (this.staticIndex().has(key)) return { kind: 'file', file: path.join(this.root, this.site.static, key) };
    for (const locale of chain) {
      if (this.contentIndex().has(`${locale}\0${key}`)) return { kind: 'file', file: this.contentPath(locale, key) };
    }
    const where = [`${this.site.static}/${key}`, ...chain.map((l) => `${this.localeFolder(l)}/${key}`)].map((w) => `\`${w}\``);
    return { kind: 'missing', looked: `no ${orList(where)}` };
  }

  /** The partial `name` (`trace_collection/python/supported_versions.html`), or null. */
  findPartial(name: string): string | null {
    const clean = normalizeRelative(name);
    return clean !== null && this.partialIndex().has(clean) ? path.join(this.root, this.site.layouts, 'partials', clean) : null;
  }

  partialFolder(): string {
    return `${this.site.layouts}/partials`;
  }

  /** Anchors of a page file: heading anchors as Hugo makes them, explicit `{#id}`s and HTML `id`s. */
  anchorsOf(file: string): ReadonlySet<string> {
    const known = this.known.get(file);
    if (known) return known;
    let anchors = this.anchorCache.get(file);
    if (!anchors) {
      const text = this.readInside(file);
      anchors = text === null ? new Set() : new Set([...headingAnchors(text), ...htmlIds(text)]);
      this.anchorCache.set(file, anchors);
    }
    return anchors;
  }

  /** A site path for messages (`content/en/a/b.md`). */
  display(file: string): string {
    return toPosix(path.relative(this.root, file));
  }

  private localeFolder(locale: string): string {
    return this.hasLocaleFolders() ? `${this.site.content}/${locale}` : this.site.content;
  }

  private contentPath(locale: string, localPath: string): string {
    return path.join(this.root, this.localeFolder(locale), localPath);
  }

  private hasLocaleFolders(): boolean {
    this.localeFolders ??= this.site.locales.some((l) => isDirectory(path.join(this.root, this.site.content, l)));
    return this.localeFolders;
  }

  private describePageLookup(key: string, chain: readonly string[]): string {
    const base = key === '' ? '' : `${key}`;
    const files = key === '' ? ['_index.md'] : [`${base}.md`, `${base}/_index.md`, `${base}/index.md`];
    return `no ${orList(files.map((f) => `\`${f}\``))} in ${orList(chain.map((l) => this.localeFolder(l)))}, and no front matter \`aliases\` or \`url\``;
  }

  private realRootPath(): string | null {
    if (this.realRoot === undefined) {
      try {
        this.realRoot = realpathSync(this.root);
      } catch {
        this.realRoot = null;
      }
    }
    return this.realRoot;
  }

  /** Read a file only when its real path is inside the site root. */
  private readInside(file: string, maxBytes?: number): string | null {
    const root = this.realRootPath();
    if (root === null) return null;
    try {
      const real = realpathSync(file);
      const rel = path.relative(root, real);
      if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
      if (maxBytes === undefined) return readFileSync(real, 'utf8');
      const fd = openSync(real, 'r');
      try {
        // One buffer for every head read: the alias index reads the head of every page in the site.
        if (this.headBuffer === null || this.headBuffer.length < maxBytes) this.headBuffer = Buffer.allocUnsafe(maxBytes);
        const buffer = this.headBuffer;
        const n = readSync(fd, buffer, 0, maxBytes, 0);
        return buffer.subarray(0, n).toString('utf8');
      } finally {
        closeSync(fd);
      }
    } catch {
      return null;
    }
  }

  /** A page's `url` and `aliases` from the first bytes of its file; undefined when it cannot be read. */
  private readFrontMatterLinks(file: string): FrontMatterLinks | null | undefined {
    const head = this.readInside(file, FRONT_MATTER_BYTES);
    if (head === null) return undefined;
    if (!/^(aliases|url)\s*:/m.test(head)) return null;
    const data = frontMatterOf(head);
    if (!data) return null;
    return {
      url: typeof data.url === 'string' ? data.url : null,
      aliases: Array.isArray(data.aliases) ? data.aliases.filter((a): a is string => typeof a === 'string') : [],
    };
  }

  private contentIndex(): Set<string> {
    if (!this.contentFiles) this.buildContentIndex();
    return this.contentFiles as Set<string>;
  }

  private pageIndex(): Map<string, string> {
    if (!this.pages) this.buildContentIndex();
    return this.pages as Map<string, string>;
  }

  private sectionIndex(): Set<string> {
    if (!this.sections) this.buildContentIndex();
    return this.sections as Set<string>;
  }

  private buildContentIndex(): void {
    this.contentFiles = new Set();
    this.pages = new Map();
    this.sections = new Set();
    const contentRoot = path.join(this.root, this.site.content);
    for (const rel of walk(contentRoot)) {
      const abs = path.join(contentRoot, rel);
      const { locale, localPath } = locatePage(abs, this.site);
      const loc = locale ?? this.site.defaultLocale;
      this.contentFiles.add(`${loc}\0${localPath}`);
      const slash = localPath.indexOf('/');
      if (slash > 0) this.sections.add(`${loc}\0${localPath.slice(0, slash).toLowerCase()}`);
      if (!PAGE_EXTENSIONS.test(localPath)) continue;
      const key = `${loc}\0${pageKey(localPath).toLowerCase()}`;
      // `_index.md` and `index.md` win over a same-named `a/b.md`, as they do in Hugo's tree.
      if (!this.pages.has(key) || /(^|\/)_?index\.[^/]+$/.test(localPath)) this.pages.set(key, abs);
    }
  }

  private staticIndex(): Set<string> {
    this.staticFiles ??= new Set(walk(path.join(this.root, this.site.static)));
    return this.staticFiles;
  }

  private partialIndex(): Set<string> {
    this.partials ??= new Set(walk(path.join(this.root, this.site.layouts, 'partials')));
    return this.partials;
  }

  /**
   * Front matter `aliases` and `url` of every page, read (only the first bytes) when a URL first
   * misses; from the link notes for pages unchanged since an earlier run noted them.
   */
  private aliasIndex(): Map<string, { file: string; via: 'alias' | 'url' }> {
    if (this.aliases) return this.aliases;
    this.aliases = new Map();
    const files = [...this.pageIndex()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [key, file] of files) {
      const locale = key.slice(0, key.indexOf('\0'));
      const links = this.notes ? this.notes.frontMatterLinks(file, () => this.readFrontMatterLinks(file)) : this.readFrontMatterLinks(file);
      if (!links) continue;
      const pageUrl = `/${key.slice(key.indexOf('\0') + 1)}/`;
      const add = (written: string, via: 'alias' | 'url') => {
        const url = new URL(written, `http://site${pageUrl}`).pathname;
        let k = trimSlashes(safeDecode(url)).toLowerCase();
        let aliasLocale = locale;
        // An alias that names a language folder (`/ja/old/`) is an address in that language.
        const first = k.split('/')[0] as string;
        if (this.site.locales.includes(first)) {
          aliasLocale = first;
          k = k.slice(first.length + 1);
        }
        const entry = `${aliasLocale}\0${k}`;
        if (!this.aliases?.has(entry)) this.aliases?.set(entry, { file, via });
      };
      if (links.url !== null) add(links.url, 'url');
      for (const alias of links.aliases) add(alias, 'alias');
    }
    // Every page has been looked at: the notes are whole, and this is the only place they are taken.
    this.notes?.save();
    return this.aliases;
  }
}

/**
 * The absolute path of partial `name` in the site's `<layouts>/partials`, or null when there is
 * no such file or the name would lead outside the partials folder. For callers that need one
 * partial (extracting its tables) without building a site index.
 */
export function resolvePartial(site: Site, name: string): string | null {
  const clean = normalizeRelative(name);
  if (clean === null) return null;
  const folder = path.join(site.root, site.layouts, 'partials');
  try {
    const realFolder = realpathSync(folder);
    const real = realpathSync(path.join(folder, clean));
    const rel = path.relative(realFolder, real);
    if (rel.startsWith('..') || path.isAbsolute(rel) || !statSync(real).isFile()) return null;
    return path.join(folder, clean);
  } catch {
    return null;
  }
}

/** `a/b.md`, `a/b/_index.md`, `a/b/index.md` → `a/b`; `_index.md` → ``. */
function pageKey(localPath: string): string {
  return localPath.replace(PAGE_EXTENSIONS, '').replace(/(^|\/)_?index$/, '');
}

/** Files a `ref` or `.md` link may name: as written, or without its extension. */
function contentCandidates(localPath: string): string[] {
  if (PAGE_EXTENSIONS.test(localPath)) return [localPath];
  if (localPath === '') return ['_index.md'];
  return [`${localPath}.md`, `${localPath}/_index.md`, `${localPath}/index.md`];
}

/** A relative path with no way out (`..` past its start, absolute, a NUL); null when it would leave. */
export function normalizeRelative(name: string): string | null {
  if (name.includes('\0')) return null;
  const clean = path.posix.normalize(toPosix(name).replace(/^\/+/, ''));
  if (clean === '.' || clean.startsWith('../') || clean === '..' || path.posix.isAbsolute(clean)) return null;
  return clean;
}

function trimSlashes(p: string): string {
  return p.replace(/^\/+|\/+$/g, '');
}

export function safeDecode(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Every file under `dir`, relative with forward slashes, sorted; symbolic links are not followed. */
function walk(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile())
    .map((e) => toPosix(path.relative(dir, path.join(e.parentPath, e.name))))
    .sort();
}

function frontMatterOf(head: string): Record<string, unknown> | null {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\s*(\r?\n|$)/.exec(head);
  if (!m) return null;
  try {
    const data = parseYaml(m[1] as string) as unknown;
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
