import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { SiteAnchors } from './anchors.js';
import { frontMatterOf, isDirectory, SiteFiles } from './files.js';
import { type KnownPages, type LinkSite, orList, type PageAddress, type Resolution, safeDecode, type SiteTarget } from './link-site.js';
import { locatePage, under } from './locate.js';
import type { FrontMatterLinks, LinkNotes } from './notes.js';
import type { ContentMount, Site } from './types.js';
import { toPosix } from '../util/posix.js';

/**
 * A Hugo site as link targets: which URLs have a page, a static file or a page resource, and
 * which anchors a page has. Built for links, so it is lazy: the content, static and partials
 * folders are listed once (names only) when first needed; a page file is read only when a link
 * needs its anchors, and front matter (`aliases`, `url`) only when a URL matches no file.
 *
 * The content is the content folder, or, when the site mounts folders into it
 * (`module.mounts`), those folders each where its mount puts it; translation folders of their
 * own (a language's `contentDir`) are part of it too. Nothing outside the site root is ever
 * read (see `SiteFiles`), and a URL is normalized as a browser would (`/../../etc/passwd` is
 * `/etc/passwd`, a page that does not exist).
 */

const PAGE_EXTENSIONS = /\.(md|markdown|html?)$/i;
/** Front matter is near the top; a page whose front matter is longer than this has no aliases for us. */
const FRONT_MATTER_BYTES = 64 * 1024;

/** A folder whose files are content: the content folder, a mount, a language's own folder. */
interface ContentPart {
  /** Relative to the site root. */
  folder: string;
}

export class HugoSite implements LinkSite {
  readonly root: string;
  private readonly files: SiteFiles;
  private readonly anchors: SiteAnchors;
  /** `locale\0url path` (no slashes around, lowercased as Hugo writes URLs) to a page file. */
  private pages: Map<string, string> | null = null;
  /** `locale\0path` of every file in the content (page resources included), to its absolute path. */
  private contentFiles: Map<string, string> | null = null;
  private staticFiles: Set<string> | null = null;
  private partials: Set<string> | null = null;
  /** Top-level sections, `locale\0name`: Hugo lists them even without an `_index.md`. */
  private sections: Set<string> | null = null;
  private aliases: Map<string, { file: string; via: 'alias' | 'url' }> | null = null;
  private localeDirs: boolean | undefined;

  constructor(
    readonly site: Site,
    /** What the pages being checked say of themselves, by absolute path. */
    known: KnownPages = new Map(),
    /** Front matter links noted by earlier runs (`--cache`); the alias index updates them. */
    private readonly notes?: LinkNotes,
    /** How the site's folders are walked (see `SiteFiles`). */
    walker?: (dir: string) => string[],
  ) {
    this.root = site.root;
    this.files = new SiteFiles(site.root, walker);
    this.anchors = new SiteAnchors(site, this.files, known);
  }

  /** The locale and URL of a content file; null for a file outside the content. */
  pageOf(abs: string): PageAddress | null {
    const { locale, localPath } = locatePage(abs, this.site);
    if (locale === null) return null;
    return { locale, url: `/${pageKey(localPath)}/`.replace(/^\/\/$/, '/'), localPath, sitePath: toPosix(path.relative(this.root, abs)) };
  }

  /** The locales a link from a page in `locale` is looked up in: its own first, then the default. */
  chain(locale: string): string[] {
    return locale === this.site.defaultLocale ? [locale] : [locale, this.site.defaultLocale];
  }

  resolve(target: SiteTarget, pathPart: string, page: PageAddress): Resolution {
    const found = this.resolveInContent(target, pathPart, page);
    if (found.kind !== 'missing') return found;
    const mount = this.missingMountOf(target, pathPart, page);
    return mount ? { kind: 'unmounted', folder: { folder: mount.source, at: mount.target === '' ? 'content' : `content/${mount.target}` } } : found;
  }

