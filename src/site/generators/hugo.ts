import { compareStrings } from '../../util/strings.js';
import { cleanFolder, type Data, isData, isLocaleCode, joinFolder, described, type TreeReader } from './read.js';
import type { LocaleDescription, Mount, SiteDescription } from './types.js';

const EXTENSIONS = ['toml', 'yaml', 'yml', 'json'];
/** Hugo's config file names at the site root, in the order Hugo looks for them. */
export const HUGO_ROOT_CONFIGS = ['hugo', 'config'].flatMap((name) => EXTENSIONS.map((ext) => `${name}.${ext}`));
/** Settings only a Hugo config has: a `config.yaml` with none of these is some other tool's. */
const HUGO_KEYS = ['baseurl', 'contentdir', 'defaultcontentlanguage', 'languagecode', 'languages', 'module', 'theme', 'themesdir', 'taxonomies', 'markup', 'params', 'permalinks', 'disablekinds'];

/**
 * The config files of a Hugo site in `dir`: `hugo.*` or `config.*` at its root, then the
 * `config/_default/` folder (`hugo.*`, `config.*`, and the split files `languages.*` and
 * `module.*`); an empty list when `dir` holds no Hugo site.
 */
export function hugoConfigFiles(reader: TreeReader, dir: string): string[] {
  const out: string[] = [];
  const rootConfig = HUGO_ROOT_CONFIGS.map((name) => joinFolder(dir, name)).find((f) => reader.isFile(f));
  if (rootConfig !== undefined && (/\/?hugo\.\w+$/.test(rootConfig) || looksLikeHugo(reader, dir, rootConfig))) out.push(rootConfig);
  const split = joinFolder(dir, 'config/_default');
  if (reader.isDir(split)) {
    for (const name of ['hugo', 'config', 'languages', 'module']) {
      const file = EXTENSIONS.map((ext) => `${split}/${name}.${ext}`).find((f) => reader.isFile(f));
      if (file !== undefined) out.push(file);
    }
  }
  return out;
}

/** A `config.*` file is Hugo's when it has a Hugo setting, or when the folder has Hugo's folders. */
function looksLikeHugo(reader: TreeReader, dir: string, file: string): boolean {
  if (reader.isDir(joinFolder(dir, 'content')) && ['layouts', 'archetypes', 'themes'].some((f) => reader.isDir(joinFolder(dir, f)))) return true;
  const text = reader.peek(file);
  return text !== null && HUGO_KEYS.some((key) => new RegExp(`^\\s*"?${key}"?\\s*[:=]`, 'im').test(text));
}

/**
 * A Hugo site: `contentDir`, `defaultContentLanguage`, `languages` (each with its own
 * `contentDir`), `module.mounts`, `layoutDir`, `staticDir`, merged from its config files in
 * the order Hugo merges them. Keys are matched without case, as Hugo does.
 */
