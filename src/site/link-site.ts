import type { Shortcode, Span } from '../model/types.js';
import type { Site } from './types.js';

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

/** Where a link leads. `looked` says where it was looked for, for messages. */
export type Resolution =
  /** A page made from a content file. */
  | { kind: 'page'; file: string; locale: string; via?: 'alias' | 'url' | 'slug' }
  /** A page the generator makes without a content file: Hugo's home page and top-level sections; a folder on GitHub. */
  | { kind: 'generated'; url: string }
  /** A static file or a page resource (an image beside a page bundle). */
  | { kind: 'file'; file: string }
  | { kind: 'missing'; looked: string }
  /** Inside a folder the site mounts or serves that the checkout does not hold: it cannot be told whether the page exists. */
  | { kind: 'unmounted'; folder: MissingFolder }
  /** A route compatlint does not model (a Docusaurus blog post): not checked. */
  | { kind: 'unchecked' };

/** A folder of the site's pages that the checkout does not hold: a Hugo mount, a Docusaurus docs folder or version. */
export interface MissingFolder {
  /** As the generator's config names it (`docs`, `github.com/org/docs/content`). */
  folder: string;
  /** Where the site puts its pages: `content/docs` (Hugo), `/community/` (a Docusaurus route). */
  at: string;
}

/** Where a page is served from, for resolving its relative links. */
export interface PageAddress {
  locale: string;
  /** URL path of the page, a slash at each end (`/docs/a/b/`), or ending in its file (`/a/b.html`). */
  url: string;
  /** The page's path as `locatePage` gives it. */
  localPath: string;
  /** The page's path relative to the site root. */
  sitePath: string;
}

/**
 * What pages tell the site of themselves, by absolute path: the pages being checked, or a facts
 * index that knows the others (only `get` is asked).
 */
export type KnownPages = Pick<ReadonlyMap<string, KnownPage>, 'get'>;

/** What a page being checked tells the site of itself without being read again. */
export interface KnownPage {
  anchors: ReadonlySet<string>;
  shortcodes: readonly Shortcode[];
}

/** A site as link targets, the way its generator builds it. */
export interface LinkSite {
  readonly site: Site;
  /** Where a page is served; null for a file the site does not build. */
  pageOf(abs: string): PageAddress | null;
  /** Where a link's path (fragment and query removed, as written) leads from `page`. */
  resolve(target: SiteTarget, pathPart: string, page: PageAddress): Resolution;
  /** Anchors of a page file. */
  anchorsOf(file: string): ReadonlySet<string>;
  /** The partial `name`, or null. */
  findPartial(name: string): string | null;
  partialFolder(): string;
  /** A site path for messages. */
  display(file: string): string;
  /** Whether the checkout lacks a folder the site mounts or serves (links into one resolve as `unmounted`). */
  lacksFolders(): boolean;
}

/** `a` or `a, b or c`. */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

export function safeDecode(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}
