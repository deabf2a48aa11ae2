import path from 'node:path';
import type { ShortcodeLink } from './types.js';
import type { CorpusPage, Span } from '../model/types.js';
import { closest } from '../util/suggest.js';
import { modelAnchors } from './anchors.js';
import { type HugoSite, normalizeRelative, type Resolution, safeDecode } from './hugo.js';

/** A place where a page points into its own site. */
export interface SiteTarget {
  /** `link`: inline link or definition; `image`; `ref`: a `{{< ref >}}`/`{{< relref >}}` shortcode; `partial`. */
  kind: 'link' | 'image' | 'ref' | 'partial';
  /** As written: a URL, a `ref` path, a partial name. */
  written: string;
  span: Span;
  /** `lang` of a `ref` shortcode. */
  lang?: string;
  /** URL path a relative `written` is under (config `site.shortcodeLinks[].base`). */
  base?: string;
  /** For a link reference definition: its label, normalized. */
  definition?: string;
}

/** A target that does not resolve, as the link rules report it. */
export type SiteProblem =
  | { problem: 'page-missing'; target: SiteTarget; looked: string }
  | { problem: 'anchor-missing'; target: SiteTarget; anchor: string; file: string; suggestion: string | null }
  | { problem: 'image-missing'; target: SiteTarget; looked: string }
  | { problem: 'partial-missing'; target: SiteTarget; looked: string };

const IMAGE_EXTENSIONS = /\.(png|jpe?g|gif|svg|webp|avif|ico|bmp)$/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The link targets of the pages being checked, resolved in their Hugo site. One instance per
 * run: each page is resolved once, whichever of the link rules asks first.
 */
export class SiteLinks {
  private readonly problems = new Map<string, SiteProblem[]>();

  constructor(
    readonly site: HugoSite,
    private readonly cwd: string,
  ) {}

  /** Anchors of the pages being checked, by absolute path, for `HugoSite`. */
  static knownAnchors(pages: readonly CorpusPage[], cwd: string): Map<string, Set<string>> {
    return new Map(pages.map((p) => [path.resolve(cwd, p.file), modelAnchors(p)]));
  }

  problemsOf(page: CorpusPage): readonly SiteProblem[] {
    let found = this.problems.get(page.file);
    if (!found) {
      found = this.resolvePage(page);
      this.problems.set(page.file, found);
    }
    return found;
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
      if (pathPart === '') {
        // `#anchor` alone: this page, whether or not it is in the site.
        if (fragment) this.checkAnchor(target, fragment, abs, out);
        continue;
      }
      // A page outside the content folder has no URL to resolve relative links against.
      if (!where) continue;
      const resolution = this.resolve(target, pathPart, where);
      if (resolution.kind === 'missing') {
        out.push({ problem: target.kind === 'image' ? 'image-missing' : 'page-missing', target, looked: resolution.looked });
      } else if (resolution.kind === 'page' && fragment) {
        this.checkAnchor(target, fragment, resolution.file, out);
      }
    }
    return out;
  }

  private resolve(target: SiteTarget, pathPart: string, page: { locale: string; url: string; localPath: string }): Resolution {
    const site = this.site;
    if (target.kind === 'ref') {
      const chain = target.lang ? [target.lang] : site.chain(page.locale);
      // Hugo's `ref`: from the content root when absolute, else beside the page first.
      if (pathPart.startsWith('/')) return site.findContentFile([pathPart], chain);
      const beside = normalizeRelative(path.posix.join(path.posix.dirname(page.localPath), pathPart));
      return site.findContentFile(beside === null ? [pathPart] : [beside, pathPart], chain);
    }
    const decoded = safeDecode(pathPart);
    if (/\.(md|markdown)$/i.test(decoded)) {
      // A link to a Markdown file is resolved as Hugo's link render hook does: against the page's file.
      const local = decoded.startsWith('/') ? normalizeRelative(decoded) : normalizeRelative(path.posix.join(path.posix.dirname(page.localPath), decoded));
      if (local === null) return { kind: 'missing', looked: 'it leads outside the content folder' };
      return site.findContentFile([local], site.chain(page.locale));
    }
    // Anything else is a URL: resolved against the page's URL as a browser does, which also
    // clamps `..` at the site root (`/../../etc/passwd` is `/etc/passwd`).
    let urlPath = safeDecode(new URL(pathPart, `http://site${page.url}`).pathname);
    let chain = site.chain(page.locale);
    const first = urlPath.split('/')[1] ?? '';
    if (site.site.locales.includes(first) && urlPath.length > first.length + 1) {
      chain = first === site.site.defaultLocale ? [first] : [first, site.site.defaultLocale];
      urlPath = urlPath.slice(first.length + 1);
    } else if (site.site.locales.includes(first)) {
      chain = [first];
      urlPath = '/';
    }
    const last = urlPath.split('/').pop() ?? '';
    if (target.kind === 'image' || (/\.[a-z0-9]+$/i.test(last) && !/\.html?$/i.test(last))) return site.findFile(urlPath, chain);
    const found = site.findPage(urlPath.replace(/\.html?$/i, '/'), chain);
    // Say where a relative link leads: `install/` on `/docs/links/` is `/docs/links/install/`.
    if (found.kind === 'missing' && !pathPart.startsWith('/')) return { ...found, looked: `it leads to \`${urlPath}\`; ${found.looked}` };
    return found;
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