  private resolveInContent(target: SiteTarget, pathPart: string, page: PageAddress): Resolution {
    if (target.kind === 'ref') {
      const chain = target.lang ? [target.lang] : this.chain(page.locale);
      // Hugo's `ref`: from the content root when absolute, else beside the page first.
      if (pathPart.startsWith('/')) return this.findContentFile([pathPart], chain);
      const beside = normalizeRelative(path.posix.join(path.posix.dirname(page.localPath), pathPart));
      return this.findContentFile(beside === null ? [pathPart] : [beside, pathPart], chain);
    }
    const decoded = safeDecode(pathPart);
    if (/\.(md|markdown)$/i.test(decoded)) {
      // A link to a Markdown file is resolved as Hugo's link render hook does: against the page's file.
      const local = this.markdownTarget(decoded, page);
      if (local === null) return { kind: 'missing', looked: 'it leads outside the content folder' };
      return this.findContentFile([local], this.chain(page.locale));
    }
    // Anything else is a URL: resolved against the page's URL as a browser does, which also
    // clamps `..` at the site root (`/../../etc/passwd` is `/etc/passwd`).
    const { urlPath, chain } = this.urlTarget(pathPart, page);
    const last = urlPath.split('/').pop() ?? '';
    if (target.kind === 'image' || (/\.[a-z0-9]+$/i.test(last) && !/\.html?$/i.test(last))) return this.findFile(urlPath, chain);
    const found = this.findPage(urlPath.replace(/\.html?$/i, '/'), chain);
    // Say where a relative link leads: `install/` on `/docs/links/` is `/docs/links/install/`.
    if (found.kind === 'missing' && !pathPart.startsWith('/')) return { ...found, looked: `it leads to \`${urlPath}\`; ${found.looked}` };
    return found;
  }

  private markdownTarget(decoded: string, page: PageAddress): string | null {
    return decoded.startsWith('/') ? normalizeRelative(decoded) : normalizeRelative(path.posix.join(path.posix.dirname(page.localPath), decoded));
  }

  /** A URL's path (decoded, without its language folder) and the locales it is looked up in. */
  private urlTarget(pathPart: string, page: PageAddress): { urlPath: string; chain: string[] } {
    let urlPath = safeDecode(new URL(pathPart, `http://site${page.url}`).pathname);
    let chain = this.chain(page.locale);
    const first = urlPath.split('/')[1] ?? '';
    if (this.site.locales.includes(first) && urlPath.length > first.length + 1) {
      chain = first === this.site.defaultLocale ? [first] : [first, this.site.defaultLocale];
      urlPath = urlPath.slice(first.length + 1);
    } else if (this.site.locales.includes(first)) {
      chain = [first];
      urlPath = '/';
    }
    return { urlPath, chain };
  }

  lacksFolders(): boolean {
    return this.site.mounts.some((m) => !m.present);
  }

