/** The site's layout as config writes it (`site` in compatlint.config). */
export interface SiteConfig {
  root?: string;
  content?: string;
  locales?: string[];
  defaultLocale?: string;
  layouts?: string;
  static?: string;
  shortcodeLinks?: ShortcodeLink[];
  scopedShortcodes?: string[];
}

/** A shortcode parameter that holds a link or an image (`{{< img src="a.png" >}}`). */
export interface ShortcodeLink {
  shortcode: string;
  param: string;
  kind: 'link' | 'image';
  /** URL path a relative value is under (`/images/` for `src="a.png"` meaning `/images/a.png`); else relative to the page. */
  base?: string;
}

/** The site's layout, resolved: absolute root, folders relative to it. */
export interface Site {
  /** Absolute site root. */
  root: string;
  /** Content folder relative to the site root, forward slashes. */
  content: string;
  locales: string[];
  defaultLocale: string;
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
}
