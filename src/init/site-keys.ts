import path from 'node:path';
import { type SiteDescription, GENERATOR_NAMES } from '../site/generators/index.js';
import { joinFolder } from '../site/generators/read.js';
import type { SiteConfig } from '../site/types.js';
import { compareStrings } from '../util/strings.js';
import type { PlacedPage } from './place.js';

/**
 * The config's `site` keys for a described site, when they can say what the generator does:
 * check models a site as Hugo does (a content folder, translations in `<content>/<locale>/`
 * or named `page.<locale>.md`, links resolved against the content folder). Hugo sites fit;
 * MkDocs and mdBook fit too (their links between pages are relative `.md` links). Docusaurus
 * (translations in `i18n/<locale>/...`, docs served under a route) and plain GitHub Markdown
 * (folder links) do not: `unfit` says why no `site` is written, or what it leaves out.
 */
export function siteKeys(site: SiteDescription): { keys: SiteConfig | null; unfit: string[] } {
  const name = GENERATOR_NAMES[site.generator];
  if (site.generator === 'markdown') {
    return { keys: null, unfit: ['links between pages are not resolved: check resolves them as a Hugo site would, and GitHub shows a link to a folder as its listing'] };
  }
  if (site.generator === 'docusaurus') {
    const translated = site.locales.filter((l) => l.locale !== site.defaultLocale && l.folders.length > 0).map((l) => l.locale);
    return {
      keys: null,
      unfit: [
        `check models a site as Hugo does, and ${name} keeps translations in i18n/<locale>/docusaurus-plugin-content-docs/ and serves docs under their routes`,
        ...(translated.length > 0 ? [`translations (${translated.join(', ')}) are not paired with their source pages by check; init paired their headers for the vocabulary`] : []),
      ],
    };
  }
  const unfit: string[] = [];
  const keys: SiteConfig = {};
  if (site.root !== '') keys.root = site.root;
  const locales = site.locales.filter((l) => l.folders.length > 0 || l.bySuffix);
  const content = contentFolder(site, unfit);
  keys.content = content === '' ? '.' : content;
  if (locales.length > 0) keys.locales = locales.map((l) => l.locale);
  if (site.defaultLocale !== null) keys.defaultLocale = site.defaultLocale;
  if (site.layouts !== null) keys.layouts = site.layouts;
  if (site.static !== null) keys.static = site.static;
  if (site.contentRoots.length > 1) unfit.push(`${name} has ${site.contentRoots.length} content folders (${site.contentRoots.join(', ')}); check resolves links in ${content || '.'} only`);
  return { keys, unfit };
}

/**
 * The content folder: `C` when each locale's pages are in `C/<locale>/`; the one folder all
 * locales share (translations by file name); else the default locale's folder, and a note.
 */
function contentFolder(site: SiteDescription, unfit: string[]): string {
  const withFolders = site.locales.filter((l) => l.folders.length > 0);
  const parents = new Set(withFolders.map((l) => (l.folders.length === 1 && path.posix.basename(l.folders[0]?.folder ?? '') === l.locale ? path.posix.dirname(l.folders[0]?.folder ?? '') : null)));
  const [parent] = [...parents];
  if (withFolders.length > 0 && parents.size === 1 && parent !== null && parent !== undefined) return parent === '.' ? '' : parent;
  const folders = new Set(withFolders.flatMap((l) => l.folders.map((f) => f.folder)));
  const [only] = [...folders];
  if (folders.size <= 1) return only ?? site.contentRoots[0] ?? '';
  const first = site.contentRoots[0] ?? '';
  unfit.push(`the locales' folders (${[...folders].join(', ')}) are not <content>/<locale>/: check pairs no translations`);
  return first;
}

/**
 * `include` globs for the pages the generator builds (the folders that hold them, and files it
 * includes from elsewhere), and the pages left out, by top folder.
 */
export function includeGlobs(site: SiteDescription, placed: readonly PlacedPage[]): { include: string[]; outside: Array<{ folder: string; pages: number }> } {
  const extensions = new Map<string, Set<string>>();
  const outside = new Map<string, number>();
  for (const p of placed) {
    const ext = path.posix.extname(p.page.file).slice(1).toLowerCase();
    if (p.published && p.folder !== null) {
      const set = extensions.get(p.folder) ?? new Set<string>();
      set.add(ext);
      extensions.set(p.folder, set);
    } else {
      const top = p.page.file.includes('/') ? `${p.page.file.split('/')[0]}/` : p.page.file;
      outside.set(top, (outside.get(top) ?? 0) + 1);
    }
  }
  const folders = [...extensions.keys()].sort(compareStrings);
  const include = folders
    .filter((f) => !folders.some((o) => o !== f && (o === '' || f.startsWith(`${o}/`))))
    .map((f) => {
      if (site.includedFiles.some((i) => joinFolder(site.root, i) === f)) return f;
      const exts = [...(extensions.get(f) as Set<string>)].sort(compareStrings);
      const pattern = exts.length === 1 ? `*.${exts[0]}` : `*.{${exts.join(',')}}`;
      return f === '' ? `**/${pattern}` : `${f}/**/${pattern}`;
    });
  return { include, outside: [...outside].map(([folder, pages]) => ({ folder, pages })).sort((a, b) => b.pages - a.pages || compareStrings(a.folder, b.folder)) };
}
