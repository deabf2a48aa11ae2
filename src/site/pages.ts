import path from 'node:path';
import { SiteAnchors } from './anchors.js';
import { frontMatterOf, SiteFiles } from './files.js';
import { resolvePartial, normalizeRelative, trimSlashes } from './hugo.js';
import { type KnownPages, type LinkSite, orList, type PageAddress, type Resolution, safeDecode, type SiteTarget } from './link-site.js';
import { locatePage, under } from './locate.js';
import type { Site, SiteRoute } from './types.js';
import { toPosix } from '../util/posix.js';

const PAGE = /\.(md|mdx|markdown)$/i;
/** Front matter is near the top; a page whose front matter is longer than this sets no `slug` for us. */
const FRONT_MATTER_BYTES = 64 * 1024;
/** Docusaurus's number prefixes, `01-intro.md` → `intro` (a version-like `1.2.md` keeps its name). */
const NUMBER_PREFIX = /^\d+\s*[-_.]+\s*(?=[^\d\s._-])/;

/**
 * A site whose pages link to each other by their files, as GitHub, MkDocs, mdBook and
 * Docusaurus resolve them: a relative `.md` link names a file beside the page, a URL names a
 * page by where the generator serves it.
 *
 * - GitHub Markdown: a link names a file or a folder of the tree (a folder shows its listing);
 *   `/x` is the tree's root.
 * - MkDocs: pages are `docs_dir`'s files; `a/b.md` is served at `/a/b/`, `a/index.md` and
 *   `a/README.md` at `/a/`; other files of `docs_dir` are copied as they are.
 * - mdBook: pages are `src`'s files; `a/b.md` is served at `/a/b.html`, `README.md` at `index.html`;
 *   a link to `a/b.html` names `a/b.md`.
 * - Docusaurus: a relative `.md`/`.mdx` link names a file beside the page (then in its docs
 *   folder, and a translation's source folder); a URL under a docs route (`/docs/`,
 *   `/docs/v3/`, a locale's `/fr/docs/`) names the doc served there: its path with number
 *   prefixes, `index` and `README` dropped, unless its front matter `slug` or `id` moves it.
 *   Other URLs are static files (`static/`) or pages (`src/pages/`); the rest (blog posts,
 *   plugin routes) are not checked.
 *
 * Nothing outside the site root is read (see `SiteFiles`).
 */
export class FileSite implements LinkSite {
  private readonly files: SiteFiles;
  private readonly anchors: SiteAnchors;
  private tree: { files: Set<string>; folders: Set<string> } | null = null;
  /** `locale\0URL path` (no slashes around) to a page file, for MkDocs and mdBook. */
  private urls: Map<string, string> | null = null;
  /** Docusaurus: `route\0URL path` to the source doc file. */
  private docs: Map<string, string> | null = null;

  constructor(
    readonly site: Site,
    known: KnownPages = new Map(),
    /** How the site's folders are walked (see `SiteFiles`). */
    walker?: (dir: string) => string[],
  ) {
    this.files = new SiteFiles(site.root, walker);
    this.anchors = new SiteAnchors(site, this.files, known);
  }

  pageOf(abs: string): PageAddress | null {
    const sitePath = toPosix(path.relative(this.site.root, abs));
    if (sitePath.startsWith('..') || path.isAbsolute(sitePath)) return null;
    const { locale, localPath } = locatePage(abs, this.site);
    if (locale === null) return null;
    return { locale, localPath, sitePath, url: this.urlOf(sitePath, localPath) };
  }

  resolve(target: SiteTarget, pathPart: string, page: PageAddress): Resolution {
    const decoded = safeDecode(pathPart);
    switch (this.site.generator) {
      case 'markdown':
        return this.inTree(decoded, page);
      case 'docusaurus':
        return this.docusaurus(target, decoded, pathPart, page);
      default:
        return this.builtFromFolder(target, decoded, pathPart, page);
    }
  }

  anchorsOf(file: string): ReadonlySet<string> {
    return this.anchors.of(file);
  }

  findPartial(name: string): string | null {
    return resolvePartial(this.site, name);
  }

  partialFolder(): string {
    return `${this.site.layouts}/partials`;
  }

  display(file: string): string {
    return this.files.display(file);
  }

  lacksFolders(): boolean {
    return this.site.routes.some((r) => r.pages !== 'blog' && !this.treeIndex().folders.has(r.folder));
  }

