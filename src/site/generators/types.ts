/**
 * What a docs tree's site generator says about the tree, read from the generator's own config
 * files (never by running the generator or its config): plain data, so that `init` can write a
 * config from it and site models can be built from it later.
 *
 * Every folder is relative to `root` and written with forward slashes; `root` is relative to the
 * tree that was described ('' for the tree itself).
 */
export interface SiteDescription {
  generator: Generator;
  /** The folder the generator's config is in, relative to the tree ('' for the tree itself). */
  root: string;
  /** The config files read, relative to the tree, in the order they were read. */
  configFiles: string[];
  /** Folders of the source (default-locale) pages of the current version. */
  contentRoots: string[];
  /** The locale translations follow; null when the config names none. */
  defaultLocale: string | null;
  /** Every locale the config names, the default one included, with the folders of its pages. */
  locales: LocaleDescription[];
  /** Folders mounted into the site from elsewhere (Hugo module mounts). */
  mounts: Mount[];
  /** Older versions of the docs kept in folders of their own (Docusaurus `versioned_docs/`). */
  versions: DocsVersion[];
  /** Hugo's layouts and static folders; null for generators that have neither. */
  layouts: string | null;
  static: string | null;
  /** Page files the site pulls in from outside its content folders (MkDocs `include-markdown`). */
  includedFiles: string[];
  /** Where the generator serves each folder's pages, when it is not the folder's own path (Docusaurus routes). */
  routes: Route[];
  /** What the generator's Markdown makes of headings and HTML, as its config sets it. */
  markdown: MarkdownSettings;
  /** What could not be read, or read only in part, and why. */
  notes: SiteNote[];
}

export type Generator = 'hugo' | 'docusaurus' | 'mkdocs' | 'mdbook' | 'markdown';

export interface LocaleDescription {
  locale: string;
  /** Folders holding this locale's pages, each with the folder of the source pages it mirrors (the same folder for the default locale). */
  folders: Array<{ folder: string; source: string }>;
  /** Translations named `page.<locale>.md` beside their source page (Hugo, MkDocs i18n `suffix`). */
  bySuffix: boolean;
}

export interface Mount {
  /** The mounted folder: in this tree, or, with `module`, in that imported module. */
  source: string;
  /** Where the site sees it: `content`, `content/docs`, `static`... */
  target: string;
  /** The language the mount is for (Hugo `lang`), when it is for one. */
  lang?: string;
  /** The Hugo module that holds `source` (`module.imports[].path`); absent for the site's own folders. */
  module?: string;
}

/** A folder's pages served under a URL path: `docs/` at `/docs/`, `versioned_docs/version-3/` at `/docs/v3/`. */
export interface Route {
  folder: string;
  /** The URL path, with a slash at each end. */
  url: string;
  /** `docs`: a page's URL is its path (or front matter); `blog`: made from dates and slugs, which compatlint does not model. */
  pages: 'docs' | 'blog';
}

export interface MarkdownSettings {
  /** Whether `## Title {#id}` sets a heading's id (MkDocs: only with the `attr_list` extension). */
  explicitIds: boolean;
  /** Whether HTML written in a page reaches the page (Hugo: only with `markup.goldmark.renderer.unsafe`). */
  rawHtml: boolean;
}

export interface DocsVersion {
  /** The version's name as the generator knows it (`3`, `10.x`). */
  name: string;
  folder: string;
  /** Whether the folder is in the tree. */
  present: boolean;
}

/** Something the generator's config holds that was not read, or that compatlint cannot use. */
export interface SiteNote {
  /** The file it concerns, relative to the tree. */
  file: string;
  message: string;
}
