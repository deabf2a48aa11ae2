import path from 'node:path';
import type { SiteDescription } from '../site/generators/index.js';
import { joinFolder } from '../site/generators/read.js';
import type { SiteConfig } from '../site/types.js';
import { compareStrings } from '../util/strings.js';
import type { PlacedPage } from './place.js';

/**
 * The config's `site` keys for a described site: its generator (check reads the generator's
 * own config for the layout, as init did) and, when the config is in a folder of the tree, that
 * folder as the root.
 */
export function siteKeys(site: SiteDescription): SiteConfig {
  return { generator: site.generator, ...(site.root === '' ? {} : { root: site.root }) };
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