  private urlOf(sitePath: string, localPath: string): string {
    if (this.site.generator === 'docusaurus') {
      const route = this.routeOf(this.sourcePath(sitePath) ?? sitePath);
      return route ? `${route.url}${docPath(under(this.sourcePath(sitePath) ?? sitePath, route.folder) ?? '')}/`.replace(/\/+$/, '/') : `/${sitePath}`;
    }
    if (this.site.generator === 'mkdocs') return `/${mkdocsKey(localPath)}/`.replace(/^\/\/$/, '/');
    if (this.site.generator === 'mdbook') return `/${mdbookKey(localPath)}`;
    return `/${sitePath}`;
  }

  /** GitHub: a link names a file or a folder of the tree, relative to the page's file or (`/x`) the root. */
  private inTree(decoded: string, page: PageAddress): Resolution {
    const rel = decoded.startsWith('/') ? normalizeRelative(decoded) : normalizeRelative(path.posix.join(path.posix.dirname(page.sitePath), decoded));
    if (rel === null) return decoded.replace(/\/+$/, '') === '' || /^(\.\/)*\.?\/?$/.test(decoded) ? { kind: 'generated', url: '/' } : { kind: 'missing', looked: 'it leads outside the tree' };
    const clean = trimSlashes(rel);
    const tree = this.treeIndex();
    if (tree.files.has(clean)) return PAGE.test(clean) ? { kind: 'page', file: this.abs(clean), locale: page.locale } : { kind: 'file', file: this.abs(clean) };
    if (clean === '' || tree.folders.has(clean)) {
      const readme = ['README.md', 'readme.md', 'README.markdown'].map((r) => (clean === '' ? r : `${clean}/${r}`)).find((r) => tree.files.has(r));
      // GitHub shows a folder as its listing, with its README below it: the README's anchors are the folder's.
      return readme ? { kind: 'page', file: this.abs(readme), locale: page.locale } : { kind: 'generated', url: `/${clean}` };
    }
    return { kind: 'missing', looked: `no file or folder \`${clean}\` in the tree` };
  }

