import { statSync } from 'node:fs';
import path from 'node:path';
import { HUGO_ANCHORS, type AnchorRules } from '../model/anchor.js';
import { UsageError } from '../util/errors.js';
import { toPosix } from '../util/posix.js';
import { describeSite, describeSiteAs, GENERATOR_CONFIGS, GENERATOR_NAMES, type SiteDescription } from './generators/index.js';
import { cleanFolder, joinFolder } from './generators/read.js';
import type { ContentMount, Site, SiteConfig, SiteGenerator, TranslationFolder } from './types.js';

/** The parts of a site its generator decides; `resolveSite` lets the config's own keys win over them. */
type Layout = Omit<Site, 'root' | 'shortcodeLinks' | 'scopedShortcodes' | 'includeShortcodes' | 'ignoreLinks' | 'compareVersions'>;

/** A Hugo site laid out as compatlint assumes without a generator: `content/<locale>/`, English. */
function hugoDefaults(): Layout {
  return {
    generator: 'hugo',
    content: 'content',
    locales: ['en'],
    defaultLocale: 'en',
    localeFolders: true,
    bySuffix: true,
    translations: [],
    mounts: [],
    routes: [],
    versions: [],
    layouts: 'layouts',
    static: 'static',
    anchors: HUGO_ANCHORS,
  };
}

/**
 * The site of a config's `site` keys, with folders relative to `base` (the folder of the config
 * layer that names `site.root`). With `generator`, the generator's own config (read, never run)
 * says the layout, and each key the config writes wins over it.
 */
export function resolveSite(config: SiteConfig, base: string): Site {
  const named = path.resolve(base, config.root ?? '.');
  const description = config.generator === undefined ? null : describeFor(config.generator, named);
  const root = description ? path.resolve(named, description.root) : named;
  const layout = description ? layoutOf(description, root) : hugoDefaults();
  const folder = (f: string | undefined, fallback: string) => (f === undefined ? fallback : cleanFolder(toPosix(f)));
  const locales = config.locales ?? layout.locales;
  const defaultLocale = config.defaultLocale ?? layout.defaultLocale;
  return {
    ...layout,
    root,
    content: folder(config.content, layout.content),
    locales: locales.includes(defaultLocale) ? locales : [defaultLocale, ...locales],
    defaultLocale,
    layouts: folder(config.layouts, layout.layouts),
    static: folder(config.static, layout.static),
    versions: config.versions ? longestFirst(config.versions.map((v) => ({ name: v.name, folder: cleanFolder(toPosix(v.folder)) }))) : layout.versions,
    compareVersions: config.compareVersions ?? false,
    shortcodeLinks: config.shortcodeLinks ?? [],
    scopedShortcodes: config.scopedShortcodes ?? [],
    includeShortcodes: config.includeShortcodes ?? [],
    ignoreLinks: config.ignoreLinks ?? [],
  };
}

/**
 * The folders whose files a site's links can name (pages, translations, mounts, routes,
 * static files, partials), relative to the root, each once: what a cached result depends on.
 */
export function siteFolders(site: Site): string[] {
  const pages = site.mounts.length > 0 ? site.mounts.filter((m) => m.present).map((m) => m.source) : [site.content];
  const all = [...pages, ...site.translations.map((t) => t.folder), ...site.routes.map((r) => r.folder), site.static, site.layouts];
  const unique = [...new Set(all)].sort();
  // A folder inside another one is listed with it.
  return unique.filter((f) => !unique.some((o) => o !== f && (o === '' || f.startsWith(`${o}/`))));
}

function describeFor(generator: SiteGenerator | 'auto', root: string): SiteDescription {
  if (generator === 'auto') return describeSite(root);
  const found = describeSiteAs(root, generator);
  if (found === null) {
    const configs = generator === 'markdown' ? '' : GENERATOR_CONFIGS[generator];
    throw new UsageError(`Invalid config: site.generator is ${generator}, but ${root} holds no ${GENERATOR_NAMES[generator]} config (${configs})`);
  }
  return found;
}

