import path from 'node:path';
import { toPosix } from '../util/posix.js';
import type { Site } from './types.js';

/** Where a page sits in the site: its locale and its path inside the locale folder. */
export function locatePage(abs: string, site: Site): { locale: string | null; localPath: string } {
  const sitePath = toPosix(path.relative(site.root, abs));
  const prefix = `${site.content}/`;
  if (sitePath.startsWith('..') || !sitePath.startsWith(prefix)) return { locale: null, localPath: sitePath };
  const rest = sitePath.slice(prefix.length);
  const slash = rest.indexOf('/');
  const first = slash === -1 ? '' : rest.slice(0, slash);
  let locale = site.defaultLocale;
  let localPath = rest;
  if (site.locales.includes(first)) {
    locale = first;
    localPath = rest.slice(slash + 1);
  }
  // Hugo also translates by file name: `page.ja.md`.
  const byName = /^(.*)\.([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)\.(md|markdown)$/.exec(localPath);
  if (byName && site.locales.includes(byName[2] as string)) {
    locale = byName[2] as string;
    localPath = `${byName[1]}.${byName[3]}`;
  }
  return { locale, localPath };
}