  /** The mount the checkout lacks that a link leads into, if any: its pages cannot be looked for. */
  private missingMountOf(target: SiteTarget, pathPart: string, page: PageAddress): ContentMount | null {
    const missing = this.site.mounts.filter((m) => !m.present);
    if (missing.length === 0) return null;
    const decoded = safeDecode(pathPart);
    let key: string | null;
    if (target.kind === 'ref' || /\.(md|markdown)$/i.test(decoded)) {
      key = target.kind === 'ref' && !pathPart.startsWith('/') ? normalizeRelative(path.posix.join(path.posix.dirname(page.localPath), pathPart)) : this.markdownTarget(decoded, page);
    } else {
      key = trimSlashes(this.urlTarget(pathPart, page).urlPath);
    }
    if (key === null) return null;
    const lower = key.toLowerCase();
    return missing.find((m) => m.target === '' || under(lower, m.target.toLowerCase()) !== null || lower === m.target.toLowerCase()) ?? null;
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
        const file = files.get(`${locale}\0${candidate}`);
        if (file) return { kind: 'page', file, locale };
      }
    }
    return { kind: 'missing', looked: `no ${orList(candidates.map((c) => `\`${c}\``))} in ${orList(chain.flatMap((l) => this.foldersOf(l)))}` };
  }

  /** A static file or page resource at a URL path (`/images/a.png`). */
  findFile(urlPath: string, chain: readonly string[]): Resolution {
    const key = trimSlashes(urlPath);
    if (this.staticIndex().has(key)) return { kind: 'file', file: path.join(this.root, this.site.static, key) };
    for (const locale of chain) {
      const file = this.contentIndex().get(`${locale}\0${key}`);
      if (file) return { kind: 'file', file };
    }
    const where = [`${this.site.static}/${key}`, ...chain.flatMap((l) => this.foldersOf(l)).map((f) => `${f}/${key}`)].map((w) => `\`${w}\``);
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

  /** Anchors of a page file: heading anchors as Hugo makes them, explicit `{#id}`s, HTML `id`s, and those of included files. */
  anchorsOf(file: string): ReadonlySet<string> {
    return this.anchors.of(file);
  }

  /** A site path for messages (`content/en/a/b.md`). */
  display(file: string): string {
    return this.files.display(file);
  }

  /** The folders a locale's pages are in, for messages. */
  private foldersOf(locale: string): string[] {
    const own = this.site.translations.filter((t) => t.locale === locale).map((t) => t.folder);
    if (own.length > 0) return own;
    if (this.site.mounts.length > 0) return this.site.mounts.filter((m) => m.present && (m.lang === undefined || m.lang === locale)).map((m) => m.source);
    return [this.hasLocaleFolders() ? `${this.site.content}/${locale}` : this.site.content];
  }

  private hasLocaleFolders(): boolean {
    this.localeDirs ??= this.site.localeFolders && this.site.locales.some((l) => isDirectory(path.join(this.root, this.site.content, l)));
    return this.localeDirs;
  }

  private describePageLookup(key: string, chain: readonly string[]): string {
    const files = key === '' ? ['_index.md'] : [`${key}.md`, `${key}/_index.md`, `${key}/index.md`];
    return `no ${orList(files.map((f) => `\`${f}\``))} in ${orList(chain.flatMap((l) => this.foldersOf(l)))}, and no front matter \`aliases\` or \`url\``;
  }

  /** A page's `url` and `aliases` from the first bytes of its file; undefined when it cannot be read. */
  private readFrontMatterLinks(file: string): FrontMatterLinks | null | undefined {
    const head = this.files.read(file, FRONT_MATTER_BYTES);
    if (head === null) return undefined;
    if (!/^(aliases|url)\s*:/m.test(head)) return null;
    const data = frontMatterOf(head);
    if (!data) return null;
    return {
      url: typeof data.url === 'string' ? data.url : null,
      aliases: Array.isArray(data.aliases) ? data.aliases.filter((a): a is string => typeof a === 'string') : [],
    };
  }

  private contentIndex(): Map<string, string> {
    if (!this.contentFiles) this.buildContentIndex();
    return this.contentFiles as Map<string, string>;
  }

  private pageIndex(): Map<string, string> {
    if (!this.pages) this.buildContentIndex();
    return this.pages as Map<string, string>;
  }

  private sectionIndex(): Set<string> {
    if (!this.sections) this.buildContentIndex();
    return this.sections as Set<string>;
  }

  /** The folders whose files are content. */
  private contentParts(): ContentPart[] {
    const main = this.site.mounts.length > 0 ? this.site.mounts.filter((m) => m.present).map((m) => ({ folder: m.source })) : [{ folder: this.site.content }];
    return [...main, ...this.site.translations.map((t) => ({ folder: t.folder }))];
  }

  private buildContentIndex(): void {
    this.contentFiles = new Map();
    this.pages = new Map();
    this.sections = new Set();
    const seen = new Set<string>();
    for (const part of this.contentParts()) {
      for (const rel of this.files.list(part.folder)) {
        const abs = path.join(this.root, part.folder, rel);
        if (seen.has(abs)) continue;
        seen.add(abs);
        const { locale, localPath } = locatePage(abs, this.site);
        if (locale === null) continue;
        const entry = `${locale}\0${localPath}`;
        if (!this.contentFiles.has(entry)) this.contentFiles.set(entry, abs);
        const slash = localPath.indexOf('/');
        if (slash > 0) this.sections.add(`${locale}\0${localPath.slice(0, slash).toLowerCase()}`);
        if (!PAGE_EXTENSIONS.test(localPath)) continue;
        const key = `${locale}\0${pageKey(localPath).toLowerCase()}`;
        // `_index.md` and `index.md` win over a same-named `a/b.md`, as they do in Hugo's tree.
        if (!this.pages.has(key) || /(^|\/)_?index\.[^/]+$/.test(localPath)) this.pages.set(key, abs);
      }
    }
  }

  private staticIndex(): Set<string> {
    this.staticFiles ??= new Set(this.files.list(this.site.static));
    return this.staticFiles;
  }

  private partialIndex(): Set<string> {
    this.partials ??= new Set(this.files.list(path.posix.join(this.site.layouts, 'partials')));
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
export function resolvePartial(site: Pick<Site, 'root' | 'layouts'>, name: string): string | null {
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

export function trimSlashes(p: string): string {
  return p.replace(/^\/+|\/+$/g, '');
}

