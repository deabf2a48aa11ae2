import path from 'node:path';
import type { ShortcodeLink } from './types.js';
import type { CorpusPage, Span } from '../model/types.js';
import { matcherFor } from '../util/glob.js';
import { closest } from '../util/suggest.js';
import { knownPage } from './anchors.js';
import { HugoSite, normalizeRelative } from './hugo.js';
import { type KnownPage, type KnownPages, type LinkSite, type MissingFolder, type PageAddress, type Resolution, safeDecode, type SiteTarget } from './link-site.js';
import type { LinkNotes } from './notes.js';
import { FileSite } from './pages.js';
import type { Site } from './types.js';

export type { SiteTarget } from './link-site.js';

/** A target that does not resolve, as the link rules report it. */
export type SiteProblem =
  | { problem: 'page-missing'; target: SiteTarget; looked: string }
  | { problem: 'anchor-missing'; target: SiteTarget; anchor: string; file: string; suggestion: string | null }
  | { problem: 'image-missing'; target: SiteTarget; looked: string }
  | { problem: 'partial-missing'; target: SiteTarget; looked: string }
  /** A link into a folder of the site the checkout lacks (a Hugo mount, a Docusaurus docs folder): reported once per folder, not per link. */
  | { problem: 'folder-missing'; target: SiteTarget; folder: MissingFolder };

const IMAGE_EXTENSIONS = /\.(png|jpe?g|gif|svg|webp|avif|ico|bmp)$/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** The site of `site`'s generator, as link targets: Hugo's, or one whose pages link by their files. */
export function openSite(site: Site, known: KnownPages = new Map(), notes?: LinkNotes, walker?: (dir: string) => string[]): LinkSite {
  return site.generator === 'hugo' ? new HugoSite(site, known, notes, walker) : new FileSite(site, known, walker);
}

/**
 * The link targets of the pages being checked, resolved in their site. One instance per run:
 * each page is resolved once, whichever of the link rules asks first.
 */
export class SiteLinks {
  private readonly problems = new Map<string, SiteProblem[]>();
  private readonly ignored: ((file: string) => boolean) | null;

  constructor(
    readonly site: LinkSite,
    private readonly cwd: string,
  ) {
    this.ignored = site.site.ignoreLinks.length > 0 ? matcherFor(site.site.ignoreLinks) : null;
  }

  /** What the pages being checked say of themselves, by absolute path, for the site. */
  static knownPages(pages: readonly CorpusPage[], cwd: string, site: Site): Map<string, KnownPage> {
    return new Map(pages.map((p) => [path.resolve(cwd, p.file), knownPage(p, site.anchors)]));
  }

  /** A page changed: its links are resolved again when next asked. */
  forget(file: string): void {
    this.problems.delete(file);
  }

  problemsOf(page: CorpusPage): readonly SiteProblem[] {
    let found = this.problems.get(page.file);
    if (!found) {
      found = this.resolvePage(page);
      this.problems.set(page.file, found);
    }
    return found;
  }

  /**
   * Where a target of a page leads, as the site stage resolves it: a file (a page, a static
   * file or a page resource, a partial; absolute) and the anchor asked for. Null when it leads
   * nowhere, into a folder the checkout lacks, or to a page the generator makes without a file.
   */
  destination(page: CorpusPage, target: SiteTarget): { file: string; anchor: string | null } | null {
    if (target.kind === 'partial') {
      const file = this.site.findPartial(target.written);
      return file === null ? null : { file, anchor: null };
    }
    const abs = path.resolve(this.cwd, page.file);
    const [pathPart, fragment] = splitTarget(urlOf(target));
    const anchor = fragment === '' ? null : safeDecode(fragment);
    if (pathPart === '') return anchor === null ? null : { file: abs, anchor };
    const where = this.site.pageOf(abs);
    if (!where) return null;
    const resolution = this.site.resolve(target, pathPart, where);
    if (resolution.kind === 'page') return { file: resolution.file, anchor };
    if (resolution.kind === 'file') return { file: resolution.file, anchor: null };
    return null;
  }

