import path from 'node:path';
import type { Nodes } from 'mdast';
import { parseMarkdown } from '../../parse/markdown.js';
import { compareStrings } from '../../util/strings.js';
import { cleanFolder, isData, isLocaleCode, joinFolder, stringAt, described, type TreeReader } from './read.js';
import type { SiteDescription } from './types.js';

/** `{{#include file.md}}`, `{{#include file.md:2:10}}`: mdBook's include directive. */
const INCLUDE = /\{\{#include\s+([^}\s:]+)/g;

/**
 * An mdBook book: `book.toml`'s `[book] src` (default `src`) and `language`, and the chapters
 * `SUMMARY.md` lists. A page under `src` that neither `SUMMARY.md` lists nor a chapter
 * includes (`{{#include}}`) is not built, which is worth a note.
 */
export function describeMdbook(reader: TreeReader, root: string): SiteDescription {
  const file = joinFolder(root, 'book.toml');
  const config = reader.data(file) ?? {};
  const book = isData(config.book) ? config.book : {};
  const src = cleanFolder(stringAt(book, 'src') ?? 'src');
  const language = stringAt(book, 'language');
  if (config.language !== undefined || isData(config.languages)) reader.note(file, 'a multilingual book (languages) is not read: only the main book is described');
  const summary = joinFolder(joinFolder(root, src), 'SUMMARY.md');
  if (reader.isFile(summary)) {
    const text = reader.text(summary);
    if (text !== null) notBuilt(reader, joinFolder(root, src), summary, text);
  } else {
    reader.note(summary, 'not found: mdBook builds no chapter without it');
  }
  const defaultLocale = language !== null && isLocaleCode(language) ? language : null;
  return described(reader, 'mdbook', root, {
    contentRoots: [src],
    defaultLocale,
    locales: defaultLocale === null ? [] : [{ locale: defaultLocale, folders: [{ folder: src, source: src }], bySuffix: false }],
  });
}

/** Note the pages under `src` that no chapter of SUMMARY.md is and that no chapter includes. */
function notBuilt(reader: TreeReader, src: string, summary: string, text: string): void {
  const listed = new Set<string>([summary]);
  const stack: Nodes[] = [parseMarkdown(text.replace(/^\uFEFF/, ''))];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.type === 'link' || node.type === 'definition') addChapter(listed, src, node.url);
    if ('children' in node) stack.push(...(node.children as Nodes[]));
  }
  const pages = reader.files(src, /\.(md|markdown)$/i);
  const included = new Set<string>();
  for (const page of pages) {
    const body = reader.peek(page);
    for (const m of body?.matchAll(INCLUDE) ?? []) included.add(cleanFolder(path.posix.join(path.posix.dirname(page), m[1] as string)));
  }
  const missing = pages.filter((p) => !listed.has(p) && !included.has(p)).sort(compareStrings);
  if (missing.length > 0) {
    const shown = missing.slice(0, 5).map((p) => path.posix.relative(src || '.', p));
    reader.note(summary, `does not list ${missing.length} page${missing.length === 1 ? '' : 's'} under ${src || '.'}/ (not built): ${shown.join(', ')}${missing.length > 5 ? ', …' : ''}`);
  }
}

function addChapter(listed: Set<string>, src: string, url: string): void {
  let target = (url.split('#')[0] ?? '').trim();
  try {
    target = decodeURI(target);
  } catch {
    // A malformed escape names the file as written.
  }
  if (target === '' || /^[a-z]+:/i.test(target)) return;
  listed.add(cleanFolder(path.posix.join(src || '.', target)));
}
