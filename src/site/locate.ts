import path from 'node:path';
import { toPosix } from '../util/posix.js';
import { joinFolder } from './generators/read.js';
import type { Site } from './types.js';

/** Where a page sits in the site. */
export interface PagePlace {
  /** Its locale; null for a file outside the site's pages. */
  locale: string | null;
  /**
   * Its path in the site, the same for a page and its translations: inside the locale folder
   * (`content/<locale>/a/b.md` is `a/b.md`), or the path of the source page it translates
   * (Docusaurus's `i18n/fr/docusaurus-plugin-content-docs/current/a.md` is `docs/a.md`).
   */
  localPath: string;
}

/** `file` below `folder` ('' for the folder itself), or null. */
export function under(file: string, folder: string): string | null {
  if (folder === '') return file;
  return file.startsWith(`${folder}/`) ? file.slice(folder.length + 1) : null;
}

/** Where a page sits in the site: its locale, and its path as its translations share it. */
export function locatePage(abs: string, site: Site): PagePlace {
  const sitePath = toPosix(path.relative(site.root, abs));
  if (sitePath.startsWith('..') || path.isAbsolute(sitePath)) return { locale: null, localPath: sitePath };
  for (const t of site.translations) {
    const rest = under(sitePath, t.folder);
    if (rest === null) continue;
    return { locale: t.locale, localPath: t.source === null ? sitePath : inContent(joinFolder(t.source, rest), site).localPath };
  }
  return inContent(sitePath, site);
}

/** A site path in the content: the locale its folder or name says, and its path inside the locale folder. */
function inContent(sitePath: string, site: Site): PagePlace {
  let rest: string | null = null;
  let locale = site.defaultLocale;
  if (site.mounts.length > 0) {
    // Hugo's mounts are the content: a file is where its mount puts it.
    for (const m of site.mounts) {
      const inside = m.present ? under(sitePath, m.source) : null;
      if (inside === null) continue;
      rest = joinFolder(m.target, inside);
      if (m.lang !== undefined) locale = m.lang;
      break;
    }
  } else {
    rest = under(sitePath, site.content);
  }
  if (rest === null) return { locale: null, localPath: sitePath };
  let localPath = rest;
  const slash = rest.indexOf('/');
  const first = slash === -1 ? '' : rest.slice(0, slash);
  if (site.localeFolders && site.locales.includes(first)) {
    locale = first;
    localPath = rest.slice(slash + 1);
  }
  // Hugo (and MkDocs's i18n `suffix`) also translate by file name: `page.ja.md`.
  const byName = site.bySuffix ? /^(.*)\.([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)\.(md|markdown)$/.exec(localPath) : null;
  if (byName && site.locales.includes(byName[2] as string)) {
    locale = byName[2] as string;
    localPath = `${byName[1]}.${byName[3]}`;
  }
  return { locale, localPath };
}

/**
 * The doc version a page belongs to (a translation: its source's), by the version folders the
 * site has; null for a page of no version folder.
 */
export function versionOf(abs: string, site: Site): string | null {
  if (site.versions.length === 0) return null;
  let sitePath = toPosix(path.relative(site.root, abs));
  for (const t of site.translations) {
    const rest = under(sitePath, t.folder);
    if (rest === null) continue;
    if (t.source !== null) sitePath = joinFolder(t.source, rest);
    break;
  }
  return site.versions.find((v) => under(sitePath, v.folder) !== null)?.name ?? null;
}
