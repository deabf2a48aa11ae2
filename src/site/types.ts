import type { AnchorRules } from '../model/anchor.js';

/** The generators whose sites compatlint models. */
export type SiteGenerator = 'hugo' | 'docusaurus' | 'mkdocs' | 'mdbook' | 'markdown';

/** The site's layout as config writes it (`site` in compatlint.config). */
export interface SiteConfig {
  /** Read the layout from the generator's own config (`auto`: whichever is found); keys written here win. */
  generator?: SiteGenerator | 'auto';
  root?: string;
  content?: string;
  locales?: string[];
  defaultLocale?: string;
  layouts?: string;
  static?: string;
  shortcodeLinks?: ShortcodeLink[];
  scopedShortcodes?: string[];
  includeShortcodes?: IncludeShortcode[];
  /** Link targets not checked, as globs over the URL path or file path written (`/api/**`). */
  ignoreLinks?: string[];
  /** Folders holding other versions of the docs, each with the version's name. */
  versions?: Array<{ name: string; folder: string }>;
  /** Compare the facts of different doc versions with each other (default: each version on its own). */
  compareVersions?: boolean;
}

/** A shortcode parameter that holds a link or an image (`{{< img src="a.png" >}}`). */
export interface ShortcodeLink {
  shortcode: string;
  param: string;
  kind: 'link' | 'image';
  /** URL path a relative value is under (`/images/` for `src="a.png"` meaning `/images/a.png`); else relative to the page. */
  base?: string;
}

/** A shortcode that pulls another file's Markdown into the page (`{{% include "x.md" %}}`): its headings are the page's anchors. */
export interface IncludeShortcode {
  shortcode: string;
  /** The named parameter holding the file; default the first positional one. */
  param?: string;
  /** What a relative file is relative to: the page's folder (default) or the site root. */
  from?: 'page' | 'root';
}

/** A folder of pages translated from another folder: Docusaurus's `i18n/<locale>/...`, a Hugo language's own content folder. */
export interface TranslationFolder {
  locale: string;
  /** Relative to the site root. */
  folder: string;
  /** The folder of the source pages it mirrors; null when its pages translate nothing compatlint knows. */
  source: string | null;
}

/** A folder mounted into Hugo's content (`module.mounts`), as a folder of the content. */
export interface ContentMount {
  /** Relative to the site root; for a module's mount, the module path and its folder. */
  source: string;
  /** Where its files sit in the content, relative to the content folder ('' for the content itself). */
  target: string;
  lang?: string;
  /** False when the checkout does not hold the folder (another module's, or not checked out). */
  present: boolean;
}

/** A folder of pages and the URL path it is served under (Docusaurus: docs instances, versions, blogs). */
export interface SiteRoute {
  folder: string;
  url: string;
  /** `docs`: URLs from paths (or front matter); `blog`: from dates and slugs, not modelled (links into it are not checked). */
  pages: 'docs' | 'blog';
}

/** The site's layout, resolved: absolute root, folders relative to it. */
export interface Site {
  generator: SiteGenerator;
  /** Absolute site root. */
  root: string;
  /** Content folder relative to the site root, forward slashes ('' for the root itself). */
  content: string;
  locales: string[];
  defaultLocale: string;
  /** Whether `<content>/<locale>/` holds a locale's pages (Hugo, MkDocs i18n `folder`). */
  localeFolders: boolean;
  /** Whether `page.<locale>.md` is a translation of `page.md` (Hugo, MkDocs i18n `suffix`). */
  bySuffix: boolean;
  /** Folders of translations outside `<content>/<locale>/`, longest first. */
  translations: TranslationFolder[];
  /** Hugo's content mounts; empty when the content folder is the content. */
  mounts: ContentMount[];
  /** Where pages are served, for generators whose URLs are not their paths (Docusaurus). */
  routes: SiteRoute[];
  /** Folders of older doc versions, with their names, longest first. */
  versions: Array<{ name: string; folder: string }>;
  compareVersions: boolean;
  /** Layouts folder relative to the site root (partials are in `<layouts>/partials`), forward slashes. */
  layouts: string;
  /** Static files folder relative to the site root, forward slashes. */
  static: string;
  /** Shortcode parameters that are links or images. */
  shortcodeLinks: ShortcodeLink[];
  /**
   * Shortcodes whose inner Markdown the site renders as a document of its own (a template that
   * does `.Inner | markdownify`, as tabs do): link reference definitions inside are seen only
   * inside, and the page's are not seen there.
   */
  scopedShortcodes: string[];
  includeShortcodes: IncludeShortcode[];
  ignoreLinks: string[];
  /** How the generator makes heading anchors. */
  anchors: AnchorRules;
}