/** What a generator's description says of the layout. */
export function layoutOf(d: SiteDescription, root: string): Layout {
  const base = hugoDefaults();
  const codes = d.locales.map((l) => l.locale);
  const defaultLocale = d.defaultLocale ?? codes[0] ?? 'en';
  const locales = codes.length > 0 ? codes : [defaultLocale];
  const anchors = (style: AnchorRules['style']): AnchorRules => ({ style, explicitIds: d.markdown.explicitIds, htmlIds: d.markdown.rawHtml });
  const versions = longestFirst(d.versions.filter((v) => v.present).map((v) => ({ name: v.name, folder: v.folder })));
  switch (d.generator) {
    case 'hugo': {
      const mounts = contentMounts(d, root);
      return {
        ...base,
        ...hugoLocales(d, defaultLocale),
        locales,
        defaultLocale,
        mounts,
        layouts: d.layouts ?? base.layouts,
        static: d.static ?? base.static,
        anchors: anchors('hugo'),
      };
    }
    case 'docusaurus': {
      // Every locale's own folder holds what compatlint does not pair (blog, pages): its pages are that locale's.
      const catchAll = locales.filter((l) => l !== defaultLocale).map((locale) => ({ locale, folder: `i18n/${locale}`, source: null }));
      const mirrored = d.locales.filter((l) => l.locale !== defaultLocale).flatMap((l) => l.folders.filter((f) => f.folder !== f.source).map((f) => ({ locale: l.locale, ...f })));
      const current = versions.length > 0 ? d.contentRoots.map((folder) => ({ name: 'current', folder })) : [];
      return {
        ...base,
        generator: 'docusaurus',
        content: '',
        locales,
        defaultLocale,
        localeFolders: false,
        bySuffix: false,
        translations: longestFirst([...mirrored, ...catchAll]),
        routes: d.routes,
        versions: longestFirst([...versions, ...current]),
        static: d.static ?? 'static',
        anchors: anchors('github'),
      };
    }
    case 'mkdocs': {
      const docs = d.contentRoots[0] ?? 'docs';
      const inFolders = d.locales.some((l) => !l.bySuffix && l.folders.some((f) => f.folder !== docs));
      return {
        ...base,
        generator: 'mkdocs',
        content: docs,
        locales,
        defaultLocale,
        localeFolders: inFolders,
        bySuffix: d.locales.some((l) => l.bySuffix),
        // MkDocs copies every file of docs_dir that is not a page into the site: images live beside pages.
        static: docs,
        anchors: anchors('python-markdown'),
      };
    }
    case 'mdbook':
    case 'markdown':
      return {
        ...base,
        generator: d.generator,
        content: d.contentRoots[0] ?? '',
        locales,
        defaultLocale,
        localeFolders: false,
        bySuffix: false,
        static: d.contentRoots[0] ?? '',
        anchors: anchors(d.generator === 'mdbook' ? 'mdbook' : 'github'),
      };
  }
}

/**
 * Where a Hugo site's locales keep their pages: `C/<locale>/` for each (the content folder is
 * `C`); one folder for all (translations by file name); else the default locale's folder is the
 * content, and each other locale's folder is a translation folder of it.
 */
function hugoLocales(d: SiteDescription, defaultLocale: string): Pick<Layout, 'content' | 'localeFolders' | 'bySuffix' | 'translations'> {
  const withFolders = d.locales.filter((l) => l.folders.length > 0);
  const parents = new Set(withFolders.map((l) => (l.folders.length === 1 && path.posix.basename(l.folders[0]?.folder ?? '') === l.locale ? path.posix.dirname(l.folders[0]?.folder ?? '') : null)));
  const [parent] = [...parents];
  if (withFolders.length > 0 && parents.size === 1 && parent !== null && parent !== undefined) {
    return { content: parent === '.' ? '' : parent, localeFolders: true, bySuffix: false, translations: [] };
  }
  const folders = new Set(withFolders.flatMap((l) => l.folders.map((f) => f.folder)));
  const content = d.locales.find((l) => l.locale === defaultLocale)?.folders[0]?.folder ?? d.contentRoots[0] ?? 'content';
  if (folders.size <= 1) return { content, localeFolders: withFolders.length <= 1, bySuffix: true, translations: [] };
  const translations: TranslationFolder[] = withFolders
    .filter((l) => l.locale !== defaultLocale)
    .flatMap((l) => l.folders.filter((f) => f.folder !== f.source).map((f) => ({ locale: l.locale, folder: f.folder, source: f.source })));
  return { content, localeFolders: false, bySuffix: false, translations: longestFirst(translations) };
}

/** Hugo's content mounts: each folder as a part of the content, present or not in the checkout. */
function contentMounts(d: SiteDescription, root: string): ContentMount[] {
  const mounts = d.mounts
    .filter((m) => m.target === 'content' || m.target.startsWith('content/'))
    .map((m) => ({
      source: m.module === undefined ? m.source : joinFolder(m.module, m.source),
      target: m.target === 'content' ? '' : m.target.slice('content/'.length),
      ...(m.lang === undefined ? {} : { lang: m.lang }),
      // A folder outside the site root is not read (nothing outside it is): its pages are not checked.
      present: m.module === undefined && !m.source.startsWith('../') && m.source !== '..' && isDirectory(path.join(root, m.source)),
    }));
  return mounts.sort((a, b) => b.source.length - a.source.length);
}

function longestFirst<T extends { folder: string }>(list: T[]): T[] {
  return [...list].sort((a, b) => b.folder.length - a.folder.length);
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