export function describeHugo(reader: TreeReader, root: string, files: readonly string[]): SiteDescription {
  const settings: Data = {};
  for (const file of files) {
    const data = reader.data(file);
    if (data === null) continue;
    const base = file.replace(/^.*\//, '').replace(/\.\w+$/, '');
    // `config/_default/languages.toml` holds what `languages` holds in the main file.
    if (base === 'languages' || base === 'module') settings[base] = data;
    else for (const [key, value] of Object.entries(data)) settings[key.toLowerCase()] = value;
  }
  const where = files[0] ?? joinFolder(root, 'hugo.toml');
  const contentDir = folderSetting(settings, 'contentDir', reader, where) ?? 'content';
  const defaultLocale = stringSetting(settings, 'defaultcontentlanguage') ?? 'en';
  const mounts = readMounts(settings, reader, where);
  const contentMounts = mounts.filter((m) => m.target === 'content' || m.target.startsWith('content/'));
  for (const m of contentMounts) {
    if (m.target !== 'content') reader.note(where, `module.mounts: ${m.source} is mounted at ${m.target}; compatlint reads its pages where they are (${m.source}/), so their URLs differ`);
  }

  const languages = readLanguages(settings, reader, where);
  if (!languages.some((l) => l.code === defaultLocale)) languages.unshift({ code: defaultLocale, contentDir: null });
  // With content mounts, Hugo no longer mounts contentDir: the mounts are the content.
  const defaultDirs = contentMounts.length > 0 ? contentMounts.filter((m) => m.lang === undefined || m.lang === defaultLocale).map((m) => m.source) : null;
  const dirOf = (code: string, own: string | null): string[] => {
    const mounted = contentMounts.filter((m) => m.lang === code).map((m) => m.source);
    if (mounted.length > 0) return mounted;
    if (defaultDirs !== null && own === null) return defaultDirs;
    return [own ?? contentDir];
  };
  const defaultLanguage = languages.find((l) => l.code === defaultLocale);
  const sources = dirOf(defaultLocale, defaultLanguage?.contentDir ?? null);
  const shared = languages.length > 1 && languages.every((l) => l.contentDir === null) && contentMounts.every((m) => m.lang === undefined);
  const locales: LocaleDescription[] = languages.map(({ code, contentDir: own }) => {
    const folders = dirOf(code, own);
    return {
      locale: code,
      folders: folders.map((folder, i) => ({ folder, source: sources[i] ?? sources[0] ?? contentDir })),
      bySuffix: shared,
    };
  });
  return described(reader, 'hugo', root, {
    contentRoots: sources,
    defaultLocale,
    locales,
    mounts: [...mounts, ...readImportMounts(settings, reader, where)],
    layouts: folderSetting(settings, 'layoutDir', reader, where) ?? 'layouts',
    static: folderSetting(settings, 'staticDir', reader, where) ?? 'static',
    markdown: goldmarkSettings(settings, reader, where),
  });
}

/**
 * What Goldmark, Hugo's Markdown renderer, does with headings and HTML: `{#id}` attributes on
 * headings (`markup.goldmark.parser.attribute.title`, default on) and raw HTML, which it drops
 * unless `markup.goldmark.renderer.unsafe` is set.
 */
function goldmarkSettings(settings: Data, reader: TreeReader, file: string): { explicitIds: boolean; rawHtml: boolean } {
  const goldmark = path(settings, ['markup', 'goldmark']);
  const idType = path(goldmark, ['parser', 'autoheadingidtype']);
  if (typeof idType === 'string' && idType.toLowerCase() !== 'github') {
    reader.note(file, `markup.goldmark.parser.autoHeadingIDType is ${idType}: compatlint makes heading anchors as the default (github) does`);
  }
  return {
    explicitIds: path(goldmark, ['parser', 'attribute', 'title']) !== false,
    rawHtml: path(goldmark, ['renderer', 'unsafe']) === true,
  };
}

/** A setting below `data` by its keys, matched without case as Hugo does. */
function path(data: unknown, keys: readonly string[]): unknown {
  let at = data;
  for (const key of keys) {
    if (!isData(at)) return undefined;
    at = lowerKeys(at)[key];
  }
  return at;
}

/** The content mounts of imported modules (`module.imports[].mounts`): folders of other repositories. */
function readImportMounts(settings: Data, reader: TreeReader, file: string): Mount[] {
  const imports = path(settings, ['module', 'imports']);
  if (!Array.isArray(imports)) return [];
  const out: Mount[] = [];
  imports.forEach((entry, i) => {
    const own = isData(entry) ? lowerKeys(entry) : {};
    if (typeof own.path !== 'string') return;
    const mounts = own.mounts;
    if (mounts === undefined) return;
    if (!Array.isArray(mounts)) {
      reader.note(file, `module.imports[${i}].mounts: expected a list, not read`);
      return;
    }
    for (const m of mounts) {
      const mount = isData(m) ? lowerKeys(m) : {};
      if (typeof mount.source !== 'string' || typeof mount.target !== 'string') continue;
      out.push({ source: cleanFolder(mount.source), target: cleanFolder(mount.target), module: own.path, ...(typeof mount.lang === 'string' ? { lang: mount.lang } : {}) });
    }
  });
  return out;
}

function readLanguages(settings: Data, reader: TreeReader, file: string): Array<{ code: string; contentDir: string | null }> {
  const languages = settings.languages;
  if (languages === undefined) return [];
  if (!isData(languages)) {
    reader.note(file, 'languages: expected a mapping of language codes, not read');
    return [];
  }
  const out: Array<{ code: string; contentDir: string | null; weight: number }> = [];
  for (const [code, value] of Object.entries(languages)) {
    const own = isData(value) ? lowerKeys(value) : {};
    if (own.disabled === true) continue;
    if (!isLocaleCode(code)) {
      reader.note(file, `languages.${code}: not a locale code compatlint reads, left out`);
      continue;
    }
    const dir = typeof own.contentdir === 'string' ? cleanFolder(own.contentdir) : null;
    out.push({ code, contentDir: dir, weight: typeof own.weight === 'number' ? own.weight : 0 });
  }
  // Hugo orders languages by weight, then by code.
  out.sort((a, b) => a.weight - b.weight || compareStrings(a.code, b.code));
  return out.map(({ code, contentDir }) => ({ code, contentDir }));
}

function readMounts(settings: Data, reader: TreeReader, file: string): Mount[] {
  const module = settings.module;
  if (module === undefined) return [];
  const mounts = isData(module) ? lowerKeys(module).mounts : undefined;
  if (mounts === undefined) return [];
  if (!Array.isArray(mounts)) {
    reader.note(file, 'module.mounts: expected a list, not read');
    return [];
  }
  const out: Mount[] = [];
  mounts.forEach((m, i) => {
    const own = isData(m) ? lowerKeys(m) : {};
    if (typeof own.source !== 'string' || typeof own.target !== 'string') {
      reader.note(file, `module.mounts[${i}]: no source or target, not read`);
      return;
    }
    const mount: Mount = { source: cleanFolder(own.source), target: cleanFolder(own.target) };
    if (typeof own.lang === 'string') mount.lang = own.lang;
    out.push(mount);
  });
  return out;
}

function lowerKeys(data: Data): Data {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k.toLowerCase(), v]));
}

function stringSetting(settings: Data, key: string): string | null {
  const v = settings[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

/** A folder setting; Hugo also takes a list for `staticDir`, of which compatlint uses the first. */
function folderSetting(settings: Data, key: string, reader: TreeReader, file: string): string | null {
  const v = settings[key.toLowerCase()];
  if (Array.isArray(v) && typeof v[0] === 'string') {
    if (v.length > 1) reader.note(file, `${key}: ${v.length} folders; compatlint uses the first, ${v[0]}`);
    return cleanFolder(v[0]);
  }
  return typeof v === 'string' && v.trim() !== '' ? cleanFolder(v) : null;
}
