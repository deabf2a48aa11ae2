import path from 'node:path';
import { type AnchorRules, HUGO_ANCHORS } from '../model/anchor.js';
import { extractPage, syntaxOf } from '../model/extract.js';
import type { CorpusPage, Shortcode } from '../model/types.js';
import type { SiteFiles } from './files.js';
import type { KnownPage, KnownPages } from './link-site.js';
import type { Site } from './types.js';

/** How deep includes are followed (a page that includes a page that includes...). */
const INCLUDE_DEPTH = 8;
/** mdBook's `{{#include file.md}}` (or `file.md:anchor`, `file.md:2:10`) on a line of its own. */
const MDBOOK_INCLUDE = /^[ \t]*\{\{#include\s+([^\s}:]+\.(?:md|markdown))(?::[^\s}]*)?\s*\}\}[ \t]*$/gm;
/** The include-markdown plugin's directive, `{% include-markdown "../README.md" start="..." end="..." %}`. */
const INCLUDE_MARKDOWN = /\{%\s*include-markdown\s+(["'])(.+?)\1([^%]*)%\}/g;

/**
 * Anchors of a page's text read as a page being checked is read (the same parser, the same
 * anchor code), so a link target that is not checked has exactly the anchors it would have if
 * it were: headings as the generator makes their ids, and `id`/`name` in its HTML.
 */
export function pageAnchors(text: string, file: string, rules: AnchorRules): { anchors: string[]; shortcodes: Shortcode[] } {
  const page = extractPage(text.replace(/^\uFEFF/, ''), { syntax: syntaxOf(file), anchors: rules });
  const headings = page.headings.map((h) => h.anchor).filter((a) => a !== '');
  return { anchors: [...headings, ...(rules.htmlIds ? page.html.flatMap((h) => htmlIds(h.value)) : [])], shortcodes: page.shortcodes };
}

/** The heading anchors of a page's text (Hugo's unless `rules` say otherwise). */
export function headingAnchors(text: string, rules: AnchorRules = HUGO_ANCHORS, file = 'page.md'): string[] {
  return extractPage(text.replace(/^\uFEFF/, ''), { syntax: syntaxOf(file), anchors: rules })
    .headings.map((h) => h.anchor)
    .filter((a) => a !== '');
}

/** `id="..."` and `<a name="...">` in a page's HTML: anchors too. */
export function htmlIds(text: string): string[] {
  const ids: string[] = [];
  for (const m of text.matchAll(/<[a-z][^>]*?\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) ids.push((m[1] ?? m[2]) as string);
  return ids;
}

/** What a page being checked says of its anchors, from its model. */
export function knownPage(page: CorpusPage, rules: AnchorRules): KnownPage {
  const anchors = new Set(page.headings.map((h) => h.anchor).filter((a) => a !== ''));
  if (rules.htmlIds) for (const h of page.html) for (const id of htmlIds(h.value)) anchors.add(id);
  return { anchors, shortcodes: page.shortcodes };
}

/**
 * The anchors of the site's pages: a page's own, and those of the files it includes (the
 * include shortcodes config names, mdBook's `{{#include}}`, MkDocs's include-markdown), whose
 * headings the generator puts on the page. Each file is read once, only inside the site.
 */
export class SiteAnchors {
  private readonly cache = new Map<string, ReadonlySet<string>>();
  private readonly includes: boolean;

  constructor(
    private readonly site: Site,
    private readonly files: SiteFiles,
    private readonly known: KnownPages,
  ) {
    this.includes = site.includeShortcodes.length > 0 || site.generator === 'mdbook' || site.generator === 'mkdocs';
  }

  of(file: string): ReadonlySet<string> {
    return this.anchorsOf(file, 0, new Set());
  }

  private anchorsOf(file: string, depth: number, seen: Set<string>): ReadonlySet<string> {
    const cached = this.cache.get(file);
    if (cached) return cached;
    const known = this.known.get(file);
    if (known && !this.includes) return known.anchors;
    let text: string | null = null;
    const own = known ?? this.read(file, (t) => (text = t));
    let all: ReadonlySet<string> = own?.anchors ?? new Set();
    if (own && this.includes && depth < INCLUDE_DEPTH && !seen.has(file)) {
      seen.add(file);
      const merged = new Set(all);
      for (const included of this.included(file, own.shortcodes, text ?? this.files.read(file) ?? '')) {
        const anchors = 'slice' in included ? pageAnchors(included.slice, included.file, this.site.anchors).anchors : this.anchorsOf(included.file, depth + 1, seen);
        for (const a of anchors) merged.add(a);
      }
      seen.delete(file);
      all = merged;
    }
    // What a nested read gives may be cut short by the cycle guard: only whole answers are kept.
    if (depth === 0) this.cache.set(file, all);
    return all;
  }

  private read(file: string, keep: (text: string) => void): KnownPage | null {
    const text = this.files.read(file);
    if (text === null) return null;
    keep(text);
    const { anchors, shortcodes } = pageAnchors(text, file, this.site.anchors);
    return { anchors: new Set(anchors), shortcodes };
  }

  /** The files a page pulls in, each whole or as the slice between include-markdown's markers. */
  private included(file: string, shortcodes: readonly Shortcode[], text: string): Array<{ file: string } | { file: string; slice: string }> {
    const dir = path.dirname(file);
    const out: Array<{ file: string } | { file: string; slice: string }> = [];
    for (const s of shortcodes) {
      if (s.closing) continue;
      for (const include of this.site.includeShortcodes) {
        if (include.shortcode !== s.name) continue;
        const written = include.param === undefined ? s.positional[0] : s.named[include.param];
        if (!written) continue;
        const from = include.from === 'root' || written.startsWith('/') ? this.site.root : dir;
        out.push({ file: path.join(from, written.replace(/^\/+/, '')) });
      }
    }
    if (this.site.generator === 'mdbook') for (const m of text.matchAll(MDBOOK_INCLUDE)) out.push({ file: path.join(dir, m[1] as string) });
    if (this.site.generator === 'mkdocs') {
      for (const m of text.matchAll(INCLUDE_MARKDOWN)) {
        const target = path.join(dir, m[2] as string);
        const options = m[3] as string;
        const start = /\bstart=(["'])(.*?)\1/.exec(options)?.[2];
        const end = /\bend=(["'])(.*?)\1/.exec(options)?.[2];
        if (start === undefined && end === undefined) {
          out.push({ file: target });
          continue;
        }
        const whole = this.files.read(target);
        if (whole === null) continue;
        const from = start === undefined ? 0 : whole.indexOf(start);
        const to = end === undefined ? -1 : whole.indexOf(end, Math.max(from, 0));
        if (from === -1) continue;
        out.push({ file: target, slice: whole.slice(from + (start?.length ?? 0), to === -1 ? undefined : to) });
      }
    }
    return out;
  }
}
