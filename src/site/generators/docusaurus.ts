import { isLiteralObject, type Literal, type LiteralObject, readModuleExport, Unread } from './js-literals.js';
import { cleanFolder, isLocaleCode, joinFolder, described, type TreeReader } from './read.js';
import type { DocsVersion, LocaleDescription, Route, SiteDescription } from './types.js';

export const DOCUSAURUS_CONFIGS = ['docusaurus.config.js', 'docusaurus.config.mjs', 'docusaurus.config.cjs', 'docusaurus.config.ts', 'docusaurus.config.mts', 'docusaurus.config.cts'];

/** One instance of the docs plugin: the preset's, or a `@docusaurus/plugin-content-docs` entry of its own. */
interface DocsInstance {
  id: string;
  path: string;
  /** The URL path under the site's `baseUrl` (`routeBasePath`, default `docs`), no slashes around. */
  route: string;
  /** `lastVersion`: the version served at the route itself; null for Docusaurus's default (the newest in versions.json). */
  lastVersion: string | null;
  /** `versions.<name>.path` where the config sets one. */
  versionPaths: Map<string, string>;
}

/**
 * A Docusaurus site, from `docusaurus.config.{js,ts}` read as literal data (never run):
 * `i18n.defaultLocale` and `i18n.locales`, each docs plugin instance's `path`, its versions
 * (`versions.json`, `versioned_docs/version-<name>/`) and its translations
 * (`i18n/<locale>/docusaurus-plugin-content-docs[-<id>]/current/` and `/version-<name>/`).
 */