  /** MkDocs and mdBook: pages are the content folder's files, served at URLs made from their paths. */
  private builtFromFolder(target: SiteTarget, decoded: string, pathPart: string, page: PageAddress): Resolution {
    const chain = page.locale === this.site.defaultLocale ? [page.locale] : [page.locale, this.site.defaultLocale];
    const html = this.site.generator === 'mdbook' && /\.html?$/i.test(decoded);
    if (!decoded.startsWith('/') && (PAGE.test(decoded) || html || /\.[a-z0-9]+$/i.test(decoded.split('/').pop() ?? '') || target.kind === 'image')) {
      const local = normalizeRelative(path.posix.join(path.posix.dirname(page.localPath), html ? decoded.replace(/\.html?$/i, '.md') : decoded));
      if (local === null) return { kind: 'missing', looked: `it leads outside ${this.site.content || 'the tree'}` };
      const candidates = html && /(^|\/)index\.md$/.test(local) ? [local, local.replace(/index\.md$/, 'README.md')] : [local];
      return this.localFile(candidates, chain) ?? { kind: 'missing', looked: `no ${orList(candidates.map((c) => `\`${c}\``))} in ${this.site.content || 'the tree'}` };
    }
    const urlPath = safeDecode(new URL(pathPart, `http://site${page.url}`).pathname);
    const key = trimSlashes(urlPath);
    const urls = this.urlIndex();
    for (const locale of chain) {
      const file = urls.get(`${locale}\0${key}`) ?? (this.site.generator === 'mdbook' ? urls.get(`${locale}\0${key === '' ? '' : `${key}/`}index.html`) : undefined);
      if (file) return PAGE.test(file) ? { kind: 'page', file, locale } : { kind: 'file', file };
    }
    if (key === '') return { kind: 'generated', url: '/' };
    return { kind: 'missing', looked: `${pathPart.startsWith('/') ? '' : `it leads to \`${urlPath}\`; `}no page or file of ${this.site.content || 'the tree'} is served there` };
  }

  private localFile(candidates: readonly string[], chain: readonly string[]): Resolution | null {
    const urls = this.urlIndex();
    for (const locale of chain) {
      for (const c of candidates) {
        const file = urls.get(`${locale}\0\0${c}`);
        if (file) return PAGE.test(file) ? { kind: 'page', file, locale } : { kind: 'file', file };
      }
    }
    return null;
  }

  /** Docusaurus: a file beside the page, or a doc by its route, a static file, a page of `src/pages`. */
  private docusaurus(target: SiteTarget, decoded: string, pathPart: string, page: PageAddress): Resolution {
    if (!decoded.startsWith('/') && (PAGE.test(decoded) || target.kind === 'image' || /\.[a-z0-9]+$/i.test(decoded.split('/').pop() ?? ''))) {
      const dirs = [path.posix.dirname(page.sitePath)];
      const source = this.sourcePath(page.sitePath);
      if (source !== null) dirs.push(path.posix.dirname(source));
      const route = this.routeOf(source ?? page.sitePath);
      if (route && PAGE.test(decoded)) dirs.push(route.folder);
      const tree = this.treeIndex();
      const candidates = [...new Set(dirs.map((d) => normalizeRelative(path.posix.join(d, decoded))).filter((c): c is string => c !== null))];
      for (const c of candidates) if (tree.files.has(c)) return PAGE.test(c) ? this.docPage(c, page.locale) : { kind: 'file', file: this.abs(c) };
      if (candidates.length === 0) return { kind: 'missing', looked: 'it leads outside the site' };
      return { kind: 'missing', looked: `no ${orList(candidates.map((c) => `\`${c}\``))}` };
    }
    let urlPath = safeDecode(new URL(pathPart, `http://site${page.url}`).pathname);
    let locale = page.locale;
    const first = urlPath.split('/')[1] ?? '';
    if (first !== this.site.defaultLocale && this.site.locales.includes(first)) {
      locale = first;
      urlPath = urlPath.slice(first.length + 1) || '/';
    }
    const route = [...this.site.routes].sort((a, b) => b.url.length - a.url.length).find((r) => `${urlPath}/`.startsWith(r.url) || `${urlPath}/` === r.url);
    if (route?.pages === 'blog') return { kind: 'unchecked' };
    if (route) {
      if (!this.treeIndex().folders.has(route.folder)) return { kind: 'unmounted', folder: { folder: route.folder, at: route.url } };
      const docKey = trimSlashes(`${urlPath}/`.slice(route.url.length));
      const file = this.docIndex().get(`${route.url}\0${docKey}`);
      if (file) return this.docPage(toPosix(path.relative(this.site.root, file)), locale);
      return { kind: 'missing', looked: `no doc of ${route.folder}/ is served at \`${route.url}${docKey}\` (by its path, \`slug\` or \`id\`)` };
    }
    const tree = this.treeIndex();
    const key = trimSlashes(urlPath);
    const staticFile = `${this.site.static}/${key}`;
    if (tree.files.has(staticFile)) return { kind: 'file', file: this.abs(staticFile) };
    const pageFiles = ['md', 'mdx', 'js', 'jsx', 'ts', 'tsx'].flatMap((ext) => [`src/pages/${key}.${ext}`, `src/pages/${key === '' ? '' : `${key}/`}index.${ext}`]);
    const pageFile = pageFiles.find((f) => tree.files.has(f));
    if (pageFile) return PAGE.test(pageFile) ? { kind: 'page', file: this.abs(pageFile), locale } : { kind: 'generated', url: urlPath };
    return { kind: 'unchecked' };
  }

  /** A doc file (its source's path) as the page a reader in `locale` sees: the translation when there is one. */
  private docPage(sourceRel: string, locale: string): Resolution {
    const source = this.sourcePath(sourceRel) ?? sourceRel;
    if (locale !== this.site.defaultLocale) {
      const tree = this.treeIndex();
      for (const t of this.site.translations) {
        if (t.locale !== locale || t.source === null) continue;
        const rest = under(source, t.source);
        if (rest !== null && tree.files.has(`${t.folder}/${rest}`)) return { kind: 'page', file: this.abs(`${t.folder}/${rest}`), locale };
      }
    }
    return { kind: 'page', file: this.abs(sourceRel), locale };
  }

  /** The source doc a translation file translates (`i18n/fr/.../current/a.md` → `docs/a.md`); null for a source page. */
  private sourcePath(sitePath: string): string | null {
    for (const t of this.site.translations) {
      const rest = under(sitePath, t.folder);
      if (rest !== null) return t.source === null ? null : `${t.source}/${rest}`;
    }
    return null;
  }

  private routeOf(sitePath: string): SiteRoute | undefined {
    return [...this.site.routes].sort((a, b) => b.folder.length - a.folder.length).find((r) => under(sitePath, r.folder) !== null);
  }

  private abs(rel: string): string {
    return path.join(this.site.root, rel);
  }

  private treeIndex(): { files: Set<string>; folders: Set<string> } {
    if (this.tree) return this.tree;
    const files = new Set(this.files.list(''));
    const folders = new Set<string>();
    for (const f of files) for (let i = f.indexOf('/'); i !== -1; i = f.indexOf('/', i + 1)) folders.add(f.slice(0, i));
    this.tree = { files, folders };
    return this.tree;
  }

  /**
   * MkDocs and mdBook: each file of the content folder by `locale\0URL path` and by
   * `locale\0\0local path`. MkDocs's `index.md` wins over a `README.md` in the same folder.
   */
  private urlIndex(): Map<string, string> {
    if (this.urls) return this.urls;
    this.urls = new Map();
    const readmes: Array<[string, string]> = [];
    for (const rel of this.files.list(this.site.content)) {
      const abs = path.join(this.site.root, this.site.content, rel);
      const { locale, localPath } = locatePage(abs, this.site);
      if (locale === null) continue;
      this.urls.set(`${locale}\0\0${localPath}`, abs);
      if (!PAGE.test(localPath)) {
        this.urls.set(`${locale}\0${localPath}`, abs);
        continue;
      }
      const key = `${locale}\0${this.site.generator === 'mdbook' ? mdbookKey(localPath) : mkdocsKey(localPath)}`;
      if (/(^|\/)readme\.md$/i.test(localPath)) readmes.push([key, abs]);
      else this.urls.set(key, abs);
    }
    for (const [key, abs] of readmes) if (!this.urls.has(key)) this.urls.set(key, abs);
    return this.urls;
  }

  /**
   * Docusaurus: every doc of each route folder by `route URL\0URL path`: its path, or where its
   * front matter `slug` or `id` moves it (then it is not at its path). Each doc's first bytes are
   * read once, when a URL link first needs a doc.
   */
  private docIndex(): Map<string, string> {
    if (this.docs) return this.docs;
    this.docs = new Map();
    for (const route of this.site.routes) {
      if (route.pages !== 'docs') continue;
      for (const rel of this.files.list(route.folder)) {
        // Docusaurus leaves out files and folders whose names start with `_` (partials).
        if (!PAGE.test(rel) || rel.split('/').some((s) => s.startsWith('_'))) continue;
        const abs = path.join(this.site.root, route.folder, rel);
        const key = `${route.url}\0${this.docUrl(rel, abs)}`;
        if (!this.docs.has(key)) this.docs.set(key, abs);
      }
    }
    return this.docs;
  }

  /** A doc's URL path under its route: from front matter `slug` (absolute or beside the doc), else `id`, else its path. */
  private docUrl(rel: string, abs: string): string {
    const head = this.files.read(abs, FRONT_MATTER_BYTES);
    const data = head !== null && /^(slug|id)\s*:/m.test(head) ? frontMatterOf(head) : null;
    const dir = path.posix.dirname(rel) === '.' ? '' : dirPath(path.posix.dirname(rel));
    if (typeof data?.slug === 'string') return trimSlashes(data.slug.startsWith('/') ? data.slug : path.posix.join(dir, data.slug));
    if (typeof data?.id === 'string') return trimSlashes(path.posix.join(dir, data.id));
    return docPath(rel);
  }
}

/** A Docusaurus doc's path under its route: no extension, number prefixes, `index` or `README`. */
function docPath(rel: string): string {
  const parts = rel.replace(PAGE, '').split('/').map((s) => s.replace(NUMBER_PREFIX, ''));
  const last = parts[parts.length - 1] ?? '';
  if (/^(index|readme)$/i.test(last) || (parts.length > 1 && last === parts[parts.length - 2])) parts.pop();
  return parts.join('/');
}

function dirPath(dir: string): string {
  return dir.split('/').map((s) => s.replace(NUMBER_PREFIX, '')).join('/');
}

/** MkDocs (`use_directory_urls`): `a/b.md` at `a/b`, `a/index.md` and `a/README.md` at `a`. */
function mkdocsKey(localPath: string): string {
  return localPath.replace(PAGE, '').replace(/(^|\/)(index|readme)$/i, '');
}

/** mdBook: `a/b.md` at `a/b.html`, `README.md` at `index.html`. */
function mdbookKey(localPath: string): string {
  return localPath.replace(/(^|\/)readme\.md$/i, '$1index.md').replace(PAGE, '.html');
}
