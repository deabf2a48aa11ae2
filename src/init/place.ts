import type { PageModel } from '../model/types.js';
import type { SiteDescription } from '../site/generators/index.js';
import { joinFolder } from '../site/generators/read.js';

/** Where a page sits in the site the generator describes. */
export interface PlacedPage {
  page: PageModel;
  /** The page's locale; the default locale for source pages (null when the site names none). */
  locale: string | null;
  /** For a translation: the file of the source page it translates (which may not exist). */
  sourceFile: string | null;
  /** Whether the generator builds the page: it is in a content, version or locale folder, or included. */
  published: boolean;
  /** The folder (relative to the tree) that made it published, for `include`; '' for the whole tree. */
  folder: string | null;
}

const SUFFIX = /^(.*)\.([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)\.(md|mdx|markdown)$/;

function under(file: string, folder: string): string | null {
  if (folder === '') return file;
  return file.startsWith(`${folder}/`) ? file.slice(folder.length + 1) : null;
}

/**
 * Place every page (files relative to the described tree): translations first (a locale
 * folder can sit inside a content folder, as `docs/fr/` does), then source folders, then
 * files the site includes. A plain Markdown tree publishes every page.
 */
export function placePages(pages: readonly PageModel[], site: SiteDescription): PlacedPage[] {
  const at = (folder: string) => joinFolder(site.root, folder);
  const translations = site.locales
    .filter((l) => l.locale !== site.defaultLocale)
    .flatMap((l) => l.folders.filter((f) => f.folder !== f.source).map((f) => ({ locale: l.locale, folder: at(f.folder), source: at(f.source) })))
    .sort((a, b) => b.folder.length - a.folder.length);
  const suffixed = new Set(site.locales.filter((l) => l.bySuffix && l.locale !== site.defaultLocale).map((l) => l.locale));
  const sources = [...site.contentRoots, ...site.versions.filter((v) => v.present).map((v) => v.folder)].map(at).sort((a, b) => b.length - a.length);
  const included = new Set(site.includedFiles.map(at));
  return pages.map((page): PlacedPage => {
    const file = page.file;
    for (const t of translations) {
      const rest = under(file, t.folder);
      if (rest !== null) return { page, locale: t.locale, sourceFile: joinFolder(t.source, rest), published: true, folder: t.folder };
    }
    const folder = sources.find((f) => under(file, f) !== null);
    if (folder !== undefined) {
      const m = SUFFIX.exec(file);
      if (m && suffixed.has(m[2] as string)) return { page, locale: m[2] as string, sourceFile: `${m[1]}.${m[3]}`, published: true, folder };
      return { page, locale: site.defaultLocale, sourceFile: null, published: true, folder };
    }
    if (included.has(file)) return { page, locale: site.defaultLocale, sourceFile: null, published: true, folder: file };
    return { page, locale: site.defaultLocale, sourceFile: null, published: site.generator === 'markdown', folder: site.generator === 'markdown' ? '' : null };
  });
}