  private resolvePage(page: CorpusPage): SiteProblem[] {
    const abs = path.resolve(this.cwd, page.file);
    const where = this.site.pageOf(abs);
    const out: SiteProblem[] = [];
    for (const target of siteTargets(page, this.site.site.shortcodeLinks)) {
      if (target.kind === 'partial') {
        if (this.site.findPartial(target.written) === null) {
          const clean = normalizeRelative(target.written);
          const looked = clean === null ? `it leads outside ${this.site.partialFolder()}` : `no \`${this.site.partialFolder()}/${clean}\``;
          out.push({ problem: 'partial-missing', target, looked });
        }
        continue;
      }
      const [pathPart, fragment] = splitTarget(urlOf(target));
      if (this.ignored !== null && pathPart !== '' && this.isIgnored(pathPart)) continue;
      if (pathPart === '') {
        // `#anchor` alone: this page, whether or not it is in the site.
        if (fragment) this.checkAnchor(target, fragment, abs, out);
        continue;
      }
      // A page outside the site's pages has no URL to resolve relative links against.
      if (!where) continue;
      const resolution = this.site.resolve(target, pathPart, where);
      if (resolution.kind === 'missing') {
        out.push({ problem: target.kind === 'image' ? 'image-missing' : 'page-missing', target, looked: resolution.looked });
      } else if (resolution.kind === 'unmounted') {
        out.push({ problem: 'folder-missing', target, folder: resolution.folder });
      } else if (resolution.kind === 'page' && fragment) {
        this.checkAnchor(target, fragment, resolution.file, out);
      }
    }
    return out;
  }

  private isIgnored(pathPart: string): boolean {
    const written = safeDecode(pathPart);
    return (this.ignored as (file: string) => boolean)(written) || (this.ignored as (file: string) => boolean)(written.replace(/^\.\//, ''));
  }

  private checkAnchor(target: SiteTarget, fragment: string, file: string, out: SiteProblem[]): void {
    const anchor = safeDecode(fragment);
    const anchors = this.site.anchorsOf(file);
    if (anchors.has(anchor)) return;
    out.push({
      problem: 'anchor-missing',
      target,
      anchor,
      file: this.site.display(file),
      suggestion: closest(anchor, [...anchors]),
    });
  }
}



/** The URL a target names: a shortcode's relative value is under its configured base. */
function urlOf(target: SiteTarget): string {
  if (target.base === undefined || target.written.startsWith('/')) return target.written;
  return `${target.base.replace(/\/?$/, '/')}${target.written}`;
}

/** `/a/b/?tab=x#frag` → [`/a/b/`, `frag`]; the query only chooses a tab, never a page. */
function splitTarget(written: string): [string, string] {
  const hash = written.indexOf('#');
  const beforeHash = hash === -1 ? written : written.slice(0, hash);
  const fragment = hash === -1 ? '' : written.slice(hash + 1);
  const query = beforeHash.indexOf('?');
  return [(query === -1 ? beforeHash : beforeHash.slice(0, query)).trim(), fragment];
}

/** True for a URL that points into the site: not external, not another scheme, not built by a shortcode. */
export function isSiteUrl(url: string): boolean {
  const u = url.trim();
  return u !== '' && !SCHEME.test(u) && !u.startsWith('//') && !u.includes('{{');
}

/**
 * The site targets of a page where they are written: inline links and images, definitions (an
 * image when only images use it), `ref`/`relref` and `partial` shortcodes, and the shortcode
 * parameters that config `site.shortcodeLinks` names. A link written as a reference is checked
 * at its definition, once.
 */
export function siteTargets(page: CorpusPage, shortcodeLinks: readonly ShortcodeLink[] = []): SiteTarget[] {
  const targets: SiteTarget[] = [];
  const usedBy = new Map<string, Set<'link' | 'image'>>();
  for (const r of page.references) {
    const kinds = usedBy.get(r.identifier) ?? new Set();
    kinds.add(r.kind);
    usedBy.set(r.identifier, kinds);
  }
  for (const d of page.definitions) {
    if (!isSiteUrl(d.url)) continue;
    const kinds = usedBy.get(d.identifier);
    const image = kinds !== undefined && !kinds.has('link') ? true : IMAGE_EXTENSIONS.test(splitTarget(d.url)[0]);
    targets.push({ kind: image ? 'image' : 'link', written: d.url.trim(), span: d.span, definition: d.identifier });
  }
  for (const l of page.links) if (l.reference === undefined && isSiteUrl(l.url)) targets.push({ kind: 'link', written: l.url.trim(), span: l.span });
  for (const i of page.images) if (i.reference === undefined && isSiteUrl(i.url)) targets.push({ kind: 'image', written: i.url.trim(), span: i.span });
  for (const s of page.shortcodes) {
    if (s.closing) continue;
    if (s.name === 'ref' || s.name === 'relref') {
      const written = s.positional[0] ?? s.named.path;
      if (written) targets.push({ kind: 'ref', written, span: s.span, ...(s.named.lang ? { lang: s.named.lang } : {}) });
    } else if (s.name === 'partial') {
      const written = s.named.name ?? s.positional[0];
      if (written) targets.push({ kind: 'partial', written, span: s.span });
    }
    for (const link of shortcodeLinks) {
      const written = link.shortcode === s.name ? s.named[link.param]?.trim() : undefined;
      if (written && isSiteUrl(written)) targets.push({ kind: link.kind, written, span: s.span, ...(link.base ? { base: link.base } : {}) });
    }
  }
  return targets;
}
