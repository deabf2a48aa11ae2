import path from 'node:path';
import { compareStrings } from '../../util/strings.js';
import { cleanFolder, type Data, isData, isLocaleCode, joinFolder, stringAt, described, type TreeReader } from './read.js';
import type { LocaleDescription, SiteDescription } from './types.js';

/** MkDocs config names; ProperDocs, a fork of MkDocs, reads the same format from `properdocs.yml`. */
export const MKDOCS_CONFIGS = ['mkdocs.yml', 'mkdocs.yaml', 'properdocs.yml', 'properdocs.yaml'];

/** `{% include-markdown "../README.md" %}`, the include-markdown plugin's directive. */
const INCLUDE_MARKDOWN = /\{%\s*include-markdown\s+(["'])(.+?)\1/g;

/**
 * An MkDocs site: `docs_dir` (default `docs`), the i18n plugin's languages (mkdocs-static-i18n:
 * a list of `{locale, default}` or, in its older form, a mapping with `default_language`) and
 * its `docs_structure` (`suffix`: `page.fr.md`; `folder`: `docs/fr/page.md`), and the pages the
 * include-markdown plugin pulls into the site from outside `docs_dir`.
 */
export function describeMkdocs(reader: TreeReader, root: string, configName: string): SiteDescription {
  const file = joinFolder(root, configName);
  const config = reader.data(file) ?? {};
  if (typeof config.INHERIT === 'string') reader.note(file, `INHERIT: ${config.INHERIT} is not read; settings it holds are missing here`);
  const docsDir = cleanFolder(stringAt(config, 'docs_dir') ?? 'docs');
  const plugins = pluginOptions(config.plugins);
  const i18n = plugins.get('i18n');
  let defaultLocale: string | null = null;
  let locales: LocaleDescription[] = [];
  if (i18n !== undefined) {
    const { codes, fallback } = i18nLanguages(i18n, reader, file);
    defaultLocale = fallback;
    const structure = stringAt(i18n, 'docs_structure') ?? 'suffix';
    locales = codes.map((locale) => ({
      locale,
      folders: [structure === 'folder' ? { folder: joinFolder(docsDir, locale), source: joinFolder(docsDir, fallback ?? locale) } : { folder: docsDir, source: docsDir }],
      bySuffix: structure !== 'folder',
    }));
  }
  const includedFiles = plugins.has('include-markdown') ? includedFrom(reader, root, docsDir) : [];
  const extensions = pluginOptions(config.markdown_extensions);
  const toc = extensions.get('toc');
  if (toc !== undefined && toc.slugify !== undefined) reader.note(file, 'markdown_extensions.toc.slugify is set: compatlint makes heading anchors as the default slugify does');
  return described(reader, 'mkdocs', root, {
    contentRoots: [docsDir],
    defaultLocale,
    locales,
    includedFiles,
    markdown: { explicitIds: extensions.has('attr_list'), rawHtml: true },
  });
}

/** `plugins:` as a list of names or `{name: options}`, or a mapping: name → options. */
function pluginOptions(plugins: unknown): Map<string, Data> {
  const out = new Map<string, Data>();
  const add = (name: string, options: unknown) => out.set(name, isData(options) ? options : {});
  if (Array.isArray(plugins)) {
    for (const p of plugins) {
      if (typeof p === 'string') add(p, {});
      else if (isData(p)) for (const [name, options] of Object.entries(p)) add(name, options);
    }
  } else if (isData(plugins)) {
    for (const [name, options] of Object.entries(plugins)) add(name, options);
  }
  return out;
}

function i18nLanguages(i18n: Data, reader: TreeReader, file: string): { codes: string[]; fallback: string | null } {
  const languages = i18n.languages;
  let codes: string[] = [];
  let fallback = stringAt(i18n, 'default_language');
  if (Array.isArray(languages)) {
    for (const l of languages) {
      const code = isData(l) ? stringAt(l, 'locale') : null;
      if (code === null) continue;
      codes.push(code);
      if (isData(l) && l.default === true) fallback = code;
    }
  } else if (isData(languages)) {
    codes = Object.keys(languages);
  } else {
    reader.note(file, 'plugins.i18n.languages: not found, no locales read');
  }
  const bad = codes.filter((c) => !isLocaleCode(c));
  if (bad.length > 0) reader.note(file, `plugins.i18n.languages: ${bad.join(', ')} left out (not a locale code compatlint reads)`);
  codes = codes.filter(isLocaleCode);
  fallback ??= codes[0] ?? null;
  if (fallback !== null && !codes.includes(fallback)) codes.unshift(fallback);
  return { codes, fallback };
}

/** Pages outside `docs_dir` that pages inside it include with `include-markdown`, relative to the site root. */
function includedFrom(reader: TreeReader, root: string, docsDir: string): string[] {
  const out = new Set<string>();
  const docs = joinFolder(root, docsDir);
  for (const page of reader.files(docs, /\.(md|markdown)$/i)) {
    const text = reader.peek(page);
    if (text === null || !text.includes('include-markdown')) continue;
    for (const m of text.matchAll(INCLUDE_MARKDOWN)) {
      const target = cleanFolder(path.posix.join(path.posix.dirname(page), m[2] as string));
      const inDocs = target === docs || target.startsWith(`${docs}/`) || docs === '';
      const rel = cleanFolder(path.posix.relative(root || '.', target));
      if (!inDocs && !rel.startsWith('..') && /\.(md|markdown)$/i.test(target) && reader.isFile(target)) out.add(rel);
    }
  }
  return [...out].sort(compareStrings);
}