export function describeDocusaurus(reader: TreeReader, root: string, configName: string): SiteDescription {
  const configFile = joinFolder(root, configName);
  const text = reader.text(configFile);
  const read = text === null ? { value: null, problem: null } : readModuleExport(text);
  if (read.problem) reader.note(configFile, read.problem);
  const config = isLiteralObject(read.value ?? undefined) ? (read.value as LiteralObject) : null;
  if (text !== null && config === null) {
    reader.note(configFile, `its export could not be read${read.value instanceof Unread ? ` (\`${read.value.source}\`)` : ''}: the defaults are assumed (docs in docs/, one locale)`);
  }
  const i18n = config ? objectAt(config, 'i18n', reader, configFile, 'i18n') : null;
  const defaultLocale = literalString(i18n, 'defaultLocale', reader, configFile, 'i18n.defaultLocale') ?? 'en';
  const instances = docsInstances(config, reader, configFile);

  const versions: Array<DocsVersion & { instance: DocsInstance }> = [];
  for (const instance of instances) {
    const file = joinFolder(root, instance.id === 'default' ? 'versions.json' : `${instance.id}_versions.json`);
    if (!reader.isFile(file)) continue;
    const list = reader.value(file);
    if (!Array.isArray(list) || !list.every((v) => typeof v === 'string' || typeof v === 'number')) {
      if (list !== undefined) reader.note(file, 'not read: expected a JSON array of version names');
      continue;
    }
    const folder = instance.id === 'default' ? 'versioned_docs' : `${instance.id}_versioned_docs`;
    for (const name of list.map(String)) {
      const versionFolder = `${folder}/version-${name}`;
      versions.push({ name, folder: versionFolder, present: reader.isDir(joinFolder(root, versionFolder)), instance });
    }
  }

  const named = i18n ? localeList(i18n, reader, configFile) : null;
  const onDisk = reader.dirs(joinFolder(root, 'i18n')).filter(isLocaleCode);
  const codes = named ?? [...new Set([defaultLocale, ...onDisk])];
  if (named === null && i18n !== null && onDisk.length > 0) reader.note(configFile, `the locales are taken from the folders in i18n/: ${onDisk.join(', ')}`);
  const locales: LocaleDescription[] = codes.map((locale) => {
    if (locale === defaultLocale) {
      return {
        locale,
        folders: [...instances.map((i) => ({ folder: i.path, source: i.path })), ...versions.filter((v) => v.present).map((v) => ({ folder: v.folder, source: v.folder }))],
        bySuffix: false,
      };
    }
    const folders: Array<{ folder: string; source: string }> = [];
    for (const instance of instances) {
      const plugin = `i18n/${locale}/docusaurus-plugin-content-docs${instance.id === 'default' ? '' : `-${instance.id}`}`;
      const pairs = [{ folder: `${plugin}/current`, source: instance.path }, ...versions.filter((v) => v.instance === instance).map((v) => ({ folder: `${plugin}/version-${v.name}`, source: v.folder }))];
      for (const pair of pairs) if (reader.isDir(joinFolder(root, pair.folder))) folders.push(pair);
    }
    return { locale, folders, bySuffix: false };
  });

  const baseUrl = `/${(literalString(config, 'baseUrl', reader, configFile, 'baseUrl') ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  const routes: Route[] = [];
  for (const instance of instances) {
    const own = versions.filter((v) => v.instance === instance);
    // Docusaurus serves the newest released version at the route itself, and the current docs under `next`, unless `lastVersion` says otherwise.
    const last = instance.lastVersion ?? own[0]?.name ?? 'current';
    const served = (name: string, fallback: string) => instance.versionPaths.get(name) ?? (name === last ? '' : fallback);
    const url = (versionPath: string) => `${baseUrl}${[instance.route, versionPath].filter((p) => p !== '').join('/')}/`.replace(/\/+/g, '/');
    routes.push({ folder: instance.path, url: url(served('current', 'next')), pages: 'docs' });
    for (const v of own) routes.push({ folder: v.folder, url: url(served(v.name, v.name)), pages: 'docs' });
  }
  for (const blog of blogInstances(config, reader, configFile)) routes.push({ folder: blog.path, url: `${baseUrl}${blog.route}/`.replace(/\/+/g, '/'), pages: 'blog' });

  return described(reader, 'docusaurus', root, {
    contentRoots: instances.map((i) => i.path),
    routes,
    defaultLocale,
    locales,
    versions: versions.map(({ instance: _instance, ...v }) => v),
    static: reader.isDir(joinFolder(root, 'static')) ? 'static' : null,
  });
}

/** The docs plugin instances: the classic preset's `docs` (unless `false`) and each `plugin-content-docs` entry. */
function docsInstances(config: LiteralObject | null, reader: TreeReader, file: string): DocsInstance[] {
  const out: DocsInstance[] = [];
  const add = (options: Literal | undefined, where: string) => {
    if (options === false) return;
    const o = isLiteralObject(options) ? options : {};
    if (options instanceof Unread) reader.note(file, `${where} is computed (\`${options.source}\`): its defaults are assumed`);
    const id = literalString(o, 'id', reader, file, `${where}.id`) ?? 'default';
    const docsPath = literalString(o, 'path', reader, file, `${where}.path`) ?? 'docs';
    if (o.includeCurrentVersion === false) reader.note(file, `${where}.includeCurrentVersion is false: ${cleanFolder(docsPath)}/ is not built as the current version (its pages are included all the same)`);
    const route = literalString(o, 'routeBasePath', reader, file, `${where}.routeBasePath`) ?? 'docs';
    const versionPaths = new Map<string, string>();
    const versions = isLiteralObject(o.versions) ? o.versions : {};
    for (const [name, options] of Object.entries(versions)) {
      const versionPath = isLiteralObject(options) ? literalString(options, 'path', reader, file, `${where}.versions.${name}.path`) : null;
      if (versionPath !== null) versionPaths.set(name, versionPath.replace(/^\/+|\/+$/g, ''));
    }
    out.push({ id, path: cleanFolder(docsPath), route: route.replace(/^\/+|\/+$/g, ''), lastVersion: literalString(o, 'lastVersion', reader, file, `${where}.lastVersion`), versionPaths });
  };
  const presets = config?.presets;
  let preset = false;
  if (presets instanceof Unread) reader.note(file, `presets is computed (\`${presets.source}\`): a classic preset with docs in docs/ is assumed`);
  for (const [i, entry] of (Array.isArray(presets) ? presets : []).entries()) {
    const [name, options] = Array.isArray(entry) ? entry : [entry, undefined];
    if (typeof name !== 'string' || !/classic/.test(name)) continue;
    preset = true;
    add(isLiteralObject(options) ? options.docs : options instanceof Unread ? options : undefined, `presets[${i}].docs`);
  }
  if (!preset && (presets === undefined || presets instanceof Unread)) add(undefined, 'presets');
  for (const [i, entry] of (Array.isArray(config?.plugins) ? (config.plugins as Literal[]) : []).entries()) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !/plugin-content-docs$/.test(entry[0])) continue;
    add(entry[1], `plugins[${i}]`);
  }
  return out;
}

/** The blog plugin instances: the classic preset's `blog` (unless `false`) and each `plugin-content-blog` entry. */
function blogInstances(config: LiteralObject | null, reader: TreeReader, file: string): Array<{ path: string; route: string }> {
  const out: Array<{ path: string; route: string }> = [];
  const add = (options: Literal | undefined, where: string) => {
    if (options === false) return;
    const o = isLiteralObject(options) ? options : {};
    const route = literalString(o, 'routeBasePath', reader, file, `${where}.routeBasePath`) ?? 'blog';
    out.push({ path: cleanFolder(literalString(o, 'path', reader, file, `${where}.path`) ?? 'blog'), route: route.replace(/^\/+|\/+$/g, '') });
  };
  for (const [i, entry] of (Array.isArray(config?.presets) ? (config.presets as Literal[]) : []).entries()) {
    const [name, options] = Array.isArray(entry) ? entry : [entry, undefined];
    if (typeof name === 'string' && /classic/.test(name)) add(isLiteralObject(options) ? options.blog : undefined, `presets[${i}].blog`);
  }
  for (const [i, entry] of (Array.isArray(config?.plugins) ? (config.plugins as Literal[]) : []).entries()) {
    if (Array.isArray(entry) && typeof entry[0] === 'string' && /plugin-content-blog$/.test(entry[0])) add(entry[1], `plugins[${i}]`);
  }
  return out;
}

function localeList(i18n: LiteralObject, reader: TreeReader, file: string): string[] | null {
  const list = i18n.locales;
  if (list instanceof Unread) {
    reader.note(file, `i18n.locales is computed (\`${list.source}\`), not read`);
    return null;
  }
  if (!Array.isArray(list)) return null;
  const codes = list.filter((l): l is string => typeof l === 'string');
  const bad = codes.filter((l) => !isLocaleCode(l));
  if (bad.length > 0) reader.note(file, `i18n.locales: ${bad.join(', ')} left out (not a locale code compatlint reads)`);
  if (codes.length < list.length) reader.note(file, 'i18n.locales: some entries are computed, not read');
  return codes.filter(isLocaleCode);
}

function objectAt(data: LiteralObject, key: string, reader: TreeReader, file: string, where: string): LiteralObject | null {
  const v = data[key];
  if (v instanceof Unread) reader.note(file, `${where} is computed (\`${v.source}\`), not read`);
  return isLiteralObject(v) ? v : null;
}

function literalString(data: LiteralObject | null, key: string, reader: TreeReader, file: string, where: string): string | null {
  const v = data?.[key];
  if (v instanceof Unread) reader.note(file, `${where} is computed (\`${v.source}\`), not read`);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}
